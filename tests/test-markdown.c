/* test-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rh-markdown.h"

static RhCodeHighlighter *highlighter;

static char *
render (const char *markdown)
{
  g_autoptr (GError) error = NULL;
  char              *html = rh_markdown_render (markdown, -1, highlighter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (html);
  g_assert_true (g_utf8_validate (html, -1, NULL));

  return html;
}

static char *
render_inline (const char *text)
{
  g_autoptr (GError) error = NULL;
  char              *html = rh_markdown_render_inline (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (html);
  g_assert_true (g_utf8_validate (html, -1, NULL));

  return html;
}

#define assert_contains(html, needle)                      \
  G_STMT_START                                             \
  {                                                        \
    if (strstr ((html), (needle)) == NULL)                 \
      g_error ("Expected “%s” in:\n%s", (needle), (html)); \
  }                                                        \
  G_STMT_END

#define assert_not_contains(html, needle)                        \
  G_STMT_START                                                   \
  {                                                              \
    if (strstr ((html), (needle)) != NULL)                       \
      g_error ("Did not expect “%s” in:\n%s", (needle), (html)); \
  }                                                              \
  G_STMT_END

static gboolean
strv_contains_name (const char *const *names,
                    const char        *name)
{
  return g_strv_contains (names, name);
}

/* Every tag and attribute the renderer may produce. Since all text is
 * escaped, any '<' in the output starts a real tag, so checking them all
 * proves nothing else got through. */
static void
assert_only_safe_markup (const char *html)
{
  static const char *const allowed_tags[] = {
    "p", "em", "strong", "del", "u", "code", "pre", "a", "img", "h4", "h5", "h6",
    "ul", "ol", "li", "input", "blockquote", "hr", "br", "table", "thead",
    "tbody", "tr", "th", "td", "div", "span", NULL
  };
  static const char *const allowed_attributes[] = {
    "class", "href", "rel", "title", "src", "alt", "start", "type", "disabled",
    "checked", "aria-label", "role", NULL
  };
  g_autoptr (GRegex)     tag_regex = g_regex_new ("<(/?)([^\\s>/]+)([^>]*)>", 0, 0, NULL);
  g_autoptr (GRegex)     attribute_regex = g_regex_new ("\\s([^\\s=]+)(?:=\"([^\"]*)\")?", 0, 0, NULL);
  g_autoptr (GRegex)     ampersand_regex = g_regex_new ("&(?!(amp|lt|gt|quot|#39|#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)", 0, 0, NULL);
  g_autoptr (GMatchInfo) tag_match = NULL;

  /* A '>' or '"' outside a tag would be harmless, a stray '<' would not */
  g_assert_false (g_regex_match (ampersand_regex, html, 0, NULL));

  g_regex_match (tag_regex, html, 0, &tag_match);
  while (g_match_info_matches (tag_match))
    {
      g_autofree char       *name = g_match_info_fetch (tag_match, 2);
      g_autofree char       *attributes = g_match_info_fetch (tag_match, 3);
      g_autoptr (GMatchInfo) attribute_match = NULL;
      g_autofree char       *leftover = NULL;

      if (!strv_contains_name (allowed_tags, name))
        g_error ("Unexpected element <%s> in:\n%s", name, html);

      /* Everything in the tag must be a well-formed attribute */
      leftover = g_regex_replace_literal (attribute_regex, attributes, -1, 0, "", 0, NULL);
      if (leftover[0] != '\0')
        g_error ("Malformed attributes “%s” in:\n%s", attributes, html);

      g_regex_match (attribute_regex, attributes, 0, &attribute_match);
      while (g_match_info_matches (attribute_match))
        {
          g_autofree char *attribute = g_match_info_fetch (attribute_match, 1);
          g_autofree char *value = g_match_info_fetch (attribute_match, 2);

          if (!strv_contains_name (allowed_attributes, attribute))
            g_error ("Unexpected attribute %s on <%s> in:\n%s", attribute, name, html);

          if (g_str_equal (attribute, "href") &&
              !g_str_has_prefix (value, "http://") &&
              !g_str_has_prefix (value, "https://") &&
              !g_str_has_prefix (value, "mailto:") &&
              !g_str_has_prefix (value, "rehearse://library/") &&
              /* The renderer's own copy buttons; content cannot make one */
              !(g_str_has_prefix (value, "rehearse://action/copy?") && strstr (attributes, "copy-button") != NULL) &&
              !g_str_has_prefix (value, "#"))
            g_error ("Unexpected link target “%s” in:\n%s", value, html);

          if (g_str_equal (attribute, "src") && !g_str_has_prefix (value, "data:image/"))
            g_error ("Unexpected image source “%s” in:\n%s", value, html);

          g_match_info_next (attribute_match, NULL);
        }

      g_match_info_next (tag_match, NULL);
    }
}

