/* bench-page-switch.c
 *
 * Switching between two subtopic pages of ten questions each, timed from
 * the sidebar selection to WebKit's load-finished, in the real window.
 * As a baseline in the same run and the same view: WebKit loading a
 * trivial page, the floor any switch pays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bench-util.h"

#include <glib/gstdio.h>

#include "rh-content-writer.h"
#include "rh-synthetic.h"
#include "rh-ui-test-util.h"

#define RUNS 60
#define SETTLE_MS 250

typedef struct
{
  gint64   finished_at;
  gboolean finished;
} LoadTimer;

static void
on_load_changed (WebKitWebView  *web_view,
                 WebKitLoadEvent event,
                 LoadTimer      *timer)
{
  if (event == WEBKIT_LOAD_FINISHED)
    {
      timer->finished_at = g_get_monotonic_time ();
      timer->finished = TRUE;
    }
}

static gboolean
load_finished (gpointer data)
{
  return ((LoadTimer *) data)->finished;
}

static char *
write_two_pages (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_synthetic_pages (20, 10, 11);
  g_autofree char      *pack = rh_content_writer_pack (pages, "Two pages", NULL);
  char                 *directory = g_dir_make_tmp ("rehearse-bench-XXXXXX", &error);
  g_autofree char      *file = NULL;

  g_assert_no_error (error);
  file = g_build_filename (directory, "two-pages.json", NULL);
  g_file_set_contents (file, pack, -1, &error);
  g_assert_no_error (error);

  return directory;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GArray) switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char   *directory = write_two_pages ();
  RhApplication     *application;
  RhWindow          *window;
  WebKitWebView     *web_view;
  LoadTimer          timer;
  double             switch_median, switch_p95, base_median, base_p95;

  gtk_init ();
  g_setenv ("REHEARSE_CONTENT_DIR", directory, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));
  g_signal_connect (web_view, "load-changed", G_CALLBACK (on_load_changed), &timer);

  for (guint i = 0; i < RUNS + 4; i++)
    {
      const char *title = i % 2 ? "Subtopic 1" : "Subtopic 2";
      gint64      start;
      double      ms;

      /* A reader clicks on a page that is on screen, not on one still
       * being painted: let the last load settle first. */
      rh_ui_test_wait_ms (SETTLE_MS);
      timer.finished = FALSE;
      start = g_get_monotonic_time ();
      g_assert_true (rh_ui_test_select_row (window, title));
      g_assert_true (rh_ui_test_wait_until (load_finished, &timer, 10000));
      ms = (timer.finished_at - start) / 1000.0;
      if (i >= 4)
        g_array_append_val (switches, ms);

      rh_ui_test_wait_ms (SETTLE_MS);
      timer.finished = FALSE;
      start = g_get_monotonic_time ();
      webkit_web_view_load_html (web_view, "<!DOCTYPE html><p>x</p>", "rehearse://library/baseline");
      g_assert_true (rh_ui_test_wait_until (load_finished, &timer, 10000));
      ms = (timer.finished_at - start) / 1000.0;
      if (i >= 4)
        g_array_append_val (baseline, ms);
    }

  switch_median = rh_bench_percentile (switches, 0.5);
  switch_p95 = rh_bench_percentile (switches, 0.95);
  base_median = rh_bench_percentile (baseline, 0.5);
  base_p95 = rh_bench_percentile (baseline, 0.95);
  g_print ("page switch, selection to load-finished, 10 questions a page, %d switches, each %d ms after "
           "the last load:\n",
           RUNS, SETTLE_MS);
  g_print ("  switch:   median %6.1f ms, p95 %6.1f ms (target: median < 50 ms)\n", switch_median, switch_p95);
  g_print ("  baseline: median %6.1f ms, p95 %6.1f ms (WebKit loading a trivial page)\n", base_median, base_p95);
  g_print ("  ratio %.2f\n", switch_median / base_median);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
  {
    g_autofree char *file = g_build_filename (directory, "two-pages.json", NULL);

    g_unlink (file);
    g_rmdir (directory);
  }

  return 0;
}
