/* bench-search.c
 *
 * Builds the search index for a synthetic library and times what the
 * application pays: hashing on every start, building when the content
 * changed, and queries as the user types, against a bare FTS5 match of
 * the same queries in the same run; then "Did you mean …?" for typos
 * of the library's words, which only a search that found nothing pays.
 *
 * The synthetic library's answers draw on some fifty words, so most
 * queries match most rows: the worst case for ranking. With
 * --vocabulary zipf, the text follows a Zipf law over twenty thousand
 * words, as prose does, under titles of its own, and queries take
 * their words from questions, common words as often as they occur.
 *
 *   bench-search [--questions N] [--queries Q] [--typos T] [--vocabulary synthetic|zipf]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bench-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-library.h"
#include "rh-page-data.h"
#include "rh-question-private.h"
#include "rh-search-index.h"
#include "rh-search-query.h"
#include "rh-search-reader.h"
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

/* A Zipf vocabulary: English's commonest words first, then made-up
 * ones, the word of rank r drawn with weight 1 / r.
 */
#define ZIPF_WORDS 20000

static const char *const function_words[] = {
  "the",
  "of",
  "and",
  "a",
  "to",
  "in",
  "is",
  "you",
  "that",
  "it",
  "for",
  "on",
  "are",
  "with",
  "as",
  "be",
  "this",
  "can",
  "by",
  "an",
  "when",
  "what",
  "how",
  "not",
  "or",
  "which",
  "does",
  "from",
  "each",
  "its",
};

typedef struct
{
  GPtrArray *words;
  double    *cumulative;
  GPtrArray *questions; /* char*, the text of every question made */
} Zipf;

static void
zipf_free (Zipf *zipf)
{
  g_ptr_array_unref (zipf->words);
  g_ptr_array_unref (zipf->questions);
  g_free (zipf->cumulative);
  g_free (zipf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Zipf, zipf_free)

static Zipf *
zipf_new (GRand *rand)
{
  static const char *const onsets[] = { "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "st", "tr", "pl" };
  static const char *const vowels[] = { "a", "e", "i", "o", "u", "ou", "ea" };
  Zipf                    *zipf = g_new0 (Zipf, 1);
  g_autoptr (GHashTable)   seen = g_hash_table_new (g_str_hash, g_str_equal);
  double                   total = 0.0;

  zipf->words = g_ptr_array_new_with_free_func (g_free);
  zipf->questions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (function_words); i++)
    {
      g_ptr_array_add (zipf->words, g_strdup (function_words[i]));
      g_hash_table_add (seen, g_ptr_array_index (zipf->words, i));
    }

  while (zipf->words->len < ZIPF_WORDS)
    {
      GString *word = g_string_new (NULL);
      guint    n = g_rand_int_range (rand, 2, 5);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (word, "%s%s", onsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (onsets))],
                                vowels[g_rand_int_range (rand, 0, G_N_ELEMENTS (vowels))]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_string_append (word, g_rand_boolean (rand) ? "r" : "n");

      if (g_hash_table_contains (seen, word->str))
        {
          g_string_free (word, TRUE);
          continue;
        }
      g_ptr_array_add (zipf->words, g_string_free (word, FALSE));
      g_hash_table_add (seen, g_ptr_array_index (zipf->words, zipf->words->len - 1));
    }

  zipf->cumulative = g_new (double, zipf->words->len);
  for (guint i = 0; i < zipf->words->len; i++)
    zipf->cumulative[i] = total += 1.0 / (i + 1);
  for (guint i = 0; i < zipf->words->len; i++)
    zipf->cumulative[i] /= total;

  return zipf;
}

static const char *
zipf_word (Zipf  *zipf,
           GRand *rand)
{
  double x = g_rand_double (rand);
  guint  low = 0;
  guint  high = zipf->words->len - 1;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (zipf->cumulative[middle] < x)
        low = middle + 1;
      else
        high = middle;
    }

  return g_ptr_array_index (zipf->words, low);
}

