/* rh-page-renderer.c
 *
 * Turns a subtopic page into one HTML document: the page the web view
 * shows, and the file the static export writes. Everything from content
 * passes through the Markdown renderer or is escaped here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "rh-framework.h"
#include "rh-markdown.h"
#include "rh-render-resources.h"
#include "rh-page-renderer.h"
#include "rh-topic.h"

#define STYLESHEET_RESOURCE "/io/github/rehearse/Rehearse/page.css"

/* Nothing may load from outside the app: no scripts at all, styles and
 * images only from the app's own scheme (and inline images).
 */
#define CONTENT_SECURITY_POLICY                                                            \
  "default-src 'none'; style-src rehearse:; img-src rehearse: data:; font-src rehearse:; " \
  "script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"

#define STANDALONE_SECURITY_POLICY                                                    \
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; " \
  "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"

struct _RhPageRenderer
{
  GObject parent_instance;

  RhCodeHighlighter *highlighter;
  char              *stylesheet;
  char              *document_font;
  char              *monospace_font;
  guint              stylesheet_serial;
  RhBookmarkLookup   bookmark_lookup;
  gpointer           bookmark_lookup_data;
  GDestroyNotify     bookmark_lookup_destroy;
};

G_DEFINE_FINAL_TYPE (RhPageRenderer, rh_page_renderer, G_TYPE_OBJECT)

static void
rh_page_renderer_finalize (GObject *object)
{
  RhPageRenderer *self = (RhPageRenderer *) object;

  g_clear_object (&self->highlighter);
  g_clear_pointer (&self->stylesheet, g_free);
  g_clear_pointer (&self->document_font, g_free);
  g_clear_pointer (&self->monospace_font, g_free);
  if (self->bookmark_lookup_destroy != NULL)
    self->bookmark_lookup_destroy (self->bookmark_lookup_data);

  G_OBJECT_CLASS (rh_page_renderer_parent_class)->finalize (object);
}

static void
rh_page_renderer_class_init (RhPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_page_renderer_finalize;

  /* The resources live in a static library: referring to them keeps the
   * linker from dropping them, and with them their registration. */
  g_assert (rh_render_get_resource () != NULL);
}

static void
rh_page_renderer_init (RhPageRenderer *self)
{
  self->highlighter = rh_code_highlighter_new ();
}

RhPageRenderer *
rh_page_renderer_new (void)
{
  return g_object_new (RH_TYPE_PAGE_RENDERER, NULL);
}

/**
 * rh_page_renderer_get_highlighter:
 *
 * Returns: (transfer none): the code highlighter
 */
RhCodeHighlighter *
rh_page_renderer_get_highlighter (RhPageRenderer *self)
{
  g_return_val_if_fail (RH_IS_PAGE_RENDERER (self), NULL);

  return self->highlighter;
}

/* Font names come from the desktop's settings, not from content, but
 * still go into CSS: keep only characters a family name needs.
 */
static char *
css_font_family (const char *name)
{
  GString *family = g_string_new (NULL);

  for (const char *p = name; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == ' ' || c == '-' || c == '_')
        g_string_append_unichar (family, c);
    }

  return g_string_free (family, FALSE);
}

void
rh_page_renderer_set_fonts (RhPageRenderer *self,
                            const char     *document_font,
                            const char     *monospace_font)
{
  g_return_if_fail (RH_IS_PAGE_RENDERER (self));

  g_clear_pointer (&self->document_font, g_free);
  g_clear_pointer (&self->monospace_font, g_free);
  self->document_font = document_font ? css_font_family (document_font) : NULL;
  self->monospace_font = monospace_font ? css_font_family (monospace_font) : NULL;
  g_clear_pointer (&self->stylesheet, g_free);
  /* A new address, so that the web view does not keep the old one. */
  self->stylesheet_serial++;
}

/**
 * rh_page_renderer_get_stylesheet:
 *
 * Returns: (transfer none): the whole stylesheet of a page: the page's
 *   own rules, then the highlighting colours for light and dark
 */
