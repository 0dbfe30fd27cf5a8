/* rh-search-reader.c
 *
 * One read-only connection to the search index and a query on it: the
 * ranking passes, then the details and highlights of the rows that
 * made the page, in one read transaction; and, after a search that
 * found nothing, the nearest words (rh-search-suggest.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-search-index-private.h"
#include "rh-search-rank.h"
#include "rh-search-reader.h"
#include "rh-search-suggest.h"
#include "rh-search-vfs.h"

/* Highlight markers. Control characters are removed from the indexed
 * text, so these cannot come from the content.
 */
#define MARK_OPEN '\x02'
#define MARK_CLOSE '\x03'

/* Ranking, best first: how well the question itself matches
 * (rh_search_tier: the whole question, the words as a phrase, every
 * word whole, every word or its prefix), then whether the words are
 * all within the question and the titles, then the rest; within each
 * tier rh_search_bm25, with the question weighted well above the
 * titles and the answer.
 *
 * A common word matches most answers, and ranking every match costs a
 * few microseconds a row, so the first pass ranks only the rows whose
 * question holds every word, with a column filter; that usually fills
 * the page. Only when it does not is every match ranked. Only rowids
 * are sorted; snippets are made afterwards for the survivors.
 */
static const char rank_sql[] =
    "SELECT rowid FROM fts"
    " WHERE fts MATCH ?1"
    "  AND (?2 < 0 OR difficulty = ?2)"
    "  AND (?3 IS NULL OR framework_slug = ?3)"
    "  AND (?4 IS NULL OR rh_search_keep (?5, path, question_id))"
    " ORDER BY rh_search_tier (fts, ?6), rh_search_bm25 (fts, 10.0, 1.0, 4.0, 2.0, 2.0), rowid"
    " LIMIT ?7";

/* The details of all results in one statement. Asking for one rowid at
 * a time would let FTS5 look the rowid up directly, but it would then
 * expand a prefix token's doclists once per result, a millisecond each;
 * the unary + keeps the rowids away from FTS5, which matches once and
 * makes snippets only for the rows in the set.
 */
static const char details_sql[] =
    "SELECT path, question_id, difficulty, raw_question, framework, topic, subtopic,"
    "  highlight (fts, 0, char (2), char (3)),"
    "  snippet (fts, 1, char (2), char (3), '…', 24),"
    "  rowid"
    " FROM fts WHERE fts MATCH ?1 AND +rowid IN (SELECT value FROM json_each (?2))";

struct _RhSearchReader
{
  sqlite3         *db;
  sqlite3_stmt    *rank_stmt;
  sqlite3_stmt    *details;
  RhSearchRank    *rank;
  RhSearchSuggest *suggest; /* made by the first suggestion */
  guint            generation;
};

/**
 * rh_search_reader_open:
 * @generation: the index file's, for the pool to compare
 *
 * Fails with %RH_SEARCH_INDEX_ERROR_NOT_READY when there is no index.
 *
 * Returns: (transfer full) (nullable): a reader
 */
RhSearchReader *
rh_search_reader_open (const char *path,
                       guint       generation,
                       GError    **error)
{
  RhSearchReader *reader;
  int             rc;

  g_return_val_if_fail (path != NULL, NULL);

  reader = g_new0 (RhSearchReader, 1);
  reader->generation = generation;

  /* Read-only and unshared: each query thread has a connection of its
   * own, so SQLite's per-connection mutex is not needed.
   */
  rc = rh_search_vfs_open (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, 5000, &reader->db);
  if (rc == SQLITE_OK)
    {
      reader->rank = rh_search_rank_new (reader->db);
      rc = rh_search_rank_register (reader->rank);
    }

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN)
        g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY,
                             _ ("The search index has not been built yet"));
      else
        rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not open the search index"));
      rh_search_reader_free (reader);
      return NULL;
    }

  return reader;
}

void
rh_search_reader_free (RhSearchReader *reader)
{
  g_return_if_fail (reader != NULL);

  g_clear_pointer (&reader->rank_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->details, sqlite3_finalize);
  g_clear_pointer (&reader->suggest, rh_search_suggest_free);
  g_clear_pointer (&reader->db, sqlite3_close);
  g_clear_pointer (&reader->rank, rh_search_rank_free);
  g_free (reader);
}

guint
rh_search_reader_get_generation (RhSearchReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->generation;
}

