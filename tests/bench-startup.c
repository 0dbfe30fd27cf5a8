/* bench-startup.c
 *
 * From exec to the window on screen with the first page rendered, for
 * Rehearse on its bundled library, and on the bundled library with
 * 10,000 and 100,000 synthetic questions imported, each reopening the
 * same page, and for a bare AdwApplicationWindow holding an
 * empty WebKitWebView, alternated in one run so that all see the same
 * machine. The bare window also shows that first page, as Rehearse
 * exports it with its stylesheet inside: what the page itself costs
 * WebKit, apart from Rehearse. Each library is started warm (its load cache and search
 * index left valid by the run before) and as on a first start (neither
 * there yet). Each program runs in a home of its own, warmed by one run
 * first: a fresh home spends most of a second on font and shader caches
 * that a real first start would have had from the desktop already.
 *
 *   bench-startup BENCH-STARTUP-APP BARE-WINDOW [--runs N]
 *                 [--sizes 0,10000,100000] [--libraries DIR]
 *
 * BENCH-STARTUP-APP is Rehearse with a watch that says when its first
 * page has loaded and how much memory it then holds (bench-startup-app.c).
 * Size 0 is the bundled library alone. REHEARSE_CONTENT_DIR, if set,
 * says where the bundled library is. --libraries keeps the generated
 * libraries in DIR between runs of the benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rh-bench-util.h"
#include "rh-synthetic.h"

/* The bundled library's first page, which it opens on a first start
 * anyway. */
#define BENCH_STARTUP_PAGE "/git/branching/branches"

typedef enum
{
  BENCH_STARTUP_WARM,
  BENCH_STARTUP_FIRST,
} BenchStartupKind;

typedef struct
{
  char    *label;
  char    *program;
  char    *argument; /* the bare window's page, or NULL */
  char    *page; /* where Rehearse is to write its first page, or NULL */
  char    *imports; /* synthetic files the user imported; NULL for the
                     * bundled library alone and the bare window */
  char    *home;
  GArray  *warm_ms;
  GArray  *first_ms;
  GArray  *warm_ready_ms; /* a warm start, until loaded and its index checked */
  GArray  *first_ready_ms; /* a first start, until loaded and indexed */
  GArray  *first_page_rss_mb; /* peak RSS once the first page is up */
  GArray  *rest_rss_mb; /* peak RSS once the search index is ready too */
  GArray  *now_rss_mb; /* RSS then, not the peak */
  GArray  *first_now_rss_mb; /* RSS of a first start once loaded and indexed */
  gboolean bare;
} BenchStartupSubject;

/* What a first start does not have yet: the load cache and the search
 * index, with SQLite's side files. */
static const char *const first_start_files[] = {
  "library.cache",
  "search.sqlite3",
  "search.sqlite3-wal",
  "search.sqlite3-shm",
  "search.sqlite3-journal",
};

/* A first start may quit before the index is built: what the warm runs
 * use is kept aside meanwhile and put back afterwards. */
