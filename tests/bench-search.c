/* bench-search.c
 *
 * Builds the search index for a synthetic library and times what the
 * application pays: hashing on every start, building when the content
 * changed, and queries as the user types, against a bare FTS5 match of
 * the same queries in the same run; then "Did you mean …?" for typos
 * of the library's words, which only a search that found nothing pays.
 *
 *   bench-search [--questions N] [--queries Q] [--typos T]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bench-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-library.h"
#include "rh-page-data.h"
#include "rh-search-index.h"
#include "rh-search-query.h"
#include "rh-search-suggest.h"
#include "rh-synthetic.h"

/* Words of the code blocks, beyond the synthetic library's vocabulary. */
static const char *const code_words[] = { "asyncio", "pthread", "customer", "retry", "interval" };

static GPtrArray *
vocabulary (void)
{
  GPtrArray         *all = g_ptr_array_new ();
  guint              n;
  const char *const *words = rh_synthetic_get_vocabulary (&n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, (gpointer) words[i]);
  for (guint i = 0; i < G_N_ELEMENTS (code_words); i++)
    g_ptr_array_add (all, (gpointer) code_words[i]);

  return all;
}

static const char *const absent[] = {
  "zeppelin",
  "quasar",
  "xylophone",
  "marzipan",
  "fjord",
  "kumquat",
  "zzz",
  "qwv",
};

static GPtrArray *
make_queries (guint n)
{
  g_autoptr (GRand)     rand = g_rand_new_with_seed (7);
  g_autoptr (GPtrArray) words = vocabulary ();
  GPtrArray            *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *a = g_ptr_array_index (words, g_rand_int_range (rand, 0, words->len));
      const char *b = g_ptr_array_index (words, g_rand_int_range (rand, 0, words->len));

      switch (i % 10)
        {
        case 0:
        case 1:
        case 2:
          g_ptr_array_add (queries, g_strdup (a));
          break;

        case 3:
        case 4:
        case 5:
          g_ptr_array_add (queries, g_strdup_printf ("%s %s", a, b));
          break;

        case 6:
        case 7:
        case 8:
          /* Typing: a prefix of 3 to 5 letters. */
          g_ptr_array_add (queries, g_strndup (a, MIN (strlen (a), (gsize) g_rand_int_range (rand, 3, 6))));
          break;

        default:
          g_ptr_array_add (queries, g_strdup (absent[(i / 10) % G_N_ELEMENTS (absent)]));
          break;
        }
    }

  return queries;
}

/* One typo in a word of at least five letters: a deletion, an
 * insertion, a substitution or a transposition of neighbours.
 */
static char *
make_typo (GRand      *rand,
           const char *word)
{
  GString *typo = g_string_new (word);
  guint    at = g_rand_int_range (rand, 1, typo->len - 1);
  char     letter = 'a' + g_rand_int_range (rand, 0, 26);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      g_string_erase (typo, at, 1);
      break;

    case 1:
      g_string_insert_c (typo, at, letter);
      break;

    case 2:
      typo->str[at] = letter != typo->str[at] ? letter : (letter == 'z' ? 'a' : letter + 1);
      break;

    default:
      {
        char swap = typo->str[at];

        typo->str[at] = typo->str[at + 1];
        typo->str[at + 1] = swap;
      }
    }

  return g_string_free (typo, FALSE);
}

