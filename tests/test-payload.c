/* test-payload.c
 *
 * The site's flattened payload, and every hostile shape of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-error.h"
#include "rh-page-data.h"
#include "rh-question.h"
#include "rh-test-util.h"

/* A minimal valid page, so each hostile case changes one thing. */
#define PAGE_HEAD                                                             \
  "[{\"data\":1,\"prerenderedAt\":2},"                                        \
  "[\"ShallowReactive\",3],"                                                  \
  "17,"                                                                       \
  "{\"qa-/a/b/c\":4},"                                                        \
  "{\"page\":5,\"siblings\":-1},"                                             \
  "{\"framework\":6,\"topic\":7,\"subtopic\":8,\"path\":9,\"questions\":10}," \
  "\"A\",\"B\",\"C\",\"/a/b/c\","

static void
test_example_page (void)
{
  g_autofree char      *path = rh_test_fixture_path ("rebasing.payload.json");
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree char      *contents = NULL;
  RhPageData           *page;
  RhQuestion           *question;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  pages = rh_test_load_string (contents, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages);
  g_assert_cmpuint (pages->len, ==, 1);

  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->framework, ==, "Git");
  g_assert_cmpstr (page->framework_slug, ==, "git");
  g_assert_cmpstr (page->topic, ==, "Branching & History");
  g_assert_cmpstr (page->topic_slug, ==, "branching");
  g_assert_cmpstr (page->title, ==, "Rebasing");
  g_assert_cmpstr (page->path, ==, "/git/branching/rebasing");
  g_assert_cmpstr (page->updated, ==, "2026-05-02");
  g_assert_cmpstr (page->summary, ==, "Git interview questions on rebasing.");
  g_assert_true (page->has_order);
  g_assert_cmpint (page->order, ==, 2);
  g_assert_cmpint (page->difficulty, ==, RH_DIFFICULTY_MEDIUM);
  g_assert_cmpuint (page->questions->len, ==, 2);
  g_assert_cmpuint (page->siblings->len, ==, 3);
  g_assert_cmpstr (g_array_index (page->siblings, RhSiblingData, 0).title, ==, "Branches");
  g_assert_cmpstr (g_array_index (page->siblings, RhSiblingData, 2).path, ==, "/git/branching/cherry-pick");
  g_assert_cmpint (g_array_index (page->siblings, RhSiblingData, 2).order, ==, 3);

  question = g_ptr_array_index (page->questions, 1);
  g_assert_cmpstr (rh_question_get_id (question), ==, "interactive-rebase");
  g_assert_cmpint (rh_question_get_difficulty (question), ==, RH_DIFFICULTY_HARD);
  g_assert_true (g_str_has_prefix (rh_question_get_answer (question), "`git rebase -i BASE` opens"));
  g_assert_true (g_str_has_suffix (rh_question_get_answer (question), "reorders the commits.\n"));
}

static void
test_wrappers_and_constants (void)
{
  /* Every reactivity wrapper, a Date, and undefined optional fields. */
  const char *payload =
      "[{\"data\":1},"
      "[\"Reactive\",2],"
      "{\"qa-/a/b/c\":3,\"other\":-1},"
      "[\"Ref\",4],"
      "{\"page\":5},"
      "{\"framework\":6,\"topic\":7,\"subtopic\":8,\"path\":9,\"questions\":10,\"order\":-1,\"updated\":15,\"seo\":16},"
      "\"A\",\"B\",[\"ShallowRef\",13],\"/a/b/c\","
      "[11],"
      "{\"id\":12,\"difficulty\":14,\"q\":12,\"a\":12},"
      "\"x\",\"C\",\"easy\","
      "[\"Date\",\"2026-06-18T00:00:00.000Z\"],"
      "[\"Set\",-3,-4,-5,-6,-2],"
      "]";
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  RhPageData           *page;

  /* The trailing comma above is a mistake a test should not make. */
  g_autofree char *fixed = g_strdup (payload);
  fixed[strlen (fixed) - 2] = ' ';

  pages = rh_test_load_string (fixed, &error);
  g_assert_no_error (error);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->title, ==, "C");
  g_assert_false (page->has_order);
  g_assert_cmpstr (page->updated, ==, "2026-06-18T00:00:00.000Z");
  g_assert_cmpuint (page->questions->len, ==, 1);
  g_assert_cmpint (rh_question_get_difficulty (g_ptr_array_index (page->questions, 0)), ==, RH_DIFFICULTY_EASY);
}

