/* rh-json-guard.c
 *
 * What stands between untrusted bytes and json-glib: a first pass that
 * refuses whatever json-glib would read differently from JSON, or could
 * not read at all without running out of stack or memory, and the parse
 * that follows it.
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

/* One level of nesting, kept so that an error can name its JSON path. */
typedef struct
{
  gboolean    is_object;
  gboolean    expect_key; /* the next string is a member name */
  guint       element; /* in arrays: the current element's number */
  const char *key; /* in objects: the current member's name, undecoded */
  gsize       key_length;
} Frame;

typedef struct
{
  const char *data;
  const char *end;
  Frame      *frames;
  guint       depth;
  guint       max_depth;
  guint       max_values;
  guint       n_values;
  GError    **error;
} Guard;

/* Member names longer than this are cut short in error messages. */
#define MAX_SHOWN_KEY 64

static gboolean
is_identifier (const char *name,
               gsize       length)
{
  if (length == 0 || (!g_ascii_isalpha (name[0]) && name[0] != '_'))
    return FALSE;

  for (gsize i = 1; i < length; i++)
    {
      if (!g_ascii_isalnum (name[i]) && name[i] != '_')
        return FALSE;
    }

  return TRUE;
}

/* The path of the value being read, as the content reader writes paths:
 * pages[2].questions[3].a. Member names are shown as written, escapes and
 * all; they were checked before they could appear here. */
static void
append_path (GString     *text,
             const Guard *guard,
             guint        depth)
{
  for (guint i = 0; i < depth; i++)
    {
      const Frame *frame = &guard->frames[i];

      if (!frame->is_object)
        g_string_append_printf (text, "[%u]", frame->element);
      else if (frame->key == NULL)
        break;
      else if (is_identifier (frame->key, frame->key_length))
        {
          if (text->len > 0)
            g_string_append_c (text, '.');
          g_string_append_len (text, frame->key, frame->key_length);
        }
      else
        {
          const char *cut = frame->key + MIN (frame->key_length, MAX_SHOWN_KEY);

          /* Never split a character. */
          while (cut > frame->key && cut < frame->key + frame->key_length && ((guchar) *cut & 0xc0) == 0x80)
            cut--;
          g_string_append (text, "[\"");
          g_string_append_len (text, frame->key, cut - frame->key);
          g_string_append (text, cut < frame->key + frame->key_length ? "…\"]" : "\"]");
        }
    }
}

G_GNUC_PRINTF (5, 6)
static gboolean
guard_fail (Guard      *guard,
            const char *at,
            gboolean    in_key,
            int         code,
            const char *format,
            ...)
{
  g_autoptr (GString) where = g_string_new (NULL);
  g_autofree char    *reason = NULL;
  guint               line, column;
  va_list             args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* A bad member name belongs to its object, not to the member before. */
  append_path (where, guard, in_key && guard->depth > 0 ? guard->depth - 1 : guard->depth);
  if (in_key)
    g_string_append_printf (where, "%s%s", where->len > 0 ? " " : "", _ ("(a member name)"));
  if (where->len > 0)
    g_string_append (where, ": ");

  rh_json_guard_locate (guard->data, at - guard->data, &line, &column);
  g_set_error (guard->error, RH_CONTENT_ERROR, code, _ ("%sline %u, column %u: %s"),
               where->str, line, column, reason);

  return FALSE;
}

/* Length of the UTF-8 character at @p, or 0 when it is not one that
 * g_utf8_validate() accepts, as json-glib requires of its whole input. */
static guint
utf8_char_length (const guchar *p,
                  const guchar *end,
                  gunichar     *out)
{
  guint length = g_utf8_skip[*p];

  if (length < 2 || (gsize) (end - p) < length || !g_utf8_validate_len ((const char *) p, length, NULL))
    return 0;

  *out = g_utf8_get_char ((const char *) p);

  return length;
}

