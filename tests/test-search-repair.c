/* test-search-repair.c
 *
 * A damaged search index is found and built again, and the user sees
 * the results an undamaged index gives, never an error: garbage written
 * at random places past the header, a file cut short, emptied, or
 * replaced by one that is no database, and an index changed behind its
 * back whose stored hash still matches; found at the start, in the
 * middle of a query, while the user types, by a suggestion, and by
 * `rehearse --search` across two runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rh-library.h"
#include "rh-search-index.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"

/* The header of an SQLite file; the damage is past it. */
#define HEADER_SIZE 100

/* Enough to cover most rows of the library with snippets. */
#define LIMIT 200

#define N_GARBAGE_CASES 48

static const char *const queries[] = {
  "thread",
  "lock queue",
  "deadl",
  "semaphore barrier",
  "asyncio",
  "pthread",
  "cust",
  "promise callback",
  "isolation",
  "the",
  "zeppelin",
};

typedef struct
{
  char      *directory;
  char      *path;
  RhLibrary *library;
  GBytes    *pristine; /* the index file as built */
  GPtrArray *expected; /* one signature per query, from the undamaged index */
} Fixture;

/* Everything a result shows, one line each, best first. */
static char *
signature_of (GListModel *results)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (RhSearchResult) result = g_list_model_get_item (results, i);
      RhQuestionRef             *ref = rh_search_result_get_ref (result);

      g_string_append_printf (text, "%s#%s|%d|%s|%s|%s|%s|%s\n",
                              rh_question_ref_get_path (ref),
                              rh_question_ref_get_question_id (ref),
                              rh_search_result_get_difficulty (result),
                              rh_search_result_get_question_markup (result),
                              rh_search_result_get_framework (result),
                              rh_search_result_get_topic (result),
                              rh_search_result_get_subtopic (result),
                              rh_search_result_get_snippet_markup (result));
    }

  return g_string_free (text, FALSE);
}

static char *
search (RhSearchIndex *index,
        const char    *query)
{
  g_autoptr (GError)     error = NULL;
  g_autoptr (GListModel) results = rh_search_index_query (index, query, NULL, LIMIT, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);

  return signature_of (results);
}

/* Says which result differs, rather than every result of both. */
static void
assert_same_results (const char *query,
                     const char *got,
                     const char *expected)
{
  g_auto (GStrv) got_lines = NULL;
  g_auto (GStrv) expected_lines = NULL;
  guint          i;

  if (g_strcmp0 (got, expected) == 0)
    return;

  got_lines = g_strsplit (got, "\n", -1);
  expected_lines = g_strsplit (expected, "\n", -1);
  for (i = 0; got_lines[i] != NULL && expected_lines[i] != NULL; i++)
    {
      if (!g_str_equal (got_lines[i], expected_lines[i]))
        break;
    }

  g_error ("“%s”: result %u is\n  %s\ninstead of\n  %s", query, i,
           got_lines[i] != NULL ? got_lines[i] : "(none)",
           expected_lines[i] != NULL ? expected_lines[i] : "(none)");
}

/* Every query gives what the undamaged index gave. */
static void
assert_searches_right (Fixture       *fixture,
                       RhSearchIndex *index)
{
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *got = search (index, queries[i]);

      assert_same_results (queries[i], got, g_ptr_array_index (fixture->expected, i));
    }
}

static void
remove_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

