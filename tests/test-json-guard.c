/* test-json-guard.c
 *
 * The pass before json-glib: it must read every input the way json-glib
 * will, so that nothing json-glib accepts nests deeper, holds more values
 * or carries worse strings than the guard let through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-bookmarks-file.h"
#include "rh-content-error.h"
#include "rh-content-file.h"
#include "rh-json-guard.h"
#include "rh-test-util.h"

static gboolean
check (const char *data,
       GError    **error)
{
  return rh_json_guard_check (data, strlen (data), RH_CONTENT_MAX_DEPTH, error);
}

static void
assert_refused (const char *data,
                int         code,
                const char *message)
{
  g_autoptr (GError) error = NULL;

  if (check (data, &error))
    g_error ("“%s” was let through", data);
  g_assert_error (error, RH_CONTENT_ERROR, code);
  if (!g_str_equal (error->message, message))
    g_error ("“%s”: “%s”, expected “%s”", data, error->message, message);
}

/* JSON, and syntax errors that are json-glib's to report in its words. */
static const char *const accepted[] = {
  "{\"a\":[1,-2.5e+3,true,false,null,\"x\"],\"b\":{}}",
  "\xEF\xBB\xBF[1]",
  "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
  "[\"\\\" \\\\ \\/ \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"]",
  "[\"tab\tand\nnewline\r\"]",
  "[\"it's\"]",
  "[\"a/b // c /* d */\"]",
  "{\"unterminated",
  "[1 2]",
};

static void
test_accepted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!check (accepted[i], &error))
        g_error ("“%s” refused: %s", accepted[i], error->message);
    }
}

