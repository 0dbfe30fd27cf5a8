/* rh-markdown.c
 *
 * Answers from Markdown to HTML with md4c: every text escaped, every
 * link through the URL policy, code blocks highlighted, and well-formed
 * output whatever sequence of callbacks md4c sends. This is the renderer
 * proper: the callbacks for blocks, spans and text, and its own account
 * of what is open; links and images are written by rh-markdown-links.c,
 * code blocks by rh-markdown-code.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rh-markdown.h"
#include "rh-html.h"
#include "rh-markdown-private.h"

#include <string.h>

/*
 * Content comes from bundled and user-imported study sets, so it is
 * treated as untrusted: md4c only tokenizes, and every byte of markup in
 * the output is written here. Raw HTML is disabled in the parser and would
 * be escaped anyway; URLs go through rh-url-policy; nothing that can load
 * a resource or run code (script, style, iframe, event attributes, remote
 * images) can be produced.
 */

#define BLOCK_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_NOHTML)
#define INLINE_FLAGS (MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML)

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

/* clang-format off */
G_DEFINE_QUARK (rh-markdown-error-quark, rh_markdown_error)
/* clang-format on */

/* md4c 0.4.8 does not always close what it opens, nor open what it
 * closes: a bare URL that ends a table cell is never left, and
 * ![]([)]() leaves a link it never entered. So the renderer keeps its
 * own account of what is open, ignores a close that matches nothing,
 * and closes whatever a block still holds when the block ends. */
typedef struct
{
  MD_SPANTYPE type;
  gboolean    written; /* whether an opening tag went out for it */
} OpenSpan;

typedef struct
{
  MD_BLOCKTYPE type;
  guint        level; /* of a heading, as written */
  guint        n_spans; /* spans open when it began */
} OpenBlock;

