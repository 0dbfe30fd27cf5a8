/* rh-json-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rh-content-error.h"
#include "rh-json-guard.h"

void
rh_json_guard_locate (const char *data,
                      gsize       offset,
                      guint      *line,
                      guint      *column)
{
  const char *p = data;
  const char *end = data + offset;
  const char *line_start = data;

  *line = 1;
  while ((p = memchr (p, '\n', end - p)) != NULL)
    {
      (*line)++;
      p++;
      line_start = p;
    }

  *column = (guint) (end - line_start) + 1;
}

/**
 * rh_json_guard_check:
 *
 * json-glib parses recursively and overflows the stack on deeply nested
 * input, so nesting is measured here first, with a scan that steps over
 * strings (most of a content file) a chunk at a time.
 *
 * Returns: %TRUE if @data holds something and nests no deeper than
 *   @max_depth
 */
gboolean
rh_json_guard_check (const char *data,
                     gsize       length,
                     guint       max_depth,
                     GError    **error)
{
  const char *p = data;
  const char *end = data + length;
  gboolean    seen_value = FALSE;
  guint       depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (p < end)
    {
      char c = *p;

      switch (c)
        {
        case '"':
          for (p++; p < end; p++)
            {
              const char *q = memchr (p, '"', end - p);
              const char *b;

              if (q == NULL)
                {
                  p = end;
                  break;
                }

              /* A quote preceded by an odd run of backslashes is escaped. */
              for (b = q; b > p && b[-1] == '\\'; b--)
                ;
              p = q;
              if (((q - b) & 1) == 0)
                break;
            }
          seen_value = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > max_depth)
            {
              guint line, column;

              rh_json_guard_locate (data, p - data, &line, &column);
              g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_DEEP,
                           _ ("line %u, column %u: nesting is deeper than %u levels"),
                           line, column, max_depth);
              return FALSE;
            }
          seen_value = TRUE;
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        default:
          seen_value = TRUE;
          break;
        }

      p++;
    }

  if (!seen_value)
    {
      g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EMPTY,
                           _ ("the file is empty"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rh_json_guard_describe:
 * @node: (nullable): a parsed value, or %NULL for a missing one
 *
 * Returns: (transfer none): what @node is, for error messages such as
 *   “expected a string, found an array”
 */
const char *
rh_json_guard_describe (JsonNode *node)
{
  if (node == NULL)
    return _ ("nothing");

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _ ("an object");
    case JSON_NODE_ARRAY:
      return _ ("an array");
    case JSON_NODE_NULL:
      return _ ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _ ("a string");
    case G_TYPE_BOOLEAN:
      return _ ("a boolean");
    default:
      return _ ("a number");
    }
}

/**
 * rh_json_guard_set_syntax_error:
 * @message: json-glib's message, such as "<data>:3:14: Parse error: …"
 *
 * Keeps json-glib's place and reason; the caller names the file.
 */
void
rh_json_guard_set_syntax_error (GError    **error,
                                const char *message)
{
  guint       line = 0;
  guint       column = 0;
  const char *reason = strstr (message, "Parse error: ");

  if (reason != NULL && sscanf (message, "<data>:%u:%u:", &line, &column) == 2)
    g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX,
                 _ ("line %u, column %u: %s"), line, column, reason + strlen ("Parse error: "));
  else
    g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX, "%s", message);
}
