/* rh-export.c
 *
 * `rehearse --export-html`: every page as a standalone HTML file, styles
 * inlined, with an index of the tree, for printing and sharing. Each
 * page's breadcrumb leads back into the index by relative links, so the
 * folder reads the same wherever it is put or served.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "rh-export.h"
#include "rh-framework.h"

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

/* Page paths are validated slugs, so they map to file names safely. */
static char *
relative_file_for_path (const char *path)
{
  return g_strconcat (path + 1, ".html", NULL);
}

/* `index.html` as seen from @relative, a file under the export folder:
 * one `../` for each folder it is in.
 */
static char *
index_href_for_file (const char *relative)
{
  GString *href = g_string_new (NULL);

  for (const char *p = relative; *p != '\0'; p++)
    {
      if (*p == '/')
        g_string_append (href, "../");
    }
  g_string_append (href, "index.html");

  return g_string_free (href, FALSE);
}

static gboolean
write_page (RhPageRenderer *renderer,
            RhSubtopic     *subtopic,
            const char     *directory,
            GError        **error)
{
  g_autofree char *relative = relative_file_for_path (rh_subtopic_get_path (subtopic));
  g_autofree char *index_href = index_href_for_file (relative);
  g_autofree char *file = g_build_filename (directory, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (file);
  g_autofree char *html = NULL;

  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", parent, g_strerror (saved_errno));
      return FALSE;
    }

  html = rh_page_renderer_render_with_index (renderer, subtopic, RH_PAGE_RENDER_STANDALONE, index_href);

  return g_file_set_contents (file, html, -1, error);
}

static void
index_begin (GString        *index,
             RhPageRenderer *renderer)
{
  g_string_append (index, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
  append_escaped (index, _ ("Rehearse Library"));
  g_string_append_printf (index, "</title>\n<style>\n%s\n</style>\n</head>\n<body class=\"standalone\">\n"
                                 "<main class=\"page index\">\n<h1>",
                          rh_page_renderer_get_stylesheet (renderer));
  append_escaped (index, _ ("Library"));
  g_string_append (index, "</h1>\n");
}

/**
 * rh_export_html:
 * @out_n_pages: (out) (optional): how many pages were written
 *
 * Writes each available page of @library, and `index.html`, into
 * @directory.
 *
 * Returns: %TRUE if every file was written
 */
gboolean
rh_export_html (RhLibrary      *library,
                RhPageRenderer *renderer,
                const char     *directory,
                guint          *out_n_pages,
                GError        **error)
{
  g_autoptr (GString) index = g_string_new (NULL);
  g_autofree char    *index_file = NULL;
  guint               n_pages = 0;

  g_return_val_if_fail (RH_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (RH_IS_PAGE_RENDERER (renderer), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  index_begin (index, renderer);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr (RhFramework) framework = g_list_model_get_item (G_LIST_MODEL (library), i);

      /* The pages' breadcrumbs link here, by slug. */
      g_string_append (index, "<section class=\"framework\" id=\"");
      append_escaped (index, rh_framework_get_slug (framework));
      g_string_append (index, "\">\n<h2>");
      append_escaped (index, rh_framework_get_title (framework));
      g_string_append (index, "</h2>\n");

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (framework)); j++)
        {
          g_autoptr (RhTopic) topic = g_list_model_get_item (G_LIST_MODEL (framework), j);

          g_string_append (index, "<h3 id=\"");
          append_escaped (index, rh_framework_get_slug (framework));
          g_string_append_c (index, '/');
          append_escaped (index, rh_topic_get_slug (topic));
          g_string_append (index, "\">");
          append_escaped (index, rh_topic_get_title (topic));
          g_string_append (index, "</h3>\n<ul>\n");

          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (topic)); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), k);
              g_autofree char       *relative = NULL;
              g_autofree char       *escaped_relative = NULL;

              if (!rh_subtopic_get_available (subtopic))
                {
                  g_string_append (index, "<li class=\"unavailable\">");
                  append_escaped (index, rh_subtopic_get_title (subtopic));
                  g_string_append (index, "</li>\n");
                  continue;
                }

              if (!write_page (renderer, subtopic, directory, error))
                return FALSE;
              n_pages++;

              relative = relative_file_for_path (rh_subtopic_get_path (subtopic));
              escaped_relative = g_markup_escape_text (relative, -1);
              g_string_append_printf (index, "<li><a href=\"%s\">", escaped_relative);
              append_escaped (index, rh_subtopic_get_title (subtopic));
              g_string_append_printf (index, "</a> <span class=\"count\">%u</span></li>\n",
                                      rh_subtopic_get_n_questions (subtopic));
            }
          g_string_append (index, "</ul>\n");
        }
      g_string_append (index, "</section>\n");
    }

  g_string_append (index, "</main>\n</body>\n</html>\n");

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", directory, g_strerror (saved_errno));
      return FALSE;
    }

  index_file = g_build_filename (directory, "index.html", NULL);
  if (!g_file_set_contents (index_file, index->str, index->len, error))
    return FALSE;

  if (out_n_pages != NULL)
    *out_n_pages = n_pages;

  return TRUE;
}
