/* test-disk-errors.c
 *
 * A full disk and a read-only folder: the study state still opens, to be
 * read, so the bookmarks and the review log are shown; every change
 * fails with an error that says what is wrong with the disk and names
 * the file or folder; and nothing is lost or left half-written: not the
 * state, not the library's cache, not a copy of an imported file. The
 * disk's faults come from rh-fault-fs.c, linked in here and preloaded
 * into the `rehearse` processes, since the tests run as root, whom
 * permissions do not stop, and may not mount file systems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rh-bookmark.h"
#include "rh-content-file.h"
#include "rh-imports.h"
#include "rh-library-load.h"
#include "rh-library.h"
#include "rh-load-cache.h"
#include "rh-page-data.h"
#include "rh-review-log.h"
#include "rh-state.h"
#include "rh-study-settings.h"
#include "rh-subtopic.h"
#include "rh-fault-fs.h"
#include "rh-test-util.h"

#define PAGE_JSON                                                                                    \
  "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"Select\","                  \
  "\"path\":\"/go/channels/select\",\"updated\":\"2026-06-01\",\"questions\":[{\"id\":\"default\","  \
  "\"difficulty\":\"easy\",\"q\":\"What does `default` do in a `select`?\",\"a\":\"It runs when no " \
  "case is ready.\"}]}}"

#define SELECT "/go/channels/select"

static char *home;

/* A folder of the test's own, under the temporary home. */
static char *
make_folder (const char *name)
{
  char *folder = g_build_filename (home, name, NULL);

  rh_test_remove_tree (folder);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  return folder;
}

/* What an error ends with when the disk refused to write @file, in
 * @folder. */
static char *
reason_for (RhFaultFsMode mode,
            const char   *file,
            const char   *folder)
{
  if (mode == RH_FAULT_FS_FULL)
    return g_strdup_printf (" in %s: the disk is full", file);

  return g_strdup_printf (": the folder %s is read-only", folder);
}

static GPtrArray *
list_folder (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray       *names = g_ptr_array_new_with_free_func (g_free);
  const char      *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  return names;
}

static void
add_bookmark (RhState    *state,
              const char *path,
              const char *question_id,
              const char *question,
              gint64      created_at)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, question_id);
  g_autoptr (RhBookmark)    bookmark = rh_bookmark_new (ref, question, "", "", "", created_at);
  g_autoptr (GError)        error = NULL;

  g_assert_true (rh_state_add_bookmark (state, bookmark, &error));
  g_assert_no_error (error);
}

static RhReview *
grade (RhReviewLog *log,
       const char  *path,
       const char  *question_id,
       GError     **error)
{
  gint64          now = g_get_real_time () / G_USEC_PER_SEC;
  RhStudySettings settings;

  rh_study_settings_init_default (&settings);
  settings.day_offset = rh_study_settings_get_day_offset (NULL, now);

  return rh_review_log_grade (log, path, question_id, RH_FSRS_GRADE_GOOD, now, -1, &settings, error);
}

/* Two bookmarks, a value and a review, in a database closed as the
 * application closes it: one file, no -wal or -shm beside it. */
static void
write_state (const char *path,
             const char *first,
             const char *second)
{
  g_autoptr (GError)      error = NULL;
  g_autoptr (RhState)     state = rh_state_open (path, &error);
  g_autoptr (RhReviewLog) log = NULL;
  g_autoptr (RhReview)    review = NULL;
  g_autofree char        *wal = g_strconcat (path, "-wal", NULL);
  g_auto (GStrv)          a = g_strsplit (first, "#", 2);
  g_auto (GStrv)          b = g_strsplit (second, "#", 2);

  g_assert_no_error (error);
  add_bookmark (state, a[0], a[1], "First question?", 1000);
  add_bookmark (state, b[0], b[1], "Second question?", 2000);
  g_assert_true (rh_state_set_value (state, "last-page", a[0], &error));
  g_assert_no_error (error);

  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);
  review = grade (log, a[0], a[1], &error);
  g_assert_no_error (error);
  g_assert_nonnull (review);

  g_clear_object (&log);
  g_clear_object (&state);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
assert_state_intact (RhState *state)
{
  g_autoptr (GListModel)  bookmarks = rh_state_list_bookmarks (state);
  g_autoptr (RhBookmark)  newest = NULL;
  g_autoptr (RhReviewLog) log = NULL;
  g_autoptr (GError)      error = NULL;
  g_autofree char        *value = NULL;
  gint64                  n_reviews = 0;

  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 2);
  newest = g_list_model_get_item (bookmarks, 0);
  g_assert_cmpstr (rh_bookmark_get_question (newest), ==, "Second question?");

  value = rh_state_dup_value (state, "last-page");
  g_assert_cmpstr (value, ==, SELECT);

  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);
  g_assert_true (rh_review_log_get_n_reviews (log, &n_reviews, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_reviews, ==, 1);
}

