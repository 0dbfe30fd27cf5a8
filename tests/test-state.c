/* test-state.c
 *
 * The user's state database: schema migrations from every version,
 * bookmarks that survive restarts, reloads and missing content, export
 * and a merging import that a bad file cannot touch, recovery from
 * damaged files that never deletes them, and a writer killed mid-flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>

#include "rh-bookmarks-cli.h"
#include "rh-bookmarks-file.h"
#include "rh-content-error.h"
#include "rh-state.h"
#include "rh-test-util.h"

#define PAGE_JSON                                                                                                              \
  "{\"page\":{\"framework\":\"Python\",\"topic\":\"Concurrency\",\"subtopic\":\"Multiprocessing\","                            \
  "\"path\":\"/python/concurrency/multiprocessing\",\"questions\":["                                                           \
  "{\"id\":\"process-vs-pool\",\"difficulty\":\"easy\",\"q\":\"Process or Pool?\",\"a\":\"Pool.\"},"                           \
  "{\"id\":\"start-methods\",\"difficulty\":\"hard\",\"q\":\"Which start methods exist?\",\"a\":\"fork, spawn, forkserver.\"}" \
  "]}}"

#define PAGE_WITHOUT_START_METHODS                                                                  \
  "{\"page\":{\"framework\":\"Python\",\"topic\":\"Concurrency\",\"subtopic\":\"Multiprocessing\"," \
  "\"path\":\"/python/concurrency/multiprocessing\",\"questions\":["                                \
  "{\"id\":\"process-vs-pool\",\"difficulty\":\"easy\",\"q\":\"Process or Pool?\",\"a\":\"Pool.\"}" \
  "]}}"

#define MP "/python/concurrency/multiprocessing"

/* Each test gets a directory of its own, removed afterwards. */
typedef struct
{
  char *directory;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("rehearse-state-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "state.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->directory, 0, NULL);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->directory, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->path);
}

static RhLibrary *
library_from (const char *json)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = rh_test_load_string (json, &error);
  RhLibrary            *library = rh_library_new ();

  g_assert_no_error (error);
  rh_library_add_pages (library, pages);

  return library;
}

static RhState *
open_state (const char *path)
{
  g_autoptr (GError) error = NULL;
  RhState           *state = rh_state_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);

  return state;
}

static gboolean
is_bookmarked (RhState    *state,
               const char *path,
               const char *id)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, id);

  return rh_state_is_bookmarked (state, ref);
}

static gboolean
add_bookmark (RhState    *state,
              const char *path,
              const char *id,
              const char *question,
              GError    **error)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, id);
  g_autoptr (RhBookmark)    bookmark = rh_bookmark_new (ref, question, "Framework", "Topic", "Subtopic",
                                                        g_get_real_time ());

  return rh_state_add_bookmark (state, bookmark, error);
}

static void
bookmark (RhState    *state,
          const char *path,
          const char *id,
          const char *question)
{
  g_autoptr (GError) error = NULL;

  add_bookmark (state, path, id, question, &error);
  g_assert_no_error (error);
}

/* "PATH#ID|PATH#ID|…" in the model's order. */
static char *
keys_of (RhState *state)
{
  g_autoptr (GListModel) model = rh_state_list_bookmarks (state);
  g_autoptr (GString)    text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RhBookmark) item = g_list_model_get_item (model, i);
      g_autofree char       *key = rh_question_ref_format (rh_bookmark_get_ref (item));

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", key);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static RhBookmark *
find_bookmark (RhState    *state,
               const char *path,
               const char *id)
{
  g_autoptr (GListModel)    model = rh_state_list_bookmarks (state);
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, id);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RhBookmark) item = g_list_model_get_item (model, i);

      if (rh_question_ref_equal (rh_bookmark_get_ref (item), ref))
        return g_steal_pointer (&item);
    }

  return NULL;
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char    *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
count_signal (RhState *state,
              guint   *count)
{
  (*count)++;
}

static void
test_fresh (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (GListModel) model = rh_state_list_bookmarks (state);
  g_autofree char       *version = NULL;
  g_autofree char       *mode = NULL;
  g_autofree char       *expected = g_strdup_printf ("%d", RH_STATE_SCHEMA_VERSION);

  g_assert_cmpstr (rh_state_get_path (state), ==, fixture->path);
  g_assert_true (g_list_model_get_item_type (model) == RH_TYPE_BOOKMARK);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_clear_object (&state);
  version = sql_text (fixture->path, "PRAGMA user_version");
  mode = sql_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (version, ==, expected);
  g_assert_cmpstr (mode, ==, "wal");
}

/* The schema as version 1 shipped it, written here by hand so that a
 * later change to the migrations cannot change what this test opens.
 */
static const char v1_database[] =
    "CREATE TABLE bookmarks ("
    "  path        TEXT NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  question    TEXT NOT NULL DEFAULT '',"
    "  framework   TEXT NOT NULL DEFAULT '',"
    "  topic       TEXT NOT NULL DEFAULT '',"
    "  subtopic    TEXT NOT NULL DEFAULT '',"
    "  created_at  INTEGER NOT NULL,"
    "  PRIMARY KEY (path, question_id)"
    ");"
    "INSERT INTO bookmarks VALUES ('/python/concurrency/multiprocessing', 'process-vs-pool', 'Process or Pool?',"
    "  'Python', 'Concurrency', 'Multiprocessing', 1700000000000000);"
    "INSERT INTO bookmarks VALUES ('/git/branching/rebasing', 'golden-rule', 'The golden rule of rebasing?',"
    "  'Git', 'Branching', 'Rebasing', 1700000000000002);"
    "INSERT INTO bookmarks VALUES ('/git/branching/rebasing', 'onto', 'What does --onto do?',"
    "  'Git', 'Branching', 'Rebasing', 1700000000000001);"
    "PRAGMA user_version = 1;";