static gboolean
is_named_reference (const char *text,
                    gsize       size)
{
  if (size < 3 || text[0] != '&' || text[size - 1] != ';' || !g_ascii_isalpha (text[1]))
    return FALSE;

  for (gsize i = 2; i < size - 1; i++)
    {
      if (!g_ascii_isalnum (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Flattens an attribute (link destination, title, fence info) to plain
 * text. Unknown entities stay literal; they get escaped on output. */
char *
_rh_markdown_decode_attribute (const MD_ATTRIBUTE *attribute)
{
  GString *out;

  /* Indented code blocks come with an all-zero detail */
  if (attribute->text == NULL || attribute->size == 0 || attribute->substr_offsets == NULL)
    return g_strdup ("");

  out = g_string_sized_new (attribute->size);
  for (guint i = 0; attribute->substr_offsets[i] < attribute->size; i++)
    {
      const char *text = attribute->text + attribute->substr_offsets[i];
      gsize       size = attribute->substr_offsets[i + 1] - attribute->substr_offsets[i];

      switch (attribute->substr_types[i])
        {
        case MD_TEXT_NULLCHAR:
          g_string_append (out, REPLACEMENT_CHARACTER);
          break;

        case MD_TEXT_ENTITY:
          if (!rh_html_decode_entity (text, size, out))
            g_string_append_len (out, text, size);
          break;

        case MD_TEXT_NORMAL:
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
        case MD_TEXT_CODE:
        case MD_TEXT_HTML:
        case MD_TEXT_LATEXMATH:
        default:
          g_string_append_len (out, text, size);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Where plain text goes right now: collected (alt text, code) or written */
static void
append_text (RhMarkdownState *state,
             const char      *text,
             gsize            size)
{
  if (state->image_depth > 0)
    g_string_append_len (state->alt, text, size);
  else if (state->in_code)
    g_string_append_len (state->code, text, size);
  else
    rh_html_append_escaped (state->out, text, size);
}

static void
append_entity (RhMarkdownState *state,
               const char      *text,
               gsize            size)
{
  g_autoptr (GString) decoded = g_string_new (NULL);

  if (rh_html_decode_entity (text, size, decoded))
    append_text (state, decoded->str, decoded->len);
  else if (is_named_reference (text, size) && state->image_depth == 0 && !state->in_code)
    g_string_append_len (state->out, text, size);
  else
    append_text (state, text, size);
}

static void
append_separator (RhMarkdownState *state)
{
  GString *out = state->out;

  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
}

static void
write_cell_open (GString                  *out,
                 const char               *element,
                 const MD_BLOCK_TD_DETAIL *detail)
{
  const char *align = NULL;

  switch (detail->align)
    {
    case MD_ALIGN_LEFT:
      align = "align-left";
      break;
    case MD_ALIGN_CENTER:
      align = "align-center";
      break;
    case MD_ALIGN_RIGHT:
      align = "align-right";
      break;
    case MD_ALIGN_DEFAULT:
    default:
      break;
    }

  if (align != NULL)
    g_string_append_printf (out, "<%s class=\"%s\">", element, align);
  else
    g_string_append_printf (out, "<%s>", element);
}

/* Answers sit under the page's own h1–h3 */
static guint
demoted_level (const MD_BLOCK_H_DETAIL *detail)
{
  return MIN (detail->level + 3, 6);
}

static void close_spans (RhMarkdownState *state,
                         guint            n_spans);

static int
enter_block (MD_BLOCKTYPE type,
             void        *detail,
             void        *user_data)
{
  RhMarkdownState *state = user_data;
  GString         *out = state->out;
  OpenBlock        block = { type, type == MD_BLOCK_H ? demoted_level (detail) : 0, 0 };

  /* md4c can leave a span open when a block starts, for example an
   * emphasis before a nested list in a tight item; a block never goes
   * inside a span, so what is open ends here. */
  if (state->blocks->len > 0)
    close_spans (state, g_array_index (state->blocks, OpenBlock, state->blocks->len - 1).n_spans);
  block.n_spans = state->spans->len;
  g_array_append_val (state->blocks, block);

  if (type == MD_BLOCK_CODE)
    _rh_markdown_code_enter (state, detail);

  if (state->inline_only)
    {
      switch (type)
        {
        case MD_BLOCK_P:
        case MD_BLOCK_H:
        case MD_BLOCK_CODE:
        case MD_BLOCK_HTML:
        case MD_BLOCK_LI:
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
          append_separator (state);
          break;

        case MD_BLOCK_DOC:
        case MD_BLOCK_QUOTE:
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
        case MD_BLOCK_HR:
        case MD_BLOCK_TABLE:
        case MD_BLOCK_THEAD:
        case MD_BLOCK_TBODY:
        case MD_BLOCK_TR:
        default:
          break;
        }

      return 0;
    }

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      g_string_append (out, "<blockquote>\n");
      break;

    case MD_BLOCK_UL:
      g_string_append (out, "<ul>\n");
      break;

    case MD_BLOCK_OL:
      {
        const MD_BLOCK_OL_DETAIL *ol = detail;

        if (ol->start != 1)
          g_string_append_printf (out, "<ol start=\"%u\">\n", ol->start);
        else
          g_string_append (out, "<ol>\n");
      }
      break;

    case MD_BLOCK_LI:
      {
        const MD_BLOCK_LI_DETAIL *li = detail;

        if (li->is_task)
          g_string_append_printf (out,
                                  "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled%s> ",
                                  li->task_mark == ' ' ? "" : " checked");
        else
          g_string_append (out, "<li>");
      }
      break;

    case MD_BLOCK_HR:
      g_string_append (out, "<hr>\n");
      break;

    case MD_BLOCK_H:
      g_string_append_printf (out, "<h%u>", block.level);
      break;

    case MD_BLOCK_P:
      g_string_append (out, "<p>");
      break;

    case MD_BLOCK_TABLE:
      g_string_append (out, "<div class=\"table-wrapper\"><table>\n");
      break;

    case MD_BLOCK_THEAD:
      g_string_append (out, "<thead>\n");
      break;

    case MD_BLOCK_TBODY:
      g_string_append (out, "<tbody>\n");
      break;

    case MD_BLOCK_TR:
      g_string_append (out, "<tr>");
      break;

    case MD_BLOCK_TH:
      write_cell_open (out, "th", detail);
      break;

    case MD_BLOCK_TD:
      write_cell_open (out, "td", detail);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    default:
      break;
    }

  return 0;
}

static void
close_block (RhMarkdownState *state,
             const OpenBlock *block)
{
  GString *out = state->out;

  close_spans (state, block->n_spans);

  if (block->type == MD_BLOCK_CODE)
    {
      _rh_markdown_code_leave (state);
      return;
    }

  if (state->inline_only)
    return;

  switch (block->type)
    {
    case MD_BLOCK_QUOTE:
      g_string_append (out, "</blockquote>\n");
      break;

    case MD_BLOCK_UL:
      g_string_append (out, "</ul>\n");
      break;

    case MD_BLOCK_OL:
      g_string_append (out, "</ol>\n");
      break;

    case MD_BLOCK_LI:
      g_string_append (out, "</li>\n");
      break;

    case MD_BLOCK_H:
      g_string_append_printf (out, "</h%u>\n", block->level);
      break;

    case MD_BLOCK_P:
      g_string_append (out, "</p>\n");
      break;

    case MD_BLOCK_TABLE:
      g_string_append (out, "</table></div>\n");
      break;

    case MD_BLOCK_THEAD:
      g_string_append (out, "</thead>\n");
      break;

    case MD_BLOCK_TBODY:
      g_string_append (out, "</tbody>\n");
      break;

    case MD_BLOCK_TR:
      g_string_append (out, "</tr>\n");
      break;

    case MD_BLOCK_TH:
      g_string_append (out, "</th>");
      break;

    case MD_BLOCK_TD:
      g_string_append (out, "</td>");
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    default:
      break;
    }
}

/* Closes the innermost open block of @type and all inside it; a block
 * never opened closes nothing. */
static int
leave_block (MD_BLOCKTYPE type,
             void *detail G_GNUC_UNUSED,
             void        *user_data)
{
  RhMarkdownState *state = user_data;
  guint            n = state->blocks->len;

  while (n > 0 && g_array_index (state->blocks, OpenBlock, n - 1).type != type)
    n--;

  while (n > 0 && state->blocks->len >= n)
    {
      OpenBlock block = g_array_index (state->blocks, OpenBlock, state->blocks->len - 1);

      g_array_set_size (state->blocks, state->blocks->len - 1);
      close_block (state, &block);
    }

  return 0;
}

static int
enter_span (MD_SPANTYPE type,
            void       *detail,
            void       *user_data)
{
  RhMarkdownState *state = user_data;
  GString         *out = state->out;
  OpenSpan         span = { type, FALSE };

  /* Alt text is plain text: markup inside an image only contributes text */
  if (state->image_depth > 0)
    {
      if (type == MD_SPAN_IMG)
        state->image_depth++;
      g_array_append_val (state->spans, span);
      return 0;
    }

  span.written = TRUE;
  switch (type)
    {
    case MD_SPAN_EM:
      g_string_append (out, "<em>");
      break;

    case MD_SPAN_STRONG:
      g_string_append (out, "<strong>");
      break;

    case MD_SPAN_DEL:
      g_string_append (out, "<del>");
      break;

    case MD_SPAN_CODE:
      g_string_append (out, "<code>");
      break;

    case MD_SPAN_U:
      g_string_append (out, "<u>");
      break;

    case MD_SPAN_A:
      span.written = _rh_markdown_links_enter_link (state, detail);
      break;

    case MD_SPAN_IMG:
      _rh_markdown_links_enter_image (state, detail);
      span.written = FALSE;
      break;

    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      span.written = FALSE;
      break;
    }

  g_array_append_val (state->spans, span);

  return 0;
}

static void
close_span (RhMarkdownState *state,
            const OpenSpan  *span)
{
  GString *out = state->out;

  if (span->type == MD_SPAN_IMG)
    {
      _rh_markdown_links_leave_image (state);
      return;
    }

  if (!span->written)
    return;

  switch (span->type)
    {
    case MD_SPAN_EM:
      g_string_append (out, "</em>");
      break;

    case MD_SPAN_STRONG:
      g_string_append (out, "</strong>");
      break;

    case MD_SPAN_DEL:
      g_string_append (out, "</del>");
      break;

    case MD_SPAN_CODE:
      g_string_append (out, "</code>");
      break;

    case MD_SPAN_U:
      g_string_append (out, "</u>");
      break;

    case MD_SPAN_A:
      _rh_markdown_links_leave_link (state);
      break;

    case MD_SPAN_IMG:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      break;
    }
}

/* Closes spans, innermost first, until @n_spans are left open. */
static void
close_spans (RhMarkdownState *state,
             guint            n_spans)
{
  while (state->spans->len > n_spans)
    {
      OpenSpan span = g_array_index (state->spans, OpenSpan, state->spans->len - 1);

      g_array_set_size (state->spans, state->spans->len - 1);
      close_span (state, &span);
    }
}

/* Closes the innermost open span of @type, and any opened inside it, but
 * never one that belongs to a block around the current one. */
static int
leave_span (MD_SPANTYPE  type,
            void *detail G_GNUC_UNUSED,
            void        *user_data)
{
  RhMarkdownState *state = user_data;
  guint            floor = 0;
  guint            n = state->spans->len;

  if (state->blocks->len > 0)
    floor = g_array_index (state->blocks, OpenBlock, state->blocks->len - 1).n_spans;

  while (n > floor && g_array_index (state->spans, OpenSpan, n - 1).type != type)
    n--;

  if (n > floor)
    close_spans (state, n - 1);

  return 0;
}

static int
on_text (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  RhMarkdownState *state = user_data;

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      append_text (state, REPLACEMENT_CHARACTER, strlen (REPLACEMENT_CHARACTER));
      break;

    case MD_TEXT_BR:
      if (state->image_depth > 0 || state->inline_only)
        append_text (state, " ", 1);
      else
        g_string_append (state->out, "<br>\n");
      break;

    case MD_TEXT_SOFTBR:
      append_text (state, state->image_depth > 0 || state->inline_only ? " " : "\n", 1);
      break;

    case MD_TEXT_ENTITY:
      append_entity (state, text, size);
      break;

    /* With MD_FLAG_NOHTML there is no MD_TEXT_HTML; should a future md4c
     * send some anyway, it is escaped like everything else. */
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      append_text (state, text, size);
      break;
    }

  return 0;
}

static void
render_state_clear (RhMarkdownState *state)
{
  g_clear_pointer (&state->blocks, g_array_unref);
  g_clear_pointer (&state->spans, g_array_unref);
  if (state->alt != NULL)
    g_string_free (g_steal_pointer (&state->alt), TRUE);
  if (state->code != NULL)
    g_string_free (g_steal_pointer (&state->code), TRUE);
  g_clear_pointer (&state->image_src, g_free);
  g_clear_pointer (&state->image_title, g_free);
  g_clear_pointer (&state->code_lang, g_free);
}

static char *
render (const char        *markdown,
        gsize              len,
        RhCodeHighlighter *highlighter,
        gboolean           inline_only,
        gboolean           standalone,
        const char        *copy_link_prefix,
        GPtrArray         *fenced_blocks,
        GError           **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *copy = NULL;
  RhMarkdownState  state = { 0 };
  MD_PARSER        parser = { 0 };
  GString         *out;
  int              ret;

  if (len > G_MAXUINT32)
    {
      g_set_error_literal (error, RH_MARKDOWN_ERROR, RH_MARKDOWN_ERROR_TOO_LARGE,
                           "Markdown text is too large");
      return NULL;
    }

  /* md4c is encoding-agnostic; everything after it assumes UTF-8. It
   * also reads a byte past the end it is given, so it always gets a
   * terminated copy. */
  if (!g_utf8_validate_len (markdown, len, NULL))
    {
      valid = g_utf8_make_valid (markdown, len);
      markdown = valid;
      len = strlen (valid);
    }
  else
    markdown = copy = g_strndup (markdown, len);

  if (len >= 3 && memcmp (markdown, "\xEF\xBB\xBF", 3) == 0)
    {
      markdown += 3;
      len -= 3;
    }

  out = g_string_sized_new (len + len / 2 + 64);
  state.out = out;
  state.highlighter = highlighter;
  state.inline_only = inline_only;
  state.standalone = standalone;
  state.copy_link_prefix = copy_link_prefix;
  state.fenced_blocks = fenced_blocks;
  state.blocks = g_array_new (FALSE, FALSE, sizeof (OpenBlock));
  state.spans = g_array_new (FALSE, FALSE, sizeof (OpenSpan));
  state.alt = g_string_new (NULL);
  state.code = g_string_new (NULL);

  parser.flags = inline_only ? INLINE_FLAGS : BLOCK_FLAGS;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;

  ret = md_parse (markdown, (MD_SIZE) len, &parser, &state);

  /* Whatever md4c left open. */
  while (state.blocks->len > 0)
    {
      OpenBlock block = g_array_index (state.blocks, OpenBlock, state.blocks->len - 1);

      g_array_set_size (state.blocks, state.blocks->len - 1);
      close_block (&state, &block);
    }
  close_spans (&state, 0);
  render_state_clear (&state);

  if (ret != 0)
    {
      g_string_free (out, TRUE);
      g_set_error (error, RH_MARKDOWN_ERROR, RH_MARKDOWN_ERROR_FAILED,
                   "Could not parse Markdown (error %d)", ret);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* A block of answer text, for the app or for a standalone page. */
static char *
render_text (const char        *markdown,
             gsize              len,
             RhCodeHighlighter *highlighter,
             gboolean           standalone,
             GError           **error)
{
  if (markdown == NULL)
    markdown = "";
  if (len == (gsize) -1)
    len = strlen (markdown);

  return render (markdown, len, highlighter, FALSE, standalone, NULL, NULL, error);
}

/**
 * rh_markdown_render:
 * @markdown: Markdown text
 * @len: length of @markdown in bytes, or -1 if nul-terminated
 * @highlighter: (nullable): used for fenced code blocks; without one,
 *   code is rendered as plain text
 * @error: return location for a #GError
 *
 * Renders CommonMark with GitHub tables, strikethrough, task lists and
 * autolinks to an HTML fragment that is safe to show: raw HTML comes out
 * as visible text, links are filtered and remote images become links.
 * Headings start at `<h4>`.
 *
 * Returns: (transfer full): the HTML fragment, or %NULL on error
 */
char *
rh_markdown_render (const char        *markdown,
                    gsize              len,
                    RhCodeHighlighter *highlighter,
                    GError           **error)
{
  g_return_val_if_fail (markdown != NULL || len == 0, NULL);
  g_return_val_if_fail (highlighter == NULL || RH_IS_CODE_HIGHLIGHTER (highlighter), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return render_text (markdown, len, highlighter, FALSE, error);
}

/**
 * rh_markdown_render_standalone:
 *
 * Like rh_markdown_render(), for a standalone page of `--export-html`:
 * links to pages of the library lead to their files in the export.
 *
 * Returns: (transfer full): the HTML fragment, or %NULL on error
 */
char *
rh_markdown_render_standalone (const char        *markdown,
                               gsize              len,
                               RhCodeHighlighter *highlighter,
                               GError           **error)
{
  g_return_val_if_fail (markdown != NULL || len == 0, NULL);
  g_return_val_if_fail (highlighter == NULL || RH_IS_CODE_HIGHLIGHTER (highlighter), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return render_text (markdown, len, highlighter, TRUE, error);
}

/**
 * rh_markdown_render_with_copy_links:
 * @copy_link_prefix: each fenced code block gets a copy button linking
 *   to this prefix followed by the block's number, counted from 0
 *
 * Like rh_markdown_render(), for pages shown in the app.
 *
 * Returns: (transfer full): the HTML fragment, or %NULL on error
 */
char *
rh_markdown_render_with_copy_links (const char        *markdown,
                                    gsize              len,
                                    RhCodeHighlighter *highlighter,
                                    const char        *copy_link_prefix,
                                    GError           **error)
{
  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (copy_link_prefix != NULL, NULL);

  if (len == (gsize) -1)
    len = strlen (markdown);

  return render (markdown, len, highlighter, FALSE, FALSE, copy_link_prefix, NULL, error);
}

/**
 * rh_markdown_get_code_block:
 * @index: a block number, as in the copy links
 *
 * Returns: (transfer full) (nullable): the text of fenced code block
 *   @index, exactly as a copy button should copy it
 */
char *
rh_markdown_get_code_block (const char *markdown,
                            gsize       len,
                            guint       index)
{
  g_autoptr (GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *html = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  if (len == (gsize) -1)
    len = strlen (markdown);

  html = render (markdown, len, NULL, FALSE, FALSE, NULL, blocks, NULL);
  if (html == NULL || index >= blocks->len)
    return NULL;

  return g_strdup (g_ptr_array_index (blocks, index));
}

/**
 * rh_markdown_render_inline:
 * @text: one line of Markdown, e.g. a question title
 * @len: length of @text in bytes, or -1 if nul-terminated
 * @error: return location for a #GError
 *
 * Renders only inline Markdown: code spans, emphasis and strikethrough.
 * Links and images are reduced to their text and no block elements are
 * produced, so the result can be placed inside a heading or a link.
 *
 * Returns: (transfer full): the HTML fragment, or %NULL on error
 */
char *
rh_markdown_render_inline (const char *text,
                           gsize       len,
                           GError    **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";
  if (len == (gsize) -1)
    len = strlen (text);

  /* Before the C string functions below, which would stop at a nul */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }

  source = _rh_markdown_inline_prepare (text, len);
  return render (source, strlen (source), NULL, TRUE, FALSE, NULL, NULL, error);
}
