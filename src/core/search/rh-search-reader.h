/* rh-search-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-search-index.h"

G_BEGIN_DECLS

typedef struct _RhSearchReader RhSearchReader;

/* Other ways to answer a query, for tests and benchmarks to compare. */
typedef enum
{
  RH_SEARCH_READER_DEFAULT = 0,
  /* Rank every match of fts in one pass, without fts_titles. */
  RH_SEARCH_READER_RANK_EVERY_MATCH = 1 << 0,
  /* Mark the results with FTS5's highlight() and snippet(). */
  RH_SEARCH_READER_FTS5_MARKS = 1 << 1,
} RhSearchReaderFlags;

/* How the last query was answered. */
typedef struct
{
  gboolean answers_pass; /* fts_titles did not fill the page, or was not used */
  gboolean counted; /* FTS5 counted some phrase's rows */
  gboolean fts5_marks;
  guint    n_visited; /* matches the ranking went through */
  guint    n_scored;
} RhSearchReaderStats;

RhSearchReader *rh_search_reader_open (const char *path,
                                       guint       generation,
                                       GError    **error);
void            rh_search_reader_free (RhSearchReader *reader);
guint           rh_search_reader_get_generation (RhSearchReader *reader);
void            rh_search_reader_set_flags (RhSearchReader     *reader,
                                            RhSearchReaderFlags flags);

const RhSearchReaderStats *rh_search_reader_get_stats (RhSearchReader *reader);

gboolean rh_search_reader_query (RhSearchReader       *reader,
                                 const char           *match,
                                 guint                 n_tokens,
                                 const RhSearchFilter *filter,
                                 guint                 limit,
                                 GCancellable         *cancellable,
                                 GPtrArray            *results,
                                 gboolean             *out_damaged,
                                 GError              **error);
gboolean rh_search_reader_suggest (RhSearchReader *reader,
                                   const char     *text,
                                   GCancellable   *cancellable,
                                   char          **out_suggestion,
                                   gboolean       *out_damaged,
                                   GError        **error);

G_END_DECLS
