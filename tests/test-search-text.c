/* test-search-text.c
 *
 * What the search index stores of a question and its answer: Markdown
 * stripped to prose, code kept, link targets dropped, in time linear in
 * the text whatever its brackets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-text.h"

typedef struct
{
  const char *markdown;
  gboolean    is_answer;
  const char *expected;
} PrepareCase;

static const PrepareCase prepare_cases[] = {
  { "a **lock** in `queue()`", FALSE, "a lock in queue()" },
  { "a * b and __init__", FALSE, "a * b and init" },
  { "see [the docs](https://example.com/x) now", FALSE, "see the docs now" },
  { "![a diagram](data:image/png;base64,AAAA) here", FALSE, "a diagram here" },
  { "[not a link] and [nor (this)", FALSE, "[not a link] and [nor (this)" },
  { "[a](b [c](d)", FALSE, "a" },
  { "[a](b) [c] (d) [e](f) [g]", FALSE, "a [c] (d) e [g]" },
  { "`a [b](c)` [d](e)", FALSE, "a [b](c) d" },
  { "tab\there\x01"
    "and\x7f",
    FALSE, "tab here and" },
  { "# Title\n\n- one\n- two\n1. three\n> quoted", TRUE, "Title one two three quoted" },
  { "| a | b |\n|---|:-:|\n| c | d |", TRUE, "a b c d" },
  { "Code:\n```python\nx = *args  # [a](b)\n```\nafter", TRUE, "Code: x = *args # [a](b) after" },
  /* Questions are one line: no block markers are taken off. */
  { "# of items", FALSE, "# of items" },
};

static void
test_prepare (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (prepare_cases); i++)
    {
      const PrepareCase *c = &prepare_cases[i];
      g_autofree char   *prepared = rh_search_text_prepare (c->markdown, c->is_answer);

      if (!g_str_equal (prepared, c->expected))
        g_error ("“%s” became “%s”, expected “%s”", c->markdown, prepared, c->expected);
    }
}

/* Brackets that never close made every [ look to the end of the line:
 * quadratic, minutes for a few megabytes. */
static void
test_brackets_are_linear (void)
{
  const guint         n = 1000000;
  g_autoptr (GString) open_links = g_string_sized_new (4 * n);
  g_autoptr (GString) brackets = g_string_sized_new (2 * n);
  g_autofree char    *prepared_links = NULL;
  g_autofree char    *prepared_brackets = NULL;
  double              elapsed;

  for (guint i = 0; i < n; i++)
    g_string_append (open_links, "[a](");
  for (guint i = 0; i < n; i++)
    g_string_append_c (brackets, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_c (brackets, ']');

  g_test_timer_start ();
  prepared_links = rh_search_text_prepare (open_links->str, TRUE);
  prepared_brackets = rh_search_text_prepare (brackets->str, TRUE);
  elapsed = g_test_timer_elapsed ();

  /* Some tens of milliseconds; the quadratic scan took minutes. */
  if (elapsed > 3.0)
    g_error ("preparing 6 MB of brackets took %.1f s", elapsed);

  g_assert_cmpuint (strlen (prepared_links), ==, RH_SEARCH_TEXT_MAX_BYTES);
  g_assert_true (strncmp (prepared_links, open_links->str, RH_SEARCH_TEXT_MAX_BYTES) == 0);
  g_assert_cmpuint (strlen (prepared_brackets), ==, RH_SEARCH_TEXT_MAX_BYTES);
  g_assert_true (strncmp (prepared_brackets, brackets->str, RH_SEARCH_TEXT_MAX_BYTES) == 0);
}

/* SQLite's snippets take time quadratic in a column's hits: a megabyte of
 * one word took most of a minute to search. Only the start is indexed. */
static void
test_length_limit (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char    *prepared = NULL;

  /* Two-byte characters, placed so that the limit falls inside one. */
  g_string_append_c (text, 'x');
  while (text->len < 2 * RH_SEARCH_TEXT_MAX_BYTES)
    g_string_append (text, "\xC3\xA9");

  prepared = rh_search_text_prepare (text->str, TRUE);
  g_assert_cmpuint (strlen (prepared), ==, RH_SEARCH_TEXT_MAX_BYTES - 1);
  g_assert_true (g_utf8_validate (prepared, -1, NULL));
  g_clear_pointer (&prepared, g_free);

  /* Many short lines stop there too. */
  g_string_truncate (text, 0);
  while (text->len < 4 * RH_SEARCH_TEXT_MAX_BYTES)
    g_string_append (text, "lorem ipsum\n");
  prepared = rh_search_text_prepare (text->str, TRUE);
  g_assert_cmpuint (strlen (prepared), <=, RH_SEARCH_TEXT_MAX_BYTES);
  g_assert_cmpuint (strlen (prepared), >, RH_SEARCH_TEXT_MAX_BYTES - 16);
  g_assert_true (g_str_has_prefix (prepared, "lorem ipsum lorem ipsum"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-text/prepare", test_prepare);
  g_test_add_func ("/search-text/brackets-are-linear", test_brackets_are_linear);
  g_test_add_func ("/search-text/length-limit", test_length_limit);

  return g_test_run ();
}
