/* fuzz-common.c
 *
 * What the fuzz harnesses check besides "it did not crash": valid UTF-8,
 * HTML whose markup is balanced and inert, and pages that keep the
 * loader's rules. A broken rule aborts, so libFuzzer keeps the input and
 * the replay tests fail on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "fuzz-common.h"
#include "rh-load-cache.h"
#include "rh-question.h"

static gboolean verbose;

/* GtkSourceView gives up on a line after two seconds by the wall clock,
 * with a critical, and a second one as it turns highlighting off (5.6
 * intersects a region it has just freed): a fuzzer that the machine
 * stalls reaches them on any input. The renderer then starts a new
 * buffer (rh-code-highlighter.c). */
static gboolean
is_clock_limit (const GLogField *fields,
                gsize            n_fields)
{
  static gboolean gave_up;
  const char     *domain = NULL;
  const char     *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }

  if (g_strcmp0 (domain, "GtkSourceView") != 0 || message == NULL)
    return FALSE;

  if (g_str_has_prefix (message, "Highlighting a single line took too much time"))
    return gave_up = TRUE;

  if (gave_up && g_str_has_prefix (message, "gtk_source_region_intersect_subregion: assertion"))
    {
      gave_up = FALSE;
      return TRUE;
    }

  return FALSE;
}

static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  /* A critical is a broken precondition somewhere in the code under
   * test; warnings (an answer too large to render, say) are expected
   * on hostile input, and printing each would slow the fuzzer down. */
  if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) != 0 && !is_clock_limit (fields, n_fields))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      fuzz_fail ("a critical or error was logged");
    }

  if (verbose)
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  verbose = g_getenv ("FUZZ_VERBOSE") != NULL;
  g_log_set_writer_func (write_log, NULL, NULL);
}

void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  fprintf (stderr, "fuzz-%s: invariant broken: ", fuzz_harness_name);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

/* The input as a C string: up to its first NUL, as the APIs under test
 * take NUL-terminated text. */
char *
fuzz_dup_text (const uint8_t *data,
               size_t         size)
{
  return g_strndup ((const char *) data, size);
}

static char *temp_dir;

static void
remove_temp_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (temp_dir, 0, NULL);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (temp_dir);
}

/**
 * fuzz_temp_dir:
 *
 * One directory for the whole run, removed at exit; in /dev/shm where
 * there is one, since some harnesses write files on every input. With
 * FUZZ_TEMP_DIR set, that directory instead, kept, to look at what the
 * harness wrote.
 *
 * Returns: (transfer full): its path
 */
char *
fuzz_temp_dir (void)
{
  if (temp_dir == NULL && g_getenv ("FUZZ_TEMP_DIR") != NULL)
    temp_dir = g_strdup (g_getenv ("FUZZ_TEMP_DIR"));

  if (temp_dir == NULL)
    {
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0
                             ? "/dev/shm"
                             : g_get_tmp_dir ();
      g_autofree char *template = g_build_filename (base, "rehearse-fuzz-XXXXXX", NULL);

      if (g_mkdtemp (template) == NULL)
        fuzz_fail ("cannot make a temporary directory in %s", base);
      temp_dir = g_steal_pointer (&template);
      atexit (remove_temp_dir);
    }

  return g_strdup (temp_dir);
}

void
fuzz_check_utf8 (const char *what,
                 const char *text,
                 gssize      length)
{
  const char *end = NULL;

  fuzz_check (text != NULL, "%s is NULL", what);
  if (!g_utf8_validate (text, length, &end))
    fuzz_fail ("%s is not valid UTF-8 at byte %" G_GSIZE_FORMAT, what, (gsize) (end - text));
}

/* HTML checks ------------------------------------------------------- */

/* Every element the renderer writes. Anything else in its output came
 * from content, or from a change to the renderer that a reviewer should
 * look at; either way it is reported. */
static const char *const known_elements[] = {
  "html",
  "head",
  "body",
  "title",
  "meta",
  "link",
  "style",
  "main",
  "nav",
  "section",
  "header",
  "div",
  "p",
  "pre",
  "blockquote",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "a",
  "span",
  "em",
  "strong",
  "del",
  "u",
  "code",
  "br",
  "img",
  "input",
};

