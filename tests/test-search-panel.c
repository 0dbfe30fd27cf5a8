/* test-search-panel.c
 *
 * The real window's search panel when a search finds nothing: a typo
 * offers the search it meant ("Did you mean …?"), one click on the
 * button searches that and shows its results; a search that finds
 * something, or one with nothing near, offers nothing; and typing
 * again takes the offer back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-ref.h"
#include "rh-search-panel.h"
#include "rh-search-result.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

static gboolean
search_is_ready (gpointer data)
{
  gboolean ready;

  g_object_get (data, "search-ready", &ready, NULL);

  return ready;
}

typedef struct
{
  RhSearchPanel *panel;
  const char    *text;
} Searched;

/* The stack of the hint, the results and "No Results", among the
 * others that drop-downs and popovers have. */
static GtkStack *
find_results_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "hint") != NULL &&
      gtk_stack_get_child_by_name (GTK_STACK (root), "results") != NULL &&
      gtk_stack_get_child_by_name (GTK_STACK (root), "empty") != NULL)
    return GTK_STACK (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_results_stack (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The results of @text are shown: its query came back. */
static gboolean
results_shown (gpointer data)
{
  Searched   *searched = data;
  GListModel *results = rh_search_panel_get_results (searched->panel);
  GtkStack   *stack = find_results_stack (GTK_WIDGET (searched->panel));
  const char *page = gtk_stack_get_visible_child_name (stack);

  return results != NULL && g_str_equal (rh_search_panel_get_text (searched->panel), searched->text) &&
         g_strcmp0 (page, g_list_model_get_n_items (results) > 0 ? "results" : "empty") == 0;
}

static gboolean
has_suggestion (gpointer data)
{
  return rh_search_panel_get_suggestion (data) != NULL;
}

static GtkButton *
find_suggestion_button (RhSearchPanel *panel)
{
  GtkWidget *status_page = gtk_stack_get_child_by_name (find_results_stack (GTK_WIDGET (panel)), "empty");
  GtkWidget *button = rh_ui_test_find_widget (status_page, GTK_TYPE_BUTTON);

  g_assert_nonnull (button);

  return GTK_BUTTON (button);
}

static void
search (RhSearchPanel *panel,
        const char    *text)
{
  Searched searched = { panel, text };

  rh_search_panel_set_text (panel, text);
  g_assert_true (rh_ui_test_wait_until (results_shown, &searched, 10000));
}

static void
test_did_you_mean (void)
{
  RhApplication             *application = rh_ui_test_start_application ();
  RhWindow                  *window = rh_ui_test_get_window (application);
  RhSearchPanel             *panel = RH_SEARCH_PANEL (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_SEARCH_PANEL));
  GtkButton                 *button = find_suggestion_button (panel);
  GtkLabel                  *label = GTK_LABEL (gtk_button_get_child (button));
  g_autoptr (RhSearchResult) first = NULL;
  Searched                   suggested = { panel, "multiprocessing" };

  g_assert_true (rh_ui_test_wait_until (search_is_ready, application, 20000));

  /* Ctrl+K: the sidebar shows the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));

  /* Found: nothing to offer, and nothing is looked for. */
  search (panel, "multiprocessing");
  g_assert_cmpuint (g_list_model_get_n_items (rh_search_panel_get_results (panel)), >, 0);
  rh_ui_test_wait_ms (200);
  g_assert_null (rh_search_panel_get_suggestion (panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  /* A typo: no results, and the search meant on a button. */
  search (panel, "multiprocesing");
  g_assert_cmpuint (g_list_model_get_n_items (rh_search_panel_get_results (panel)), ==, 0);
  g_assert_true (rh_ui_test_wait_until (has_suggestion, panel, 10000));
  g_assert_cmpstr (rh_search_panel_get_suggestion (panel), ==, "multiprocessing");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Did you mean “multiprocessing”?");

  /* One click searches it. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (rh_search_panel_get_text (panel), ==, "multiprocessing");
  g_assert_true (rh_ui_test_wait_until (results_shown, &suggested, 10000));
  first = g_list_model_get_item (rh_search_panel_get_results (panel), 0);
  g_assert_cmpstr (rh_question_ref_get_path (rh_search_result_get_ref (first)), ==, "/python/concurrency/multiprocessing");
  g_assert_null (rh_search_panel_get_suggestion (panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  /* Typing again takes an offer back at once, before its search. */
  search (panel, "rebasng");
  g_assert_true (rh_ui_test_wait_until (has_suggestion, panel, 10000));
  g_assert_cmpstr (rh_search_panel_get_suggestion (panel), ==, "rebasing");
  rh_search_panel_set_text (panel, "rebasngx");
  g_assert_null (rh_search_panel_get_suggestion (panel));

  /* Nothing near: only "No Results". */
  search (panel, "zeppelin");
  rh_ui_test_wait_ms (300);
  g_assert_null (rh_search_panel_get_suggestion (panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int              status;

  /* A fresh home for the study data and the index of this run. */
  home = rh_test_use_temporary_home ("search-panel");

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-panel/did-you-mean", test_did_you_mean);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
