/* rh-search-tokenizer.c
 *
 * The index's own tokenizer (FTS5's unicode61, as RH_SEARCH_TOKENIZER
 * configures it), called directly: what the user typed, a suggestion or
 * a snippet is then split and folded exactly as the index split and
 * folded its text. FTS5 knows Unicode 6.1 and GLib a newer version, so
 * no table of our own could agree with it on every character.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-index-private.h"
#include "rh-search-tokenizer.h"

struct _RhSearchTokenizer
{
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance;
};

/**
 * rh_search_tokenizer_new:
 * @db: a connection with FTS5; the tokenizer does not keep it
 *
 * Returns: (transfer full) (nullable): the index's tokenizer, or %NULL
 *   when FTS5 cannot give it
 */
RhSearchTokenizer *
rh_search_tokenizer_new (sqlite3 *db)
{
  g_autofree RhSearchTokenizer *self = g_new0 (RhSearchTokenizer, 1);
  g_auto (GStrv)                arguments = g_strsplit (RH_SEARCH_TOKENIZER, " ", -1);
  fts5_api                     *api;
  void                         *user_data = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if ((api = rh_sqlite_get_fts5_api (db)) == NULL ||
      api->xFindTokenizer (api, arguments[0], &user_data, &self->tokenizer) != SQLITE_OK ||
      self->tokenizer.xCreate (user_data, (const char **) arguments + 1, (int) g_strv_length (arguments) - 1,
                               &self->instance) != SQLITE_OK)
    return NULL;

  return g_steal_pointer (&self);
}

void
rh_search_tokenizer_free (RhSearchTokenizer *self)
{
  g_return_if_fail (self != NULL);

  self->tokenizer.xDelete (self->instance);
  g_free (self);
}

/**
 * rh_search_tokenizer_tokenize:
 * @flags: FTS5_TOKENIZE_DOCUMENT, or FTS5_TOKENIZE_QUERY with or
 *   without FTS5_TOKENIZE_PREFIX
 * @length: bytes of @text, or -1 when it is NUL-terminated
 * @func: called with each token, folded, and where it lies in @text
 *
 * Returns: %FALSE if FTS5 failed, or @func did
 */
gboolean
rh_search_tokenizer_tokenize (RhSearchTokenizer *self,
                              int                flags,
                              const char        *text,
                              int                length,
                              RhSearchTokenFunc  func,
                              void              *data)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (length < 0)
    length = (int) strlen (text);

  return self->tokenizer.xTokenize (self->instance, data, flags, text, length, func) == SQLITE_OK;
}

typedef struct
{
  GString *folded;
  guint    n_tokens;
} FoldData;

static int
fold_token (void       *data,
            int         flags,
            const char *token,
            int         n_token,
            int start   G_GNUC_UNUSED,
            int end     G_GNUC_UNUSED)
{
  FoldData *fold = data;

  if ((flags & FTS5_TOKEN_COLOCATED) == 0 && fold->n_tokens++ == 0)
    g_string_append_len (fold->folded, token, n_token);

  return SQLITE_OK;
}

/**
 * rh_search_tokenizer_fold:
 * @word: one word
 *
 * Returns: (transfer full) (nullable): @word as the index holds it, or
 *   %NULL unless it is exactly one token of valid UTF-8
 */
char *
rh_search_tokenizer_fold (RhSearchTokenizer *self,
                          const char        *word,
                          int                flags)
{
  g_autoptr (GString) folded = g_string_new (NULL);
  FoldData            data = { folded, 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (!rh_search_tokenizer_tokenize (self, flags, word, -1, fold_token, &data) || data.n_tokens != 1 ||
      !g_utf8_validate (folded->str, folded->len, NULL))
    return NULL;

  return g_string_free (g_steal_pointer (&folded), FALSE);
}

/* One tokenizer for the process, on a connection of its own to an empty
 * in-memory database, for splitting a query before any index is open.
 * unicode61 folds into a buffer of the instance, so calls take turns.
 */
static GMutex             shared_lock;
static RhSearchTokenizer *shared_tokenizer;
static gboolean           shared_failed;

/**
 * rh_search_tokenizer_tokenize_shared:
 *
 * rh_search_tokenizer_tokenize() with the process's own tokenizer; any
 * thread may call it, and @func must not call it again.
 *
 * Returns: %FALSE if FTS5 failed, or @func did
 */
gboolean
rh_search_tokenizer_tokenize_shared (int               flags,
                                     const char       *text,
                                     int               length,
                                     RhSearchTokenFunc func,
                                     void             *data)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&shared_lock);

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (shared_tokenizer == NULL && !shared_failed)
    {
      static sqlite3 *db;

      /* Kept open: FTS5 gives a tokenizer for the life of its
       * connection. */
      if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) == SQLITE_OK)
        shared_tokenizer = rh_search_tokenizer_new (db);
      shared_failed = shared_tokenizer == NULL;
      if (shared_failed)
        {
          g_warning ("FTS5's tokenizer is not available: searches find nothing");
          g_clear_pointer (&db, sqlite3_close);
        }
    }

  if (shared_tokenizer == NULL)
    return FALSE;

  return rh_search_tokenizer_tokenize (shared_tokenizer, flags, text, length, func, data);
}