static const char *const void_elements[] = {
  "br",
  "hr",
  "img",
  "input",
  "link",
  "meta",
};

/* Only these may be inside phrasing elements: anything else makes the
 * browser close the open element early, so the tree it builds is not
 * the one written. */
static const char *const phrasing_elements[] = {
  "a",
  "span",
  "em",
  "strong",
  "del",
  "u",
  "code",
  "br",
  "img",
  "input",
};

static const char *const phrasing_parents[] = {
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "a",
  "span",
  "em",
  "strong",
  "del",
  "u",
  "code",
  "th",
  "td",
};

/* Attributes whose value the browser treats as a URL. */
static const char *const url_attributes[] = {
  "href",
  "src",
  "action",
  "formaction",
  "srcset",
  "poster",
  "data",
  "xlink:href",
  "background",
  "cite",
  "longdesc",
  "ping",
  "manifest",
  "codebase",
  "lowsrc",
  "dynsrc",
};

static gboolean
in_list (const char        *name,
         const char *const *list,
         gsize              n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (g_str_equal (name, list[i]))
        return TRUE;
    }

  return FALSE;
}

#define IN_LIST(name, list) in_list ((name), (list), G_N_ELEMENTS (list))

typedef struct
{
  char *name;
  char *value; /* as decoded, or NULL for a bare attribute */
} Attribute;

typedef struct
{
  const char   *html;
  FuzzHtmlFlags flags;
  GPtrArray    *open; /* char*: the elements open, outermost first */
  guint         n_elements;
} HtmlCheck;

static G_NORETURN void
html_fail (HtmlCheck  *check,
           const char *at,
           const char *message)
{
  gsize            offset = at - check->html;
  gsize            start = offset > 60 ? offset - 60 : 0;
  g_autofree char *context = g_strndup (check->html + start, 120);

  fuzz_fail ("HTML at byte %" G_GSIZE_FORMAT ": %s\n  near: %s", offset, message, context);
}

static gboolean
is_open (HtmlCheck  *check,
         const char *name)
{
  for (guint i = 0; i < check->open->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (check->open, i), name))
        return TRUE;
    }

  return FALSE;
}

static const char *
current (HtmlCheck *check)
{
  return check->open->len > 0 ? g_ptr_array_index (check->open, check->open->len - 1) : NULL;
}

/* Decodes the character references a browser would decode in an
 * attribute, enough to see a scheme hidden behind them: numeric ones
 * with or without the semicolon, and the named ones that can spell a
 * scheme's separator or the characters URL parsing drops. */
static char *
decode_attribute (const char *value)
{
  static const struct
  {
    const char *name;
    const char *text;
  } named[] = {
    { "amp;", "&" },
    { "lt;", "<" },
    { "gt;", ">" },
    { "quot;", "\"" },
    { "apos;", "'" },
    { "colon;", ":" },
    { "Tab;", "\t" },
    { "NewLine;", "\n" },
    { "sol;", "/" },
    { "nbsp;", "\xC2\xA0" },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0';)
    {
      gboolean decoded = FALSE;

      if (*p == '&' && p[1] == '#')
        {
          const char *q = p + 2;
          gboolean    hex = *q == 'x' || *q == 'X';
          gunichar    c = 0;
          gboolean    any = FALSE;

          if (hex)
            q++;
          for (; hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q); q++)
            {
              c = c * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
              if (c > 0x10FFFF)
                c = 0xFFFD;
              any = TRUE;
            }
          if (any)
            {
              g_string_append_unichar (out, c == 0 ? 0xFFFD : c);
              p = *q == ';' ? q + 1 : q;
              decoded = TRUE;
            }
        }
      else if (*p == '&')
        {
          for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
            {
              if (g_str_has_prefix (p + 1, named[i].name))
                {
                  g_string_append (out, named[i].text);
                  p += 1 + strlen (named[i].name);
                  decoded = TRUE;
                  break;
                }
            }
        }

      if (!decoded)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* The scheme a browser would see, lower-cased, or NULL for a relative
 * URL: leading and trailing C0 controls and spaces are stripped, tabs
 * and newlines anywhere are dropped. */
static char *
url_scheme (const char *url)
{
  g_autoptr (GString) clean = g_string_new (NULL);
  const char         *start = url;

  while (*start != '\0' && (guchar) *start <= 0x20)
    start++;
  for (const char *p = start; *p != '\0'; p++)
    {
      if (*p != '\t' && *p != '\n' && *p != '\r')
        g_string_append_c (clean, *p);
    }

  if (!g_ascii_isalpha (clean->str[0]))
    return NULL;
  for (const char *p = clean->str + 1; *p != '\0'; p++)
    {
      if (*p == ':')
        return g_ascii_strdown (clean->str, p - clean->str);
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
        return NULL;
    }

  return NULL;
}

static const char *
get_attribute (GArray     *attributes,
               const char *name)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      Attribute *attribute = &g_array_index (attributes, Attribute, i);

      if (g_str_equal (attribute->name, name))
        return attribute->value != NULL ? attribute->value : "";
    }

  return NULL;
}

