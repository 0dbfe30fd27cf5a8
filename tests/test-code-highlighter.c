/* test-code-highlighter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rh-code-highlighter.h"

static RhCodeHighlighter *highlighter;

/* Strips the markup and undoes the escaping, which must give back exactly
 * the code that went in: highlighting may only add spans. */
static char *
html_to_text (const char *html)
{
  g_autoptr (GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  g_autofree char   *text = g_regex_replace_literal (tags, html, -1, 0, "", 0, NULL);
  GString           *out = g_string_new (NULL);
  static const struct
  {
    const char *entity;
    char        c;
  } entities[] = {
    { "&amp;", '&' },
    { "&lt;", '<' },
    { "&gt;", '>' },
    { "&quot;", '"' },
    { "&#39;", '\'' },
  };

  for (const char *p = text; *p != '\0';)
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        {
          if (g_str_has_prefix (p, entities[i].entity))
            {
              g_string_append_c (out, entities[i].c);
              p += strlen (entities[i].entity);
              replaced = TRUE;
              break;
            }
        }

      if (!replaced)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_span (const char *html,
          const char *css_class,
          const char *text)
{
  g_autofree char *needle = NULL;

  if (css_class != NULL)
    {
      needle = g_strdup_printf ("<span class=\"%s\">%s</span>", css_class, text);
      return strstr (html, needle) != NULL;
    }
  else
    {
      g_autofree char *quoted = g_regex_escape_string (text, -1);
      g_autofree char *pattern = g_strdup_printf ("<span class=\"hl-[a-z-]+\">%s</span>", quoted);

      return g_regex_match_simple (pattern, html, 0, 0);
    }
}

typedef struct
{
  const char *language;
  const char *code;
  /* NULL-terminated pairs of class (NULL for any class) and text */
  const char *spans[10];
} HighlightCase;

static const HighlightCase highlight_cases[] = {
  {
      "python",
      "import os\n\ndef greet(name):\n    # say hello\n    return \"Hello, \" + name\n",
      {
          "hl-keyword",
          "def",
          "hl-keyword",
          "return",
          NULL,
          "import",
          "hl-comment",
          "# say hello",
          NULL,
          NULL,
      },
  },
  {
      "c",
      "#include <stdio.h>\n\nint\nmain (void)\n{\n  return 0;\n}\n",
      {
          "hl-type",
          "int",
          "hl-keyword",
          "return",
          "hl-preprocessor",
          "#include ",
          "hl-string",
          "&lt;stdio.h&gt;",
          NULL,
          NULL,
      },
  },
  {
      "javascript",
      "const add = function (a, b) {\n  return a + b; // sum\n};\n",
      {
          NULL,
          "const",
          NULL,
          "function",
          "hl-keyword",
          "return",
          "hl-comment",
          "// sum",
          NULL,
          NULL,
      },
  },
  {
      "bash",
      "if [ -f \"$HOME/.bashrc\" ]; then\n  echo \"found\"\nfi\n",
      {
          "hl-keyword",
          "if",
          "hl-keyword",
          "then",
          "hl-keyword",
          "fi",
          NULL,
          "echo",
          NULL,
          NULL,
      },
  },
};

static void
test_highlight_languages (gconstpointer data)
{
  const HighlightCase *c = data;
  g_autofree char     *html = rh_code_highlighter_highlight (highlighter, c->code, -1, c->language);
  g_autofree char     *text = html_to_text (html);

  g_test_message ("%s: %s", c->language, html);

  for (guint i = 0; c->spans[i + 1] != NULL; i += 2)
    {
      if (!has_span (html, c->spans[i], c->spans[i + 1]))
        g_error ("%s: no %s span around “%s” in %s",
                 c->language, c->spans[i] ? c->spans[i] : "hl-*", c->spans[i + 1], html);
    }

  g_assert_cmpstr (text, ==, c->code);
}

typedef struct
{
  const char *alias;
  const char *language_id;
} AliasCase;

static const AliasCase alias_cases[] = {
  { "py", "python3" },
  { "python", "python3" },
  { "Python3", "python3" },
  { "PY3", "python3" },
  { "js", "js" },
  { "JavaScript", "js" },
  { "mjs", "js" },
  { "node", "js" },
  { "ts", "typescript" },
  { "typescript", "typescript" },
  { "sh", "sh" },
  { "bash", "sh" },
  { "shell", "sh" },
  { "zsh", "sh" },
  { "console", "sh" },
  { "c", "c" },
  { "h", "c" },
  { "c++", "cpp" },
  { "C++", "cpp" },
  { "cpp", "cpp" },
  { "cxx", "cpp" },
  { "hpp", "cpp" },
  { "yml", "yaml" },
  { "yaml", "yaml" },
  { "json", "json" },
  { "rs", "rust" },
  { "rust", "rust" },
  { "go", "go" },
  { "golang", "go" },
  { "rb", "ruby" },
  { "ruby", "ruby" },
  { "java", "java" },
  { "kt", "kotlin" },
  { "kotlin", "kotlin" },
  { "sql", "sql" },
  { "html", "html" },
  { "xml", "xml" },
  { "css", "css" },
  { "diff", "diff" },
  { "patch", "diff" },
  { "dockerfile", "docker" },
  { "Docker", "docker" },
  { "toml", "toml" },
  { "ini", "ini" },
  { "make", "makefile" },
  { "Makefile", "makefile" },
  { "md", "markdown" },
  { "markdown", "markdown" },
  /* Not aliased: GtkSourceView ids work as they are */
  { "lua", "lua" },
  { "vala", "vala" },
  { " rust ", "rust" },
  /* Unknown, empty, or internal building blocks */
  { "klingon", NULL },
  { "", NULL },
  { "   ", NULL },
  { "def", NULL },
};

/* A quoted here document must not cost the rest of the block its
 * highlighting, nor print a warning; the text keeps its quotes. */
static void
test_quoted_here_document (void)
{
  const char      *code = "cat <<'EOF' > notes\n$HOME stays\nEOF\necho \"$HOME\"\n";
  g_autofree char *html = NULL;
  g_autofree char *double_quoted = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  html = rh_code_highlighter_highlight (highlighter, code, -1, "bash");
  g_assert_nonnull (strstr (html, "&#39;EOF"));
  g_assert_nonnull (strstr (html, "<span class=\"hl-keyword\">echo</span>"));

  double_quoted = rh_code_highlighter_highlight (highlighter, "cat <<-\"END\"\n\tx\n\tEND\nls\n", -1, "sh");
  g_assert_nonnull (strstr (double_quoted, "&quot;END"));
  g_assert_nonnull (strstr (double_quoted, "<span class=\"hl-keyword\">ls</span>"));
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
}

static void
test_aliases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (alias_cases); i++)
    {
      const char *id = rh_code_highlighter_resolve_language (highlighter, alias_cases[i].alias);

      g_assert_cmpstr (id, ==, alias_cases[i].language_id);
    }

  g_assert_null (rh_code_highlighter_resolve_language (highlighter, NULL));
  g_assert_cmpstr (rh_code_highlighter_get_display_name (highlighter, "py"), ==, "Python");
  g_assert_cmpstr (rh_code_highlighter_get_display_name (highlighter, "c++"), ==, "C++");
  g_assert_null (rh_code_highlighter_get_display_name (highlighter, "klingon"));
  g_assert_cmpstr (rh_code_highlighter_get_display_name (highlighter, "bash"), ==, "Bash");
  g_assert_cmpstr (rh_code_highlighter_get_display_name (highlighter, "SH"), ==, "Shell");
}