static void
write_file (const char *path,
            const void *data,
            gsize       length)
{
  g_autoptr (GError) error = NULL;

  remove_log (path);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char              *contents = NULL;
  gsize              length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static gboolean
file_is (const char *path,
         GBytes     *bytes)
{
  g_autoptr (GBytes) now = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  now = read_file (path);

  return g_bytes_equal (now, bytes);
}

/* Between 1 and 8 stretches of random bytes, of 1 to 4096 bytes each,
 * anywhere past the header: what a failing disk or a stray write does.
 */
static GBytes *
make_garbage (GBytes *pristine,
              guint32 seed)
{
  static const guint lengths[] = { 1, 16, 512, 4096 };
  g_autoptr (GRand)  rand = g_rand_new_with_seed (seed);
  gsize              length;
  guint8            *data = g_memdup2 (g_bytes_get_data (pristine, &length), g_bytes_get_size (pristine));
  guint              n = g_rand_int_range (rand, 1, 9);

  for (guint i = 0; i < n; i++)
    {
      gsize at = g_rand_int_range (rand, HEADER_SIZE, (gint32) length);
      gsize size = lengths[g_rand_int_range (rand, 0, G_N_ELEMENTS (lengths))];

      size = MIN (size, length - at);

      for (gsize j = 0; j < size; j++)
        data[at + j] = g_rand_int_range (rand, 0, 256);
    }

  return g_bytes_new_take (data, length);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer user_data)
{
  g_autoptr (GPtrArray)     pages = rh_synthetic_pages (240, 8, 42);
  g_autoptr (RhSearchIndex) index = NULL;
  g_autoptr (GError)        error = NULL;
  gboolean                  rebuilt = FALSE;

  fixture->directory = g_dir_make_tmp ("rehearse-search-repair-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "search.sqlite3", NULL);

  fixture->library = rh_library_new ();
  rh_library_add_pages (fixture->library, pages);

  index = rh_search_index_new (fixture->path);
  rh_search_index_ensure (index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);

  fixture->expected = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_ptr_array_add (fixture->expected, search (index, queries[i]));
  g_clear_object (&index);

  /* The queries see most of the library; one finds nothing. */
  g_assert_cmpuint (strlen (g_ptr_array_index (fixture->expected, 0)), >, 0);
  g_assert_cmpstr (g_ptr_array_index (fixture->expected, G_N_ELEMENTS (queries) - 1), ==, "");

  fixture->pristine = read_file (fixture->path);
  g_assert_cmpuint (g_bytes_get_size (fixture->pristine), >, 64 * 4096);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_clear_pointer (&fixture->expected, g_ptr_array_unref);
  g_clear_pointer (&fixture->pristine, g_bytes_unref);
  g_clear_object (&fixture->library);
  rh_test_remove_tree (fixture->directory);
  g_clear_pointer (&fixture->directory, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* A start: a new index on the file, ensured, then searched. */
static gboolean
start_and_search (Fixture *fixture)
{
  g_autoptr (RhSearchIndex) index = rh_search_index_new (fixture->path);
  g_autoptr (GError)        error = NULL;
  gboolean                  rebuilt = FALSE;

  rh_search_index_ensure (index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  assert_searches_right (fixture, index);

  return rebuilt;
}

/* A start that finds the index matching needs no build. */
static gboolean
start_only (Fixture *fixture)
{
  g_autoptr (RhSearchIndex) index = rh_search_index_new (fixture->path);
  g_autoptr (GError)        error = NULL;
  g_autofree char          *got = NULL;
  gboolean                  rebuilt = FALSE;

  rh_search_index_ensure (index, fixture->library, &rebuilt, &error);
  g_assert_no_error (error);
  got = search (index, queries[0]);
  assert_same_results (queries[0], got, g_ptr_array_index (fixture->expected, 0));

  return rebuilt;
}

static void
test_garbage (Fixture      *fixture,
              gconstpointer user_data)
{
  guint n_at_start = 0;
  guint n_by_query = 0;

  for (guint32 seed = 0; seed < N_GARBAGE_CASES; seed++)
    {
      g_autoptr (GBytes) damaged = make_garbage (fixture->pristine, seed);
      gboolean           rebuilt;

      g_test_message ("garbage, seed %u", seed);
      write_file (fixture->path, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

      rebuilt = start_and_search (fixture);
      if (rebuilt)
        n_at_start++;
      else if (!file_is (fixture->path, damaged))
        n_by_query++;

      /* The next start finds an index that needs nothing. */
      g_assert_false (start_only (fixture));
    }

  g_test_message ("%u of %u found damaged at the start, %u by a query, the rest never read",
                  n_at_start, N_GARBAGE_CASES, n_by_query);

  /* Not a test of undamaged files: most of the damage is met. */
  g_assert_cmpuint (n_at_start + n_by_query, >=, N_GARBAGE_CASES / 3);
  g_assert_cmpuint (n_by_query, >, 0);
}

static void
test_truncated (Fixture      *fixture,
                gconstpointer user_data)
{
  gsize sizes[] = { g_bytes_get_size (fixture->pristine) / 2,
                    g_bytes_get_size (fixture->pristine) / 2 + 123,
                    g_bytes_get_size (fixture->pristine) - 8,
                    4096,
                    HEADER_SIZE };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_test_message ("cut to %zu bytes", sizes[i]);
      write_file (fixture->path, g_bytes_get_data (fixture->pristine, NULL), sizes[i]);
      start_and_search (fixture);
      g_assert_false (start_and_search (fixture));
    }
}

static void
test_empty_file (Fixture      *fixture,
                 gconstpointer user_data)
{
  write_file (fixture->path, "", 0);
  g_assert_true (start_and_search (fixture));
  g_assert_false (start_and_search (fixture));
}

static void
test_not_a_database (Fixture      *fixture,
                     gconstpointer user_data)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "not an index, just a file in the cache\n");

  write_file (fixture->path, text->str, text->len);
  g_assert_true (start_and_search (fixture));
  g_assert_false (start_and_search (fixture));
}

/* Changed by something other than the index: the stored hash matches,
 * and the content does not.
 */
static void
test_changed_behind_its_back (Fixture      *fixture,
                              gconstpointer user_data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE fts SET raw_question = 'Changed', path = '/elsewhere'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  remove_log (fixture->path);

  g_assert_true (start_and_search (fixture));
  g_assert_false (start_and_search (fixture));
}

/* Every page damaged somewhere past its first bytes: whatever a query
 * reads is damaged. The start's check is given a clean first page.
 */
static GBytes *
damage_every_page (GBytes *pristine,
                   guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  gsize             length;
  guint8           *data = g_memdup2 (g_bytes_get_data (pristine, &length), g_bytes_get_size (pristine));

  for (gsize page = 4096; page + 4096 <= length; page += 4096)
    {
      gsize at = page + g_rand_int_range (rand, 0, 4096 - 64);

      for (guint j = 0; j < 64; j++)
        data[at + j] = g_rand_int_range (rand, 0, 256);
    }

  return g_bytes_new_take (data, length);
}

/* The window: the index was fine at the start, and a query meets the
 * damage.
 */
static void
test_query_repairs (Fixture      *fixture,
                    gconstpointer user_data)
{
  g_autoptr (RhSearchIndex) index = rh_search_index_new (fixture->path);
  g_autoptr (GBytes)        damaged = damage_every_page (fixture->pristine, 5);
  g_autoptr (GError)        error = NULL;

  rh_search_index_ensure (index, fixture->library, NULL, &error);
  g_assert_no_error (error);

  write_file (fixture->path, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));
  assert_searches_right (fixture, index);
  g_assert_false (file_is (fixture->path, damaged));

  g_assert_false (start_and_search (fixture));
}

typedef struct
{
  GListModel *results;
  GError     *error;
  gboolean    done;
} Async;

static void
query_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Async *async = user_data;

  async->results = rh_search_index_query_finish (RH_SEARCH_INDEX (source), result, &async->error);
  async->done = TRUE;
}

static void
note_repairing (RhSearchIndex *index,
                GParamSpec    *pspec,
                GString       *told)
{
  g_string_append_c (told, rh_search_index_get_repairing (index) ? '1' : '0');
}

/* The search panel: each keystroke cancels the query before it, while
 * the first one is building the index again; the index says it is, in
 * the main context, so that the panel can say so too.
 */
static void
test_typing_during_repair (Fixture      *fixture,
                           gconstpointer user_data)
{
  static const char *const  typed[] = { "t", "th", "thr", "thre", "thread" };
  g_autoptr (RhSearchIndex) index = rh_search_index_new (fixture->path);
  g_autoptr (GBytes)        damaged = damage_every_page (fixture->pristine, 6);
  g_autoptr (GError)        error = NULL;
  g_autoptr (GPtrArray)     cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  Async                     asyncs[G_N_ELEMENTS (typed)] = { { 0 } };
  gboolean                  all_done = FALSE;
  g_autofree char          *last = NULL;
  g_autoptr (GString)       told = g_string_new (NULL);

  rh_search_index_ensure (index, fixture->library, NULL, &error);
  g_assert_no_error (error);
  write_file (fixture->path, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));
  g_signal_connect (index, "notify::repairing", G_CALLBACK (note_repairing), told);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      GCancellable *cancellable = g_cancellable_new ();

      if (i > 0)
        g_cancellable_cancel (g_ptr_array_index (cancellables, i - 1));
      g_ptr_array_add (cancellables, cancellable);
      rh_search_index_query_async (index, typed[i], NULL, LIMIT, cancellable, query_done, &asyncs[i]);
    }

  while (!all_done)
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
        all_done = all_done && asyncs[i].done;
    }

  /* A stale query is cancelled or answered, never failed. */
  for (guint i = 0; i + 1 < G_N_ELEMENTS (typed); i++)
    {
      if (asyncs[i].error != NULL)
        g_assert_error (asyncs[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&asyncs[i].error);
      g_clear_object (&asyncs[i].results);
    }

  g_assert_no_error (asyncs[G_N_ELEMENTS (typed) - 1].error);
  last = signature_of (asyncs[G_N_ELEMENTS (typed) - 1].results);
  assert_same_results (typed[G_N_ELEMENTS (typed) - 1], last, g_ptr_array_index (fixture->expected, 0));
  g_clear_object (&asyncs[G_N_ELEMENTS (typed) - 1].results);

  g_assert_false (file_is (fixture->path, damaged));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (told->str, ==, "10");
  g_assert_false (rh_search_index_get_repairing (index));
  g_signal_handlers_disconnect_by_func (index, note_repairing, told);
  assert_searches_right (fixture, index);
}

