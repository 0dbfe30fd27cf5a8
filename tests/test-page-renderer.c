/* test-page-renderer.c
 *
 * Whole pages: structure, the security policy, copy links, and content
 * that tries to escape; and study cards, with their answer hidden or
 * shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-library-load.h"
#include "rh-library.h"
#include "rh-page-renderer.h"
#include "rh-test-util.h"

#define HOSTILE_PAGE                                                                                                 \
  "{\"page\":{\"framework\":\"Py <b>\",\"topic\":\"T & U\",\"subtopic\":\"S \\\"quoted\\\"\",\"path\":\"/py/t/s\","  \
  "\"seoDescription\":\"<script>alert(1)</script>\","                                                                \
  "\"questions\":["                                                                                                  \
  "{\"id\":\"first\",\"difficulty\":\"hard\",\"q\":\"Why `<script>` and *emphasis*?\","                              \
  "\"a\":\"Text <script>alert(1)</script>\\n\\n<img src=x onerror=alert(1)>\\n\\n[x](javascript:alert(1))\\n\\n"     \
  "![r](http://127.0.0.1:1/remote.png)\\n\\n<iframe src=\\\"http://127.0.0.1:1/\\\"></iframe>\\n\\n"                 \
  "<link rel=stylesheet href=http://127.0.0.1:1/s.css>\\n\\n```python\\nimport os\\nprint(os.getcwd())\\n```\\n\"}," \
  "{\"id\":\"second\",\"difficulty\":\"easy\",\"q\":\"Plain?\",\"a\":\"| a | b |\\n|---|---|\\n| 1 | 2 |\\n\"}"      \
  "]}}"

static RhLibrary *
load_hostile_library (void)
{
  g_autofree char      *path = rh_test_write_temp ("hostile-page.json", HOSTILE_PAGE, -1);
  const char           *files[] = { path };
  RhLibrary            *library = rh_library_new ();
  g_autoptr (GPtrArray) results = rh_library_load_files (library, files, 1);

  g_assert_null (((RhLoadResult *) g_ptr_array_index (results, 0))->error);

  return library;
}

static void
assert_inert (const char *html)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);

  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<iframe"));
  g_assert_null (strstr (lower, "<link rel=stylesheet"));
  g_assert_null (strstr (lower, "<img src=x"));
  /* An on… attribute inside any tag; as escaped text it is harmless. */
  g_assert_false (g_regex_match_simple ("<[^>]*\\son[a-z]+\\s*=", lower, 0, 0));
  g_assert_null (strstr (lower, "href=\"javascript:"));
  g_assert_null (strstr (lower, "src=\"http"));
  g_assert_null (strstr (lower, "href=\"http://127.0.0.1:1/s.css"));
}

