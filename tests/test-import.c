/* test-import.c
 *
 * Opening content in the real window: a good file is copied into the
 * library and opened, a bad one is reported and changes nothing, both
 * survive (or not) a restart, and the Library dialog takes one out. A
 * folder with a saved web page and a bad file is summed up in one
 * dialog; a large one shows its progress. Also `--open`'s path into a
 * running instance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>

#include "rh-imports.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

static char *home;

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);

  /* A collapsed expander keeps its child out of the widget tree. */
  if (GTK_IS_EXPANDER (widget) && !gtk_expander_get_expanded (GTK_EXPANDER (widget)))
    collect_labels (gtk_expander_get_child (GTK_EXPANDER (widget)), text);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

static gboolean
has_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* The dialog's text below its heading and body: the list of files and
 * the technical details in the expander. */
static char *
get_extra_text (AdwMessageDialog *dialog)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget          *extra = adw_message_dialog_get_extra_child (dialog);

  if (extra != NULL)
    collect_labels (extra, text);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A message dialog with @heading, whose details hold @detail; closed
 * after looking. */
static gboolean
has_message_dialog (const char *heading,
                    const char *body,
                    const char *detail)
{
  AdwMessageDialog *dialog;
  g_autofree char  *extra = NULL;
  gboolean          found;

  if (!rh_ui_test_wait_until (has_dialog, NULL, 5000))
    return FALSE;

  dialog = find_message_dialog ();
  extra = get_extra_text (dialog);
  found = g_strcmp0 (adw_message_dialog_get_heading (dialog), heading) == 0 &&
          g_strcmp0 (adw_message_dialog_get_body (dialog), body) == 0 && strstr (extra, detail) != NULL;
  if (!found)
    g_printerr ("# dialog: “%s”, “%s”, “%s”\n", adw_message_dialog_get_heading (dialog),
                adw_message_dialog_get_body (dialog), extra);
  gtk_window_destroy (GTK_WINDOW (dialog));

  return found;
}

