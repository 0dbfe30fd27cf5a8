/* rh-saved-page.c
 *
 * Web pages saved from the site (the browser's Save Page As): every page
 * of the site carries its payload, the same JSON as a saved payload file,
 * in one `<script type="application/json" id="__NUXT_DATA__">` element.
 * libxml2's HTML parser finds that element as a browser would, with no
 * network, no entities, no scripts run and no links followed, and the
 * script's text is then read like any other content file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "rh-content-error.h"
#include "rh-json-guard.h"
#include "rh-saved-page.h"

#define PAYLOAD_ID "__NUXT_DATA__"
#define PAYLOAD_TYPE "application/json"

typedef struct
{
  gsize    start; /* the script's first byte of text */
  gsize    end; /* the byte after its last, at `</script` */
  gboolean closed;
} Script;

typedef struct
{
  htmlParserCtxtPtr ctxt;
  const char       *data;
  gsize             length;
  Script            scripts[2]; /* a third is not needed to refuse the file */
  guint             n_scripts;
  gboolean          in_payload;
} Scan;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gsize
skip_space (const char *data,
            gsize       length,
            gsize       i)
{
  while (i < length && is_space (data[i]))
    i++;

  return i;
}

/**
 * rh_saved_page_is_html:
 *
 * Tells a saved web page from JSON by its content, whatever the file is
 * called: markup starts with `<` (after a byte order mark and blanks),
 * which no JSON value does.
 *
 * Returns: whether @data is HTML
 */
gboolean
rh_saved_page_is_html (const char *data,
                       gsize       length)
{
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  i = skip_space (data, length, i);

  return i < length && data[i] == '<';
}

/* Whether the first byte could start a JSON value: anything else, such
 * as a PDF or an image opened by mistake, is not worth a parser's error
 * at line 1, column 1. */
static gboolean
could_be_json (const char *data,
               gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  i = skip_space (data, length, i);

  return i == length || strchr ("{[\"-0123456789tfn", data[i]) != NULL;
}

static gboolean
is_payload_script (const xmlChar  *name,
                   const xmlChar **attributes)
{
  const char *id = NULL;
  const char *type = NULL;

  if (g_ascii_strcasecmp ((const char *) name, "script") != 0 || attributes == NULL)
    return FALSE;

  for (guint i = 0; attributes[i] != NULL; i += 2)
    {
      const char *attribute = (const char *) attributes[i];
      const char *value = (const char *) attributes[i + 1];

      /* As in a browser, the first of repeated attributes counts. */
      if (value == NULL)
        continue;
      if (id == NULL && g_ascii_strcasecmp (attribute, "id") == 0)
        id = value;
      else if (type == NULL && g_ascii_strcasecmp (attribute, "type") == 0)
        type = value;
    }

  return g_strcmp0 (id, PAYLOAD_ID) == 0 && type != NULL && g_ascii_strcasecmp (type, PAYLOAD_TYPE) == 0;
}

/* Where the parser is in the input, in bytes: libxml2 reports it at the
 * `>` of a start tag and just after an end tag. */
static gsize
get_offset (Scan *scan)
{
  long offset = xmlByteConsumed (scan->ctxt);

  return offset < 0 ? scan->length : MIN ((gsize) offset, scan->length);
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *name,
                  const xmlChar **attributes)
{
  Scan       *scan = user_data;
  Script     *script;
  const char *tag_end;
  gsize       offset;

  if (!is_payload_script (name, attributes))
    return;

  if (scan->n_scripts == G_N_ELEMENTS (scan->scripts))
    {
      xmlStopParser (scan->ctxt);
      return;
    }

  /* At the tag's `>` (or its `/>`); just past it would do too, as no
   * JSON starts with `>`. */
  offset = get_offset (scan);
  if (offset < scan->length && scan->data[offset] == '>')
    tag_end = scan->data + offset;
  else if (offset > 0 && scan->data[offset - 1] == '>')
    tag_end = scan->data + offset - 1;
  else
    tag_end = memchr (scan->data + offset, '>', scan->length - offset);

  script = &scan->scripts[scan->n_scripts++];
  script->start = tag_end != NULL ? (gsize) (tag_end - scan->data) + 1 : scan->length;
  script->end = scan->length;
  script->closed = FALSE;
  scan->in_payload = TRUE;
}

static void
on_end_element (void          *user_data,
                const xmlChar *name)
{
  Scan   *scan = user_data;
  Script *script;
  gsize   offset;

  if (!scan->in_payload || g_ascii_strcasecmp ((const char *) name, "script") != 0)
    return;

  scan->in_payload = FALSE;
  script = &scan->scripts[scan->n_scripts - 1];
  offset = get_offset (scan);

  /* The parser also ends elements that the input never closes, at the
   * end of the input: only a real `</script` ends the text. */
  for (gsize i = offset; i >= script->start + 2; i--)
    {
      const char *p = scan->data + i - 2;

      if (p[0] == '<' && p[1] == '/')
        {
          if (scan->length - (i - 2) >= 8 && g_ascii_strncasecmp (p + 2, "script", 6) == 0)
            {
              script->end = i - 2;
              script->closed = TRUE;
            }
          break;
        }
    }
}