typedef struct
{
  const char *name;
  const char *data;
  int         code;
  const char *message;
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { "empty", "", RH_CONTENT_ERROR_EMPTY, "the file is empty" },
  { "only-a-byte-order-mark", "\xEF\xBB\xBF \n", RH_CONTENT_ERROR_EMPTY, "the file is empty" },
  { "single-quotes", "{'a':1}", RH_CONTENT_ERROR_SYNTAX,
    "line 1, column 2: strings in single quotes are not JSON; use double quotes" },
  { "line-comment", "{\"a\":1 // note\n}", RH_CONTENT_ERROR_SYNTAX, "a: line 1, column 8: comments are not JSON" },
  /* json-glib would read on, and leak the first tree. */
  { "second-value", "4{}", RH_CONTENT_ERROR_SYNTAX, "line 1, column 2: more than one JSON value" },
  { "second-object", "{}\n{\"a\":1}", RH_CONTENT_ERROR_SYNTAX, "line 2, column 1: more than one JSON value" },
  /* json-glib turns \614 into the byte 0x8c: not UTF-8. */
  { "octal-escape", "{\"pages\":[{\"x\":1},{\"questions\":[{\"a\":\"ok \\614\"}]}]}", RH_CONTENT_ERROR_SYNTAX,
    "pages[1].questions[0].a: line 1, column 42: invalid escape “\\6”" },
  { "quote-escape", "[\"\\'\"]", RH_CONTENT_ERROR_SYNTAX, "[0]: line 1, column 3: invalid escape “\\'”" },
  { "hex-escape", "[\"\\x41\"]", RH_CONTENT_ERROR_SYNTAX, "[0]: line 1, column 3: invalid escape “\\x”" },
  /* json-glib would take the quote into the escape and read on. */
  { "short-unicode-escape", "[\"\\u12\", \"[[[\"]", RH_CONTENT_ERROR_SYNTAX,
    "[0]: line 1, column 3: “\\u” must be followed by four hexadecimal digits" },
  { "lone-high-surrogate", "[\"\\uD800\"]", RH_CONTENT_ERROR_SYNTAX, "[0]: line 1, column 3: unpaired surrogate “\\uD800”" },
  { "high-surrogate-then-other", "[\"\\uD800\\u0041\"]", RH_CONTENT_ERROR_SYNTAX,
    "[0]: line 1, column 3: unpaired surrogate “\\uD800”" },
  { "lone-low-surrogate", "[\"\\udc00\"]", RH_CONTENT_ERROR_SYNTAX, "[0]: line 1, column 3: unpaired surrogate “\\udc00”" },
  { "escaped-nul", "{\"t\":\"\\u0000\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 7: control character U+0000 in a string" },
  { "escaped-escape", "{\"t\":\"\\u001b[31m\"}", RH_CONTENT_ERROR_INVALID_VALUE,
    "t: line 1, column 7: control character U+001B in a string" },
  { "backspace", "{\"t\":\"\\b\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 7: control character U+0008 in a string" },
  { "form-feed", "{\"t\":\"\\f\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 7: control character U+000C in a string" },
  { "raw-control", "{\"t\":\"a\x01\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 8: control character U+0001 in a string" },
  { "raw-delete", "{\"t\":\"a\x7f\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 8: control character U+007F in a string" },
  { "escaped-c1", "{\"t\":\"\\u0085\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 7: control character U+0085 in a string" },
  { "raw-c1", "{\"t\":\"a\xC2\x85\"}", RH_CONTENT_ERROR_INVALID_VALUE, "t: line 1, column 8: control character U+0085 in a string" },
  { "overlong", "{\"t\":\"\xC0\x80\"}", RH_CONTENT_ERROR_INVALID_UTF8, "t: line 1, column 7: invalid UTF-8" },
  { "utf8-surrogate", "{\"t\":\"\xED\xA0\x80\"}", RH_CONTENT_ERROR_INVALID_UTF8, "t: line 1, column 7: invalid UTF-8" },
  { "beyond-unicode", "{\"t\":\"\xF4\x90\x80\x80\"}", RH_CONTENT_ERROR_INVALID_UTF8, "t: line 1, column 7: invalid UTF-8" },
  { "cut-character", "{\"t\":\"\xE2\x82\"}", RH_CONTENT_ERROR_INVALID_UTF8, "t: line 1, column 7: invalid UTF-8" },
  { "cut-at-the-end", "{\"t\":\"\xE2\x82", RH_CONTENT_ERROR_INVALID_UTF8, "t: line 1, column 7: invalid UTF-8" },
  { "bad-byte-outside-strings", "[1,\xFF]", RH_CONTENT_ERROR_INVALID_UTF8, "[1]: line 1, column 4: invalid UTF-8" },
  { "path-through-odd-names", "{\"data\":{\"qa-/x/y/z\":{\"s\":\"\\614\"}}}", RH_CONTENT_ERROR_SYNTAX,
    "data[\"qa-/x/y/z\"].s: line 1, column 28: invalid escape “\\6”" },
  { "path-to-a-name", "{\"a\":{\"b\":1,\"c\\614\":2}}", RH_CONTENT_ERROR_SYNTAX,
    "a (a member name): line 1, column 15: invalid escape “\\6”" },
  { "path-through-arrays", "[[1,[2,3,\"\x01\"]]]", RH_CONTENT_ERROR_INVALID_VALUE,
    "[0][1][2]: line 1, column 11: control character U+0001 in a string" },
};

static void
test_refused (gconstpointer data)
{
  const RefusedCase *c = data;

  assert_refused (c->data, c->code, c->message);
}

static void
test_nul_byte (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rh_json_guard_check ("[1]\0", 4, RH_CONTENT_MAX_DEPTH, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "line 1, column 4: a nul byte");
}

static void
test_long_member_name (void)
{
  g_autofree char *key = g_strnfill (100, 'k');
  g_autofree char *data = g_strdup_printf ("{\"%s-\xC3\xA9\":\"\\9\"}", key);
  g_autofree char *shown = g_strnfill (64, 'k');
  g_autofree char *expected = g_strdup_printf ("[\"%s…\"]: line 1, column 109: invalid escape “\\9”", shown);

  assert_refused (data, RH_CONTENT_ERROR_SYNTAX, expected);
}

/* The issue's input: a string in single quotes hides 100,000 levels of
 * nesting from a scan that knows only double quotes, and json-glib,
 * which reads both, recurses until the stack runs out. json-glib also
 * takes everything from one / to the next as a comment. */
