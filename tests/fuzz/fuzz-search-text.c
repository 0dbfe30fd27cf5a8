/* fuzz-search-text.c
 *
 * Markdown stripped for the search index, as questions (one line) and
 * as answers (blocks): valid UTF-8 in gives valid UTF-8 out; no control
 * character survives (they would make the highlight markers ambiguous);
 * spaces never double and never start or end the text; and the text
 * never grows, since stripping only removes or replaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rh-search-text.h"

const char fuzz_harness_name[] = "search-text";

static void
check_prepared (const char *markdown,
                gboolean    is_answer)
{
  g_autofree char *text = rh_search_text_prepare (markdown, is_answer);
  gsize            length;

  fuzz_check (text != NULL, "no text");
  length = strlen (text);

  if (g_utf8_validate (markdown, -1, NULL))
    fuzz_check_utf8 ("the prepared text", text, length);
  fuzz_check (length <= strlen (markdown), "the text grew from %zu to %zu bytes", strlen (markdown), length);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      fuzz_check (c >= 0x20 && c != 0x7f, "control character 0x%02x at byte %zu", c, i);
      fuzz_check (c != ' ' || (i > 0 && i + 1 < length && text[i + 1] != ' '),
                  "a space at an end or doubled, at byte %zu", i);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *markdown = fuzz_dup_text (data, size);

  fuzz_init ();
  check_prepared (markdown, FALSE);
  check_prepared (markdown, TRUE);

  return 0;
}
