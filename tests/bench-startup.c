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

static double
run_once (const char *program,
          gboolean    is_rehearse)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  if (is_rehearse)
    {
      g_subprocess_launcher_setenv (launcher, "REHEARSE_BENCHMARK_STARTUP", "1", TRUE);
      /* A second instance would only hand its work to a first one. */
    }

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  if (error != NULL)
    g_error ("%s: %s", program, error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);

  return g_array_index (samples, double, samples->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) app_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_samples = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = argc > 3 ? atoi (argv[3]) : 10;
  double app_ms, bare_ms;

  if (argc < 3)
    {
      g_printerr ("usage: %s REHEARSE BARE-WINDOW [RUNS]\n", argv[0]);
      return 2;
    }

  /* One of each first, to warm the page cache. */
  run_once (argv[1], TRUE);
  run_once (argv[2], FALSE);

  for (int i = 0; i < runs; i++)
    {
      double sample = run_once (argv[2], FALSE);

      g_array_append_val (bare_samples, sample);
      sample = run_once (argv[1], TRUE);
      g_array_append_val (app_samples, sample);
    }

  app_ms = median (app_samples);
  bare_ms = median (bare_samples);
  g_print ("start-up, exec to first page rendered, median of %d runs:\n", runs);
  g_print ("  bare AdwApplicationWindow + empty WebKitWebView: %7.1f ms\n", bare_ms);
  g_print ("  Rehearse on its bundled library:                 %7.1f ms\n", app_ms);
  g_print ("  ratio %.2f (target <= 1.20)\n", app_ms / bare_ms);

  return 0;
}
