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

#include <string.h>

#include "rh-search-highlight.h"
#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-rank.h"
#include "rh-search-reader.h"
#include "rh-search-suggest.h"
#include "rh-search-vfs.h"

/* Highlight markers. Control characters are removed from the indexed
 * text, so these cannot come from the content.
 */
#define MARK_OPEN '\x02'
#define MARK_CLOSE '\x03'
#define MARK_OPEN_S "\x02"
#define MARK_CLOSE_S "\x03"

/* Ranking (rh-search-rank.c) puts first the questions that hold the
 * words, then those whose titles complete them, then the rest. The
 * first two kinds are all in fts_titles, whose rows have no answer and
 * whose words' lists are a fraction of fts's: one pass there usually
 * fills the page, and then the answers, where a common word is in most
 * rows, are not read at all. Otherwise a second pass over fts ranks the
 * rest below them. Each pass scores its rows as FTS5 gives them and
 * keeps the best in a heap; nothing is sorted by SQL.
 */
static const char titles_sql[] =
    "SELECT count(*) FROM fts_titles WHERE fts_titles MATCH ?1 AND rh_search_rank (fts_titles, ?2)";
static const char answers_sql[] = "SELECT count(*) FROM fts WHERE fts MATCH ?1 AND rh_search_rank (fts, ?2)";

/* Counting passes, and passes over one phrase, which stop at the first
 * match. */
static const char titles_count_sql[] =
    "SELECT 1 FROM fts_titles WHERE fts_titles MATCH ?1 AND rh_search_rank (fts_titles, ?2) LIMIT 1";
static const char answers_count_sql[] = "SELECT 1 FROM fts WHERE fts MATCH ?1 AND rh_search_rank (fts, ?2) LIMIT 1";

/* What a result shows, by rowid: FTS5 looks a row up directly when
 * nothing is matched. The marks come from rh-search-highlight.c.
 */
static const char row_sql[] = "SELECT path, question_id, difficulty, raw_question, framework, topic, subtopic,"
                              "  question, answer"
                              " FROM fts WHERE rowid = ?1";

/* The same with FTS5's own marks, when rh-search-highlight.c cannot
 * make them: asking for one rowid at a time would have FTS5 match
 * again for each, so the unary + keeps the rowids away from FTS5,
 * which matches once and makes marks only for the rows in the set.
 */
static const char details_sql[] =
    "SELECT path, question_id, difficulty, raw_question, framework, topic, subtopic,"
    "  highlight (fts, 0, char (2), char (3)),"
    "  snippet (fts, 1, char (2), char (3), '…', 24),"
    "  rowid"
    " FROM fts WHERE fts MATCH ?1 AND +rowid IN (SELECT value FROM json_each (?2))";

struct _RhSearchReader
{
  sqlite3            *db;
  sqlite3_stmt       *titles_stmt; /* NULL in an index without fts_titles */
  sqlite3_stmt       *titles_count_stmt;
  sqlite3_stmt       *answers_stmt;
  sqlite3_stmt       *answers_count_stmt;
  sqlite3_stmt       *row_stmt;
  sqlite3_stmt       *details;
  RhSearchRank       *rank;
  RhSearchHighlight  *highlight; /* made by the first query */
  gboolean            highlight_failed;
  RhSearchSuggest    *suggest; /* made by the first suggestion */
  guint               generation;
  RhSearchReaderFlags flags;
  RhSearchReaderStats stats;
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

  g_clear_pointer (&reader->titles_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->titles_count_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->answers_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->answers_count_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->row_stmt, sqlite3_finalize);
  g_clear_pointer (&reader->details, sqlite3_finalize);
  g_clear_pointer (&reader->highlight, rh_search_highlight_free);
  g_clear_pointer (&reader->suggest, rh_search_suggest_free);
  g_clear_pointer (&reader->rank, rh_search_rank_free);
  g_clear_pointer (&reader->db, sqlite3_close);
  g_free (reader);
}