static int
progress_handler (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* Splits FTS5-highlighted text into plain text and Pango markup. The
 * content is untrusted, so everything between markers is escaped.
 */
static void
split_marked (const char *marked,
              char      **out_plain,
              char      **out_markup)
{
  GString    *plain = g_string_new (NULL);
  GString    *markup = g_string_new (NULL);
  gboolean    open = FALSE;
  const char *start = marked != NULL ? marked : "";

  for (const char *p = start;; p++)
    {
      if (*p != MARK_OPEN && *p != MARK_CLOSE && *p != '\0')
        continue;

      if (p > start)
        {
          g_autofree char *escaped = g_markup_escape_text (start, p - start);

          g_string_append_len (plain, start, p - start);
          g_string_append (markup, escaped);
        }

      if (*p == '\0')
        break;

      if (*p == MARK_OPEN && !open)
        g_string_append (markup, "<b>");
      else if (*p == MARK_CLOSE && open)
        g_string_append (markup, "</b>");
      open = *p == MARK_OPEN;
      start = p + 1;
    }

  if (open)
    g_string_append (markup, "</b>");

  *out_plain = g_string_free (plain, FALSE);
  *out_markup = g_string_free (markup, FALSE);
}

static RhSearchResult *
result_from_row (sqlite3_stmt *stmt)
{
  g_autoptr (RhQuestionRef) ref = NULL;
  g_autofree char          *question_plain = NULL;
  g_autofree char          *question_markup = NULL;
  g_autofree char          *snippet = NULL;
  g_autofree char          *snippet_markup = NULL;
  int                       difficulty = sqlite3_column_int (stmt, 2);

  split_marked ((const char *) sqlite3_column_text (stmt, 7), &question_plain, &question_markup);
  split_marked ((const char *) sqlite3_column_text (stmt, 8), &snippet, &snippet_markup);

  ref = rh_question_ref_new ((const char *) sqlite3_column_text (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1));

  return rh_search_result_new (ref,
                               CLAMP (difficulty, RH_DIFFICULTY_EASY, RH_DIFFICULTY_HARD),
                               (const char *) sqlite3_column_text (stmt, 3),
                               question_markup,
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 5),
                               (const char *) sqlite3_column_text (stmt, 6),
                               snippet,
                               snippet_markup);
}

static gboolean
prepare (RhSearchReader *reader,
         GError        **error)
{
  int rc;

  if (reader->details != NULL)
    return TRUE;

  rc = sqlite3_prepare_v3 (reader->db, rank_sql, -1, SQLITE_PREPARE_PERSISTENT, &reader->rank_stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (reader->db, details_sql, -1, SQLITE_PREPARE_PERSISTENT, &reader->details, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  /* Before the first build there is no table to prepare against. */
  if ((rc & 0xff) == SQLITE_ERROR)
    g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY,
                         _ ("The search index has not been built yet"));
  else
    rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not search"));

  g_clear_pointer (&reader->rank_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->details, sqlite3_finalize);

  return FALSE;
}

/* Adds the rowids of one ranking pass to @rowids, skipping those an
 * earlier pass found, until there are @limit.
 */
static gboolean
rank_pass (RhSearchReader       *reader,
           const char           *match,
           guint                 n_tokens,
           const RhSearchFilter *filter,
           guint                 limit,
           GArray               *rowids,
           GHashTable           *seen,
           GError              **error)
{
  sqlite3_stmt *stmt = reader->rank_stmt;
  int           rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, filter->difficulty);
  if (filter->framework_slug != NULL)
    sqlite3_bind_text (stmt, 3, filter->framework_slug, -1, SQLITE_STATIC);
  if (filter->only_refs != NULL)
    {
      sqlite3_bind_int (stmt, 4, 1);
      sqlite3_bind_pointer (stmt, 5, filter->only_refs, "RhSearchRefs", NULL);
    }
  sqlite3_bind_int (stmt, 6, n_tokens);

  /* Every earlier result may come again. */
  sqlite3_bind_int (stmt, 7, limit + rowids->len);

  while (rowids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (seen, &rowid))
        continue;

      g_array_append_val (rowids, rowid);
      g_hash_table_add (seen, g_memdup2 (&rowid, sizeof rowid));
    }

  if (rowids->len >= limit)
    rc = SQLITE_DONE;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not search"));

  return TRUE;
}