static void
scan_page (Scan *scan)
{
  static gsize      initialized = 0;
  htmlParserCtxtPtr ctxt;

  /* Not thread-safe itself; the loader reads files on several threads. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  ctxt = htmlCreateMemoryParserCtxt (scan->data, (int) scan->length);
  if (ctxt == NULL)
    return;

  /* Only the two events that matter, so nothing else is built or
   * reported: no tree, no entities, no external subset, no errors. */
  memset (ctxt->sax, 0, sizeof (*ctxt->sax));
  ctxt->sax->startElement = on_start_element;
  ctxt->sax->endElement = on_end_element;
  ctxt->userData = scan;
  scan->ctxt = ctxt;

  /* Recovery reads script text up to `</script` as browsers do, not up
   * to the first `</`. The site serves UTF-8; reading the input as it
   * is keeps the parser's offsets those of the file. */
  htmlCtxtUseOptions (ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS | HTML_PARSE_NOIMPLIED |
                                HTML_PARSE_IGNORE_ENC);
  htmlParseDocument (ctxt);

  scan->ctxt = NULL;
  ctxt->userData = ctxt;
  htmlFreeParserCtxt (ctxt);
}

G_GNUC_PRINTF (5, 6)
static void
set_error_at (GError    **error,
              int         code,
              const char *data,
              gsize       offset,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  guint            line, column;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  rh_json_guard_locate (data, offset, &line, &column);
  g_set_error (error, RH_CONTENT_ERROR, code, _ ("line %u, column %u: %s"), line, column, message);
}

/* The whole file with every byte outside the payload made a blank, and
 * line breaks kept: errors in the payload then give the file's own line
 * and column, and the markup around it is never taken for JSON. */
static char *
blank_all_but (const char *data,
               gsize       length,
               gsize       start,
               gsize       end)
{
  char *copy = g_malloc (length + 1);

  memset (copy, ' ', length);
  for (const char *p = data; (p = memchr (p, '\n', data + length - p)) != NULL; p++)
    copy[p - data] = '\n';
  memcpy (copy + start, data + start, end - start);
  copy[length] = '\0';

  return copy;
}

/**
 * rh_saved_page_unwrap:
 * @data: a content file's bytes
 * @out_copy: (out) (transfer full): set to the bytes to parse when they
 *   are not @data itself
 *
 * Finds what to parse as JSON: @data itself for a JSON file, and for a
 * saved web page a copy of the same length with everything but the
 * payload script's text blanked out. A web page needs exactly one
 * payload script, closed; one in a comment, or of another type or id,
 * does not count.
 *
 * Returns: (transfer none) (nullable): @data or *@out_copy, or %NULL with
 *   @error set (without the file's name, which the caller adds)
 */
const char *
rh_saved_page_unwrap (const char *data,
                      gsize       length,
                      char      **out_copy,
                      GError    **error)
{
  Scan scan = {
    NULL,
  };
  const Script *script;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (out_copy != NULL, NULL);

  *out_copy = NULL;

  if (!rh_saved_page_is_html (data, length))
    {
      if (!could_be_json (data, length))
        {
          g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NOT_JSON,
                               _ ("neither JSON nor a web page"));
          return NULL;
        }

      return data;
    }

  /* libxml2 takes the length as an int. */
  if (length > G_MAXINT)
    {
      rh_content_error_set_too_large (error);
      return NULL;
    }

  scan.data = data;
  scan.length = length;
  scan_page (&scan);

  if (scan.n_scripts == 0)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_PAYLOAD,
                   _ ("a web page with no page data in it (no <script type=\"%s\" id=\"%s\">)"),
                   PAYLOAD_TYPE, PAYLOAD_ID);
      return NULL;
    }

  if (scan.n_scripts > 1)
    {
      guint first_line, first_column;

      rh_json_guard_locate (data, scan.scripts[0].start, &first_line, &first_column);
      set_error_at (error, RH_CONTENT_ERROR_SEVERAL_PAYLOADS, data, scan.scripts[1].start,
                    _ ("a second page data script (the first is on line %u); a page has one"), first_line);
      return NULL;
    }

  script = &scan.scripts[0];
  if (!script->closed)
    {
      set_error_at (error, RH_CONTENT_ERROR_SYNTAX, data, script->start,
                    _ ("the page data script is never closed: the page is incomplete"));
      return NULL;
    }

  if (skip_space (data, script->end, script->start) == script->end)
    {
      set_error_at (error, RH_CONTENT_ERROR_EMPTY, data, script->start, _ ("the page data script is empty"));
      return NULL;
    }

  *out_copy = blank_all_but (data, length, script->start, script->end);

  return *out_copy;
}