static void
test_aliases_highlight_alike (void)
{
  const char              *code = "def f():\n    return None\n";
  g_autofree char         *canonical = rh_code_highlighter_highlight (highlighter, code, -1, "python3");
  static const char *const aliases[] = { "py", "PY", "python", "py3" };

  g_assert_true (has_span (canonical, "hl-keyword", "def"));

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      g_autofree char *html = rh_code_highlighter_highlight (highlighter, code, -1, aliases[i]);
      g_assert_cmpstr (html, ==, canonical);
    }
}

static void
test_unknown_language (void)
{
  const char              *code = "if a < b && c > d then \"x\" 'y'\n";
  const char              *expected = "if a &lt; b &amp;&amp; c &gt; d then &quot;x&quot; &#39;y&#39;\n";
  static const char *const languages[] = { "klingon", "", NULL, "def" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *html = rh_code_highlighter_highlight (highlighter, code, -1, languages[i]);

      g_assert_cmpstr (html, ==, expected);
      g_assert_null (strstr (html, "<span"));
    }
}

static void
test_escaping (void)
{
  const char      *code = "x = \"<b>&amp;</b>\" if a < b and c > d else '&'\n";
  g_autofree char *html = rh_code_highlighter_highlight (highlighter, code, -1, "python");
  g_autofree char *text = html_to_text (html);

  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
  g_assert_nonnull (strstr (html, "a &lt; b"));
  g_assert_nonnull (strstr (html, "&#39;&amp;&#39;"));
  g_assert_cmpstr (text, ==, code);
}