static void
check_url (HtmlCheck  *check,
           const char *at,
           const char *element,
           const char *attribute,
           const char *url,
           GArray     *attributes)
{
  g_autofree char *scheme = url_scheme (url);
  g_autofree char *lower = g_ascii_strdown (url, -1);
  const char *class = get_attribute (attributes, "class");

  /* An exported file is read outside the app, where its links go nowhere. */
  if ((check->flags & FUZZ_HTML_STANDALONE) != 0 && g_strcmp0 (scheme, "rehearse") == 0)
    html_fail (check, at, "a standalone page links into the app");

  if (g_str_equal (element, "link"))
    {
      if (!g_str_has_prefix (url, "rehearse://resource/"))
        html_fail (check, at, "a <link> to something other than the app's resources");
      return;
    }

  if (g_str_equal (element, "img") && g_str_equal (attribute, "src"))
    {
      if (scheme == NULL || !(g_str_equal (scheme, "rehearse") || g_str_has_prefix (lower, "data:image/")))
        html_fail (check, at, "an image that loads from outside the page");
      return;
    }

  if (!g_str_equal (element, "a") || !g_str_equal (attribute, "href"))
    html_fail (check, at, "a URL attribute other than a link's href or an image's src");

  if (scheme != NULL && !g_str_equal (scheme, "http") && !g_str_equal (scheme, "https") &&
      !g_str_equal (scheme, "mailto") && !g_str_equal (scheme, "rehearse"))
    html_fail (check, at, "a link whose scheme can run code or reach outside (javascript:, data:, file:, …)");

  /* Actions are the app's own buttons, which only the renderer writes
   * and content cannot imitate, since it cannot set a class. */
  if (g_str_has_prefix (lower, "rehearse://action/"))
    {
      gboolean copy_button = (check->flags & FUZZ_HTML_COPY_LINKS) != 0 && g_strcmp0 (class, "copy-button") == 0 &&
                             g_str_has_prefix (url, "rehearse://action/copy?");
      gboolean star = (check->flags & FUZZ_HTML_STARS) != 0 && class != NULL &&
                      (g_str_equal (class, "star") || g_str_equal (class, "star active")) &&
                      g_str_has_prefix (url, "rehearse://action/bookmark?");

      gboolean study = (check->flags & FUZZ_HTML_STARS) != 0 && g_strcmp0 (class, "study-link") == 0 &&
                       g_str_has_prefix (url, "rehearse://action/study?");

      if (!copy_button && !star && !study)
        html_fail (check, at, "an action link (rehearse://action/…) that the renderer did not write");
    }
}

static void
clear_attribute (gpointer data)
{
  Attribute *attribute = data;

  g_free (attribute->name);
  g_free (attribute->value);
}

