/* rh-code-highlighter.c
 *
 * Highlighting code blocks with GtkSourceView's language definitions,
 * emitted as CSS classes so that one page serves light and dark, with the
 * colours of the Adwaita schemes; and a bound on how much of a page is
 * highlighted, so that no answer can make a page slow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rh-code-highlighter.h"
#include "rh-html.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

/*
 * GtkSourceView does not say which style a highlighting tag stands for:
 * its tags are anonymous and only carry the colours of the buffer's style
 * scheme. So the buffers here use a private "marker" scheme in which every
 * style we care about has a unique foreground colour encoding its index in
 * style_classes[]. Reading a tag's colour back gives the class to emit.
 *
 * Language-specific styles resolve to these through the normal GtkSourceView
 * fallback chains (python3:keyword → python:keyword → def:keyword), which
 * keeps the set of classes small and lets one stylesheet colour everything.
 */

#define MARKER_SCHEME_ID "rehearse-highlight-classes"
#define MARKER_RED 0x2a
#define MARKER_GREEN 0x42

/* Deep enough for every chain shipped with GtkSourceView, short enough to
 * stop on a circular one. */
#define MAX_FALLBACK_DEPTH 16

typedef struct
{
  const char *style_id;
  const char *css_class;
} StyleClass;

static const StyleClass style_classes[] = {
  { "def:comment", "hl-comment" },
  { "def:shebang", "hl-shebang" },
  { "def:doc-comment-element", "hl-doc-comment-element" },
  { "def:note", "hl-note" },
  { "def:constant", "hl-constant" },
  { "def:special-constant", "hl-special-constant" },
  { "def:boolean", "hl-boolean" },
  { "def:character", "hl-character" },
  { "def:string", "hl-string" },
  { "def:special-char", "hl-special-char" },
  { "def:number", "hl-number" },
  { "def:decimal", "hl-decimal" },
  { "def:floating-point", "hl-floating-point" },
  { "def:base-n-integer", "hl-base-n-integer" },
  { "def:identifier", "hl-identifier" },
  { "def:function", "hl-function" },
  { "def:builtin", "hl-builtin" },
  { "def:statement", "hl-statement" },
  { "def:keyword", "hl-keyword" },
  { "def:type", "hl-type" },
  { "def:preprocessor", "hl-preprocessor" },
  { "def:error", "hl-error" },
  { "def:warning", "hl-warning" },
  { "def:net-address", "hl-net-address" },
  { "def:heading", "hl-heading" },
  { "def:emphasis", "hl-emphasis" },
  { "def:strong-emphasis", "hl-strong-emphasis" },
  { "def:inline-code", "hl-inline-code" },
  { "def:link-text", "hl-link-text" },
  { "def:link-destination", "hl-link-destination" },
  { "def:list-marker", "hl-list-marker" },
  { "def:preformatted-section", "hl-preformatted-section" },
  { "def:insertion", "hl-insertion" },
  { "def:deletion", "hl-deletion" },
  /* diff.lang styles have no def: fallback at all, and diffs are common
   * enough in answers to deserve colour. */
  { "diff:added-line", "hl-diff-added" },
  { "diff:removed-line", "hl-diff-removed" },
  { "diff:changed-line", "hl-diff-changed" },
  { "diff:location", "hl-diff-location" },
  { "diff:diff-file", "hl-diff-file" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (style_classes) < 255);

/* How people label code fences, mapped to GtkSourceView language ids. */
static const struct
{
  const char *alias;
  const char *language_id;
} language_aliases[] = {
  { "py", "python3" },
  { "py3", "python3" },
  { "python", "python3" },
  { "python3", "python3" },
  { "js", "js" },
  { "javascript", "js" },
  { "mjs", "js" },
  { "cjs", "js" },
  { "node", "js" },
  { "ts", "typescript" },
  { "typescript", "typescript" },
  { "sh", "sh" },
  { "bash", "sh" },
  { "shell", "sh" },
  { "zsh", "sh" },
  { "console", "sh" },
  { "c", "c" },
  { "h", "c" },
  { "c++", "cpp" },
  { "cpp", "cpp" },
  { "cxx", "cpp" },
  { "hpp", "cpp" },
  { "yml", "yaml" },
  { "yaml", "yaml" },
  { "json", "json" },
  { "rs", "rust" },
  { "rust", "rust" },
  { "go", "go" },
  { "golang", "go" },
  { "rb", "ruby" },
  { "ruby", "ruby" },
  { "java", "java" },
  { "kt", "kotlin" },
  { "kotlin", "kotlin" },
  { "sql", "sql" },
  { "html", "html" },
  { "xml", "xml" },
  { "css", "css" },
  { "diff", "diff" },
  { "patch", "diff" },
  { "docker", "docker" },
  { "dockerfile", "docker" },
  { "toml", "toml" },
  { "ini", "ini" },
  { "make", "makefile" },
  { "makefile", "makefile" },
  { "md", "markdown" },
  { "markdown", "markdown" },
};

struct _RhCodeHighlighter
{
  GObject parent_instance;

  GtkSourceLanguageManager *language_manager;
  GtkSourceLanguage        *def_language;
  GtkSourceStyleScheme     *marker_scheme;

  /* Language id → GtkSourceBuffer. Switching a buffer's language throws
   * away its highlighting engine, so each language keeps its own. */
  GHashTable *buffers;

  /* Bytes that may still be highlighted before the next reset. */
  gsize budget;

  char *page_css;
};

G_DEFINE_FINAL_TYPE (RhCodeHighlighter, rh_code_highlighter, G_TYPE_OBJECT)

static GQuark tag_class_quark;

/* GtkSourceView only reads style schemes from files, hence the detour
 * through a temporary directory that is removed as soon as it is parsed. */
static GtkSourceStyleScheme *
load_marker_scheme (GError **error)
{
  g_autoptr (GtkSourceStyleSchemeManager) manager = NULL;
  g_autoptr (GString)                     xml = NULL;
  g_autofree char                        *dir = NULL;
  g_autofree char                        *path = NULL;
  GtkSourceStyleScheme                   *scheme;
  const char                             *search_path[2] = { NULL, NULL };

  xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<style-scheme id=\"" MARKER_SCHEME_ID "\" name=\"Rehearse markers\" version=\"1.0\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (style_classes); i++)
    g_string_append_printf (xml, "  <style name=\"%s\" foreground=\"#%02x%02x%02x\"/>\n",
                            style_classes[i].style_id, MARKER_RED, MARKER_GREEN, i + 1);
  g_string_append (xml, "</style-scheme>\n");

  dir = g_dir_make_tmp ("rehearse-highlight-XXXXXX", error);
  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, MARKER_SCHEME_ID ".xml", NULL);
  if (!g_file_set_contents (path, xml->str, xml->len, error))
    {
      g_rmdir (dir);
      return NULL;
    }

  manager = gtk_source_style_scheme_manager_new ();
  search_path[0] = dir;
  gtk_source_style_scheme_manager_set_search_path (manager, search_path);
  scheme = gtk_source_style_scheme_manager_get_scheme (manager, MARKER_SCHEME_ID);

  g_unlink (path);
  g_rmdir (dir);

  if (scheme == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "GtkSourceView rejected the highlighting marker scheme");
      return NULL;
    }

  return g_object_ref (scheme);
}

