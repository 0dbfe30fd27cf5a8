/* test-search-index.c
 *
 * Full-text search: ranking on a small library, prefixes, case and
 * diacritics, hostile query text, filters, safe snippet markup, an index
 * rebuilt only when the content changes, cancellation, and the command
 * line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>

#include "rh-bookmark.h"
#include "rh-library-load.h"
#include "rh-search-cli.h"
#include "rh-search-index.h"
#include "rh-search-query.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"

typedef struct
{
  RhLibrary     *library;
  RhSearchIndex *index;
  char          *directory;
} Fixture;

static RhLibrary *
load_library (const char *file)
{
  RhLibrary            *library = rh_library_new ();
  const char           *files[] = { file };
  g_autoptr (GPtrArray) results = rh_library_load_files (library, files, 1);

  g_assert_null (((RhLoadResult *) g_ptr_array_index (results, 0))->error);

  return library;
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char   *file = rh_test_fixture_path ("search-library.json");
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;
  gboolean           rebuilt = FALSE;

  fixture->directory = g_dir_make_tmp ("rehearse-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->directory, "cache", "search.sqlite3", NULL);

  fixture->library = load_library (file);
  fixture->index = rh_search_index_new (path);
  rh_search_index_ensure (fixture->index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_clear_object (&fixture->index);
  g_clear_object (&fixture->library);
  rh_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static GListModel *
search (Fixture              *fixture,
        const char           *text,
        const RhSearchFilter *filter)
{
  g_autoptr (GError) error = NULL;
  GListModel        *results = rh_search_index_query (fixture->index, text, filter, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_true (g_list_model_get_item_type (results) == RH_TYPE_SEARCH_RESULT);

  return results;
}

/* "id|id|…", best first. */
static char *
ids_of (GListModel *results)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (RhSearchResult) result = g_list_model_get_item (results, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", rh_question_ref_get_question_id (rh_search_result_get_ref (result)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
search_ids (Fixture              *fixture,
            const char           *text,
            const RhSearchFilter *filter)
{
  g_autoptr (GListModel) results = search (fixture, text, filter);

  return ids_of (results);
}

static int
position_of (const char *ids,
             const char *id)
{
  g_auto (GStrv) parts = g_strsplit (ids, "|", -1);

  for (int i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], id))
        return i;
    }

  return -1;
}

typedef struct
{
  const char *query;
  const char *expected; /* ids, best first */
} Ranked;

static const Ranked ranked[] = {
  /* The question that is exactly the query comes first, then those
   * holding every word, then a mention in an answer.
   */
  { "What is the GIL?", "gil|gil-cost|golden-rule" },
  { "what is the gil", "gil|gil-cost|golden-rule" },
  /* A word in the question outranks the same word only in an answer. */
  { "gil", "gil|gil-cost|golden-rule" },
  /* The words as a phrase before the same words apart. */
  { "start methods", "start-methods|methods-start" },
  { "methods start", "methods-start|start-methods" },
  /* The question, then the page title, then the answer. */
  { "rebasing", "golden-rule|orig-head|gil-cost" },
  /* Typing: the last word is a prefix, until a space ends it. */
  { "multipro", "start-methods|methods-start|process-vs-pool" },
  { "multipro ", "" },
  { "multiprocessing ", "start-methods|methods-start|process-vs-pool" },
  { "the gi", "gil|gil-cost|golden-rule|orig-head" },
  /* Case and diacritics, either way round. */
  { "cafe", "cafe" },
  { "CAFÉ", "cafe" },
  { "Café", "cafe" },
  { "cafe\xcc\x81", "cafe" },
  /* Every word is required, wherever it is. */
  { "golden rebasing", "golden-rule" },
  { "golden gil", "golden-rule" },
  { "golden multiprocessing", "" },
  /* Link targets are not indexed; their text is. */
  { "docs", "start-methods" },
  { "https", "" },
  /* Code is. */
  { "set_start_method", "start-methods" },
  { "", "" },
  { "   ", "" },
};

static void
test_ranking (Fixture      *fixture,
              gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (ranked); i++)
    {
      g_autofree char *ids = search_ids (fixture, ranked[i].query, NULL);

      if (!g_str_equal (ids, ranked[i].expected))
        g_error ("“%s” found “%s”, expected “%s”", ranked[i].query, ids, ranked[i].expected);
    }
}