static void
test_app_page (void)
{
  g_autoptr (RhLibrary)      library = load_hostile_library ();
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  RhSubtopic                *subtopic = rh_library_lookup_subtopic (library, "/py/t/s");
  g_autofree char           *html = rh_page_renderer_render (renderer, subtopic, RH_PAGE_RENDER_DARK);

  assert_inert (html);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html class=\"dark\">"));
  g_assert_nonnull (strstr (html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "));
  g_assert_nonnull (strstr (html, "script-src 'none'"));
  g_assert_nonnull (strstr (html, "<link rel=\"stylesheet\" href=\"rehearse://resource/page.css?v=0\">"));
  g_assert_nonnull (strstr (html, "<title>S &quot;quoted&quot;</title>"));
  g_assert_nonnull (strstr (html, "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">Py &lt;b&gt; <span class=\"separator\">›</span> T &amp; U</nav>"));
  g_assert_nonnull (strstr (html, "<h1>S &quot;quoted&quot;</h1>"));
  g_assert_nonnull (strstr (html, "<p class=\"summary\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  g_assert_nonnull (strstr (html, "<section class=\"question\" id=\"q-first\">"));
  g_assert_nonnull (strstr (html, "<h2>Why <code>&lt;script&gt;</code> and <em>emphasis</em>?</h2>"));
  g_assert_nonnull (strstr (html, "<span class=\"badge hard\">Hard</span>"));
  g_assert_nonnull (strstr (html, "<span class=\"badge easy\">Easy</span>"));
  g_assert_nonnull (strstr (html, "href=\"rehearse://action/copy?q=first&amp;block=0\""));
  g_assert_true (strstr (html, "<span class=\"hl-preprocessor\">import</span>") != NULL);
  g_assert_nonnull (strstr (html, "<table>"));
  /* Escaped, visible, and harmless. */
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_true (strstr (html, "id=\"q-first\"") < strstr (html, "id=\"q-second\""));
  /* Studying the page is a plain link into the app, before the questions. */
  g_assert_nonnull (strstr (html, "<a class=\"study-link\" role=\"button\" href=\"rehearse://action/study?scope=/py/t/s\">"
                                  "Study This Page</a>"));
  g_assert_true (strstr (html, "study-link") < strstr (html, "id=\"q-first\""));
}

static void
test_study_card (void)
{
  g_autoptr (RhLibrary)      library = load_hostile_library ();
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  RhQuestion                *question = rh_library_lookup_question (library, "/py/t/s", "first");
  g_autofree char           *hidden = rh_page_renderer_render_card (renderer, question, FALSE, RH_PAGE_RENDER_DEFAULT);
  g_autofree char           *shown = rh_page_renderer_render_card (renderer, question, TRUE, RH_PAGE_RENDER_DARK);

  assert_inert (hidden);
  assert_inert (shown);
  g_assert_true (g_str_has_prefix (hidden, "<!DOCTYPE html>\n<html class=\"light\">"));
  g_assert_true (g_str_has_prefix (shown, "<!DOCTYPE html>\n<html class=\"dark\">"));
  g_assert_nonnull (strstr (hidden, "script-src 'none'"));
  g_assert_nonnull (strstr (hidden, "<link rel=\"stylesheet\" href=\"rehearse://resource/page.css?v=0\">"));
  g_assert_nonnull (strstr (hidden, "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">Py &lt;b&gt; <span class=\"separator\">›</span> "
                                    "T &amp; U <span class=\"separator\">›</span> S &quot;quoted&quot;</nav>"));
  g_assert_nonnull (strstr (hidden, "<h2>Why <code>&lt;script&gt;</code> and <em>emphasis</em>?</h2>"));
  g_assert_nonnull (strstr (hidden, "<span class=\"badge hard\">Hard</span>"));

  /* The question alone, then the answer too, highlighted as on its page;
   * a card has nothing to click. */
  g_assert_null (strstr (hidden, "class=\"answer\""));
  g_assert_null (strstr (hidden, "import"));
  g_assert_nonnull (strstr (shown, "<div class=\"answer\">"));
  g_assert_nonnull (strstr (shown, "<span class=\"hl-preprocessor\">import</span>"));
  g_assert_null (strstr (shown, "rehearse://action/"));
  g_assert_null (strstr (shown, "class=\"star"));
}

static void
test_standalone_page (void)
{
  g_autoptr (RhLibrary)      library = load_hostile_library ();
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  RhSubtopic                *subtopic = rh_library_lookup_subtopic (library, "/py/t/s");
  g_autofree char           *html = rh_page_renderer_render (renderer, subtopic, RH_PAGE_RENDER_STANDALONE);

  assert_inert (html);
  g_assert_nonnull (strstr (html, "<style>\n"));
  g_assert_nonnull (strstr (html, ".hl-keyword"));
  g_assert_null (strstr (html, "rehearse:"));
  g_assert_null (strstr (html, "copy-button\""));
}

static void
test_stylesheet (void)
{
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  const char                *css;

  rh_page_renderer_set_fonts (renderer, "Cantarell", "Source Code Pro\"; } body { x");
  css = rh_page_renderer_get_stylesheet (renderer);

  /* New fonts give the stylesheet a new address, so no page keeps the
   * old one from the web view's cache. */
  {
    g_autoptr (RhLibrary) library = load_hostile_library ();
    g_autofree char      *html = rh_page_renderer_render (renderer, rh_library_lookup_subtopic (library, "/py/t/s"),
                                                          RH_PAGE_RENDER_DEFAULT);

    g_assert_nonnull (strstr (html, "page.css?v=1\""));
  }
  g_assert_true (g_str_has_prefix (css, ":root { --document-font: \"Cantarell\"; --monospace-font: \"Source Code Pro  body  x\"; }"));
  g_assert_nonnull (strstr (css, "prefers-color-scheme: dark"));
  g_assert_nonnull (strstr (css, ".hl-keyword"));
}

static void
test_page_uri (void)
{
  g_autofree char *plain = rh_page_uri_for_path ("/python/concurrency/multiprocessing", NULL);
  g_autofree char *question = rh_page_uri_for_path ("/python/concurrency/multiprocessing", "process-vs-pool");

  g_assert_cmpstr (plain, ==, "rehearse://library/python/concurrency/multiprocessing");
  g_assert_cmpstr (question, ==, "rehearse://library/python/concurrency/multiprocessing#q-process-vs-pool");
}

/* However much code a page holds, only so much of it is highlighted, and
 * the next page gets the full allowance again. */
static void
test_code_budget_per_page (void)
{
  g_autoptr (GString)        json = g_string_new ("{\"page\":{\"framework\":\"Py\",\"topic\":\"T\",\"subtopic\":\"Big\","
                                                         "\"path\":\"/py/t/big\",\"questions\":[");
  g_autoptr (GString)        block = g_string_new ("```python\\n");
  g_autoptr (RhLibrary)      library = load_hostile_library ();
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  g_autoptr (GPtrArray)      results = NULL;
  g_autofree char           *path = NULL;
  g_autofree char           *big = NULL;
  g_autofree char           *small = NULL;
  g_auto (GStrv)             blocks = NULL;
  const char                *files[1];
  const guint                n_blocks = 12;
  const guint                n_lines = 5000; /* 55 KB a block */
  guint                      n_highlighted = 0;

  for (guint i = 0; i < n_lines; i++)
    g_string_append (block, "x = 1  # c\\n");
  g_string_append (block, "```");
  for (guint i = 0; i < n_blocks; i++)
    g_string_append_printf (json, "%s{\"id\":\"q%u\",\"difficulty\":\"easy\",\"q\":\"Q?\",\"a\":\"%s\"}",
                            i > 0 ? "," : "", i, block->str);
  g_string_append (json, "]}}");

  path = rh_test_write_temp ("big-code.json", json->str, -1);
  files[0] = path;
  results = rh_library_load_files (library, files, 1);
  g_assert_null (((RhLoadResult *) g_ptr_array_index (results, 0))->error);

  big = rh_page_renderer_render (renderer, rh_library_lookup_subtopic (library, "/py/t/big"), RH_PAGE_RENDER_DEFAULT);
  blocks = g_strsplit (big, "<code class=\"language-python\">", -1);
  g_assert_cmpuint (g_strv_length (blocks), ==, n_blocks + 1);
  for (guint i = 1; blocks[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (blocks[i], strstr (blocks[i], "</code>") - blocks[i]);

      if (strstr (code, "hl-comment") != NULL)
        n_highlighted++;
    }
  /* Eleven bytes a line, and the last line break is not part of the code. */
  g_assert_cmpuint (n_highlighted, ==, RH_CODE_HIGHLIGHTER_BUDGET / (n_lines * 11 - 1));

  small = rh_page_renderer_render (renderer, rh_library_lookup_subtopic (library, "/py/t/s"), RH_PAGE_RENDER_DEFAULT);
  g_assert_nonnull (strstr (small, "<span class=\"hl-preprocessor\">import</span>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-renderer/app-page", test_app_page);
  g_test_add_func ("/page-renderer/standalone-page", test_standalone_page);
  g_test_add_func ("/page-renderer/study-card", test_study_card);
  g_test_add_func ("/page-renderer/stylesheet", test_stylesheet);
  g_test_add_func ("/page-renderer/page-uri", test_page_uri);
  g_test_add_func ("/page-renderer/code-budget-per-page", test_code_budget_per_page);

  return g_test_run ();
}