static void
test_import_and_restart (void)
{
  g_autofree char      *fixture = rh_test_write_temp ("select.json",
                                                      "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"Select\","
                                                           "\"path\":\"/go/channels/select\",\"questions\":[{\"id\":\"default-case\","
                                                           "\"difficulty\":\"easy\",\"q\":\"What does `default` do in a `select`?\","
                                                           "\"a\":\"It runs when no other case is ready, so the select never blocks.\"}]},"
                                                           "\"siblings\":[{\"subtopic\":\"Buffered channels\",\"path\":\"/go/channels/buffered\",\"order\":1},"
                                                           "{\"subtopic\":\"Select\",\"path\":\"/go/channels/select\",\"order\":2}]}",
                                                      -1);
  g_autofree char      *bad = rh_test_write_temp ("broken.json", "{\"format\":\"rehearse-pack\",\"version\":1,\"pages\":[{\"path\":\"/a/b/c\"}]}", -1);
  g_autoptr (GFile)     good_file = g_file_new_for_path (fixture);
  g_autoptr (GFile)     bad_file = g_file_new_for_path (bad);
  g_autoptr (GPtrArray) imported = NULL;
  RhApplication        *application;
  RhWindow             *window;
  WebKitWebView        *web_view;
  RhLibrary            *library;
  guint                 n_before;

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  library = rh_application_get_library (application);
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  /* A bad file is refused with its place, and changes nothing. */
  n_before = rh_library_get_n_subtopics (library);
  rh_window_import_files (window, &bad_file, 1);
  g_assert_true (has_message_dialog ("Could Not Open “broken.json”",
                                     "A page in the file is incomplete, or has a value that does not fit.",
                                     "broken.json: pages[0].framework: required field"));
  g_assert_cmpuint (rh_library_get_n_subtopics (library), ==, n_before);
  imported = rh_imports_list_files ();
  g_assert_cmpuint (imported->len, ==, 0);
  g_clear_pointer (&imported, g_ptr_array_unref);

  /* The site's own saved page has the path of a bundled page and an older
   * date: its questions show all the same, in place of the bundled
   * copy's, beside the bundled questions it does not have. */
  {
    g_autofree char  *site_page = rh_test_fixture_path ("rebasing.payload.json");
    g_autoptr (GFile) site_file = g_file_new_for_path (site_page);
    RhSubtopic       *rebasing = rh_library_lookup_subtopic (library, "/git/branching/rebasing");
    guint             n_bundled = rh_subtopic_get_n_questions (rebasing);

    rh_window_import_files (window, &site_file, 1);
    g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/git/branching/rebasing"));
    imported = rh_imports_list_files ();
    g_assert_cmpuint (imported->len, ==, 1);
    g_assert_cmpstr (rh_subtopic_get_source (rebasing), ==, g_ptr_array_index (imported, 0));
    g_clear_pointer (&imported, g_ptr_array_unref);
    g_assert_cmpstr (rh_subtopic_get_updated (rebasing), ==, "2026-05-02");
    /* Both of its questions have ids the bundled page has too. */
    g_assert_cmpuint (rh_subtopic_get_n_questions (rebasing), ==, n_bundled);
    g_assert_true (g_str_has_prefix (rh_question_get_answer (rh_subtopic_lookup_question (rebasing, "rebase-vs-merge")),
                                     "Both bring the commits of one branch into another."));
    g_assert_nonnull (rh_subtopic_lookup_question (rebasing, "force-with-lease"));
  }

  rh_window_import_files (window, &good_file, 1);
  g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/go/channels/select"));
  imported = rh_imports_list_files ();
  g_assert_cmpuint (imported->len, ==, 2);
  /* By name: rebasing.payload.json, then select.json. */
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/go/channels/select")),
                   ==, g_ptr_array_index (imported, 1));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);

  /* The copy loads at the next start, from the app's own directory. */
  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  library = rh_application_get_library (application);
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/go/channels/select")),
                   ==, g_ptr_array_index (imported, 1));
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/git/branching/rebasing")),
                   ==, g_ptr_array_index (imported, 0));

  g_assert_nonnull (rh_library_lookup_framework (library, "go"));

  /* Taking it out again: nothing is left to read in its topic, so the
   * topic and the framework go with it. */
  g_assert_cmpuint (rh_library_remove_source (library, g_ptr_array_index (imported, 1)), ==, 1);
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/select"));
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/buffered"));
  g_assert_null (rh_library_lookup_framework (library, "go"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

static void
write_file (const char *directory,
            const char *relative,
            const char *contents)
{
  g_autofree char   *path = g_build_filename (directory, relative, NULL);
  g_autofree char   *parent = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A folder with a page, a saved web page, a damaged file, the site's
 * home page (no questions) and a hidden folder, opened as `rehearse DIR`
 * or a drop would: one summary, in a dialog because a file failed. */
static void
test_import_folder (void)
{
  g_autoptr (GError)    error = NULL;
  g_autofree char      *folder = g_dir_make_tmp ("rehearse-import-folder-XXXXXX", &error);
  g_autofree char      *saved_path = rh_test_fixture_path ("rebasing.saved.html");
  g_autofree char      *saved = NULL;
  g_autoptr (GFile)     folder_file = NULL;
  g_autoptr (GPtrArray) imported = NULL;
  g_autofree char      *directory = rh_imports_get_directory ();
  g_autofree char      *html_copy = g_build_filename (directory, "git-branching-rebasing.html", NULL);
  g_autofree char      *extra = NULL;
  RhApplication        *application;
  RhWindow             *window;
  WebKitWebView        *web_view;
  RhLibrary            *library;
  AdwMessageDialog     *dialog;

  g_assert_no_error (error);
  rh_test_remove_tree (directory);
  g_file_get_contents (saved_path, &saved, NULL, &error);
  g_assert_no_error (error);
  write_file (folder, "channels/select.json",
              "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"Select\",\"path\":\"/go/channels/select\","
              "\"questions\":[{\"id\":\"default-case\",\"difficulty\":\"easy\",\"q\":\"What does `default` do?\","
              "\"a\":\"It runs when no other case is ready.\"}]}}");
  write_file (folder, "git/branching/rebasing/index.html", saved);
  write_file (folder, "broken.json", "{\"page\":{\"framework\":\"Go\",\"topic\":\"Chan");
  write_file (folder, "index.html", "<!DOCTYPE html><html><body><h1>Interview questions</h1></body></html>");
  write_file (folder, ".git/config.json", "{\"page\":{\"framework\":\"Hidden\"}}");
  folder_file = g_file_new_for_path (folder);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  library = rh_application_get_library (application);
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  rh_window_import_files (window, &folder_file, 1);
  g_assert_true (rh_ui_test_wait_until (has_dialog, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "1 File Could Not Be Opened");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "2 pages were added to the library. "
                   "1 other file in the folder holds no questions and was left out.");
  extra = get_extra_text (dialog);
  g_assert_nonnull (strstr (extra, "broken.json\nThe file is damaged or incomplete: it stops being valid JSON partway through.\n"));
  g_assert_nonnull (strstr (extra, "/broken.json: line 1, column "));
  g_assert_null (strstr (extra, "index.html"));

  /* Both pages are in, the saved web page kept as one. */
  g_assert_nonnull (rh_library_lookup_subtopic (library, "/go/channels/select"));
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/git/branching/rebasing")), ==, html_copy);
  g_assert_cmpstr (rh_subtopic_get_updated (rh_library_lookup_subtopic (library, "/git/branching/rebasing")), ==, "2026-05-02");
  imported = rh_imports_list_files ();
  g_assert_cmpuint (imported->len, ==, 2);

  /* “Open” shows the first page the folder brought. */
  adw_message_dialog_response (dialog, "open");
  g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/go/channels/select"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
  rh_test_remove_tree (directory);
  rh_test_remove_tree (folder);
}

typedef struct
{
  GtkWidget  *root;
  const char *prefix;
  char       *text;
} LabelSearch;

static gboolean
find_label (GtkWidget   *widget,
            LabelSearch *search)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), search->prefix))
    {
      g_free (search->text);
      search->text = g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, search))
      return TRUE;

  return FALSE;
}