static void
check_start_tag (HtmlCheck  *check,
                 const char *at,
                 const char *name,
                 GArray     *attributes)
{
  const char *parent = current (check);

  if (!IN_LIST (name, known_elements))
    html_fail (check, at, "an element the renderer never writes");

  for (guint i = 0; i < attributes->len; i++)
    {
      Attribute *attribute = &g_array_index (attributes, Attribute, i);

      if (g_str_has_prefix (attribute->name, "on"))
        html_fail (check, at, "an event handler attribute (on…=)");
      if (attribute->value != NULL && IN_LIST (attribute->name, url_attributes))
        check_url (check, at, name, attribute->name, attribute->value, attributes);
    }

  if (g_str_equal (name, "meta") || g_str_equal (name, "link") || g_str_equal (name, "style") ||
      g_str_equal (name, "title"))
    {
      if ((check->flags & FUZZ_HTML_DOCUMENT) == 0 || g_strcmp0 (parent, "head") != 0)
        html_fail (check, at, "<meta>, <link>, <style> or <title> outside the document's <head>");
    }

  if (g_str_equal (name, "html"))
    {
      if ((check->flags & FUZZ_HTML_DOCUMENT) == 0 || check->n_elements > 0)
        html_fail (check, at, "<html> other than as the document's first element");
    }
  else if ((check->flags & FUZZ_HTML_DOCUMENT) != 0 && check->open->len == 0)
    html_fail (check, at, "an element outside <html>");

  if ((g_str_equal (name, "head") || g_str_equal (name, "body")) && g_strcmp0 (parent, "html") != 0)
    html_fail (check, at, "<head> or <body> outside <html>");

  if (g_str_equal (name, "input"))
    {
      if (g_strcmp0 (get_attribute (attributes, "type"), "checkbox") != 0 ||
          get_attribute (attributes, "disabled") == NULL)
        html_fail (check, at, "an <input> that is not a disabled checkbox");
    }

  if (g_str_equal (name, "a") && is_open (check, "a"))
    html_fail (check, at, "a link inside a link");

  if (parent != NULL && IN_LIST (parent, phrasing_parents) && !IN_LIST (name, phrasing_elements))
    html_fail (check, at, "a block element inside a phrasing element");

  if (g_str_equal (name, "li") && g_strcmp0 (parent, "ul") != 0 && g_strcmp0 (parent, "ol") != 0)
    html_fail (check, at, "<li> outside a list");
  if ((g_strcmp0 (parent, "ul") == 0 || g_strcmp0 (parent, "ol") == 0) && !g_str_equal (name, "li"))
    html_fail (check, at, "a list holding something other than <li>");

  if ((g_str_equal (name, "thead") || g_str_equal (name, "tbody")) && g_strcmp0 (parent, "table") != 0)
    html_fail (check, at, "<thead> or <tbody> outside <table>");
  if (g_str_equal (name, "tr") && g_strcmp0 (parent, "thead") != 0 && g_strcmp0 (parent, "tbody") != 0)
    html_fail (check, at, "<tr> outside <thead> or <tbody>");
  if ((g_str_equal (name, "td") || g_str_equal (name, "th")) && g_strcmp0 (parent, "tr") != 0)
    html_fail (check, at, "a table cell outside <tr>");
  if (parent != NULL && (g_str_equal (parent, "table") || g_str_equal (parent, "thead") ||
                         g_str_equal (parent, "tbody") || g_str_equal (parent, "tr")))
    {
      if (!g_str_equal (name, "thead") && !g_str_equal (name, "tbody") && !g_str_equal (name, "tr") &&
          !g_str_equal (name, "td") && !g_str_equal (name, "th"))
        html_fail (check, at, "table structure holding something else (the browser would move it out)");
    }
}

/* Parses the tag at @p ('<' then a letter), checks it, and returns
 * where parsing goes on. */
