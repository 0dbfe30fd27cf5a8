/* test-library-load.c
 *
 * Loading the library behind a window: the first files, to a limit, are
 * in at once, the rest joins on the main context in file order, the model
 * ends up the same as a load that waited for every file, and a
 * cancelled load stops cleanly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-checker.h"
#include "rh-content-dirs.h"
#include "rh-library-load.h"
#include "rh-library.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"

#define N_QUESTIONS 2000

static char      *library_dir;
static GPtrArray *library_files;

typedef struct
{
  GPtrArray *results;
  GError    *error;
  GArray    *progress; /* guint n_done, one per call */
  guint      n_files_seen;
  gboolean   done;
} LoadWatch;

static void
watch_progress (guint    n_done,
                guint    n_files,
                gpointer user_data)
{
  LoadWatch *watch = user_data;

  g_array_append_val (watch->progress, n_done);
  watch->n_files_seen = n_files;
}

static void
watch_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LoadWatch *watch = user_data;

  watch->results = rh_library_load_files_cached_finish (RH_LIBRARY (object), result, &watch->error);
  watch->done = TRUE;
}

static void
watch_clear (LoadWatch *watch)
{
  g_clear_pointer (&watch->results, g_ptr_array_unref);
  g_clear_error (&watch->error);
  g_clear_pointer (&watch->progress, g_array_unref);
}

static void
load_async (RhLibrary    *library,
            const char   *cache_file,
            guint64       max_sync_bytes,
            GCancellable *cancellable,
            LoadWatch    *watch)
{
  *watch = (LoadWatch){ 0 };
  watch->progress = g_array_new (FALSE, FALSE, sizeof (guint));
  rh_library_load_files_cached_async (library, (const char *const *) library_files->pdata, library_files->len,
                                      cache_file, max_sync_bytes, cancellable, watch_progress, watch, NULL,
                                      watch_done, watch);
}

static char *
new_cache_file (void)
{
  g_autofree char *name = g_strdup_printf ("library-load-%u.cache", g_random_int ());
  char            *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_unlink (path);

  return path;
}

/* What the first @n library files come to. */
static guint64
files_size (guint n)
{
  guint64 size = 0;

  for (guint i = 0; i < n; i++)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (g_ptr_array_index (library_files, i), &st), ==, 0);
      size += (guint64) st.st_size;
    }

  return size;
}

static char *
load_all_at_once (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = rh_library_load_files (library, (const char *const *) library_files->pdata,
                                                         library_files->len);

  return rh_checker_format_json (library, results);
}

/* Nothing is cached: the call returns with the model empty, and the
 * main context fills it, reporting progress up to every file. */
static void
test_background_load_matches_waiting_load (void)
{
  g_autofree char      *cache_file = new_cache_file ();
  g_autofree char      *expected = load_all_at_once ();
  g_autofree char      *loaded = NULL;
  g_autoptr (RhLibrary) library = rh_library_new ();
  LoadWatch             watch;

  load_async (library, cache_file, 0, NULL, &watch);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 0);
  g_assert_false (watch.done);

  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (watch.error);
  g_assert_nonnull (watch.results);
  g_assert_cmpuint (watch.results->len, ==, library_files->len);
  for (guint i = 0; i < watch.results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (watch.results, i);

      g_assert_nonnull (result);
      g_assert_cmpstr (result->file, ==, g_ptr_array_index (library_files, i));
    }

  /* Progress only grows, and ends at every file. */
  g_assert_cmpuint (watch.progress->len, >, 0);
  g_assert_cmpuint (watch.n_files_seen, ==, library_files->len);
  for (guint i = 1; i < watch.progress->len; i++)
    g_assert_cmpuint (g_array_index (watch.progress, guint, i), >, g_array_index (watch.progress, guint, i - 1));
  g_assert_cmpuint (g_array_index (watch.progress, guint, watch.progress->len - 1), ==, library_files->len);

  loaded = rh_checker_format_json (library, watch.results);
  g_assert_cmpstr (loaded, ==, expected);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, N_QUESTIONS);
  g_assert_true (g_file_test (cache_file, G_FILE_TEST_EXISTS));

  watch_clear (&watch);
  g_unlink (cache_file);
}