static gboolean
shows_label (gpointer data)
{
  LabelSearch *search = data;

  return find_label (search->root, search);
}

/* A large folder: the window says how far the import has come while it
 * runs, then how many pages it added, and opens the first. */
static void
test_import_progress (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *folder = g_dir_make_tmp ("rehearse-import-large-XXXXXX", &error);
  g_autofree char   *directory = rh_imports_get_directory ();
  g_autoptr (GFile)  folder_file = NULL;
  RhApplication     *application;
  RhWindow          *window;
  WebKitWebView     *web_view;
  RhLibrary         *library;
  LabelSearch        progress = { NULL, "Importing ", NULL };
  LabelSearch        done = { NULL, "1000 pages added to the library", NULL };
  guint              n_done, n_total;

  g_assert_no_error (error);
  rh_test_remove_tree (directory);
  rh_synthetic_write_library (folder, 8000, 7, NULL, &error);
  g_assert_no_error (error);
  folder_file = g_file_new_for_path (folder);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  library = rh_application_get_library (application);
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));
  progress.root = done.root = GTK_WIDGET (window);

  rh_window_import_files (window, &folder_file, 1);
  g_assert_true (rh_ui_test_wait_until (shows_label, &progress, 10000));
  g_assert_true (sscanf (progress.text, "Importing %u of %u files…", &n_done, &n_total) == 2 ||
                 g_str_equal (progress.text, "Importing…"));
  g_assert_true (rh_ui_test_wait_until (shows_label, &done, 60000));
  g_assert_cmpuint (rh_library_get_n_subtopics (library), >=, 1000);
  g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/framework-1/topic-1/subtopic-1"));

  g_free (progress.text);
  g_free (done.text);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
  rh_test_remove_tree (directory);
  rh_test_remove_tree (folder);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      ((label != NULL && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0) ||
       (tooltip != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_library_dialog (void)
{
  GList     *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "RhLibraryDialog"))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
  const char *tooltip;
} ButtonWait;