/* Text may hold tabs and line breaks, no other control character. */
static gboolean
is_forbidden_control (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
}

#define EVERY_BYTE(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/**
 * rh_json_guard_is_clean_text:
 *
 * Whether @text is text as the guard lets it through in a string: UTF-8
 * with no control character but tab and line breaks. Every page is held
 * to it, whatever it was read from; the load cache reads every page
 * through here, so runs of printable ASCII go eight bytes at a time.
 */
gboolean
rh_json_guard_is_clean_text (const char *text)
{
  const guchar *p = (const guchar *) text;
  const guchar *end;

  g_return_val_if_fail (text != NULL, FALSE);

  end = p + strlen (text);
  while (p < end)
    {
      gunichar c;
      guint    length;

      if (end - p >= 8)
        {
          guint64 word;
          guint64 flipped;

          memcpy (&word, p, 8);
          flipped = word ^ EVERY_BYTE (0x7f);
          /* No high bit, no byte below 0x20, no 0x7f: the usual tests
           * for a byte below n, exact on bytes below 0x80. */
          if ((word & EVERY_BYTE (0x80)) == 0 &&
              ((word - EVERY_BYTE (0x20)) & ~word & EVERY_BYTE (0x80)) == 0 &&
              ((flipped - EVERY_BYTE (0x01)) & ~flipped & EVERY_BYTE (0x80)) == 0)
            {
              p += 8;
              continue;
            }
        }

      if (*p < 0x80)
        {
          c = *p;
          length = 1;
        }
      else if ((length = utf8_char_length (p, end, &c)) == 0)
        return FALSE;

      if (is_forbidden_control (c))
        return FALSE;
      p += length;
    }

  return TRUE;
}

static int
hex_value (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Bytes a string can hold that need no further look: printable ASCII
 * other than the quote and the backslash. */
static inline gboolean
is_plain_string_byte (guchar c)
{
  return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* Steps over the string that starts at *@pp. An unterminated string is
 * left for json-glib to report. */
static gboolean
scan_string (Guard       *guard,
             const char **pp,
             gboolean     is_key)
{
  const guchar *p = (const guchar *) *pp + 1;
  const guchar *end = (const guchar *) guard->end;

  for (;;)
    {
      gunichar c;
      guint    length;

      while (p < end && is_plain_string_byte (*p))
        p++;

      if (p >= end)
        break;

      if (*p == '"')
        {
          p++;
          break;
        }

      if (*p == '\\')
        {
          int unit;

          if (end - p < 2)
            {
              p = end;
              break;
            }

          switch (p[1])
            {
            case '"':
            case '\\':
            case '/':
            case 'n':
            case 'r':
            case 't':
              p += 2;
              continue;

            case 'b':
            case 'f':
              return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_INVALID_VALUE,
                                 _ ("control character U+%04X in a string"), p[1] == 'b' ? 0x08 : 0x0c);

            case 'u':
              /* json-glib reads a bad \u escape by swallowing what follows
               * it, the closing quote included, so only whole ones pass. */
              unit = hex_value (p + 2, end);
              if (unit < 0)
                return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_SYNTAX,
                                   _ ("“\\u” must be followed by four hexadecimal digits"));

              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  int low = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex_value (p + 8, end) : -1;

                  if (low < 0xdc00 || low > 0xdfff)
                    return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_SYNTAX,
                                       _ ("unpaired surrogate “\\u%.4s”"), p + 2);
                  p += 12;
                  continue;
                }

              if (unit >= 0xdc00 && unit <= 0xdfff)
                return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_SYNTAX,
                                   _ ("unpaired surrogate “\\u%.4s”"), p + 2);

              if (unit == 0 || is_forbidden_control (unit))
                return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_INVALID_VALUE,
                                   _ ("control character U+%04X in a string"), (guint) unit);
              p += 6;
              continue;

            default:
              /* json-glib reads octal escapes and more, which can make
               * bytes that are not UTF-8; JSON has none of them. */
              if (p[1] >= 0x20 && p[1] < 0x7f)
                return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_SYNTAX,
                                   _ ("invalid escape “\\%c”"), p[1]);
              return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_SYNTAX,
                                 _ ("invalid escape"));
            }
        }

      if (*p < 0x80)
        {
          if (!is_forbidden_control (*p))
            {
              p++;
              continue;
            }
          return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_INVALID_VALUE,
                             _ ("control character U+%04X in a string"), (guint) *p);
        }

      length = utf8_char_length (p, end, &c);
      if (length == 0)
        return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_INVALID_UTF8, _ ("invalid UTF-8"));
      if (is_forbidden_control (c))
        return guard_fail (guard, (const char *) p, is_key, RH_CONTENT_ERROR_INVALID_VALUE,
                           _ ("control character U+%04X in a string"), (guint) c);
      p += length;
    }

  *pp = (const char *) p;

  return TRUE;
}