/* Returns the index in style_classes[] of the style a tag was created
 * for, or -1 for tags that are not ours (e.g. context classes). */
static int
get_tag_class (GtkTextTag *tag)
{
  gpointer cached = g_object_get_qdata (G_OBJECT (tag), tag_class_quark);
  GdkRGBA *rgba = NULL;
  gboolean foreground_set = FALSE;
  int      klass = -1;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 2;

  g_object_get (tag,
                "foreground-set", &foreground_set,
                "foreground-rgba", &rgba,
                NULL);

  if (foreground_set && rgba != NULL)
    {
      int red = (int) (rgba->red * 255.f + .5f);
      int green = (int) (rgba->green * 255.f + .5f);
      int blue = (int) (rgba->blue * 255.f + .5f);

      if (red == MARKER_RED && green == MARKER_GREEN &&
          blue >= 1 && blue <= (int) G_N_ELEMENTS (style_classes))
        klass = blue - 1;
    }

  g_clear_pointer (&rgba, gdk_rgba_free);

  /* Offset by two so that "not ours" (-1) is not stored as NULL */
  g_object_set_qdata (G_OBJECT (tag), tag_class_quark, GINT_TO_POINTER (klass + 2));

  return klass;
}

static int
get_class_at (const GtkTextIter *iter)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (iter);
  int                klass = -1;

  /* Sorted by ascending priority and nested contexts get higher
   * priorities, so the last match is the innermost style. */
  for (const GSList *l = tags; l != NULL; l = l->next)
    {
      int tag_class = get_tag_class (l->data);

      if (tag_class >= 0)
        klass = tag_class;
    }

  return klass;
}

