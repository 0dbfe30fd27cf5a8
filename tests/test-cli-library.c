/* test-cli-library.c
 *
 * The command line sees the user's library as the window does: a page
 * imported as the application imports it is found by `rehearse
 * --search` and written by `--export-html`, both run as users run them,
 * in a process of their own with no display; a changed import is seen
 * at once through the load cache; and `--search` exits as grep does,
 * saying when nothing matched, and offering a similar search, in the
 * user's language; files named on the command line are kept read for
 * the next command, which still sees every change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rh-content-dirs.h"
#include "rh-imports.h"
#include "rh-library-load.h"
#include "rh-test-util.h"

static const char go_page[] =
    "{\"format\": \"rehearse-pack\", \"version\": 1, \"title\": \"Go\", \"pages\": ["
    " {\"framework\": \"Go\", \"topic\": \"Concurrency\", \"subtopic\": \"Goroutines\","
    "  \"path\": \"/go/concurrency/goroutines\", \"questions\": ["
    "   {\"id\": \"leak\", \"difficulty\": \"medium\","
    "    \"q\": \"What does a goroutine leak look like?\","
    "    \"a\": \"A goroutine blocked forever on a channel nobody closes.\"}"
    " ]}"
    "]}";

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* The real binary, as a user runs it: no display, messages in @language. */
static void
run_rehearse (Run               *run,
              const char        *language,
              const char *const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GStrvBuilder)        builder = g_strv_builder_new ();
  g_auto (GStrv)                  argv = NULL;
  g_autoptr (GError)              error = NULL;

  g_strv_builder_add (builder, g_getenv ("REHEARSE_BIN"));
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* LANGUAGE is ignored in the plain C locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);

  run_clear (run);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_test_message ("rehearse did not exit:\n%s", run->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static guint
count_bundled_pages (void)
{
  g_autofree char      *bundled = rh_content_dirs_get_bundled ();
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = rh_library_load_directory (library, bundled, NULL);
  guint                 n_pages = 0;

  g_assert_nonnull (results);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr (GListModel) framework = g_list_model_get_item (G_LIST_MODEL (library), i);

      for (guint j = 0; j < g_list_model_get_n_items (framework); j++)
        {
          g_autoptr (GListModel) topic = g_list_model_get_item (framework, j);

          for (guint k = 0; k < g_list_model_get_n_items (topic); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (topic, k);

              n_pages += rh_subtopic_get_available (subtopic);
            }
        }
    }

  return n_pages;
}

/* Nothing imported, nothing cached. */
static void
empty_home (void)
{
  g_autofree char *imports = rh_imports_get_directory ();
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "rehearse", NULL);

  rh_test_remove_tree (imports);
  rh_test_remove_tree (cache);
}

/* Imports the Go page as the window's Open does, and returns its copy. */
static char *
import_go_page (void)
{
  g_autofree char            *file = rh_test_write_temp ("goroutines.json", go_page, -1);
  g_autoptr (RhLibrary)       library = rh_library_new ();
  g_autoptr (RhImportSummary) summary = NULL;
  g_autoptr (GPtrArray)       copies = NULL;
  const char                 *files[] = { file };

  summary = rh_imports_add (library, NULL, files, 1);
  g_assert_cmpuint (summary->n_pages, ==, 1);
  g_assert_cmpuint (summary->n_failed, ==, 0);
  g_unlink (file);

  copies = rh_imports_list_files ();
  g_assert_cmpuint (copies->len, ==, 1);

  return g_strdup (g_ptr_array_index (copies, 0));
}

