/* test-search-panel.c
 *
 * The real window's search panel when a search finds nothing: a typo
 * offers the search it meant ("Did you mean …?"), one click on the
 * button searches that and shows its results; a search that finds
 * something, or one with nothing near, offers nothing; and typing
 * again takes the offer back; and a search that meets a damaged index
 * says it waits while the index is built again, then shows results; and
 * the framework filter follows the library and keeps what was chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "rh-content-file.h"
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

/* Garbage over every page of the index but its header page. */
static void
damage_index (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *data = NULL;
  gsize              length = 0;
  guint              page_size;
  FILE              *file;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);
  page_size = ((guint8) data[16] << 8) | (guint8) data[17];
  if (page_size == 1)
    page_size = 65536;
  for (gsize page = page_size; page + page_size <= length; page += page_size)
    memset (data + page + 64, 0x5a, page_size / 2);

  /* In place, as damage is: the index keeps the file open. */
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data, 1, length, file), ==, length);
  g_assert_cmpint (fclose (file), ==, 0);
}

typedef struct
{
  GtkStack      *stack;
  AdwStatusPage *preparing;
  GString       *seen; /* "page: description" lines */
} StackWatch;

static void
note_stack_page (GtkStack   *stack,
                 GParamSpec *pspec,
                 StackWatch *watch)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  g_string_append_printf (watch->seen, "%s: %s\n", name,
                          g_strcmp0 (name, "preparing") == 0 ? adw_status_page_get_description (watch->preparing) : "");
}

/* A search that meets a damaged index waits while it is built again,
 * and says so, then shows its results. */
static void
test_repair_shown (void)
{
  RhApplication             *application = rh_ui_test_start_application ();
  RhWindow                  *window = rh_ui_test_get_window (application);
  RhSearchPanel             *panel = RH_SEARCH_PANEL (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_SEARCH_PANEL));
  g_autoptr (RhSearchResult) first = NULL;
  g_autoptr (GString)        seen = g_string_new (NULL);
  StackWatch                 watch = { find_results_stack (GTK_WIDGET (panel)), NULL, seen };

  watch.preparing = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (watch.stack, "preparing"));
  g_assert_true (rh_ui_test_wait_until (search_is_ready, application, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  search (panel, "multiprocessing");

  damage_index (rh_search_index_get_path (rh_application_get_search_index (application)));
  g_signal_connect (watch.stack, "notify::visible-child-name", G_CALLBACK (note_stack_page), &watch);
  search (panel, "rebasing");
  g_signal_handlers_disconnect_by_func (watch.stack, note_stack_page, &watch);
  g_test_message ("panel pages while searching:\n%s", seen->str);

  g_assert_nonnull (strstr (seen->str, "preparing: Indexing the library again\n"));
  g_assert_true (g_str_has_suffix (seen->str, "results: \n"));
  first = g_list_model_get_item (rh_search_panel_get_results (panel), 0);
  g_assert_cmpstr (rh_question_ref_get_path (rh_search_result_get_ref (first)), ==, "/git/branching/rebasing");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

static void
add_framework (RhLibrary  *library,
               const char *framework,
               const char *source)
{
  g_autofree char      *slug = g_ascii_strdown (framework, -1);
  g_autofree char      *json = g_strdup_printf ("{\"page\":{\"framework\":\"%s\",\"topic\":\"T\",\"subtopic\":\"S\","
                                                     "\"path\":\"/%s/t/s\",\"questions\":[{\"id\":\"q\","
                                                     "\"difficulty\":\"easy\",\"q\":\"Why?\",\"a\":\"Because.\"}]}}",
                                                framework, slug);
  g_autoptr (GBytes)    bytes = g_bytes_new (json, strlen (json));
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_content_file_load_bytes (bytes, source, &error);

  g_assert_no_error (error);
  rh_library_add_pages (library, pages);
}

static GtkDropDown *
find_framework_dropdown (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (root));

      /* The difficulty drop-down has "Easy" second. */
      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 1 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), "Easy") != 0)
        return GTK_DROP_DOWN (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_framework_dropdown (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
describe_dropdown (GtkDropDown *dropdown)
{
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  GString       *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    g_string_append_printf (text, "%s%s%s", i > 0 ? ", " : "", gtk_string_list_get_string (names, i),
                            i == gtk_drop_down_get_selected (dropdown) ? " (chosen)" : "");

  return g_string_free (text, FALSE);
}

/* The framework filter follows the library one framework at a time, as
 * a library loading behind the window changes it, and keeps the
 * framework the user chose. */
static void
test_framework_filter_follows_library (void)
{
  g_autoptr (RhLibrary)     library = rh_library_new ();
  g_autoptr (RhSearchPanel) panel = g_object_ref_sink (g_object_new (RH_TYPE_SEARCH_PANEL, NULL));
  GtkDropDown              *dropdown;
  g_autofree char          *at_start = NULL;
  g_autofree char          *chosen = NULL;
  g_autofree char          *added = NULL;
  g_autofree char          *removed = NULL;

  add_framework (library, "Go", "/content/go.json");
  add_framework (library, "Python", "/content/python.json");
  rh_search_panel_set_sources (panel, library, NULL);
  dropdown = find_framework_dropdown (GTK_WIDGET (panel));
  g_assert_nonnull (dropdown);
  at_start = describe_dropdown (dropdown);
  g_assert_cmpstr (at_start, ==, "Any (chosen), Go, Python");

  gtk_drop_down_set_selected (dropdown, 2);
  chosen = describe_dropdown (dropdown);
  g_assert_cmpstr (chosen, ==, "Any, Go, Python (chosen)");

  add_framework (library, "Ada", "/content/ada.json");
  added = describe_dropdown (dropdown);
  g_assert_cmpstr (added, ==, "Any, Ada, Go, Python (chosen)");

  g_assert_cmpuint (rh_library_remove_source (library, "/content/go.json"), >, 0);
  removed = describe_dropdown (dropdown);
  g_assert_cmpstr (removed, ==, "Any, Ada, Python (chosen)");
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
  g_test_add_func ("/search-panel/repair-shown", test_repair_shown);
  g_test_add_func ("/search-panel/framework-filter-follows-library", test_framework_filter_follows_library);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