static void
append_run (GString    *out,
            int         klass,
            const char *text,
            gsize       len)
{
  if (len == 0)
    return;

  if (klass < 0)
    {
      rh_html_append_escaped (out, text, len);
      return;
    }

  g_string_append (out, "<span class=\"");
  g_string_append (out, style_classes[klass].css_class);
  g_string_append (out, "\">");
  rh_html_append_escaped (out, text, len);
  g_string_append (out, "</span>");
}

static GtkSourceLanguage *
lookup_language (RhCodeHighlighter *self,
                 const char        *language_name)
{
  g_autofree char   *name = NULL;
  GtkSourceLanguage *language;
  const char        *id;

  if (language_name == NULL)
    return NULL;

  name = g_ascii_strdown (language_name, -1);
  g_strstrip (name);
  if (name[0] == '\0')
    return NULL;

  id = name;
  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    {
      if (g_str_equal (name, language_aliases[i].alias))
        {
          id = language_aliases[i].language_id;
          break;
        }
    }

  language = gtk_source_language_manager_get_language (self->language_manager, id);

  /* Hidden languages are building blocks ("def", "javascript-values") */
  if (language != NULL && gtk_source_language_get_hidden (language))
    return NULL;

  return language;
}

static GtkSourceBuffer *
get_buffer (RhCodeHighlighter *self,
            GtkSourceLanguage *language)
{
  const char      *id = gtk_source_language_get_id (language);
  GtkSourceBuffer *buffer;

  buffer = g_hash_table_lookup (self->buffers, id);
  if (buffer != NULL)
    return buffer;

  buffer = gtk_source_buffer_new_with_language (language);
  gtk_source_buffer_set_style_scheme (buffer, self->marker_scheme);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  g_hash_table_insert (self->buffers, g_strdup (id), buffer);

  return buffer;
}

/* GLib 2.74 cannot fetch a group by a name that a pattern uses twice,
 * and GtkSourceView's shell syntax names the delimiter of a quoted here
 * document so (<<'EOF' or <<"EOF"): every such block warns, and loses its
 * highlighting after the here document. Where that GLib runs, the quotes
 * are highlighted as blanks, so the delimiter reads as an unquoted one;
 * the text shown keeps them, as the lengths are the same. */
static char *
mask_quoted_here_documents (const char *code,
                            gsize       len)
{
  char *masked = NULL;

  if (glib_check_version (2, 76, 0) == NULL)
    return NULL;

  for (gsize i = 0; i + 2 < len; i++)
    {
      gsize j;
      char  quote;

      if (code[i] != '<' || code[i + 1] != '<' || (i > 0 && code[i - 1] == '<'))
        continue;

      j = i + 2;
      if (j < len && code[j] == '-')
        j++;
      while (j < len && (code[j] == ' ' || code[j] == '\t'))
        j++;
      if (j >= len || (code[j] != '\'' && code[j] != '"'))
        continue;

      quote = code[j];
      for (gsize k = j + 1; k < len && code[k] != '\n'; k++)
        {
          if (code[k] == quote)
            {
              if (masked == NULL)
                masked = g_strndup (code, len);
              masked[j] = ' ';
              masked[k] = ' ';
              i = k;
              break;
            }
        }
    }

  return masked;
}

