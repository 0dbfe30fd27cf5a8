/* test-saved-page.c
 *
 * Web pages saved from the site: the payload script is found as a
 * browser finds it, and everything else a hostile page could try is
 * refused with the file and the place, or ignored: no script, two, the
 * wrong type or id, one in a comment, entities and CDATA, a script never
 * closed, script text that looks like a tag, a huge attribute, deep
 * nesting, bad JSON, bad UTF-8, and files that are not content at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-content-error.h"
#include "rh-content-file.h"
#include "rh-content-writer.h"
#include "rh-question.h"
#include "rh-saved-page.h"
#include "rh-test-util.h"

#define OPEN_PAYLOAD "<script type=\"application/json\" data-nuxt-data=\"nuxt-app\" data-ssr=\"true\" id=\"__NUXT_DATA__\">"

static char *
read_fixture (const char *name)
{
  g_autofree char   *path = rh_test_fixture_path (name);
  g_autoptr (GError) error = NULL;
  char              *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The site's page for rebasing, wrapped in @before and @after. */
static char *
wrap_payload (const char *before,
              const char *after)
{
  g_autofree char *payload = read_fixture ("rebasing.payload.json");

  g_strchomp (payload);

  return g_strconcat (before, payload, after, NULL);
}

static char *
pages_as_pack (GPtrArray *pages)
{
  gsize length;

  return rh_content_writer_pack (pages, "test", &length);
}

static GPtrArray *
load_ok (const char *name,
         const char *contents,
         gssize      length)
{
  g_autofree char   *path = rh_test_write_temp (name, contents, length);
  g_autoptr (GError) error = NULL;
  GPtrArray         *pages = rh_content_file_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pages);

  return pages;
}

/* Refused, with this code, and a message that names the file first and
 * then says @place. */
static void
assert_refused (const char *name,
                const char *contents,
                gssize      length,
                int         code,
                const char *place)
{
  g_autofree char      *path = rh_test_write_temp (name, contents, length);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_content_file_load (path, &error);
  g_autofree char      *expected = g_strconcat (path, ": ", place, NULL);

  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, code);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("“%s” does not start with “%s”", error->message, expected);
}

static void
test_valid_page (void)
{
  g_autofree char      *fixture = rh_test_fixture_path ("rebasing.payload.json");
  g_autofree char      *saved = rh_test_fixture_path ("rebasing.saved.html");
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) from_json = rh_content_file_load (fixture, &error);
  g_autoptr (GPtrArray) from_html = NULL;
  g_autofree char      *json_pack = NULL;
  g_autofree char      *html_pack = NULL;

  g_assert_no_error (error);
  from_html = rh_content_file_load (saved, &error);
  g_assert_no_error (error);

  /* The same pages, field for field, and each names its own file. */
  json_pack = pages_as_pack (from_json);
  html_pack = pages_as_pack (from_html);
  g_assert_cmpstr (html_pack, ==, json_pack);
  g_assert_cmpuint (from_html->len, ==, 1);
  g_assert_cmpstr (((RhPageData *) g_ptr_array_index (from_html, 0))->source, ==, saved);
  g_assert_cmpuint (((RhPageData *) g_ptr_array_index (from_html, 0))->questions->len, ==, 2);
}

/* By content, whatever the name says. */
static void
test_content_not_name (void)
{
  g_autofree char      *html = read_fixture ("rebasing.saved.html");
  g_autofree char      *json = read_fixture ("rebasing.payload.json");
  g_autofree char      *with_bom = g_strconcat ("\xEF\xBB\xBF\n  ", html, NULL);
  g_autoptr (GPtrArray) a = load_ok ("saved-as.json", html, -1);
  g_autoptr (GPtrArray) b = load_ok ("payload-as.html", json, -1);
  g_autoptr (GPtrArray) c = load_ok ("with-bom.htm", with_bom, -1);
  g_autofree char      *pack_a = pages_as_pack (a);
  g_autofree char      *pack_b = pages_as_pack (b);
  g_autofree char      *pack_c = pages_as_pack (c);

  g_assert_cmpstr (pack_a, ==, pack_b);
  g_assert_cmpstr (pack_c, ==, pack_b);

  g_assert_true (rh_saved_page_is_html (html, strlen (html)));
  g_assert_true (rh_saved_page_is_html (with_bom, strlen (with_bom)));
  g_assert_false (rh_saved_page_is_html (json, strlen (json)));
  g_assert_false (rh_saved_page_is_html ("", 0));
  g_assert_false (rh_saved_page_is_html ("  \n", 3));
}

