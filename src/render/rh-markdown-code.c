/* rh-markdown-code.c
 *
 * Code blocks in Markdown answers: their text collected whole while md4c
 * sends it, then written at once, a fenced block with a header naming its
 * language, a copy link and highlighting, and kept for the copy button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-html.h"
#include "rh-markdown-private.h"

/* Limits what a bogus fence label can do to the code header */
#define MAX_LANGUAGE_LABEL 32

/**
 * _rh_markdown_code_enter:
 *
 * Starts collecting a code block: text goes to @state->code until
 * _rh_markdown_code_leave().
 */
void
_rh_markdown_code_enter (RhMarkdownState            *state,
                         const MD_BLOCK_CODE_DETAIL *detail)
{
  state->in_code = TRUE;
  state->code_fenced = detail->fence_char != 0;
  g_string_truncate (state->code, 0);
  g_clear_pointer (&state->code_lang, g_free);
  state->code_lang = _rh_markdown_decode_attribute (&detail->lang);
}

static void
append_language_class (GString    *out,
                       const char *language)
{
  gsize start = out->len;
  guint n_chars = 0;

  g_string_append (out, " class=\"language-");
  for (const char *p = language; *p != '\0' && n_chars < MAX_LANGUAGE_LABEL; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '_' || c == '-' || c == '+' || c == '#')
        {
          g_string_append_c (out, c);
          n_chars++;
        }
    }

  if (n_chars == 0)
    g_string_truncate (out, start);
  else
    g_string_append_c (out, '"');
}

/**
 * _rh_markdown_code_leave:
 *
 * Ends the code block begun with _rh_markdown_code_enter() and writes
 * it out whole: a fenced block with its header, copy link and
 * highlighting, an indented one as plain preformatted text.
 */
void
_rh_markdown_code_leave (RhMarkdownState *state)
{
  GString    *out = state->out;
  const char *code = state->code->str;
  gsize       len = state->code->len;
  const char *language = state->code_lang != NULL ? state->code_lang : "";

  state->in_code = FALSE;

  /* Every line ends with a newline; the last one would only end up as a
   * stray empty line when the block is copied. */
  if (len > 0 && code[len - 1] == '\n')
    len--;

  if (state->inline_only)
    {
      g_string_append (out, "<code>");
      rh_html_append_escaped (out, code, len);
      g_string_append (out, "</code>");
      return;
    }

  if (!state->code_fenced)
    {
      g_string_append (out, "<pre><code>");
      rh_html_append_escaped (out, code, len);
      g_string_append (out, "</code></pre>\n");
      return;
    }

  g_string_append (out, "<div class=\"code-block\"><div class=\"code-header\"><span class=\"code-lang\">");
  if (language[0] != '\0')
    {
      const char *display_name = NULL;

      if (state->highlighter != NULL)
        display_name = rh_code_highlighter_get_display_name (state->highlighter, language);

      if (display_name != NULL)
        {
          rh_html_append_text (out, display_name);
        }
      else
        {
          g_autofree char *label = g_utf8_substring (language, 0, MIN (g_utf8_strlen (language, -1), MAX_LANGUAGE_LABEL));
          rh_html_append_text (out, label);
        }
    }
  g_string_append (out, "</span>");
  if (state->copy_link_prefix != NULL)
    {
      g_string_append (out, "<a class=\"copy-button\" role=\"button\" href=\"");
      rh_html_append_text (out, state->copy_link_prefix);
      g_string_append_printf (out, "%u\" aria-label=\"", state->n_fenced);
      rh_html_append_text (out, _ ("Copy code"));
      g_string_append (out, "\" title=\"");
      rh_html_append_text (out, _ ("Copy code"));
      g_string_append (out, "\">");
      rh_html_append_text (out, _ ("Copy"));
      g_string_append (out, "</a>");
    }
  if (state->fenced_blocks != NULL)
    g_ptr_array_add (state->fenced_blocks, g_strndup (code, len));
  state->n_fenced++;
  g_string_append (out, "</div><pre><code");
  append_language_class (out, language);
  g_string_append_c (out, '>');

  if (state->highlighter != NULL && language[0] != '\0')
    {
      g_autofree char *html = rh_code_highlighter_highlight (state->highlighter, code, len, language);
      g_string_append (out, html);
    }
  else
    {
      rh_html_append_escaped (out, code, len);
    }

  g_string_append (out, "</code></pre></div>\n");
}