static void
test_length_and_encoding (void)
{
  g_autofree char *partial = rh_code_highlighter_highlight (highlighter, "return 1; garbage", 9, "c");
  g_autofree char *partial_text = html_to_text (partial);
  g_autofree char *empty = rh_code_highlighter_highlight (highlighter, "", 0, "python");
  g_autofree char *null_code = rh_code_highlighter_highlight (highlighter, NULL, 0, "python");
  g_autofree char *invalid = rh_code_highlighter_highlight (highlighter, "s = \"\xff\xfe\"\n", -1, "python");
  g_autofree char *with_nul = rh_code_highlighter_highlight (highlighter, "a\0b", 3, "python");
  g_autofree char *with_nul_text = html_to_text (with_nul);
  g_autofree char *unicode = rh_code_highlighter_highlight (highlighter, "# héllo → wörld\nx = \"ünï\"\n", -1, "python");
  g_autofree char *unicode_text = html_to_text (unicode);

  g_assert_cmpstr (partial_text, ==, "return 1;");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null_code, ==, "");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_nonnull (strstr (invalid, "\xEF\xBF\xBD"));
  g_assert_true (g_utf8_validate (with_nul, -1, NULL));
  g_assert_cmpstr (with_nul_text, ==, "a\xEF\xBF\xBD"
                                      "b");
  g_assert_cmpstr (unicode_text, ==, "# héllo → wörld\nx = \"ünï\"\n");
  g_assert_true (has_span (unicode, "hl-comment", "# héllo → wörld"));
}

static char *
python_of_size (gsize size)
{
  GString *code = g_string_sized_new (size + 32);

  while (code->len < size)
    g_string_append (code, "# c\n");
  g_string_truncate (code, size);

  return g_string_free (code, FALSE);
}

/* GtkSourceView takes most of a second per megabyte and has no limit of
 * its own: a 30 MB block took minutes. Past the limits code is escaped. */
static void
test_size_limits (void)
{
  g_autofree char *largest = python_of_size (RH_CODE_HIGHLIGHTER_MAX_BYTES);
  g_autofree char *too_large = python_of_size (RH_CODE_HIGHLIGHTER_MAX_BYTES + 4);
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  gsize            highlighted = 0;

  rh_code_highlighter_reset_budget (highlighter);
  html = rh_code_highlighter_highlight (highlighter, largest, -1, "python");
  g_assert_nonnull (strstr (html, "hl-comment"));
  g_clear_pointer (&html, g_free);

  html = rh_code_highlighter_highlight (highlighter, too_large, -1, "python");
  g_assert_null (strstr (html, "<span"));
  text = html_to_text (html);
  g_assert_cmpstr (text, ==, too_large);
  g_clear_pointer (&html, g_free);

  /* The budget: what is left of it after the first block, then nothing. */
  for (highlighted = RH_CODE_HIGHLIGHTER_MAX_BYTES; highlighted + RH_CODE_HIGHLIGHTER_MAX_BYTES <= RH_CODE_HIGHLIGHTER_BUDGET;
       highlighted += RH_CODE_HIGHLIGHTER_MAX_BYTES)
    {
      html = rh_code_highlighter_highlight (highlighter, largest, -1, "python");
      g_assert_nonnull (strstr (html, "hl-comment"));
      g_clear_pointer (&html, g_free);
    }
  html = rh_code_highlighter_highlight (highlighter, "# c\n", -1, "python");
  g_assert_cmpstr (html, ==, "# c\n");
  g_clear_pointer (&html, g_free);

  rh_code_highlighter_reset_budget (highlighter);
  html = rh_code_highlighter_highlight (highlighter, "# c\n", -1, "python");
  g_assert_cmpstr (html, ==, "<span class=\"hl-comment\"># c</span>\n");
}