/* "Did you mean …?" meets the damage first. */
static void
test_suggest_repairs (Fixture      *fixture,
                      gconstpointer user_data)
{
  g_autoptr (RhSearchIndex) index = rh_search_index_new (fixture->path);
  g_autoptr (GBytes)        damaged = damage_every_page (fixture->pristine, 7);
  g_autoptr (GError)        error = NULL;
  g_autofree char          *expected = NULL;
  g_autofree char          *suggestion = NULL;

  rh_search_index_ensure (index, fixture->library, NULL, &error);
  g_assert_no_error (error);
  expected = rh_search_index_suggest (index, "semaphroe ", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expected, ==, "semaphore");
  g_clear_object (&index);

  /* Fine at the start; damaged before the first suggestion. */
  index = rh_search_index_new (fixture->path);
  rh_search_index_ensure (index, fixture->library, NULL, &error);
  g_assert_no_error (error);
  write_file (fixture->path, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

  suggestion = rh_search_index_suggest (index, "semaphroe ", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suggestion, ==, expected);
  g_assert_false (file_is (fixture->path, damaged));
}

/* An index queried without an ensure, as nothing in Rehearse does, has
 * nothing to build from: the query fails, and the damaged file is gone,
 * so the next start builds it instead of trusting its hash.
 */
static void
test_damage_outlives_no_start (Fixture      *fixture,
                               gconstpointer user_data)
{
  g_autoptr (RhSearchIndex) index = rh_search_index_new (fixture->path);
  g_autoptr (GBytes)        damaged = damage_every_page (fixture->pristine, 8);
  g_autoptr (GListModel)    results = NULL;
  g_autoptr (GError)        error = NULL;

  write_file (fixture->path, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));
  results = rh_search_index_query (index, "thread", NULL, LIMIT, NULL, &error);
  g_assert_null (results);
  g_assert_error (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_FAILED);
  g_clear_object (&index);

  g_assert_false (file_is (fixture->path, damaged));
  g_assert_true (start_and_search (fixture));
}