static gboolean
count_value (Guard      *guard,
             const char *at)
{
  if (++guard->n_values <= guard->max_values)
    return TRUE;

  return guard_fail (guard, at, FALSE, RH_CONTENT_ERROR_TOO_LARGE,
                     _ ("the file holds more than %u values"), guard->max_values);
}

/* What json-glib reads as part of a number or a word (true, 0x1f, 1e-3). */
static gboolean
is_bare_byte (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '+' || c == '.' || c == '$';
}

/**
 * rh_json_guard_check_limits:
 * @max_depth: how deep arrays and objects may nest
 * @max_values: how many values (objects, arrays, strings, numbers,
 *   literals; not member names) the whole input may hold
 *
 * json-glib parses recursively and overflows the stack on deeply nested
 * input, and builds a node of some hundred bytes for every value, so
 * nesting and values are counted here first, in one pass that allocates
 * nothing. The pass must see the tokens json-glib will see, and json-glib
 * 1.6 reads more than JSON: strings in single quotes, comments from one
 * `/` to the next, octal and other escapes that make bytes which are not
 * UTF-8, \u escapes that swallow the closing quote. Each of those is
 * refused here rather than mirrored, so what passes is JSON read the same
 * way by both: every string well-formed UTF-8 with JSON's escapes only,
 * and no control character but tab, line feed and carriage return.
 *
 * Returns: %TRUE if @data may be given to json-glib
 */
