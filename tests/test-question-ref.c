/* test-question-ref.c
 *
 * RhQuestionRef, the `PATH#ID` that names a question everywhere: what
 * parses and what does not, ids with `#` in them, hostile text from a
 * setting or a D-Bus call, locations without a question, and equality.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-ref.h"

static void
test_round_trip (void)
{
  static const struct
  {
    const char *text;
    const char *path;
    const char *question_id;
  } cases[] = {
    { "/python/concurrency/multiprocessing#process-vs-pool", "/python/concurrency/multiprocessing", "process-vs-pool" },
    /* The first '#' ends the path; the id keeps the rest. */
    { "/git/branching/rebasing#id#with#hashes", "/git/branching/rebasing", "id#with#hashes" },
    { "/a/b/c##", "/a/b/c", "#" },
    { "/a/b/c#café ✓", "/a/b/c", "café ✓" },
    { "p#q", "p", "q" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RhQuestionRef) ref = rh_question_ref_parse (cases[i].text);
      g_autoptr (RhQuestionRef) made = rh_question_ref_new (cases[i].path, cases[i].question_id);
      g_autofree char          *text = NULL;
      g_autofree char          *made_text = NULL;

      g_assert_nonnull (ref);
      g_assert_cmpstr (rh_question_ref_get_path (ref), ==, cases[i].path);
      g_assert_cmpstr (rh_question_ref_get_question_id (ref), ==, cases[i].question_id);

      text = rh_question_ref_format (ref);
      made_text = rh_question_ref_format (made);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (made_text, ==, cases[i].text);
      g_assert_true (rh_question_ref_equal (ref, made));
      g_assert_cmpuint (rh_question_ref_hash (ref), ==, rh_question_ref_hash (made));
    }
}

static void
test_not_a_question (void)
{
  static const char *const texts[] = {
    "",
    "#",
    "##",
    "no-hash-at-all",
    "/python/concurrency/multiprocessing",
    "/a/b/c#",
    "#process-vs-pool",
    "#a#b",
    "/a/b/\xff#id",
    "/a/b/c#\xc3",
  };

  g_assert_null (rh_question_ref_parse (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *escaped = g_strescape (texts[i], NULL);

      g_test_message ("“%s”", escaped);
      g_assert_null (rh_question_ref_parse (texts[i]));
    }
}

static void
test_very_long (void)
{
  g_autofree char          *path = g_strnfill (1 << 20, 'p');
  g_autofree char          *id = g_strnfill (1 << 20, '#');
  g_autofree char          *text = g_strconcat (path, "#", id, NULL);
  g_autoptr (RhQuestionRef) ref = rh_question_ref_parse (text);
  g_autofree char          *again = NULL;

  /* A megabyte of path and one of '#': split once, kept whole. */
  g_assert_nonnull (ref);
  g_assert_cmpuint (strlen (rh_question_ref_get_path (ref)), ==, 1 << 20);
  g_assert_cmpstr (rh_question_ref_get_question_id (ref), ==, id);
  again = rh_question_ref_format (ref);
  g_assert_cmpstr (again, ==, text);

  /* And as long without a '#': no question. */
  g_assert_null (rh_question_ref_parse (path));
}

static void
test_location (void)
{
  static const struct
  {
    const char *location;
    const char *path;
    const char *question_id; /* NULL: the page alone */
  } cases[] = {
    { "/a/b/c", "/a/b/c", NULL },
    { "/a/b/c#q", "/a/b/c", "q" },
    { "/a/b/c#q#r", "/a/b/c", "q#r" },
    /* A '#' with nothing after it opens the page. */
    { "/a/b/c#", "/a/b/c", NULL },
    { "#q", "", NULL },
    { "", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char          *path = NULL;
      g_autoptr (RhQuestionRef) ref = rh_question_ref_parse_location (cases[i].location, &path);

      g_assert_cmpstr (path, ==, cases[i].path);
      if (cases[i].question_id == NULL)
        g_assert_null (ref);
      else
        {
          g_assert_nonnull (ref);
          g_assert_cmpstr (rh_question_ref_get_path (ref), ==, cases[i].path);
          g_assert_cmpstr (rh_question_ref_get_question_id (ref), ==, cases[i].question_id);
        }
    }

  /* Not text at all: neither a page nor a question. */
  {
    char *path = (char *) "left over";

    g_assert_null (rh_question_ref_parse_location ("/a/\xff#q", &path));
    g_assert_null (path);
    g_assert_null (rh_question_ref_parse_location (NULL, &path));
    g_assert_null (path);
  }

  /* And back. */
  {
    g_autofree char *page = rh_question_ref_format_location ("/a/b/c", NULL);
    g_autofree char *question = rh_question_ref_format_location ("/a/b/c", "q#r");

    g_assert_cmpstr (page, ==, "/a/b/c");
    g_assert_cmpstr (question, ==, "/a/b/c#q#r");
  }
}

static void
test_equal (void)
{
  g_autoptr (RhQuestionRef) a = rh_question_ref_new ("/a/b/c", "one");
  g_autoptr (RhQuestionRef) same = rh_question_ref_parse ("/a/b/c#one");
  g_autoptr (RhQuestionRef) other_id = rh_question_ref_new ("/a/b/c", "two");
  g_autoptr (RhQuestionRef) other_path = rh_question_ref_new ("/a/b/d", "one");
  g_autoptr (RhQuestionRef) shifted = rh_question_ref_new ("/a/b/c#o", "ne");
  g_autoptr (GHashTable)    set = g_hash_table_new_full (rh_question_ref_hash, rh_question_ref_equal,
                                                         (GDestroyNotify) rh_question_ref_unref, NULL);
  g_autoptr (RhQuestionRef) copy = NULL;
  GValue                    value = G_VALUE_INIT;

  g_assert_true (rh_question_ref_equal (a, same));
  g_assert_false (rh_question_ref_equal (a, other_id));
  g_assert_false (rh_question_ref_equal (a, other_path));
  /* The same text, split elsewhere: another question. */
  g_assert_false (rh_question_ref_equal (a, shifted));

  g_hash_table_add (set, rh_question_ref_ref (a));
  g_assert_true (g_hash_table_contains (set, same));
  g_assert_false (g_hash_table_contains (set, other_id));
  g_assert_false (g_hash_table_contains (set, shifted));

  /* A boxed type: values copy by reference. */
  g_value_init (&value, RH_TYPE_QUESTION_REF);
  g_value_set_boxed (&value, a);
  copy = g_value_dup_boxed (&value);
  g_assert_true (copy == a);
  g_value_unset (&value);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/question-ref/round-trip", test_round_trip);
  g_test_add_func ("/question-ref/not-a-question", test_not_a_question);
  g_test_add_func ("/question-ref/very-long", test_very_long);
  g_test_add_func ("/question-ref/location", test_location);
  g_test_add_func ("/question-ref/equal", test_equal);

  return g_test_run ();
}
