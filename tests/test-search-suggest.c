/* test-search-suggest.c
 *
 * "Did you mean …?": the edit distance on its own, then suggestions from
 * a real index of a small library: typos of one and two edits,
 * transpositions, case and diacritics folded as the index folds them,
 * a word still being typed, several words, words left alone, nothing
 * when nothing is close, the more common of two words as near, a
 * vocabulary read again after a rebuild, and the index's own call,
 * which offers only what finds something.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-library.h"
#include "rh-search-index.h"
#include "rh-search-suggest.h"
#include "rh-test-util.h"

/* "progress" is in three questions and "process" in one: both are one
 * edit from "procress", and the more common wins though it sorts later.
 */
static const char library_json[] =
    "{\"format\": \"rehearse-pack\", \"version\": 1, \"title\": \"Suggestions\", \"pages\": ["
    " {\"framework\": \"Python\", \"topic\": \"Concurrency\", \"subtopic\": \"Multiprocessing\","
    "  \"path\": \"/python/concurrency/multiprocessing\", \"questions\": ["
    "   {\"id\": \"start\", \"difficulty\": \"easy\","
    "    \"q\": \"How does multiprocessing start a process?\","
    "    \"a\": \"It forks or spawns an interpreter.\"},"
    "   {\"id\": \"threads\", \"difficulty\": \"medium\","
    "    \"q\": \"When is threading better than multiprocessing?\","
    "    \"a\": \"When the work waits on input and output; report progress from one thread.\"},"
    "   {\"id\": \"bars\", \"difficulty\": \"hard\","
    "    \"q\": \"How do you show progress from a pool?\","
    "    \"a\": \"Count finished tasks; progress is their share.\"}"
    " ]},"
    " {\"framework\": \"Python\", \"topic\": \"Basics\", \"subtopic\": \"Strings\","
    "  \"path\": \"/python/basics/strings\", \"questions\": ["
    "   {\"id\": \"cafe\", \"difficulty\": \"easy\","
    "    \"q\": \"How do you compare “Café” with CAFÉ?\","
    "    \"a\": \"Normalize both: a naïve comparison fails. Track progress of port 8080.\"}"
    " ]},"
    " {\"framework\": \"Git\", \"topic\": \"Branching\", \"subtopic\": \"Rebasing\","
    "  \"path\": \"/git/branching/rebasing\", \"questions\": ["
    "   {\"id\": \"golden-rule\", \"difficulty\": \"medium\","
    "    \"q\": \"What is the golden rule of rebasing?\","
    "    \"a\": \"Never rebase commits that others have pulled.\"}"
    " ]}"
    "]}";

typedef struct
{
  char            *directory;
  RhLibrary       *library;
  RhSearchIndex   *index;
  sqlite3         *db;
  RhSearchSuggest *suggest;
} Fixture;

