/* test-background-load.c
 *
 * A library too large to read before the window: the window comes
 * first, with none of it, reopens a page as soon as there is one, says
 * what a search typed meanwhile waits for (Down there leaves the
 * keyboard in the entry) and answers it once the library is in and
 * indexed; the next start has all of it at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-content-dirs.h"
#include "rh-library.h"
#include "rh-search-panel.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

/* About 12 MB in the site's payload form: three times what is read
 * before the window. */
#define N_QUESTIONS 8000

typedef struct
{
  guint n_questions_at_window;
  guint n_windows;
} WindowWatch;

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 WindowWatch    *watch)
{
  RhLibrary *library = rh_application_get_library (RH_APPLICATION (application));

  watch->n_questions_at_window = rh_library_get_n_questions (library);
  watch->n_windows++;
}

static gboolean
has_window (gpointer data)
{
  return gtk_application_get_active_window (GTK_APPLICATION (data)) != NULL;
}

static RhApplication *
start (WindowWatch *watch)
{
  static guint       n_started;
  g_autoptr (GError) error = NULL;
  g_autofree char   *id = g_strdup_printf ("%s.BackgroundLoad%u", APP_ID, ++n_started);
  RhApplication     *application = rh_application_new ();

  *watch = (WindowWatch){ 0 };
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), watch);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (application));
  g_assert_true (rh_ui_test_wait_until (has_window, application, 10000));
  g_assert_cmpuint (watch->n_windows, ==, 1);

  return application;
}

static gboolean
loaded (gpointer data)
{
  return !rh_application_get_library_loading (data);
}

static gboolean
search_ready (gpointer data)
{
  return rh_application_get_search_index (data) != NULL;
}

static gboolean
page_shown (gpointer data)
{
  WebKitWebView *web_view = data;

  return webkit_web_view_get_uri (web_view) != NULL && !webkit_web_view_is_loading (web_view);
}

static gboolean
has_results (gpointer data)
{
  GListModel *results = rh_search_panel_get_results (data);

  return results != NULL && g_list_model_get_n_items (results) > 0;
}

static GtkStack *
find_results_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "preparing") != NULL)
    return GTK_STACK (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_results_stack (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_before_library (void)
{
  WindowWatch      watch;
  RhApplication   *application = start (&watch);
  RhWindow        *window = rh_ui_test_get_window (application);
  RhLibrary       *library = rh_application_get_library (application);
  WebKitWebView   *web_view = rh_ui_test_get_web_view (window);
  RhSearchPanel   *panel = RH_SEARCH_PANEL (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_SEARCH_PANEL));
  GtkStack        *stack = find_results_stack (GTK_WIDGET (panel));
  g_autofree char *cache_file = rh_content_dirs_get_cache_file ();
  GStatBuf         cached, rewritten;
  double           fraction = -1;

  /* Nothing cached yet: the window came before any of the library. */
  g_assert_cmpuint (watch.n_questions_at_window, ==, 0);
  g_assert_true (rh_application_get_library_loading (application));
  g_assert_nonnull (stack);

  /* A search typed now waits, and says for what. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  rh_search_panel_set_text (panel, "deadlock");
  rh_ui_test_wait_ms (400);
  g_assert_null (rh_search_panel_get_results (panel));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "preparing");

  /* Down has no results to go to yet: the typing goes on in the entry. */
  if (rh_ui_test_can_send_keys ())
    {
      rh_ui_test_send_keys (GTK_WINDOW (window), "Down End BackSpace");
      g_assert_cmpstr (rh_search_panel_get_text (panel), ==, "deadloc");
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "preparing");
    }

  /* A page is open before the library is all in. */
  g_assert_true (rh_ui_test_wait_until (page_shown, web_view, 20000));
  g_test_message ("first page %s with %u of %u questions in", webkit_web_view_get_uri (web_view),
                  rh_library_get_n_questions (library), N_QUESTIONS);

  g_assert_true (rh_ui_test_wait_until (loaded, application, 60000));
  g_object_get (application, "library-load-fraction", &fraction, NULL);
  g_assert_cmpfloat (fraction, ==, 1.0);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, N_QUESTIONS);

  /* The search typed while it loaded is answered once it is indexed. */
  g_assert_true (rh_ui_test_wait_until (search_ready, application, 60000));
  g_assert_true (rh_ui_test_wait_until (has_results, panel, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "results");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);

  /* The next start finds every file in the cache: the first few
   * megabytes of it are there before the window, as a small library
   * would be, and the rest joins behind it from the cache, not parsed:
   * the cache is not written again. */
  g_assert_cmpint (g_stat (cache_file, &cached), ==, 0);
  application = start (&watch);
  g_assert_cmpuint (watch.n_questions_at_window, >, 0);
  g_assert_cmpuint (watch.n_questions_at_window, <, N_QUESTIONS);
  g_assert_true (rh_ui_test_wait_until (loaded, application, 10000));
  g_assert_cmpuint (rh_library_get_n_questions (rh_application_get_library (application)), ==, N_QUESTIONS);
  g_assert_cmpint (g_stat (cache_file, &rewritten), ==, 0);
  g_assert_cmpuint (rewritten.st_ino, ==, cached.st_ino);
  gtk_window_destroy (GTK_WINDOW (rh_ui_test_get_window (application)));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *home = NULL;
  g_autofree char   *content = NULL;
  int                status;

  home = rh_test_use_temporary_home ("background-load");
  content = g_build_filename (home, "content", NULL);
  g_assert_true (rh_synthetic_write_library (content, N_QUESTIONS, 11, NULL, &error));
  g_assert_no_error (error);
  g_setenv ("REHEARSE_CONTENT_DIR", content, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  rh_ui_test_reset_settings ();

  g_test_add_func ("/background-load/window-before-library", test_window_before_library);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
