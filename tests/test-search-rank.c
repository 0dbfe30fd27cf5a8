/* test-search-rank.c
 *
 * Ranking shortcuts against the full ranking: over a synthetic library
 * where most rows match most words, the first results of many queries,
 * with and without filters, must be the same rows in the same order
 * whether fts_titles answers first or every match of fts is ranked;
 * and the marks made from the rows' text must be FTS5's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rh-question-ref.h"
#include "rh-search-index.h"
#include "rh-search-query.h"
#include "rh-search-reader.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"

#define N_QUESTIONS 3000

typedef struct
{
  char           *directory;
  RhSearchReader *fast;
  RhSearchReader *every; /* the reference */
  RhSearchReader *fts5_marks;
  GPtrArray      *pages;
} Fixture;

/* Words of the synthetic questions and titles, beyond its vocabulary. */
static const char *const title_words[] = {
  "how",
  "does",
  "interact",
  "with",
  "question",
  "framework",
  "topic",
  "subtopic",
  "1",
  "2",
  "3",
  "12",
  "1.2",
  "asyncio",
  "pthread",
  "zzz",
};

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (RhLibrary)     library = rh_library_new ();
  g_autoptr (GPtrArray)     pages = NULL;
  g_autoptr (RhSearchIndex) index = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *path = NULL;

  fixture->directory = g_dir_make_tmp ("rehearse-search-rank-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->directory, "search.sqlite3", NULL);

  /* The library takes the questions of the pages it is given; the same
   * seed makes the same again, for queries to take words from. */
  fixture->pages = rh_synthetic_pages (N_QUESTIONS, 8, 11);
  pages = rh_synthetic_pages (N_QUESTIONS, 8, 11);
  rh_library_add_pages (library, pages);
  index = rh_search_index_new (path);
  rh_search_index_ensure (index, library, NULL, &error);
  g_assert_no_error (error);

  fixture->fast = rh_search_reader_open (path, 0, &error);
  g_assert_no_error (error);
  fixture->every = rh_search_reader_open (path, 0, &error);
  g_assert_no_error (error);
  rh_search_reader_set_flags (fixture->every, RH_SEARCH_READER_RANK_EVERY_MATCH);
  fixture->fts5_marks = rh_search_reader_open (path, 0, &error);
  g_assert_no_error (error);
  rh_search_reader_set_flags (fixture->fts5_marks, RH_SEARCH_READER_FTS5_MARKS);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_clear_pointer (&fixture->fast, rh_search_reader_free);
  g_clear_pointer (&fixture->every, rh_search_reader_free);
  g_clear_pointer (&fixture->fts5_marks, rh_search_reader_free);
  g_clear_pointer (&fixture->pages, g_ptr_array_unref);
  rh_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static const char *
random_word (GRand *rand)
{
  guint              n;
  const char *const *words = rh_synthetic_get_vocabulary (&n);

  if (g_rand_int_range (rand, 0, 4) == 0)
    return title_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_words))];

  return words[g_rand_int_range (rand, 0, n)];
}

/* The whole of a question of the library, or a few of its words in
 * order, which make the phrase tiers.
 */
