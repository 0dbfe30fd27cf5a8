/* bench-load.c
 *
 * Loads a synthetic library of site payload files into the model and
 * compares it with json-glib alone parsing the same files, in one run.
 *
 *   bench-load [--questions N] [--runs R] [--cache-file FILE] [DIR]
 *
 * With --cache-file, only loads through that cache, R times: the first
 * run writes it if it is not there.
 *
 * Without DIR a library is generated into a temporary directory by a
 * child process, so that generating it does not count toward peak RSS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bench-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/resource.h>

#include "rh-library-load.h"
#include "rh-synthetic.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_files (const char *directory,
            gsize      *out_bytes)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  GPtrArray       *files = g_ptr_array_new_with_free_func (g_free);
  const char      *name;

  *out_bytes = 0;
  g_assert (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char    *path = g_build_filename (directory, name, NULL);
      GStatBuf st;

      if (!g_str_has_suffix (name, ".json") || g_stat (path, &st) != 0)
        {
          g_free (path);
          continue;
        }
      *out_bytes += st.st_size;
      g_ptr_array_add (files, path);
    }

  /* In name order, as the app lists a folder. */
  g_ptr_array_sort (files, compare_paths);

  return files;
}

static double
time_json_glib (GPtrArray *files)
{
  double start = rh_bench_now_ms ();

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (GError)     error = NULL;

      if (!json_parser_load_from_mapped_file (parser, g_ptr_array_index (files, i), &error))
        g_error ("%s", error->message);
    }

  return rh_bench_now_ms () - start;
}

static double
time_load (GPtrArray *files,
           guint      threads,
           guint      expect_questions)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = NULL;
  double                start = rh_bench_now_ms ();
  double                elapsed;

  results = rh_library_load_files_with_threads (library, (const char *const *) files->pdata, files->len, threads);
  elapsed = rh_bench_now_ms () - start;

  for (guint i = 0; i < results->len; i++)
    {
      RhLoadResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL)
        g_error ("%s", result->error->message);
    }
  if (rh_library_get_n_questions (library) != expect_questions)
    g_error ("loaded %u questions, expected %u", rh_library_get_n_questions (library), expect_questions);

  return elapsed;
}

static double
time_cached_load (GPtrArray  *files,
                  const char *cache_file,
                  guint       expect_questions)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = NULL;
  double                start = rh_bench_now_ms ();
  double                elapsed;

  results = rh_library_load_files_cached (library, (const char *const *) files->pdata, files->len, cache_file);
  elapsed = rh_bench_now_ms () - start;

  if (rh_library_get_n_questions (library) != expect_questions)
    g_error ("loaded %u questions from the cache, expected %u", rh_library_get_n_questions (library),
             expect_questions);

  return elapsed;
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss;
}