static void
zipf_sentence (Zipf    *zipf,
               GRand   *rand,
               GString *text,
               guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      const char *word = zipf_word (zipf, rand);

      if (i == 0)
        g_string_append_printf (text, "%c%s", g_ascii_toupper (word[0]), word + 1);
      else if (g_rand_int_range (rand, 0, 15) == 0)
        g_string_append_printf (text, " `%s()`", word);
      else
        g_string_append_printf (text, " %s", word);
    }
}

/* The synthetic library's pages, paths and ids, with Zipf text and
 * titles of three words of middling rank.
 */
static GPtrArray *
zipf_pages (Zipf *zipf,
            guint n_questions)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  GPtrArray        *pages = rh_synthetic_pages (n_questions, 8, 42);

  for (guint p = 0; p < pages->len; p++)
    {
      RhPageData *page = g_ptr_array_index (pages, p);
      char      **titles[] = { &page->framework, &page->topic, &page->title };

      for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
        {
          const char *word = g_ptr_array_index (zipf->words, g_rand_int_range (rand, 100, 3000));

          g_free (*titles[t]);
          *titles[t] = g_strdup_printf ("%c%s", g_ascii_toupper (word[0]), word + 1);
        }

      for (guint q = 0; q < page->questions->len; q++)
        {
          RhQuestion *old = g_ptr_array_index (page->questions, q);
          GString    *question = g_string_new (NULL);
          GString    *answer = g_string_new (NULL);
          guint       n_paragraphs = g_rand_int_range (rand, 2, 5);

          zipf_sentence (zipf, rand, question, g_rand_int_range (rand, 6, 15));
          g_string_append_c (question, '?');
          for (guint i = 0; i < n_paragraphs; i++)
            {
              guint n_sentences = g_rand_int_range (rand, 2, 5);

              for (guint j = 0; j < n_sentences; j++)
                {
                  zipf_sentence (zipf, rand, answer, g_rand_int_range (rand, 8, 18));
                  g_string_append (answer, j + 1 < n_sentences ? ". " : ".\n\n");
                }
            }

          g_ptr_array_add (zipf->questions, g_strdup (question->str));
          g_ptr_array_index (page->questions, q) =
              _rh_question_new_take (g_strdup (rh_question_get_id (old)), rh_question_get_difficulty (old),
                                     g_string_free (question, FALSE), g_string_free (answer, FALSE));
          g_object_unref (old);
        }
    }

  return pages;
}

/* Words as users would take them from the questions they have seen:
 * a word of a random question, so common words come as often as they
 * are written.
 */
