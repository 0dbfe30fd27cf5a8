/* bench-startup.c
 *
 * From exec to the window on screen with the first page rendered, for
 * Rehearse on its bundled library and, side by side in the same run, for
 * a bare AdwApplicationWindow holding an empty WebKitWebView. Runs
 * alternate, so both see the same machine.
 *
 *   bench-startup REHEARSE BARE-WINDOW [RUNS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "rh-bench-util.h"

typedef enum
{
  BARE_WINDOW,
  REHEARSE,
  REHEARSE_WITHOUT_SEARCH,
} Variant;

static char *home;

static double
run_once (const char *program,
          Variant     variant)
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
  if (variant != BARE_WINDOW)
    g_subprocess_launcher_setenv (launcher, "REHEARSE_BENCHMARK_STARTUP", "1", TRUE);
  if (variant == REHEARSE_WITHOUT_SEARCH)
    g_subprocess_launcher_setenv (launcher, "REHEARSE_SEARCH", "off", TRUE);

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

  return (rendered - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GArray) app_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) bare_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) no_search_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  double             no_search_ms;
  int                runs = argc > 3 ? atoi (argv[3]) : 10;
  double             app_ms, bare_ms;

  if (argc < 3)
    {
      g_printerr ("usage: %s REHEARSE BARE-WINDOW [RUNS]\n", argv[0]);
      return 2;
    }

  home = g_dir_make_tmp ("rehearse-startup-XXXXXX", &error);
  g_assert_no_error (error);

  /* One of each first, to warm the page cache and build the index. */
  run_once (argv[1], REHEARSE);
  run_once (argv[1], REHEARSE_WITHOUT_SEARCH);
  run_once (argv[2], BARE_WINDOW);

  for (int i = 0; i < runs; i++)
    {
      double sample = run_once (argv[2], BARE_WINDOW);

      g_array_append_val (bare_samples, sample);
      sample = run_once (argv[1], REHEARSE);
      g_array_append_val (app_samples, sample);
      sample = run_once (argv[1], REHEARSE_WITHOUT_SEARCH);
      g_array_append_val (no_search_samples, sample);
    }

  app_ms = rh_bench_percentile (app_samples, 0.5);
  bare_ms = rh_bench_percentile (bare_samples, 0.5);
  no_search_ms = rh_bench_percentile (no_search_samples, 0.5);
  g_print ("start-up, exec to first page rendered, median of %d runs:\n", runs);
  g_print ("  bare AdwApplicationWindow + empty WebKitWebView: %7.1f ms\n", bare_ms);
  g_print ("  Rehearse, search off:                            %7.1f ms\n", no_search_ms);
  g_print ("  Rehearse, with a valid search index:             %7.1f ms\n", app_ms);
  g_print ("  Rehearse / bare window: %.2f (target <= 1.20)\n", app_ms / bare_ms);
  g_print ("  valid index / search off: %.2f (target <= 1.10)\n", app_ms / no_search_ms);

  return 0;
}