guint
rh_search_reader_get_generation (RhSearchReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->generation;
}

/**
 * rh_search_reader_set_flags:
 *
 * How later queries are answered, for tests and benchmarks; the results
 * are the same either way.
 */
void
rh_search_reader_set_flags (RhSearchReader     *reader,
                            RhSearchReaderFlags flags)
{
  g_return_if_fail (reader != NULL);

  reader->flags = flags;
}

/**
 * rh_search_reader_get_stats:
 *
 * Returns: (transfer none): how the last query was answered
 */
const RhSearchReaderStats *
rh_search_reader_get_stats (RhSearchReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return &reader->stats;
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
make_result (sqlite3_stmt *stmt,
             const char   *marked_question,
             const char   *marked_snippet)
{
  g_autoptr (RhQuestionRef) ref = NULL;
  g_autofree char          *question_plain = NULL;
  g_autofree char          *question_markup = NULL;
  g_autofree char          *snippet = NULL;
  g_autofree char          *snippet_markup = NULL;
  const char               *path = (const char *) sqlite3_column_text (stmt, 0);
  const char               *id = (const char *) sqlite3_column_text (stmt, 1);
  int                       difficulty = sqlite3_column_int (stmt, 2);

  if (path == NULL || id == NULL)
    return NULL;

  split_marked (marked_question, &question_plain, &question_markup);
  split_marked (marked_snippet, &snippet, &snippet_markup);

  ref = rh_question_ref_new (path, id);

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
prepare_one (RhSearchReader *reader,
             const char     *sql,
             sqlite3_stmt  **out_stmt,
             GError        **error)
{
  int rc;

  if (*out_stmt != NULL)
    return TRUE;

  rc = sqlite3_prepare_v3 (reader->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out_stmt, NULL);
  if (rc == SQLITE_OK)
    return TRUE;

  /* Before the first build there is no table to prepare against. */
  if ((rc & 0xff) == SQLITE_ERROR)
    g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY,
                         _ ("The search index has not been built yet"));
  else
    rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not search"));

  return FALSE;
}

static gboolean
prepare (RhSearchReader *reader,
         GError        **error)
{
  if (reader->row_stmt == NULL &&
      (!prepare_one (reader, answers_sql, &reader->answers_stmt, error) ||
       !prepare_one (reader, answers_count_sql, &reader->answers_count_stmt, error) ||
       !prepare_one (reader, row_sql, &reader->row_stmt, error)))
    {
      g_clear_pointer (&reader->answers_stmt, sqlite3_finalize);
      g_clear_pointer (&reader->answers_count_stmt, sqlite3_finalize);
      return FALSE;
    }

  if (reader->titles_stmt != NULL)
    return TRUE;

  /* An index of an older format, until it is built again, is ranked
   * from fts alone.
   */
  if (sqlite3_prepare_v3 (reader->db, titles_sql, -1, SQLITE_PREPARE_PERSISTENT, &reader->titles_stmt, NULL) !=
          SQLITE_OK ||
      sqlite3_prepare_v3 (reader->db, titles_count_sql, -1, SQLITE_PREPARE_PERSISTENT, &reader->titles_count_stmt,
                          NULL) != SQLITE_OK)
    {
      g_clear_pointer (&reader->titles_stmt, sqlite3_finalize);
      g_clear_pointer (&reader->titles_count_stmt, sqlite3_finalize);
    }

  return TRUE;
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* One statement of rh_search_rank() calls over the matches of @match. */
static gboolean
run_pass (RhSearchReader  *reader,
          sqlite3_stmt    *stmt,
          const char      *match,
          RhSearchScoring *scoring,
          GError         **error)
{
  int rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_pointer (stmt, 2, scoring, "RhSearchScoring", NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not search"));

  return TRUE;
}

/* One ranking pass, and the counting pass it may need; adds the best
 * @limit of its rows to @rowids.
 */
static gboolean
rank_pass (RhSearchReader  *reader,
           RhSearchPass     pass,
           sqlite3_stmt    *stmt,
           sqlite3_stmt    *count_stmt,
           const char      *match,
           RhSearchScoring *scoring,
           guint            limit,
           GArray          *skip,
           GArray          *rowids,
           GError         **error)
{
  RhSearchPass counts;

  if (!run_pass (reader, rh_search_scoring_begin (scoring, pass, limit, skip) ? count_stmt : stmt, match, scoring,
                 error))
    return FALSE;

  if ((counts = rh_search_scoring_needs_counts (scoring)) != RH_SEARCH_PASS_NONE)
    {
      reader->stats.counted = TRUE;
      rh_search_scoring_begin (scoring, counts, 0, NULL);
      if (!run_pass (reader, count_stmt, match, scoring, error))
        return FALSE;
    }

  if (!rh_search_scoring_end (scoring, rowids))
    {
      g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_FAILED, _ ("Could not search"));
      return FALSE;
    }

  return TRUE;
}

/* The best @limit rowids, best first. */
static gboolean
rank_rows (RhSearchReader  *reader,
           const char      *match,
           RhSearchScoring *scoring,
           guint            limit,
           GCancellable    *cancellable,
           GArray          *rowids,
           GError         **error)
{
  g_autoptr (GArray) skip = NULL;
  g_autofree char   *titles_match = NULL;
  g_autofree char   *answers_match = NULL;

  if ((reader->flags & RH_SEARCH_READER_RANK_EVERY_MATCH) == 0 && reader->titles_stmt != NULL)
    {
      if (!rank_pass (reader, RH_SEARCH_PASS_TITLES, reader->titles_stmt, reader->titles_count_stmt, match, scoring,
                      limit, NULL, rowids, error))
        return FALSE;

      /* A full page: every row left has a word only in its answer and
       * comes after these. */
      if (rowids->len >= limit)
        return TRUE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      reader->stats.answers_pass = TRUE;
      skip = g_array_copy (rowids);
      g_array_sort (skip, compare_rowids);
      answers_match = rh_search_query_make_answers_match (match);

      return rank_pass (reader, RH_SEARCH_PASS_ANSWERS, reader->answers_stmt, reader->answers_count_stmt,
                        answers_match != NULL ? answers_match : match, scoring, limit - rowids->len, skip, rowids,
                        error);
    }

  /* Every row at once, each scored as FTS5 gives it: what fts_titles
   * would count comes from fts's question and titles, and all counts
   * come first.
   */
  reader->stats.answers_pass = TRUE;
  titles_match = g_strdup_printf ("{question subtopic topic framework} : (%s)", match);
  rh_search_scoring_begin (scoring, RH_SEARCH_PASS_TITLE_COUNTS, 0, NULL);
  if (!run_pass (reader, reader->answers_count_stmt, titles_match, scoring, error))
    return FALSE;
  rh_search_scoring_begin (scoring, RH_SEARCH_PASS_TOTAL_COUNTS, 0, NULL);
  if (!run_pass (reader, reader->answers_count_stmt, match, scoring, error))
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return rank_pass (reader, RH_SEARCH_PASS_EVERY, reader->answers_stmt, reader->answers_count_stmt, match, scoring,
                    limit, NULL, rowids, error);
}

/* The results of @rowids, marked by FTS5 itself. */
static gboolean
fts5_details (RhSearchReader *reader,
              const char     *match,
              GArray         *rowids,
              GPtrArray      *results,
              GError        **error)
{
  g_autoptr (GHashTable) by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr (GString)    rowid_list = g_string_new (NULL);
  int                    rc;

  if (!prepare_one (reader, details_sql, &reader->details, error))
    return FALSE;

  for (guint i = 0; i < rowids->len; i++)
    g_string_append_printf (rowid_list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "[", g_array_index (rowids, gint64, i));
  g_string_append_c (rowid_list, ']');

  sqlite3_bind_text (reader->details, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (reader->details, 2, rowid_list->str, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (reader->details)) == SQLITE_ROW)
    {
      gint64          rowid = sqlite3_column_int64 (reader->details, 9);
      RhSearchResult *result = make_result (reader->details, (const char *) sqlite3_column_text (reader->details, 7),
                                            (const char *) sqlite3_column_text (reader->details, 8));

      if (result != NULL)
        g_hash_table_insert (by_rowid, g_memdup2 (&rowid, sizeof rowid), result);
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

/* The results of @rowids, each row read by its rowid and marked here. */
static gboolean
details (RhSearchReader *reader,
         const char     *match,
         GArray         *rowids,
         GPtrArray      *results,
         GError        **error)
{
  sqlite3_stmt *stmt = reader->row_stmt;

  if (reader->highlight == NULL && !reader->highlight_failed)
    reader->highlight_failed = (reader->highlight = rh_search_highlight_new (reader->db)) == NULL;

  if (reader->highlight == NULL || (reader->flags & RH_SEARCH_READER_FTS5_MARKS) != 0 ||
      !rh_search_highlight_set_match (reader->highlight, match))
    {
      reader->stats.fts5_marks = TRUE;
      return fts5_details (reader, match, rowids, results, error);
    }

  for (guint i = 0; i < rowids->len; i++)
    {
      g_autofree char *question = NULL;
      g_autofree char *snippet = NULL;
      RhSearchResult  *result = NULL;
      int              rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (rowids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *question_text = (const char *) sqlite3_column_text (stmt, 7);
          const char *answer_text = (const char *) sqlite3_column_text (stmt, 8);

          question = rh_search_highlight_text (reader->highlight, question_text != NULL ? question_text : "",
                                               MARK_OPEN_S, MARK_CLOSE_S);
          snippet = rh_search_highlight_snippet (reader->highlight, answer_text != NULL ? answer_text : "",
                                                 MARK_OPEN_S, MARK_CLOSE_S, "…", 24);
          result = make_result (stmt, question, snippet);
          rc = sqlite3_step (stmt);
        }
      sqlite3_reset (stmt);

      if (result != NULL)
        g_ptr_array_add (results, result);

      if (rc != SQLITE_DONE)
        return rh_sqlite_set_error (error, &rh_search_index_errors, reader->db, rc, _ ("Could not search"));
    }

  return TRUE;
}

static gboolean
query_rows (RhSearchReader       *reader,
            const char           *match,
            guint                 n_tokens,
            const RhSearchFilter *filter,
            guint                 limit,
            GCancellable         *cancellable,
            GPtrArray            *results,
            GError              **error)
{
  g_autoptr (RhSearchScoring) scoring = NULL;
  g_autoptr (GArray)          rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  g_autoptr (GPtrArray)       phrases = NULL;
  gboolean                    prefix = FALSE;

  /* The ranking counts on the form rh_search_query_build_match() gives. */
  if ((phrases = rh_search_query_get_phrases (match, &prefix)) == NULL || n_tokens == 0 ||
      n_tokens > RH_SEARCH_MAX_TOKENS || phrases->len != n_tokens + (prefix ? 1 : 0))
    {
      g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_FAILED, _ ("Could not search"));
      return FALSE;
    }

  if (!prepare (reader, error) ||
      !(scoring = rh_search_scoring_new (reader->rank, n_tokens, prefix, filter, cancellable, error)))
    return FALSE;

  if (!rh_search_scoring_allows_nothing (scoring) &&
      !rank_rows (reader, match, scoring, limit, cancellable, rowids, error))
    return FALSE;

  rh_search_scoring_get_counts (scoring, &reader->stats.n_visited, &reader->stats.n_scored);

  if (rowids->len == 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return details (reader, match, rowids, results, error);
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
  memset (&reader->stats, 0, sizeof reader->stats);

  ok = sqlite3_exec (reader->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
       query_rows (reader, match, n_tokens, filter, limit, cancellable, results, &local_error);

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
