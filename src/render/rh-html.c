/* rh-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-html.h"

/**
 * rh_html_append_escaped:
 *
 * Appends @len bytes of @text with the five characters that matter in
 * HTML text and attribute values escaped. Runs of plain text are copied
 * whole: code blocks and answers are mostly plain text.
 */
void
rh_html_append_escaped (GString    *out,
                        const char *text,
                        gsize       len)
{
  const char *end = text + len;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&':
          entity = "&amp;";
          break;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '"':
          entity = "&quot;";
          break;
        case '\'':
          entity = "&#39;";
          break;
        default:
          continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}
