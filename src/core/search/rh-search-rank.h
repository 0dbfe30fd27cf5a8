/* rh-search-rank.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rh-search-index.h"

G_BEGIN_DECLS

/* The ranking functions of one read connection, and what they read. */
typedef struct _RhSearchRank RhSearchRank;

/* The ranking of one query. */
typedef struct _RhSearchScoring RhSearchScoring;

/* What the statement of a pass matches, and so what it may skip. */
typedef enum
{
  RH_SEARCH_PASS_NONE,
  /* fts_titles: every match is of tiers 0 to 4. */
  RH_SEARCH_PASS_TITLES,
  /* fts, with the titles pass's rows to skip: the rest are of tier 5.
   * Its match is rh_search_query_make_answers_match()'s. */
  RH_SEARCH_PASS_ANSWERS,
  /* fts, every match of any tier: what the other two must agree with. */
  RH_SEARCH_PASS_EVERY,
  /* Counting passes: at their first row, FTS5 counts the rows that hold
   * each phrase in the table (and columns) matched, in the question and
   * titles, or in whole rows. */
  RH_SEARCH_PASS_TITLE_COUNTS,
  RH_SEARCH_PASS_TOTAL_COUNTS,
} RhSearchPass;

RhSearchRank *rh_search_rank_new (sqlite3 *db);
void          rh_search_rank_free (RhSearchRank *rank);
int           rh_search_rank_register (RhSearchRank *rank);
void          rh_search_rank_load_sizes (RhSearchRank *rank);

RhSearchScoring *rh_search_scoring_new (RhSearchRank         *rank,
                                        guint                 n_tokens,
                                        gboolean              prefix,
                                        const RhSearchFilter *filter,
                                        GCancellable         *cancellable,
                                        GError              **error);
void             rh_search_scoring_free (RhSearchScoring *scoring);
gboolean         rh_search_scoring_allows_nothing (RhSearchScoring *scoring);
gboolean         rh_search_scoring_begin (RhSearchScoring *scoring,
                                          RhSearchPass     pass,
                                          guint            limit,
                                          GArray          *skip);
RhSearchPass     rh_search_scoring_needs_counts (RhSearchScoring *scoring);
gboolean         rh_search_scoring_end (RhSearchScoring *scoring,
                                        GArray          *out_rowids);
void             rh_search_scoring_get_counts (RhSearchScoring *scoring,
                                               guint           *out_visited,
                                               guint           *out_scored);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhSearchScoring, rh_search_scoring_free)

G_END_DECLS