static char *
question_words (GRand   *rand,
                Fixture *fixture)
{
  RhPageData         *page = g_ptr_array_index (fixture->pages, g_rand_int_range (rand, 0, fixture->pages->len));
  RhQuestion         *question = g_ptr_array_index (page->questions, g_rand_int_range (rand, 0, page->questions->len));
  g_auto (GStrv)      words = g_strsplit_set (rh_question_get_question (question), " `()?", -1);
  g_autoptr (GString) text = g_string_new (NULL);
  guint               n_words = 0;
  guint               from, n;

  if (g_rand_int_range (rand, 0, 4) == 0)
    return g_strdup (rh_question_get_question (question));

  /* Empty strings between separators go to the end. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        {
          char *word = words[i];

          words[i] = words[n_words];
          words[n_words++] = word;
        }
    }

  n = g_rand_int_range (rand, 1, MIN (n_words, 5u) + 1);
  from = g_rand_int_range (rand, 0, n_words - n + 1);
  for (guint i = from; i < from + n; i++)
    g_string_append_printf (text, "%s%s", i > from ? " " : "", words[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
make_query (GRand   *rand,
            Fixture *fixture)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_autofree char *words = question_words (rand, fixture);

      g_string_assign (text, words);
    }
  else
    {
      guint n_words = g_rand_int_range (rand, 0, 6) == 0 ? 3 : g_rand_int_range (rand, 1, 3);

      for (guint i = 0; i < n_words; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? " " : "", random_word (rand));
    }

  /* Typing: the last word cut short, or finished with a space. */
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      {
        const char *last = strrchr (text->str, ' ');
        gsize       start = last != NULL ? (gsize) (last - text->str) + 1 : 0;
        gsize       length = text->len - start;

        if (length > 1)
          g_string_truncate (text, start + g_rand_int_range (rand, 1, length));
        break;
      }

    case 1:
      g_string_append_c (text, ' ');
      break;

    default:
      break;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
query (RhSearchReader       *reader,
       const char           *text,
       const RhSearchFilter *filter,
       guint                 limit)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError)    error = NULL;
  g_autofree char      *match = NULL;
  guint                 n_tokens = 0;
  gboolean              damaged = TRUE;

  match = rh_search_query_make_match_full (text, &n_tokens);
  if (match == NULL)
    return g_steal_pointer (&results);

  if (!rh_search_reader_query (reader, match, n_tokens, filter, limit, NULL, results, &damaged, &error))
    g_error ("“%s”: %s", text, error->message);
  g_assert_false (damaged);

  return g_steal_pointer (&results);
}

static char *
describe (GPtrArray *results)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *ref = rh_question_ref_format (rh_search_result_get_ref (g_ptr_array_index (results, i)));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", ref);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Same rows, same order, same marks. */
static void
assert_same (const char *text,
             GPtrArray  *expected,
             GPtrArray  *found,
             const char *what)
{
  g_autofree char *expected_refs = describe (expected);
  g_autofree char *found_refs = describe (found);

  if (!g_str_equal (expected_refs, found_refs))
    g_error ("“%s”, %s: found\n  %s\nexpected\n  %s", text, what, found_refs, expected_refs);

  for (guint i = 0; i < expected->len; i++)
    {
      RhSearchResult *a = g_ptr_array_index (expected, i);
      RhSearchResult *b = g_ptr_array_index (found, i);

      if (g_strcmp0 (rh_search_result_get_question_markup (a), rh_search_result_get_question_markup (b)) != 0 ||
          g_strcmp0 (rh_search_result_get_snippet (a), rh_search_result_get_snippet (b)) != 0 ||
          g_strcmp0 (rh_search_result_get_snippet_markup (a), rh_search_result_get_snippet_markup (b)) != 0)
        g_error ("“%s”, %s, result %u: found\n  %s\n  %s\nexpected\n  %s\n  %s", text, what, i,
                 rh_search_result_get_question_markup (b), rh_search_result_get_snippet_markup (b),
                 rh_search_result_get_question_markup (a), rh_search_result_get_snippet_markup (a));
    }
}

typedef struct
{
  guint n_queries;
  guint n_titles_only; /* a full page from fts_titles alone */
  guint n_answers; /* ranked the answers too */
  guint n_counted; /* FTS5 counted a phrase's rows */
} Tally;

static void
check_queries (Fixture              *fixture,
               const RhSearchFilter *filter,
               guint                 n_queries,
               guint32               seed,
               Tally                *tally)
{
  g_autoptr (GRand)  rand = g_rand_new_with_seed (seed);
  static const guint limits[] = { 50, 50, 50, 1, 7, 120 };

  for (guint i = 0; i < n_queries; i++)
    {
      g_autofree char           *text = make_query (rand, fixture);
      guint                      limit = limits[g_rand_int_range (rand, 0, G_N_ELEMENTS (limits))];
      g_autoptr (GPtrArray)      expected = query (fixture->every, text, filter, limit);
      g_autoptr (GPtrArray)      found = query (fixture->fast, text, filter, limit);
      const RhSearchReaderStats *stats = rh_search_reader_get_stats (fixture->fast);

      assert_same (text, expected, found, "fts_titles first");

      tally->n_queries++;
      if (found->len > 0 && !stats->answers_pass)
        tally->n_titles_only++;
      if (stats->answers_pass && stats->n_visited > 0)
        tally->n_answers++;
      if (stats->counted)
        tally->n_counted++;
    }
}