static const char *
parse_start_tag (HtmlCheck  *check,
                 const char *p)
{
  g_autoptr (GArray) attributes = g_array_new (FALSE, TRUE, sizeof (Attribute));
  g_autofree char   *name = NULL;
  const char        *at = p;
  const char        *start;
  gboolean           self_closing = FALSE;

  g_array_set_clear_func (attributes, clear_attribute);

  start = ++p;
  while (g_ascii_isalnum (*p))
    p++;
  name = g_ascii_strdown (start, p - start);

  for (;;)
    {
      Attribute attribute = { NULL, NULL };

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '>')
        {
          p++;
          break;
        }
      if (p[0] == '/' && p[1] == '>')
        {
          self_closing = TRUE;
          p += 2;
          break;
        }
      if (*p == '\0')
        html_fail (check, at, "a tag that never ends");

      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p) && *p != '/' && *p != '>' && *p != '=' && *p != '"' &&
             *p != '\'' && *p != '<')
        p++;
      if (p == start)
        html_fail (check, at, "a malformed attribute");
      attribute.name = g_ascii_strdown (start, p - start);

      if (*p == '=')
        {
          const char      *end;
          g_autofree char *raw = NULL;

          p++;
          /* The renderer quotes every value with double quotes, and
           * escapes what is inside. */
          if (*p != '"')
            html_fail (check, at, "an attribute value that is not in double quotes");
          end = strchr (p + 1, '"');
          if (end == NULL)
            html_fail (check, at, "an attribute value that never ends");
          raw = g_strndup (p + 1, end - p - 1);
          if (strchr (raw, '<') != NULL)
            html_fail (check, at, "an unescaped < in an attribute value");
          attribute.value = decode_attribute (raw);
          p = end + 1;
          if (!g_ascii_isspace (*p) && *p != '>' && !(p[0] == '/' && p[1] == '>'))
            html_fail (check, at, "attributes that run together");
        }
      g_array_append_val (attributes, attribute);
    }

  check_start_tag (check, at, name, attributes);
  check->n_elements++;

  if (self_closing && !IN_LIST (name, void_elements))
    html_fail (check, at, "a non-void element written as self-closing, which HTML leaves open");

  if (g_str_equal (name, "style") || g_str_equal (name, "title"))
    {
      /* Raw text: nothing in it is markup, up to its end tag. */
      g_autofree char *end_tag = g_strconcat ("</", name, ">", NULL);
      const char      *end = strstr (p, end_tag);
      g_autofree char *text = NULL;

      if (end == NULL)
        html_fail (check, at, "a <style> or <title> that never ends");
      text = g_ascii_strdown (p, end - p);
      if (strstr (text, "</") != NULL || (g_str_equal (name, "title") && strchr (text, '<') != NULL))
        html_fail (check, at, "markup inside <style> or <title>");
      return end + strlen (end_tag);
    }

  if (!IN_LIST (name, void_elements))
    g_ptr_array_add (check->open, g_steal_pointer (&name));

  return p;
}

static const char *
parse_end_tag (HtmlCheck  *check,
               const char *p)
{
  const char      *at = p;
  const char      *start = p + 2;
  g_autofree char *name = NULL;
  const char      *top;

  p = start;
  while (g_ascii_isalnum (*p))
    p++;
  name = g_ascii_strdown (start, p - start);
  if (*p != '>')
    html_fail (check, at, "a malformed end tag");

  top = current (check);
  if (top == NULL)
    html_fail (check, at, "an end tag with no element open");
  if (!g_str_equal (top, name))
    {
      g_autofree char *message = g_strdup_printf ("</%s> closes <%s>", name, top);

      html_fail (check, at, message);
    }
  g_ptr_array_remove_index (check->open, check->open->len - 1);

  return p + 1;
}

/**
 * fuzz_check_html:
 *
 * Checks @html as the browser will parse it: valid UTF-8; every element
 * one the renderer writes, closed in order (void elements aside) and
 * where the HTML parser would leave it; nothing executable (no script,
 * no on… attributes, no javascript: or other URL that runs or loads
 * something); no text that the parser could read as markup.
 */
