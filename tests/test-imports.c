/* test-imports.c
 *
 * The import workflow without a window: what is kept, what is not, what
 * a second open of the same file does, and what removing a copy does to
 * the library and to the bookmarks of its questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bookmark.h"
#include "rh-imports.h"
#include "rh-library.h"
#include "rh-question.h"
#include "rh-state.h"
#include "rh-test-util.h"

static char *home;

#define GO_PAGE(updated, id, answer)                                                                \
  "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"Select\","                 \
  "\"path\":\"/go/channels/select\",\"updated\":\"" updated "\",\"questions\":[{\"id\":\"" id "\"," \
  "\"difficulty\":\"easy\",\"q\":\"What does `default` do in a `select`?\",\"a\":\"" answer "\"}]}}"

static guint
n_imported (void)
{
  g_autoptr (GPtrArray) files = rh_imports_list_files ();

  return files->len;
}

static void
test_add_and_remove (void)
{
  g_autofree char            *newer = rh_test_write_temp ("select.json", GO_PAGE ("2026-06-01", "default-case", "It runs when no case is ready."), -1);
  g_autofree char            *older = rh_test_write_temp ("select-old.json", GO_PAGE ("2026-01-01", "default-case", "Old answer."), -1);
  g_autofree char            *bad = rh_test_write_temp ("broken.json", "{\"page\":{\"framework\":", -1);
  g_autofree char            *state_path = g_build_filename (home, "state.sqlite3", NULL);
  g_autoptr (RhLibrary)       library = rh_library_new ();
  g_autoptr (RhState)         state = NULL;
  g_autoptr (RhImportSummary) summary = NULL;
  g_autoptr (GPtrArray)       copies = NULL;
  g_autoptr (GListModel)      bookmarks = NULL;
  g_autoptr (RhBookmark)      bookmark = NULL;
  g_autoptr (GError)          error = NULL;
  const char                 *files[] = { bad, newer, NULL };
  gboolean                    bookmarked;

  state = rh_state_open (state_path, &error);
  g_assert_no_error (error);

  /* A bad file is reported with its place and changes nothing; the good
   * one beside it is still added, and opened first. */
  summary = rh_imports_add (library, state, files, 2);
  g_assert_cmpuint (summary->results->len, ==, 2);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_nonnull (((RhLoadResult *) g_ptr_array_index (summary->results, 0))->error);
  g_assert_nonnull (strstr (((RhLoadResult *) g_ptr_array_index (summary->results, 0))->error->message, "broken.json"));
  g_assert_null (((RhLoadResult *) g_ptr_array_index (summary->results, 1))->error);
  g_assert_cmpuint (summary->n_pages, ==, 1);
  g_assert_cmpstr (summary->first_path, ==, "/go/channels/select");
  g_assert_cmpuint (n_imported (), ==, 1);
  g_clear_pointer (&summary, rh_import_summary_free);

  /* Opening the same file again is a reload: still one copy. */
  summary = rh_imports_add (library, state, (const char *const *) &newer, 1);
  g_assert_cmpuint (summary->n_pages, ==, 1);
  g_assert_cmpuint (n_imported (), ==, 1);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 1);
  g_clear_pointer (&summary, rh_import_summary_free);

  /* An older copy of a page the user already has, with nothing new in it,
   * would add nothing at any start: it is not kept. */
  summary = rh_imports_add (library, state, (const char *const *) &older, 1);
  g_assert_cmpuint (summary->n_pages, ==, 0);
  g_assert_cmpuint (summary->n_hidden, ==, 1);
  g_assert_cmpuint (n_imported (), ==, 1);
  g_assert_cmpstr (rh_question_get_answer (rh_library_lookup_question (library, "/go/channels/select", "default-case")),
                   ==, "It runs when no case is ready.");
  g_clear_pointer (&summary, rh_import_summary_free);

  g_assert_true (rh_state_toggle_bookmark (state, rh_library_lookup_question (library, "/go/channels/select", "default-case"),
                                           &bookmarked, &error));
  g_assert_no_error (error);
  g_assert_true (bookmarked);

  /* Removing the copy takes its page out, and flags its bookmark missing
   * at once, not at the next start. */
  copies = rh_imports_list_files ();
  g_assert_true (rh_imports_remove (library, state, g_ptr_array_index (copies, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported (), ==, 0);
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/select"));
  bookmarks = rh_state_list_bookmarks (state);
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 1);
  bookmark = g_list_model_get_item (bookmarks, 0);
  g_assert_true (rh_bookmark_get_missing (bookmark));

  /* A file that is not an import is refused, and nothing changes. */
  g_assert_false (rh_imports_remove (library, state, newer, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  home = rh_test_use_temporary_home ("imports");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imports/add-and-remove", test_add_and_remove);

  status = g_test_run ();
  rh_test_remove_tree (home);
  g_free (home);

  return status;
}