typedef struct
{
  GError  *error;
  gboolean ok;
  gboolean done;
} ImportWatch;

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportWatch *watch = user_data;

  watch->ok = rh_state_import_bookmarks_finish (RH_STATE (object), result, NULL, &watch->error);
  watch->done = TRUE;
}

/* The state opens to be read on a disk that refuses writes; every
 * change fails with @code and a message that ends in @reason; and the
 * database is as it was once the disk is well again. */
static void
check_state_refused (RhFaultFsMode mode,
                     int           code)
{
  g_autofree char          *folder = make_folder (mode == RH_FAULT_FS_FULL ? "state-full" : "state-read-only");
  g_autofree char          *path = g_build_filename (folder, "state.sqlite3", NULL);
  g_autofree char          *reason = reason_for (mode, path, folder);
  g_autofree char          *expected = NULL;
  g_autoptr (RhState)       state = NULL;
  g_autoptr (RhReviewLog)   log = NULL;
  g_autoptr (RhReview)      review = NULL;
  g_autoptr (GListModel)    bookmarks = NULL;
  g_autoptr (GError)        error = NULL;
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (SELECT, "new");
  g_autoptr (RhBookmark)    bookmark = rh_bookmark_new (ref, "New?", "", "", "", 3000);

  write_state (path, SELECT "#default", SELECT "#other");

  rh_fault_fs_set (mode, folder);

  state = rh_state_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_true (rh_state_is_read_only (state));
  assert_state_intact (state);

  g_assert_false (rh_state_add_bookmark (state, bookmark, &error));
  expected = g_strconcat ("Could not save the bookmarks", reason, NULL);
  g_assert_error (error, RH_STATE_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);
  bookmarks = rh_state_list_bookmarks (state);
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 2);

  g_assert_false (rh_state_set_value (state, "last-page", "/elsewhere", &error));
  expected = g_strconcat ("Could not update the state database", reason, NULL);
  g_assert_error (error, RH_STATE_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* An import of a bookmarks file is refused before it reads it. */
  {
    g_autofree char *file = g_build_filename (g_get_tmp_dir (), "disk-errors-import.json", NULL);
    ImportWatch      watch = { NULL, FALSE, FALSE };

    g_assert_true (g_file_set_contents (file,
                                        "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[]}", -1,
                                        NULL));
    rh_state_import_bookmarks_async (state, file, NULL, NULL, NULL, on_import_done, &watch);
    while (!watch.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (watch.ok);
    expected = g_strconcat ("Could not import the bookmarks", reason, NULL);
    g_assert_error (watch.error, RH_STATE_ERROR, code);
    g_assert_cmpstr (watch.error->message, ==, expected);
    g_clear_error (&watch.error);
    g_clear_pointer (&expected, g_free);
    g_unlink (file);
  }

  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);
  review = grade (log, SELECT, "other", &error);
  g_assert_null (review);
  expected = g_strconcat ("Could not write the review log", reason, NULL);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_clear_object (&log);
  g_clear_object (&state);
  g_clear_object (&bookmarks);
  rh_fault_fs_set (RH_FAULT_FS_NONE, NULL);

  /* Nothing was lost, and nothing half-done came in. */
  state = rh_state_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (rh_state_is_read_only (state));
  assert_state_intact (state);
}

static void
test_state_full (void)
{
  check_state_refused (RH_FAULT_FS_FULL, RH_STATE_ERROR_DISK_FULL);
}

static void
test_state_read_only (void)
{
  check_state_refused (RH_FAULT_FS_READ_ONLY, RH_STATE_ERROR_READ_ONLY);
}

/* The disk fills while the state is open: the change fails and says so,
 * the list keeps only what was committed, and once there is room again
 * the next change is saved. */
