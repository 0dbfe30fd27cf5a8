/* fuzz-search-query.c
 *
 * What a user types, turned into an FTS5 MATCH expression: the
 * expression is only quoted words joined by AND (the last one also as a
 * prefix), each word one token to FTS5's own tokenizer, so it
 * never carries FTS5 syntax of the user's own; SQLite's FTS5 accepts it;
 * and it finds a row that holds exactly what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "fuzz-common.h"
#include "rh-search-index.h"
#include "rh-search-query.h"
#include "rh-sqlite.h"

const char fuzz_harness_name[] = "search-query";

#define TYPED_ROW 1000

static sqlite3      *db;
static sqlite3_stmt *insert_stmt;
static sqlite3_stmt *match_stmt;

static void
exec_sql (const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    fuzz_fail ("SQL failed: %s: %s", sql, message);
}

static sqlite3_stmt *
prepare (const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    fuzz_fail ("cannot prepare %s: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

static void
open_database (void)
{
  if (sqlite3_open (":memory:", &db) != SQLITE_OK)
    fuzz_fail ("cannot open an in-memory database");

  /* The index's own tokenizer, so that the words split here are the
   * words it stores. */
  exec_sql ("CREATE VIRTUAL TABLE fts USING fts5 (question, answer, tokenize = 'unicode61 remove_diacritics 2');"
            "INSERT INTO fts (rowid, question, answer) VALUES"
            " (1, 'What is a Git branch, internally?', 'A movable name for a commit.'),"
            " (2, 'Process vs Pool', 'A Pool manages worker processes; naïve café.');");
  insert_stmt = prepare ("INSERT INTO fts (rowid, question, answer) VALUES (?1, ?2, '')");
  match_stmt = prepare ("SELECT rowid FROM fts WHERE fts MATCH ?1");
}

typedef struct
{
  guint n_tokens;
  int   start;
  int   end;
} SplitData;

static int
count_token (void             *data,
             int               flags,
             const char *token G_GNUC_UNUSED,
             int               n_token,
             int               start,
             int               end)
{
  SplitData *split = data;

  if ((flags & FTS5_TOKEN_COLOCATED) == 0 && n_token > 0)
    {
      split->n_tokens++;
      split->start = start;
      split->end = end;
    }

  return SQLITE_OK;
}

/* FTS5's own tokenizer, from the table's own connection, since that is
 * the one that splits the quoted word again. */
static fts5_tokenizer tokenizer;
static Fts5Tokenizer *tokenizer_instance;

static void
check_one_token (const char *word,
                 gsize       length,
                 const char *match)
{
  SplitData split = { 0, -1, -1 };

  if (tokenizer_instance == NULL)
    {
      const char *arguments[] = { "remove_diacritics", "2" };
      fts5_api   *api = rh_sqlite_get_fts5_api (db);
      void       *user_data = NULL;

      if (api == NULL || api->xFindTokenizer (api, "unicode61", &user_data, &tokenizer) != SQLITE_OK ||
          tokenizer.xCreate (user_data, arguments, 2, &tokenizer_instance) != SQLITE_OK)
        fuzz_fail ("no unicode61 tokenizer");
    }

  tokenizer.xTokenize (tokenizer_instance, &split, FTS5_TOKENIZE_QUERY, word, (int) length, count_token);
  fuzz_check (split.n_tokens == 1 && split.start == 0 && split.end == (int) length,
              "MATCH %s: a word that FTS5 splits into %u tokens", match, split.n_tokens);
}

/* Reads one quoted phrase at *p, checks that it is one word of the
 * query, and returns the word. */
static char *
read_phrase (const char **p,
             const char  *match)
{
  GString *word = g_string_new (NULL);

  fuzz_check (**p == '"', "MATCH %s: expected a quoted word at byte %d", match, (int) (*p - match));
  for ((*p)++;; (*p)++)
    {
      if (**p == '\0')
        fuzz_fail ("MATCH %s: a quoted word that never ends", match);
      if (**p == '"')
        {
          if ((*p)[1] != '"')
            break;
          (*p)++;
        }
      g_string_append_c (word, **p);
    }
  (*p)++;

  fuzz_check (word->len > 0, "MATCH %s: an empty phrase", match);
  fuzz_check_utf8 ("a word of the MATCH expression", word->str, word->len);
  check_one_token (word->str, word->len, match);

  return g_string_free (word, FALSE);
}

