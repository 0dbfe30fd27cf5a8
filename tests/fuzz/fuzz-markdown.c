/* fuzz-markdown.c
 *
 * Markdown to HTML, as answers (with highlighting and copy buttons) and
 * as question titles (inline only): the HTML is balanced, inert and
 * valid UTF-8 whatever the bytes, every copy button has a block to copy,
 * and a title holds phrasing content only, since it goes inside <h2>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rh-markdown.h"

const char fuzz_harness_name[] = "markdown";

#define COPY_PREFIX "rehearse://action/copy?q=fuzz&block="

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static RhCodeHighlighter *highlighter;
  const char               *markdown = (const char *) data;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *html = NULL;
  g_autofree char          *title = NULL;
  g_autofree char          *heading = NULL;
  guint                     n_buttons;

  fuzz_init ();
  if (highlighter == NULL)
    highlighter = rh_code_highlighter_new ();

  /* Not NUL-terminated: the length is all the renderer may rely on. */
  html = rh_markdown_render_with_copy_links (size > 0 ? markdown : "", size, highlighter, COPY_PREFIX, &error);
  if (html == NULL)
    fuzz_check (error != NULL && error->domain == RH_MARKDOWN_ERROR, "no HTML and no Markdown error");
  else
    {
      fuzz_check_html (html, FUZZ_HTML_COPY_LINKS);

      n_buttons = count (html, "class=\"copy-button\"");
      if (n_buttons > 0)
        {
          g_autofree char *first = rh_markdown_get_code_block (markdown, size, 0);
          g_autofree char *last = rh_markdown_get_code_block (markdown, size, n_buttons - 1);

          fuzz_check (first != NULL && last != NULL, "a copy button with no block to copy");
          fuzz_check_utf8 ("a code block", first, -1);
          fuzz_check_utf8 ("a code block", last, -1);
        }
      {
        g_autofree char *beyond = rh_markdown_get_code_block (markdown, size, n_buttons);

        fuzz_check (beyond == NULL, "a block to copy with no copy button (%u buttons)", n_buttons);
      }
    }

  g_clear_error (&error);
  title = rh_markdown_render_inline (size > 0 ? markdown : "", size, &error);
  if (title == NULL)
    fuzz_check (error != NULL && error->domain == RH_MARKDOWN_ERROR, "no title and no Markdown error");
  else
    {
      heading = g_strconcat ("<h2>", title, "</h2>", NULL);
      fuzz_check_html (heading, 0);
      fuzz_check (strstr (title, "<a") == NULL, "a link in a title, which is itself a link in the question list");
    }

  return 0;
}
