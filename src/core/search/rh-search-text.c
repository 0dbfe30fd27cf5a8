/* rh-search-text.c
 *
 * Markdown is stripped lightly before indexing. The tokenizer skips
 * punctuation anyway, so the words indexed barely change; what changes
 * is that snippets read as prose ("a **lock** in `queue()`" becomes "a
 * lock in queue()") and that link targets, which nobody searches for,
 * stay out. Code is kept, since people search for identifiers.
 * Control characters become spaces, which keeps the highlight markers
 * unambiguous. Only the first RH_SEARCH_TEXT_MAX_BYTES are kept: the
 * snippets SQLite makes take time quadratic in a column's hits, minutes
 * for a megabyte of one word, and no real answer comes near the limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-text.h"

static void
add_space (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
}

static gboolean
is_fence (const char *p,
          const char *end)
{
  return end - p >= 3 && (strncmp (p, "```", 3) == 0 || strncmp (p, "~~~", 3) == 0);
}

/* A table's delimiter row, such as |---|:--:|. */
static gboolean
is_table_rule (const char *p,
               const char *end)
{
  gboolean dash = FALSE;

  if (p == end)
    return FALSE;

  for (; p < end; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }

  return dash;
}

static const char *
skip_block_markers (const char *p,
                    const char *end)
{
  const char *q;

  while (p < end && (*p == '#' || *p == '>' || *p == ' ' || *p == '\t'))
    p++;

  if (end - p >= 2 && (*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
    return p + 2;

  for (q = p; q < end && g_ascii_isdigit (*q); q++)
    ;
  if (q > p && end - q >= 2 && (*q == '.' || *q == ')') && q[1] == ' ')
    return q + 2;

  return p;
}

/* The first @c at or after @from, or NULL. Looks are made at ever later
 * places, so the last answer is kept and the text is searched once in
 * all, however many brackets a line holds. */
typedef struct
{
  const char *searched_to; /* no @c before here that was not found */
  const char *found; /* what was found there, or NULL for none */
} NextChar;

static const char *
next_char (NextChar   *next,
           char        c,
           const char *from,
           const char *end)
{
  if (from >= next->searched_to)
    {
      next->found = memchr (from, c, end - from);
      next->searched_to = next->found != NULL ? next->found + 1 : end;
      return next->found;
    }

  /* Between the last look and what it found there is no @c. */
  return next->found != NULL && next->found >= from ? next->found : NULL;
}

static void
append_inline (GString    *out,
               const char *p,
               const char *end,
               gboolean    verbatim)
{
  const char *link_close = NULL; /* the ] of a link whose text is being copied */
  const char *link_after = NULL; /* just past its (target) */
  gboolean    in_code = FALSE;
  NextChar    next_bracket = { p, NULL };
  NextChar    next_paren = { p, NULL };

  for (const char *q = p; q < end; q++)
    {
      char c = *q;

      if (q == link_close)
        {
          q = link_after - 1;
          link_close = NULL;
          continue;
        }

      if ((guchar) c < 0x20 || c == 0x7f || c == ' ')
        {
          add_space (out);
          continue;
        }

      if (verbatim)
        {
          g_string_append_c (out, c);
          continue;
        }

      if (c == '`')
        {
          in_code = !in_code;
          continue;
        }

      if (in_code)
        {
          g_string_append_c (out, c);
          continue;
        }

      switch (c)
        {
        case '*':
          /* Emphasis, unless it stands alone as in "a * b". */
          if (q > p && q[-1] == ' ' && q + 1 < end && q[1] == ' ')
            g_string_append_c (out, c);
          continue;

        case '_':
          if (q + 1 < end && q[1] == '_')
            {
              q++;
              continue;
            }
          break;

        case '|':
          add_space (out);
          continue;

        case '!':
          if (q + 1 < end && q[1] == '[')
            continue;
          break;

        case '[':
          if (link_close == NULL)
            {
              const char *close = next_char (&next_bracket, ']', q, end);
              const char *target_end;

              if (close != NULL && close + 1 < end && close[1] == '(' &&
                  (target_end = next_char (&next_paren, ')', close, end)) != NULL)
                {
                  link_close = close;
                  link_after = target_end + 1;
                  continue;
                }
            }
          break;

        default:
          break;
        }

      g_string_append_c (out, c);
    }
}

/**
 * rh_search_text_prepare:
 * @is_answer: answers may hold blocks; questions are one line
 *
 * Returns: (transfer full): @markdown as the index stores it, at most
 *   %RH_SEARCH_TEXT_MAX_BYTES long
 */
char *
rh_search_text_prepare (const char *markdown,
                        gboolean    blocks)
{
  GString    *out = g_string_sized_new (strlen (markdown));
  gboolean    in_fence = FALSE;
  const char *line = markdown;

  while (*line != '\0' && out->len <= RH_SEARCH_TEXT_MAX_BYTES)
    {
      const char *end = strchr (line, '\n');
      const char *p = line;

      if (end == NULL)
        end = line + strlen (line);

      if (blocks)
        {
          while (p < end && (*p == ' ' || *p == '\t'))
            p++;

          if (is_fence (p, end))
            {
              in_fence = !in_fence;
              p = end;
            }
          else if (!in_fence && is_table_rule (p, end))
            p = end;
          else if (!in_fence)
            p = skip_block_markers (p, end);
        }

      append_inline (out, p, end, in_fence);
      add_space (out);
      line = *end != '\0' ? end + 1 : end;
    }

  if (out->len > RH_SEARCH_TEXT_MAX_BYTES)
    {
      gsize cut = RH_SEARCH_TEXT_MAX_BYTES;

      /* Never inside a character. */
      while (cut > 0 && ((guchar) out->str[cut] & 0xc0) == 0x80)
        cut--;
      g_string_truncate (out, cut);
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}
