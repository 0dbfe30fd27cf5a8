/* bench-import.c
 *
 * Imports a folder of synthetic pages, as a user opening a saved copy of
 * the site would: half of them site payload files, half saved web pages
 * around the same payload, in subfolders. Measures the asynchronous
 * import from the call to its summary, and how long the main thread went
 * without running its loop meanwhile (what the window would feel).
 *
 *   bench-import [--files N] [--runs R]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-bench-util.h"
#include "rh-imports.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"

#define QUESTIONS_PER_FILE 8

/* As a browser saves it: markup around the payload, which is most of a
 * real page's bytes. */
static void
wrap_as_saved_page (const char *json_path,
                    const char *html_path)
{
  g_autofree char    *payload = NULL;
  g_autoptr (GString) page = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                                           "<title>Saved page</title>\n"
                                           "<link rel=\"stylesheet\" href=\"./page_files/entry.css\">\n"
                                           "<script type=\"module\" src=\"./page_files/entry.js\" crossorigin></script>\n"
                                           "</head>\n<body><div id=\"__nuxt\">");
  g_autoptr (GError)  error = NULL;

  if (!g_file_get_contents (json_path, &payload, NULL, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (page, "<section class=\"q-card\"><h2>Question %u</h2><div class=\"answer\"><p>An answer "
                                  "with <code>code</code> &amp; entities &lt;like this&gt;.</p></div></section>\n",
                            i + 1);
  g_string_append (page, "</div>\n<script>window.__NUXT__={};window.__NUXT__.config={public:{},app:{baseURL:\"/\"}}</script>\n"
                         "<script type=\"application/json\" data-nuxt-data=\"nuxt-app\" data-ssr=\"true\" id=\"__NUXT_DATA__\">");
  g_string_append (page, payload);
  g_string_append (page, "</script></body></html>\n");

  if (!g_file_set_contents (html_path, page->str, page->len, &error))
    g_error ("%s", error->message);
  g_unlink (json_path);
}

/* The generated files, page-NNNNN.json, go in groups of a hundred into
 * subfolders, every other one as a saved web page. */
static void
make_site (const char *directory,
           guint       n_files)
{
  g_autoptr (GError) error = NULL;

  if (!rh_synthetic_write_library (directory, n_files * QUESTIONS_PER_FILE, 42, NULL, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%05u.json", i);
      g_autofree char *from = g_build_filename (directory, name, NULL);
      g_autofree char *group = g_strdup_printf ("%s/part-%02u", directory, i / 100);
      g_autofree char *to = NULL;

      g_mkdir_with_parents (group, 0755);
      if (i % 2 == 1)
        {
          g_autofree char *html_name = g_strdup_printf ("page-%05u.html", i);

          to = g_build_filename (group, html_name, NULL);
          wrap_as_saved_page (from, to);
        }
      else
        {
          to = g_build_filename (group, name, NULL);
          if (g_rename (from, to) != 0)
            g_error ("cannot move %s", from);
        }
    }
}

typedef struct
{
  GMainLoop       *loop;
  RhImportSummary *summary;
  double           last_tick;
  double           longest_stall;
  guint            n_progress;
} Run;

static gboolean
on_tick (gpointer data)
{
  Run   *run = data;
  double now = rh_bench_now_ms ();

  run->longest_stall = MAX (run->longest_stall, now - run->last_tick);
  run->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
on_progress (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  Run *run = user_data;

  run->n_progress++;
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run               *run = user_data;
  g_autoptr (GError) error = NULL;

  run->summary = rh_imports_add_finish (RH_LIBRARY (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (run->loop);
}

static double
time_import (const char *site,
             guint       n_files,
             gboolean    async,
             double     *out_stall,
             guint      *out_progress)
{
  g_autofree char            *home = rh_test_use_temporary_home ("bench-import");
  g_autoptr (RhLibrary)       library = rh_library_new ();
  g_autoptr (RhImportSummary) summary = NULL;
  const char                 *files[] = { site };
  double                      start = rh_bench_now_ms ();
  double                      elapsed;

  if (async)
    {
      Run   run = { g_main_loop_new (NULL, FALSE), NULL, start, 0, 0 };
      guint tick = g_timeout_add (5, on_tick, &run);

      rh_imports_add_async (library, NULL, files, 1, NULL, on_progress, &run, NULL, on_imported, &run);
      g_main_loop_run (run.loop);
      elapsed = rh_bench_now_ms () - start;
      g_source_remove (tick);
      g_main_loop_unref (run.loop);
      summary = run.summary;
      *out_stall = run.longest_stall;
      *out_progress = run.n_progress;
    }
  else
    {
      summary = rh_imports_add (library, NULL, files, 1);
      elapsed = rh_bench_now_ms () - start;
    }

  if (summary->n_failed != 0 || summary->n_pages != n_files || summary->results->len != n_files)
    g_error ("imported %u pages of %u files, %u failed", summary->n_pages, n_files, summary->n_failed);
  if (rh_library_get_n_questions (library) != n_files * QUESTIONS_PER_FILE)
    g_error ("the library has %u questions, expected %u", rh_library_get_n_questions (library),
             n_files * QUESTIONS_PER_FILE);

  rh_test_remove_tree (home);

  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError)         error = NULL;
  g_autoptr (GArray)         async_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         sync_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         stall_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char           *root = NULL;
  g_autofree char           *site = NULL;
  int                        n_files = 1000;
  int                        runs = 3;
  guint                      n_progress = 0;
  const GOptionEntry         entries[] = {
            { "files", 'n', 0, G_OPTION_ARG_INT, &n_files, "Files in the folder", "N" },
            { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each measurement", "R" },
            { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  root = g_dir_make_tmp ("rehearse-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  site = g_build_filename (root, "site", NULL);
  make_site (site, n_files);
  g_print ("folder: %d files (half saved web pages) in %d subfolders, %u cores\n", n_files, (n_files + 99) / 100,
           g_get_num_processors ());

  for (int i = 0; i < runs; i++)
    {
      double stall = 0;
      double ms = time_import (site, n_files, TRUE, &stall, &n_progress);

      g_array_append_val (async_samples, ms);
      g_array_append_val (stall_samples, stall);
      ms = time_import (site, n_files, FALSE, NULL, NULL);
      g_array_append_val (sync_samples, ms);
    }

  g_print ("import, asynchronous: median %.0f ms (%.2f ms a file), %u progress reports\n",
           rh_bench_percentile (async_samples, 0.5), rh_bench_percentile (async_samples, 0.5) / n_files, n_progress);
  g_print ("  longest the main loop waited meanwhile: median %.1f ms, worst %.1f ms\n",
           rh_bench_percentile (stall_samples, 0.5), rh_bench_percentile (stall_samples, 1.0));
  g_print ("import, blocking (rh_imports_add): median %.0f ms\n", rh_bench_percentile (sync_samples, 0.5));

  rh_test_remove_tree (root);

  return 0;
}
