/* test-import.c
 *
 * Opening content in the real window: a good file is copied into the
 * library and opened, a bad one is reported and changes nothing, both
 * survive (or not) a restart, and the Library dialog takes one out.
 * Also `--open`'s path into a running instance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-imports.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

static char *home;

static gboolean
has_message_dialog (gpointer data)
{
  GList   *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        {
          const char *body = adw_message_dialog_get_body (l->data);

          if (strstr (body, data) != NULL)
            found = TRUE;
          gtk_window_destroy (l->data);
        }
    }
  g_list_free (toplevels);

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
  g_assert_true (rh_ui_test_wait_until (has_message_dialog, (gpointer) "broken.json: pages[0].framework: required field", 5000));
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
  g_test_add_func ("/import/open-location", test_open_location);

  status = g_test_run ();
  rh_test_remove_tree (home);
  g_free (home);

  return status;
}
