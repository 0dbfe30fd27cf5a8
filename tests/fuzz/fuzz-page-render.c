/* fuzz-page-render.c
 *
 * Content bytes, loaded into a library, each page rendered as the app
 * shows it (with stars and copy buttons) and as the export writes it
 * (standalone, dark): every document is balanced, inert and valid
 * UTF-8, and shows every question of its page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rh-content-file.h"
#include "rh-library.h"
#include "rh-page-renderer.h"

const char fuzz_harness_name[] = "page-render";

static gboolean
every_other_bookmarked (const char *path,
                        const char *question_id,
                        gpointer    user_data)
{
  return strlen (question_id) % 2 == 0;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static void
render_subtopic (RhPageRenderer *renderer,
                 RhSubtopic     *subtopic)
{
  static const RhPageRenderFlags modes[] = { RH_PAGE_RENDER_DEFAULT, RH_PAGE_RENDER_STANDALONE | RH_PAGE_RENDER_DARK };
  guint                          n_questions = g_list_model_get_n_items (G_LIST_MODEL (subtopic));

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      gboolean         standalone = (modes[i] & RH_PAGE_RENDER_STANDALONE) != 0;
      g_autofree char *html = rh_page_renderer_render (renderer, subtopic, modes[i]);

      fuzz_check (html != NULL, "no HTML for %s", rh_subtopic_get_path (subtopic));
      fuzz_check_html (html, FUZZ_HTML_DOCUMENT | (standalone ? FUZZ_HTML_STANDALONE : FUZZ_HTML_COPY_LINKS | FUZZ_HTML_STARS));
      fuzz_check (count (html, "<section class=\"question\"") == n_questions,
                  "%s: %u questions but %u sections", rh_subtopic_get_path (subtopic), n_questions,
                  count (html, "<section class=\"question\""));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static RhPageRenderer *renderer;
  g_autoptr (GBytes)     bytes = g_bytes_new (data, size);
  g_autoptr (GPtrArray)  pages = NULL;
  g_autoptr (RhLibrary)  library = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GPtrArray)  paths = NULL;

  fuzz_init ();
  if (renderer == NULL)
    {
      renderer = rh_page_renderer_new ();
      rh_page_renderer_set_bookmark_lookup (renderer, every_other_bookmarked, NULL, NULL);
    }

  pages = rh_content_file_load_bytes (bytes, "fuzz.json", NULL);
  if (pages == NULL)
    return 0;

  /* The library takes the questions from the pages, so the paths to
   * render are noted first. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      for (guint j = 0; j <= page->siblings->len; j++)
        {
          const char *path = j == 0 ? page->path : g_array_index (page->siblings, RhSiblingData, j - 1).path;
          char       *copy;

          if (g_hash_table_contains (seen, path))
            continue;
          copy = g_strdup (path);
          g_hash_table_add (seen, copy);
          g_ptr_array_add (paths, copy);
        }
    }

  library = rh_library_new ();
  rh_library_add_pages (library, pages);

  for (guint i = 0; i < paths->len; i++)
    {
      RhSubtopic *subtopic = rh_library_lookup_subtopic (library, g_ptr_array_index (paths, i));

      fuzz_check (subtopic != NULL, "%s is not in the library it was added to", (char *) g_ptr_array_index (paths, i));
      render_subtopic (renderer, subtopic);
    }

  return 0;
}
