/* test-imports.c
 *
 * The import workflow without a window: what is kept, what is not, what
 * a second open of the same file does, and what removing a copy does to
 * the library and to the bookmarks of its questions, and how Undo
 * brings it back. Folders: what is
 * read under them and what is left out, and the same import off the main
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "rh-bookmark.h"
#include "rh-content-dirs.h"
#include "rh-content-error.h"
#include "rh-imports.h"
#include "rh-library-load.h"
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

#define GO_SIBLING_PAGE(subtopic, slug, id)                                                                   \
  "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"" subtopic "\","                     \
  "\"path\":\"/go/channels/" slug "\",\"questions\":[{\"id\":\"" id "\",\"difficulty\":\"easy\",\"q\":\"Q\"," \
  "\"a\":\"A\"}]}}"

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

static char *
read_fixture (const char *name)
{
  g_autofree char   *path = rh_test_fixture_path (name);
  g_autoptr (GError) error = NULL;
  char              *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
remove_imports (void)
{
  g_autofree char *directory = rh_imports_get_directory ();

  rh_test_remove_tree (directory);
}

static gboolean
bookmark_is_missing (RhState *state)
{
  g_autoptr (GListModel) bookmarks = rh_state_list_bookmarks (state);
  g_autoptr (RhBookmark) bookmark = g_list_model_get_item (bookmarks, 0);

  g_assert_nonnull (bookmark);

  return rh_bookmark_get_missing (bookmark);
}

static guint
n_removed_aside (void)
{
  g_autofree char *imports = rh_imports_get_directory ();
  g_autofree char *removed = g_build_filename (imports, ".removed", NULL);
  g_autoptr (GDir) dir = g_dir_open (removed, 0, NULL);
  guint            n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Removing with a way back: the copy is moved aside and its pages go at
 * once, Undo brings both back, and only a final removal deletes it. */