/* GtkSourceView's own limit for one line: a block that took less
 * cannot have reached it. */
#define RH_CODE_HIGHLIGHTER_STALL_USEC (G_USEC_PER_SEC * 2)

static void
highlight_into (GtkSourceBuffer *buffer,
                GString         *out,
                const char      *code,
                gsize            len)
{
  GtkTextBuffer   *text_buffer = GTK_TEXT_BUFFER (buffer);
  GtkTextIter      start, end, iter;
  const char      *run_start = code;
  const char      *p = code;
  int              run_class;
  const char      *language_id = gtk_source_language_get_id (gtk_source_buffer_get_language (buffer));
  g_autofree char *masked = g_strcmp0 (language_id, "sh") == 0 ? mask_quoted_here_documents (code, len) : NULL;

  gtk_text_buffer_set_text (text_buffer, masked != NULL ? masked : code, len);
  gtk_text_buffer_get_bounds (text_buffer, &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);

  /* The buffer holds exactly @code, so walking characters in step with
   * the iterator gives byte ranges without copying text out of it. */
  iter = start;
  run_class = get_class_at (&iter);

  while (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter next = iter;
      int         n_chars;
      int         klass;

      gtk_text_iter_forward_to_tag_toggle (&next, NULL);
      n_chars = gtk_text_iter_get_offset (&next) - gtk_text_iter_get_offset (&iter);

      klass = get_class_at (&iter);
      if (klass != run_class)
        {
          append_run (out, run_class, run_start, p - run_start);
          run_start = p;
          run_class = klass;
        }

      for (int i = 0; i < n_chars; i++)
        p = g_utf8_next_char (p);

      iter = next;
    }

  append_run (out, run_class, run_start, (code + len) - run_start);
}

static void
rh_code_highlighter_finalize (GObject *object)
{
  RhCodeHighlighter *self = (RhCodeHighlighter *) object;

  g_clear_pointer (&self->buffers, g_hash_table_unref);
  g_clear_object (&self->marker_scheme);
  g_clear_object (&self->def_language);
  g_clear_object (&self->language_manager);
  g_clear_pointer (&self->page_css, g_free);

  G_OBJECT_CLASS (rh_code_highlighter_parent_class)->finalize (object);
}

static void
rh_code_highlighter_class_init (RhCodeHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_code_highlighter_finalize;

  tag_class_quark = g_quark_from_static_string ("rh-code-highlighter-class");
}

static void
rh_code_highlighter_init (RhCodeHighlighter *self)
{
  g_autoptr (GError) error = NULL;

  /* Only registers types and resources; works without a display, which
   * matters because rendering also runs in tests and tools. */
  gtk_source_init ();

  self->language_manager = g_object_ref (gtk_source_language_manager_get_default ());
  self->def_language = gtk_source_language_manager_get_language (self->language_manager, "def");
  if (self->def_language != NULL)
    g_object_ref (self->def_language);

  self->buffers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->budget = RH_CODE_HIGHLIGHTER_BUDGET;

  self->marker_scheme = load_marker_scheme (&error);
  if (self->marker_scheme == NULL)
    g_warning ("Code highlighting is unavailable: %s", error->message);
}

/**
 * rh_code_highlighter_new:
 *
 * Creates a highlighter. It keeps text buffers around between calls, so
 * create one and reuse it. GtkSourceView schedules idle work for those
 * buffers on the default main context, so only use it from the main thread.
 *
 * Returns: (transfer full): a new #RhCodeHighlighter
 */
RhCodeHighlighter *
rh_code_highlighter_new (void)
{
  return g_object_new (RH_TYPE_CODE_HIGHLIGHTER, NULL);
}

