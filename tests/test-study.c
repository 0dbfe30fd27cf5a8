/* test-study.c
 *
 * Bookmarks and search in the real window under Xvfb: Ctrl+D, a restart,
 * the Bookmarks entry, and search from keystroke to highlighted page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"
#include "rh-search-panel.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

#define MULTIPROCESSING_URI "rehearse://library/python/concurrency/multiprocessing"

static char *data_home;

/* Presses a key in the window, as the keyboard would. */
static void
press (RhWindow       *window,
       guint           keyval,
       GdkModifierType modifiers)
{
  GtkWidget                     *widget = GTK_WIDGET (window);
  g_autoptr (GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GListModel                    *controllers = gtk_widget_observe_controllers (widget);
  gboolean                       handled = FALSE;

  /* The window's class shortcuts hold the bindings; find the one this
   * key triggers and activate it the way GTK would. */
  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; !handled && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_object_unref (controllers);

  g_assert_true (handled);
}

static GListModel *
bookmarks_of (RhApplication *application)
{
  return rh_state_list_bookmarks (rh_application_get_state (application));
}

static gboolean
has_bookmarks (gpointer data)
{
  g_autoptr (GListModel) bookmarks = bookmarks_of (data);

  return g_list_model_get_n_items (bookmarks) > 0;
}

static gboolean
star_is_active (gpointer data)
{
  g_autofree char *active = rh_ui_test_evaluate (data, "String(document.querySelector('#q-process-vs-pool .star').classList.contains('active'))");

  return g_str_equal (active, "true");
}

/* The row under the Bookmarks entry, found as a user would: open the
 * entry and look at its rows. */
static RhBookmark *
find_bookmark_row (RhWindow *window)
{
  GtkListView *list_view = GTK_LIST_VIEW (rh_ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW));
  GListModel  *rows = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (GObject)        item = gtk_tree_list_row_get_item (row);

      if (RH_IS_BOOKMARKS_FOLDER (item))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (RH_IS_BOOKMARK (item))
        return g_object_ref (RH_BOOKMARK (item));
    }

  return NULL;
}

static void
test_bookmark_survives_restart (void)
{
  RhApplication         *application;
  RhWindow              *window;
  WebKitWebView         *web_view;
  g_autoptr (RhBookmark) bookmark = NULL;

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);

  g_assert_true (rh_ui_test_select_row (window, "process-vs-pool"));
  g_assert_true (rh_ui_test_wait_for_load (web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
  g_assert_false (star_is_active (web_view));

  press (window, GDK_KEY_d, GDK_CONTROL_MASK);
  g_assert_true (rh_ui_test_wait_until (has_bookmarks, application, 5000));
  g_assert_true (rh_ui_test_wait_until (star_is_active, web_view, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);

  /* A new start reads the same database. */
  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  bookmark = find_bookmark_row (window);
  g_assert_nonnull (bookmark);
  g_assert_cmpstr (rh_question_ref_get_path (rh_bookmark_get_ref (bookmark)), ==, "/python/concurrency/multiprocessing");
  g_assert_cmpstr (rh_question_ref_get_question_id (rh_bookmark_get_ref (bookmark)), ==, "process-vs-pool");
  g_assert_false (rh_bookmark_get_missing (bookmark));

  /* It opens its question, with the star lit. */
  g_assert_true (rh_ui_test_select_row (window, "process-vs-pool"));
  g_assert_true (rh_ui_test_wait_for_load (web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
  g_assert_true (star_is_active (web_view));

  /* The star in the page toggles it off again. */
  g_signal_emit_by_name (rh_ui_test_find_widget (GTK_WIDGET (window), g_type_from_name ("RhPageView")),
                         "action-link", "rehearse://action/bookmark?q=process-vs-pool");
  g_assert_false (has_bookmarks (application));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

static gboolean
search_is_ready (gpointer data)
{
  gboolean ready;

  g_object_get (data, "search-ready", &ready, NULL);

  return ready;
}

static gboolean
has_results (gpointer data)
{
  GListModel *results = rh_search_panel_get_results (data);

  return results != NULL && g_list_model_get_n_items (results) > 0;
}

static gboolean
page_has_marks (gpointer data)
{
  g_autofree char *count = rh_ui_test_evaluate (data, "String(document.querySelectorAll('mark.search-hit').length)");

  return atoi (count) > 0;
}

static void
test_search_opens_highlighted_question (void)
{
  RhApplication            *application = rh_ui_test_start_application ();
  RhWindow                 *window = rh_ui_test_get_window (application);
  WebKitWebView            *web_view = rh_ui_test_get_web_view (window);
  RhSearchPanel            *panel = RH_SEARCH_PANEL (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_SEARCH_PANEL));
  g_autoptr (GObject)       first = NULL;
  g_autoptr (RhQuestionRef) ref = NULL;
  GtkWidget                *focus;

  g_assert_true (rh_ui_test_wait_until (search_is_ready, application, 20000));
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  press (window, GDK_KEY_k, GDK_CONTROL_MASK);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (panel)));

  /* Typed a letter at a time: every prefix is a query of its own. */
  rh_search_panel_set_text (panel, "mul");
  rh_search_panel_set_text (panel, "multipro");
  rh_search_panel_set_text (panel, "multiprocessing pool");
  g_assert_true (rh_ui_test_wait_until (has_results, panel, 10000));

  first = g_list_model_get_item (rh_search_panel_get_results (panel), 0);
  g_object_get (first, "ref", &ref, NULL);
  g_assert_cmpstr (rh_question_ref_get_path (ref), ==, "/python/concurrency/multiprocessing");

  /* Enter opens the best result, with the words marked in the page. */
  g_signal_emit_by_name (rh_ui_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_SEARCH_ENTRY), "activate");
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (web_view), MULTIPROCESSING_URI "#q-"));
  g_assert_true (rh_ui_test_wait_until (page_has_marks, web_view, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A fresh home for the study data and the index of this run. */
  data_home = rh_test_use_temporary_home ("study");

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/study/bookmark-survives-restart", test_bookmark_survives_restart);
  g_test_add_func ("/study/search-opens-highlighted-question", test_search_opens_highlighted_question);

  status = g_test_run ();
  rh_test_remove_tree (data_home);
  g_free (data_home);

  return status;
}