static void
test_result_fields (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (GListModel)     results = search (fixture, "golden", NULL);
  g_autoptr (RhSearchResult) result = NULL;
  g_autofree char           *key = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  result = g_list_model_get_item (results, 0);
  key = rh_question_ref_format (rh_search_result_get_ref (result));

  g_assert_cmpstr (key, ==, "/git/branching/rebasing#golden-rule");
  g_assert_cmpstr (rh_question_ref_get_path (rh_search_result_get_ref (result)), ==, "/git/branching/rebasing");
  g_assert_cmpstr (rh_question_ref_get_question_id (rh_search_result_get_ref (result)), ==, "golden-rule");
  g_assert_cmpint (rh_search_result_get_difficulty (result), ==, RH_DIFFICULTY_MEDIUM);
  g_assert_cmpstr (rh_search_result_get_question (result), ==, "What is the golden rule of rebasing?");
  g_assert_cmpstr (rh_search_result_get_question_markup (result), ==, "What is the <b>golden</b> rule of rebasing?");
  g_assert_cmpstr (rh_search_result_get_framework (result), ==, "Git");
  g_assert_cmpstr (rh_search_result_get_topic (result), ==, "Branching & History");
  g_assert_cmpstr (rh_search_result_get_subtopic (result), ==, "Rebasing");
  g_assert_cmpstr (rh_search_result_get_snippet (result), ==,
                   "Never rebase commits that others have pulled. Unlike Python's GIL, nothing locks the repository for you.");

  /* The question keeps its Markdown; the highlighted copy is plain. */
  g_clear_object (&result);
  g_clear_object (&results);
  results = search (fixture, "difference", NULL);
  result = g_list_model_get_item (results, 0);
  g_assert_cmpstr (rh_search_result_get_question (result), ==, "What is the difference between `Process` and `Pool`?");
  g_assert_cmpstr (rh_search_result_get_question_markup (result), ==, "What is the <b>difference</b> between Process and Pool?");
  g_assert_cmpstr (rh_search_result_get_snippet (result), ==,
                   "A Pool manages a fixed set of worker processes, while a Process runs one callable.");
}

static void
test_make_match (void)
{
  static const struct
  {
    const char *text;
    const char *match;
  } cases[] = {
    { "multipro", "(\"multipro\" OR \"multipro\"*)" },
    { "thread pool ", "\"thread\" AND \"pool\"" },
    { "thread  pool", "\"thread\" AND (\"pool\" OR \"pool\"*)" },
    { "a\"b", "\"a\" AND (\"b\" OR \"b\"*)" },
    { "NEAR(x y) OR z*", "\"NEAR\" AND \"x\" AND \"y\" AND \"OR\" AND \"z\"" },
    { "col:term", "\"col\" AND (\"term\" OR \"term\"*)" },
    { "Café", "(\"Café\" OR \"Café\"*)" },
    { "", NULL },
    { " -- \"\" ** () ", NULL },
    { "\xcc\x81", NULL },
    /* Split as FTS5's unicode61 splits them (Unicode 6.1), where GLib's
     * newer tables see other word boundaries. */
    { "$\u05EB0", "(\"\u05EB0\" OR \"\u05EB0\"*)" },
    { "0\u058D", "(\"0\u058D\" OR \"0\u058D\"*)" },
    { "!\uFFDDa!x", "\"\uFFDDa\" AND (\"x\" OR \"x\"*)" },
    { "\xff\xfe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = rh_search_query_make_match (cases[i].text);

      g_assert_cmpstr (match, ==, cases[i].match);
    }
}

static void
test_hostile (Fixture      *fixture,
              gconstpointer data)
{
  static const char *const queries[] = {
    "\"",
    "\"\"",
    "\"gil",
    "gil\"",
    "gil\"*",
    "*",
    "**",
    "gil*",
    "*gil",
    "NEAR(",
    "NEAR(gil golden, 2)",
    "NEAR",
    "OR",
    "AND",
    "NOT",
    "gil OR",
    "OR gil",
    "NOT gil",
    "gil NOT golden",
    "-",
    "-gil",
    "gil -golden",
    ":",
    "question:gil",
    "{question}: gil",
    "{question answer}:",
    "^gil",
    "+",
    "gil + golden",
    "(",
    ")",
    "((gil",
    "gil))",
    "(gil OR golden",
    "\\",
    "'",
    "';DROP TABLE fts;--",
    "%",
    "_",
    "\x01\x02\x03",
    "gil\x02script\x03",
    "\xe2\x80\x8b",
    "\xf0\x9f\x98\x80 gil",
    "\xff\xfe\xfd",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9",
  };
  g_autofree char *long_query = g_strnfill (20000, 'g');

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GListModel) results = search (fixture, queries[i], NULL);
      g_autofree char       *escaped = g_strescape (queries[i], NULL);

      g_test_message ("%s: %u results", escaped, g_list_model_get_n_items (results));
    }

  g_object_unref (search (fixture, long_query, NULL));

  /* Syntax is text: these find what their words find. */
  {
    g_autofree char *quoted = search_ids (fixture, "\"gil", NULL);
    g_autofree char *near = search_ids (fixture, "NEAR(golden rebasing", NULL);
    g_autofree char *column = search_ids (fixture, "question:gil", NULL);

    g_assert_cmpstr (quoted, ==, "gil|gil-cost|golden-rule");
    g_assert_cmpstr (near, ==, "");
    g_assert_cmpstr (column, ==, "");
  }
}