static char *
zipf_question_word (Zipf  *zipf,
                    GRand *rand)
{
  for (;;)
    {
      const char    *question = g_ptr_array_index (zipf->questions, g_rand_int_range (rand, 0, zipf->questions->len));
      g_auto (GStrv) words = g_strsplit_set (question, " `()?", -1);
      guint          n = g_strv_length (words);
      const char    *word = words[g_rand_int_range (rand, 0, n)];

      if (word[0] != '\0')
        return g_ascii_strdown (word, -1);
    }
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
make_queries (guint n,
              Zipf *zipf)
{
  g_autoptr (GRand)     rand = g_rand_new_with_seed (7);
  g_autoptr (GPtrArray) words = vocabulary ();
  GPtrArray            *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *zipf_a = zipf != NULL ? zipf_question_word (zipf, rand) : NULL;
      g_autofree char *zipf_b = zipf != NULL ? zipf_question_word (zipf, rand) : NULL;
      const char      *a = zipf_a != NULL ? zipf_a : g_ptr_array_index (words, g_rand_int_range (rand, 0, words->len));
      const char      *b = zipf_b != NULL ? zipf_b : g_ptr_array_index (words, g_rand_int_range (rand, 0, words->len));

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
                  guint          n_typos,
                  Zipf          *zipf)
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

  /* With a Zipf vocabulary, typos of its words of middling rank. */
  if (zipf != NULL)
    {
      g_ptr_array_set_size (words, 0);
      for (guint i = 100; i < 3000; i++)
        g_ptr_array_add (words, g_ptr_array_index (zipf->words, i));
    }

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
  for (guint i = 0; i < MIN (typos->len, 5u); i++)
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
  for (guint i = 0; i < MIN (typos->len, 8u); i++)
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

typedef struct
{
  const char *name;
  GArray     *samples;
} Kind;

/* How each query is answered, on a reader of its own: from fts_titles
 * alone, or with a pass over the answers; against ranking every match.
 */
static void
time_paths (const char *path,
            GPtrArray  *queries)
{
  static const RhSearchFilter no_filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GError)          error = NULL;
  Kind                        kinds[] = {
                           { "titles alone (a full page)", NULL },
                           { "titles, then answers", NULL },
                           { "no match", NULL },
                           { "every match ranked (reference)", NULL },
  };
  RhSearchReader *reader = rh_search_reader_open (path, 0, &error);
  RhSearchReader *every = rh_search_reader_open (path, 0, &error);
  guint           n_counted = 0;

  g_assert_no_error (error);
  rh_search_reader_set_flags (every, RH_SEARCH_READER_RANK_EVERY_MATCH);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    kinds[k].samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int warm = 1; warm >= 0; warm--)
    {
      for (guint i = 0; i < queries->len; i++)
        {
          g_autoptr (GPtrArray)      results = g_ptr_array_new_with_free_func (g_object_unref);
          g_autofree char           *match = NULL;
          const RhSearchReaderStats *stats = rh_search_reader_get_stats (reader);
          guint                      n_tokens = 0;
          gboolean                   damaged = FALSE;
          double                     start, sample;
          guint                      kind;

          if ((match = rh_search_query_make_match_full (g_ptr_array_index (queries, i), &n_tokens)) == NULL)
            continue;

          start = rh_bench_now_ms ();
          if (!rh_search_reader_query (reader, match, n_tokens, &no_filter, 50, NULL, results, &damaged, &error))
            g_error ("%s", error->message);
          sample = rh_bench_now_ms () - start;
          if (warm)
            continue;

          kind = stats->n_visited == 0 ? 2 : stats->answers_pass ? 1
                                                                 : 0;
          g_array_append_val (kinds[kind].samples, sample);
          n_counted += stats->counted;

          g_ptr_array_set_size (results, 0);
          start = rh_bench_now_ms ();
          if (!rh_search_reader_query (every, match, n_tokens, &no_filter, 50, NULL, results, &damaged, &error))
            g_error ("%s", error->message);
          sample = rh_bench_now_ms () - start;
          g_array_append_val (kinds[3].samples, sample);
        }
    }

  g_print ("how queries were answered, on one reader:\n");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      if (kinds[k].samples->len == 0)
        continue;
      g_print ("  %-32s %4u (%3.0f%%) %8.2f ms median  %8.2f ms p95  %8.2f ms max\n", kinds[k].name,
               kinds[k].samples->len, 100.0 * kinds[k].samples->len / MAX (kinds[3].samples->len, 1u),
               rh_bench_percentile (kinds[k].samples, 0.5), rh_bench_percentile (kinds[k].samples, 0.95),
               rh_bench_percentile (kinds[k].samples, 1.0));
      g_array_unref (kinds[k].samples);
    }
  g_print ("  FTS5 counted some word's rows for %u queries\n", n_counted);

  rh_search_reader_free (reader);
  rh_search_reader_free (every);
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
  g_autoptr (Zipf)           zipf = NULL;
  g_autofree char           *vocabulary_name = NULL;
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
            { "vocabulary", 'v', 0, G_OPTION_ARG_STRING, &vocabulary_name, "The library's words: synthetic (default) or zipf", "NAME" },
            { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (g_strcmp0 (vocabulary_name, "zipf") == 0)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (5);

      zipf = zipf_new (rand);
      pages = zipf_pages (zipf, n_questions);
    }
  else if (vocabulary_name == NULL || g_str_equal (vocabulary_name, "synthetic"))
    pages = rh_synthetic_pages (n_questions, 8, 42);
  else
    g_error ("No vocabulary %s", vocabulary_name);

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

  g_print ("library: %d questions, %s vocabulary, %u cores, SQLite %s\n", n_questions, zipf != NULL ? "Zipf" : "synthetic",
           g_get_num_processors (), sqlite3_libversion ());

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

  queries = make_queries (n_queries, zipf);

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

  time_paths (path, queries);
  time_suggestions (index, path, n_typos, zipf);

  g_clear_object (&index);
  remove_index (path);
  g_rmdir (directory);

  return 0;
}