static void
test_same_as_every_match (Fixture      *fixture,
                          gconstpointer data)
{
  RhSearchFilter         filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GHashTable) refs = rh_question_ref_set_new ();
  g_autoptr (GRand)      rand = g_rand_new_with_seed (3);
  Tally                  tally = { 0 };

  check_queries (fixture, &filter, 400, 1, &tally);

  /* Both ways were taken often, and FTS5 had to count now and then. */
  g_test_message ("%u queries: %u from fts_titles alone, %u with the answers, %u counted by FTS5", tally.n_queries,
                  tally.n_titles_only, tally.n_answers, tally.n_counted);
  g_assert_cmpuint (tally.n_titles_only, >=, 100);
  g_assert_cmpuint (tally.n_answers, >=, 100);
  g_assert_cmpuint (tally.n_counted, >=, 10);

  filter.difficulty = RH_DIFFICULTY_HARD;
  check_queries (fixture, &filter, 100, 2, &tally);

  filter.framework_slug = "framework-2";
  check_queries (fixture, &filter, 100, 3, &tally);

  filter.difficulty = RH_SEARCH_ANY_DIFFICULTY;
  filter.framework_slug = "framework-9";
  check_queries (fixture, &filter, 20, 4, &tally);

  /* A few hundred bookmarks, one of a question no longer there. */
  filter.framework_slug = NULL;
  for (guint i = 0; i < 300; i++)
    {
      RhPageData *page = g_ptr_array_index (fixture->pages, g_rand_int_range (rand, 0, fixture->pages->len));
      RhQuestion *question = g_ptr_array_index (page->questions, g_rand_int_range (rand, 0, page->questions->len));

      g_hash_table_add (refs, rh_question_ref_new (page->path, rh_question_get_id (question)));
    }
  g_hash_table_add (refs, rh_question_ref_new ("/gone", "q-1"));
  filter.only_refs = refs;
  check_queries (fixture, &filter, 100, 5, &tally);

  filter.difficulty = RH_DIFFICULTY_EASY;
  check_queries (fixture, &filter, 50, 6, &tally);
}

/* The marks made here from the text are FTS5's highlight() and
 * snippet() of the same rows.
 */
static void
test_marks_as_fts5 (Fixture      *fixture,
                    gconstpointer data)
{
  RhSearchFilter    filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  guint             n_results = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char      *text = make_query (rand, fixture);
      g_autoptr (GPtrArray) expected = query (fixture->fts5_marks, text, &filter, 50);
      g_autoptr (GPtrArray) found = query (fixture->fast, text, &filter, 50);

      g_assert_true (expected->len == 0 || rh_search_reader_get_stats (fixture->fts5_marks)->fts5_marks);
      g_assert_false (rh_search_reader_get_stats (fixture->fast)->fts5_marks);
      assert_same (text, expected, found, "marks");
      n_results += found->len;
    }

  g_assert_cmpuint (n_results, >=, 5000);
}

/* An index built before fts_titles, until it is built again, gives the
 * same results from fts alone.
 */
static void
test_without_titles (Fixture      *fixture,
                     gconstpointer data)
{
  RhSearchFilter        filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GRand)     rand = g_rand_new_with_seed (23);
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *path = g_build_filename (fixture->directory, "search.sqlite3", NULL);
  RhSearchReader       *reader;
  g_autoptr (GError)    error = NULL;
  sqlite3              *db = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_ptr_array_add (texts, make_query (rand, fixture));
      g_ptr_array_add (expected, query (fixture->fast, g_ptr_array_index (texts, i), &filter, 50));
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE fts_titles", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reader = rh_search_reader_open (path, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr (GPtrArray) found = query (reader, g_ptr_array_index (texts, i), &filter, 50);

      assert_same (g_ptr_array_index (texts, i), g_ptr_array_index (expected, i), found, "without fts_titles");
      g_assert_true (found->len == 0 || rh_search_reader_get_stats (reader)->answers_pass);
    }
  rh_search_reader_free (reader);
}