/* Buffers are reused between calls; stale highlighting must not leak */
static void
test_reuse (void)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = rh_code_highlighter_highlight (highlighter, "# only a comment\n", -1, "python");
      g_autofree char *b = rh_code_highlighter_highlight (highlighter, "value = 1\n", -1, "python");
      g_autofree char *c = rh_code_highlighter_highlight (highlighter, "int x;\n", -1, "c");

      g_assert_cmpstr (a, ==, "<span class=\"hl-comment\"># only a comment</span>\n");
      g_assert_null (strstr (b, "hl-comment"));
      g_assert_true (has_span (c, NULL, "int"));
    }
}

static void
test_scheme_css (void)
{
  static const char *const schemes[] = { "Adwaita", "Adwaita-dark" };
  g_autofree char         *light = NULL;
  g_autofree char         *dark = NULL;
  g_autofree char         *prefixed = NULL;
  g_autofree char         *page = NULL;
  g_autofree char         *page_again = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *css = rh_code_highlighter_scheme_css (highlighter, schemes[i], NULL);

      g_assert_nonnull (css);
      g_assert_true (g_str_has_prefix (css, ".hl-"));
      g_assert_true (g_regex_match_simple ("^\\.hl-keyword \\{ color: rgb\\(\\d+,\\d+,\\d+\\);", css, G_REGEX_MULTILINE, 0));
      g_assert_true (g_regex_match_simple ("^\\.hl-comment \\{ color: rgb", css, G_REGEX_MULTILINE, 0));
      g_assert_true (g_regex_match_simple ("^\\.hl-string \\{ color: rgb", css, G_REGEX_MULTILINE, 0));
      g_assert_null (strstr (css, "(null)"));
    }

  light = rh_code_highlighter_scheme_css (highlighter, "Adwaita", NULL);
  dark = rh_code_highlighter_scheme_css (highlighter, "Adwaita-dark", NULL);
  g_assert_cmpstr (light, !=, dark);

  /* def:keyword has no style in Adwaita; it falls back to def:statement */
  g_assert_true (g_regex_match_simple ("^\\.hl-keyword \\{[^}]*font-weight: bold;", light, G_REGEX_MULTILINE, 0));

  prefixed = rh_code_highlighter_scheme_css (highlighter, "Adwaita-dark", ":root.dark ");
  g_assert_true (g_str_has_prefix (prefixed, ":root.dark .hl-"));
  g_assert_nonnull (strstr (prefixed, ":root.dark .hl-keyword {"));

  g_assert_null (rh_code_highlighter_scheme_css (highlighter, "no-such-scheme", NULL));

  page = rh_code_highlighter_page_css (highlighter);
  page_again = rh_code_highlighter_page_css (highlighter);
  g_assert_cmpstr (page, ==, page_again);
  g_assert_nonnull (strstr (page, "\n.hl-keyword {"));
  g_assert_nonnull (strstr (page, "@media screen and (prefers-color-scheme: dark) {\n:root:not(.light) .hl-"));
  g_assert_nonnull (strstr (page, "\n:root:not(.light) .hl-keyword {"));
  g_assert_nonnull (strstr (page, "@media screen {\n:root.dark .hl-"));
  g_assert_nonnull (strstr (page, "\n:root.dark .hl-keyword {"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Deliberately no gtk_init(): highlighting must work without a display */
  highlighter = rh_code_highlighter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (highlight_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/code-highlighter/highlight/%s", highlight_cases[i].language);
      g_test_add_data_func (path, &highlight_cases[i], test_highlight_languages);
    }
  g_test_add_func ("/code-highlighter/aliases", test_aliases);
  g_test_add_func ("/code-highlighter/quoted-here-document", test_quoted_here_document);
  g_test_add_func ("/code-highlighter/aliases-highlight-alike", test_aliases_highlight_alike);
  g_test_add_func ("/code-highlighter/unknown-language", test_unknown_language);
  g_test_add_func ("/code-highlighter/escaping", test_escaping);
  g_test_add_func ("/code-highlighter/length-and-encoding", test_length_and_encoding);
  g_test_add_func ("/code-highlighter/reuse", test_reuse);
  g_test_add_func ("/code-highlighter/size-limits", test_size_limits);
  g_test_add_func ("/code-highlighter/scheme-css", test_scheme_css);

  ret = g_test_run ();
  g_clear_object (&highlighter);

  return ret;
}