/* `rehearse --search` ------------------------------------------------------ */

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

/* The real binary, in a process of its own, on the bundled library. */
static void
run_search (Run        *run,
            const char *query)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GError)              error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  run_clear (run);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("REHEARSE_BIN"), "--search", query, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* The one index the command line keeps for the bundled library. */
static char *
find_cli_index (void)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "rehearse", NULL);
  g_autoptr (GDir) dir = g_dir_open (cache, 0, NULL);
  char            *found = NULL;
  const char      *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "search-") && g_str_has_suffix (name, ".sqlite3"))
        {
          g_assert_null (found);
          found = g_build_filename (cache, name, NULL);
        }
    }
  g_assert_nonnull (found);

  return found;
}

static void
test_cli (void)
{
  static const char *const cli_queries[] = { "rebase", "cache", "thread" };
  g_autoptr (GPtrArray)    before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes)       pristine = NULL;
  g_autoptr (GBytes)       damaged = NULL;
  g_autofree char         *index = NULL;
  Run                      run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cli_queries); i++)
    {
      run_search (&run, cli_queries[i]);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpstr (run.out, !=, "");
      g_ptr_array_add (before, g_steal_pointer (&run.out));
    }

  /* Damaged between two runs: the next prints the same results. */
  index = find_cli_index ();
  pristine = read_file (index);
  damaged = damage_every_page (pristine, 9);
  write_file (index, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

  for (guint i = 0; i < G_N_ELEMENTS (cli_queries); i++)
    {
      run_search (&run, cli_queries[i]);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, g_ptr_array_index (before, i));
    }
  g_assert_false (file_is (index, damaged));

  /* Damage the start's check meets, in the first page past the header. */
  g_clear_pointer (&pristine, g_bytes_unref);
  pristine = read_file (index);
  g_clear_pointer (&damaged, g_bytes_unref);
  {
    gsize   length;
    guint8 *data = g_memdup2 (g_bytes_get_data (pristine, &length), g_bytes_get_size (pristine));

    memset (data + HEADER_SIZE, 0x5a, 512);
    damaged = g_bytes_new_take (data, length);
  }
  write_file (index, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

  run_search (&run, cli_queries[0]);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, g_ptr_array_index (before, 0));
  g_assert_false (file_is (index, damaged));

  run_clear (&run);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int              status;

  g_test_init (&argc, &argv, NULL);

  /* Cache directories of this test's own, which `rehearse` inherits. */
  home = rh_test_use_temporary_home ("search-repair");

  ADD ("/search-repair/garbage", test_garbage);
  ADD ("/search-repair/truncated", test_truncated);
  ADD ("/search-repair/empty-file", test_empty_file);
  ADD ("/search-repair/not-a-database", test_not_a_database);
  ADD ("/search-repair/changed-behind-its-back", test_changed_behind_its_back);
  ADD ("/search-repair/query-repairs", test_query_repairs);
  ADD ("/search-repair/typing-during-repair", test_typing_during_repair);
  ADD ("/search-repair/suggest-repairs", test_suggest_repairs);
  ADD ("/search-repair/damage-outlives-no-start", test_damage_outlives_no_start);
  g_test_add_func ("/search-repair/cli", test_cli);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