/**
 * rh_code_highlighter_highlight:
 * @self: a #RhCodeHighlighter
 * @code: (nullable): the source code, UTF-8
 * @len: length of @code in bytes, or -1 if nul-terminated
 * @language_name: (nullable): the language as written after a code fence,
 *   e.g. "py", "C++" or a GtkSourceView language id
 *
 * Converts @code to HTML: escaped text with `<span class="hl-…">` around
 * highlighted parts. Unknown languages, code longer than
 * %RH_CODE_HIGHLIGHTER_MAX_BYTES and code beyond what is left of the
 * budget give escaped text without spans. Invalid UTF-8 is replaced
 * rather than rejected.
 *
 * Returns: (transfer full): an HTML fragment
 */
char *
rh_code_highlighter_highlight (RhCodeHighlighter *self,
                               const char        *code,
                               gsize              len,
                               const char        *language_name)
{
  g_autofree char   *valid = NULL;
  GtkSourceLanguage *language;
  GString           *out;

  g_return_val_if_fail (RH_IS_CODE_HIGHLIGHTER (self), NULL);
  g_return_val_if_fail (code != NULL || len == 0 || len == (gsize) -1, NULL);

  if (code == NULL)
    code = "";
  if (len == (gsize) -1)
    len = strlen (code);

  /* GtkTextBuffer refuses invalid UTF-8, and embedded nuls count as such */
  if (!g_utf8_validate_len (code, len, NULL))
    {
      valid = g_utf8_make_valid (code, len);
      code = valid;
      len = strlen (valid);
    }

  out = g_string_sized_new (len * 2 + 16);
  language = lookup_language (self, language_name);

  if (language != NULL && self->marker_scheme != NULL && len > 0 && len <= RH_CODE_HIGHLIGHTER_MAX_BYTES &&
      len <= self->budget)
    {
      gint64 started = g_get_monotonic_time ();

      highlight_into (get_buffer (self, language), out, code, len);
      self->budget -= len;

      /* GtkSourceView turns highlighting off for good in a buffer where
       * one line took it two seconds (by the clock, so a stalled machine
       * counts too), and the block then comes back unmarked; the next
       * block of the language gets a new buffer. A block that is only
       * slow keeps its buffer: making one costs more than most blocks. */
      if (g_get_monotonic_time () - started >= RH_CODE_HIGHLIGHTER_STALL_USEC && strstr (out->str, "<span") == NULL)
        g_hash_table_remove (self->buffers, gtk_source_language_get_id (language));
    }
  else
    rh_html_append_escaped (out, code, len);

  return g_string_free (out, FALSE);
}

/**
 * rh_code_highlighter_reset_budget:
 *
 * Allows %RH_CODE_HIGHLIGHTER_BUDGET bytes of code to be highlighted
 * again; a page renderer calls it for every page, so that no page takes
 * much longer to show than a large real one.
 */
void
rh_code_highlighter_reset_budget (RhCodeHighlighter *self)
{
  g_return_if_fail (RH_IS_CODE_HIGHLIGHTER (self));

  self->budget = RH_CODE_HIGHLIGHTER_BUDGET;
}

/**
 * rh_code_highlighter_resolve_language:
 * @self: a #RhCodeHighlighter
 * @language_name: (nullable): the language as written after a code fence
 *
 * Returns: (nullable): the GtkSourceView language id used for
 *   @language_name, or %NULL if it is not known
 */
const char *
rh_code_highlighter_resolve_language (RhCodeHighlighter *self,
                                      const char        *language_name)
{
  GtkSourceLanguage *language;

  g_return_val_if_fail (RH_IS_CODE_HIGHLIGHTER (self), NULL);

  language = lookup_language (self, language_name);
  return language != NULL ? gtk_source_language_get_id (language) : NULL;
}

/**
 * rh_code_highlighter_get_display_name:
 * @self: a #RhCodeHighlighter
 * @language_name: (nullable): the language as written after a code fence
 *
 * Returns: (nullable): the human-readable name of the language, e.g.
 *   "Python" for "py", or %NULL if it is not known
 */
