/* rh-search-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words beyond this are dropped: nobody types them, and each costs the
 * ranking. */
#define RH_SEARCH_MAX_TOKENS 32

typedef struct
{
  GPtrArray *tokens; /* char* */
  gboolean   prefix; /* the last token may still be growing */
} RhParsedQuery;

void  rh_search_query_parse (const char    *text,
                             RhParsedQuery *parsed);
char *rh_search_query_build_match (const RhParsedQuery *parsed);
char *rh_search_query_make_match (const char *text);
char *rh_search_query_make_match_full (const char *text,
                                       guint      *out_n_tokens);

GPtrArray *rh_search_query_get_phrases (const char *match,
                                        gboolean   *out_prefix);
char      *rh_search_query_make_answers_match (const char *match);

G_END_DECLS
