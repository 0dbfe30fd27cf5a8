/* test-export.c
 *
 * `rehearse --export-html`, run as users run it: no display, the bundled
 * library or given files, standalone pages and an index, and every page
 * leading back to the index by links that work from where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-library-load.h"
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

/* What the export must write: every page of the bundled library that can
 * be read, as the loader sees it. */
static guint
count_bundled_pages (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = rh_library_load_directory (library, g_getenv ("REHEARSE_CONTENT_DIR"), NULL);
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

/* Every relative link of every page in @directory leads to a file that
 * exists, and an anchor to an id of it; returns how many were followed.
 */
static guint
check_links (const char *directory,
             const char *relative_dir)
{
  g_autofree char *folder = g_build_filename (directory, relative_dir, NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char      *name;
  guint            n_links = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char   *relative = g_build_filename (relative_dir, name, NULL);
      g_autofree char   *file = g_build_filename (directory, relative, NULL);
      g_autofree char   *html = NULL;
      g_autoptr (GError) error = NULL;

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        {
          n_links += check_links (directory, relative);
          continue;
        }

      g_file_get_contents (file, &html, NULL, &error);
      g_assert_no_error (error);

      for (const char *p = html; (p = strstr (p, "href=\"")) != NULL;)
        {
          g_autofree char *href = NULL;
          g_autofree char *target = NULL;
          g_autofree char *target_html = NULL;
          g_autofree char *id = NULL;
          const char      *end;
          char            *hash;

          p += strlen ("href=\"");
          end = strchr (p, '"');
          g_assert_nonnull (end);
          href = g_strndup (p, end - p);
          p = end;

          /* Links out of the library, as answers have, are not ours. */
          if (g_uri_peek_scheme (href) != NULL)
            continue;

          g_assert_false (g_path_is_absolute (href));
          if ((hash = strchr (href, '#')) != NULL)
            {
              id = g_strdup_printf (" id=\"%s\"", hash + 1);
              *hash = '\0';
            }

          target = g_build_filename (folder, *href != '\0' ? href : name, NULL);
          g_file_get_contents (target, &target_html, NULL, &error);
          if (error != NULL)
            g_error ("%s links to %s, which is not there: %s", relative, href, error->message);
          if (id != NULL && strstr (target_html, id) == NULL)
            g_error ("%s links to %s#%s, which has no such id", relative, href, hash + 1);
          n_links++;
        }
    }

  return n_links;
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
  {
    g_autofree char *expected = g_strdup_printf ("Exported %u pages to ", count_bundled_pages ());

    g_assert_cmpuint (count_bundled_pages (), >=, 9);
    g_assert_true (g_str_has_prefix (out, expected));
  }

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

  /* Back to the index, relatively, and the breadcrumb to its places. */
  g_assert_nonnull (strstr (page, "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">"
                                  "<a href=\"../../index.html\">Library</a> <span class=\"separator\">›</span> "
                                  "<a href=\"../../index.html#python\">Python</a> <span class=\"separator\">›</span> "
                                  "<a href=\"../../index.html#python/concurrency\">Concurrency &amp; Parallelism</a></nav>"));
  g_assert_nonnull (strstr (index, "<section class=\"framework\" id=\"python\">\n<h2>Python</h2>"));
  g_assert_nonnull (strstr (index, "<h3 id=\"python/concurrency\">Concurrency &amp; Parallelism</h3>"));

  /* Every page's: at least its three crumbs, and the index's own. */
  g_assert_cmpuint (check_links (directory, ""), >=, 4 * count_bundled_pages ());

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
    g_autofree char *page = read_file (directory, "git/branching/rebasing.html");

    g_assert_nonnull (strstr (page, "<a href=\"../../index.html\">Library</a>"));
    g_assert_nonnull (strstr (page, "<a href=\"../../index.html#git\">Git</a>"));
    g_assert_nonnull (strstr (page, "<a href=\"../../index.html#git/branching\">"));
  }
  g_assert_cmpuint (check_links (directory, ""), >=, 4);

  rh_test_remove_tree (directory);
}

/* An answer's link to another page of the library leads to that page's
 * file in the export, its question's anchor too; one to a place that is
 * not a page is no link. Run as a user runs it, from a file. */
static void
test_library_links_lead_to_files (void)
{
  static const char pack[] =
      "{\"format\": \"rehearse-pack\", \"version\": 1, \"title\": \"Links\", \"pages\": ["
      " {\"framework\": \"Links\", \"topic\": \"Topic\", \"subtopic\": \"From\", \"path\": \"/links/topic/from\","
      "  \"questions\": [{\"id\": \"q\", \"difficulty\": \"easy\", \"q\": \"Where to?\","
      "   \"a\": \"See [the other](rehearse://library/links/topic/to#q-r), [its page](rehearse://library/links/topic/to)"
      " and [nowhere](rehearse://library/links/../../etc).\"}]},"
      " {\"framework\": \"Links\", \"topic\": \"Topic\", \"subtopic\": \"To\", \"path\": \"/links/topic/to\","
      "  \"questions\": [{\"id\": \"r\", \"difficulty\": \"easy\", \"q\": \"Here?\", \"a\": \"Here.\"}]}"
      "]}";
  const char        *binary = g_getenv ("REHEARSE_BIN");
  g_autofree char   *file = rh_test_write_temp ("export-links.json", pack, -1);
  g_autoptr (GError) error = NULL;
  g_autofree char   *directory = NULL;
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  g_autofree char   *page = NULL;

  if (binary == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  directory = g_dir_make_tmp ("rehearse-export-XXXXXX", &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { binary, "--export-html", directory, file, NULL };

    g_assert_cmpint (run_export (argv, &out, &err), ==, 0);
  }

  page = read_file (directory, "links/topic/from.html");
  g_assert_nonnull (strstr (page, "<a href=\"../../links/topic/to.html#q-r\">the other</a>"));
  g_assert_nonnull (strstr (page, "<a href=\"../../links/topic/to.html\">its page</a>"));
  g_assert_nonnull (strstr (page, " and nowhere."));
  g_assert_null (strstr (page, "rehearse:"));
  /* The crumbs of both pages, the index's, and the two links. */
  g_assert_cmpuint (check_links (directory, ""), >=, 4 * 2 + 2);

  g_unlink (file);
  rh_test_remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int              status;

  g_test_init (&argc, &argv, NULL);

  /* The command exports the user's imports too: data and cache
   * directories of this test's own, which the command inherits, hold
   * none. */
  home = rh_test_use_temporary_home ("export");

  g_test_add_func ("/export/bundled-library", test_bundled_library);
  g_test_add_func ("/export/library-links-lead-to-files", test_library_links_lead_to_files);
  g_test_add_func ("/export/given-files-and-a-bad-one", test_given_files_and_a_bad_one);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