const char *
rh_page_renderer_get_stylesheet (RhPageRenderer *self)
{
  g_return_val_if_fail (RH_IS_PAGE_RENDERER (self), NULL);

  if (self->stylesheet == NULL)
    {
      g_autoptr (GBytes) page_css = g_resources_lookup_data (STYLESHEET_RESOURCE, 0, NULL);
      g_autofree char   *highlight_css = rh_code_highlighter_page_css (self->highlighter);
      GString           *css = g_string_new (NULL);

      if (self->document_font != NULL || self->monospace_font != NULL)
        {
          g_string_append (css, ":root {");
          if (self->document_font != NULL && *self->document_font)
            g_string_append_printf (css, " --document-font: \"%s\";", self->document_font);
          if (self->monospace_font != NULL && *self->monospace_font)
            g_string_append_printf (css, " --monospace-font: \"%s\";", self->monospace_font);
          g_string_append (css, " }\n");
        }

      if (page_css != NULL)
        g_string_append_len (css, g_bytes_get_data (page_css, NULL), g_bytes_get_size (page_css));
      else
        g_warning ("The page stylesheet is missing from the application's resources");

      g_string_append_c (css, '\n');
      g_string_append (css, highlight_css);
      self->stylesheet = g_string_free (css, FALSE);
    }

  return self->stylesheet;
}

/**
 * rh_page_renderer_set_bookmark_lookup:
 * @lookup: (nullable): tells whether a question is bookmarked; without
 *   one, pages have no stars
 */
void
rh_page_renderer_set_bookmark_lookup (RhPageRenderer  *self,
                                      RhBookmarkLookup lookup,
                                      gpointer         user_data,
                                      GDestroyNotify   destroy)
{
  g_return_if_fail (RH_IS_PAGE_RENDERER (self));

  if (self->bookmark_lookup_destroy != NULL)
    self->bookmark_lookup_destroy (self->bookmark_lookup_data);

  self->bookmark_lookup = lookup;
  self->bookmark_lookup_data = user_data;
  self->bookmark_lookup_destroy = destroy;
}

/**
 * rh_page_uri_for_path:
 * @question_id: (nullable): a question to scroll to
 *
 * Returns: (transfer full): the URI the web view loads for a page
 */
char *
rh_page_uri_for_path (const char *path,
                      const char *question_id)
{
  g_autofree char *escaped_id = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (question_id == NULL)
    return g_strconcat (RH_PAGE_URI_PREFIX, path, NULL);

  escaped_id = g_uri_escape_string (question_id, NULL, FALSE);

  return g_strconcat (RH_PAGE_URI_PREFIX, path, "#q-", escaped_id, NULL);
}

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (html, escaped);
}

static char *
render_answer (RhPageRenderer   *self,
               RhQuestion       *question,
               RhPageRenderFlags flags)
{
  g_autoptr (GError) error = NULL;
  const char        *answer;
  char              *html;

  answer = rh_question_get_answer (question);

  if ((flags & RH_PAGE_RENDER_STANDALONE) != 0)
    html = rh_markdown_render_standalone (answer, strlen (answer), self->highlighter, &error);
  else
    {
      g_autofree char *escaped_id = g_uri_escape_string (rh_question_get_id (question), NULL, FALSE);
      g_autofree char *prefix = g_strconcat (RH_ACTION_URI_PREFIX "copy?q=", escaped_id, "&block=", NULL);

      html = rh_markdown_render_with_copy_links (answer, strlen (answer), self->highlighter, prefix, &error);
    }

  if (html == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (answer, -1);

      g_warning ("Cannot render the answer to “%s”: %s", rh_question_get_id (question), error->message);
      html = g_strdup_printf ("<pre class=\"unrendered\">%s</pre>", escaped);
    }

  return html;
}

/**
 * rh_page_renderer_render_answer:
 *
 * Returns: (transfer full): the answer as an HTML fragment, as a
 *   standalone page shows it; a Markdown failure renders as escaped
 *   text rather than losing the answer
 */