static char *
hidden_nesting (const char *open,
                const char *close)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *shut = g_strnfill (100000, ']');

  return g_strconcat ("[", open, ", ", deep, shut, ", ", close, "]", NULL);
}

static void
test_hidden_nesting (void)
{
  static const struct
  {
    const char *open;
    const char *close;
    const char *message;
  } cases[] = {
    { "'\"'", "'\"'", "[0]: line 1, column 2: strings in single quotes are not JSON; use double quotes" },
    { "/* \" */", "/* \" */", "[0]: line 1, column 2: comments are not JSON" },
    { "/ \" /", "/ \" /", "[0]: line 1, column 2: comments are not JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = hidden_nesting (cases[i].open, cases[i].close);

      assert_refused (data, RH_CONTENT_ERROR_SYNTAX, cases[i].message);
    }
}

/* Without the guard this crashes json-glib; with it the file is refused,
 * wherever content comes in. */
static void
test_no_crash_on_hidden_nesting (void)
{
  g_autofree char      *data = hidden_nesting ("'\"'", "'\"'");
  g_autofree char      *path = rh_test_write_temp ("hidden-nesting.json", data, -1);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_content_file_load (path, &error);
  g_autoptr (GPtrArray) bookmarks = NULL;

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX);
  g_clear_error (&error);

  bookmarks = rh_bookmarks_file_read (path, &error);
  g_assert_null (bookmarks);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX);
}

static void
test_value_limit (void)
{
  g_autoptr (GError) error = NULL;
  /* Five values; member names are not counted. */
  const char *five = "{\"a\":[1,\"b\"],\"c\":null}";

  g_assert_true (rh_json_guard_check_limits (five, strlen (five), 8, 5, &error));
  g_assert_no_error (error);
  g_assert_false (rh_json_guard_check_limits (five, strlen (five), 8, 4, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "c: line 1, column 18: the file holds more than 4 values");
}

static void
test_nesting_limit (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *deep = g_strnfill (65, '[');

  g_assert_true (rh_json_guard_check_limits ("[[{\"a\":[]}]]", 12, 4, 100, &error));
  g_assert_false (rh_json_guard_check_limits ("[[{\"a\":[[]]}]]", 14, 4, 100, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "line 1, column 9: nesting is deeper than 4 levels");
  g_clear_error (&error);

  assert_refused (deep, RH_CONTENT_ERROR_TOO_DEEP, "line 1, column 65: nesting is deeper than 64 levels");
}

/* Pieces that json-glib reads in its own way, to mix into JSON. */
static const char *const strange[] = {
  "'",
  "\"",
  "/",
  "/*",
  "*/",
  "\\",
  "\\'",
  "\\6",
  "\\614",
  "\\u",
  "\\u12",
  "\\u00e9",
  "\\uD800",
  "\\uDC00",
  "\\uD83D\\uDE00",
  "\\b",
  "\\x",
  "\xC3\xA9",
  "\xC2\x85",
  "\xFF",
  "\x01",
  "\t",
  "\n",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  "0x1f",
  "017",
  "$ff",
  "var a = ",
  "#",
  "\\\"",
};

static void
append_random_string (GString *out,
                      GRand   *rand)
{
  g_string_append_c (out, '"');
  for (int n = g_rand_int_range (rand, 0, 4); n > 0; n--)
    {
      if (g_rand_boolean (rand))
        g_string_append (out, "ab");
      else
        g_string_append (out, strange[g_rand_int_range (rand, 0, G_N_ELEMENTS (strange))]);
    }
  g_string_append_c (out, '"');
}

static void
append_random_value (GString *out,
                     GRand   *rand,
                     int      depth)
{
  int kind = g_rand_int_range (rand, 0, depth > 6 ? 4 : 7);

  /* Sometimes something strange where a value belongs. */
  if (g_rand_int_range (rand, 0, 12) == 0)
    g_string_append (out, strange[g_rand_int_range (rand, 0, G_N_ELEMENTS (strange))]);

  switch (kind)
    {
    case 0:
      g_string_append (out, "1");
      break;
    case 1:
      g_string_append (out, "true");
      break;
    case 2:
    case 3:
      append_random_string (out, rand);
      break;
    case 4:
    case 5:
      g_string_append_c (out, '[');
      for (int n = g_rand_int_range (rand, 0, 4); n > 0; n--)
        {
          append_random_value (out, rand, depth + 1);
          if (n > 1)
            g_string_append_c (out, ',');
        }
      g_string_append_c (out, ']');
      break;
    default:
      g_string_append_c (out, '{');
      for (int n = g_rand_int_range (rand, 0, 3); n > 0; n--)
        {
          append_random_string (out, rand);
          g_string_append_c (out, ':');
          append_random_value (out, rand, depth + 1);
          if (n > 1)
            g_string_append_c (out, ',');
        }
      g_string_append_c (out, '}');
      break;
    }
}

static gboolean
is_clean_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f))
        return FALSE;
    }

  return TRUE;
}

