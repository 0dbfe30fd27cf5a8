/* test-html.c
 *
 * The HTML escaper that every answer and code block goes through, and
 * the character references content may write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-html.h"

static char *
escaped (const char *text,
         gssize      len)
{
  GString *out = g_string_new ("[");

  if (len < 0)
    rh_html_append_text (out, text);
  else
    rh_html_append_escaped (out, text, (gsize) len);
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static void
test_escape (void)
{
  static const struct
  {
    const char *text;
    const char *html;
  } cases[] = {
    { "", "[]" },
    { "plain text", "[plain text]" },
    { "<script>alert(1)</script>", "[&lt;script&gt;alert(1)&lt;/script&gt;]" },
    { "a & b", "[a &amp; b]" },
    { "\"double\" 'single'", "[&quot;double&quot; &#39;single&#39;]" },
    { "&amp;", "[&amp;amp;]" },
    { "x<y>z", "[x&lt;y&gt;z]" },
    { "ünïcödé ✓", "[ünïcödé ✓]" },
    { "\" onmouseover=\"x", "[&quot; onmouseover=&quot;x]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = escaped (cases[i].text, -1);

      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* Only the length given is read: no terminating nul is needed. */
static void
test_escape_length (void)
{
  g_autofree char *html = escaped ("<a>&<b>", 4);

  g_assert_cmpstr (html, ==, "[&lt;a&gt;&amp;]");
}

static void
test_decode_entity (void)
{
  static const struct
  {
    const char *reference;
    gboolean    known;
    const char *text;
  } cases[] = {
    { "&amp;", TRUE, "&" },
    { "&lt;", TRUE, "<" },
    { "&nbsp;", TRUE, "\xC2\xA0" },
    { "&#65;", TRUE, "A" },
    { "&#x41;", TRUE, "A" },
    { "&#X263A;", TRUE, "☺" },
    /* Never a nul, a surrogate or past Unicode: the replacement character. */
    { "&#0;", TRUE, "\xEF\xBF\xBD" },
    { "&#xD800;", TRUE, "\xEF\xBF\xBD" },
    { "&#x110000;", TRUE, "\xEF\xBF\xBD" },
    { "&#99999999999999999999;", TRUE, "\xEF\xBF\xBD" },
    { "&unknown;", FALSE, "" },
    { "&#;", FALSE, "" },
    { "&#x;", FALSE, "" },
    { "&#12a;", FALSE, "" },
    { "&amp", FALSE, "" },
    { "amp;", FALSE, "" },
    { "&;", FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = g_string_new (NULL);

      g_assert_cmpint (rh_html_decode_entity (cases[i].reference, strlen (cases[i].reference), out), ==,
                       cases[i].known);
      g_assert_cmpstr (out->str, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/escape", test_escape);
  g_test_add_func ("/html/escape-length", test_escape_length);
  g_test_add_func ("/html/decode-entity", test_decode_entity);

  return g_test_run ();
}