static gboolean
query_rows (RhSearchReader       *reader,
            const char           *match,
            guint                 n_tokens,
            const RhSearchFilter *filter,
            guint                 limit,
            GPtrArray            *results,
            GError              **error)
{
  g_autoptr (GArray)     rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr (GString)    rowid_list = g_string_new (NULL);
  g_autofree char       *question_match = NULL;
  int                    rc;

  if (!prepare (reader, error))
    return FALSE;

  rh_search_rank_load_sizes (reader->rank);

  /* Every question holding all the words, then, if the page is not
   * full, every match.
   */
  question_match = g_strdup_printf ("question : (%s)", match);
  if (!rank_pass (reader, question_match, n_tokens, filter, limit, rowids, seen, error) ||
      (rowids->len < limit && !rank_pass (reader, match, n_tokens, filter, limit, rowids, seen, error)))
    return FALSE;

  if (rowids->len == 0)
    return TRUE;

  for (guint i = 0; i < rowids->len; i++)
    g_string_append_printf (rowid_list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "[", g_array_index (rowids, gint64, i));
  g_string_append_c (rowid_list, ']');

  sqlite3_bind_text (reader->details, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (reader->details, 2, rowid_list->str, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (reader->details)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (reader->details, 9);

      g_hash_table_insert (by_rowid, g_memdup2 (&rowid, sizeof rowid), result_from_row (reader->details));
    }
  sqlite3_reset (reader->details);
  sqlite3_clear_bindings (reader->details);

  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not search"));

  /* Back into the ranking's order. */
  for (guint i = 0; i < rowids->len; i++)
    {
      RhSearchResult *result = g_hash_table_lookup (by_rowid, &g_array_index (rowids, gint64, i));

      if (result != NULL)
        g_ptr_array_add (results, g_object_ref (result));
    }

  return TRUE;
}

/**
 * rh_search_reader_query:
 * @match: an FTS5 query from rh_search_query_build_match()
 * @n_tokens: how many words it has
 * @results: (element-type RhSearchResult): where the results go, best
 *   first
 * @out_damaged: (out): whether the query failed because the index is
 *   damaged
 *
 * Runs on any thread, with a reader of its own.
 */
gboolean
rh_search_reader_query (RhSearchReader       *reader,
                        const char           *match,
                        guint                 n_tokens,
                        const RhSearchFilter *filter,
                        guint                 limit,
                        GCancellable         *cancellable,
                        GPtrArray            *results,
                        gboolean             *out_damaged,
                        GError              **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean           ok;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 1000, progress_handler, cancellable);

  /* One read transaction, so that a rebuild committing between the
   * ranking and the details cannot change what a rowid means.
   */
  ok = sqlite3_exec (reader->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
       query_rows (reader, match, n_tokens, filter, limit, results, &local_error);

  if (!ok && local_error == NULL)
    rh_sqlite_set_error (&local_error, &rh_search_index_errors, reader->db, sqlite3_errcode (reader->db), _ ("Could not search"));

  *out_damaged = !ok && rh_sqlite_is_damage (sqlite3_extended_errcode (reader->db));

  rh_sqlite_rollback (reader->db);

  sqlite3_progress_handler (reader->db, 0, NULL, NULL);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

/**
 * rh_search_reader_suggest:
 * @text: what the user typed
 * @out_suggestion: (out) (transfer full) (nullable): see
 *   rh_search_suggest_run()
 * @out_damaged: (out): whether it failed because the index is damaged
 *
 * Runs on any thread, with a reader of its own.
 */
gboolean
rh_search_reader_suggest (RhSearchReader *reader,
                          const char     *text,
                          GCancellable   *cancellable,
                          char          **out_suggestion,
                          gboolean       *out_damaged,
                          GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean           ok;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_suggestion != NULL, FALSE);

  *out_suggestion = NULL;

  if (reader->suggest == NULL)
    reader->suggest = rh_search_suggest_new (reader->db);

  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 1000, progress_handler, cancellable);

  /* The vocabulary is read in one transaction, as a query is; before
   * the first build, preparing the query says there is no index yet.
   */
  ok = sqlite3_exec (reader->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
       prepare (reader, &local_error) &&
       rh_search_suggest_run (reader->suggest, text, cancellable, out_suggestion, &local_error);

  if (!ok && local_error == NULL)
    rh_sqlite_set_error (&local_error, &rh_search_index_errors, reader->db, sqlite3_errcode (reader->db), _ ("Could not search"));

  *out_damaged = !ok && rh_sqlite_is_damage (sqlite3_extended_errcode (reader->db));

  rh_sqlite_rollback (reader->db);

  sqlite3_progress_handler (reader->db, 0, NULL, NULL);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}
