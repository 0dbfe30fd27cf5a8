/* rh-code-fence.c
 *
 * Counts the fenced code blocks of an answer, and those marked as
 * deliberate fragments (```python fragment), so that the checker can say
 * how many examples the example runner will not run. Fences are read as
 * CommonMark reads them at the top level of a document; this layer has
 * no Markdown parser, and needs none for this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-code-fence.h"

/* An opening or closing fence: up to three spaces, then three or more of
 * one fence character. Returns the run's length, or 0. */
static gsize
fence_run (const char *line,
           gsize       length,
           char       *out_char,
           gsize      *out_end)
{
  gsize i = 0;
  gsize run;

  while (i < length && i < 3 && line[i] == ' ')
    i++;

  if (i >= length || (line[i] != '`' && line[i] != '~'))
    return 0;

  for (run = 0; i + run < length && line[i + run] == line[i]; run++)
    ;

  if (run < 3)
    return 0;

  *out_char = line[i];
  *out_end = i + run;

  return run;
}

static gboolean
info_has_fragment (const char *info,
                   gsize       length)
{
  g_autofree char *copy = g_strndup (info, length);
  g_auto (GStrv)   words = g_strsplit_set (g_strstrip (copy), " \t", -1);

  /* The first word is the language; markers follow it. */
  for (guint i = 1; words[0] != NULL && words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "fragment"))
        return TRUE;
    }

  return FALSE;
}

void
rh_code_fence_count (const char       *markdown,
                     RhCodeFenceCount *count)
{
  const char *line = markdown;
  char        open_char = 0;
  gsize       open_run = 0;

  g_return_if_fail (count != NULL);

  memset (count, 0, sizeof *count);
  if (markdown == NULL)
    return;

  while (*line != '\0')
    {
      const char *newline = strchr (line, '\n');
      gsize       length = newline != NULL ? (gsize) (newline - line) : strlen (line);
      char        fence_char = 0;
      gsize       end = 0;
      gsize       run = fence_run (line, length, &fence_char, &end);

      if (open_run == 0 && run > 0)
        {
          /* A backtick fence's info string may not hold a backtick. */
          if (fence_char != '`' || memchr (line + end, '`', length - end) == NULL)
            {
              open_char = fence_char;
              open_run = run;
              count->n_blocks++;
              if (info_has_fragment (line + end, length - end))
                count->n_fragments++;
            }
        }
      else if (open_run > 0 && run >= open_run && fence_char == open_char)
        {
          gsize rest = end;

          while (rest < length && (line[rest] == ' ' || line[rest] == '\t'))
            rest++;
          if (rest == length)
            open_run = 0;
        }

      if (newline == NULL)
        break;
      line = newline + 1;
    }
}