static void
bench_startup_set_caches_aside (BenchStartupSubject *subject,
                                gboolean             aside)
{
  for (guint i = 0; i < G_N_ELEMENTS (first_start_files); i++)
    {
      g_autofree char *path = g_build_filename (subject->home, "cache", "rehearse", first_start_files[i], NULL);
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
bench_startup_parse_rss (const char *line,
                         const char *prefix)
{
  if (line == NULL || !g_str_has_prefix (line, prefix))
    return -1;

  return g_ascii_strtod (line + strlen (prefix), NULL) / 1024.0;
}

static void
bench_startup_run_once (BenchStartupSubject *subject,
                        BenchStartupKind     kind,
                        gboolean             record)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GDataInputStream)    out = NULL;
  g_autoptr (GError)              error = NULL;
  g_autofree char                *line = NULL;
  g_autofree char                *data_home = g_build_filename (subject->home, "data", NULL);
  g_autofree char                *cache_home = g_build_filename (subject->home, "cache", NULL);
  g_autofree char                *config_home = g_build_filename (subject->home, "config", NULL);
  gint64                          start, rendered;
  double                          ms;

  /* Settings in a file, so that each start reopens the page of the one
   * before, as the user's would. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", subject->bare ? "memory" : "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  /* Every run stays until the index is checked: a warm one to tell the
   * memory a window at rest holds, a first one to tell how long the
   * library takes to load and index behind the window. */
  g_subprocess_launcher_setenv (launcher, "BENCH_STARTUP_WAIT_FOR_SEARCH", "1", TRUE);
  if (kind == BENCH_STARTUP_FIRST)
    bench_startup_set_caches_aside (subject, TRUE);

  /* Timed up to the line each program prints once its first page has
   * loaded in a shown window; how long it then takes to exit is not
   * part of a start. */
  if (subject->page != NULL)
    g_subprocess_launcher_setenv (launcher, "BENCH_STARTUP_WRITE_PAGE", subject->page, TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, subject->program, subject->argument, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  rendered = g_get_monotonic_time ();
  g_assert_no_error (error);
  if (g_strcmp0 (line, "first page rendered") != 0)
    g_error ("%s did not render its first page", subject->label);
  ms = (rendered - start) / 1000.0;

  if (record)
    g_array_append_val (kind == BENCH_STARTUP_WARM ? subject->warm_ms : subject->first_ms, ms);

  /* Rehearse's watch then says what it holds. */
  for (;;)
    {
      g_autofree char *more = g_data_input_stream_read_line (out, NULL, NULL, NULL);
      double           mb;

      if (more == NULL)
        break;
      if (record && kind == BENCH_STARTUP_WARM && (mb = bench_startup_parse_rss (more, "rss-first-page ")) >= 0)
        g_array_append_val (subject->first_page_rss_mb, mb);
      if (record && kind == BENCH_STARTUP_WARM && (mb = bench_startup_parse_rss (more, "rss-at-rest ")) >= 0)
        g_array_append_val (subject->rest_rss_mb, mb);
      if (record && (mb = bench_startup_parse_rss (more, "rss-now-at-rest ")) >= 0)
        g_array_append_val (kind == BENCH_STARTUP_WARM ? subject->now_rss_mb : subject->first_now_rss_mb, mb);
      if (record && g_str_has_prefix (more, "rss-at-rest "))
        {
          double ready = (g_get_monotonic_time () - start) / 1000.0;

          g_array_append_val (kind == BENCH_STARTUP_WARM ? subject->warm_ready_ms : subject->first_ready_ms, ready);
        }
    }

  g_subprocess_wait_check (process, NULL, &error);
  if (error != NULL)
    g_error ("%s: %s", subject->label, error->message);
  if (kind == BENCH_STARTUP_FIRST)
    bench_startup_set_caches_aside (subject, FALSE);
}

/* The synthetic files become the user's imports, beside the bundled
 * library, as copies would after an import (hard links cost no space),
 * and every library reopens the same bundled page: what a start costs
 * then depends on the library's size alone, not on which page shows. */
static void
bench_startup_subject_prepare_home (BenchStartupSubject *subject)
{
  g_autofree char   *library = g_build_filename (subject->home, "data", "rehearse", "library", NULL);
  g_autofree char   *settings = g_build_filename (subject->home, "config", "glib-2.0", "settings", NULL);
  g_autofree char   *keyfile = g_build_filename (settings, "keyfile", NULL);
  g_autofree char   *group = g_strdelimit (g_strdup (APP_ID), ".", '/');
  g_autofree char   *contents = g_strdup_printf ("[%s]\nlast-page='%s'\n", group, BENCH_STARTUP_PAGE);
  g_autoptr (GDir)   dir = NULL;
  g_autoptr (GError) error = NULL;
  const char        *name;

  /* GLib's keyfile backend keeps a schema's keys in a group named after
   * its path. */
  g_assert_cmpint (g_mkdir_with_parents (settings, 0700), ==, 0);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);

  if (subject->imports == NULL)
    return;

  g_assert_cmpint (g_mkdir_with_parents (library, 0700), ==, 0);
  dir = g_dir_open (subject->imports, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (subject->imports, name, NULL);
      g_autofree char *to = g_build_filename (library, name, NULL);

      if (!g_str_has_suffix (name, ".json"))
        continue;
      if (link (from, to) != 0 && symlink (from, to) != 0)
        g_error ("cannot place %s in %s: %s", name, library, g_strerror (errno));
    }
}

