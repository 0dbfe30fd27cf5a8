/* rh-search-tokenizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* FTS5's xToken: @start and @end are byte offsets into the text given. */
typedef int (*RhSearchTokenFunc) (void       *data,
                                  int         flags,
                                  const char *token,
                                  int         n_token,
                                  int         start,
                                  int         end);

typedef struct _RhSearchTokenizer RhSearchTokenizer;

RhSearchTokenizer *rh_search_tokenizer_new (sqlite3 *db);
void               rh_search_tokenizer_free (RhSearchTokenizer *self);
gboolean           rh_search_tokenizer_tokenize (RhSearchTokenizer *self,
                                                 int                flags,
                                                 const char        *text,
                                                 int                length,
                                                 RhSearchTokenFunc  func,
                                                 void              *data);
char              *rh_search_tokenizer_fold (RhSearchTokenizer *self,
                                             const char        *word,
                                             int                flags);

gboolean rh_search_tokenizer_tokenize_shared (int               flags,
                                              const char       *text,
                                              int               length,
                                              RhSearchTokenFunc func,
                                              void             *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhSearchTokenizer, rh_search_tokenizer_free)

G_END_DECLS
