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
#include "rh-load-cache.h"
#include "rh-page-data.h"
#include "rh-question-private.h"
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

/* Writes a cache whose checksum is right but which holds what no
 * content file could give: the page rules, not the checksum, must
 * catch it. */
typedef void (*DamagePage) (RhPageData *page);

static void
write_cache_with (const char *file,
                  DamagePage  damage)
{
  g_autoptr (RhLoadCache) cache = rh_load_cache_open (cache_file);
  g_autoptr (GPtrArray)   pages = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_page_data_free);
  g_autoptr (GError)      error = NULL;
  RhPageData             *page = rh_page_data_new ();
  RhSiblingData           sibling = { g_strdup ("B"), g_strdup ("/py/t/b"), 1, TRUE };

  page->framework = g_strdup ("Py");
  page->framework_slug = g_strdup ("py");
  page->topic = g_strdup ("T");
  page->topic_slug = g_strdup ("t");
  page->title = g_strdup ("S");
  page->path = g_strdup ("/py/t/a");
  page->updated = g_strdup ("2026-01-01");
  page->difficulty = RH_DIFFICULTY_MEDIUM;
  g_ptr_array_add (page->questions, _rh_question_new_take (g_strdup ("q"), RH_DIFFICULTY_HARD, g_strdup ("Why?"),
                                                           g_strdup ("From the cache.")));
  g_array_append_val (page->siblings, sibling);
  if (damage != NULL)
    damage (page);
  g_ptr_array_add (pages, page);

  rh_load_cache_store (cache, file, pages);
  g_assert_true (rh_load_cache_save (cache, &error));
  g_assert_no_error (error);
}

static void
replace (char      **field,
         const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
empty_topic_slug (RhPageData *page)
{
  replace (&page->topic_slug, "");
}

static void
other_framework_slug (RhPageData *page)
{
  replace (&page->framework_slug, "go");
}

static void
add_question (RhPageData *page,
              const char *id,
              const char *question,
              const char *answer)
{
  g_ptr_array_add (page->questions, _rh_question_new_take (g_strdup (id), RH_DIFFICULTY_EASY, g_strdup (question),
                                                           g_strdup (answer)));
}

static void
empty_answer (RhPageData *page)
{
  add_question (page, "r", "How?", "");
}

static void
empty_question (RhPageData *page)
{
  add_question (page, "r", "", "A.");
}

static void
empty_id (RhPageData *page)
{
  add_question (page, "", "How?", "A.");
}

static void
empty_title (RhPageData *page)
{
  replace (&page->title, "");
}

static void
duplicate_id (RhPageData *page)
{
  add_question (page, "q", "How?", "A.");
}

static void
sibling_elsewhere (RhPageData *page)
{
  RhSiblingData sibling = { g_strdup ("X"), g_strdup ("/go/channels/select"), 0, FALSE };

  g_array_append_val (page->siblings, sibling);
}

static void
control_character (RhPageData *page)
{
  add_question (page, "r", "How?", "\x1b[2J");
}

static void
bad_difficulty (RhPageData *page)
{
  page->difficulty = 7;
}

static void
test_cache_holds_what_no_file_could (void)
{
  static const DamagePage damages[] = {
    empty_topic_slug,
    other_framework_slug,
    empty_answer,
    empty_question,
    empty_id,
    empty_title,
    duplicate_id,
    sibling_elsewhere,
    control_character,
    bad_difficulty,
  };
  g_autofree char *file = rh_test_write_temp ("cache-rules.json", PAGE ("/py/t/a", "From the file."), -1);
  const char      *files[] = { file };

  /* The undamaged page is taken from the cache, so the cache is read. */
  write_cache_with (file, NULL);
  g_assert_cmpstr (answer_of (file), ==, "From the cache.");

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autoptr (RhLibrary) library = rh_library_new ();
      g_autoptr (GPtrArray) results = NULL;
      RhQuestion           *question;

      write_cache_with (file, damages[i]);
      results = rh_library_load_files_cached (library, files, 1, cache_file);
      question = rh_library_lookup_question (library, "/py/t/a", "q");
      g_assert_nonnull (question);
      g_assert_cmpstr (rh_question_get_answer (question), ==, "From the file.");
      g_assert_cmpuint (rh_library_get_n_questions (library), ==, 1);

      /* Removing the file again leaves nothing behind (an empty slug
       * once kept this from ever returning). */
      rh_library_remove_source (library, file);
      g_assert_cmpuint (rh_library_get_n_questions (library), ==, 0);
    }
}

