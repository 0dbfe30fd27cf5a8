/* test-load-cache.c
 *
 * The load cache: an unchanged file is read back from it, a changed one
 * is parsed again, and a damaged cache costs only time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <utime.h>

#include "rh-library-load.h"
#include "rh-checker.h"
#include "rh-library.h"
#include "rh-test-util.h"

#define PAGE(path, answer)                                                                                               \
  "{\"page\":{\"framework\":\"Py\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"" path "\",\"updated\":\"2026-01-01\"," \
  "\"questions\":[{\"id\":\"q\",\"difficulty\":\"hard\",\"q\":\"Why?\",\"a\":\"" answer "\"}]}}"

static char *cache_file;

static char *
load_as_json (const char *const *files,
              guint              n_files,
              gboolean           cached)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = NULL;

  results = cached ? rh_library_load_files_cached (library, files, n_files, cache_file)
                   : rh_library_load_files (library, files, n_files);

  return rh_checker_format_json (library, results);
}

static const char *
answer_of (const char *file)
{
  static char           answer[64];
  const char           *files[] = { file };
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = rh_library_load_files_cached (library, files, 1, cache_file);
  RhQuestion           *question = rh_library_lookup_question (library, "/py/t/a", "q");

  g_assert_nonnull (question);
  g_strlcpy (answer, rh_question_get_answer (question), sizeof answer);

  return answer;
}

static void
test_same_model_from_cache (void)
{
  g_autofree char *a = rh_test_write_temp ("cache-a.json", PAGE ("/py/t/a", "Alpha."), -1);
  g_autofree char *b = rh_test_write_temp ("cache-b.json", PAGE ("/py/t/b", "Beta."), -1);
  g_autofree char *bad = rh_test_write_temp ("cache-bad.json", "[", -1);
  const char      *files[] = { a, b, bad };
  g_autofree char *fresh = load_as_json (files, 3, FALSE);
  g_autofree char *first = load_as_json (files, 3, TRUE);
  g_autofree char *second = NULL;

  g_assert_true (g_file_test (cache_file, G_FILE_TEST_EXISTS));
  second = load_as_json (files, 3, TRUE);
  g_assert_cmpstr (first, ==, fresh);
  g_assert_cmpstr (second, ==, fresh);
  /* A file that failed is never cached: it fails the same way again. */
  g_assert_nonnull (strstr (second, "cache-bad.json: line 1"));
}

/* Same file, same size, same time stamp, other bytes: only a cache hit
 * can still show the old answer, so that shows the cache is what was
 * read. Any other change and the file is read again. */
static void
test_unchanged_file_comes_from_cache (void)
{
  g_autofree char *file = rh_test_write_temp ("cache-hit.json", PAGE ("/py/t/a", "Old answer."), -1);
  struct stat      st;
  struct utimbuf   times;

  g_assert_cmpstr (answer_of (file), ==, "Old answer.");
  g_assert_cmpint (g_stat (file, &st), ==, 0);

  /* Replaced by a new file (as editors save) with the old time stamp:
   * another inode, so it is read again. */
  g_file_set_contents (file, PAGE ("/py/t/a", "New answer."), -1, NULL);
  times.actime = st.st_atime;
  times.modtime = st.st_mtime;
  g_assert_cmpint (utime (file, &times), ==, 0);
  g_assert_cmpstr (answer_of (file), ==, "New answer.");

  /* Rewritten in place (same inode, same size) with its old time. */
  {
    FILE *f = fopen (file, "r+");

    g_assert_nonnull (f);
    fputs (PAGE ("/py/t/a", "Bad answer."), f);
    fclose (f);
    g_assert_cmpint (utime (file, &times), ==, 0);
  }
  g_assert_cmpstr (answer_of (file), ==, "New answer.");

  /* Any change of time stamp and the file is read again. */
  times.modtime += 10;
  g_assert_cmpint (utime (file, &times), ==, 0);
  g_assert_cmpstr (answer_of (file), ==, "Bad answer.");
}

static void
test_damaged_cache (void)
{
  g_autofree char *a = rh_test_write_temp ("cache-damaged.json", PAGE ("/py/t/a", "Alpha."), -1);
  const char      *files[] = { a };
  g_autofree char *fresh = load_as_json (files, 1, FALSE);
  g_autofree char *cached = NULL;
  g_autofree char *again = NULL;

  g_free (load_as_json (files, 1, TRUE));
  g_file_set_contents (cache_file, "this is not a cache \x01\x02\x03", -1, NULL);
  cached = load_as_json (files, 1, TRUE);
  g_assert_cmpstr (cached, ==, fresh);

  /* Truncated in the middle of an entry. */
  {
    g_autofree char *contents = NULL;
    gsize            length;

    g_file_get_contents (cache_file, &contents, &length, NULL);
    g_file_set_contents (cache_file, contents, length / 2, NULL);
  }
  again = load_as_json (files, 1, TRUE);
  g_assert_cmpstr (again, ==, fresh);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *directory = NULL;
  int              status;

  g_test_init (&argc, &argv, NULL);

  directory = g_dir_make_tmp ("rehearse-cache-XXXXXX", NULL);
  cache_file = g_build_filename (directory, "library.cache", NULL);

  g_test_add_func ("/load-cache/same-model-from-cache", test_same_model_from_cache);
  g_test_add_func ("/load-cache/unchanged-file-comes-from-cache", test_unchanged_file_comes_from_cache);
  g_test_add_func ("/load-cache/damaged-cache", test_damaged_cache);

  status = g_test_run ();

  g_unlink (cache_file);
  g_rmdir (directory);
  g_free (cache_file);

  return status;
}