/* The checks the page's security relies on, spelled out */
static void
assert_inert (const char *html)
{
  g_autoptr (GRegex) values = g_regex_new ("=\"[^\"]*\"", 0, 0, NULL);
  g_autofree char   *skeleton = g_regex_replace_literal (values, html, -1, 0, "=\"\"", 0, NULL);
  g_autofree char   *lower = g_ascii_strdown (html, -1);

  assert_only_safe_markup (html);
  assert_not_contains (lower, "<script");
  assert_not_contains (lower, "<iframe");
  assert_not_contains (lower, "<link");
  assert_not_contains (lower, "<style");
  assert_not_contains (lower, "<object");
  assert_not_contains (lower, "<embed");
  assert_not_contains (lower, "<svg");
  assert_not_contains (lower, "src=\"http");
  assert_not_contains (lower, "href=\"javascript:");
  assert_not_contains (lower, "href=\"vbscript:");
  assert_not_contains (lower, "href=\"data:");
  assert_not_contains (lower, "href=\"file:");
  /* Attribute values are escaped text; only names can be attributes */
  g_assert_false (g_regex_match_simple ("<[^>]*\\son[a-z]+\\s*=", skeleton, G_REGEX_CASELESS, 0));
  g_assert_false (g_regex_match_simple ("<[^>]*\\sstyle\\s*=", skeleton, G_REGEX_CASELESS, 0));
}

typedef struct
{
  const char *name;
  const char *markdown;
  const char *expected[6];
  const char *unexpected[4];
} RenderCase;