gboolean
rh_json_guard_check_limits (const char *data,
                            gsize       length,
                            guint       max_depth,
                            guint       max_values,
                            GError    **error)
{
  g_autofree Frame *frames = g_new0 (Frame, max_depth + 1);
  Guard             guard = { data, data + length, frames, 0, max_depth, max_values, 0, error };
  const char       *p = data;
  const char       *end = data + length;
  gboolean          seen_value = FALSE;
  gboolean          top_done = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* json-glib skips a byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      Frame   *top = guard.depth > 0 ? &frames[guard.depth - 1] : NULL;
      gunichar c;
      guint    char_length;

      switch (*p)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          p++;
          continue;

        default:
          break;
        }

      /* json-glib 1.6 reads on past the first value, and leaks the tree
       * it built when a second one follows. */
      if (top_done && (*p == '"' || *p == '[' || *p == '{' || is_bare_byte (*p)))
        return guard_fail (&guard, p, FALSE, RH_CONTENT_ERROR_SYNTAX, _ ("more than one JSON value"));

      switch (*p)
        {
        case '"':
          {
            const char *start = p;
            gboolean    is_key = top != NULL && top->is_object && top->expect_key;

            if (!scan_string (&guard, &p, is_key))
              return FALSE;

            if (is_key)
              {
                top->expect_key = FALSE;
                top->key = start + 1;
                top->key_length = MAX (p - start - 2, 0);
              }
            else if (!count_value (&guard, start))
              return FALSE;
            top_done = guard.depth == 0;
          }
          break;

        case '[':
        case '{':
          if (guard.depth >= max_depth)
            {
              guint line, column;

              rh_json_guard_locate (data, p - data, &line, &column);
              g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_DEEP,
                           _ ("line %u, column %u: nesting is deeper than %u levels"),
                           line, column, max_depth);
              return FALSE;
            }
          if (!count_value (&guard, p))
            return FALSE;

          top = &frames[guard.depth++];
          top->is_object = *p == '{';
          top->expect_key = top->is_object;
          top->element = 0;
          top->key = NULL;
          top->key_length = 0;
          p++;
          break;

        case ']':
        case '}':
          if (guard.depth > 0)
            guard.depth--;
          top_done = guard.depth == 0;
          p++;
          break;

        case ',':
          if (top != NULL && top->is_object)
            top->expect_key = TRUE;
          else if (top != NULL)
            top->element++;
          p++;
          break;

        case '\'':
          return guard_fail (&guard, p, FALSE, RH_CONTENT_ERROR_SYNTAX,
                             _ ("strings in single quotes are not JSON; use double quotes"));

        case '/':
          return guard_fail (&guard, p, FALSE, RH_CONTENT_ERROR_SYNTAX, _ ("comments are not JSON"));

        case '\0':
          return guard_fail (&guard, p, FALSE, RH_CONTENT_ERROR_SYNTAX, _ ("a nul byte"));

        default:
          if (is_bare_byte (*p))
            {
              if (!count_value (&guard, p))
                return FALSE;
              while (p < end && is_bare_byte (*p))
                p++;
              top_done = guard.depth == 0;
            }
          else if ((guchar) *p < 0x80)
            p++;
          else if ((char_length = utf8_char_length ((const guchar *) p, (const guchar *) end, &c)) > 0)
            p += char_length;
          else
            return guard_fail (&guard, p, FALSE, RH_CONTENT_ERROR_INVALID_UTF8, _ ("invalid UTF-8"));
          break;
        }

      seen_value = TRUE;
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
 * rh_json_guard_check:
 *
 * rh_json_guard_check_limits() with the limits on content files.
 *
 * Returns: %TRUE if @data holds something json-glib may parse
 */
gboolean
rh_json_guard_check (const char *data,
                     gsize       length,
                     guint       max_depth,
                     GError    **error)
{
  return rh_json_guard_check_limits (data, length, max_depth, RH_CONTENT_MAX_VALUES, error);
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

/* Keeps json-glib's place and reason from @message, such as
 * "<data>:3:14: Parse error: …"; the caller names the file. */
static void
set_syntax_error (GError    **error,
                  const char *message)
{
  g_autofree char *valid = NULL;
  guint            line = 0;
  guint            column = 0;
  const char      *reason;

  /* json-glib quotes the token it stopped at, cut to a length in bytes
   * that may end inside a character. */
  message = valid = g_utf8_make_valid (message, -1);
  reason = strstr (message, "Parse error: ");

  if (reason != NULL && sscanf (message, "<data>:%u:%u:", &line, &column) == 2)
    g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX,
                 _ ("line %u, column %u: %s"), line, column, reason + strlen ("Parse error: "));
  else
    g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX, "%s", message);
}

/**
 * rh_json_guard_parse:
 *
 * Checks @data with rh_json_guard_check() and the content files' depth,
 * then parses it with json-glib. The guard has checked the encoding and
 * every string, so json-glib can only fail on the structure, and says
 * where.
 *
 * Returns: (transfer full) (nullable): the parsed value, or %NULL with
 *   @error set
 */
JsonNode *
rh_json_guard_parse (const char *data,
                     gsize       length,
                     GError    **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError)     parse_error = NULL;
  JsonNode              *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rh_json_guard_check (data, length, RH_CONTENT_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      set_syntax_error (error, parse_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EMPTY, _ ("the file is empty"));

  return root;
}
