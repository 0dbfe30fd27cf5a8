/* test-export.c
 *
 * `rehearse --export-html`, run as users run it: no display, the bundled
 * library or given files, standalone pages and an index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-test-util.h"

static int
run_export (const char *const *argv,
            char             **out_stdout,
            char             **out_stderr)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GError)              error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static char *
read_file (const char *directory,
           const char *name)
{
  g_autofree char   *path = g_build_filename (directory, name, NULL);
  g_autoptr (GError) error = NULL;
  char              *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_bundled_library (void)
{
  const char        *binary = g_getenv ("REHEARSE_BIN");
  g_autoptr (GError) error = NULL;
  g_autofree char   *directory = NULL;
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  g_autofree char   *index = NULL;
  g_autofree char   *page = NULL;

  if (binary == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  directory = g_dir_make_tmp ("rehearse-export-XXXXXX", &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { binary, "--export-html", directory, NULL };

    g_assert_cmpint (run_export (argv, &out, &err), ==, 0);
  }
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Exported 18 pages to "));

  index = read_file (directory, "index.html");
  g_assert_nonnull (strstr (index, "<a href=\"python/concurrency/multiprocessing.html\">Multiprocessing</a>"));
  g_assert_nonnull (strstr (index, "<h2>Git</h2>"));

  page = read_file (directory, "python/concurrency/multiprocessing.html");
  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (page, "<style>\n"));
  g_assert_nonnull (strstr (page, "hl-keyword"));
  g_assert_nonnull (strstr (page, "id=\"q-process-vs-pool\""));
  /* Standalone: nothing that points back into the app. */
  g_assert_null (strstr (page, "rehearse:"));
  g_assert_null (strstr (page, "<link"));

  rh_test_remove_tree (directory);
}

static void
test_given_files_and_a_bad_one (void)
{
  const char        *binary = g_getenv ("REHEARSE_BIN");
  g_autofree char   *fixture = rh_test_fixture_path ("rebasing.payload.json");
  g_autofree char   *bad = rh_test_write_temp ("export-bad.json", "[", -1);
  g_autoptr (GError) error = NULL;
  g_autofree char   *directory = NULL;
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  g_autofree char   *index = NULL;

  if (binary == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  directory = g_dir_make_tmp ("rehearse-export-XXXXXX", &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { binary, "--export-html", directory, fixture, bad, NULL };

    /* The bad file is reported and the good one still exported. */
    g_assert_cmpint (run_export (argv, &out, &err), ==, 1);
  }
  g_assert_nonnull (strstr (err, "export-bad.json: line 1"));
  g_assert_true (g_str_has_prefix (out, "Exported 1 page to "));
  index = read_file (directory, "index.html");
  g_assert_nonnull (strstr (index, "git/branching/rebasing.html"));
  g_assert_nonnull (strstr (index, "<li class=\"unavailable\">Branches</li>"));
  {
    g_autofree char *page = g_build_filename (directory, "git", "branching", "rebasing.html", NULL);

    g_assert_true (g_file_test (page, G_FILE_TEST_EXISTS));
  }

  rh_test_remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/bundled-library", test_bundled_library);
  g_test_add_func ("/export/given-files-and-a-bad-one", test_given_files_and_a_bad_one);

  return g_test_run ();
}
