/* rh-markdown-inline.c
 *
 * The source for inline-only Markdown, such as a question title: one line,
 * with the character that would begin a block escaped, so that the whole
 * title stays text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-markdown-private.h"

static gboolean
is_blank_or_end (char c)
{
  return c == ' ' || c == '\t' || c == '\0';
}

static gboolean
is_thematic_break (const char *line)
{
  char  marker = line[0];
  guint count = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == marker)
        count++;
      else if (*p != ' ' && *p != '\t')
        return FALSE;
    }

  return count >= 3;
}

static gboolean
opens_code_fence (const char *line)
{
  char  marker = line[0];
  gsize count = strspn (line, marker == '`' ? "`" : "~");

  if (count < 3)
    return FALSE;

  /* A backtick fence's info string cannot contain backticks, which is
   * what makes ```x``` an inline code span instead */
  return marker == '~' || strchr (line + count, '`') == NULL;
}

static gboolean
is_reference_definition (const char *line)
{
  const char *close = strchr (line, ']');

  return line[0] == '[' && close != NULL && close[1] == ':';
}

/* A title is one line of inline Markdown, but "1. Introduction" or
 * "# of items" would parse as blocks and lose their first characters.
 * Escaping the character that starts the block keeps them literal. */
char *
_rh_markdown_inline_prepare (const char *text,
                             gsize       len)
{
  GString    *source = g_string_new_len (text, len);
  const char *line;
  gsize       n_digits;

  /* Multiple lines would allow setext headings, tables and the like */
  for (gsize i = 0; i < source->len; i++)
    {
      if (source->str[i] == '\n' || source->str[i] == '\r')
        source->str[i] = ' ';
    }

  g_strstrip (source->str);
  g_string_set_size (source, strlen (source->str));
  line = source->str;

  switch (line[0])
    {
    case '#':
    case '>':
    case '-':
    case '+':
    case '=':
    case '|':
      g_string_prepend_c (source, '\\');
      break;

    case '*':
    case '_':
      if (is_blank_or_end (line[1]) || is_thematic_break (line))
        g_string_prepend_c (source, '\\');
      break;

    case '`':
    case '~':
      if (opens_code_fence (line))
        g_string_prepend_c (source, '\\');
      break;

    case '[':
      if (is_reference_definition (line))
        g_string_prepend_c (source, '\\');
      break;

    default:
      n_digits = strspn (line, "0123456789");
      if (n_digits > 0 && n_digits <= 9 &&
          (line[n_digits] == '.' || line[n_digits] == ')') &&
          is_blank_or_end (line[n_digits + 1]))
        g_string_insert_c (source, n_digits, '\\');
      break;
    }

  return g_string_free (source, FALSE);
}