static void
test_migrate_v1 (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (RhState)    state = NULL;
  g_autoptr (RhBookmark) first = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *keys = NULL;
  g_autofree char       *version = NULL;
  g_autofree char       *index = NULL;
  g_autofree char       *value = NULL;
  g_autofree char       *expected = g_strdup_printf ("%d", RH_STATE_SCHEMA_VERSION);

  sql_exec (fixture->path, v1_database);

  state = open_state (fixture->path);
  keys = keys_of (state);
  g_assert_cmpstr (keys, ==,
                   "/git/branching/rebasing#golden-rule|"
                   "/git/branching/rebasing#onto|" MP "#process-vs-pool");

  first = find_bookmark (state, "/git/branching/rebasing", "golden-rule");
  g_assert_cmpstr (rh_bookmark_get_question (first), ==, "The golden rule of rebasing?");
  g_assert_cmpstr (rh_bookmark_get_framework (first), ==, "Git");
  g_assert_cmpstr (rh_bookmark_get_topic (first), ==, "Branching");
  g_assert_cmpstr (rh_bookmark_get_subtopic (first), ==, "Rebasing");
  g_assert_cmpint (rh_bookmark_get_created_at (first), ==, 1700000000000002);
  g_assert_true (is_bookmarked (state, MP, "process-vs-pool"));

  /* Version 2's table works. */
  rh_state_set_value (state, "last-page", MP, &error);
  g_assert_no_error (error);
  value = rh_state_dup_value (state, "last-page");
  g_assert_cmpstr (value, ==, MP);

  g_clear_object (&state);
  version = sql_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, expected);
  index = sql_text (fixture->path, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'bookmarks_by_created'");
  g_assert_cmpstr (index, ==, "bookmarks_by_created");
  /* Version 3's review log, empty. */
  g_clear_pointer (&index, g_free);
  index = sql_text (fixture->path, "SELECT count(*) FROM reviews, cards");
  g_assert_cmpstr (index, ==, "0");

  /* Opening again migrates nothing and loses nothing. */
  state = open_state (fixture->path);
  g_clear_pointer (&keys, g_free);
  keys = keys_of (state);
  g_assert_cmpstr (keys, ==,
                   "/git/branching/rebasing#golden-rule|"
                   "/git/branching/rebasing#onto|" MP "#process-vs-pool");
}

/* Version 2 as it shipped: version 1, an index and the meta table. */
static const char v2_database[] =
    "CREATE TABLE bookmarks ("
    "  path        TEXT NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  question    TEXT NOT NULL DEFAULT '',"
    "  framework   TEXT NOT NULL DEFAULT '',"
    "  topic       TEXT NOT NULL DEFAULT '',"
    "  subtopic    TEXT NOT NULL DEFAULT '',"
    "  created_at  INTEGER NOT NULL,"
    "  PRIMARY KEY (path, question_id)"
    ");"
    "CREATE INDEX bookmarks_by_created ON bookmarks (created_at);"
    "CREATE TABLE meta ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "INSERT INTO bookmarks VALUES ('/python/concurrency/multiprocessing', 'process-vs-pool', 'Process or Pool?',"
    "  'Python', 'Concurrency', 'Multiprocessing', 1700000000000000);"
    "INSERT INTO meta VALUES ('last-page', '/git/branching/rebasing');"
    "PRAGMA user_version = 2;";

static void
test_migrate_v2 (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (RhState) state = NULL;
  g_autofree char    *value = NULL;
  g_autofree char    *version = NULL;
  g_autofree char    *tables = NULL;
  g_autofree char    *expected = g_strdup_printf ("%d", RH_STATE_SCHEMA_VERSION);

  sql_exec (fixture->path, v2_database);

  state = open_state (fixture->path);
  g_assert_true (is_bookmarked (state, MP, "process-vs-pool"));
  value = rh_state_dup_value (state, "last-page");
  g_assert_cmpstr (value, ==, "/git/branching/rebasing");

  g_clear_object (&state);
  version = sql_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, expected);
  tables = sql_text (fixture->path, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema"
                                    " WHERE name IN ('reviews', 'cards', 'reviews_by_card', 'reviews_by_time') ORDER BY name)");
  g_assert_cmpstr (tables, ==, "cards,reviews,reviews_by_card,reviews_by_time");
}

static void
test_migrate_v0_foreign (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr (RhState) state = NULL;
  g_autoptr (GError)  error = NULL;
  g_autofree char    *aside = NULL;
  g_autofree char    *kept = NULL;

  /* Version 0 with tables in it: some other program's database. */
  sql_exec (fixture->path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');");

  state = rh_state_open (fixture->path, &error);
  g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT);
  g_assert_null (state);
  g_clear_error (&error);

  state = rh_state_open_or_recover (fixture->path, &aside, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  kept = sql_text (aside, "SELECT text FROM notes");
  g_assert_cmpstr (kept, ==, "mine");
}

static void
test_too_new (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (RhState) state = NULL;
  g_autoptr (GError)  error = NULL;
  g_autofree char    *aside = NULL;
  g_autofree char    *version = NULL;

  sql_exec (fixture->path, "CREATE TABLE future (x); PRAGMA user_version = 99;");

  state = rh_state_open_or_recover (fixture->path, &aside, &error);
  g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_TOO_NEW);
  g_assert_null (state);
  g_assert_null (aside);

  /* Left exactly as it was, where it was. */
  version = sql_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "99");
}

static void
test_persist (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (RhState) state = open_state (fixture->path);
  g_autofree char    *before = NULL;
  g_autofree char    *after = NULL;

  bookmark (state, MP, "process-vs-pool", "Process or Pool?");
  bookmark (state, "/git/branching/rebasing", "onto", "What does --onto do?");
  bookmark (state, "/git/branching/rebasing", "id#with#hashes", "Odd id");
  before = keys_of (state);
  g_clear_object (&state);

  state = open_state (fixture->path);
  after = keys_of (state);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (after, ==,
                   "/git/branching/rebasing#id#with#hashes|"
                   "/git/branching/rebasing#onto|" MP "#process-vs-pool");
  g_assert_true (is_bookmarked (state, "/git/branching/rebasing", "id#with#hashes"));
  g_assert_false (is_bookmarked (state, "/git/branching/rebasing", "id"));
}