static void
test_filters (Fixture      *fixture,
              gconstpointer data)
{
  RhSearchFilter         filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GHashTable) refs = rh_question_ref_set_new ();
  g_autofree char       *all = search_ids (fixture, "python", NULL);
  g_autofree char       *hard = NULL;
  g_autofree char       *easy = NULL;
  g_autofree char       *git = NULL;
  g_autofree char       *git_hard = NULL;
  g_autofree char       *marked = NULL;
  g_autofree char       *marked_easy = NULL;
  g_autofree char       *none = NULL;
  g_auto (GStrv)         parts = g_strsplit (all, "|", -1);

  /* "Python" is a framework title, and in one Git answer. */
  g_assert_cmpuint (g_strv_length (parts), ==, 8);
  g_assert_cmpint (position_of (all, "golden-rule"), ==, 7);

  filter.difficulty = RH_DIFFICULTY_HARD;
  hard = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (hard, ==, "start-methods|gil-cost");

  filter.difficulty = RH_DIFFICULTY_EASY;
  easy = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (easy, ==, "cafe|process-vs-pool");

  filter.difficulty = RH_SEARCH_ANY_DIFFICULTY;
  filter.framework_slug = "git";
  git = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (git, ==, "golden-rule");

  filter.difficulty = RH_DIFFICULTY_HARD;
  git_hard = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (git_hard, ==, "");

  filter.difficulty = RH_SEARCH_ANY_DIFFICULTY;
  filter.framework_slug = NULL;
  g_hash_table_add (refs, rh_question_ref_new ("/python/concurrency/gil", "gil"));
  g_hash_table_add (refs, rh_question_ref_new ("/python/basics/strings", "cafe"));
  g_hash_table_add (refs, rh_question_ref_new ("/gone/from/library", "x"));
  filter.only_refs = refs;
  marked = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (marked, ==, "gil|cafe");

  filter.difficulty = RH_DIFFICULTY_EASY;
  marked_easy = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (marked_easy, ==, "cafe");

  g_hash_table_remove_all (refs);
  none = search_ids (fixture, "python", &filter);
  g_assert_cmpstr (none, ==, "");
}

static void
check_element (GMarkupParseContext *context,
               const char          *element,
               const char         **names,
               const char         **values,
               gpointer             data,
               GError             **error)
{
  if (!g_str_equal (element, "m") && !g_str_equal (element, "b"))
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "unexpected <%s>", element);
}