static void
test_search_sees_imports (void)
{
  g_autofree char    *cache_file = rh_content_dirs_get_cache_file ();
  g_autofree char    *copy = NULL;
  g_autoptr (GString) changed = NULL;
  g_autoptr (GError)  error = NULL;
  Run                 run = { 0 };

  if (g_getenv ("REHEARSE_BIN") == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  empty_home ();

  /* Before the import, the Go page is nowhere. */
  {
    const char *args[] = { "--search", "goroutine", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
  }

  copy = import_go_page ();

  {
    const char *args[] = { "--search", "goroutine", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpstr (run.out, ==, "/go/concurrency/goroutines#leak\tWhat does a goroutine leak look like?\n");
  }

  /* The bundled library is still there beside it. */
  {
    const char *args[] = { "--search", "multiprocessing", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "/python/concurrency/multiprocessing#"));
  }

  /* The load cache kept the page; a changed copy is read again. */
  g_assert_true (g_file_test (cache_file, G_FILE_TEST_EXISTS));
  changed = g_string_new (go_page);
  g_string_replace (changed, "leak look like", "deadlock look like in a select", 0);
  g_file_set_contents (copy, changed->str, changed->len, &error);
  g_assert_no_error (error);

  {
    const char *args[] = { "--search", "goroutine", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "/go/concurrency/goroutines#leak\tWhat does a goroutine deadlock look like in a select?\n");
  }

  /* A typo: nothing on stdout, the reason and a search that finds
   * something on stderr, and 1, as grep. */
  {
    const char *args[] = { "--search", "gorutine", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "No question matches “gorutine”\nDid you mean “goroutine”?\n");
  }

  /* In the user's language. */
  {
    const char *args[] = { "--search", "gorutine", NULL };

    run_rehearse (&run, "de", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "Keine Frage passt zu „gorutine“\nMeinten Sie „goroutine“?\n");
  }

  {
    const char *args[] = { "--search", "gorutine", NULL };

    run_rehearse (&run, "fr", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "Aucune question ne correspond à «\u00a0gorutine\u00a0»\nVouliez-vous dire «\u00a0goroutine\u00a0»\u00a0?\n");
  }

  /* Nothing close: only the reason. */
  {
    const char *args[] = { "--search", "zeppelin", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "No question matches “zeppelin”\n");
  }

  /* Errors are 2: a file that cannot be read, or no words at all. */
  {
    const char *args[] = { "--search", "goroutine", "/nonexistent/rehearse.json", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "/nonexistent/rehearse.json"));
  }

  {
    const char *args[] = { "--search", " ?! ", NULL };

    run_rehearse (&run, "C", args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }

  run_clear (&run);
}

static void
test_export_sees_imports (void)
{
  g_autofree char   *copy = NULL;
  g_autofree char   *directory = NULL;
  g_autofree char   *expected = NULL;
  g_autofree char   *index = NULL;
  g_autofree char   *index_file = NULL;
  g_autofree char   *page = NULL;
  g_autofree char   *page_file = NULL;
  g_autoptr (GError) error = NULL;
  Run                run = { 0 };

  if (g_getenv ("REHEARSE_BIN") == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  empty_home ();
  copy = import_go_page ();
  directory = g_dir_make_tmp ("rehearse-export-XXXXXX", &error);
  g_assert_no_error (error);

  {
    const char *args[] = { "--export-html", directory, NULL };

    run_rehearse (&run, "C", args);
  }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  expected = g_strdup_printf ("Exported %u pages to %s\n", count_bundled_pages () + 1, directory);
  g_assert_cmpstr (run.out, ==, expected);

  index_file = g_build_filename (directory, "index.html", NULL);
  g_file_get_contents (index_file, &index, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (index, "<a href=\"go/concurrency/goroutines.html\">Goroutines</a>"));
  g_assert_nonnull (strstr (index, "<a href=\"python/concurrency/multiprocessing.html\">Multiprocessing</a>"));

  page_file = g_build_filename (directory, "go", "concurrency", "goroutines.html", NULL);
  g_file_get_contents (page_file, &page, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "What does a goroutine leak look like?"));

  run_clear (&run);
  rh_test_remove_tree (directory);
}

/* A folder given to --search or --export-html stands for the content
 * files under it, as it does for --check and for an import; a folder
 * that holds none is an error that names it. */
static void
test_folders_as_arguments (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *folder = g_dir_make_tmp ("rehearse-cli-folder-XXXXXX", &error);
  g_autofree char   *nested = NULL;
  g_autofree char   *page = NULL;
  g_autofree char   *out_dir = NULL;
  g_autofree char   *empty = NULL;
  g_autofree char   *html = NULL;
  Run                run = { 0 };

  if (g_getenv ("REHEARSE_BIN") == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  g_assert_no_error (error);
  nested = g_build_filename (folder, "go", NULL);
  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  page = g_build_filename (nested, "goroutines.json", NULL);
  g_assert_true (g_file_set_contents (page, go_page, -1, &error));
  g_assert_no_error (error);

  {
    const char *args[] = { "--search", "goroutine", folder, NULL };

    run_rehearse (&run, "en", args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "/go/concurrency/goroutines#leak\tWhat does a goroutine leak look like?\n");
  }

  out_dir = g_build_filename (folder, "html", NULL);
  {
    g_autofree char *option = g_strconcat ("--export-html=", out_dir, NULL);
    const char      *args[] = { option, nested, NULL };

    run_rehearse (&run, "en", args);
    g_assert_cmpint (run.status, ==, 0);
  }
  html = g_build_filename (out_dir, "go", "concurrency", "goroutines.html", NULL);
  g_assert_true (g_file_test (html, G_FILE_TEST_EXISTS));

  empty = g_build_filename (folder, "empty", NULL);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  {
    const char *args[] = { "--search", "goroutine", empty, NULL };

    run_rehearse (&run, "en", args);
    g_assert_cmpint (run.status, !=, 0);
    g_assert_nonnull (strstr (run.err, empty));
  }

  run_clear (&run);
  rh_test_remove_tree (folder);
}

/* Files named on the command line are kept read in a cache of the
 * command line's own: a second command reads the same, a file changed
 * or broken since is read again and reported as it now is, and a file
 * that never loaded is reported each time. */
static void
test_files_cache (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *folder = g_dir_make_tmp ("rehearse-cli-cache-XXXXXX", &error);
  g_autofree char   *page = NULL;
  g_autofree char   *broken = NULL;
  g_autofree char   *cache = rh_content_dirs_get_files_cache_file ();
  g_autofree char   *library_cache = rh_content_dirs_get_cache_file ();
  g_autofree char   *first = NULL;
  g_autofree char   *changed = NULL;
  const char        *check[] = { "--check", "--json", NULL, NULL };
  const char        *search[] = { "--search", "goroutine", NULL, NULL };
  Run                run = { 0 };

  if (g_getenv ("REHEARSE_BIN") == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  empty_home ();
  g_assert_no_error (error);
  page = g_build_filename (folder, "goroutines.json", NULL);
  broken = g_build_filename (folder, "broken.json", NULL);
  g_assert_true (g_file_set_contents (page, go_page, -1, &error));
  g_assert_true (g_file_set_contents (broken, "{\"page\": [", -1, &error));
  g_assert_no_error (error);
  check[2] = folder;
  search[2] = page;

  run_rehearse (&run, "en", check);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, broken));
  first = g_strdup (run.out);
  g_assert_true (g_file_test (cache, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (library_cache, G_FILE_TEST_EXISTS));

  /* The second time from the cache: the same report, the same error. */
  run_rehearse (&run, "en", check);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, first);
  g_assert_nonnull (strstr (run.err, broken));
  run_rehearse (&run, "en", search);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "/go/concurrency/goroutines#leak\tWhat does a goroutine leak look like?\n");

  /* Changed behind the cache's back, in the same size. */
  {
    g_auto (GStrv)   parts = g_strsplit (go_page, "leak look like", -1);
    g_autofree char *renamed = g_strjoinv ("leak seem like", parts);

    g_assert_cmpuint (strlen (renamed), ==, strlen (go_page));
    g_assert_true (g_file_set_contents (page, renamed, -1, &error));
    g_assert_no_error (error);
  }
  run_rehearse (&run, "en", search);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "/go/concurrency/goroutines#leak\tWhat does a goroutine leak seem like?\n");
  run_rehearse (&run, "en", check);
  changed = g_strdup (run.out);
  g_assert_cmpstr (changed, !=, first);
  g_assert_nonnull (strstr (changed, "seem like"));

  /* Broken since: reported, not served from the cache. */
  g_assert_true (g_file_set_contents (page, "{\"page\": {}}", -1, &error));
  g_assert_no_error (error);
  run_rehearse (&run, "en", check);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, page));
  g_assert_null (strstr (run.out, "seem like"));

  run_clear (&run);
  rh_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int              status;

  g_test_init (&argc, &argv, NULL);

  /* Data and cache directories of this test's own, which the commands
   * it runs inherit; each test starts them empty. */
  home = rh_test_use_temporary_home ("cli-library");

  g_test_add_func ("/cli-library/folders-as-arguments", test_folders_as_arguments);
  g_test_add_func ("/cli-library/search-sees-imports", test_search_sees_imports);
  g_test_add_func ("/cli-library/export-sees-imports", test_export_sees_imports);
  g_test_add_func ("/cli-library/files-cache", test_files_cache);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