char *
rh_page_renderer_render_answer (RhPageRenderer *self,
                                RhQuestion     *question)
{
  g_return_val_if_fail (RH_IS_PAGE_RENDERER (self), NULL);
  g_return_val_if_fail (RH_IS_QUESTION (question), NULL);

  rh_code_highlighter_reset_budget (self->highlighter);
  return render_answer (self, question, RH_PAGE_RENDER_STANDALONE);
}

static void
append_question (RhPageRenderer   *self,
                 GString          *html,
                 RhSubtopic       *subtopic,
                 RhQuestion       *question,
                 RhPageRenderFlags flags)
{
  RhDifficulty     difficulty = rh_question_get_difficulty (question);
  const char      *text = rh_question_get_question (question);
  g_autofree char *escaped_id = g_markup_escape_text (rh_question_get_id (question), -1);
  g_autofree char *title = rh_markdown_render_inline (text, strlen (text), NULL);
  g_autofree char *answer = render_answer (self, question, flags);

  g_string_append_printf (html, "<section class=\"question\" id=\"q-%s\">\n<header>\n", escaped_id);
  g_string_append (html, "<h2>");
  if (title != NULL)
    g_string_append (html, title);
  else
    append_escaped (html, text);
  g_string_append (html, "</h2>\n");
  g_string_append_printf (html, "<span class=\"badge %s\">", rh_difficulty_to_string (difficulty));
  append_escaped (html, rh_difficulty_to_label (difficulty));
  g_string_append (html, "</span>\n");

  /* A link into the app, so the star works with no script at all. */
  if ((flags & RH_PAGE_RENDER_STANDALONE) == 0 && self->bookmark_lookup != NULL)
    {
      gboolean         active = self->bookmark_lookup (rh_subtopic_get_path (subtopic), rh_question_get_id (question),
                                                       self->bookmark_lookup_data);
      g_autofree char *escaped_uri_id = g_uri_escape_string (rh_question_get_id (question), NULL, FALSE);
      g_autofree char *uri_id = g_markup_escape_text (escaped_uri_id, -1);
      g_autofree char *label = g_markup_escape_text (active ? _ ("Remove Bookmark") : _ ("Bookmark"), -1);

      g_string_append_printf (html, "<a class=\"star%s\" role=\"button\" href=\"" RH_ACTION_URI_PREFIX "bookmark?q=%s\" "
                                    "title=\"%s\" aria-label=\"%s\" aria-pressed=\"%s\">%s</a>\n",
                              active ? " active" : "", uri_id, label, label, active ? "true" : "false",
                              active ? "★" : "☆");
    }

  g_string_append (html, "</header>\n<div class=\"answer\">\n");
  g_string_append (html, answer);
  g_string_append (html, "</div>\n</section>\n");
}

/* A part of the breadcrumb, a link into the index when there is one. */
static void
append_crumb (GString    *html,
              const char *title,
              const char *index_href,
              const char *anchor)
{
  if (index_href == NULL)
    {
      append_escaped (html, title);
      return;
    }

  g_string_append (html, "<a href=\"");
  append_escaped (html, index_href);
  if (anchor != NULL)
    {
      g_string_append_c (html, '#');
      append_escaped (html, anchor);
    }
  g_string_append (html, "\">");
  append_escaped (html, title);
  g_string_append (html, "</a>");
}

/**
 * rh_page_study_link_for_path:
 *
 * Returns: (transfer full): the app link that starts studying a page
 */
char *
rh_page_study_link_for_path (const char *path)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);

  return g_strconcat (RH_ACTION_URI_PREFIX "study?scope=", escaped, NULL);
}