static void
time_suggestions (RhSearchIndex *index,
                  const char    *path,
                  guint          n_typos)
{
  g_autoptr (GRand)     rand = g_rand_new_with_seed (13);
  g_autoptr (GPtrArray) words = vocabulary ();
  g_autoptr (GPtrArray) typos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) intended = g_ptr_array_new ();
  g_autoptr (GArray)    cold_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)    warm_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError)    error = NULL;
  guint                 n_terms = 0;
  guint                 n_found = 0;
  guint                 n_right = 0;
  guint                 n_absent = 0;

  while (typos->len < n_typos)
    {
      const char *word = g_ptr_array_index (words, g_rand_int_range (rand, 0, words->len));
      char       *typo;

      if (strlen (word) < 5)
        continue;

      /* A typo that makes another word of the library is no typo. */
      typo = make_typo (rand, word);
      for (guint i = 0; i < words->len && typo != NULL; i++)
        {
          if (g_str_equal (typo, g_ptr_array_index (words, i)))
            g_clear_pointer (&typo, g_free);
        }
      if (typo == NULL)
        continue;

      /* A space after it: a finished word, not one still being typed. */
      g_ptr_array_add (typos, g_strconcat (typo, " ", NULL));
      g_ptr_array_add (intended, (gpointer) word);
      g_free (typo);
    }

  /* The first suggestion on a connection reads the vocabulary. */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *suggestion = NULL;
      RhSearchSuggest *suggest;
      sqlite3         *db = NULL;
      double           start, sample;

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      start = rh_bench_now_ms ();
      suggest = rh_search_suggest_new (db);
      if (!rh_search_suggest_run (suggest, g_ptr_array_index (typos, i), NULL, &suggestion, &error))
        g_error ("%s", error->message);
      sample = rh_bench_now_ms () - start;
      n_terms = rh_search_suggest_get_n_terms (suggest);
      rh_search_suggest_free (suggest);
      sqlite3_close (db);
      g_array_append_val (cold_samples, sample);
    }

  /* Warm the pool's connections, then time what the window and the
   * command line call: the suggestion and the search that checks it.
   */
  for (guint i = 0; i < 8; i++)
    g_free (rh_search_index_suggest (index, g_ptr_array_index (typos, i), NULL, NULL, NULL));

  for (guint i = 0; i < typos->len; i++)
    {
      g_autofree char *suggestion = NULL;
      double           start = rh_bench_now_ms ();
      double           sample;

      suggestion = rh_search_index_suggest (index, g_ptr_array_index (typos, i), NULL, NULL, &error);
      sample = rh_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (warm_samples, sample);

      n_found += suggestion != NULL;
      n_right += suggestion != NULL && g_str_equal (suggestion, g_ptr_array_index (intended, i));
    }

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      g_autofree char *query = g_strconcat (absent[i], " ", NULL);
      g_autofree char *suggestion = rh_search_index_suggest (index, query, NULL, NULL, &error);

      g_assert_no_error (error);
      n_absent += suggestion != NULL;
    }

  g_print ("suggestions: %u typos of one edit in the library's words, over %u words of the index\n",
           typos->len, n_terms);
  g_print ("first on a connection (vocabulary): %8.2f ms median  %8.2f ms max\n",
           rh_bench_percentile (cold_samples, 0.5), rh_bench_percentile (cold_samples, 1.0));
  g_print ("later, checked by a search:         %8.2f ms median  %8.2f ms p95  %8.2f ms max\n",
           rh_bench_percentile (warm_samples, 0.5), rh_bench_percentile (warm_samples, 0.95),
           rh_bench_percentile (warm_samples, 1.0));
  g_print ("typos corrected:                    %8u of %u to the word meant, %u to another; %u of %zu absent words\n",
           n_right, typos->len, n_found - n_right, n_absent, G_N_ELEMENTS (absent));
}

static gint64
bare_match (sqlite3      *db,
            sqlite3_stmt *stmt,
            const char   *query)
{
  g_autofree char *match = rh_search_query_make_match (query);
  gint64           count = 0;
  int              rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    count += sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);

  return count;
}