static void
test_get_phrases (void)
{
  static const struct
  {
    const char *text;
    const char *phrases; /* joined by | */
    gboolean    prefix;
  } cases[] = {
    { "lock", "lock|lock", TRUE },
    { "lock ", "lock", FALSE },
    { "thread lo", "thread|lo|lo", TRUE },
    { "say \"hi\" now ", "say|hi|now", FALSE },
    { "caf\xc3\xa9 ", "caf\xc3\xa9", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char      *match = rh_search_query_make_match (cases[i].text);
      gboolean              prefix = !cases[i].prefix;
      g_autoptr (GPtrArray) phrases = rh_search_query_get_phrases (match, &prefix);
      g_autofree char      *joined = NULL;

      g_assert_nonnull (phrases);
      g_ptr_array_add (phrases, NULL);
      joined = g_strjoinv ("|", (char **) phrases->pdata);
      g_assert_cmpstr (joined, ==, cases[i].phrases);
      g_assert_cmpint (prefix, ==, cases[i].prefix);
    }

  /* Whatever is typed, the phrases come back, one a word and one more
   * for a prefix; and the answers' form keeps the words, the last as a
   * prefix only.
   */
  {
    static const char *const pieces[] = { "a", "Z", "9", "é", "e\xcc\x81", "\"", "\"\"", "*", " ", "  ", "-",
                                          "(", "OR", "AND", "NEAR", "^", ":", "{", "}", "\xe6\x97\xa5", "\xf0\x9f\x98\x80" };
    g_autoptr (GRand)        rand = g_rand_new_with_seed (29);

    for (guint i = 0; i < 2000; i++)
      {
        g_autoptr (GString)   text = g_string_new (NULL);
        g_autofree char      *match = NULL;
        g_autofree char      *answers = NULL;
        g_autoptr (GPtrArray) phrases = NULL;
        gboolean              prefix = FALSE;
        guint                 n_tokens = 0;

        for (guint j = g_rand_int_range (rand, 0, 12); j > 0; j--)
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

        if ((match = rh_search_query_make_match_full (text->str, &n_tokens)) == NULL)
          continue;

        phrases = rh_search_query_get_phrases (match, &prefix);
        g_assert_nonnull (phrases);
        g_assert_cmpuint (phrases->len, ==, n_tokens + (prefix ? 1 : 0));

        answers = rh_search_query_make_answers_match (match);
        g_assert_true ((answers != NULL) == prefix);
        if (answers != NULL)
          {
            g_autoptr (GPtrArray) answer_phrases = rh_search_query_get_phrases (answers, &prefix);

            g_assert_nonnull (answer_phrases);
            g_assert_true (prefix);
            g_assert_cmpuint (answer_phrases->len, ==, n_tokens);
          }
      }
  }

  {
    gboolean prefix = FALSE;

    /* Not what rh_search_query_build_match() writes. */
    g_assert_null (rh_search_query_get_phrases ("", &prefix));
    g_assert_null (rh_search_query_get_phrases ("\"open", &prefix));
    g_assert_null (rh_search_query_get_phrases ("\"a\"* AND \"b\"", &prefix));
    g_assert_null (rh_search_query_get_phrases ("\"a\" AND \"b", &prefix));
    g_assert_null (rh_search_query_make_answers_match ("\"a\" AND \"b\"*"));
    g_assert_null (rh_search_query_make_answers_match ("\"a\" AND \"b\""));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-rank/get-phrases", test_get_phrases);
  g_test_add ("/search-rank/same-as-every-match", Fixture, NULL, fixture_set_up, test_same_as_every_match,
              fixture_tear_down);
  g_test_add ("/search-rank/marks-as-fts5", Fixture, NULL, fixture_set_up, test_marks_as_fts5, fixture_tear_down);
  g_test_add ("/search-rank/without-titles", Fixture, NULL, fixture_set_up, test_without_titles, fixture_tear_down);

  return g_test_run ();
}
