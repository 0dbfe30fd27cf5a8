/* rh-search-highlight.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _RhSearchHighlight RhSearchHighlight;

RhSearchHighlight *rh_search_highlight_new (sqlite3 *db);
void               rh_search_highlight_free (RhSearchHighlight *self);
gboolean           rh_search_highlight_set_match (RhSearchHighlight *self,
                                                  const char        *match);
char              *rh_search_highlight_text (RhSearchHighlight *self,
                                             const char        *text,
                                             const char        *open,
                                             const char        *close);
char              *rh_search_highlight_snippet (RhSearchHighlight *self,
                                                const char        *text,
                                                const char        *open,
                                                const char        *close,
                                                const char        *ellipsis,
                                                int                n_tokens);

G_END_DECLS