static void
test_state_fills_up (void)
{
  g_autofree char          *folder = make_folder ("state-fills-up");
  g_autofree char          *path = g_build_filename (folder, "state.sqlite3", NULL);
  g_autofree char          *reason = g_strdup_printf (" in %s: the disk is full", path);
  g_autoptr (RhState)       state = NULL;
  g_autoptr (RhReviewLog)   log = NULL;
  g_autoptr (RhReview)      review = NULL;
  g_autoptr (GListModel)    bookmarks = NULL;
  g_autoptr (GError)        error = NULL;
  g_autoptr (RhQuestionRef) lost_ref = rh_question_ref_new (SELECT, "lost");
  g_autoptr (RhBookmark)    lost = rh_bookmark_new (lost_ref, "Lost?", "", "", "", 3000);
  g_autoptr (RhQuestionRef) kept_ref = rh_question_ref_new (SELECT, "kept");

  write_state (path, SELECT "#default", SELECT "#other");

  state = rh_state_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (rh_state_is_read_only (state));
  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);
  bookmarks = rh_state_list_bookmarks (state);

  rh_fault_fs_set (RH_FAULT_FS_FULL, folder);

  g_assert_false (rh_state_add_bookmark (state, lost, &error));
  g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_DISK_FULL);
  g_assert_true (g_str_has_prefix (error->message, "Could not "));
  g_assert_true (g_str_has_suffix (error->message, reason));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 2);
  g_assert_false (rh_state_is_bookmarked (state, lost_ref));

  review = grade (log, SELECT, "other", &error);
  g_assert_null (review);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Could not write the review log"));
  g_assert_true (g_str_has_suffix (error->message, reason));
  g_clear_error (&error);

  rh_fault_fs_set (RH_FAULT_FS_NONE, NULL);

  add_bookmark (state, SELECT, "kept", "Kept?", 4000);
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 3);

  g_clear_object (&log);
  g_clear_object (&bookmarks);
  g_clear_object (&state);

  state = rh_state_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rh_state_is_bookmarked (state, kept_ref));
  g_assert_false (rh_state_is_bookmarked (state, lost_ref));
  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);
  {
    gint64 n_reviews = 0;

    g_assert_true (rh_review_log_get_n_reviews (log, &n_reviews, &error));
    g_assert_cmpint (n_reviews, ==, 1);
  }
}

/* No database yet in a read-only folder: there is nothing to read, the
 * error says why, and no file appears. */
static void
test_state_missing_read_only (void)
{
  g_autofree char      *folder = make_folder ("state-missing");
  g_autofree char      *path = g_build_filename (folder, "state.sqlite3", NULL);
  g_autofree char      *reason = g_strdup_printf (": the folder %s is read-only", folder);
  g_autoptr (RhState)   state = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError)    error = NULL;

  rh_fault_fs_set (RH_FAULT_FS_READ_ONLY, folder);
  state = rh_state_open (path, &error);
  rh_fault_fs_set (RH_FAULT_FS_NONE, NULL);

  g_assert_null (state);
  g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_suffix (error->message, reason));
  names = list_folder (folder);
  g_assert_cmpuint (names->len, ==, 0);
}

/* A damaged database cannot be moved aside in a read-only folder: it is
 * left as it was, and the error says why. */
static void
test_state_damaged_read_only (void)
{
  g_autofree char      *folder = make_folder ("state-damaged");
  g_autofree char      *path = g_build_filename (folder, "state.sqlite3", NULL);
  g_autofree char      *expected = g_strdup_printf ("Could not move the damaged state database %s aside: "
                                                         "the folder %s is read-only",
                                                    path, folder);
  g_autofree char      *contents = NULL;
  g_autofree char      *aside = NULL;
  g_autoptr (RhState)   state = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError)    error = NULL;

  g_assert_true (g_file_set_contents (path, "not a database, and long enough to be read", -1, NULL));

  rh_fault_fs_set (RH_FAULT_FS_READ_ONLY, folder);
  state = rh_state_open_or_recover (path, &aside, &error);
  rh_fault_fs_set (RH_FAULT_FS_NONE, NULL);

  g_assert_null (state);
  g_assert_null (aside);
  g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a database, and long enough to be read");
  names = list_folder (folder);
  g_assert_cmpuint (names->len, ==, 1);
}

static RhLoadCache *
make_cache (const char *cache_path)
{
  g_autofree char      *file = rh_test_write_temp ("select.json", PAGE_JSON, -1);
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GError)    error = NULL;
  RhLoadCache          *cache = rh_load_cache_open (cache_path);

  pages = rh_content_file_load (file, &error);
  g_assert_no_error (error);
  rh_load_cache_store (cache, file, pages);
  g_assert_true (rh_load_cache_is_dirty (cache));

  return cache;
}