const char *
rh_code_highlighter_get_display_name (RhCodeHighlighter *self,
                                      const char        *language_name)
{
  /* GtkSourceView names every shell "sh"; people reading an answer
   * expect the shell the author wrote. */
  static const struct
  {
    const char *written;
    const char *display_name;
  } shell_names[] = {
    { "bash", "Bash" },
    { "sh", "Shell" },
    { "shell", "Shell" },
    { "zsh", "Zsh" },
    { "console", "Console" },
  };
  GtkSourceLanguage *language;

  g_return_val_if_fail (RH_IS_CODE_HIGHLIGHTER (self), NULL);

  language = lookup_language (self, language_name);
  if (language == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shell_names); i++)
    {
      if (g_ascii_strcasecmp (language_name, shell_names[i].written) == 0)
        return shell_names[i].display_name;
    }

  return gtk_source_language_get_name (language);
}

static GtkSourceStyle *
resolve_style (RhCodeHighlighter    *self,
               GtkSourceStyleScheme *scheme,
               const char           *style_id)
{
  const char *id = style_id;

  for (guint depth = 0; id != NULL && depth < MAX_FALLBACK_DEPTH; depth++)
    {
      GtkSourceStyle *style = gtk_source_style_scheme_get_style (scheme, id);

      if (style != NULL)
        return style;

      if (self->def_language == NULL)
        break;

      id = gtk_source_language_get_style_fallback (self->def_language, id);
    }

  return NULL;
}

/* Colours go through GdkRGBA so that nothing from a scheme file other
 * than a well-formed colour can end up in the page's CSS. */
static void
append_color (GString    *css,
              const char *property,
              const char *value,
              gboolean    is_set,
              const char *unset_value)
{
  GdkRGBA rgba;

  g_string_append_printf (css, " %s: ", property);

  if (is_set && value != NULL && gdk_rgba_parse (&rgba, value))
    {
      g_autofree char *color = gdk_rgba_to_string (&rgba);
      g_string_append (css, color);
    }
  else
    {
      g_string_append (css, unset_value);
    }

  g_string_append_c (css, ';');
}

static void
append_style_rule (GString        *css,
                   const char     *selector_prefix,
                   const char     *css_class,
                   GtkSourceStyle *style)
{
  g_autofree char *foreground = NULL;
  g_autofree char *background = NULL;
  gboolean         foreground_set = FALSE;
  gboolean         background_set = FALSE;
  gboolean         bold = FALSE, bold_set = FALSE;
  gboolean         italic = FALSE, italic_set = FALSE;
  gboolean         underline_set = FALSE;
  gboolean         strikethrough = FALSE, strikethrough_set = FALSE;
  PangoUnderline   underline = PANGO_UNDERLINE_NONE;
  PangoWeight      weight = PANGO_WEIGHT_NORMAL;
  gboolean         weight_set = FALSE;
  const char      *decoration = "none";

  if (style != NULL)
    g_object_get (style,
                  "foreground", &foreground,
                  "foreground-set", &foreground_set,
                  "background", &background,
                  "background-set", &background_set,
                  "bold", &bold,
                  "bold-set", &bold_set,
                  "weight", &weight,
                  "weight-set", &weight_set,
                  "italic", &italic,
                  "italic-set", &italic_set,
                  "pango-underline", &underline,
                  "underline-set", &underline_set,
                  "strikethrough", &strikethrough,
                  "strikethrough-set", &strikethrough_set,
                  NULL);

  if (underline_set && underline == PANGO_UNDERLINE_ERROR)
    decoration = strikethrough_set && strikethrough ? "underline wavy line-through" : "underline wavy";
  else if (underline_set && underline != PANGO_UNDERLINE_NONE)
    decoration = strikethrough_set && strikethrough ? "underline line-through" : "underline";
  else if (strikethrough_set && strikethrough)
    decoration = "line-through";

  /* Every property is written out, even when the scheme leaves it alone,
   * so that a dark rule fully replaces the light one it overrides. */
  g_string_append_printf (css, "%s.%s {", selector_prefix, css_class);
  append_color (css, "color", foreground, foreground_set, "inherit");
  append_color (css, "background-color", background, background_set, "transparent");

  if (bold_set)
    g_string_append_printf (css, " font-weight: %s;", bold ? "bold" : "normal");
  else if (weight_set)
    g_string_append_printf (css, " font-weight: %d;", CLAMP ((int) weight, 100, 900));
  else
    g_string_append (css, " font-weight: normal;");

  g_string_append_printf (css, " font-style: %s;", italic_set && italic ? "italic" : "normal");
  g_string_append_printf (css, " text-decoration: %s; }\n", decoration);
}