void
fuzz_check_html (const char   *html,
                 FuzzHtmlFlags flags)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *lower = NULL;
  HtmlCheck             check = { html, flags, open, 0 };
  const char           *p = html;

  fuzz_check_utf8 ("the HTML", html, -1);

  lower = g_ascii_strdown (html, -1);
  if (strstr (lower, "<script") != NULL)
    fuzz_fail ("<script in the HTML");

  if ((flags & FUZZ_HTML_DOCUMENT) != 0)
    {
      if (!g_str_has_prefix (html, "<!DOCTYPE html>\n"))
        fuzz_fail ("the document does not start with its doctype");
      p += strlen ("<!DOCTYPE html>\n");
    }

  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');

      if (lt == NULL)
        break;
      if (g_ascii_isalpha (lt[1]))
        p = parse_start_tag (&check, lt);
      else if (lt[1] == '/' && g_ascii_isalpha (lt[2]))
        p = parse_end_tag (&check, lt);
      else
        html_fail (&check, lt, "an unescaped < in text (a comment, a doctype or a stray <)");
    }

  if (open->len > 0)
    {
      g_autofree char *message = g_strdup_printf ("<%s> is never closed", (char *) g_ptr_array_index (open, open->len - 1));

      html_fail (&check, html + strlen (html), message);
    }
}

/* Page checks ------------------------------------------------------- */

static void
check_required (const char *what,
                const char *text)
{
  fuzz_check (text != NULL, "%s is missing", what);
  fuzz_check_utf8 (what, text, -1);
  fuzz_check (*text != '\0', "%s is empty", what);
}

static void
check_optional (const char *what,
                const char *text)
{
  if (text != NULL)
    fuzz_check_utf8 (what, text, -1);
}

/* A page read from the load cache leaves its questions and siblings in
 * the map until they are needed; checks need them out. Returns FALSE
 * when the cache turns out to be damaged there, which the app treats by
 * reading the page's file again. */
static gboolean
fuzz_expand_cached_page (RhPageData *page)
{
  if (page->sibling_data != NULL)
    {
      GVariantIter iter;
      const char  *title;
      const char  *path;
      gint64       order;
      gboolean     has_order;

      g_variant_iter_init (&iter, page->sibling_data);
      while (g_variant_iter_next (&iter, "(&s&sxb)", &title, &path, &order, &has_order))
        {
          RhSiblingData sibling = { g_strdup (title), g_strdup (path), order, has_order };

          g_array_append_val (page->siblings, sibling);
        }
      g_clear_pointer (&page->sibling_data, g_variant_unref);
    }

  if (page->question_data != NULL)
    {
      g_autoptr (GPtrArray) questions = rh_load_cache_realize (page);

      if (questions == NULL)
        return FALSE;
      for (guint i = 0; i < questions->len; i++)
        g_ptr_array_add (page->questions, g_object_ref (g_ptr_array_index (questions, i)));
      g_clear_pointer (&page->question_data, g_variant_unref);
    }

  return TRUE;
}

/**
 * fuzz_check_page:
 *
 * Checks that @page keeps every rule the loader enforces: required
 * strings present, non-empty and valid UTF-8, a path of the form
 * /framework/topic/subtopic that the slugs agree with, known
 * difficulties, unique question ids, siblings in the page's topic.
 */