static char *
make_bomb (guint levels)
{
  g_autoptr (GString) text = g_string_new (PAGE_HEAD);

  /* questions (10) is an array whose one element doubles at each level. */
  g_string_append (text, "[11]");
  for (guint i = 0; i < levels; i++)
    g_string_append_printf (text, ",[%u,%u]", 12 + i, 12 + i);
  g_string_append (text, ",\"leaf\"]");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
make_chain (guint levels)
{
  g_autoptr (GString) text = g_string_new (PAGE_HEAD);

  g_string_append (text, "[11]");
  for (guint i = 0; i < levels; i++)
    g_string_append_printf (text, ",[%u]", 12 + i);
  g_string_append (text, ",\"leaf\"]");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  const char *name;
  const char *payload;
  int         code;
  const char *place;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "self-cycle", "[{\"data\":0}]", RH_CONTENT_ERROR_CYCLE, "payload index 0" },
  { "long-cycle", "[{\"data\":1},{\"x\":2},[3],[\"Ref\",1]]", RH_CONTENT_ERROR_CYCLE, "payload index 3" },
  { "past-end", "[{\"data\":1},{\"qa-/a/b/c\":7}]", RH_CONTENT_ERROR_BAD_INDEX, "payload index 1" },
  { "below-constants", "[{\"data\":-7}]", RH_CONTENT_ERROR_BAD_INDEX, "reference -7" },
  { "string-index", "[{\"data\":\"1\"},{}]", RH_CONTENT_ERROR_BAD_INDEX, "not an integer" },
  { "float-index", "[{\"data\":1.5},{}]", RH_CONTENT_ERROR_BAD_INDEX, "not an integer" },
  { "bool-index", "[{\"data\":true},{}]", RH_CONTENT_ERROR_BAD_INDEX, "not an integer" },
  { "unknown-tag", "[{\"data\":1},[\"RegExp\",\"a\",\"g\"]]", RH_CONTENT_ERROR_UNKNOWN_TAG, "payload index 1: unsupported tag “RegExp”" },
  { "wrapper-arity", "[{\"data\":1},[\"Ref\",0,0]]", RH_CONTENT_ERROR_WRONG_TYPE, "malformed “Ref”" },
  { "date-not-string", "[{\"data\":1},[\"Date\",3]]", RH_CONTENT_ERROR_WRONG_TYPE, "malformed “Date”" },
  { "map-odd", "[{\"data\":1},[\"Map\",0]]", RH_CONTENT_ERROR_WRONG_TYPE, "malformed “Map”" },
  { "root-not-object", "[[1],\"x\"]", RH_CONTENT_ERROR_WRONG_TYPE, "payload index 0" },
  { "empty-array", "[]", RH_CONTENT_ERROR_EMPTY, "empty" },
  { "no-data", "[{\"x\":1},2]", RH_CONTENT_ERROR_MISSING_FIELD, "payload index 0 (data)" },
  { "data-wrong-type", "[{\"data\":1},\"text\"]", RH_CONTENT_ERROR_WRONG_TYPE, "payload index 1 (data): expected an object, found a string" },
  { "no-pages", "[{\"data\":1},{\"other\":2},{}]", RH_CONTENT_ERROR_NO_PAGES, "no pages" },
  { "questions-not-array", PAGE_HEAD "\"oops\"]", RH_CONTENT_ERROR_WRONG_TYPE,
    "payload index 10 (data[\"qa-/a/b/c\"].page.questions): expected an array, found a string" },
  { "question-wrong-type", PAGE_HEAD "[11],{\"id\":12,\"difficulty\":13,\"q\":14,\"a\":14},\"x\",\"easy\",7]", RH_CONTENT_ERROR_WRONG_TYPE,
    "payload index 14 (data[\"qa-/a/b/c\"].page.questions[0].q): expected a string, found a number" },
  { "unknown-difficulty", PAGE_HEAD "[11],{\"id\":12,\"difficulty\":13,\"q\":12,\"a\":12},\"x\",\"extreme\"]", RH_CONTENT_ERROR_INVALID_VALUE,
    "payload index 13 (data[\"qa-/a/b/c\"].page.questions[0].difficulty): unknown difficulty “extreme”" },
  { "missing-answer", PAGE_HEAD "[11],{\"id\":12,\"difficulty\":13,\"q\":12},\"x\",\"easy\"]", RH_CONTENT_ERROR_MISSING_FIELD,
    "payload index 11 (data[\"qa-/a/b/c\"].page.questions[0].a): required field “a” is missing" },
  { "duplicate-id", PAGE_HEAD "[11,11],{\"id\":12,\"difficulty\":13,\"q\":12,\"a\":12},\"x\",\"easy\"]", RH_CONTENT_ERROR_DUPLICATE_ID,
    "questions[1].id): duplicate question id “x” (first used by questions[0])" },
  { "empty-answer", PAGE_HEAD "[11],{\"id\":12,\"difficulty\":13,\"q\":12,\"a\":14},\"x\",\"easy\",\"\"]", RH_CONTENT_ERROR_MISSING_FIELD,
    "payload index 14 (data[\"qa-/a/b/c\"].page.questions[0].a): must not be empty" },
  { "nan-order", PAGE_HEAD "[]]", 0, NULL },
};