static void
append_head (RhPageRenderer   *self,
             GString          *html,
             const char       *title,
             RhPageRenderFlags flags)
{
  gboolean standalone = (flags & RH_PAGE_RENDER_STANDALONE) != 0;

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n<html class=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"color-scheme\" content=\"light dark\">\n",
                          (flags & RH_PAGE_RENDER_DARK) ? "dark" : (standalone ? "" : "light"),
                          standalone ? STANDALONE_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
  g_string_append (html, "<title>");
  append_escaped (html, title);
  g_string_append (html, "</title>\n");

  if (standalone)
    g_string_append_printf (html, "<style>\n%s\n</style>\n", rh_page_renderer_get_stylesheet (self));
  else
    g_string_append_printf (html, "<link rel=\"stylesheet\" href=\"" RH_RESOURCE_URI_PREFIX "page.css?v=%u\">\n",
                            self->stylesheet_serial);
}

/**
 * rh_page_renderer_render_card:
 * @question: a question of the library
 * @show_answer: whether the answer shows, or only the question
 *
 * One question as a study card: the page's breadcrumb, the question
 * and its difficulty, and the answer once revealed, highlighted as on
 * its page. There are no stars or copy links: the card has nothing to
 * click.
 *
 * Returns: (transfer full): the card as a complete HTML document
 */
char *
rh_page_renderer_render_card (RhPageRenderer   *self,
                              RhQuestion       *question,
                              gboolean          show_answer,
                              RhPageRenderFlags flags)
{
  RhSubtopic      *subtopic;
  RhTopic         *topic;
  RhFramework     *framework;
  RhDifficulty     difficulty;
  const char      *text;
  g_autofree char *title = NULL;
  GString         *html;

  g_return_val_if_fail (RH_IS_PAGE_RENDERER (self), NULL);
  g_return_val_if_fail (RH_IS_QUESTION (question), NULL);

  subtopic = rh_question_get_subtopic (question);
  topic = subtopic ? rh_subtopic_get_topic (subtopic) : NULL;
  framework = topic ? rh_topic_get_framework (topic) : NULL;
  difficulty = rh_question_get_difficulty (question);
  text = rh_question_get_question (question);
  title = rh_markdown_render_inline (text, strlen (text), NULL);

  html = g_string_sized_new (8192);
  append_head (self, html, text, flags);
  g_string_append (html, "</head>\n<body class=\"app study\">\n<main class=\"page\">\n");

  if (framework != NULL)
    {
      g_string_append (html, "<nav class=\"breadcrumb\" aria-label=\"");
      append_escaped (html, _ ("Breadcrumb"));
      g_string_append (html, "\">");
      append_escaped (html, rh_framework_get_title (framework));
      g_string_append (html, " <span class=\"separator\">›</span> ");
      append_escaped (html, rh_topic_get_title (topic));
      g_string_append (html, " <span class=\"separator\">›</span> ");
      append_escaped (html, rh_subtopic_get_title (subtopic));
      g_string_append (html, "</nav>\n");
    }

  g_string_append (html, "<section class=\"question card\">\n<header>\n<h2>");
  if (title != NULL)
    g_string_append (html, title);
  else
    append_escaped (html, text);
  g_string_append (html, "</h2>\n");
  g_string_append_printf (html, "<span class=\"badge %s\">", rh_difficulty_to_string (difficulty));
  append_escaped (html, rh_difficulty_to_label (difficulty));
  g_string_append (html, "</span>\n</header>\n");

  if (show_answer)
    {
      g_autofree char *answer = render_answer (self, question, RH_PAGE_RENDER_STANDALONE);

      g_string_append (html, "<div class=\"answer\">\n");
      g_string_append (html, answer);
      g_string_append (html, "</div>\n");
    }

  g_string_append (html, "</section>\n</main>\n</body>\n</html>\n");

  return g_string_free (html, FALSE);
}

/**
 * rh_page_renderer_render:
 *
 * Returns: (transfer full): the page as a complete HTML document
 */
char *
rh_page_renderer_render (RhPageRenderer   *self,
                         RhSubtopic       *subtopic,
                         RhPageRenderFlags flags)
{
  return rh_page_renderer_render_with_index (self, subtopic, flags, NULL);
}

