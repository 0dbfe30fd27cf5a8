/* test-content-reader.c
 *
 * The three forms of content file, told apart by content, and every kind
 * of bad input, each refused with the file and the place named.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-error.h"
#include "rh-content-file.h"
#include "rh-content-reader.h"
#include "rh-page-data.h"
#include "rh-question-private.h"
#include "rh-test-util.h"

#define QUESTION(id, difficulty) \
  "{\"id\":\"" id "\",\"difficulty\":\"" difficulty "\",\"q\":\"Why " id "?\",\"a\":\"Because.\"}"

#define PAGE_FIELDS                                                                    \
  "\"framework\":\"Python\",\"frameworkSlug\":\"python\","                             \
  "\"topic\":\"Concurrency & Parallelism\",\"topicSlug\":\"concurrency\","             \
  "\"subtopic\":\"Multiprocessing\",\"path\":\"/python/concurrency/multiprocessing\"," \
  "\"order\":2,\"difficulty\":\"hard\",\"updated\":\"2026-06-18\","                    \
  "\"seoDescription\":\"Processes.\","

#define PAGE "{" PAGE_FIELDS "\"questions\":[" QUESTION ("pool", "easy") "," QUESTION ("fork", "hard") "]}"

#define SIBLINGS                                                                              \
  "[{\"subtopic\":\"Threading & the GIL\",\"path\":\"/python/concurrency/gil\",\"order\":1}," \
  "{\"subtopic\":\"Multiprocessing\",\"path\":\"/python/concurrency/multiprocessing\",\"order\":2}]"

static void
assert_multiprocessing_page (GPtrArray *pages,
                             guint      n_siblings)
{
  RhPageData *page;

  g_assert_nonnull (pages);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->framework, ==, "Python");
  g_assert_cmpstr (page->topic, ==, "Concurrency & Parallelism");
  g_assert_cmpstr (page->title, ==, "Multiprocessing");
  g_assert_cmpstr (page->path, ==, "/python/concurrency/multiprocessing");
  g_assert_cmpint (page->order, ==, 2);
  g_assert_cmpint (page->difficulty, ==, RH_DIFFICULTY_HARD);
  g_assert_cmpuint (page->questions->len, ==, 2);
  g_assert_cmpstr (rh_question_get_id (g_ptr_array_index (page->questions, 1)), ==, "fork");
  g_assert_cmpuint (page->siblings->len, ==, n_siblings);
}

static void
test_bare_page (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string (PAGE, &error);

  g_assert_no_error (error);
  assert_multiprocessing_page (pages, 0);
}

static void
test_page_with_siblings (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string ("{\"page\":" PAGE ",\"siblings\":" SIBLINGS "}", &error);

  g_assert_no_error (error);
  assert_multiprocessing_page (pages, 2);
  g_assert_cmpstr (g_array_index (((RhPageData *) g_ptr_array_index (pages, 0))->siblings, RhSiblingData, 0).title,
                   ==, "Threading & the GIL");
}

static void
test_page_without_siblings (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string ("{\"page\":" PAGE "}", &error);

  g_assert_no_error (error);
  assert_multiprocessing_page (pages, 0);
}

static void
test_pack (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;

  pages = rh_test_load_string ("{\"format\":\"rehearse-pack\",\"version\":1,\"title\":\"T\",\"pages\":["
                               "{" PAGE_FIELDS "\"siblings\":" SIBLINGS ",\"questions\":[" QUESTION ("pool", "easy") "," QUESTION ("fork", "hard") "]}"
                                                                                                                                                   "]}",
                               &error);
  g_assert_no_error (error);
  assert_multiprocessing_page (pages, 2);
}

static void
test_decoded_site_form (void)
{
  g_autofree char      *path = rh_test_fixture_path ("rebasing.decoded.json");
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_content_file_load (path, &error);
  RhPageData           *page;

  g_assert_no_error (error);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->path, ==, "/git/branching/rebasing");
  g_assert_cmpuint (page->questions->len, ==, 2);
  g_assert_cmpuint (page->siblings->len, ==, 3);
}

/* The form is told by content: a payload saved as .txt still loads. */
static void
test_form_by_content (void)
{
  g_autofree char      *fixture = rh_test_fixture_path ("rebasing.payload.json");
  g_autofree char      *contents = NULL;
  g_autofree char      *path = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;

  g_file_get_contents (fixture, &contents, NULL, &error);
  g_assert_no_error (error);
  path = rh_test_write_temp ("saved-page.txt", contents, -1);
  pages = rh_content_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
}

static void
test_defaults (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  RhPageData           *page;

  /* Only the required fields: slugs come from the path, the title from
   * "title", no order, no page difficulty, no date. */
  pages = rh_test_load_string ("{\"framework\":\"Go\",\"topic\":\"Channels\",\"title\":\"Select\","
                               "\"path\":\"/go/channels/select\",\"questions\":[" QUESTION ("a", "medium") "]}",
                               &error);
  g_assert_no_error (error);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->framework_slug, ==, "go");
  g_assert_cmpstr (page->topic_slug, ==, "channels");
  g_assert_cmpstr (page->title, ==, "Select");
  g_assert_false (page->has_order);
  g_assert_false (page->has_difficulty);
  g_assert_null (page->updated);
}