static void
test_toggle (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (RhLibrary)  library = library_from (PAGE_JSON);
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (GListModel) model = rh_state_list_bookmarks (state);
  g_autoptr (RhBookmark) item = NULL;
  g_autoptr (GError)     error = NULL;
  RhQuestion            *question = rh_library_lookup_question (library, MP, "start-methods");
  gboolean               bookmarked = FALSE;
  guint                  changes = 0;

  g_signal_connect (state, "bookmarks-changed", G_CALLBACK (count_signal), &changes);

  rh_state_toggle_bookmark (state, question, &bookmarked, &error);
  g_assert_no_error (error);
  g_assert_true (bookmarked);
  g_assert_true (is_bookmarked (state, MP, "start-methods"));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Identity and a copy of the text, never the model's objects. */
  item = g_list_model_get_item (model, 0);
  g_assert_cmpstr (rh_question_ref_get_path (rh_bookmark_get_ref (item)), ==, MP);
  g_assert_cmpstr (rh_question_ref_get_question_id (rh_bookmark_get_ref (item)), ==, "start-methods");
  g_assert_cmpstr (rh_bookmark_get_question (item), ==, "Which start methods exist?");
  g_assert_cmpstr (rh_bookmark_get_framework (item), ==, "Python");
  g_assert_cmpstr (rh_bookmark_get_topic (item), ==, "Concurrency");
  g_assert_cmpstr (rh_bookmark_get_subtopic (item), ==, "Multiprocessing");
  g_assert_cmpint (rh_bookmark_get_created_at (item), >, 0);

  rh_state_toggle_bookmark (state, question, &bookmarked, &error);
  g_assert_no_error (error);
  g_assert_false (bookmarked);
  g_assert_false (is_bookmarked (state, MP, "start-methods"));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Removing what is not there changes nothing and says nothing. */
  {
    g_autoptr (RhQuestionRef) ref = rh_question_ref_new (MP, "start-methods");

    rh_state_remove_bookmark (state, ref, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_order (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (RhBookmark) kept = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *keys = NULL;
  gint64                 created;

  bookmark (state, "/a/b/c", "one", "One");
  bookmark (state, "/a/b/c", "two", "Two");
  bookmark (state, "/a/b/c", "three", "Three");
  keys = keys_of (state);
  g_assert_cmpstr (keys, ==, "/a/b/c#three|/a/b/c#two|/a/b/c#one");

  /* Bookmarking again keeps the bookmark, and its place. */
  kept = find_bookmark (state, "/a/b/c", "one");
  created = rh_bookmark_get_created_at (kept);
  add_bookmark (state, "/a/b/c", "one", "One, edited", &error);
  g_assert_no_error (error);
  g_clear_object (&kept);
  kept = find_bookmark (state, "/a/b/c", "one");
  g_assert_cmpint (rh_bookmark_get_created_at (kept), ==, created);
  g_assert_cmpstr (rh_bookmark_get_question (kept), ==, "One");
  g_clear_pointer (&keys, g_free);
  keys = keys_of (state);
  g_assert_cmpstr (keys, ==, "/a/b/c#three|/a/b/c#two|/a/b/c#one");

  /* The same order after a restart, ties and all. */
  g_clear_object (&state);
  sql_exec (fixture->path, "UPDATE bookmarks SET created_at = 42");
  state = open_state (fixture->path);
  g_clear_pointer (&keys, g_free);
  keys = keys_of (state);
  g_assert_cmpstr (keys, ==, "/a/b/c#three|/a/b/c#two|/a/b/c#one");
}

static void
test_missing (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (RhLibrary)  full = library_from (PAGE_JSON);
  g_autoptr (RhLibrary)  partial = library_from (PAGE_WITHOUT_START_METHODS);
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (RhBookmark) gone = NULL;
  g_autoptr (RhBookmark) present = NULL;
  g_autoptr (RhBookmark) added = NULL;
  g_autoptr (GError)     error = NULL;

  rh_state_toggle_bookmark (state, rh_library_lookup_question (full, MP, "start-methods"), NULL, &error);
  g_assert_no_error (error);
  rh_state_toggle_bookmark (state, rh_library_lookup_question (full, MP, "process-vs-pool"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_state_mark_missing (state, full), ==, 0);

  /* The content is reloaded without one question. */
  g_assert_cmpuint (rh_state_mark_missing (state, partial), ==, 1);
  gone = find_bookmark (state, MP, "start-methods");
  present = find_bookmark (state, MP, "process-vs-pool");
  g_assert_true (rh_bookmark_get_missing (gone));
  g_assert_false (rh_bookmark_get_missing (present));
  g_assert_cmpstr (rh_bookmark_get_question (gone), ==, "Which start methods exist?");
  g_assert_true (is_bookmarked (state, MP, "start-methods"));

  /* Added later, against the library last given. */
  bookmark (state, "/gone/for/good", "x", "Gone");
  added = find_bookmark (state, "/gone/for/good", "x");
  g_assert_true (rh_bookmark_get_missing (added));

  /* Kept on disk, and whole again when the content returns. */
  g_clear_object (&gone);
  g_clear_object (&state);
  state = open_state (fixture->path);
  gone = find_bookmark (state, MP, "start-methods");
  g_assert_nonnull (gone);
  g_assert_cmpuint (rh_state_mark_missing (state, partial), ==, 2);
  g_assert_cmpuint (rh_state_mark_missing (state, full), ==, 1);
  g_assert_false (rh_bookmark_get_missing (gone));
}

static void
test_round_trip (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (RhState)    other = NULL;
  g_autoptr (GListModel) copy = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *file = g_build_filename (fixture->directory, "bookmarks.json", NULL);
  g_autofree char       *again = g_build_filename (fixture->directory, "again.json", NULL);
  g_autofree char       *other_path = g_build_filename (fixture->directory, "other.sqlite3", NULL);
  g_autofree char       *contents = NULL;
  g_autofree char       *contents_again = NULL;
  guint                  added = 0;

  bookmark (state, MP, "process-vs-pool", "Process or \"Pool\"? <b>bold</b>\n");
  bookmark (state, "/git/branching/rebasing", "onto", "What does --onto do? Ça va.");
  rh_state_export_bookmarks (state, file, &error);
  g_assert_no_error (error);

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"format\" : \"rehearse-bookmarks\""));
  g_assert_nonnull (strstr (contents, "\"version\" : 1"));

  other = open_state (other_path);
  rh_state_import_bookmarks (other, file, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);

  /* Every field came across: the copy exports the same file. */
  rh_state_export_bookmarks (other, again, &error);
  g_assert_no_error (error);
  g_file_get_contents (again, &contents_again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents_again, ==, contents);
  copy = rh_state_list_bookmarks (other);

  /* Importing the same file again adds nothing. */
  rh_state_import_bookmarks (other, file, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (copy), ==, 2);
}

static void
test_import_merges (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (RhState)    state = NULL;
  g_autoptr (RhBookmark) a = NULL;
  g_autoptr (RhBookmark) b = NULL;
  g_autoptr (RhBookmark) c = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *keys = NULL;
  g_autofree char       *file = NULL;
  guint                  added = 0;
  guint                  changes = 0;

  /* A (2023-11-14T22:13:20Z) and B are here; the file has A, earlier,
   * with other text, and C, dated later than B is.
   */
  sql_exec (fixture->path,
            "CREATE TABLE bookmarks (path TEXT NOT NULL, question_id TEXT NOT NULL, question TEXT NOT NULL DEFAULT '',"
            " framework TEXT NOT NULL DEFAULT '', topic TEXT NOT NULL DEFAULT '', subtopic TEXT NOT NULL DEFAULT '',"
            " created_at INTEGER NOT NULL, PRIMARY KEY (path, question_id));"
            "INSERT INTO bookmarks VALUES ('/a/b/c', 'a', 'Mine', '', '', '', 1700000000000000);"
            "INSERT INTO bookmarks VALUES ('/a/b/c', 'b', 'B', 'F', 'T', 'S', 1700000000500000);"
            "PRAGMA user_version = 1;");
  state = open_state (fixture->path);
  g_signal_connect (state, "bookmarks-changed", G_CALLBACK (count_signal), &changes);

  file = rh_test_write_temp ("merge.json",
                             "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                             "{\"path\":\"/a/b/c\",\"id\":\"a\",\"question\":\"Theirs\",\"framework\":\"F\","
                             "\"created\":\"2023-11-14T22:13:19.5Z\"},"
                             "{\"path\":\"/a/b/c\",\"id\":\"c\",\"question\":\"C\",\"created\":\"2023-11-14T22:13:21Z\"}"
                             "]}",
                             -1);
  rh_state_import_bookmarks (state, file, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (changes, ==, 1);

  keys = keys_of (state);
  g_assert_cmpstr (keys, ==, "/a/b/c#c|/a/b/c#b|/a/b/c#a");

  a = find_bookmark (state, "/a/b/c", "a");
  b = find_bookmark (state, "/a/b/c", "b");
  c = find_bookmark (state, "/a/b/c", "c");
  /* The earlier date wins; stored text stays, blanks are filled in. */
  g_assert_cmpint (rh_bookmark_get_created_at (a), ==, 1699999999500000);
  g_assert_cmpstr (rh_bookmark_get_question (a), ==, "Mine");
  g_assert_cmpstr (rh_bookmark_get_framework (a), ==, "F");
  g_assert_cmpint (rh_bookmark_get_created_at (b), ==, 1700000000500000);
  g_assert_cmpint (rh_bookmark_get_created_at (c), ==, 1700000001000000);

  /* A later date in a file never moves a bookmark later. */
  g_clear_pointer (&file, g_free);
  file = rh_test_write_temp ("later.json",
                             "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                             "{\"path\":\"/a/b/c\",\"id\":\"b\",\"created\":\"2030-01-01T00:00:00Z\"}]}",
                             -1);
  rh_state_import_bookmarks (state, file, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_clear_object (&b);
  b = find_bookmark (state, "/a/b/c", "b");
  g_assert_cmpint (rh_bookmark_get_created_at (b), ==, 1700000000500000);

  /* Without dates the file's order is kept, first newest. */
  g_clear_pointer (&file, g_free);
  file = rh_test_write_temp ("undated.json",
                             "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                             "{\"path\":\"/x/y/z\",\"id\":\"1\"},{\"path\":\"/x/y/z\",\"id\":\"2\",\"question\":null}]}",
                             -1);
  rh_state_import_bookmarks (state, file, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_clear_pointer (&keys, g_free);
  keys = keys_of (state);
  g_assert_cmpstr (keys, ==, "/x/y/z#1|/x/y/z#2|/a/b/c#c|/a/b/c#b|/a/b/c#a");
}

/* Every kind of bad file is tested in test-bookmarks-file.c; here, that
 * the error names the file and that a bad entry after good ones writes
 * none of them.
 */
typedef struct
{
  const char *name;
  const char *contents;
  int         code;
  const char *message; /* after "FILE: " */
} BadImport;

static const BadImport bad_imports[] = {
  { "syntax", "{\"format\":", RH_CONTENT_ERROR_SYNTAX, "line 1, column " },
  { "path-type", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                 "{\"path\":\"/a/b/c\",\"id\":\"0\"},{\"path\":\"/a/b/c\",\"id\":\"1\"},{\"path\":\"/a/b/c\",\"id\":\"2\"},"
                 "{\"path\":3,\"id\":\"x\"}]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[3].path: expected a string, found a number" },
};

static void
test_import_bad (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (RhState) state = open_state (fixture->path);
  g_autofree char    *before = NULL;
  g_autofree char    *missing = g_build_filename (fixture->directory, "absent.json", NULL);
  g_autoptr (GError)  error = NULL;
  guint               changes = 0;
  guint               added = 99;

  bookmark (state, "/keep/me/here", "1", "Kept");
  before = keys_of (state);
  g_signal_connect (state, "bookmarks-changed", G_CALLBACK (count_signal), &changes);

  for (guint i = 0; i < G_N_ELEMENTS (bad_imports); i++)
    {
      const BadImport *bad = &bad_imports[i];
      g_autofree char *name = g_strdup_printf ("bad-%s.json", bad->name);
      g_autofree char *file = rh_test_write_temp (name, bad->contents, -1);
      g_autofree char *prefix = g_strdup_printf ("%s: %s", file, bad->message);
      g_autofree char *after = NULL;

      g_test_message ("%s", bad->name);
      g_assert_false (rh_state_import_bookmarks (state, file, &added, &error));
      g_assert_error (error, RH_CONTENT_ERROR, bad->code);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("%s: “%s” does not start with “%s”", bad->name, error->message, prefix);
      g_clear_error (&error);

      g_assert_cmpuint (added, ==, 0);
      after = keys_of (state);
      g_assert_cmpstr (after, ==, before);
    }

  g_assert_false (rh_state_import_bookmarks (state, missing, NULL, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ);
  g_assert_cmpuint (changes, ==, 0);

  /* Nothing reached the disk either. */
  g_clear_object (&state);
  state = open_state (fixture->path);
  g_clear_pointer (&before, g_free);
  before = keys_of (state);
  g_assert_cmpstr (before, ==, "/keep/me/here#1");
}

/* The asynchronous import and export, seen from the main loop. */
typedef struct
{
  GAsyncResult *result;
  GArray       *progress; /* pairs of done, total */
  gint64        last_tick; /* µs, monotonic */
  gint64        longest_gap; /* µs the loop went without a tick */
} AsyncWait;

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
on_async_progress (guint    done,
                   guint    total,
                   gpointer user_data)
{
  AsyncWait *wait = user_data;
  guint      call[2] = { done, total };

  g_array_append_vals (wait->progress, call, 2);
}

static gboolean
on_tick (gpointer user_data)
{
  AsyncWait *wait = user_data;
  gint64     now = g_get_monotonic_time ();

  wait->longest_gap = MAX (wait->longest_gap, now - wait->last_tick);
  wait->last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* Runs the loop, ticking every 5 ms, until the call is done. */
static void
async_wait (AsyncWait *wait)
{
  guint tick = g_timeout_add (5, on_tick, wait);

  wait->last_tick = g_get_monotonic_time ();
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* The call may end at the end of a long stretch without ticks. */
  on_tick (wait);
  g_source_remove (tick);
}

static void
async_wait_clear (AsyncWait *wait)
{
  g_clear_object (&wait->result);
  if (wait->progress != NULL)
    g_array_set_size (wait->progress, 0);
  wait->longest_gap = 0;
}

static char *
write_many (Fixture    *fixture,
            const char *name,
            guint       first,
            guint       n)
{
  g_autoptr (GString) text = g_string_new ("{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[");
  g_autoptr (GError)  error = NULL;
  char               *file = g_build_filename (fixture->directory, name, NULL);

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (text,
                            "%s{\"path\":\"/framework-%u/topic/page-%u\",\"id\":\"q-%u\",\"question\":\"Question %u?\","
                            "\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"created\":\"2023-11-14T22:13:20Z\"}",
                            i > first ? "," : "", i % 7, i % 997, i, i);
  g_string_append (text, "]}");
  g_file_set_contents (file, text->str, text->len, &error);
  g_assert_no_error (error);

  return file;
}

/* An import reads the file on another thread, telling how far it got,
 * while the loop runs on; a bad file, or a cancelled import, changes
 * nothing.
 */
static void
test_import_async (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (RhState)      state = open_state (fixture->path);
  g_autoptr (GArray)       progress = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GError)       error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char         *file = write_many (fixture, "many.json", 0, 3000);
  g_autofree char         *bad = rh_test_write_temp ("bad-async.json",
                                                     "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                                                             "{\"path\":\"/a/b/c\",\"id\":\"ok\"},"
                                                             "{\"path\":\"/a/b/c\",\"id\":\"x\",\"created\":\"10000-01-01T00:00:00Z\"}]}",
                                                     -1);
  g_autofree char         *expected = g_strdup_printf ("%s: bookmarks[1].created: “10000-01-01T00:00:00Z” is outside "
                                                               "the years 1 to 9999",
                                                       bad);
  g_autofree char         *before = NULL;
  g_autofree char         *after = NULL;
  AsyncWait                wait = { NULL, progress, 0, 0 };
  guint                    added = 99;
  guint                    changes = 0;
  const guint             *calls;

  bookmark (state, "/keep/me/here", "1", "Kept");
  g_signal_connect (state, "bookmarks-changed", G_CALLBACK (count_signal), &changes);

  rh_state_import_bookmarks_async (state, file, NULL, on_async_progress, &wait, on_async_done, &wait);
  /* Nothing is written before the loop runs. */
  g_assert_cmpuint (changes, ==, 0);
  async_wait (&wait);
  g_assert_true (rh_state_import_bookmarks_finish (state, wait.result, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3000);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (is_bookmarked (state, "/framework-2/topic/page-7", "q-2998"));

  /* The last word is the whole file, and the counts only go up. */
  g_assert_cmpuint (progress->len, >=, 2);
  calls = (const guint *) progress->data;
  g_assert_cmpuint (calls[progress->len - 2], ==, 3000);
  g_assert_cmpuint (calls[progress->len - 1], ==, 3000);
  for (guint i = 2; i < progress->len; i += 2)
    g_assert_cmpuint (calls[i], >=, calls[i - 2]);

  before = keys_of (state);
  async_wait_clear (&wait);
  rh_state_import_bookmarks_async (state, bad, NULL, NULL, NULL, on_async_done, &wait);
  async_wait (&wait);
  g_assert_false (rh_state_import_bookmarks_finish (state, wait.result, &added, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_cmpuint (added, ==, 0);
  g_clear_error (&error);

  async_wait_clear (&wait);
  g_cancellable_cancel (cancellable);
  rh_state_import_bookmarks_async (state, file, cancellable, NULL, NULL, on_async_done, &wait);
  async_wait (&wait);
  g_assert_false (rh_state_import_bookmarks_finish (state, wait.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  async_wait_clear (&wait);

  after = keys_of (state);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (changes, ==, 1);
}

/* A file of as many bookmarks as one may hold imports while the loop
 * runs; the time the loop stood still is the write to the database and
 * the list, on this thread. Past the limit, an import is refused.
 */
static void
test_import_at_limit_body (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (GArray)     progress = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GError)     error = NULL;
  g_autoptr (GListModel) model = rh_state_list_bookmarks (state);
  g_autofree char       *file = write_many (fixture, "limit.json", 0, RH_BOOKMARKS_FILE_MAX_ENTRIES);
  g_autofree char       *one_more = write_many (fixture, "one-more.json", RH_BOOKMARKS_FILE_MAX_ENTRIES, 1);
  g_autofree char       *exported = g_build_filename (fixture->directory, "exported.json", NULL);
  g_autofree char       *expected = g_strdup_printf ("%s: importing would make 100001 bookmarks, more than the "
                                                           "100000 Rehearse keeps",
                                                     one_more);
  AsyncWait              wait = { NULL, progress, 0, 0 };
  double                 start = g_get_monotonic_time ();
  guint                  added = 0;

  rh_state_import_bookmarks_async (state, file, NULL, on_async_progress, &wait, on_async_done, &wait);
  async_wait (&wait);
  g_assert_true (rh_state_import_bookmarks_finish (state, wait.result, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, RH_BOOKMARKS_FILE_MAX_ENTRIES);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, RH_BOOKMARKS_FILE_MAX_ENTRIES);
  g_test_message ("import of %u: %.0f ms, %u progress reports, the loop stood still for at most %.0f ms",
                  RH_BOOKMARKS_FILE_MAX_ENTRIES, (g_get_monotonic_time () - start) / 1000.0, progress->len / 2,
                  wait.longest_gap / 1000.0);
  g_assert_cmpuint (progress->len, >=, 2);

  async_wait_clear (&wait);
  start = g_get_monotonic_time ();
  rh_state_export_bookmarks_async (state, exported, NULL, on_async_done, &wait);
  async_wait (&wait);
  g_assert_true (rh_state_export_bookmarks_finish (state, wait.result, &error));
  g_assert_no_error (error);
  g_test_message ("export of %u: %.0f ms, the loop stood still for at most %.0f ms", RH_BOOKMARKS_FILE_MAX_ENTRIES,
                  (g_get_monotonic_time () - start) / 1000.0, wait.longest_gap / 1000.0);

  async_wait_clear (&wait);
  rh_state_import_bookmarks_async (state, one_more, NULL, NULL, NULL, on_async_done, &wait);
  async_wait (&wait);
  g_assert_false (rh_state_import_bookmarks_finish (state, wait.result, &added, &error));
  g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, RH_BOOKMARKS_FILE_MAX_ENTRIES);
  g_clear_error (&error);
  async_wait_clear (&wait);

  /* What was exported is the same bookmarks again. */
  g_clear_object (&state);
  g_clear_object (&model);
  g_unlink (fixture->path);
  state = open_state (fixture->path);
  g_assert_true (rh_state_import_bookmarks (state, exported, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, RH_BOOKMARKS_FILE_MAX_ENTRIES);
}

static void
test_import_at_limit (Fixture      *fixture,
                      gconstpointer data)
{
  if (rh_test_skip_unless_slow ())
    return;

  test_import_at_limit_body (fixture, data);
}

/* An export that an import would refuse writes nothing: a file already
 * there keeps what it had.
 */
static void
test_export_refused (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr (RhState) state = open_state (fixture->path);
  g_autoptr (GError)  error = NULL;
  g_autofree char    *long_question = g_strnfill (RH_BOOKMARKS_FILE_MAX_QUESTION + 1, 'q');
  g_autofree char    *absent = g_build_filename (fixture->directory, "absent.json", NULL);
  g_autofree char    *kept = g_build_filename (fixture->directory, "kept.json", NULL);
  g_autofree char    *contents = NULL;
  AsyncWait           wait = { 0 };

  bookmark (state, "/a/b/c", "fine", "Fine");
  bookmark (state, "/a/b/c", "long", long_question);
  g_file_set_contents (kept, "what was there", -1, &error);
  g_assert_no_error (error);

  g_assert_false (rh_state_export_bookmarks (state, absent, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Could not export the bookmarks: /a/b/c#long: bookmarks[0].question: longer than 4096 characters");
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  rh_state_export_bookmarks_async (state, kept, NULL, on_async_done, &wait);
  async_wait (&wait);
  g_assert_false (rh_state_export_bookmarks_finish (state, wait.result, &error));
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE);
  g_file_get_contents (kept, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "what was there");
  async_wait_clear (&wait);
}

/* A question's text longer than a bookmarks file holds is cut short in
 * its bookmark, so that bookmarking never makes an export fail.
 */
static void
test_toggle_shortens (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char       *question = g_strnfill (RH_BOOKMARKS_FILE_MAX_QUESTION + 100, 'q');
  g_autofree char       *json = g_strdup_printf ("{\"page\":{\"framework\":\"Python\",\"topic\":\"Concurrency\","
                                                       "\"subtopic\":\"Multiprocessing\",\"path\":\"" MP "\",\"questions\":["
                                                       "{\"id\":\"long\",\"difficulty\":\"easy\",\"q\":\"%s\",\"a\":\"A.\"}]}}",
                                                 question);
  g_autoptr (RhLibrary)  library = library_from (json);
  g_autoptr (RhState)    state = open_state (fixture->path);
  g_autoptr (RhBookmark) kept = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *file = g_build_filename (fixture->directory, "long.json", NULL);
  gboolean               bookmarked = FALSE;

  g_assert_true (rh_state_toggle_bookmark (state, rh_library_lookup_question (library, MP, "long"), &bookmarked, &error));
  g_assert_no_error (error);
  kept = find_bookmark (state, MP, "long");
  g_assert_cmpuint (g_utf8_strlen (rh_bookmark_get_question (kept), -1), ==, RH_BOOKMARKS_FILE_MAX_QUESTION);
  g_assert_true (g_str_has_suffix (rh_bookmark_get_question (kept), "q…"));
  g_assert_true (rh_state_export_bookmarks (state, file, &error));
  g_assert_no_error (error);
}

typedef enum
{
  DAMAGE_GARBAGE,
  DAMAGE_TRUNCATED,
  DAMAGE_PNG,
  DAMAGE_TEXT,
} Damage;

static const struct
{
  const char *name;
  Damage      damage;
} damages[] = {
  { "garbage", DAMAGE_GARBAGE },
  { "truncated", DAMAGE_TRUNCATED },
  { "png", DAMAGE_PNG },
  { "text", DAMAGE_TEXT },
};

static GBytes *
make_damaged (const char *path,
              Damage      damage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand)  rand = g_rand_new_with_seed (3);
  g_autofree char   *data = NULL;
  gsize              length = 0;

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      length = 64 * 1024;
      data = g_malloc (length);
      for (gsize i = 0; i < length; i++)
        data[i] = (char) g_rand_int_range (rand, 0, 256);
      break;

    case DAMAGE_TRUNCATED:
      {
        g_autoptr (RhState) state = open_state (path);
        g_autofree char    *whole = NULL;

        /* Enough rows for many pages; closing folds the WAL in. */
        for (guint i = 0; i < 400; i++)
          {
            g_autofree char *id = g_strdup_printf ("q-%u", i);
            g_autofree char *text = g_strnfill (200, 'a' + i % 26);

            bookmark (state, "/a/b/c", id, text);
          }
        g_clear_object (&state);

        g_file_get_contents (path, &whole, &length, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (length, >, 64 * 1024);
        length /= 2;
        data = g_memdup2 (whole, length);
      }
      break;

    case DAMAGE_PNG:
      {
        static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

        length = sizeof png - 1;
        data = g_memdup2 (png, length);
      }
      break;

    case DAMAGE_TEXT:
      data = g_strdup ("These are my notes, not a database.\n");
      length = strlen (data);
      break;

    default:
      g_assert_not_reached ();
    }

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static void
test_recover (Fixture      *fixture,
              gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autoptr (GBytes)     damaged = NULL;
      g_autoptr (GBytes)     kept = NULL;
      g_autoptr (RhState)    state = NULL;
      g_autoptr (GListModel) model = NULL;
      g_autoptr (GError)     error = NULL;
      g_autofree char       *aside = NULL;
      g_autofree char       *aside_name = NULL;
      g_autofree char       *aside_wal = NULL;
      g_autofree char       *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char       *contents = NULL;
      g_autoptr (GRegex)     pattern = g_regex_new ("^state\\.sqlite3\\.corrupt-[0-9]{8}-[0-9]{6}(-[0-9]+)?$", 0, 0, NULL);
      gsize                  length;

      g_test_message ("%s", damages[i].name);
      damaged = make_damaged (fixture->path, damages[i].damage);
      if (damages[i].damage == DAMAGE_GARBAGE)
        {
          g_file_set_contents (wal, "not a log", -1, &error);
          g_assert_no_error (error);
        }

      state = rh_state_open (fixture->path, &error);
      g_assert_error (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT);
      g_assert_null (state);
      g_clear_error (&error);

      /* The failed open touched nothing. */
      g_file_get_contents (fixture->path, &contents, &length, &error);
      g_assert_no_error (error);
      kept = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_assert_true (g_bytes_equal (kept, damaged));
      g_clear_pointer (&kept, g_bytes_unref);

      state = rh_state_open_or_recover (fixture->path, &aside, &error);
      g_assert_no_error (error);
      g_assert_nonnull (state);
      g_assert_nonnull (aside);

      /* Moved aside, byte for byte, under a dated name beside it. */
      aside_name = g_path_get_basename (aside);
      g_assert_true (g_regex_match (pattern, aside_name, 0, NULL));
      g_assert_true (g_str_has_prefix (aside, fixture->directory));
      g_file_get_contents (aside, &contents, &length, &error);
      g_assert_no_error (error);
      kept = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_assert_true (g_bytes_equal (kept, damaged));

      /* A log beside a damaged database goes with it, untouched. */
      aside_wal = g_strconcat (aside, "-wal", NULL);
      g_assert_cmpint (g_file_test (aside_wal, G_FILE_TEST_EXISTS), ==, damages[i].damage == DAMAGE_GARBAGE);
      if (damages[i].damage == DAMAGE_GARBAGE)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (aside_wal, &log, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (log, ==, "not a log");
        }

      /* And a working database in its place. */
      model = rh_state_list_bookmarks (state);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
      g_clear_object (&model);
      bookmark (state, "/a/b/c", "after", "After");
      g_assert_true (is_bookmarked (state, "/a/b/c", "after"));
      g_clear_object (&state);

      /* Start the next case from nothing but the moved-aside files. */
      g_unlink (fixture->path);
      g_unlink (wal);
    }
}

static void
test_recover_twice (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (GError)  error = NULL;
  g_autofree char    *first = NULL;
  g_autofree char    *second = NULL;
  g_autoptr (RhState) state = NULL;

  /* Two recoveries within the same second keep both copies. */
  g_file_set_contents (fixture->path, "first", -1, &error);
  g_assert_no_error (error);
  state = rh_state_open_or_recover (fixture->path, &first, &error);
  g_assert_no_error (error);
  g_clear_object (&state);

  g_unlink (fixture->path);
  g_file_set_contents (fixture->path, "second", -1, &error);
  g_assert_no_error (error);
  state = rh_state_open_or_recover (fixture->path, &second, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));

  /* A healthy database is left alone. */
  g_clear_object (&state);
  g_clear_pointer (&first, g_free);
  state = rh_state_open_or_recover (fixture->path, &first, &error);
  g_assert_no_error (error);
  g_assert_null (first);
}

/* The child side of test_crash: bookmarks in a loop, each committed
 * before its number is written.
 */
static int
run_crash_writer (const char *path)
{
  g_autoptr (GError)  error = NULL;
  g_autoptr (RhState) state = rh_state_open (path, &error);

  if (state == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  for (guint i = 0;; i++)
    {
      g_autofree char *id = g_strdup_printf ("q-%u", i);

      if (!add_bookmark (state, "/crash/test/page", id, "A question", &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }

      printf ("%u\n", i);
      fflush (stdout);
    }
}

static void
test_crash (Fixture      *fixture,
            gconstpointer data)
{
  g_autofree char    *self = g_file_read_link ("/proc/self/exe", NULL);
  const char         *argv[] = { self, "--crash-writer", fixture->path, NULL };
  g_autoptr (GError)  error = NULL;
  g_autoptr (RhState) state = NULL;
  g_autofree char    *check = NULL;
  char                line[64];
  gboolean            killed = FALSE;
  gint64              last = -1;
  GPid                pid;
  FILE               *out;
  int                 out_fd;
  int                 status;

  g_assert_nonnull (self);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  out = fdopen (out_fd, "r");
  g_assert_nonnull (out);

  /* Every number read was committed before it was written, including
   * those still in the pipe when the child dies.
   */
  while (fgets (line, sizeof line, out) != NULL)
    {
      gint64 n = g_ascii_strtoll (line, NULL, 10);

      g_assert_cmpint (n, ==, last + 1);
      last = n;

      if (!killed && last >= 300)
        {
          kill (pid, SIGKILL);
          killed = TRUE;
        }
    }
  fclose (out);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_cmpint (last, >=, 300);
  g_test_message ("%" G_GINT64_FORMAT " writes reported before SIGKILL", last + 1);

  state = open_state (fixture->path);
  for (gint64 i = 0; i <= last; i++)
    {
      g_autofree char *id = g_strdup_printf ("q-%" G_GINT64_FORMAT, i);

      if (!is_bookmarked (state, "/crash/test/page", id))
        g_error ("write %s was reported committed but is gone", id);
    }
  g_clear_object (&state);

  check = sql_text (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_values (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (RhState) state = open_state (fixture->path);
  g_autoptr (GError)  error = NULL;
  g_autofree char    *value = NULL;

  g_assert_null (rh_state_dup_value (state, "last-page"));
  rh_state_set_value (state, "last-page", "/a/b/c", &error);
  g_assert_no_error (error);
  rh_state_set_value (state, "last-page", "/a/b/d", &error);
  g_assert_no_error (error);
  g_clear_object (&state);

  state = open_state (fixture->path);
  value = rh_state_dup_value (state, "last-page");
  g_assert_cmpstr (value, ==, "/a/b/d");
  rh_state_set_value (state, "last-page", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (rh_state_dup_value (state, "last-page"));
}

static void
test_cli (Fixture      *fixture,
          gconstpointer data)
{
  g_autoptr (RhState)       state = NULL;
  g_autoptr (GOutputStream) out_stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err_stream = g_memory_output_stream_new_resizable ();
  g_autofree char          *out = NULL;
  g_autofree char          *err = NULL;
  int                       status;

  /* No database yet: nothing to list, and none made. */
  status = rh_bookmarks_cli_run (fixture->path, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  state = open_state (fixture->path);
  bookmark (state, MP, "process-vs-pool", "Process\tor\nPool?");
  bookmark (state, "/git/branching/rebasing", "onto", "What does --onto do?");
  g_clear_object (&state);

  status = rh_bookmarks_cli_run (fixture->path, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==,
                   "/git/branching/rebasing#onto\tWhat does --onto do?\n" MP "#process-vs-pool\tProcess or Pool?\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Damage is reported, not repaired, from the command line. */
  g_file_set_contents (fixture->path, "garbage garbage garbage", -1, NULL);
  status = rh_bookmarks_cli_run (fixture->path, out_stream, err_stream);
  out = rh_test_take_output (out_stream);
  err = rh_test_take_output (err_stream);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, fixture->path));
}

static void
test_default_path (void)
{
  g_autofree char *path = rh_state_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "rehearse", "state.sqlite3", NULL);

  g_assert_cmpstr (path, ==, expected);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-writer"))
    return run_crash_writer (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/state/default-path", test_default_path);
  ADD ("/state/open/fresh", test_fresh);
  ADD ("/state/migrate/from-v1", test_migrate_v1);
  ADD ("/state/migrate/from-v2", test_migrate_v2);
  ADD ("/state/migrate/from-v0-foreign", test_migrate_v0_foreign);
  ADD ("/state/migrate/too-new", test_too_new);
  ADD ("/state/bookmarks/persist", test_persist);
  ADD ("/state/bookmarks/toggle", test_toggle);
  ADD ("/state/bookmarks/order", test_order);
  ADD ("/state/bookmarks/missing", test_missing);
  ADD ("/state/export/round-trip", test_round_trip);
  ADD ("/state/import/merges", test_import_merges);
  ADD ("/state/import/bad-files", test_import_bad);
  ADD ("/state/import/async", test_import_async);
  ADD ("/state/import/at-limit", test_import_at_limit);
  ADD ("/state/export/refused", test_export_refused);
  ADD ("/state/bookmarks/toggle-shortens", test_toggle_shortens);
  ADD ("/state/recover/damaged", test_recover);
  ADD ("/state/recover/twice", test_recover_twice);
  ADD ("/state/crash/sigkill", test_crash);
  ADD ("/state/values", test_values);
  ADD ("/state/cli", test_cli);

  return g_test_run ();
}