/* Once the cache holds every file, all of it is in before the call
 * returns, with nothing left for the background; and small loads never
 * go to the background at all. */
static void
test_cached_files_are_in_at_once (void)
{
  g_autofree char *cache_file = new_cache_file ();
  g_autofree char *expected = load_all_at_once ();

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (RhLibrary) library = rh_library_new ();
      g_autofree char      *loaded = NULL;
      LoadWatch             watch;

      /* Round 0 reads every file before returning, as the bundled
       * library does; rounds 1 and 2 find them in the cache. */
      load_async (library, cache_file, G_MAXUINT64, NULL, &watch);
      g_assert_cmpuint (rh_library_get_n_questions (library), ==, N_QUESTIONS);

      while (!watch.done)
        g_main_context_iteration (NULL, TRUE);

      g_assert_no_error (watch.error);
      g_assert_cmpuint (watch.progress->len, ==, 0);
      loaded = rh_checker_format_json (library, watch.results);
      g_assert_cmpstr (loaded, ==, expected);
      watch_clear (&watch);
    }

  g_unlink (cache_file);
}

/* A file changed since the cache was written is read again, in the
 * background, and its new content wins. */
static void
test_changed_file_loads_in_background (void)
{
  g_autofree char      *cache_file = new_cache_file ();
  g_autofree char      *file = g_build_filename (library_dir, "changed.json", NULL);
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GError)    error = NULL;
  LoadWatch             watch;
  RhQuestion           *question;
  guint                 n_cached;

  g_ptr_array_add (library_files, g_strdup (file));
  g_assert_true (g_file_set_contents (file,
                                      "{\"page\":{\"framework\":\"Changed\",\"topic\":\"T\",\"subtopic\":\"S\","
                                      "\"path\":\"/changed/t/s\",\"updated\":\"2026-01-01\",\"questions\":"
                                      "[{\"id\":\"q\",\"difficulty\":\"easy\",\"q\":\"Old?\",\"a\":\"old\"}]}}",
                                      -1, &error));
  g_assert_no_error (error);

  {
    g_autoptr (RhLibrary) first = rh_library_new ();

    load_async (first, cache_file, G_MAXUINT64, NULL, &watch);
    while (!watch.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (watch.error);
    watch_clear (&watch);
  }

  /* A different size, so the stamp differs even within one second. */
  g_assert_true (g_file_set_contents (file,
                                      "{\"page\":{\"framework\":\"Changed\",\"topic\":\"T\",\"subtopic\":\"S\","
                                      "\"path\":\"/changed/t/s\",\"updated\":\"2026-01-01\",\"questions\":"
                                      "[{\"id\":\"q\",\"difficulty\":\"easy\",\"q\":\"New?\",\"a\":\"the new one\"}]}}",
                                      -1, &error));
  g_assert_no_error (error);

  /* The files before it fit in what may load at once. */
  load_async (library, cache_file, files_size (library_files->len - 1), NULL, &watch);
  n_cached = rh_library_get_n_questions (library);
  g_assert_cmpuint (n_cached, ==, N_QUESTIONS);
  g_assert_null (rh_library_lookup_question (library, "/changed/t/s", "q"));

  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (watch.error);

  question = rh_library_lookup_question (library, "/changed/t/s", "q");
  g_assert_nonnull (question);
  g_assert_cmpstr (rh_question_get_answer (question), ==, "the new one");
  g_assert_cmpuint (watch.progress->len, >, 0);
  g_assert_cmpuint (watch.n_files_seen, ==, 1);

  watch_clear (&watch);
  g_ptr_array_remove_index (library_files, library_files->len - 1);
  g_unlink (file);
  g_unlink (cache_file);
}