static BenchStartupSubject *
bench_startup_subject_new (const char *label,
                           const char *program,
                           const char *imports,
                           gboolean    bare)
{
  BenchStartupSubject *subject = g_new0 (BenchStartupSubject, 1);
  g_autoptr (GError)   error = NULL;

  subject->label = g_strdup (label);
  subject->program = g_strdup (program);
  subject->imports = g_strdup (imports);
  subject->bare = bare;
  subject->home = g_dir_make_tmp ("rehearse-startup-XXXXXX", &error);
  g_assert_no_error (error);
  subject->warm_ms = g_array_new (FALSE, FALSE, sizeof (double));
  subject->first_ms = g_array_new (FALSE, FALSE, sizeof (double));
  subject->warm_ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  subject->first_ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  subject->first_page_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  subject->rest_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  subject->now_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  subject->first_now_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  if (!bare)
    bench_startup_subject_prepare_home (subject);

  return subject;
}

static double
bench_startup_median (GArray *samples)
{
  return samples->len > 0 ? rh_bench_percentile (samples, 0.5) : 0;
}

static char *
bench_startup_ensure_library (const char *libraries,
                              guint       n_questions)
{
  g_autofree char   *name = g_strdup_printf ("library-%u", n_questions);
  char              *directory = g_build_filename (libraries, name, NULL);
  g_autofree char   *done = g_build_filename (directory, ".complete", NULL);
  g_autoptr (GError) error = NULL;
  gsize              bytes;

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    return directory;

  g_print ("writing a library of %u questions into %s...\n", n_questions, directory);
  if (!rh_synthetic_write_library (directory, n_questions, 42, &bytes, &error))
    g_error ("%s", error->message);
  g_print ("  %.1f MB\n", bytes / 1e6);
  g_file_set_contents (done, "", 0, NULL);

  return directory;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray)      subjects = g_ptr_array_new ();
  g_autoptr (GOptionContext) context = g_option_context_new ("BENCH-STARTUP-APP BARE-WINDOW");
  g_autoptr (GError)         error = NULL;
  g_autofree char           *sizes = g_strdup ("0,10000,100000");
  g_autofree char           *libraries = NULL;
  g_auto (GStrv)             size_list = NULL;
  int                        runs = 5;
  BenchStartupSubject       *bare;
  BenchStartupSubject       *bare_page = NULL;
  guint                      first_library;
  double                     bare_ms, bundled_ms = 0, bundled_rss = 0, bundled_now = 0;
  const GOptionEntry         entries[] = {
            { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed rounds", "N" },
            { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Library sizes in questions; 0 is the bundled library", "LIST" },
            { "libraries", 0, 0, G_OPTION_ARG_FILENAME, &libraries, "Keep generated libraries here", "DIR" },
            { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 3)
    {
      g_printerr ("usage: %s BENCH-STARTUP-APP BARE-WINDOW [--runs N] [--sizes LIST] [--libraries DIR]\n", argv[0]);
      return 2;
    }

  if (libraries == NULL)
    {
      libraries = g_dir_make_tmp ("rehearse-libraries-XXXXXX", &error);
      g_assert_no_error (error);
    }

  bare = bench_startup_subject_new ("bare window", argv[2], NULL, TRUE);
  g_ptr_array_add (subjects, bare);

  size_list = g_strsplit (sizes, ",", -1);
  for (guint i = 0; size_list[i] != NULL; i++)
    {
      guint            n = (guint) g_ascii_strtoull (size_list[i], NULL, 10);
      g_autofree char *label = n == 0 ? g_strdup ("bundled library") : g_strdup_printf ("%u questions", n);
      g_autofree char *directory = n == 0 ? NULL : bench_startup_ensure_library (libraries, n);

      g_ptr_array_add (subjects, bench_startup_subject_new (label, argv[1], directory, FALSE));
    }

  /* One of each first: it fills the home's font and shader caches, and
   * leaves a load cache and an index for the warm runs. The first
   * library writes out its page for the bare window to show. */
  if (subjects->len > 1)
    {
      BenchStartupSubject *library = g_ptr_array_index (subjects, 1);

      library->page = g_build_filename (library->home, "first-page.html", NULL);
    }
  for (guint i = 0; i < subjects->len; i++)
    bench_startup_run_once (g_ptr_array_index (subjects, i), BENCH_STARTUP_WARM, FALSE);
  if (subjects->len > 1 && g_file_test (((BenchStartupSubject *) g_ptr_array_index (subjects, 1))->page,
                                        G_FILE_TEST_EXISTS))
    {
      BenchStartupSubject *library = g_ptr_array_index (subjects, 1);

      bare_page = bench_startup_subject_new ("bare window showing the page", argv[2], NULL, TRUE);
      bare_page->argument = g_steal_pointer (&library->page);
      g_ptr_array_insert (subjects, 1, bare_page);
      bench_startup_run_once (bare_page, BENCH_STARTUP_WARM, FALSE);
    }

  for (int r = 0; r < runs; r++)
    {
      for (guint i = 0; i < subjects->len; i++)
        {
          BenchStartupSubject *subject = g_ptr_array_index (subjects, i);

          bench_startup_run_once (subject, BENCH_STARTUP_WARM, TRUE);
          if (!subject->bare)
            bench_startup_run_once (subject, BENCH_STARTUP_FIRST, TRUE);
        }
    }

  bare_ms = bench_startup_median (bare->warm_ms);
  g_print ("start-up, exec to first page rendered, median of %d rounds, %u cores:\n", runs, g_get_num_processors ());
  g_print ("  %-40s %8.1f ms\n", "bare AdwApplicationWindow + WebKitWebView", bare_ms);
  if (bare_page != NULL)
    g_print ("  %-40s %8.1f ms  (%.2f x bare window): the page's own cost in WebKit\n",
             "the same, showing the first page", bench_startup_median (bare_page->warm_ms),
             bench_startup_median (bare_page->warm_ms) / bare_ms);
  first_library = bare_page != NULL ? 2 : 1;
  for (guint i = first_library; i < subjects->len; i++)
    {
      BenchStartupSubject *subject = g_ptr_array_index (subjects, i);
      double               warm = bench_startup_median (subject->warm_ms);
      double               first = bench_startup_median (subject->first_ms);
      double               rss = bench_startup_median (subject->first_page_rss_mb);
      double               rest = bench_startup_median (subject->rest_rss_mb);

      if (i == first_library)
        {
          bundled_ms = warm;
          bundled_rss = rest;
          bundled_now = bench_startup_median (subject->now_rss_mb);
        }

      g_print ("  %s:\n", subject->label);
      g_print ("    warm start   %8.1f ms  (%.2f x bare window, %.2f x %s); loaded and index checked after %.1f ms\n",
               warm, warm / bare_ms, warm / bundled_ms,
               ((BenchStartupSubject *) g_ptr_array_index (subjects, first_library))->label,
               bench_startup_median (subject->warm_ready_ms));
      if (bare_page != NULL)
        g_print ("                 %8s     %.2f x the bare window showing the same page\n", "",
                 warm / bench_startup_median (bare_page->warm_ms));
      g_print ("    first start  %8.1f ms  (no load cache, no search index); loaded and indexed after %.1f ms\n",
               first, bench_startup_median (subject->first_ready_ms));
      g_print ("    peak RSS     %8.1f MB at the first page, %.1f MB once the index is checked (%+.1f MB)\n",
               rss, rest, rest - bundled_rss);
      g_print ("    RSS at rest  %8.1f MB after a warm start (%+.1f MB), %.1f MB after a first start\n",
               bench_startup_median (subject->now_rss_mb), bench_startup_median (subject->now_rss_mb) - bundled_now,
               bench_startup_median (subject->first_now_rss_mb));
    }

  return 0;
}