static void
test_no_payload (void)
{
  g_autofree char *wrong_type = wrap_payload ("<html><body><script type=\"text/javascript\" id=\"__NUXT_DATA__\">",
                                              "</script></body></html>");
  g_autofree char *no_type = wrap_payload ("<html><body><script id=\"__NUXT_DATA__\">", "</script></body></html>");
  g_autofree char *wrong_id = wrap_payload ("<html><body><script type=\"application/json\" id=\"__NUXT_DATA\">",
                                            "</script></body></html>");
  g_autofree char *id_case = wrap_payload ("<html><body><script type=\"application/json\" id=\"__nuxt_data__\">",
                                           "</script></body></html>");
  g_autofree char *as_class = wrap_payload ("<html><body><script type=\"application/json\" class=\"__NUXT_DATA__\">",
                                            "</script></body></html>");
  g_autofree char *in_comment = wrap_payload ("<html><body><!-- " OPEN_PAYLOAD, "</script> --></body></html>");
  g_autofree char *in_div = wrap_payload ("<html><body><div id=\"__NUXT_DATA__\">", "</div></body></html>");
  const char      *expected = "a web page with no page data in it";

  assert_refused ("plain.html", "<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Hello</p></body></html>",
                  -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("wrong-type.html", wrong_type, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("no-type.html", no_type, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("wrong-id.html", wrong_id, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("id-case.html", id_case, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("as-class.html", as_class, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("in-comment.html", in_comment, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("in-div.html", in_div, -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
  assert_refused ("just-a-tag.html", "<", -1, RH_CONTENT_ERROR_NO_PAYLOAD, expected);
}

/* A payload in a comment is not a second one; a second script is. */
static void
test_several_payloads (void)
{
  g_autofree char      *one = wrap_payload ("<html><body>\n<!-- " OPEN_PAYLOAD "[1]</script> -->\n" OPEN_PAYLOAD,
                                            "</script></body></html>");
  g_autofree char      *two = wrap_payload ("<html><body>\n" OPEN_PAYLOAD "[{\"data\":1},{}]</script>\n\n" OPEN_PAYLOAD,
                                            "</script></body></html>");
  g_autoptr (GPtrArray) pages = load_ok ("comment-and-script.html", one, -1);

  g_assert_cmpuint (pages->len, ==, 1);
  assert_refused ("two.html", two, -1, RH_CONTENT_ERROR_SEVERAL_PAYLOADS,
                  "line 4, column 94: a second page data script (the first is on line 2)");
}

/* Script text is not markup: entities and CDATA stay as written, so the
 * JSON is bad, and the error is at the file's own line and column. */
static void
test_script_text_is_raw (void)
{
  g_autofree char      *entity_id = wrap_payload ("<html><body><script type=\"application/json\" id=\"&#95;_NUXT&#x5f;DATA__\">",
                                                  "</script></body></html>");
  g_autoptr (GPtrArray) pages = NULL;

  assert_refused ("entities.html", "<html>\n<body>\n" OPEN_PAYLOAD "[&quot;a&quot;]</script></body></html>", -1,
                  RH_CONTENT_ERROR_SYNTAX, "line 3, column 95: unexpected character `&'");
  assert_refused ("cdata.html", "<html>\n" OPEN_PAYLOAD "<![CDATA[[1]]]></script>", -1,
                  RH_CONTENT_ERROR_SYNTAX, "line 2, column 94: ");

  /* In an attribute, as in a browser, an entity is the character. */
  pages = load_ok ("entity-id.html", entity_id, -1);
  g_assert_cmpuint (pages->len, ==, 1);
}

/* The first `</script` ends the script, whatever it is inside; `<script>`
 * alone inside is text. */
static void
test_nested_script_text (void)
{
  g_autofree char      *payload = read_fixture ("rebasing.payload.json");
  g_autofree char      *with_tag = NULL;
  g_autofree char      *page = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  RhQuestion           *question;
  char                 *q;

  assert_refused ("nested.html", OPEN_PAYLOAD "[\"<script>alert(1)</script>\"]</script>", -1,
                  RH_CONTENT_ERROR_SYNTAX, "line 1, column ");

  /* The first question's text, with a start tag in it. */
  q = strstr (payload, "\"What is the difference");
  g_assert_nonnull (q);
  with_tag = g_strdup_printf ("%.*s\"<script><b>Why</b>, %s", (int) (q - payload), payload, q + 1);
  page = g_strconcat ("<html><body>" OPEN_PAYLOAD, with_tag, "</script></body></html>", NULL);
  pages = load_ok ("start-tag-inside.html", page, -1);
  question = g_ptr_array_index (((RhPageData *) g_ptr_array_index (pages, 0))->questions, 0);
  g_assert_true (g_str_has_prefix (rh_question_get_question (question), "<script><b>Why</b>, What is the difference"));
}

static void
test_unclosed_and_empty (void)
{
  g_autofree char *unclosed = wrap_payload ("<html>\n<body>\n" OPEN_PAYLOAD, "");
  g_autofree char *self_closed = wrap_payload ("<html><body><script type=\"application/json\" id=\"__NUXT_DATA__\"/>",
                                               "</body></html>");

  /* Even though the JSON up to the end of the file is whole. */
  assert_refused ("unclosed.html", unclosed, -1, RH_CONTENT_ERROR_SYNTAX,
                  "line 3, column 94: the page data script is never closed");
  assert_refused ("empty.html", "<html>" OPEN_PAYLOAD "  \n </script>", -1, RH_CONTENT_ERROR_EMPTY,
                  "line 1, column 100: the page data script is empty");
  /* `/>` does not end a script in HTML: the rest of the file is its text. */
  assert_refused ("self-closed.html", self_closed, -1, RH_CONTENT_ERROR_SYNTAX, "line 1, column ");
}

static void
test_huge_attribute (void)
{
  g_autofree char      *value = g_strnfill (16 * 1024 * 1024, 'x');
  g_autofree char      *before = g_strdup_printf ("<html><body><div title=\"%s\" data-x='>'>text</div>" OPEN_PAYLOAD, value);
  g_autofree char      *page = wrap_payload (before, "</script></body></html>");
  g_autofree char      *in_tag = wrap_payload ("<html><body><script data-note=\"a > b\" type=\"application/json\" id=\"__NUXT_DATA__\">",
                                               "</script></body></html>");
  g_autoptr (GPtrArray) pages = load_ok ("huge-attribute.html", page, -1);
  g_autoptr (GPtrArray) more = load_ok ("gt-in-attribute.html", in_tag, -1);

  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpuint (more->len, ==, 1);
}

static void
test_deep_nesting (void)
{
  g_autoptr (GString)   page = g_string_new ("<html><body>");
  g_autofree char      *payload = read_fixture ("rebasing.payload.json");
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree char      *deep_json = NULL;
  g_autofree char      *brackets = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div><span>");
  g_string_append (page, OPEN_PAYLOAD);
  g_string_append (page, payload);
  g_string_append (page, "</script>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "</span></div>");
  pages = load_ok ("deep-tags.html", page->str, page->len);
  g_assert_cmpuint (pages->len, ==, 1);

  /* The payload itself is held to the same depth as any content file. */
  brackets = g_strnfill (100, '[');
  deep_json = g_strconcat ("<html>\n" OPEN_PAYLOAD, brackets, "</script>", NULL);
  assert_refused ("deep-json.html", deep_json, -1, RH_CONTENT_ERROR_TOO_DEEP,
                  "line 2, column 158: nesting is deeper than 64 levels");
}

static void
test_bad_text (void)
{
  assert_refused ("bad-json.html", "<!DOCTYPE html>\n<html>\n<head>\n" OPEN_PAYLOAD "[{\"data\":1,\n \"x\": ]</script>", -1,
                  RH_CONTENT_ERROR_SYNTAX, "line 5, column 7: ");
  assert_refused ("bad-utf8.html", "<html>\n\n" OPEN_PAYLOAD "[\"\xff\"]</script>", -1,
                  RH_CONTENT_ERROR_INVALID_UTF8, "[0]: line 3, column 96: invalid UTF-8");

  /* Bytes that are not UTF-8 outside the payload are not read. */
  {
    g_autofree char      *page = wrap_payload ("<html><body><p>caf\xe9 in Latin-1</p>" OPEN_PAYLOAD, "</script></body></html>");
    g_autoptr (GPtrArray) pages = load_ok ("latin1-text.html", page, -1);

    g_assert_cmpuint (pages->len, ==, 1);
  }

  /* Not a page of the site: valid payload, no question page. */
  assert_refused ("home.html", "<html>" OPEN_PAYLOAD "[{\"data\":1},{\"home\":2},\"x\"]</script>", -1,
                  RH_CONTENT_ERROR_NO_PAGES, "the file holds no pages");
}

static void
test_not_content (void)
{
  assert_refused ("document.json", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", -1, RH_CONTENT_ERROR_NOT_JSON,
                  "neither JSON nor a web page");
  assert_refused ("image.json", "\x89PNG\r\n\x1a\n", 8, RH_CONTENT_ERROR_NOT_JSON, "neither JSON nor a web page");
}

static void
test_too_large (void)
{
  g_autofree char      *path = rh_test_write_temp ("too-large.html", "<html>", -1);
  FILE                 *file = fopen (path, "r+b");
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;

  /* Sparse: the size is refused before anything is read. */
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, RH_CONTENT_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('>', file), ==, '>');
  fclose (file);

  pages = rh_content_file_load (path, &error);
  g_assert_null (pages);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
}

/* Each kind has a sentence of its own for the window, and the sentence is
 * not the technical message. */
static void
test_describe (void)
{
  const int              codes[] = { RH_CONTENT_ERROR_NOT_JSON, RH_CONTENT_ERROR_SYNTAX, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                                     RH_CONTENT_ERROR_TOO_LARGE, RH_CONTENT_ERROR_TOO_DEEP, RH_CONTENT_ERROR_INVALID_UTF8,
                                     RH_CONTENT_ERROR_NO_PAYLOAD, RH_CONTENT_ERROR_SEVERAL_PAYLOADS, RH_CONTENT_ERROR_NO_FILES,
                                     RH_CONTENT_ERROR_EMPTY, RH_CONTENT_ERROR_READ, RH_CONTENT_ERROR_NO_PAGES };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError)     io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "x");

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (RH_CONTENT_ERROR, codes[i], "file.json: line 1, column 1: x");
      const char        *sentence = rh_content_error_describe (error);

      g_assert_nonnull (sentence);
      g_assert_true (g_str_has_suffix (sentence, "."));
      g_assert_false (g_hash_table_contains (seen, sentence));
      g_hash_table_add (seen, (gpointer) sentence);
    }

  {
    g_autoptr (GError) error = g_error_new_literal (RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_PAYLOAD, "x");

    g_assert_cmpstr (rh_content_error_describe (error), ==,
                     "The saved web page has no page of the site inside: it was not saved from the site, "
                     "or saved without its data.");
    g_assert_true (rh_content_error_is_not_content (error));
  }
  {
    g_autoptr (GError) error = g_error_new_literal (RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX, "x");

    g_assert_false (rh_content_error_is_not_content (error));
  }
  g_assert_cmpstr (rh_content_error_describe (io_error), ==, "Only files on this computer can be opened.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saved-page/valid", test_valid_page);
  g_test_add_func ("/saved-page/content-not-name", test_content_not_name);
  g_test_add_func ("/saved-page/no-payload", test_no_payload);
  g_test_add_func ("/saved-page/several-payloads", test_several_payloads);
  g_test_add_func ("/saved-page/script-text-is-raw", test_script_text_is_raw);
  g_test_add_func ("/saved-page/nested-script-text", test_nested_script_text);
  g_test_add_func ("/saved-page/unclosed-and-empty", test_unclosed_and_empty);
  g_test_add_func ("/saved-page/huge-attribute", test_huge_attribute);
  g_test_add_func ("/saved-page/deep-nesting", test_deep_nesting);
  g_test_add_func ("/saved-page/bad-text", test_bad_text);
  g_test_add_func ("/saved-page/not-content", test_not_content);
  g_test_add_func ("/saved-page/too-large", test_too_large);
  g_test_add_func ("/saved-page/describe", test_describe);

  return g_test_run ();
}