static const RenderCase render_cases[] = {
  {
      "paragraphs",
      "First paragraph\nstill first.\n\nSecond paragraph.",
      { "<p>First paragraph\nstill first.</p>\n<p>Second paragraph.</p>\n" },
      { "<br" },
  },
  {
      "hard-break",
      "line one  \nline two",
      { "<p>line one<br>\nline two</p>" },
      { NULL },
  },
  {
      "emphasis",
      "*em* _em2_ **strong** __strong2__ ~~gone~~ `code`",
      { "<em>em</em>", "<em>em2</em>", "<strong>strong</strong>", "<strong>strong2</strong>",
        "<del>gone</del>", "<code>code</code>" },
      { NULL },
  },
  {
      "escaping",
      "Tom & \"Jerry\" <x> 'y'",
      { "<p>Tom &amp; &quot;Jerry&quot; &lt;x&gt; &#39;y&#39;</p>" },
      { NULL },
  },
  {
      "code-span-escaping",
      "`a < b && \"c\"`",
      { "<code>a &lt; b &amp;&amp; &quot;c&quot;</code>" },
      { NULL },
  },
  {
      "entities",
      "&copy; &#169; &#xA9; &amp; &lt;b&gt; &nosuchentity; &#0;",
      { "© © © &amp; &lt;b&gt; &nosuchentity; \xEF\xBF\xBD" },
      { NULL },
  },
  {
      "backslash-escapes",
      "\\*not em\\* \\<b\\>",
      { "<p>*not em* &lt;b&gt;</p>" },
      { "<em>" },
  },
  {
      "table",
      "| Left | Center | Right | None |\n|:-----|:------:|------:|------|\n| a | b | c | d |\n| e | f | g | h |\n",
      { "<div class=\"table-wrapper\"><table>\n<thead>\n<tr><th class=\"align-left\">Left</th><th class=\"align-center\">Center</th><th class=\"align-right\">Right</th><th>None</th></tr>\n</thead>\n<tbody>\n",
        "<tr><td class=\"align-left\">a</td><td class=\"align-center\">b</td><td class=\"align-right\">c</td><td>d</td></tr>",
        "</tbody>\n</table></div>\n" },
      { NULL },
  },
  {
      "task-list",
      "- [x] done\n- [ ] todo\n- plain",
      { "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled checked> done</li>",
        "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled> todo</li>",
        "<li>plain</li>" },
      { NULL },
  },
  {
      "lists",
      "3. three\n4. four\n\n* a\n\n* b\n",
      { "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>", "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>" },
      { NULL },
  },
  {
      "blockquote-and-rule",
      "> quoted\n\n---\n",
      { "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n" },
      { NULL },
  },
  {
      "links",
      "[GNOME](https://www.gnome.org \"The \\\"GNOME\\\" site\") [top](#top) [next](rehearse://library/python/core/gil#q-why) [mail](mailto:a@example.com)",
      { "<a href=\"https://www.gnome.org\" class=\"external\" rel=\"noopener noreferrer\" title=\"The &quot;GNOME&quot; site\">GNOME</a>",
        "<a href=\"#top\">top</a>",
        "<a href=\"rehearse://library/python/core/gil#q-why\">next</a>",
        "<a href=\"mailto:a@example.com\">mail</a>" },
      { NULL },
  },
  {
      "relative-links-become-text",
      "[the docs](docs/index.html) and [up](../x)",
      { "<p>the docs and up</p>" },
      { "<a" },
  },
  {
      "autolinks",
      "See <https://example.com/a?b=1&c=2>, https://gnome.org/x, www.kernel.org and help@example.com.",
      { "<a href=\"https://example.com/a?b=1&amp;c=2\" class=\"external\" rel=\"noopener noreferrer\">https://example.com/a?b=1&amp;c=2</a>",
        "<a href=\"https://gnome.org/x\" class=\"external\" rel=\"noopener noreferrer\">https://gnome.org/x</a>",
        "<a href=\"http://www.kernel.org\" class=\"external\" rel=\"noopener noreferrer\">www.kernel.org</a>",
        "<a href=\"mailto:help@example.com\">help@example.com</a>" },
      { NULL },
  },
  {
      "headings-demoted",
      "# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n\nSetext\n======\n",
      { "<h4>One</h4>\n<h5>Two</h5>\n<h6>Three</h6>\n<h6>Four</h6>\n<h6>Five</h6>\n<h6>Six</h6>\n<h4>Setext</h4>\n" },
      { "<h1", "<h2", "<h3" },
  },
  {
      "fenced-code",
      "```python\nimport os\ndef f():\n    return \"<x>\"\n```\n",
      { "<div class=\"code-block\"><div class=\"code-header\"><span class=\"code-lang\">Python</span></div>"
        "<pre><code class=\"language-python\">",
        "<span class=\"hl-keyword\">def</span>",
        "&quot;&lt;x&gt;&quot;",
        "</code></pre></div>\n" },
      { "\n</code>" },
  },
  {
      "fenced-code-alias",
      "~~~ C++ {.numberLines}\nint x;\n~~~\n",
      { "<span class=\"code-lang\">C++</span>", "<code class=\"language-c++\">" },
      { NULL },
  },
  {
      "fenced-code-unknown-language",
      "```klingon\nQapla' <ok>\n```\n",
      { "<span class=\"code-lang\">klingon</span>", "<code class=\"language-klingon\">Qapla&#39; &lt;ok&gt;</code>" },
      { "<span class=\"hl-" },
  },
  {
      "fenced-code-no-language",
      "```\nplain <text>\n```\n",
      { "<span class=\"code-lang\"></span>", "<pre><code>plain &lt;text&gt;</code></pre></div>" },
      { "language-" },
  },
  {
      "indented-code",
      "Para:\n\n    x < 1 && y\n    next\n",
      { "<pre><code>x &lt; 1 &amp;&amp; y\nnext</code></pre>\n" },
      { "code-block", "copy-button" },
  },
  {
      "data-image",
      "![a dot](data:image/png;base64,iVBORw0KGgo= \"Dot\")",
      { "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a dot\" title=\"Dot\">" },
      { NULL },
  },
  {
      "remote-image-becomes-link",
      "![A *cat*](https://example.com/cat.png)",
      { "<a class=\"external remote-image\" rel=\"noopener noreferrer\" href=\"https://example.com/cat.png\">A cat</a>" },
      { "<img", "<em>" },
  },
  {
      "remote-image-without-alt",
      "![](http://example.com/x.png)",
      { ">http://example.com/x.png</a>" },
      { "<img" },
  },
  {
      "remote-image-inside-link",
      "[![badge](https://example.com/badge.svg)](https://example.com/)",
      { "<a href=\"https://example.com/\" class=\"external\" rel=\"noopener noreferrer\"><span class=\"remote-image\">badge</span></a>" },
      { "<img" },
  },
  {
      "relative-image-dropped",
      "![diagram](images/diagram.png)",
      { "<p>diagram</p>" },
      { "<img", "<a" },
  },
  {
      "invalid-utf8",
      "bad \xff\xfe bytes",
      { "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes" },
      { NULL },
  },
};