static glong
current_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;

  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("[DIR]");
  g_autoptr (GError)         error = NULL;
  g_autoptr (GPtrArray)      files = NULL;
  g_autoptr (GArray)         parse_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         single_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         parallel_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         cached_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char           *cache_dir = g_dir_make_tmp ("rehearse-bench-cache-XXXXXX", NULL);
  g_autofree char           *cache_file = g_build_filename (cache_dir, "library.cache", NULL);
  double                     cached_ms, cache_write_ms;
  g_autofree char           *generated = NULL;
  g_autofree char           *generate_into = NULL;
  g_autofree char           *only_cache = NULL;
  const char                *directory;
  int                        n_questions = 10000;
  int                        runs = 5;
  gsize                      bytes;
  glong                      rss_before, rss_peak;
  double                     parse_ms, single_ms, parallel_ms, first_ms;
  const GOptionEntry         entries[] = {
            { "questions", 'n', 0, G_OPTION_ARG_INT, &n_questions, "Questions in the generated library", "N" },
            { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each measurement", "R" },
            { "generate", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &generate_into, NULL, NULL },
            { "cache-file", 0, 0, G_OPTION_ARG_FILENAME, &only_cache, "Only load through this cache", "FILE" },
            { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (generate_into != NULL)
    {
      if (!rh_synthetic_write_library (generate_into, n_questions, 42, NULL, &error))
        g_error ("%s", error->message);
      return 0;
    }

  if (argc > 1)
    directory = argv[1];
  else
    {
      g_autofree char *count = g_strdup_printf ("%d", n_questions);
      const char      *child_argv[] = { argv[0], "--generate", NULL, "--questions", count, NULL };
      int              status;

      generated = g_dir_make_tmp ("rehearse-bench-XXXXXX", &error);
      g_assert_no_error (error);
      child_argv[2] = generated;
      g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      directory = generated;
    }

  files = list_files (directory, &bytes);
  g_print ("library: %u files, %.1f MB, %d questions, %u cores\n",
           files->len, bytes / 1e6, n_questions, g_get_num_processors ());

  if (only_cache != NULL)
    {
      for (int i = 0; i < runs; i++)
        {
          double sample = time_cached_load (files, only_cache, n_questions);

          g_array_append_val (cached_samples, sample);
          g_print ("load with the cache: %8.1f ms\n", sample);
        }
      g_print ("peak RSS: %.1f MB, now %.1f MB\n", peak_rss_kib () / 1024.0, current_rss_kib () / 1024.0);
      return 0;
    }

  /* Warm the page cache so that both sides read from memory, without
   * parsing: a parse here would leave its freed memory in the heap and
   * count toward the peak measured next. */
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;

      g_file_get_contents (g_ptr_array_index (files, i), &contents, NULL, NULL);
    }

  rss_before = current_rss_kib ();
  first_ms = time_load (files, g_get_num_processors (), n_questions);
  rss_peak = peak_rss_kib ();

  for (int i = 0; i < runs; i++)
    {
      double sample = time_json_glib (files);
      g_array_append_val (parse_samples, sample);
      sample = time_load (files, 1, n_questions);
      g_array_append_val (single_samples, sample);
      sample = time_load (files, g_get_num_processors (), n_questions);
      g_array_append_val (parallel_samples, sample);
    }

  parse_ms = rh_bench_percentile (parse_samples, 0.5);
  single_ms = rh_bench_percentile (single_samples, 0.5);
  parallel_ms = rh_bench_percentile (parallel_samples, 0.5);

  /* A normal start: files unchanged since the last one come from the
   * load cache. The first cached load parses and writes the cache. */
  cache_write_ms = time_cached_load (files, cache_file, n_questions);
  for (int i = 0; i < runs; i++)
    {
      double sample = time_cached_load (files, cache_file, n_questions);
      g_array_append_val (cached_samples, sample);
    }
  cached_ms = rh_bench_percentile (cached_samples, 0.5);

  g_print ("json-glib parse only, 1 thread:    %8.1f ms  (%.1f MB/s)\n", parse_ms, bytes / 1e3 / parse_ms);
  g_print ("load into model, 1 thread:         %8.1f ms  (%.1f MB/s, %.0f questions/s)\n",
           single_ms, bytes / 1e3 / single_ms, n_questions / single_ms * 1e3);
  g_print ("load into model, all cores:        %8.1f ms  (%.1f MB/s, %.0f questions/s)\n",
           parallel_ms, bytes / 1e3 / parallel_ms, n_questions / parallel_ms * 1e3);
  g_print ("first load (cold model):           %8.1f ms\n", first_ms);
  g_print ("decoding + model over json-glib:   %+7.1f%%  (ratio %.2f, target <= 1.50)\n",
           (single_ms / parse_ms - 1) * 100, single_ms / parse_ms);
  g_print ("load with the cache, files unchanged: %8.1f ms  (%.0f questions/s; %.2fx json-glib's parse; "
           "the load that wrote it: %.1f ms)\n",
           cached_ms, n_questions / cached_ms * 1e3, cached_ms / parse_ms, cache_write_ms);
  g_print ("peak RSS during the first load: %.1f MB, %.2fx the bytes loaded (%.1f MB before loading; "
           "target < 4x)\n",
           rss_peak / 1024.0, rss_peak * 1024.0 / bytes, rss_before / 1024.0);

  g_unlink (cache_file);
  g_rmdir (cache_dir);

  if (generated != NULL)
    {
      for (guint i = 0; i < files->len; i++)
        g_unlink (g_ptr_array_index (files, i));
      g_rmdir (generated);
    }

  return 0;
}