/**
 * rh_page_renderer_render_with_index:
 * @index_href: (nullable): where the library's index is, relative to the
 *   page, such as `../../index.html`
 *
 * Like rh_page_renderer_render(); with @index_href the breadcrumb starts
 * with a link to the index, and its framework and topic link to their
 * places in it: `#FRAMEWORK` and `#FRAMEWORK/TOPIC`, by slug.
 *
 * Returns: (transfer full): the page as a complete HTML document
 */
char *
rh_page_renderer_render_with_index (RhPageRenderer   *self,
                                    RhSubtopic       *subtopic,
                                    RhPageRenderFlags flags,
                                    const char       *index_href)
{
  GString     *html;
  RhTopic     *topic;
  RhFramework *framework;
  gboolean     standalone = (flags & RH_PAGE_RENDER_STANDALONE) != 0;

  g_return_val_if_fail (RH_IS_PAGE_RENDERER (self), NULL);
  g_return_val_if_fail (RH_IS_SUBTOPIC (subtopic), NULL);

  topic = rh_subtopic_get_topic (subtopic);
  framework = topic ? rh_topic_get_framework (topic) : NULL;
  rh_code_highlighter_reset_budget (self->highlighter);

  html = g_string_sized_new (16384);
  append_head (self, html, rh_subtopic_get_title (subtopic), flags);

  g_string_append_printf (html, "</head>\n<body class=\"%s\">\n<main class=\"page\">\n",
                          standalone ? "standalone" : "app");

  if (framework != NULL && topic != NULL)
    {
      g_autofree char *topic_anchor = g_strdup_printf ("%s/%s", rh_framework_get_slug (framework),
                                                       rh_topic_get_slug (topic));

      g_string_append (html, "<nav class=\"breadcrumb\" aria-label=\"");
      append_escaped (html, _ ("Breadcrumb"));
      g_string_append (html, "\">");
      if (index_href != NULL)
        {
          append_crumb (html, _ ("Library"), index_href, NULL);
          g_string_append (html, " <span class=\"separator\">›</span> ");
        }
      append_crumb (html, rh_framework_get_title (framework), index_href, rh_framework_get_slug (framework));
      g_string_append (html, " <span class=\"separator\">›</span> ");
      append_crumb (html, rh_topic_get_title (topic), index_href, topic_anchor);
      g_string_append (html, "</nav>\n");
    }

  g_string_append (html, "<h1>");
  append_escaped (html, rh_subtopic_get_title (subtopic));
  g_string_append (html, "</h1>\n");

  if (rh_subtopic_get_summary (subtopic) != NULL && *rh_subtopic_get_summary (subtopic))
    {
      g_string_append (html, "<p class=\"summary\">");
      append_escaped (html, rh_subtopic_get_summary (subtopic));
      g_string_append (html, "</p>\n");
    }

  if (!rh_subtopic_get_available (subtopic))
    {
      g_string_append (html, "<p class=\"empty\">");
      append_escaped (html, _ ("This page is not in your library. Open its file to read it."));
      g_string_append (html, "</p>\n");
    }

  /* A plain link into the app, as the stars are: the page has no script. */
  if (!standalone && rh_subtopic_get_available (subtopic) && rh_subtopic_get_n_questions (subtopic) > 0)
    {
      g_autofree char *link = rh_page_study_link_for_path (rh_subtopic_get_path (subtopic));
      g_autofree char *escaped_link = g_markup_escape_text (link, -1);

      g_string_append_printf (html, "<p class=\"page-actions\"><a class=\"study-link\" role=\"button\" href=\"%s\">",
                              escaped_link);
      append_escaped (html, _ ("Study This Page"));
      g_string_append (html, "</a></p>\n");
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (subtopic)); i++)
    {
      g_autoptr (RhQuestion) question = g_list_model_get_item (G_LIST_MODEL (subtopic), i);

      append_question (self, html, subtopic, question, flags);
    }

  g_string_append (html, "</main>\n</body>\n</html>\n");

  return g_string_free (html, FALSE);
}