static void
test_render_case (gconstpointer data)
{
  const RenderCase *c = data;
  g_autofree char  *html = render (c->markdown);

  g_test_message ("%s", html);

  for (guint i = 0; i < G_N_ELEMENTS (c->expected) && c->expected[i] != NULL; i++)
    assert_contains (html, c->expected[i]);

  for (guint i = 0; i < G_N_ELEMENTS (c->unexpected) && c->unexpected[i] != NULL; i++)
    assert_not_contains (html, c->unexpected[i]);

  assert_inert (html);
}

typedef struct
{
  const char *name;
  const char *markdown;
  /* Text that must show up, escaped, proving the input became text */
  const char *expected;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "script-block", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { "script-inline", "Hi <script>alert(1)</script> there", "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { "script-uppercase", "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>", "&lt;SCRIPT SRC=http://evil.example/x.js&gt;" },
  { "img-onerror", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;" },
  { "img-onerror-inline", "text <img src=x onerror=alert(1)> text", "&lt;img src=x onerror=alert(1)&gt;" },
  { "iframe", "<iframe src=\"https://evil.example/\"></iframe>", "&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;" },
  { "link-stylesheet", "<link rel=stylesheet href=http://evil.example/x.css>", "&lt;link rel=stylesheet href=http://evil.example/x.css&gt;" },
  { "style-import", "<style>@import url(http://evil.example/x.css)</style>", "&lt;style&gt;@import url(" },
  { "style-attribute", "<p style=\"background:url(http://evil.example/)\">x</p>", "&lt;p style=&quot;background:url(" },
  { "div-onclick", "<div onclick=\"alert(1)\">click</div>", "&lt;div onclick=&quot;alert(1)&quot;&gt;click&lt;/div&gt;" },
  { "svg-onload", "<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;" },
  { "html-comment", "<!-- <script>alert(1)</script> -->", "&lt;!-- &lt;script&gt;" },
  { "raw-anchor", "<a href=\"javascript:alert(1)\">x</a>", "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;" },
  { "object", "<object data=\"http://evil.example/x.swf\"></object>", "&lt;object data=" },
  { "meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example\">", "&lt;meta http-equiv=" },
  { "base", "<base href=\"http://evil.example/\">", "&lt;base href=" },
  { "javascript-link", "[click](javascript:alert(1))", "<p>click</p>" },
  { "javascript-link-case", "[click](JaVaScRiPt:alert(1))", "<p>click</p>" },
  { "javascript-link-space", "[click]( javascript:alert(1))", "<p>click</p>" },
  { "javascript-link-angle", "[click](< javascript:alert(1)>)", "<p>click</p>" },
  { "javascript-link-entity-tab", "[click](jav&#x09;ascript:alert(1))", "<p>click</p>" },
  { "javascript-link-named-tab", "[click](jav&Tab;ascript:alert(1))", "<p>click</p>" },
  { "javascript-link-colon-entity", "[click](javascript&colon;alert(1))", "<p>click</p>" },
  { "javascript-link-numeric", "[click](&#106;avascript:alert(1))", "<p>click</p>" },
  { "javascript-link-percent", "[click](java%73cript:alert(1))", "<p>click</p>" },
  { "javascript-link-backslash", "[click](java\\script:alert(1))", "<p>click</p>" },
  { "javascript-reference", "[click][evil]\n\n[evil]: javascript:alert(1)", "<p>click</p>" },
  { "javascript-reference-title", "[click][evil]\n\n[evil]: javascript:alert(1) \"title\"", "<p>click</p>" },
  { "javascript-autolink", "<javascript:alert(1)>", "javascript:alert(1)" },
  { "vbscript-link", "[click](vbscript:msgbox(1))", "<p>click</p>" },
  { "data-link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "<p>click</p>" },
  { "file-link", "[passwd](file:///etc/passwd)", "<p>passwd</p>" },
  { "app-action-link", "[Read more](rehearse://action/bookmark?q=pool)", "<p>Read more</p>" },
  { "app-action-autolink", "<rehearse://action/copy?q=pool&block=0>", "<p>rehearse://action/copy?q=pool&amp;block=0</p>" },
  { "file-autolink", "<file:///etc/passwd>", "file:///etc/passwd" },
  { "javascript-image", "![x](javascript:alert(1))", "<p>x</p>" },
  { "svg-data-image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "<p>x</p>" },
  { "remote-image", "![tracker](https://evil.example/pixel.gif)", "href=\"https://evil.example/pixel.gif\"" },
  { "remote-image-reference", "![tracker][img]\n\n[img]: http://evil.example/p.gif", "href=\"http://evil.example/p.gif\"" },
  { "title-breakout", "[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")", "title=\"a&quot; onmouseover=&quot;alert(1)\"" },
  { "href-breakout", "[x](<https://example.com/\" onclick=\"alert(1)>)", "href=\"https://example.com/&quot; onclick=&quot;alert(1)\"" },
  { "alt-breakout", "![a\" onerror=\"alert(1)](data:image/png;base64,iVBORw0KGgo=)", "alt=\"a&quot; onerror=&quot;alert(1)\"" },
  { "code-fence-breakout", "```js\n</code></pre><script>alert(1)</script>\n```", "pre&gt;&lt;script&gt;alert(" },
  { "code-fence-breakout-plain", "```text\n</code></pre><script>alert(1)</script>\n```", "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>" },
  { "code-fence-language-breakout", "```\"><script>alert(1)</script>\nx\n```", "&quot;&gt;&lt;script&gt;" },
  { "code-span-script", "`<script>alert(1)</script>`", "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" },
  { "encoded-script", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { "numeric-encoded-script", "&#60;script&#62;alert(1)&#60;/script&#62;", "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { "table-script", "| a |\n|---|\n| <script>alert(1)</script> |", "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" },
  { "heading-script", "# <script>alert(1)</script>", "<h4>&lt;script&gt;alert(1)&lt;/script&gt;</h4>" },
};

static void
test_hostile_case (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char   *html = render (c->markdown);

  g_test_message ("%s", html);
  assert_contains (html, c->expected);
  assert_inert (html);
}

static void
test_nul_character (void)
{
  g_autofree char   *html = NULL;
  g_autoptr (GError) error = NULL;

  html = rh_markdown_render ("a\0b", 3, highlighter, &error);
  g_assert_no_error (error);
  assert_contains (html, "<p>a\xEF\xBF\xBD"
                         "b</p>");
}

static void
test_length (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *html = rh_markdown_render ("*a* trailing", 3, highlighter, &error);
  g_autofree char   *empty = rh_markdown_render ("", 0, highlighter, &error);
  g_autofree char   *bom = rh_markdown_render ("\xEF\xBB\xBF# Title", -1, highlighter, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (html, ==, "<p><em>a</em></p>\n");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (bom, ==, "<h4>Title</h4>\n");
}

static void
test_without_highlighter (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *html = rh_markdown_render ("```python\ndef f(): pass\n```\n", -1, NULL, &error);

  g_assert_no_error (error);
  assert_contains (html, "<span class=\"code-lang\">python</span>");
  assert_contains (html, "<code class=\"language-python\">def f(): pass</code>");
  assert_not_contains (html, "hl-");
  assert_inert (html);
}

/* Many small inputs around the constructs that have special cases, to
 * catch unbalanced output or state leaking between elements. */
static void
test_mixed_document (void)
{
  const char *markdown =
      "# Title with `code` and [link](https://example.com)\n"
      "\n"
      "Intro with ![img](https://example.com/i.png) and **bold [x](javascript:y)**.\n"
      "\n"
      "1. First\n"
      "   ```sh\n"
      "   echo \"hi\" > /tmp/x\n"
      "   ```\n"
      "2. Second with <b>html</b>\n"
      "\n"
      "| a | `b|c` |\n"
      "|---|---|\n"
      "| [l](https://a.b) | ![i](data:image/gif;base64,R0lGODlh) |\n";
  g_autofree char *html = render (markdown);
  guint            opened = 0, closed = 0;

  g_test_message ("%s", html);
  assert_inert (html);
  assert_contains (html, "<h4>Title with <code>code</code> and <a href=\"https://example.com\"");
  assert_contains (html, "<strong>bold x</strong>");
  assert_contains (html, "<span class=\"code-lang\">Shell</span>");
  assert_contains (html, "&lt;b&gt;html&lt;/b&gt;");
  assert_contains (html, "<img src=\"data:image/gif;base64,R0lGODlh\" alt=\"i\">");

  for (const char *p = html; (p = strstr (p, "<a ")) != NULL; p++)
    opened++;
  for (const char *p = html; (p = strstr (p, "</a>")) != NULL; p++)
    closed++;
  g_assert_cmpuint (opened, ==, closed);
  g_assert_cmpuint (opened, ==, 3);
}

typedef struct
{
  const char *text;
  const char *expected;
} InlineCase;

static const InlineCase inline_cases[] = {
  { "What does `yield` do in *Python*?", "What does <code>yield</code> do in <em>Python</em>?" },
  { "**Bold** and ~~struck~~", "<strong>Bold</strong> and <del>struck</del>" },
  { "Escaping & <tags> \"quotes\"", "Escaping &amp; &lt;tags&gt; &quot;quotes&quot;" },
  { "  padded  ", "padded" },
  { "two\nlines", "two lines" },
  { "# of items in a list", "# of items in a list" },
  { "## Not a heading", "## Not a heading" },
  { "1. Introduction", "1. Introduction" },
  { "2) Second", "2) Second" },
  { "2024 was a year", "2024 was a year" },
  { "- dash", "- dash" },
  { "+ plus", "+ plus" },
  { "* star", "* star" },
  { "*emphasised* start", "<em>emphasised</em> start" },
  { "***", "***" },
  { "> quote", "&gt; quote" },
  { "```code```", "<code>code</code>" },
  { "```", "```" },
  { "[ref]: https://example.com", "[ref]: https://example.com" },
  { "A [link](https://example.com) here", "A link here" },
  { "A [bad](javascript:alert(1)) link", "A bad link" },
  { "Auto <https://example.com> link", "Auto https://example.com link" },
  { "Image ![alt text](https://example.com/x.png)", "Image alt text" },
  { "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
  { "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;" },
  { "| a | b |", "| a | b |" },
  { "    indented", "indented" },
  { "", "" },
};

static void
test_inline (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (inline_cases); i++)
    {
      g_autofree char *html = render_inline (inline_cases[i].text);

      g_assert_cmpstr (html, ==, inline_cases[i].expected);
      assert_inert (html);
      assert_not_contains (html, "<a");
      assert_not_contains (html, "<p");
      assert_not_contains (html, "<h");
    }
}

/* Copy buttons are links into the app, numbered per fenced block, and
 * the same number gives back exactly the code the block shows. */
static void
test_copy_links (void)
{
  const char        *markdown = "Intro\n\n```python\nprint(1)\n```\n\n    indented\n\n~~~sh\necho <hi>\n~~~\n";
  g_autoptr (GError) error = NULL;
  g_autofree char   *html = rh_markdown_render_with_copy_links (markdown, -1, NULL, "rehearse://action/copy?q=x&block=", &error);
  g_autofree char   *first = rh_markdown_get_code_block (markdown, -1, 0);
  g_autofree char   *second = rh_markdown_get_code_block (markdown, -1, 1);
  g_autofree char   *third = rh_markdown_get_code_block (markdown, -1, 2);

  g_assert_no_error (error);
  assert_only_safe_markup (html);
  g_assert_nonnull (strstr (html, "<a class=\"copy-button\" role=\"button\" href=\"rehearse://action/copy?q=x&amp;block=0\""));
  g_assert_nonnull (strstr (html, "href=\"rehearse://action/copy?q=x&amp;block=1\""));
  g_assert_null (strstr (html, "block=2"));
  g_assert_cmpstr (first, ==, "print(1)");
  g_assert_cmpstr (second, ==, "echo <hi>");
  g_assert_null (third);

  /* Without a prefix, as in exported pages, there is no button at all. */
  g_clear_pointer (&html, g_free);
  html = rh_markdown_render (markdown, -1, NULL, &error);
  g_assert_null (strstr (html, "copy-button"));
}

/* Every tag opened is closed, in order, and no link holds another. */
static void
assert_balanced (const char *html,
                 const char *markdown)
{
  static const char *const void_elements[] = { "br", "hr", "img", "input" };
  g_autoptr (GPtrArray)    open = g_ptr_array_new_with_free_func (g_free);
  guint                    anchors = 0;

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      gboolean         closing = p[1] == '/';
      const char      *name = p + (closing ? 2 : 1);
      gsize            length = strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789");
      g_autofree char *tag = g_strndup (name, length);
      gboolean         is_void = FALSE;

      if (length == 0)
        g_error ("“%s”: a bare “<” in “%s”", markdown, html);

      if (closing)
        {
          if (open->len == 0 || !g_str_equal (g_ptr_array_index (open, open->len - 1), tag))
            g_error ("“%s”: </%s> closes %s%s in “%s”", markdown, tag, open->len > 0 ? "<" : "nothing",
                     open->len > 0 ? (char *) g_ptr_array_index (open, open->len - 1) : "", html);
          g_ptr_array_remove_index (open, open->len - 1);
          if (g_str_equal (tag, "a"))
            anchors--;
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (void_elements); i++)
        is_void |= g_str_equal (tag, void_elements[i]);
      if (is_void)
        continue;

      if (g_str_equal (tag, "a") && ++anchors > 1)
        g_error ("“%s”: a link inside a link in “%s”", markdown, html);
      g_ptr_array_add (open, g_steal_pointer (&tag));
    }

  if (open->len > 0)
    g_error ("“%s”: <%s> is never closed in “%s”", markdown, (char *) g_ptr_array_index (open, open->len - 1), html);
}

/* md4c 0.4.8 leaves a bare URL that ends a table cell open: the link
 * took the next cell in, and every later link became text. */
static void
test_url_ending_a_cell (void)
{
  const char      *markdown = "| a | b |\n|---|---|\n| http://x.example| y |\n| [l](http://z.example) | w |\n";
  g_autofree char *html = render (markdown);

  assert_balanced (html, markdown);
  /* md4c's target takes in the bar; the text is right. */
  assert_contains (html, ">http://x.example</a></td><td>y</td>");
  assert_contains (html, "<td><a href=\"http://z.example\"");
}

/* md4c 0.4.8 leaves a link here that it never entered; that once made a
 * critical, fatal in the tests. */
static void
test_link_left_but_never_entered (void)
{
  g_autofree char *html = render ("![]([)]()");
  g_autofree char *inline_html = render_inline ("![]([)]()");

  assert_balanced (html, "![]([)]()");
  assert_balanced (inline_html, "![]([)]()");
}

/* md4c 0.4.8 opens the emphasis and starts the nested list before it
 * closes it: the list must not end up inside the <em>. */
static void
test_span_open_before_nested_list (void)
{
  const char      *markdown = "- *[](*)\n  - e";
  g_autofree char *html = render (markdown);

  assert_balanced (html, markdown);
  g_assert_null (strstr (html, "<em><ul>"));
  g_assert_nonnull (strstr (html, "</em><ul>"));
  g_assert_nonnull (strstr (html, "<li>e</li>"));
}

/* Pieces that make md4c's spans and blocks meet in odd ways. */
static const char *const pieces[] = {
  "[",
  "]",
  "(",
  ")",
  "![",
  "](",
  "<",
  ">",
  "*",
  "**",
  "_",
  "`",
  "~~",
  "|",
  "\n",
  "\n\n",
  "|---|",
  "> ",
  "- ",
  "1. ",
  "# ",
  "http://x.example",
  "www.y.example",
  "a@b.example",
  "x",
  " ",
  "\\",
  "&amp;",
  "```",
  "[^1]",
  "[r]: http://r.example\n",
  "- [ ] ",
};

static void
test_balanced_whatever_the_input (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (48);

  for (guint i = 0; i < 4000; i++)
    {
      g_autoptr (GString) markdown = g_string_new (NULL);
      g_autofree char    *html = NULL;
      g_autofree char    *inline_html = NULL;

      for (int n = g_rand_int_range (rand, 1, 24); n > 0; n--)
        g_string_append (markdown, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      html = render (markdown->str);
      assert_balanced (html, markdown->str);
      inline_html = render_inline (markdown->str);
      assert_balanced (inline_html, markdown->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  highlighter = rh_code_highlighter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/markdown/render/%s", render_cases[i].name);
      g_test_add_data_func (path, &render_cases[i], test_render_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/markdown/hostile/%s", hostile_cases[i].name);
      g_test_add_data_func (path, &hostile_cases[i], test_hostile_case);
    }

  g_test_add_func ("/markdown/nul-character", test_nul_character);
  g_test_add_func ("/markdown/length", test_length);
  g_test_add_func ("/markdown/without-highlighter", test_without_highlighter);
  g_test_add_func ("/markdown/mixed-document", test_mixed_document);
  g_test_add_func ("/markdown/inline", test_inline);
  g_test_add_func ("/markdown/copy-links", test_copy_links);
  g_test_add_func ("/markdown/url-ending-a-cell", test_url_ending_a_cell);
  g_test_add_func ("/markdown/link-left-but-never-entered", test_link_left_but_never_entered);
  g_test_add_func ("/markdown/span-open-before-nested-list", test_span_open_before_nested_list);
  g_test_add_func ("/markdown/balanced-whatever-the-input", test_balanced_whatever_the_input);

  ret = g_test_run ();
  g_clear_object (&highlighter);

  return ret;
}