/* Past what may load at once, files the cache holds join in the
 * background too, from the cache: the first ones are in when the call
 * returns, the rest come on the main context, nothing is parsed (the
 * cache is not written again), and the model is the one a waiting load
 * makes. */
static void
test_cached_files_past_the_limit_in_background (void)
{
  g_autofree char      *cache_file = new_cache_file ();
  g_autofree char      *expected = load_all_at_once ();
  g_autofree char      *loaded = NULL;
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (RhLibrary) first_half = rh_library_new ();
  g_autoptr (GPtrArray) first_results = NULL;
  guint                 half = library_files->len / 2;
  GStatBuf              before, after;
  LoadWatch             watch;

  g_assert_cmpuint (half, >, 1);
  load_async (library, cache_file, G_MAXUINT64, NULL, &watch);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (watch.error);
  watch_clear (&watch);
  g_clear_object (&library);
  g_assert_cmpint (g_stat (cache_file, &before), ==, 0);

  first_results = rh_library_load_files (first_half, (const char *const *) library_files->pdata, half);
  library = rh_library_new ();
  load_async (library, cache_file, files_size (half), NULL, &watch);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, rh_library_get_n_questions (first_half));
  g_assert_cmpuint (rh_library_get_n_questions (library), <, N_QUESTIONS);
  g_assert_false (watch.done);

  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (watch.error);

  g_assert_cmpuint (watch.n_files_seen, ==, library_files->len - half);
  g_assert_cmpuint (g_array_index (watch.progress, guint, watch.progress->len - 1), ==, library_files->len - half);
  for (guint i = 0; i < watch.results->len; i++)
    g_assert_nonnull (g_ptr_array_index (watch.results, i));
  loaded = rh_checker_format_json (library, watch.results);
  g_assert_cmpstr (loaded, ==, expected);

  g_assert_cmpint (g_stat (cache_file, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);

  watch_clear (&watch);
  g_unlink (cache_file);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/* Cancelled halfway, the load says so, writes no cache, and leaves a
 * model that holds only whole files. */
static void
test_cancelled_load (void)
{
  g_autofree char         *cache_file = new_cache_file ();
  g_autoptr (RhLibrary)    library = rh_library_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  LoadWatch                watch;

  load_async (library, cache_file, 0, cancellable, &watch);
  g_idle_add_full (G_PRIORITY_HIGH, cancel_soon, cancellable, NULL);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (watch.results);
  g_assert_cmpuint (rh_library_get_n_questions (library), <, N_QUESTIONS);
  g_assert_cmpuint (rh_library_get_n_questions (library) % 8, ==, 0);
  g_assert_false (g_file_test (cache_file, G_FILE_TEST_EXISTS));

  watch_clear (&watch);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int                ret;

  g_test_init (&argc, &argv, NULL);

  library_dir = g_dir_make_tmp ("rehearse-library-load-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (rh_synthetic_write_library (library_dir, N_QUESTIONS, 7, NULL, &error));
  g_assert_no_error (error);
  library_files = rh_content_dirs_list_files (library_dir);
  g_assert_cmpuint (library_files->len, >, 8);

  g_test_add_func ("/library-load/background-matches-waiting-load", test_background_load_matches_waiting_load);
  g_test_add_func ("/library-load/cached-files-in-at-once", test_cached_files_are_in_at_once);
  g_test_add_func ("/library-load/changed-file-in-background", test_changed_file_loads_in_background);
  g_test_add_func ("/library-load/cached-past-the-limit-in-background", test_cached_files_past_the_limit_in_background);
  g_test_add_func ("/library-load/cancelled", test_cancelled_load);

  ret = g_test_run ();

  g_ptr_array_unref (library_files);
  rh_test_remove_tree (library_dir);
  g_free (library_dir);

  return ret;
}