/* Nesting depth of @node (a scalar is 0) and its number of values,
 * checking every string on the way. */
static guint
measure (JsonNode *node,
         guint    *n_values)
{
  guint depth = 0;

  (*n_values)++;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint child = measure (json_array_get_element (array, i), n_values);

          depth = MAX (depth, child);
        }
      return depth + 1;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          guint child = measure (json_object_get_member (json_node_get_object (node), l->data), n_values);

          g_assert_true (is_clean_text (l->data));
          depth = MAX (depth, child);
        }
      return depth + 1;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_assert_true (is_clean_text (json_node_get_string (node)));

  return 0;
}

/* Whatever passes the guard and json-glib then reads is within the
 * guard's limits and holds clean strings only. */
static void
test_agrees_with_json_glib (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260618);
  const guint       max_depth = 4;
  const guint       max_values = 24;
  guint             n_parsed = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr (GString)    text = g_string_new (NULL);
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (GError)     error = NULL;
      guint                  n_values = 0;
      guint                  depth;

      append_random_value (text, rand, 0);
      if (!rh_json_guard_check_limits (text->str, text->len, max_depth, max_values, &error) ||
          !json_parser_load_from_data (parser, text->str, text->len, NULL) ||
          json_parser_get_root (parser) == NULL)
        continue;

      depth = measure (json_parser_get_root (parser), &n_values);
      if (depth > max_depth || n_values > max_values)
        g_error ("“%s”: json-glib read %u levels and %u values", text->str, depth, n_values);
      n_parsed++;
    }

  /* Most inputs are well formed: the guard must let them through. */
  g_assert_cmpuint (n_parsed, >, 5000);
}

/* json-glib quotes the token it could not read, cut to a number of
 * bytes: the message must still be text, wherever the cut falls. */
/* json-glib quotes the token it could not read, cut to a number of
 * bytes: the message must still be text, wherever the cut falls. The
 * file is one the bookmarks fuzzer found. */
static void
test_syntax_error_is_text (void)
{
  g_autofree char     *file = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "bookmarks",
                                                     "seed-parse-error-cut-character.json", NULL);
  g_autofree char     *data = NULL;
  gsize                length;
  g_autoptr (GError)   error = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (file, &data, &length, &error));
  g_assert_no_error (error);

  root = rh_json_guard_parse (data, length, &error);
  g_assert_null (root);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, "line 8, column "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-guard/accepted", test_accepted);
  g_test_add_func ("/json-guard/syntax-error-is-text", test_syntax_error_is_text);
  g_test_add_func ("/json-guard/nul-byte", test_nul_byte);
  g_test_add_func ("/json-guard/long-member-name", test_long_member_name);
  g_test_add_func ("/json-guard/hidden-nesting", test_hidden_nesting);
  g_test_add_func ("/json-guard/no-crash-on-hidden-nesting", test_no_crash_on_hidden_nesting);
  g_test_add_func ("/json-guard/value-limit", test_value_limit);
  g_test_add_func ("/json-guard/nesting-limit", test_nesting_limit);
  g_test_add_func ("/json-guard/agrees-with-json-glib", test_agrees_with_json_glib);

  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-guard/refused/%s", refused_cases[i].name);

      g_test_add_data_func (path, &refused_cases[i], test_refused);
    }

  return g_test_run ();
}
