/* bench-startup.c
 *
 * From exec to the window on screen with the first page rendered, for
 * Rehearse on its bundled library and, side by side in the same run, for
 * a bare AdwApplicationWindow holding an empty WebKitWebView. Rehearse
 * runs twice in each round: with the search index the run before left
 * valid, and with no index at all, as on a first start, so that the
 * index is built while the page comes up. Runs alternate, so all see
 * the same machine.
 *
 *   bench-startup BENCH-STARTUP-APP BARE-WINDOW [RUNS]
 *
 * BENCH-STARTUP-APP is Rehearse with a watch that says when its first
 * page has loaded (bench-startup-app.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rh-bench-util.h"

typedef enum
{
  BENCH_STARTUP_BARE_WINDOW,
  BENCH_STARTUP_VALID_INDEX,
  BENCH_STARTUP_NO_INDEX,
} BenchStartupVariant;

static char *home;

/* The index as rh_search_index_get_default_path() places it under the
 * runs' own cache directory, and SQLite's side files. */
static const char *const index_files[] = {
  "search.sqlite3",
  "search.sqlite3-wal",
  "search.sqlite3-shm",
  "search.sqlite3-journal",
};

/* A run with no index builds one, and may quit before it is done: the
 * valid index is kept aside meanwhile and put back afterwards. */
static void
bench_startup_set_index_aside (gboolean aside)
{
  for (guint i = 0; i < G_N_ELEMENTS (index_files); i++)
    {
      g_autofree char *path = g_build_filename (home, "rehearse", index_files[i], NULL);
      g_autofree char *kept = g_strconcat (path, ".kept", NULL);

      if (aside)
        g_rename (path, kept);
      else
        {
          g_unlink (path);
          g_rename (kept, path);
        }
    }
}

static double
bench_startup_run_once (const char         *program,
                        BenchStartupVariant variant)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GDataInputStream)    out = NULL;
  g_autoptr (GError)              error = NULL;
  g_autofree char                *line = NULL;
  gint64                          start, rendered;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* One home for every run, so the index built by the first run is the
   * valid index the others find. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  if (variant == BENCH_STARTUP_NO_INDEX)
    bench_startup_set_index_aside (TRUE);

  /* Timed up to the line each program prints once its first page has
   * loaded in a shown window; how long it then takes to exit is not
   * part of a start. */
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  rendered = g_get_monotonic_time ();
  g_assert_no_error (error);
  if (g_strcmp0 (line, "first page rendered") != 0)
    g_error ("%s did not render its first page", program);

  g_subprocess_wait_check (process, NULL, &error);
  if (error != NULL)
    g_error ("%s: %s", program, error->message);
  if (variant == BENCH_STARTUP_NO_INDEX)
    bench_startup_set_index_aside (FALSE);

  return (rendered - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GArray) app_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) bare_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) no_index_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  double             no_index_ms;
  int                runs = argc > 3 ? atoi (argv[3]) : 10;
  double             app_ms, bare_ms;

  if (argc < 3)
    {
      g_printerr ("usage: %s BENCH-STARTUP-APP BARE-WINDOW [RUNS]\n", argv[0]);
      return 2;
    }

  home = g_dir_make_tmp ("rehearse-startup-XXXXXX", &error);
  g_assert_no_error (error);

  /* One of each first, to warm the page cache and build the index. */
  bench_startup_run_once (argv[1], BENCH_STARTUP_VALID_INDEX);
  bench_startup_run_once (argv[1], BENCH_STARTUP_NO_INDEX);
  bench_startup_run_once (argv[2], BENCH_STARTUP_BARE_WINDOW);

  for (int i = 0; i < runs; i++)
    {
      double sample = bench_startup_run_once (argv[2], BENCH_STARTUP_BARE_WINDOW);

      g_array_append_val (bare_samples, sample);
      sample = bench_startup_run_once (argv[1], BENCH_STARTUP_VALID_INDEX);
      g_array_append_val (app_samples, sample);
      sample = bench_startup_run_once (argv[1], BENCH_STARTUP_NO_INDEX);
      g_array_append_val (no_index_samples, sample);
    }

  app_ms = rh_bench_percentile (app_samples, 0.5);
  bare_ms = rh_bench_percentile (bare_samples, 0.5);
  no_index_ms = rh_bench_percentile (no_index_samples, 0.5);
  g_print ("start-up, exec to first page rendered, median of %d runs:\n", runs);
  g_print ("  bare AdwApplicationWindow + empty WebKitWebView: %7.1f ms\n", bare_ms);
  g_print ("  Rehearse, with a valid search index:             %7.1f ms\n", app_ms);
  g_print ("  Rehearse, no index yet (built during the start): %7.1f ms\n", no_index_ms);
  g_print ("  Rehearse / bare window: %.2f (target <= 1.20)\n", app_ms / bare_ms);
  g_print ("  no index / valid index: %.2f\n", no_index_ms / app_ms);

  return 0;
}