void
fuzz_check_page (RhPageData *page)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char       *framework_slug = NULL;
  g_autofree char       *topic_slug = NULL;
  g_autofree char       *topic_prefix = NULL;

  if (!fuzz_expand_cached_page (page))
    return;

  fuzz_check (page != NULL, "a NULL page");
  check_required ("a page's path", page->path);
  fuzz_check (rh_path_split (page->path, &framework_slug, &topic_slug, NULL), "“%s” is not a page path", page->path);
  check_required ("a page's framework", page->framework);
  check_required ("a page's topic", page->topic);
  check_required ("a page's title", page->title);
  fuzz_check (g_strcmp0 (page->framework_slug, framework_slug) == 0, "the framework slug does not match the path");
  fuzz_check (g_strcmp0 (page->topic_slug, topic_slug) == 0, "the topic slug does not match the path");
  check_optional ("a page's updated date", page->updated);
  check_optional ("a page's summary", page->summary);
  check_required ("a page's source", page->source);
  fuzz_check (page->difficulty <= RH_DIFFICULTY_HARD, "a page's difficulty is %d", page->difficulty);
  fuzz_check (page->questions != NULL && page->siblings != NULL, "a page without question or sibling arrays");

  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);

      fuzz_check (RH_IS_QUESTION (question), "questions[%u] is not a question", i);
      check_required ("a question's id", rh_question_get_id (question));
      check_required ("a question's text", rh_question_get_question (question));
      check_required ("a question's answer", rh_question_get_answer (question));
      fuzz_check (rh_question_get_difficulty (question) <= RH_DIFFICULTY_HARD, "questions[%u] has difficulty %d", i,
                  rh_question_get_difficulty (question));
      fuzz_check (g_hash_table_add (ids, (gpointer) rh_question_get_id (question)), "question id “%s” twice in a page",
                  rh_question_get_id (question));
    }

  topic_prefix = g_strdup_printf ("/%s/%s/", framework_slug, topic_slug);
  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      check_required ("a sibling's title", sibling->title);
      check_required ("a sibling's path", sibling->path);
      fuzz_check (rh_path_split (sibling->path, NULL, NULL, NULL), "sibling path “%s” is not a page path", sibling->path);
      fuzz_check (g_str_has_prefix (sibling->path, topic_prefix), "sibling “%s” is not in the page's topic", sibling->path);
    }
}

/**
 * fuzz_check_same_pages:
 *
 * Checks that @actual holds the same pages as @expected, field by field.
 */
void
fuzz_check_same_pages (GPtrArray *expected,
                       GPtrArray *actual)
{
  fuzz_check (actual != NULL, "no pages where %u were expected", expected->len);
  fuzz_check (actual->len == expected->len, "%u pages where %u were expected", actual->len, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      fuzz_check (fuzz_expand_cached_page (g_ptr_array_index (actual, i)), "pages[%u]: a fresh cache is damaged", i);

      const RhPageData *a = g_ptr_array_index (expected, i);
      const RhPageData *b = g_ptr_array_index (actual, i);
      const char *const strings[][2] = {
        { a->framework, b->framework },
        { a->framework_slug, b->framework_slug },
        { a->topic, b->topic },
        { a->topic_slug, b->topic_slug },
        { a->title, b->title },
        { a->path, b->path },
        { a->updated, b->updated },
        { a->summary, b->summary },
        { a->source, b->source },
      };

      for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
        fuzz_check (g_strcmp0 (strings[j][0], strings[j][1]) == 0, "pages[%u]: string field %u differs: “%s” ≠ “%s”",
                    i, j, strings[j][0], strings[j][1]);
      fuzz_check (a->order == b->order && a->has_order == b->has_order, "pages[%u]: the order differs", i);
      fuzz_check (a->difficulty == b->difficulty && a->has_difficulty == b->has_difficulty,
                  "pages[%u]: the difficulty differs", i);

      fuzz_check (a->questions->len == b->questions->len, "pages[%u]: %u questions where %u were expected", i,
                  b->questions->len, a->questions->len);
      for (guint j = 0; j < a->questions->len; j++)
        fuzz_check (rh_question_equal (g_ptr_array_index (a->questions, j), g_ptr_array_index (b->questions, j)),
                    "pages[%u].questions[%u] differs", i, j);

      fuzz_check (a->siblings->len == b->siblings->len, "pages[%u]: %u siblings where %u were expected", i,
                  b->siblings->len, a->siblings->len);
      for (guint j = 0; j < a->siblings->len; j++)
        {
          const RhSiblingData *x = &g_array_index (a->siblings, RhSiblingData, j);
          const RhSiblingData *y = &g_array_index (b->siblings, RhSiblingData, j);

          fuzz_check (g_strcmp0 (x->title, y->title) == 0 && g_strcmp0 (x->path, y->path) == 0 &&
                          x->order == y->order && x->has_order == y->has_order,
                      "pages[%u].siblings[%u] differs", i, j);
        }
    }
}