static void
test_remove_and_undo (void)
{
  g_autofree char             *file = rh_test_write_temp ("select-undo.json", GO_PAGE ("2026-06-01", "default-case", "It runs when no case is ready."), -1);
  g_autofree char             *state_path = g_build_filename (home, "undo.sqlite3", NULL);
  g_autoptr (RhLibrary)        library = rh_library_new ();
  g_autoptr (RhState)          state = NULL;
  g_autoptr (RhImportSummary)  summary = NULL;
  g_autoptr (RhImportsRemoval) removal = NULL;
  g_autoptr (GPtrArray)        copies = NULL;
  g_autoptr (GError)           error = NULL;
  g_autofree char             *copy = NULL;
  gboolean                     bookmarked;

  remove_imports ();
  state = rh_state_open (state_path, &error);
  g_assert_no_error (error);
  summary = rh_imports_add (library, state, (const char *const *) &file, 1);
  g_assert_cmpuint (summary->n_pages, ==, 1);
  copies = rh_imports_list_files ();
  g_assert_cmpuint (copies->len, ==, 1);
  copy = g_strdup (g_ptr_array_index (copies, 0));
  g_assert_true (rh_state_toggle_bookmark (state, rh_library_lookup_question (library, "/go/channels/select", "default-case"),
                                           &bookmarked, &error));
  g_assert_no_error (error);

  /* Taken out: the page, at once, and the copy from what the next start
   * loads; the bookmark is flagged missing. */
  removal = rh_imports_remove_aside (library, state, copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (removal);
  g_assert_cmpstr (rh_imports_removal_get_copy (removal), ==, copy);
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/select"));
  g_assert_cmpuint (n_imported (), ==, 0);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_removed_aside (), ==, 1);
  g_assert_true (bookmark_is_missing (state));

  /* While it is pending, clearing up after a crash leaves it alone. */
  rh_imports_purge_removed ();
  g_assert_cmpuint (n_removed_aside (), ==, 1);

  /* Undone: the same copy, the same page, the bookmark found again. */
  g_assert_true (rh_imports_removal_undo (removal, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_imported (), ==, 1);
  g_assert_cmpuint (n_removed_aside (), ==, 0);
  g_assert_cmpstr (rh_question_get_answer (rh_library_lookup_question (library, "/go/channels/select", "default-case")),
                   ==, "It runs when no case is ready.");
  g_assert_false (bookmark_is_missing (state));
  /* Undone once is done: nothing left to make final. */
  g_assert_true (rh_imports_removal_commit (removal, &error));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&removal, rh_imports_removal_free);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* Made final: the copy is gone for good; the original never moved. */
  removal = rh_imports_remove_aside (library, state, copy, &error);
  g_assert_no_error (error);
  g_assert_true (rh_imports_removal_commit (removal, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_removed_aside (), ==, 0);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&removal, rh_imports_removal_free);

  /* Freed while pending, as when the toast goes with its window: final. */
  g_clear_pointer (&summary, rh_import_summary_free);
  summary = rh_imports_add (library, state, (const char *const *) &file, 1);
  removal = rh_imports_remove_aside (library, state, copy, &error);
  g_assert_no_error (error);
  g_clear_pointer (&removal, rh_imports_removal_free);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_removed_aside (), ==, 0);

  /* A name taken again meanwhile is not overwritten by the Undo. */
  g_clear_pointer (&summary, rh_import_summary_free);
  summary = rh_imports_add (library, state, (const char *const *) &file, 1);
  removal = rh_imports_remove_aside (library, state, copy, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, GO_PAGE ("2026-07-01", "default-case", "Newer."), -1, &error);
  g_assert_no_error (error);
  g_assert_false (rh_imports_removal_undo (removal, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_clear_error (&error);
  g_clear_pointer (&removal, rh_imports_removal_free);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_removed_aside (), ==, 0);

  /* A file outside the imports is refused, and nothing moves. */
  g_assert_null (rh_imports_remove_aside (library, state, file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  g_clear_error (&error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  remove_imports ();
}

/* What a process that ended before its removals were final left aside
 * goes the next time. */
static void
test_purge_removed (void)
{
  g_autofree char   *imports = rh_imports_get_directory ();
  g_autofree char   *left = g_build_filename (imports, ".removed", "ab12cd", "left.json", NULL);
  g_autofree char   *parent = g_path_get_dirname (left);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (left, GO_PAGE ("2026-06-01", "x", "Left behind."), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported (), ==, 0);
  g_assert_cmpuint (n_removed_aside (), ==, 1);

  rh_imports_purge_removed ();
  g_assert_cmpuint (n_removed_aside (), ==, 0);
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  remove_imports ();
}

/* A folder as a user has it: pages in subfolders, a saved web page, a
 * damaged file, files that are not pages at all, hidden files, a link
 * back up the tree and one far too deep. */
static char *
make_folder (void)
{
  g_autoptr (GError)  error = NULL;
  g_autofree char    *saved = read_fixture ("rebasing.saved.html");
  char               *folder = g_dir_make_tmp ("rehearse-folder-XXXXXX", &error);
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autofree char    *loop = g_build_filename (folder, "channels", "loop", NULL);

  g_assert_no_error (error);
  write_file (folder, "channels/select.json", GO_SIBLING_PAGE ("Select", "select", "default-case"));
  write_file (folder, "channels/buffered/README.md", "not read: only .json, .html and .htm are");
  write_file (folder, "channels/buffered/index.JSON", GO_SIBLING_PAGE ("Buffered", "buffered", "capacity"));
  write_file (folder, "git/branching/rebasing/index.html", saved);
  write_file (folder, "broken.json", "{\"page\":{\"framework\":");
  write_file (folder, "index.html", "<!DOCTYPE html><html><body><h1>Interview questions</h1></body></html>");
  write_file (folder, "notes.txt", GO_SIBLING_PAGE ("Notes", "notes", "n"));
  write_file (folder, "build/manifest.json", "{\"id\":\"5c1f\",\"timestamp\":1777777777777}");
  write_file (folder, ".cache/hidden.json", GO_SIBLING_PAGE ("Hidden", "hidden", "h"));
  write_file (folder, "channels/.hidden.json", GO_SIBLING_PAGE ("Hidden file", "hidden-file", "h"));
  g_assert_cmpint (symlink ("..", loop), ==, 0);

  for (guint i = 0; i < RH_CONTENT_MAX_FOLDER_DEPTH + 2; i++)
    g_string_append (deep, "d/");
  g_string_append (deep, "too-deep.json");
  write_file (folder, deep->str, GO_SIBLING_PAGE ("Too deep", "too-deep", "t"));

  return folder;
}

static void
test_list_tree (void)
{
  g_autofree char      *folder = make_folder ();
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError)    error = NULL;
  g_autofree char      *empty = g_dir_make_tmp ("rehearse-empty-XXXXXX", &error);
  g_autofree char      *missing = g_build_filename (empty, "missing", NULL);
  const char           *expected[] = {
              "broken.json",
              "build/manifest.json",
              "channels/buffered/index.JSON",
              "channels/select.json",
              "git/branching/rebasing/index.html",
              "index.html",
  };

  files = rh_content_dirs_list_tree (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, expected[i], NULL);

      g_assert_cmpstr (g_ptr_array_index (files, i), ==, path);
    }

  g_clear_pointer (&files, g_ptr_array_unref);
  g_assert_null (rh_content_dirs_list_tree (empty, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_FILES);
  g_clear_error (&error);
  g_assert_null (rh_content_dirs_list_tree (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  rh_test_remove_tree (folder);
  rh_test_remove_tree (empty);
}

static const RhLoadResult *
find_result (const RhImportSummary *summary,
             const char            *suffix)
{
  for (guint i = 0; i < summary->results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (summary->results, i);

      if (g_str_has_suffix (result->file, suffix))
        return result;
    }

  return NULL;
}

static void
check_folder_summary (const RhImportSummary *summary,
                      RhLibrary             *library,
                      const char            *folder)
{
  g_autofree char      *home_page = g_build_filename (folder, "index.html", NULL);
  const RhLoadResult   *broken;
  g_autoptr (GPtrArray) copies = rh_imports_list_files ();
  g_autofree char      *directory = rh_imports_get_directory ();
  g_autofree char      *html_copy = g_build_filename (directory, "git-branching-rebasing.html", NULL);
  g_autofree char      *select_copy = g_build_filename (directory, "channels-select.json", NULL);
  g_autofree char      *buffered_copy = g_build_filename (directory, "channels-buffered.json", NULL);

  /* The damaged file fails; the home page and the manifest are not
   * pages at all, and are left out. */
  g_assert_cmpuint (summary->results->len, ==, 4);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (summary->n_skipped, ==, 2);
  g_assert_cmpuint (summary->n_pages, ==, 3);
  broken = find_result (summary, "/broken.json");
  g_assert_nonnull (broken);
  g_assert_error (broken->error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_SYNTAX);
  g_assert_null (find_result (summary, home_page));
  g_assert_null (find_result (summary, "/manifest.json"));

  /* In path order: channels/buffered comes first. */
  g_assert_cmpstr (summary->first_path, ==, "/go/channels/buffered");

  g_assert_nonnull (rh_library_lookup_subtopic (library, "/go/channels/select"));
  g_assert_nonnull (rh_library_lookup_subtopic (library, "/go/channels/buffered"));
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/hidden"));
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/hidden-file"));
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/too-deep"));
  g_assert_null (rh_library_lookup_subtopic (library, "/go/channels/notes"));

  /* Copies named by their place in the folder; the saved page stays a
   * web page. */
  g_assert_cmpuint (copies->len, ==, 3);
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/git/branching/rebasing")), ==, html_copy);
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/go/channels/select")), ==, select_copy);
  g_assert_cmpstr (rh_subtopic_get_source (rh_library_lookup_subtopic (library, "/go/channels/buffered")), ==, buffered_copy);
}

static void
test_add_folder (void)
{
  g_autofree char            *folder = make_folder ();
  g_autoptr (RhLibrary)       library = rh_library_new ();
  g_autoptr (RhLibrary)       restarted = rh_library_new ();
  g_autoptr (RhImportSummary) summary = NULL;
  g_autoptr (GPtrArray)       copies = NULL;
  g_autoptr (GPtrArray)       results = NULL;
  g_autoptr (GError)          error = NULL;
  g_autofree char            *empty = g_dir_make_tmp ("rehearse-empty-XXXXXX", &error);
  const char                 *inputs[] = { folder, empty };

  remove_imports ();
  summary = rh_imports_add (library, NULL, inputs, 2);
  g_assert_cmpuint (summary->results->len, ==, 5);
  /* A folder with nothing to read is a failure of its own. */
  g_assert_cmpstr (((RhLoadResult *) g_ptr_array_index (summary->results, 4))->file, ==, empty);
  g_assert_error (((RhLoadResult *) g_ptr_array_index (summary->results, 4))->error, RH_CONTENT_ERROR,
                  RH_CONTENT_ERROR_NO_FILES);
  g_ptr_array_remove_index (summary->results, 4);
  summary->n_failed--;
  check_folder_summary (summary, library, folder);

  /* The copies, the web page among them, load at the next start. */
  copies = rh_imports_list_files ();
  results = rh_library_load_files (restarted, (const char *const *) copies->pdata, copies->len);
  for (guint i = 0; i < results->len; i++)
    g_assert_no_error (((RhLoadResult *) g_ptr_array_index (results, i))->error);
  g_assert_cmpuint (rh_library_get_n_questions (restarted), ==, 4);

  /* Opening the folder again is a reload: no new copies. */
  g_clear_pointer (&summary, rh_import_summary_free);
  summary = rh_imports_add (library, NULL, (const char *const *) &folder, 1);
  g_assert_cmpuint (summary->n_pages, ==, 3);
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = rh_imports_list_files ();
  g_assert_cmpuint (copies->len, ==, 3);

  remove_imports ();
  rh_test_remove_tree (folder);
  rh_test_remove_tree (empty);
}

typedef struct
{
  GMainLoop       *loop;
  RhImportSummary *summary;
  GThread         *main_thread;
  guint            n_reports;
  guint            last_done;
  guint            total;
} AsyncRun;

static void
on_progress (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpuint (n_done, >=, run->last_done);
  g_assert_cmpuint (n_done, <=, n_total);
  run->last_done = n_done;
  run->total = n_total;
  run->n_reports++;
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun          *run = user_data;
  g_autoptr (GError) error = NULL;

  run->summary = rh_imports_add_finish (RH_LIBRARY (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (run->loop);
}

/* The same import off the main thread: the same summary, the pages
 * merged on the main thread, progress reported there up to the end. */
static void
test_add_folder_async (void)
{
  g_autofree char      *folder = make_folder ();
  g_autofree char      *state_path = g_build_filename (home, "state-async.sqlite3", NULL);
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (RhState)   state = NULL;
  g_autoptr (GError)    error = NULL;
  AsyncRun              run = { g_main_loop_new (NULL, FALSE), NULL, g_thread_self (), 0, 0, 0 };

  state = rh_state_open (state_path, &error);
  g_assert_no_error (error);
  remove_imports ();

  rh_imports_add_async (library, state, (const char *const *) &folder, 1, NULL, on_progress, &run, NULL,
                        on_imported, &run);
  /* Nothing is merged before the main loop runs. */
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 0);
  g_main_loop_run (run.loop);

  g_assert_nonnull (run.summary);
  g_assert_cmpuint (run.n_reports, >=, 1);
  g_assert_cmpuint (run.total, ==, 6);
  g_assert_cmpuint (run.last_done, ==, 6);
  check_folder_summary (run.summary, library, folder);

  rh_import_summary_free (run.summary);
  g_main_loop_unref (run.loop);
  remove_imports ();
  rh_test_remove_tree (folder);
}

/* Nothing given: a summary of nothing, still through the main loop. */
static void
test_add_nothing_async (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  AsyncRun              run = { g_main_loop_new (NULL, FALSE), NULL, g_thread_self (), 0, 0, 0 };

  rh_imports_add_async (library, NULL, NULL, 0, NULL, NULL, NULL, NULL, on_imported, &run);
  g_main_loop_run (run.loop);
  g_assert_nonnull (run.summary);
  g_assert_cmpuint (run.summary->results->len, ==, 0);
  g_assert_cmpuint (run.summary->n_pages, ==, 0);
  rh_import_summary_free (run.summary);
  g_main_loop_unref (run.loop);
}

static void
on_cancelled (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRun          *run = user_data;
  g_autoptr (GError) error = NULL;

  run->summary = rh_imports_add_finish (RH_LIBRARY (object), result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_main_loop_quit (run->loop);
}

static void
test_cancel (void)
{
  g_autofree char         *folder = make_folder ();
  g_autoptr (RhLibrary)    library = rh_library_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncRun                 run = { g_main_loop_new (NULL, FALSE), NULL, g_thread_self (), 0, 0, 0 };

  remove_imports ();
  g_cancellable_cancel (cancellable);
  rh_imports_add_async (library, NULL, (const char *const *) &folder, 1, cancellable, NULL, NULL, NULL,
                        on_cancelled, &run);
  g_main_loop_run (run.loop);
  g_assert_null (run.summary);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 0);
  g_main_loop_unref (run.loop);
  rh_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  home = rh_test_use_temporary_home ("imports");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imports/add-and-remove", test_add_and_remove);
  g_test_add_func ("/imports/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/imports/purge-removed", test_purge_removed);
  g_test_add_func ("/imports/list-tree", test_list_tree);
  g_test_add_func ("/imports/add-folder", test_add_folder);
  g_test_add_func ("/imports/add-folder-async", test_add_folder_async);
  g_test_add_func ("/imports/add-nothing-async", test_add_nothing_async);
  g_test_add_func ("/imports/cancel", test_cancel);

  status = g_test_run ();
  rh_test_remove_tree (home);
  g_free (home);

  return status;
}