/**
 * rh_code_highlighter_scheme_css:
 * @self: a #RhCodeHighlighter
 * @scheme_id: a GtkSourceView style scheme id, e.g. "Adwaita"
 * @selector_prefix: (nullable): prepended to every selector, e.g. ":root.dark "
 *
 * Generates one rule per highlighting class from the colours of a style
 * scheme, following the same fallbacks GtkSourceView itself uses.
 *
 * Returns: (transfer full) (nullable): CSS rules, or %NULL if there is
 *   no such scheme
 */
char *
rh_code_highlighter_scheme_css (RhCodeHighlighter *self,
                                const char        *scheme_id,
                                const char        *selector_prefix)
{
  GtkSourceStyleSchemeManager *manager;
  GtkSourceStyleScheme        *scheme;
  GString                     *css;

  g_return_val_if_fail (RH_IS_CODE_HIGHLIGHTER (self), NULL);
  g_return_val_if_fail (scheme_id != NULL, NULL);

  manager = gtk_source_style_scheme_manager_get_default ();
  scheme = gtk_source_style_scheme_manager_get_scheme (manager, scheme_id);
  if (scheme == NULL)
    return NULL;

  if (selector_prefix == NULL)
    selector_prefix = "";

  css = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (style_classes); i++)
    {
      GtkSourceStyle *style = resolve_style (self, scheme, style_classes[i].style_id);

      append_style_rule (css, selector_prefix, style_classes[i].css_class, style);
    }

  return g_string_free (css, FALSE);
}

/**
 * rh_code_highlighter_page_css:
 * @self: a #RhCodeHighlighter
 *
 * The highlighting stylesheet for answer pages: Adwaita colours by
 * default, Adwaita-dark on screen when the system prefers dark and the
 * page root is not marked `.light`, or whenever it is marked `.dark`.
 * Printing always uses Adwaita.
 *
 * Returns: (transfer full): CSS
 */
char *
rh_code_highlighter_page_css (RhCodeHighlighter *self)
{
  g_return_val_if_fail (RH_IS_CODE_HIGHLIGHTER (self), NULL);

  if (self->page_css == NULL)
    {
      g_autofree char *light = rh_code_highlighter_scheme_css (self, "Adwaita", NULL);
      g_autofree char *system_dark = rh_code_highlighter_scheme_css (self, "Adwaita-dark", ":root:not(.light) ");
      g_autofree char *forced_dark = rh_code_highlighter_scheme_css (self, "Adwaita-dark", ":root.dark ");
      GString         *css = g_string_new ("/* Syntax highlighting, generated from GtkSourceView style schemes */\n");

      if (light != NULL)
        g_string_append (css, light);

      /* Screen only: printouts always use the light colours */
      if (system_dark != NULL)
        {
          g_string_append (css, "@media screen and (prefers-color-scheme: dark) {\n");
          g_string_append (css, system_dark);
          g_string_append (css, "}\n");
        }

      if (forced_dark != NULL)
        {
          g_string_append (css, "@media screen {\n");
          g_string_append (css, forced_dark);
          g_string_append (css, "}\n");
        }

      self->page_css = g_string_free (css, FALSE);
    }

  return g_strdup (self->page_css);
}