static void
check_cache_refused (RhFaultFsMode mode,
                     const char   *name)
{
  g_autofree char        *folder = make_folder (name);
  g_autofree char        *path = g_build_filename (folder, "load-cache", NULL);
  g_autofree char        *reason = reason_for (mode, path, folder);
  g_autofree char        *expected = g_strconcat ("Could not save the library’s cache", reason, NULL);
  g_autofree char        *before = NULL;
  g_autofree char        *after = NULL;
  g_autoptr (RhLoadCache) old = NULL;
  g_autoptr (RhLoadCache) cache = NULL;
  g_autoptr (GPtrArray)   names = NULL;
  g_autoptr (GError)      error = NULL;
  int                     code = mode == RH_FAULT_FS_FULL ? G_FILE_ERROR_NOSPC : G_FILE_ERROR_ROFS;

  /* An earlier cache, empty, that the failed save must leave as it was. */
  old = rh_load_cache_open (path);
  g_assert_true (rh_load_cache_save (old, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  cache = make_cache (path);
  rh_fault_fs_set (mode, folder);
  g_assert_false (rh_load_cache_save (cache, &error));
  rh_fault_fs_set (RH_FAULT_FS_NONE, NULL);

  g_assert_error (error, G_FILE_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (rh_load_cache_is_dirty (cache));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  names = list_folder (folder);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "load-cache");

  /* With room again, the same cache is saved. */
  g_clear_error (&error);
  g_assert_true (rh_load_cache_save (cache, &error));
  g_assert_no_error (error);
}

static void
test_cache_full (void)
{
  check_cache_refused (RH_FAULT_FS_FULL, "cache-full");
}

static void
test_cache_read_only (void)
{
  check_cache_refused (RH_FAULT_FS_READ_ONLY, "cache-read-only");
}

static void
check_import_refused (RhFaultFsMode mode)
{
  g_autofree char            *file = rh_test_write_temp ("select.json", PAGE_JSON, -1);
  g_autofree char            *folder = rh_imports_get_directory ();
  g_autofree char            *copy = g_build_filename (folder, "select.json", NULL);
  g_autofree char            *reason = reason_for (mode, copy, folder);
  g_autofree char            *expected = g_strdup_printf ("Could not copy %s into the library%s", file, reason);
  g_autoptr (RhLibrary)       library = rh_library_new ();
  g_autoptr (RhImportSummary) summary = NULL;
  g_autoptr (GPtrArray)       names = NULL;
  RhLoadResult               *result;
  int                         code = mode == RH_FAULT_FS_FULL ? G_FILE_ERROR_NOSPC : G_FILE_ERROR_ROFS;

  rh_test_remove_tree (folder);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  rh_fault_fs_set (mode, folder);
  summary = rh_imports_add (library, NULL, (const char *const *) &file, 1);
  rh_fault_fs_set (RH_FAULT_FS_NONE, NULL);

  g_assert_cmpuint (summary->results->len, ==, 1);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (summary->n_pages, ==, 0);
  result = g_ptr_array_index (summary->results, 0);
  g_assert_nonnull (result->error);
  g_assert_error (result->error, G_FILE_ERROR, code);
  g_assert_cmpstr (result->error->message, ==, expected);
  g_assert_null (rh_library_lookup_subtopic (library, SELECT));

  /* Neither a copy nor half of one. */
  names = list_folder (folder);
  g_assert_cmpuint (names->len, ==, 0);
  g_clear_pointer (&summary, rh_import_summary_free);

  /* With room again, the same file comes in whole. */
  summary = rh_imports_add (library, NULL, (const char *const *) &file, 1);
  g_assert_cmpuint (summary->n_failed, ==, 0);
  g_assert_cmpuint (summary->n_pages, ==, 1);
  {
    g_autofree char *copied = NULL;

    g_assert_true (g_file_get_contents (copy, &copied, NULL, NULL));
    g_assert_cmpstr (copied, ==, PAGE_JSON);
  }
}

static void
test_import_full (void)
{
  check_import_refused (RH_FAULT_FS_FULL);
}

static void
test_import_read_only (void)
{
  check_import_refused (RH_FAULT_FS_READ_ONLY);
}

/* `rehearse ARGS…` with the fault preloaded, in data and cache
 * directories of its own. */
static int
run_rehearse (const char        *data_home,
              const char        *fault,
              const char *const *args,
              char             **out_stdout,
              char             **out_stderr)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GPtrArray)           argv = g_ptr_array_new ();
  g_autoptr (GError)              error = NULL;
  g_autofree char                *cache_home = g_build_filename (data_home, "..", "cache", NULL);
  g_autofree char                *asan = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REHEARSE_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  if (fault != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", g_getenv ("RH_FAULT_FS_MODULE"), TRUE);
      g_subprocess_launcher_setenv (launcher, "RH_FAULT_FS", fault, TRUE);
      /* A sanitizer build's runtime would rather be loaded first. */
      asan = g_strconcat (g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "",
                          ":verify_asan_link_order=0", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* The first two questions of the bundled library, for --grade to find. */
static void
bundled_questions (char **out_first,
                   char **out_second)
{
  g_autoptr (RhLibrary)  library = rh_library_new ();
  g_autoptr (GPtrArray)  results = rh_library_load_directory (library, g_getenv ("REHEARSE_CONTENT_DIR"), NULL);
  g_autoptr (GListModel) framework = NULL;
  g_autoptr (GListModel) topic = NULL;
  g_autoptr (RhSubtopic) subtopic = NULL;
  g_autoptr (RhQuestion) first = NULL;
  g_autoptr (RhQuestion) second = NULL;

  g_assert_nonnull (results);
  framework = g_list_model_get_item (G_LIST_MODEL (library), 0);
  topic = g_list_model_get_item (framework, 0);
  subtopic = g_list_model_get_item (topic, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (subtopic)), >=, 2);
  first = g_list_model_get_item (G_LIST_MODEL (subtopic), 0);
  second = g_list_model_get_item (G_LIST_MODEL (subtopic), 1);
  *out_first = g_strconcat (rh_subtopic_get_path (subtopic), "#", rh_question_get_id (first), NULL);
  *out_second = g_strconcat (rh_subtopic_get_path (subtopic), "#", rh_question_get_id (second), NULL);
}

static void
check_cli_refused (RhFaultFsMode mode)
{
  const char      *name = mode == RH_FAULT_FS_FULL ? "cli-full" : "cli-read-only";
  g_autofree char *top = make_folder (name);
  g_autofree char *data_home = g_build_filename (top, "data", NULL);
  g_autofree char *folder = g_build_filename (data_home, "rehearse", NULL);
  g_autofree char *path = g_build_filename (folder, "state.sqlite3", NULL);
  g_autofree char *reason = reason_for (mode, path, folder);
  g_autofree char *fault = g_strdup_printf ("%s:%s", mode == RH_FAULT_FS_FULL ? "full" : "read-only", folder);
  g_autofree char *expected = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_getenv ("REHEARSE_BIN") == NULL || g_getenv ("RH_FAULT_FS_MODULE") == NULL)
    {
      g_test_skip ("REHEARSE_BIN or RH_FAULT_FS_MODULE is not set");
      return;
    }

  bundled_questions (&first, &second);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  write_state (path, first, second);

  /* The bookmarks are listed, newest first, as on a healthy disk. */
  {
    const char *args[] = { "--bookmarks", NULL };

    g_assert_cmpint (run_rehearse (data_home, fault, args, &out, &err), ==, 0);
    expected = g_strdup_printf ("%s\tSecond question?\n%s\tFirst question?\n", second, first);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpstr (out, ==, expected);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&expected, g_free);
  }

  /* So is the review log. */
  {
    const char *args[] = { "--card", first, "--json", NULL };

    g_assert_cmpint (run_rehearse (data_home, fault, args, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_nonnull (strstr (out, "\"reps\":1"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A grade is refused, saying why. */
  {
    const char *args[] = { "--grade", second, "good", NULL };

    g_assert_cmpint (run_rehearse (data_home, fault, args, &out, &err), ==, 1);
    expected = g_strconcat ("rehearse: Could not write the review log", reason, "\n", NULL);
    g_assert_cmpstr (out, ==, "");
    g_assert_cmpstr (err, ==, expected);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* And it was not recorded. */
  {
    const char *args[] = { "--card", second, "--json", NULL };

    g_assert_cmpint (run_rehearse (data_home, NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\"reps\":0"));
  }
}

static void
test_cli_full (void)
{
  check_cli_refused (RH_FAULT_FS_FULL);
}

static void
test_cli_read_only (void)
{
  check_cli_refused (RH_FAULT_FS_READ_ONLY);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  home = rh_test_use_temporary_home ("disk-errors");

  g_test_add_func ("/disk-errors/state/full", test_state_full);
  g_test_add_func ("/disk-errors/state/read-only", test_state_read_only);
  g_test_add_func ("/disk-errors/state/fills-up", test_state_fills_up);
  g_test_add_func ("/disk-errors/state/missing-read-only", test_state_missing_read_only);
  g_test_add_func ("/disk-errors/state/damaged-read-only", test_state_damaged_read_only);
  g_test_add_func ("/disk-errors/cache/full", test_cache_full);
  g_test_add_func ("/disk-errors/cache/read-only", test_cache_read_only);
  g_test_add_func ("/disk-errors/import/full", test_import_full);
  g_test_add_func ("/disk-errors/import/read-only", test_import_read_only);
  g_test_add_func ("/disk-errors/cli/full", test_cli_full);
  g_test_add_func ("/disk-errors/cli/read-only", test_cli_read_only);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