static void
test_hostile (gconstpointer data)
{
  const HostileCase    *c = data;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;

  pages = rh_test_load_string (c->payload, &error);

  if (c->place == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (pages);
      return;
    }

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, c->code);
  g_assert_true (g_str_has_prefix (error->message, "test.json: "));
  if (strstr (error->message, c->place) == NULL)
    g_error ("“%s” does not name “%s”", error->message, c->place);
}

/* Forty levels of doubling would decode to 2^40 values: refused at once,
 * in memory proportional to the file.
 */
static void
test_exponential_expansion (void)
{
  g_autofree char      *bomb = make_bomb (40);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string (bomb, &error);

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EXPANSION);
  g_assert_nonnull (strstr (error->message, "payload index"));
  g_assert_nonnull (strstr (error->message, "would expand"));
}

/* Shared references that stay small are the site's normal form. */
static void
test_modest_sharing_accepted (void)
{
  g_autofree char      *small = make_bomb (3);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string (small, &error);

  /* It expands fine, but questions[0] is an array, not a question. */
  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE);
  g_assert_nonnull (strstr (error->message, "questions[0]): expected an object, found an array"));
}

/* Values that are few but long: a thousand questions share one answer of
 * 64 KB, which the reader would copy for each, 64 MB from a file of 80 KB. */
static void
test_shared_text_expansion (void)
{
  g_autoptr (GString)   text = g_string_new (PAGE_HEAD);
  g_autofree char      *answer = g_strnfill (64 * 1024, 'a');
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  const guint           n = 1000;

  /* questions (10), then "easy" (11), the answer (12), and for each
   * question its object and its id. */
  g_string_append_c (text, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? "," : "", 13 + 2 * i);
  g_string_append_printf (text, "],\"easy\",\"%s\"", answer);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, ",{\"id\":%u,\"difficulty\":11,\"q\":11,\"a\":12},\"q%u\"", 14 + 2 * i, i);
  g_string_append_c (text, ']');

  pages = rh_test_load_string (text->str, &error);
  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EXPANSION);
  g_assert_nonnull (strstr (error->message, "payload index 10: shared references would expand to more than"));
  g_assert_nonnull (strstr (error->message, "bytes of text"));
  g_clear_error (&error);

  /* The same with three questions is an ordinary page. */
  g_string_assign (text, PAGE_HEAD);
  g_string_append_printf (text, "[13,15,17],\"easy\",\"%s\"", answer);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (text, ",{\"id\":%u,\"difficulty\":11,\"q\":11,\"a\":12},\"q%u\"", 14 + 2 * i, i);
  g_string_append_c (text, ']');
  g_clear_pointer (&pages, g_ptr_array_unref);
  pages = rh_test_load_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((RhPageData *) g_ptr_array_index (pages, 0))->questions->len, ==, 3);
}

static void
test_deep_chain (void)
{
  g_autofree char      *chain = make_chain (5000);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string (chain, &error);

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "deeper than 64 levels"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payload/example-page", test_example_page);
  g_test_add_func ("/payload/wrappers-and-constants", test_wrappers_and_constants);
  g_test_add_func ("/payload/exponential-expansion", test_exponential_expansion);
  g_test_add_func ("/payload/modest-sharing", test_modest_sharing_accepted);
  g_test_add_func ("/payload/deep-chain", test_deep_chain);
  g_test_add_func ("/payload/shared-text-expansion", test_shared_text_expansion);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/payload/hostile/%s", hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }

  return g_test_run ();
}