static void
remove_index (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError)         error = NULL;
  g_autoptr (RhLibrary)      library = rh_library_new ();
  g_autoptr (GPtrArray)      pages = NULL;
  g_autoptr (GPtrArray)      queries = NULL;
  g_autoptr (GArray)         hash_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         build_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         ensure_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         query_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         count_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         unranked_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (RhSearchIndex)  index = NULL;
  g_autofree char           *directory = NULL;
  g_autofree char           *path = NULL;
  sqlite3                   *db = NULL;
  sqlite3_stmt              *count_stmt = NULL;
  sqlite3_stmt              *unranked_stmt = NULL;
  int                        n_questions = 10000;
  int                        n_queries = 200;
  int                        n_typos = 100;
  int                        runs = 3;
  guint64                    n_results = 0;
  gsize                      text_bytes = 0;
  gint64                     n_matches = 0;
  GStatBuf                   st;
  double                     query_median, count_median, unranked_median;
  const GOptionEntry         entries[] = {
            { "questions", 'n', 0, G_OPTION_ARG_INT, &n_questions, "Questions in the generated library", "N" },
            { "queries", 'q', 0, G_OPTION_ARG_INT, &n_queries, "Queries to time", "Q" },
            { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed builds", "R" },
            { "typos", 't', 0, G_OPTION_ARG_INT, &n_typos, "Suggestions to time", "T" },
            { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  pages = rh_synthetic_pages (n_questions, 8, 42);
  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      for (guint j = 0; j < page->questions->len; j++)
        {
          RhQuestion *question = g_ptr_array_index (page->questions, j);

          text_bytes += strlen (rh_question_get_question (question)) + strlen (rh_question_get_answer (question));
        }
    }
  rh_library_add_pages (library, pages);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, (guint) n_questions);

  directory = g_dir_make_tmp ("rehearse-bench-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (directory, "search.sqlite3", NULL);

  g_print ("library: %d questions, %u cores, SQLite %s\n", n_questions, g_get_num_processors (), sqlite3_libversion ());

  for (int i = 0; i < 5; i++)
    {
      double           start = rh_bench_now_ms ();
      g_autofree char *hash = rh_search_index_compute_hash (library);
      double           sample = rh_bench_now_ms () - start;

      g_array_append_val (hash_samples, sample);
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr (RhSearchIndex) fresh = NULL;
      gboolean                  rebuilt = FALSE;
      double                    start, sample;

      remove_index (path);
      fresh = rh_search_index_new (path);
      start = rh_bench_now_ms ();
      if (!rh_search_index_ensure (fresh, library, &rebuilt, &error))
        g_error ("%s", error->message);
      sample = rh_bench_now_ms () - start;
      g_assert_true (rebuilt);
      g_array_append_val (build_samples, sample);
    }

  index = rh_search_index_new (path);
  for (int i = 0; i < 10; i++)
    {
      gboolean rebuilt = TRUE;
      double   start = rh_bench_now_ms ();
      double   sample;

      if (!rh_search_index_ensure (index, library, &rebuilt, &error))
        g_error ("%s", error->message);
      sample = rh_bench_now_ms () - start;
      g_assert_false (rebuilt);
      g_array_append_val (ensure_samples, sample);
    }

  g_stat (path, &st);
  g_print ("index file:                         %8.1f MB\n", st.st_size / 1e6);
  g_print ("hash the library (every start):     %8.1f ms median  (%.1f MB of questions and answers, %.0f MB/s)\n",
           rh_bench_percentile (hash_samples, 0.5), text_bytes / 1e6, text_bytes / 1e3 / rh_bench_percentile (hash_samples, 0.5));
  g_print ("ensure, index valid (every start):  %8.1f ms median  (hash + one read)\n", rh_bench_percentile (ensure_samples, 0.5));
  g_print ("build from scratch:                 %8.1f ms median of %d  (target < 2000 ms; %.0f questions/s)\n",
           rh_bench_percentile (build_samples, 0.5), runs, n_questions / rh_bench_percentile (build_samples, 0.5) * 1e3);

  queries = make_queries (n_queries);

  /* Warm the page cache and the reader pool. */
  for (guint i = 0; i < MIN (queries->len, 20u); i++)
    {
      g_autoptr (GListModel) results = rh_search_index_query (index, g_ptr_array_index (queries, i), NULL, 50, NULL, &error);

      g_assert_no_error (error);
    }

  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr (GListModel) results = NULL;
      double                 start = rh_bench_now_ms ();
      double                 sample;

      results = rh_search_index_query (index, g_ptr_array_index (queries, i), NULL, 50, NULL, &error);
      sample = rh_bench_now_ms () - start;
      g_assert_no_error (error);
      n_results += g_list_model_get_n_items (results);
      g_array_append_val (query_samples, sample);
    }

  /* The baseline: the same match with nothing ranked or highlighted. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM fts WHERE fts MATCH ?1", -1, &count_stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT 50", -1, &unranked_stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < queries->len; i++)
    {
      double start = rh_bench_now_ms ();
      double sample;

      n_matches += bare_match (db, count_stmt, g_ptr_array_index (queries, i));
      sample = rh_bench_now_ms () - start;
      g_array_append_val (count_samples, sample);

      start = rh_bench_now_ms ();
      bare_match (db, unranked_stmt, g_ptr_array_index (queries, i));
      sample = rh_bench_now_ms () - start;
      g_array_append_val (unranked_samples, sample);
    }

  sqlite3_finalize (count_stmt);
  sqlite3_finalize (unranked_stmt);
  sqlite3_close (db);

  query_median = rh_bench_percentile (query_samples, 0.5);
  count_median = rh_bench_percentile (count_samples, 0.5);
  unranked_median = rh_bench_percentile (unranked_samples, 0.5);

  g_print ("queries: %u (single words, pairs, 3-5 letter prefixes, no match); %.1f matches and %.1f results each on average\n",
           queries->len, (double) n_matches / queries->len, (double) n_results / queries->len);
  g_print ("ranked query, first 50 + snippets:  %8.2f ms median  %8.2f ms p95  %8.2f ms max  (targets 10 / 30 ms)\n",
           query_median, rh_bench_percentile (query_samples, 0.95), rh_bench_percentile (query_samples, 1.0));
  g_print ("bare count(*) of the same matches:  %8.2f ms median  %8.2f ms p95\n",
           count_median, rh_bench_percentile (count_samples, 0.95));
  g_print ("unranked MATCH, first 50 rowids:    %8.2f ms median  %8.2f ms p95\n",
           unranked_median, rh_bench_percentile (unranked_samples, 0.95));
  g_print ("ranked over count(*):               %8.2f x median  %8.2f x p95\n",
           query_median / count_median, rh_bench_percentile (query_samples, 0.95) / rh_bench_percentile (count_samples, 0.95));

  time_suggestions (index, path, n_typos);

  g_clear_object (&index);
  remove_index (path);
  g_rmdir (directory);

  return 0;
}