/* A page's questions are checked when the page is first opened, and
 * damage found then is read around from the file, not written back: each
 * case starts from a cache as the file would have it. */
static char *
cache_contents (const char *file,
                gsize      *length)
{
  char *contents = NULL;

  g_unlink (cache_file);
  g_assert_cmpstr (answer_of (file), !=, "");
  g_assert_true (g_file_get_contents (cache_file, &contents, length, NULL));

  return contents;
}

static char *
find_in_cache (char       *contents,
               gsize       length,
               const char *text)
{
  gsize size = strlen (text);

  for (gsize i = 0; i + size <= length; i++)
    {
      if (memcmp (contents + i, text, size) == 0)
        return contents + i;
    }

  g_error ("“%s” is not in the cache", text);
  return NULL;
}

/* Damage that GVariant cannot see: the cache stays well formed, only
 * the checksum tells. */
static void
test_damaged_bytes (void)
{
  g_autofree char  *file = rh_test_write_temp ("cache-bytes.json", PAGE ("/py/t/a", "Alpha beta gamma delta."), -1);
  g_autoptr (GRand) rand = g_rand_new_with_seed (64);

  g_assert_cmpstr (answer_of (file), ==, "Alpha beta gamma delta.");

  /* One bit of the answer flipped. */
  {
    gsize            length;
    g_autofree char *contents = cache_contents (file, &length);

    find_in_cache (contents, length, "Alpha")[0] ^= 0x01;
    g_assert_true (g_file_set_contents (cache_file, contents, length, NULL));
    g_assert_cmpstr (answer_of (file), ==, "Alpha beta gamma delta.");
  }

  /* The answer rewritten behind the cache's back, to the same length. */
  {
    gsize            length;
    g_autofree char *contents = cache_contents (file, &length);

    memcpy (find_in_cache (contents, length, "Alpha"), "Omega", 5);
    g_assert_true (g_file_set_contents (cache_file, contents, length, NULL));
    g_assert_cmpstr (answer_of (file), ==, "Alpha beta gamma delta.");
  }

  /* The topic's slug made empty, its framing kept. */
  {
    gsize            length;
    g_autofree char *contents = cache_contents (file, &length);
    char            *slug = find_in_cache (contents, length, "T\0t\0");

    slug[2] = '\0';
    g_assert_true (g_file_set_contents (cache_file, contents, length, NULL));
    g_assert_cmpstr (answer_of (file), ==, "Alpha beta gamma delta.");
  }

  /* 64 random bytes in the middle, many times over. */
  for (guint round = 0; round < 50; round++)
    {
      gsize            length;
      g_autofree char *contents = cache_contents (file, &length);
      gsize            start = length / 2 - 32;

      for (gsize i = start; i < start + 64 && i < length; i++)
        contents[i] = (char) g_rand_int_range (rand, 0, 256);
      g_assert_true (g_file_set_contents (cache_file, contents, length, NULL));
      g_assert_cmpstr (answer_of (file), ==, "Alpha beta gamma delta.");
    }
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
  g_test_add_func ("/load-cache/damaged-bytes", test_damaged_bytes);
  g_test_add_func ("/load-cache/cache-holds-what-no-file-could", test_cache_holds_what_no_file_could);

  status = g_test_run ();

  g_unlink (cache_file);
  g_rmdir (directory);
  g_free (cache_file);

  return status;
}