typedef struct
{
  const char *name;
  const char *contents;
  gssize      length;
  int         code;
  const char *message;
} BadCase;

#define PACK_OF(page) "{\"format\":\"rehearse-pack\",\"version\":1,\"pages\":[" PAGE "," page "]}"

static const BadCase bad_cases[] = {
  { "empty", "", 0, RH_CONTENT_ERROR_EMPTY, ": the file is empty" },
  { "whitespace", " \n\t ", -1, RH_CONTENT_ERROR_EMPTY, ": the file is empty" },
  { "truncated", "{\"page\":{\"framework\":\"Py", -1, RH_CONTENT_ERROR_SYNTAX, ": line 1, column 25: scanner: unterminated string constant" },
  { "invalid-utf8", "{\"page\":\n{\"framework\":\"P\xff\"}}", -1, RH_CONTENT_ERROR_INVALID_UTF8, ": page.framework: line 2, column 16: invalid UTF-8" },
  { "not-json", "framework: Python", -1, RH_CONTENT_ERROR_SYNTAX, ": line 1, column " },
  { "too-deep", NULL, 0, RH_CONTENT_ERROR_TOO_DEEP, ": line 1, column 65: nesting is deeper than 64 levels" },
  { "scalar-root", "42", -1, RH_CONTENT_ERROR_UNKNOWN_FORMAT, ": root: not Rehearse content" },
  { "unrelated-object", "{\"name\":\"x\"}", -1, RH_CONTENT_ERROR_UNKNOWN_FORMAT, ": root: not Rehearse content" },
  { "unknown-pack-format", "{\"format\":\"zip\",\"version\":1,\"pages\":[]}", -1, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
    ": format: unknown format “zip”" },
  { "pack-version", "{\"format\":\"rehearse-pack\",\"version\":2,\"pages\":[]}", -1, RH_CONTENT_ERROR_UNSUPPORTED_VERSION,
    ": version: pack version 2 is not supported" },
  { "pack-no-pages", "{\"format\":\"rehearse-pack\",\"version\":1,\"pages\":[]}", -1, RH_CONTENT_ERROR_NO_PAGES,
    ": the file holds no pages" },
  { "pages-wrong-type", "{\"format\":\"rehearse-pack\",\"version\":1,\"pages\":{}}", -1, RH_CONTENT_ERROR_WRONG_TYPE,
    ": pages: expected an array, found an object" },
  { "missing-framework", PACK_OF ("{\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].framework: required field “framework” is missing" },
  { "missing-title", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].title: required field “title” is missing" },
  { "missing-questions", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\"}"), -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].questions: required field “questions” is missing" },
  { "empty-question-text", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\","
                                    "\"questions\":[{\"id\":\"x\",\"difficulty\":\"easy\",\"q\":\"\",\"a\":\"A\"}]}"),
    -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].questions[0].q: must not be empty" },
  { "empty-subtopic", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"\",\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].subtopic: must not be empty" },
  { "empty-title", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"title\":\"\",\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].title: must not be empty" },
  { "empty-framework", PACK_OF ("{\"framework\":\"\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].framework: must not be empty" },
  { "empty-sibling-title", "{\"page\":" PAGE ",\"siblings\":[{\"subtopic\":\"\",\"path\":\"/python/concurrency/x\"}]}", -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": siblings[0].subtopic: must not be empty" },
  { "title-wrong-type", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":3,\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].subtopic: expected a string, found a number" },
  { "order-fraction", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"order\":1.5,\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].order: expected a whole number, found a number" },
  /* Too large for an integer: refused, never converted (which is
   * undefined for inf, or for 1e19). */
  { "order-infinite", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"order\":1e999,\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].order: expected a whole number, found a number" },
  { "order-too-large", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"order\":1e19,\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].order: expected a whole number, found a number" },
  { "order-string", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"order\":\"2\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].order: expected a whole number, found a string" },
  { "questions-wrong-type", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"questions\":\"x\"}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].questions: expected an array, found a string" },
  { "question-not-object", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"questions\":[[]]}"), -1,
    RH_CONTENT_ERROR_WRONG_TYPE, ": pages[1].questions[0]: expected an object, found an array" },
  { "unknown-difficulty", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\","
                                   "\"questions\":[" QUESTION ("a", "easy") "," QUESTION ("b", "Hard") "]}"),
    -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": pages[1].questions[1].difficulty: unknown difficulty “Hard” (expected easy, medium or hard)" },
  { "missing-difficulty", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\","
                                   "\"questions\":[{\"id\":\"x\",\"q\":\"Q\",\"a\":\"A\"}]}"),
    -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": pages[1].questions[0].difficulty: required field “difficulty” is missing" },
  { "page-difficulty", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"difficulty\":\"extreme\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": pages[1].difficulty: unknown difficulty “extreme”" },
  { "duplicate-id", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\","
                             "\"questions\":[" QUESTION ("a", "easy") "," QUESTION ("b", "easy") "," QUESTION ("a", "hard") "]}"),
    -1,
    RH_CONTENT_ERROR_DUPLICATE_ID, ": pages[1].questions[2].id: duplicate question id “a” (first used by questions[0])" },
  { "bad-path", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/../c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": pages[1].path: “/a/../c” is not a page path" },
  { "path-too-short", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": pages[1].path: “/a/b” is not a page path" },
  { "path-upper-case", PACK_OF ("{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/B/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": pages[1].path: “/a/B/c” is not a page path" },
  { "slug-mismatch", PACK_OF ("{\"framework\":\"F\",\"frameworkSlug\":\"f\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/a/b/c\",\"questions\":[]}"), -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": pages[1].frameworkSlug: “f” does not match the page path, which says “a”" },
  { "sibling-elsewhere", "{\"page\":" PAGE ",\"siblings\":[{\"subtopic\":\"X\",\"path\":\"/go/channels/select\"}]}", -1,
    RH_CONTENT_ERROR_INVALID_VALUE, ": siblings[0].path: sibling “/go/channels/select” is not in the page’s topic" },
  { "sibling-missing-title", "{\"page\":" PAGE ",\"siblings\":[{\"path\":\"/python/concurrency/x\"}]}", -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": siblings[0].subtopic: required field “subtopic” is missing" },
  { "bare-page-question", "{" PAGE_FIELDS "\"questions\":[{\"id\":\"x\",\"difficulty\":\"easy\",\"q\":\"Q\",\"a\":null}]}", -1,
    RH_CONTENT_ERROR_MISSING_FIELD, ": questions[0].a: required field “a” is missing" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase        *c = data;
  g_autofree char      *name = g_strdup_printf ("%s.json", c->name);
  g_autofree char      *generated = NULL;
  g_autofree char      *path = NULL;
  g_autofree char      *expected_prefix = NULL;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  const char           *contents = c->contents;

  if (contents == NULL)
    contents = generated = g_strnfill (200000, '[');

  path = rh_test_write_temp (name, contents, c->contents == NULL ? -1 : c->length);
  pages = rh_content_file_load (path, &error);

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, c->code);

  expected_prefix = g_strconcat (path, c->message, NULL);
  if (!g_str_has_prefix (error->message, expected_prefix))
    g_error ("“%s” does not start with “%s”", error->message, expected_prefix);
}

static void
test_missing_file (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_content_file_load ("/nonexistent/page.json", &error);

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/page.json: cannot be read: "));
}

/* The rules hold for pages from anywhere, not only from JSON the guard
 * has seen: the load cache reads its pages back through them. */
static void
test_check_page_text (void)
{
  static const struct
  {
    const char *answer;
    gboolean    clean;
  } answers[] = {
    { "Plain text, long enough for whole words.", TRUE },
    { "Tabs\tand\nline\r\nbreaks.", TRUE },
    { "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 and more text after it", TRUE },
    { "\x1b[2J", FALSE },
    { "eight by\x01tes in", FALSE },
    { "eight bytes and then\x7f", FALSE },
    { "eight by\xC2\x85", FALSE },
    { "eight by\xC2\xA0 is fine", TRUE },
    { "eight by\xFF", FALSE },
    { "eight by\xE2\x82", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (GError)     error = NULL;
      g_autoptr (GPtrArray)  pages = rh_test_load_string (PAGE, &error);
      RhPageData            *page = g_ptr_array_index (pages, 0);
      RhPageFault            fault = { 0 };
      g_autoptr (RhQuestion) question = _rh_question_new_take (g_strdup ("x"), RH_DIFFICULTY_EASY, g_strdup ("Q?"),
                                                               g_strdup (answers[i].answer));
      gboolean               clean;

      g_ptr_array_add (page->questions, g_object_ref (question));
      clean = rh_content_reader_check_page (page, &fault, &error);
      if (clean != answers[i].clean)
        g_error ("“%s” was taken as %s", answers[i].answer, clean ? "clean" : "not clean");
      if (!clean)
        {
          g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE);
          g_assert_cmpint (fault.part, ==, RH_PAGE_PART_QUESTION);
          g_assert_cmpuint (fault.index, ==, 2);
          g_assert_cmpstr (fault.field, ==, "a");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content-reader/bare-page", test_bare_page);
  g_test_add_func ("/content-reader/page-with-siblings", test_page_with_siblings);
  g_test_add_func ("/content-reader/page-without-siblings", test_page_without_siblings);
  g_test_add_func ("/content-reader/pack", test_pack);
  g_test_add_func ("/content-reader/decoded-site-form", test_decoded_site_form);
  g_test_add_func ("/content-reader/form-by-content", test_form_by_content);
  g_test_add_func ("/content-reader/defaults", test_defaults);
  g_test_add_func ("/content-reader/missing-file", test_missing_file);
  g_test_add_func ("/content-reader/check-page-text", test_check_page_text);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/content-reader/bad/%s", bad_cases[i].name);

      g_test_add_data_func (test_path, &bad_cases[i], test_bad_input);
    }

  return g_test_run ();
}