static gboolean
skip (const char **p,
      const char  *text)
{
  if (!g_str_has_prefix (*p, text))
    return FALSE;
  *p += strlen (text);
  return TRUE;
}

/* MATCH := WORD (" AND " WORD)*, where the last WORD may instead be
 * ("(" WORD " OR " WORD "*)"), the same word twice, when it may still
 * be growing. */
static void
check_grammar (const RhParsedQuery *parsed,
               const char          *match)
{
  const char *p = match;
  guint       n = parsed->tokens->len;

  for (guint i = 0; i < n; i++)
    {
      gboolean         last = i + 1 == n;
      gboolean         grouped;
      g_autofree char *word = NULL;

      if (i > 0)
        fuzz_check (skip (&p, " AND "), "MATCH %s: expected AND at byte %d", match, (int) (p - match));

      grouped = skip (&p, "(");
      fuzz_check (grouped == (last && parsed->prefix), "MATCH %s: a prefix group where none belongs", match);
      word = read_phrase (&p, match);
      fuzz_check (g_str_equal (word, g_ptr_array_index (parsed->tokens, i)), "MATCH %s: word %u is not token %u", match,
                  i, i);
      if (grouped)
        {
          g_autofree char *prefix = NULL;

          fuzz_check (skip (&p, " OR "), "MATCH %s: expected OR", match);
          prefix = read_phrase (&p, match);
          fuzz_check (g_str_equal (prefix, word), "MATCH %s: the prefix form is another word", match);
          fuzz_check (skip (&p, "*)"), "MATCH %s: expected *)", match);
        }
    }

  fuzz_check (*p == '\0', "MATCH %s: something after the last word", match);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autofree char *match = NULL;
  g_autofree char *same = NULL;
  RhParsedQuery    parsed;
  gboolean         found = FALSE;
  int              rc;

  fuzz_init ();
  if (db == NULL)
    open_database ();

  rh_search_query_parse (text, &parsed);
  match = rh_search_query_build_match (&parsed);
  same = rh_search_query_make_match (text);
  fuzz_check (g_strcmp0 (match, same) == 0, "the index builds another MATCH expression than the query builder");
  fuzz_check (parsed.tokens->len <= RH_SEARCH_MAX_TOKENS, "%u words, more than the limit", parsed.tokens->len);

  if (parsed.tokens->len == 0)
    {
      fuzz_check (match == NULL, "a MATCH expression with no words");
      fuzz_check (!parsed.prefix, "a prefix with no words");
      g_ptr_array_unref (parsed.tokens);
      return 0;
    }

  fuzz_check (match != NULL, "no MATCH expression for %u words", parsed.tokens->len);
  check_grammar (&parsed, match);

  /* The typed row lives in a transaction that is rolled back: deleting
   * it instead would leave FTS5 a tombstone to merge each time. */
  exec_sql ("BEGIN");
  sqlite3_bind_int (insert_stmt, 1, TYPED_ROW);
  sqlite3_bind_text (insert_stmt, 2, text, -1, SQLITE_STATIC);
  fuzz_check (sqlite3_step (insert_stmt) == SQLITE_DONE, "cannot insert the typed text: %s", sqlite3_errmsg (db));
  sqlite3_reset (insert_stmt);

  sqlite3_bind_text (match_stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (match_stmt)) == SQLITE_ROW)
    found |= sqlite3_column_int (match_stmt, 0) == TYPED_ROW;
  fuzz_check (rc == SQLITE_DONE, "FTS5 refuses MATCH %s: %s", match, sqlite3_errmsg (db));
  sqlite3_reset (match_stmt);
  sqlite3_clear_bindings (match_stmt);
  fuzz_check (found, "MATCH %s does not find the row that holds what was typed", match);

  exec_sql ("ROLLBACK");

  g_ptr_array_unref (parsed.tokens);

  return 0;
}