static gboolean
has_button (gpointer data)
{
  ButtonWait *wait = data;

  return find_button (wait->root, wait->label, wait->tooltip) != NULL;
}

/* The button on screen in @root by @label or @tooltip, waited for: a
 * dialog's rows are on screen only once it is mapped. */
static GtkWidget *
wait_for_button (GtkWidget  *root,
                 const char *label,
                 const char *tooltip)
{
  ButtonWait wait = { root, label, tooltip };

  if (!rh_ui_test_wait_until (has_button, &wait, 10000))
    return NULL;

  return find_button (root, label, tooltip);
}

static gboolean
file_is_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The Library dialog takes an import out with an Undo: the page goes at
 * once and comes back with Undo; once the toast has gone, the copy is
 * deleted. */
static void
test_library_dialog_undo (void)
{
  g_autofree char      *fixture = rh_test_write_temp ("undo.json",
                                                      "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"Select\","
                                                           "\"path\":\"/go/channels/select\",\"questions\":[{\"id\":\"default-case\","
                                                           "\"difficulty\":\"easy\",\"q\":\"What does `default` do?\","
                                                           "\"a\":\"It runs when no other case is ready.\"}]}}",
                                                      -1);
  g_autoptr (GFile)     file = g_file_new_for_path (fixture);
  g_autoptr (GPtrArray) imported = NULL;
  g_autofree char      *copy = NULL;
  RhApplication        *application = rh_ui_test_start_application ();
  RhWindow             *window = rh_ui_test_get_window (application);
  WebKitWebView        *web_view = rh_ui_test_get_web_view (window);
  RhLibrary            *library = rh_application_get_library (application);
  GtkWindow            *dialog;
  GtkWidget            *remove;
  GtkWidget            *undo;

  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));
  rh_window_import_files (window, &file, 1);
  g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/go/channels/select"));
  imported = rh_imports_list_files ();
  g_assert_cmpuint (imported->len, >=, 1);
  copy = g_strdup (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/go/channels/select")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.library", NULL);
  dialog = find_library_dialog ();
  g_assert_nonnull (dialog);
  remove = wait_for_button (GTK_WIDGET (dialog), NULL, "Remove from Library");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");

  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/select"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  undo = wait_for_button (GTK_WIDGET (dialog), "_Undo", NULL);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_nonnull (rh_library_lookup_subtopic (library, "/go/channels/select"));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* Again, and the dialog closed with its toast still up: final. */
  remove = wait_for_button (GTK_WIDGET (dialog), NULL, "Remove from Library");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/select"));
  gtk_window_destroy (dialog);
  g_assert_true (rh_ui_test_wait_until (file_is_gone, copy, 10000));
  g_clear_pointer (&imported, g_ptr_array_unref);
  imported = rh_imports_list_files ();
  for (guint i = 0; i < imported->len; i++)
    g_assert_cmpstr (g_ptr_array_index (imported, i), !=, copy);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

static void
test_open_location (void)
{
  RhApplication *application = rh_ui_test_start_application ();
  RhWindow      *window = rh_ui_test_get_window (application);
  WebKitWebView *web_view = rh_ui_test_get_web_view (window);

  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  /* What `rehearse --open PATH#ID` sends to the running instance. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "open-location",
                                  g_variant_new_string ("/python/concurrency/asyncio#gather-vs-taskgroup"));
  g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/python/concurrency/asyncio#q-gather-vs-taskgroup"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "asyncio & async/await");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A fresh home for the study data and the index of this run. */
  home = rh_test_use_temporary_home ("import");

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/import-and-restart", test_import_and_restart);
  g_test_add_func ("/import/folder", test_import_folder);
  g_test_add_func ("/import/progress", test_import_progress);
  g_test_add_func ("/import/open-location", test_open_location);
  g_test_add_func ("/import/library-dialog-undo", test_library_dialog_undo);

  status = g_test_run ();
  rh_test_remove_tree (home);
  g_free (home);

  return status;
}