static RhLibrary *
make_library (const char *json)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string (json, &error);
  RhLibrary            *library = rh_library_new ();

  g_assert_no_error (error);
  rh_library_add_pages (library, pages);

  return library;
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = NULL;

  fixture->directory = g_dir_make_tmp ("rehearse-suggest-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->directory, "search.sqlite3", NULL);

  fixture->library = make_library (library_json);
  fixture->index = rh_search_index_new (path);
  rh_search_index_ensure (fixture->index, fixture->library, NULL, &error);
  g_assert_no_error (error);

  /* A read-only connection of its own, as every reader of the index has. */
  g_assert_cmpint (sqlite3_open_v2 (path, &fixture->db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  fixture->suggest = rh_search_suggest_new (fixture->db);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_clear_pointer (&fixture->suggest, rh_search_suggest_free);
  g_clear_pointer (&fixture->db, sqlite3_close);
  g_clear_object (&fixture->index);
  g_clear_object (&fixture->library);
  rh_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static char *
suggest (Fixture    *fixture,
         const char *text)
{
  g_autoptr (GError) error = NULL;
  char              *suggestion = NULL;

  g_assert_true (rh_search_suggest_run (fixture->suggest, text, NULL, &suggestion, &error));
  g_assert_no_error (error);

  return suggestion;
}

static void
assert_suggests (Fixture    *fixture,
                 const char *text,
                 const char *expected)
{
  g_autofree char *suggestion = suggest (fixture, text);

  if (g_strcmp0 (suggestion, expected) != 0)
    g_error ("“%s” suggested “%s”, expected “%s”", text, suggestion ? suggestion : "(none)",
             expected ? expected : "(none)");
}

static void
test_distance (void)
{
  static const struct
  {
    const char *word;
    const char *term;
    guint       bound;
    guint       distance;
    guint       prefix_distance;
  } cases[] = {
    { "multiprocessing", "multiprocessing", 2, 0, 0 },
    /* One insertion, deletion or substitution. */
    { "multiprocesing", "multiprocessing", 2, 1, 1 },
    { "multiprocesssing", "multiprocessing", 2, 1, 1 },
    { "multiprocezsing", "multiprocessing", 2, 1, 1 },
    /* A transposition is one edit, not two as in Levenshtein's. */
    { "mutliprocessing", "multiprocessing", 2, 1, 1 },
    { "teh", "the", 1, 1, 1 },
    /* Two edits, and past the bound. */
    { "multprocesing", "multiprocessing", 2, 2, 2 },
    { "mltprocesing", "multiprocessing", 2, 3, 3 },
    { "rebasing", "threading", 1, 2, 2 },
    /* The nearest prefix, for a word still being typed. */
    { "multiproc", "multiprocessing", 2, 3, 0 },
    { "multiprocesi", "multiprocessing", 2, 3, 1 },
    { "mutlip", "multiprocessing", 1, 2, 1 },
    /* By character, not by byte. */
    { "naïve", "naive", 1, 1, 1 },
    { "café", "cafe", 1, 1, 1 },
    { "straße", "strasse", 2, 2, 2 },
    { "日本語", "日本", 1, 1, 1 },
    { "日本", "日本語", 1, 1, 0 },
    { "", "abc", 2, 3, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint prefix_distance = G_MAXUINT;
      guint distance = rh_search_suggest_distance (cases[i].word, cases[i].term, cases[i].bound, &prefix_distance);

      if (distance != cases[i].distance || prefix_distance != cases[i].prefix_distance)
        g_error ("%s → %s: distance %u and %u to a prefix, expected %u and %u", cases[i].word, cases[i].term,
                 distance, prefix_distance, cases[i].distance, cases[i].prefix_distance);

      /* The distance never depends on asking for the prefix's. */
      g_assert_cmpuint (rh_search_suggest_distance (cases[i].word, cases[i].term, cases[i].bound, NULL), ==, distance);
    }

  g_assert_cmpuint (rh_search_suggest_get_bound (2), ==, 0);
  g_assert_cmpuint (rh_search_suggest_get_bound (3), ==, 1);
  g_assert_cmpuint (rh_search_suggest_get_bound (5), ==, 1);
  g_assert_cmpuint (rh_search_suggest_get_bound (6), ==, 2);
  g_assert_cmpuint (rh_search_suggest_get_bound (40), ==, 2);
}

static void
test_typos (Fixture      *fixture,
            gconstpointer data)
{
  /* One edit of each kind, then two. */
  assert_suggests (fixture, "multiprocesing", "multiprocessing");
  assert_suggests (fixture, "multiprocessinng", "multiprocessing");
  assert_suggests (fixture, "multiprocessimg", "multiprocessing");
  assert_suggests (fixture, "mutliprocessing", "multiprocessing");
  assert_suggests (fixture, "multprocesing", "multiprocessing");
  assert_suggests (fixture, "rebasnig ", "rebasing");
  assert_suggests (fixture, "goldne ", "golden");

  /* Three edits is too far, and so is one in a two-letter word. */
  assert_suggests (fixture, "mltprocesing ", NULL);
  assert_suggests (fixture, "ix ", NULL);

  /* The vocabulary is the index's: the whole library was read. */
  g_assert_cmpuint (rh_search_suggest_get_n_terms (fixture->suggest), >, 40);
}

static void
test_known_and_unknown (Fixture      *fixture,
                        gconstpointer data)
{
  /* Words the index holds need nothing. */
  assert_suggests (fixture, "multiprocessing", NULL);
  assert_suggests (fixture, "golden rule", NULL);

  /* Nothing near. */
  assert_suggests (fixture, "zeppelin", NULL);
  assert_suggests (fixture, "xylophone quasar", NULL);

  /* A word with nothing near is left as typed; the others are corrected. */
  assert_suggests (fixture, "multiprocesing zeppelin", "multiprocessing zeppelin");

  /* Numbers are never corrected. */
  assert_suggests (fixture, "8081 ", NULL);
  assert_suggests (fixture, "port 8081 progres ", "port 8081 progress");

  /* Nothing to search for. */
  assert_suggests (fixture, "", NULL);
  assert_suggests (fixture, " ?! ", NULL);
}

static void
test_several_words (Fixture      *fixture,
                    gconstpointer data)
{
  /* Only the words not in the index change; the others stay as typed. */
  assert_suggests (fixture, "Golden rule of rebasng", "Golden rule of rebasing");
  assert_suggests (fixture, "goldn rulle", "golden rule");
  assert_suggests (fixture, "threding, multiprocesing!", "threading multiprocessing");
}

static void
test_case_and_diacritics (Fixture      *fixture,
                          gconstpointer data)
{
  /* Folded as the index folds: these are in it already. */
  assert_suggests (fixture, "CAFÉ", NULL);
  assert_suggests (fixture, "cafe naive", NULL);
  assert_suggests (fixture, "Naïve Café ", NULL);

  /* And corrected after folding. */
  assert_suggests (fixture, "MULTIPROCESING", "multiprocessing");
  assert_suggests (fixture, "Mültiprocesing", "multiprocessing");
  assert_suggests (fixture, "caffé ", "cafe");
  assert_suggests (fixture, "naïvve ", "naive");
}

static void
test_growing_word (Fixture      *fixture,
                   gconstpointer data)
{
  /* Still being typed: the beginning of a word is found as it is. */
  assert_suggests (fixture, "multiproc", NULL);
  assert_suggests (fixture, "golden ru", NULL);

  /* Its typo is compared with the beginnings of words too, and the whole
   * word is suggested. */
  assert_suggests (fixture, "multiprocesi", "multiprocessing");
  assert_suggests (fixture, "golden rulw", "golden rule");

  /* Once a space ends it, only whole words. */
  assert_suggests (fixture, "multiprocesi ", NULL);
}

static void
test_more_common_wins (Fixture      *fixture,
                       gconstpointer data)
{
  g_assert_cmpuint (rh_search_suggest_distance ("procress", "process", 2, NULL), ==, 1);
  g_assert_cmpuint (rh_search_suggest_distance ("procress", "progress", 2, NULL), ==, 1);

  assert_suggests (fixture, "procress ", "progress");

  /* Nearer beats more common. */
  assert_suggests (fixture, "proces ", "process");
}

static void
test_rebuilt_index (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (GString)   json = g_string_new (library_json);
  g_autoptr (RhLibrary) changed = NULL;
  g_autoptr (GError)    error = NULL;
  gboolean              rebuilt = FALSE;

  assert_suggests (fixture, "kubernets ", NULL);

  g_string_replace (json, "forks or spawns", "schedules kubernetes pods as", 1);
  changed = make_library (json->str);
  rh_search_index_ensure (fixture->index, changed, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);

  /* The same connection sees the new words, and not the old. */
  assert_suggests (fixture, "kubernets ", "kubernetes");
  assert_suggests (fixture, "sapwns ", NULL);
}

static void
test_index_suggest (Fixture      *fixture,
                    gconstpointer data)
{
  RhSearchFilter     filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GError) error = NULL;
  g_autofree char   *found = NULL;
  g_autofree char   *left_alone = NULL;
  g_autofree char   *elsewhere = NULL;
  g_autofree char   *within = NULL;

  found = rh_search_index_suggest (fixture->index, "multiprocesing", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "multiprocessing");

  /* What would still find nothing is not offered. */
  left_alone = rh_search_index_suggest (fixture->index, "multiprocesing zeppelin", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (left_alone);

  /* Nor what finds nothing within the filter. */
  filter.framework_slug = "python";
  elsewhere = rh_search_index_suggest (fixture->index, "rebasng", &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (elsewhere);

  filter.framework_slug = "git";
  within = rh_search_index_suggest (fixture->index, "rebasng", &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (within, ==, "rebasing");
}

static void
suggest_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char             **out = data;
  g_autoptr (GError) error = NULL;

  *out = rh_search_index_suggest_finish (RH_SEARCH_INDEX (source), result, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = g_strdup ("(none)");
}

static void
test_index_suggest_async (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  rh_search_index_suggest_async (fixture->index, "threding", NULL, NULL, suggest_done, &first);
  rh_search_index_suggest_async (fixture->index, "zeppelin", NULL, NULL, suggest_done, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (first, ==, "threading");
  g_assert_cmpstr (second, ==, "(none)");
}

static void
test_not_ready (void)
{
  g_autoptr (GError)        error = NULL;
  g_autofree char          *directory = g_dir_make_tmp ("rehearse-suggest-XXXXXX", &error);
  g_autofree char          *path = g_build_filename (directory, "search.sqlite3", NULL);
  g_autoptr (RhSearchIndex) index = rh_search_index_new (path);
  g_autofree char          *suggestion = NULL;

  suggestion = rh_search_index_suggest (index, "multiprocesing", NULL, NULL, &error);
  g_assert_error (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY);
  g_assert_null (suggestion);

  g_clear_object (&index);
  rh_test_remove_tree (directory);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search-suggest/distance", test_distance);
  ADD ("/search-suggest/typos", test_typos);
  ADD ("/search-suggest/known-and-unknown", test_known_and_unknown);
  ADD ("/search-suggest/several-words", test_several_words);
  ADD ("/search-suggest/case-and-diacritics", test_case_and_diacritics);
  ADD ("/search-suggest/growing-word", test_growing_word);
  ADD ("/search-suggest/more-common-wins", test_more_common_wins);
  ADD ("/search-suggest/rebuilt-index", test_rebuilt_index);
  ADD ("/search-suggest/index-suggest", test_index_suggest);
  ADD ("/search-suggest/index-suggest-async", test_index_suggest_async);
  g_test_add_func ("/search-suggest/not-ready", test_not_ready);

  return g_test_run ();
}