/* Well-formed, with <b> the only element. */
static void
assert_safe_markup (const char *markup)
{
  static const GMarkupParser      parser = { check_element, NULL, NULL, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char                *document = g_strdup_printf ("<m>%s</m>", markup);
  g_autoptr (GError)              error = NULL;

  g_markup_parse_context_parse (context, document, -1, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  if (error != NULL)
    g_error ("“%s”: %s", markup, error->message);
}

static void
test_snippet_markup (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr (GListModel)     results = search (fixture, "script", NULL);
  g_autoptr (RhSearchResult) result = NULL;
  const char                *snippet_markup;

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  result = g_list_model_get_item (results, 0);

  g_assert_cmpstr (rh_search_result_get_question (result), ==, "How is <script> escaped in a template?");
  g_assert_cmpstr (rh_search_result_get_question_markup (result), ==,
                   "How is &lt;<b>script</b>&gt; escaped in a template?");

  snippet_markup = rh_search_result_get_snippet_markup (result);
  g_assert_nonnull (strstr (snippet_markup, "&lt;<b>script</b>&gt;alert(&quot;x&quot;)&lt;/<b>script</b>&gt;"));
  g_assert_nonnull (strstr (snippet_markup, "&amp; friends"));
  g_assert_null (strstr (snippet_markup, "<script"));
  g_assert_nonnull (strstr (rh_search_result_get_snippet (result), "<script>alert(\"x\")</script> & friends"));
  assert_safe_markup (snippet_markup);
  assert_safe_markup (rh_search_result_get_question_markup (result));

  /* Every result of a few searches, in case. */
  for (guint q = 0; q < 4; q++)
    {
      static const char *const texts[] = { "python", "the", "gil", "a" };
      g_autoptr (GListModel)   more = search (fixture, texts[q], NULL);

      for (guint i = 0; i < g_list_model_get_n_items (more); i++)
        {
          g_autoptr (RhSearchResult) item = g_list_model_get_item (more, i);

          assert_safe_markup (rh_search_result_get_question_markup (item));
          assert_safe_markup (rh_search_result_get_snippet_markup (item));
          g_assert_null (strchr (rh_search_result_get_snippet (item), '\x02'));
          g_assert_null (strchr (rh_search_result_get_snippet (item), '\x03'));
        }
    }
}

static char *
edit_fixture (const char *from,
              const char *to)
{
  g_autofree char    *file = rh_test_fixture_path ("search-library.json");
  g_autofree char    *contents = NULL;
  g_autoptr (GError)  error = NULL;
  g_autoptr (GString) edited = NULL;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);

  return rh_test_write_temp ("search-edited.json", edited->str, edited->len);
}

static void
test_rebuild_only_on_change (Fixture      *fixture,
                             gconstpointer data)
{
  g_autofree char          *file = rh_test_fixture_path ("search-library.json");
  g_autoptr (RhLibrary)     same = load_library (file);
  g_autoptr (RhLibrary)     changed = NULL;
  g_autoptr (RhLibrary)     retitled = NULL;
  g_autoptr (RhSearchIndex) reopened = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *edited = NULL;
  g_autofree char          *before = NULL;
  g_autofree char          *after = NULL;
  g_autofree char          *old_text = NULL;
  g_autofree char          *hash_a = rh_search_index_compute_hash (fixture->library);
  g_autofree char          *hash_b = rh_search_index_compute_hash (same);
  g_autofree char          *hash_c = NULL;
  gboolean                  rebuilt = TRUE;

  g_assert_cmpstr (hash_a, ==, hash_b);
  g_assert_cmpuint (strlen (hash_a), ==, 64);

  /* The same content, loaded again or seen by a new object: nothing. */
  rh_search_index_ensure (fixture->index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_false (rebuilt);

  rebuilt = TRUE;
  reopened = rh_search_index_new (rh_search_index_get_path (fixture->index));
  rh_search_index_ensure (reopened, same, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_false (rebuilt);

  before = search_ids (fixture, "golden", NULL);
  g_assert_cmpstr (before, ==, "golden-rule");

  /* One question's text changes: built again, and searches see it,
   * through connections opened before the change too.
   */
  edited = edit_fixture ("What is the golden rule of rebasing?", "What is the platinum rule of rebasing?");
  changed = load_library (edited);
  hash_c = rh_search_index_compute_hash (changed);
  g_assert_cmpstr (hash_c, !=, hash_a);
  rh_search_index_ensure (fixture->index, changed, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);

  after = search_ids (fixture, "platinum", NULL);
  g_assert_cmpstr (after, ==, "golden-rule");
  old_text = search_ids (fixture, "golden", NULL);
  g_assert_cmpstr (old_text, ==, "");

  rh_search_index_ensure (fixture->index, changed, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_false (rebuilt);

  /* Titles are indexed, so they count as content too. */
  g_clear_pointer (&edited, g_free);
  edited = edit_fixture ("\"subtopic\": \"Strings\"", "\"subtopic\": \"Text\"");
  retitled = load_library (edited);
  rh_search_index_ensure (fixture->index, retitled, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);
}

static void
test_not_ready (void)
{
  g_autoptr (GError)        error = NULL;
  g_autofree char          *directory = g_dir_make_tmp ("rehearse-search-XXXXXX", &error);
  g_autofree char          *path = g_build_filename (directory, "never-built.sqlite3", NULL);
  g_autoptr (RhSearchIndex) index = rh_search_index_new (path);
  g_autoptr (GListModel)    results = NULL;

  results = rh_search_index_query (index, "gil", NULL, 10, NULL, &error);
  g_assert_error (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY);
  g_assert_null (results);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  rh_test_remove_tree (directory);
}

static void
test_damaged_index (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (RhSearchIndex) index = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *ids = NULL;
  g_autofree char          *path = g_strdup (rh_search_index_get_path (fixture->index));
  gboolean                  rebuilt = FALSE;

  g_clear_object (&fixture->index);
  g_file_set_contents (path, "this is not an index, just a damaged cache file", -1, &error);
  g_assert_no_error (error);

  /* A cache: built again in place. */
  fixture->index = rh_search_index_new (path);
  rh_search_index_ensure (fixture->index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);
  ids = search_ids (fixture, "gil", NULL);
  g_assert_cmpstr (ids, ==, "gil|gil-cost|golden-rule");
}

static void
test_damaged_pages (Fixture      *fixture,
                    gconstpointer data)
{
  g_autofree char       *path = g_strdup (rh_search_index_get_path (fixture->index));
  g_autoptr (GRand)      rand = g_rand_new_with_seed (11);
  g_autoptr (GListModel) results = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *contents = NULL;
  g_autofree char       *ids = NULL;
  gboolean               rebuilt = FALSE;
  gsize                  length;

  /* The header and schema survive; every other page is garbage. */
  g_clear_object (&fixture->index);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  /* A query finds out and says so; the next ensure builds again. */
  fixture->index = rh_search_index_new (path);
  results = rh_search_index_query (fixture->index, "gil", NULL, 0, NULL, &error);
  g_assert_error (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_FAILED);
  g_assert_null (results);
  g_clear_error (&error);

  rh_search_index_ensure (fixture->index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);
  ids = search_ids (fixture, "gil", NULL);
  g_assert_cmpstr (ids, ==, "gil|gil-cost|golden-rule");
}

typedef struct
{
  GListModel *results;
  GError     *error;
  gboolean    done;
} AsyncResult;

static void
query_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  AsyncResult *out = data;

  out->results = rh_search_index_query_finish (RH_SEARCH_INDEX (source), result, &out->error);
  out->done = TRUE;
}

static void
test_async_cancel (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (GCancellable) stale = g_cancellable_new ();
  g_autoptr (GCancellable) fresh = g_cancellable_new ();
  g_autoptr (GHashTable)   refs = rh_question_ref_set_new ();
  RhSearchFilter           filter = RH_SEARCH_FILTER_INIT;
  AsyncResult              first = {
                 NULL,
  };
  AsyncResult second = {
    NULL,
  };
  AsyncResult third = {
    NULL,
  };
  g_autofree char *ids = NULL;
  g_autofree char *filtered = NULL;

  /* A keystroke, then another that makes the first stale. */
  rh_search_index_query_async (fixture->index, "g", NULL, 0, stale, query_done, &first);
  g_cancellable_cancel (stale);
  rh_search_index_query_async (fixture->index, "gil", NULL, 0, fresh, query_done, &second);

  /* The filter is copied: changing the set afterwards does not matter. */
  g_hash_table_add (refs, rh_question_ref_new ("/python/concurrency/gil", "gil-cost"));
  filter.only_refs = refs;
  rh_search_index_query_async (fixture->index, "gil", &filter, 0, NULL, query_done, &third);
  g_hash_table_remove_all (refs);

  while (!first.done || !second.done || !third.done)
    g_main_context_iteration (NULL, TRUE);

  if (first.error != NULL)
    g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_assert_nonnull (first.results);

  g_assert_no_error (second.error);
  ids = ids_of (second.results);
  g_assert_cmpstr (ids, ==, "gil|gil-cost|golden-rule");

  g_assert_no_error (third.error);
  filtered = ids_of (third.results);
  g_assert_cmpstr (filtered, ==, "gil-cost");

  g_clear_object (&first.results);
  g_clear_error (&first.error);
  g_clear_object (&second.results);
  g_clear_object (&third.results);
}

/* Cancels the search it is hashed for, from inside the query: the
 * bookmarked-only filter looks each matching row up in this set, so
 * the first lookup cancels while SQLite still has rows to go.
 */
static GCancellable *cancel_on_hash;

static guint
hash_and_cancel (gconstpointer key)
{
  g_cancellable_cancel (cancel_on_hash);

  return rh_question_ref_hash (key);
}

static void
test_cancel_mid_query (void)
{
  g_autoptr (GError)        error = NULL;
  g_autofree char          *directory = g_dir_make_tmp ("rehearse-search-XXXXXX", &error);
  g_autofree char          *path = g_build_filename (directory, "search.sqlite3", NULL);
  g_autoptr (GPtrArray)     pages = rh_synthetic_pages (2000, 8, 5);
  g_autoptr (RhLibrary)     library = rh_library_new ();
  g_autoptr (RhSearchIndex) index = rh_search_index_new (path);
  g_autoptr (GCancellable)  cancellable = g_cancellable_new ();
  g_autoptr (GHashTable)    refs = g_hash_table_new_full (hash_and_cancel, rh_question_ref_equal,
                                                          (GDestroyNotify) rh_question_ref_unref, NULL);
  g_autoptr (GListModel)    results = NULL;
  RhSearchFilter            filter = RH_SEARCH_FILTER_INIT;

  rh_library_add_pages (library, pages);
  rh_search_index_ensure (index, library, NULL, &error);
  g_assert_no_error (error);

  /* Uncancelled, it finds results; the set has nothing to cancel on. */
  results = rh_search_index_query (index, "the", NULL, 50, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 50);
  g_clear_object (&results);

  /* The filter asks the set, by its own hash, about the rows it finds
   * for the bookmarked questions, while the query runs: the hash then
   * cancels, and "the" leaves the ranking thousands of rows to stop in.
   */
  g_hash_table_add (refs, rh_question_ref_new ("/framework-1/topic-1/subtopic-1", "q-1"));
  cancel_on_hash = cancellable;
  filter.only_refs = refs;
  results = rh_search_index_query (index, "the", &filter, 50, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  g_clear_error (&error);

  /* The connection goes back to the pool and works again. */
  results = rh_search_index_query (index, "thread", NULL, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 5);

  g_clear_object (&index);
  rh_test_remove_tree (directory);
}

static void
ensure_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  int               *out = data;
  g_autoptr (GError) error = NULL;
  gboolean           rebuilt = FALSE;

  g_assert_true (rh_search_index_ensure_finish (RH_SEARCH_INDEX (source), result, &rebuilt, &error));
  g_assert_no_error (error);
  *out = rebuilt;
}

static void
test_ensure_async (void)
{
  g_autofree char          *file = rh_test_fixture_path ("search-library.json");
  g_autoptr (RhLibrary)     library = load_library (file);
  g_autofree char          *path = g_build_filename (g_get_user_cache_dir (), "rehearse", "search.sqlite3", NULL);
  g_autofree char          *default_path = rh_search_index_get_default_path ();
  g_autoptr (RhSearchIndex) index = rh_search_index_new (default_path);
  g_autoptr (GListModel)    results = NULL;
  g_autoptr (GError)        error = NULL;
  int                       rebuilt = -1;

  g_assert_cmpstr (default_path, ==, path);

  rh_search_index_ensure_async (index, library, NULL, ensure_done, &rebuilt);
  while (rebuilt < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rebuilt, ==, TRUE);

  rebuilt = -1;
  rh_search_index_ensure_async (index, library, NULL, ensure_done, &rebuilt);
  while (rebuilt < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rebuilt, ==, FALSE);

  results = rh_search_index_query (index, "cafe", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
}

static guint
count_cli_indexes (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char      *name;
  guint            n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "search-") && g_str_has_suffix (name, ".sqlite3");

  return n;
}

static void
test_cli (void)
{
  g_autofree char          *file = rh_test_fixture_path ("search-library.json");
  g_autofree char          *bad = rh_test_write_temp ("search-bad.json", "{\"page\": 3}", -1);
  g_autofree char          *cache = g_build_filename (g_get_user_cache_dir (), "rehearse", NULL);
  g_autoptr (RhLibrary)     library = load_library (file);
  g_autoptr (RhSearchIndex) kept = NULL;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *hash = rh_search_index_compute_hash (library);
  g_autofree char          *name = g_strdup_printf ("search-%.16s.sqlite3", hash);
  g_autofree char          *index_path = g_build_filename (cache, name, NULL);
  g_autoptr (GOutputStream) out_stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err_stream = g_memory_output_stream_new_resizable ();
  g_autofree char          *out = NULL;
  g_autofree char          *err = NULL;
  g_autofree char          *old = NULL;
  const char               *files[] = { file, bad };
  gboolean                  rebuilt = TRUE;
  int                       status;

  status = rh_search_cli_run ("gil", files, 1, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "/python/concurrency/gil#gil\tWhat is the GIL?\n"
                   "/python/concurrency/gil#gil-cost\tWhat does the GIL cost a CPU-bound program, and what is the way around it?\n"
                   "/git/branching/rebasing#golden-rule\tWhat is the golden rule of rebasing?\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Kept under the content's hash: the same files again need no build. */
  g_assert_true (g_file_test (index_path, G_FILE_TEST_EXISTS));
  kept = rh_search_index_new (index_path);
  rh_search_index_ensure (kept, library, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_false (rebuilt);

  status = rh_search_cli_run ("what is the gil", files, 1, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "/python/concurrency/gil#gil\t"));
  g_assert_cmpuint (count_cli_indexes (cache), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A file that fails is reported, and is an error, as in grep; the
   * others are still searched. */
  status = rh_search_cli_run ("golden", files, 2, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "/git/branching/rebasing#golden-rule\tWhat is the golden rule of rebasing?\n");
  g_assert_true (g_str_has_prefix (err, bad));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing matches: nothing on stdout, a line on stderr that says so,
   * and 1, as grep; with a similar search, when one finds something. */
  status = rh_search_cli_run ("zeppelin", files, 1, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "No question matches “zeppelin”\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = rh_search_cli_run ("goldne rule", files, 1, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "No question matches “goldne rule”\nDid you mean “golden rule”?\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing matches, and a file failed: the error wins. */
  status = rh_search_cli_run ("zeppelin", files, 2, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, bad));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = rh_search_cli_run (" ?! ", files, 1, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without files, the user's library: the bundled one, as nothing is
   * imported here. */
  status = rh_search_cli_run ("rebase", NULL, 0, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "/git/"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Old indexes for other files are pruned, least recently used first. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *stale = g_strdup_printf ("%s/search-%016x.sqlite3", cache, i);
      struct utimbuf   times = { 1000 + i, 1000 + i };

      g_file_set_contents (stale, "", 0, &error);
      g_assert_no_error (error);
      g_utime (stale, &times);
    }
  g_assert_cmpuint (count_cli_indexes (cache), ==, 12);
  status = rh_search_cli_run ("gil", files, 1, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (count_cli_indexes (cache), ==, 8);
  g_assert_true (g_file_test (index_path, G_FILE_TEST_EXISTS));
  old = g_strdup_printf ("%s/search-%016x.sqlite3", cache, 0);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/make-match", test_make_match);
  ADD ("/search/ranking", test_ranking);
  ADD ("/search/result-fields", test_result_fields);
  ADD ("/search/hostile-queries", test_hostile);
  ADD ("/search/filters", test_filters);
  ADD ("/search/snippet-markup", test_snippet_markup);
  ADD ("/search/rebuild-only-on-change", test_rebuild_only_on_change);
  ADD ("/search/damaged-index", test_damaged_index);
  ADD ("/search/damaged-pages", test_damaged_pages);
  ADD ("/search/async-cancel", test_async_cancel);
  g_test_add_func ("/search/not-ready", test_not_ready);
  g_test_add_func ("/search/cancel-mid-query", test_cancel_mid_query);
  g_test_add_func ("/search/ensure-async", test_ensure_async);
  g_test_add_func ("/search/cli", test_cli);

  return g_test_run ();
}
