/* rh-search-suggest.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Words longer than this, in characters, are never corrected. */
#define RH_SEARCH_SUGGEST_MAX_WORD 64

/* The nearest words of one read connection's index, and what they cost
 * to find: its vocabulary is read once per version of the index.
 */
typedef struct _RhSearchSuggest RhSearchSuggest;

guint rh_search_suggest_get_bound (guint n_chars);
guint rh_search_suggest_distance (const char *word,
                                  const char *term,
                                  guint       bound,
                                  guint      *out_prefix_distance);

RhSearchSuggest *rh_search_suggest_new (sqlite3 *db);
void             rh_search_suggest_free (RhSearchSuggest *suggest);
gboolean         rh_search_suggest_run (RhSearchSuggest *suggest,
                                        const char      *text,
                                        GCancellable    *cancellable,
                                        char           **out_suggestion,
                                        GError         **error);
guint            rh_search_suggest_get_n_terms (RhSearchSuggest *suggest);

G_END_DECLS
