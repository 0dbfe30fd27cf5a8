/* rh-state.c
 *
 * What the user has done, as opposed to what the content says: one
 * SQLite database in the user's data directory. It holds bookmarks and
 * a few small values, and it must never lose any of them: every write
 * is its own transaction, a database that cannot be read is moved aside
 * rather than replaced, and questions are named by page path and id so
 * that bookmarks outlive the content they point at.
 *
 * An RhState belongs to the thread that opened it (the main thread in
 * the application); its connection is opened without SQLite's mutexes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rh-content-error.h"
#include "rh-bookmarks-file.h"
#include "rh-json-guard.h"
#include "rh-page-data.h"
#include "rh-state-private.h"
#include "rh-subtopic.h"
#include "rh-topic.h"

/* Long enough to ride out another process's short write (the command
 * line listing bookmarks while the application saves one), short enough
 * that a stuck lock does not freeze the window for long.
 */
#define BUSY_TIMEOUT_MS 2000

/* One entry per schema version: migrations[v] takes a database from
 * user_version v to v + 1. Never edit one that has shipped; add a new
 * one instead, and test opening a database made by every earlier one.
 */
static const char *const migrations[] = {
  /* 1: bookmarks. A question is named by its page path and id, and a
   * copy of its text and titles is kept so that a bookmark whose
   * question has left the library can still be shown.
   */
  "CREATE TABLE bookmarks ("
  "  path        TEXT NOT NULL,"
  "  question_id TEXT NOT NULL,"
  "  question    TEXT NOT NULL DEFAULT '',"
  "  framework   TEXT NOT NULL DEFAULT '',"
  "  topic       TEXT NOT NULL DEFAULT '',"
  "  subtopic    TEXT NOT NULL DEFAULT '',"
  "  created_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (path, question_id)"
  ");",

  /* 2: the newest-first listing reads an index instead of sorting, and
   * small named values (such as the last page read) get a table.
   */
  "CREATE INDEX bookmarks_by_created ON bookmarks (created_at);"
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 3: studying. Every review is a row of its own, named by a random
   * uid so that logs from two machines merge without duplicates; it
   * keeps the settings it was scheduled with, so that replaying the
   * log gives back every card. The cards table is only a cache of that
   * replay (rh-review-log.c), one row per question reviewed.
   */
  "CREATE TABLE reviews ("
  "  id                    INTEGER PRIMARY KEY,"
  "  uid                   TEXT NOT NULL UNIQUE,"
  "  path                  TEXT NOT NULL,"
  "  question_id           TEXT NOT NULL,"
  "  grade                 TEXT NOT NULL CHECK (grade IN ('again', 'hard', 'good', 'easy')),"
  "  reviewed_at           INTEGER NOT NULL,"
  "  elapsed_days          INTEGER NOT NULL,"
  "  duration_ms           INTEGER,"
  "  desired_retention     REAL NOT NULL,"
  "  fuzz                  INTEGER NOT NULL,"
  "  day_offset            INTEGER NOT NULL,"
  "  state_before          TEXT NOT NULL,"
  "  due_before            INTEGER NOT NULL,"
  "  last_review_before    INTEGER,"
  "  stability_before      REAL NOT NULL,"
  "  difficulty_before     REAL NOT NULL,"
  "  scheduled_days_before INTEGER NOT NULL,"
  "  learning_step_before  INTEGER NOT NULL,"
  "  reps_before           INTEGER NOT NULL,"
  "  lapses_before         INTEGER NOT NULL,"
  "  state_after           TEXT NOT NULL,"
  "  due_after             INTEGER NOT NULL,"
  "  stability_after       REAL NOT NULL,"
  "  difficulty_after      REAL NOT NULL,"
  "  scheduled_days_after  INTEGER NOT NULL,"
  "  learning_step_after   INTEGER NOT NULL,"
  "  reps_after            INTEGER NOT NULL,"
  "  lapses_after          INTEGER NOT NULL"
  ");"
  "CREATE INDEX reviews_by_card ON reviews (path, question_id, reviewed_at);"
  "CREATE INDEX reviews_by_time ON reviews (reviewed_at);"
  "CREATE TABLE cards ("
  "  path           TEXT NOT NULL,"
  "  question_id    TEXT NOT NULL,"
  "  state          TEXT NOT NULL,"
  "  due            INTEGER NOT NULL,"
  "  last_review    INTEGER NOT NULL,"
  "  stability      REAL NOT NULL,"
  "  difficulty     REAL NOT NULL,"
  "  scheduled_days INTEGER NOT NULL,"
  "  learning_step  INTEGER NOT NULL,"
  "  reps           INTEGER NOT NULL,"
  "  lapses         INTEGER NOT NULL,"
  "  PRIMARY KEY (path, question_id)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RH_STATE_SCHEMA_VERSION);

typedef enum
{
  STMT_EXISTS,
  STMT_INSERT,
  STMT_DELETE,
  STMT_LIST,
  STMT_MERGE,
  STMT_COUNT,
  STMT_GET_VALUE,
  STMT_SET_VALUE,
  STMT_DELETE_VALUE,
  N_STMTS
} Statement;

static const char *const statement_sql[N_STMTS] = {
  [STMT_EXISTS] = "SELECT 1 FROM bookmarks WHERE path = ?1 AND question_id = ?2",
  [STMT_INSERT] =
      "INSERT INTO bookmarks (path, question_id, question, framework, topic, subtopic, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_DELETE] = "DELETE FROM bookmarks WHERE path = ?1 AND question_id = ?2",
  [STMT_LIST] =
      "SELECT path, question_id, question, framework, topic, subtopic, created_at"
      " FROM bookmarks ORDER BY created_at DESC, rowid DESC",
  /* Importing never loses what is already here: the earlier date wins,
   * and a stored text is only filled in where it was empty.
   */
  [STMT_MERGE] =
      "INSERT INTO bookmarks (path, question_id, question, framework, topic, subtopic, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (path, question_id) DO UPDATE SET"
      "  created_at = min(created_at, excluded.created_at),"
      "  question = CASE WHEN question = '' THEN excluded.question ELSE question END,"
      "  framework = CASE WHEN framework = '' THEN excluded.framework ELSE framework END,"
      "  topic = CASE WHEN topic = '' THEN excluded.topic ELSE topic END,"
      "  subtopic = CASE WHEN subtopic = '' THEN excluded.subtopic ELSE subtopic END",
  [STMT_COUNT] = "SELECT count(*) FROM bookmarks",
  [STMT_GET_VALUE] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_SET_VALUE] =
      "INSERT INTO meta (key, value) VALUES (?1, ?2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_DELETE_VALUE] = "DELETE FROM meta WHERE key = ?1",
};

struct _RhState
{
  GObject parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *statements[N_STMTS];
  GListStore   *bookmarks; /* RhBookmark, newest first */
  GHashTable   *by_key; /* PATH#ID → RhBookmark, owned by the store */
  GWeakRef      library; /* the one last given to rh_state_mark_missing() */
};

G_DEFINE_FINAL_TYPE (RhState, rh_state, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (rh-state-error-quark, rh_state_error)
/* clang-format on */

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  BOOKMARKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rh_state_finalize (GObject *object)
{
  RhState *self = (RhState *) object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);

  /* Closing the last connection checkpoints the WAL into the database
   * and removes it, so a closed state is one self-contained file.
   */
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->bookmarks);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_weak_ref_clear (&self->library);

  G_OBJECT_CLASS (rh_state_parent_class)->finalize (object);
}

static void
rh_state_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhState *self = RH_STATE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_state_class_init (RhStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_state_finalize;
  object_class->get_property = rh_state_get_property;

  properties[PROP_PATH] =
      g_param_spec_string ("path", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhState::bookmarks-changed:
   *
   * Emitted after a change to the bookmarks has been committed to disk
   * and the list model updated.
   */
  signals[BOOKMARKS_CHANGED] =
      g_signal_new ("bookmarks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_state_init (RhState *self)
{
  self->bookmarks = g_list_store_new (RH_TYPE_BOOKMARK);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_weak_ref_init (&self->library, NULL);
}

/* SQLite's own words are English and technical; they follow a
 * translated sentence that says what was being done.
 */
static gboolean
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *doing)
{
  int          primary = rc & 0xff;
  RhStateError code = RH_STATE_ERROR_FAILED;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = RH_STATE_ERROR_CORRUPT;

  /* The connection's message has the detail, when it is about @rc. */
  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    g_set_error (error, RH_STATE_ERROR, code, "%s: %s", doing, sqlite3_errmsg (db));
  else
    g_set_error (error, RH_STATE_ERROR, code, "%s: %s", doing, sqlite3_errstr (rc));

  return FALSE;
}

static gboolean
exec (sqlite3    *db,
      const char *sql,
      GError    **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, rc, _ ("Could not update the state database"));

  return TRUE;
}

/* Runs a statement that returns one text value, such as a pragma. */
static char *
query_text (sqlite3    *db,
            const char *sql,
            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  char         *text = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, 0);

          text = g_strdup (value ? value : "");
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          text = g_strdup ("");
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    set_sqlite_error (error, db, rc, _ ("Could not read the state database"));

  sqlite3_finalize (stmt);

  return text;
}

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out_value,
           GError    **error)
{
  g_autofree char *text = query_text (db, sql, error);

  if (text == NULL)
    return FALSE;

  *out_value = g_ascii_strtoll (text, NULL, 10);

  return TRUE;
}

static gboolean
begin (RhState *self,
       GError **error)
{
  /* IMMEDIATE takes the write lock now, so a transaction that reads
   * before it writes cannot fail halfway with SQLITE_BUSY.
   */
  return exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (RhState *self,
        GError **error)
{
  if (exec (self->db, "COMMIT", error))
    return TRUE;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return FALSE;
}

static gboolean
rollback (RhState *self,
          GError **error)
{
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return FALSE;
}

/* Statements come back reset, with their bindings cleared. */
static sqlite3_stmt *
statement (RhState  *self,
           Statement which)
{
  sqlite3_stmt *stmt = self->statements[which];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

static RhBookmark *
bookmark_from_row (sqlite3_stmt *stmt)
{
  return rh_bookmark_new ((const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3),
                          (const char *) sqlite3_column_text (stmt, 4),
                          (const char *) sqlite3_column_text (stmt, 5),
                          sqlite3_column_int64 (stmt, 6));
}

/* Writes one step of the schema in its own transaction. The version is
 * read again inside it, in case another process migrated meanwhile.
 */
static gboolean
migrate_one (sqlite3 *db,
             gint64   target,
             GError **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, target);
  gint64           version;

  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!query_int (db, "PRAGMA user_version", &version, error))
    goto fail;

  if (version >= target)
    return exec (db, "COMMIT", error);

  if (!exec (db, migrations[target - 1], error) ||
      !exec (db, set_version, error) ||
      !exec (db, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  g_prefix_error (error, _ ("Could not upgrade the state database to version %d: "), (int) target);

  return FALSE;
}

/* Read-only checks: nothing here writes to the file. */
static gboolean
check_contents (sqlite3 *db,
                gint64  *out_version,
                GError **error)
{
  g_autofree char *check = NULL;
  gint64           n_objects;

  /* The state is a few hundred rows; checking it costs well under a
   * millisecond and catches damage before it spreads. It is also the
   * first read, so a file that is not SQLite fails with SQLITE_NOTADB.
   */
  if (!(check = query_text (db, "PRAGMA quick_check", error)))
    return FALSE;
  if (!g_str_equal (check, "ok"))
    {
      g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT,
                   _ ("The state database is damaged: %s"), check);
      return FALSE;
    }

  if (!query_int (db, "PRAGMA user_version", out_version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  /* Version 0 with tables in it is some other program's database. */
  if (*out_version == 0 && n_objects > 0)
    {
      g_set_error_literal (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT,
                           _ ("The file is an SQLite database, but not one of Rehearse’s"));
      return FALSE;
    }

  if (*out_version > RH_STATE_SCHEMA_VERSION)
    {
      g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_TOO_NEW,
                   _ ("The state database was written by a newer version of Rehearse (schema %d; this version reads up to %d)"),
                   (int) *out_version, RH_STATE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

/* Looks at an existing file before a read-write connection touches it:
 * one that fails still checkpoints on close, and deletes the -wal file
 * beside a damaged database. A read-only look changes nothing, so a
 * file to be moved aside is moved as it was found.
 */
static gboolean
probe_database (const char *path,
                GError    **error)
{
  static const char  header[16] = "SQLite format 3";
  g_autoptr (GError) local_error = NULL;
  char               start[sizeof header] = {
                  0,
  };
  g_autofree char *wal = NULL;
  g_autofree char *uri = NULL;
  sqlite3         *db = NULL;
  gssize           n_read = 0;
  gint64           version;
  int              fd;
  int              rc;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;

      g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                   _ ("Could not read the state database: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  do
    n_read = read (fd, start, sizeof start);
  while (n_read < 0 && errno == EINTR);
  g_close (fd, NULL);

  /* An empty file is a database that was never written. */
  if (n_read == 0)
    return TRUE;

  if (n_read != sizeof header || memcmp (start, header, sizeof header) != 0)
    {
      g_set_error_literal (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT,
                           _ ("The file is not an SQLite database"));
      return FALSE;
    }

  /* Without a log, "immutable" reads the file without creating a -wal
   * or -shm beside it; with one, a plain read-only connection reads the
   * log too and, with checkpoints off, leaves it as it is.
   */
  wal = g_strconcat (path, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  else if ((uri = g_filename_to_uri (path, NULL, NULL)) != NULL)
    {
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (immutable, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
    }
  else
    return TRUE;

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      check_contents (db, &version, &local_error);
    }
  sqlite3_close (db);

  /* Anything else (a hot journal that only a writer can roll back, say)
   * is for the read-write connection to deal with or report.
   */
  if (g_error_matches (local_error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT) ||
      g_error_matches (local_error, RH_STATE_ERROR, RH_STATE_ERROR_TOO_NEW))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_database (sqlite3 *db,
                gint64  *out_version,
                GError **error)
{
  g_autofree char *mode = NULL;

  if (!check_contents (db, out_version, error))
    return FALSE;

  if (!(mode = query_text (db, "PRAGMA journal_mode = WAL", error)))
    return FALSE;

  /* In WAL mode a commit appends to the log and NORMAL syncs only at
   * checkpoints: a crash of the application (or SIGKILL) loses nothing
   * committed, since the log is already in the kernel's hands, and even
   * losing power can only roll back the last few commits, never corrupt
   * the file. FULL would put an fsync on the main thread for every
   * click on a bookmark button.
   */
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                   _ ("Could not open the state database: journal mode is “%s”"), mode);
      return FALSE;
    }

  return exec (db, "PRAGMA synchronous = NORMAL", error) &&
         exec (db, "PRAGMA foreign_keys = ON", error);
}

static gboolean
open_database (RhState *self,
               GError **error)
{
  g_autofree char *directory = g_path_get_dirname (self->path);
  gint64           version = 0;
  int              rc;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int              saved_errno = errno;
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                   _ ("Could not create %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (!probe_database (self->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->db, rc, _ ("Could not open the state database"));

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!check_database (self->db, &version, error))
    return FALSE;

  for (gint64 target = version + 1; target <= RH_STATE_SCHEMA_VERSION; target++)
    {
      if (!migrate_one (self->db, target, error))
        return FALSE;
    }

  /* Preparing every statement now checks the tables they need. */
  for (guint i = 0; i < N_STMTS; i++)
    {
      rc = sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &self->statements[i], NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT,
                       _ ("The state database does not have the expected tables: %s"),
                       sqlite3_errmsg (self->db));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_bookmarks (RhState *self,
                GError **error)
{
  g_autoptr (GPtrArray)  items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) was_missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (RhLibrary)  library = g_weak_ref_get (&self->library);
  sqlite3_stmt          *stmt = statement (self, STMT_LIST);
  guint                  n_old;
  int                    rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, bookmark_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _ ("Could not read the bookmarks"));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));
  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr (RhBookmark) old = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);

      if (rh_bookmark_get_missing (old))
        g_hash_table_add (was_missing, rh_bookmark_dup_key (old));
    }

  g_hash_table_remove_all (self->by_key);
  for (guint i = 0; i < items->len; i++)
    {
      RhBookmark *bookmark = g_ptr_array_index (items, i);
      char       *key = rh_bookmark_dup_key (bookmark);

      if (library != NULL)
        rh_bookmark_set_missing (bookmark,
                                 rh_library_lookup_question (library,
                                                             rh_bookmark_get_path (bookmark),
                                                             rh_bookmark_get_question_id (bookmark)) == NULL);
      else
        rh_bookmark_set_missing (bookmark, g_hash_table_contains (was_missing, key));

      g_hash_table_insert (self->by_key, key, bookmark);
    }

  g_list_store_splice (self->bookmarks, 0, n_old, items->pdata, items->len);

  return TRUE;
}

/**
 * rh_state_get_default_path:
 *
 * Inside Flatpak the user data directory is the application's own.
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/rehearse/state.sqlite3`
 */
char *
rh_state_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rehearse", "state.sqlite3", NULL);
}

/**
 * rh_state_open:
 * @path: the database file, created with its directory when absent
 *
 * Opens the database, checks it and brings its schema up to date, one
 * transaction per version. Fails with %RH_STATE_ERROR_CORRUPT when the
 * file is not a readable Rehearse database, and with
 * %RH_STATE_ERROR_TOO_NEW when a newer Rehearse wrote it; in neither
 * case is the file changed.
 *
 * Returns: (transfer full) (nullable): the state
 */
RhState *
rh_state_open (const char *path,
               GError    **error)
{
  g_autoptr (RhState) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RH_TYPE_STATE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error) || !load_bookmarks (self, error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_prefix_error (error, "%s: ", display);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* rename() would silently replace an earlier copy moved aside in the
 * same second; the name gets a counter instead.
 */
static char *
pick_aside_name (const char *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char      *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char                 *name = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }

  return name;
}

static gboolean
move_aside (const char *path,
            const char *aside,
            GError    **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;

      if (g_rename (from, to) != 0)
        {
          int              saved_errno = errno;
          g_autofree char *display = g_filename_display_name (from);

          g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                       _ ("Could not move the damaged state database %s aside: %s"),
                       display, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * rh_state_open_or_recover:
 * @out_moved_aside: (out) (optional) (nullable): where the damaged file
 *   went, or %NULL when nothing was moved
 *
 * Opens the database like rh_state_open(), and when the file cannot be
 * read as one (garbage, truncated, some other kind of file, or failing
 * its check) moves it and its `-wal` and `-shm` files aside as
 * `PATH.corrupt-YYYYMMDD-HHMMSS` and starts a fresh one. Nothing is
 * ever deleted. Other failures, a newer schema among them, are errors.
 *
 * Returns: (transfer full) (nullable): the state
 */
RhState *
rh_state_open_or_recover (const char *path,
                          char      **out_moved_aside,
                          GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char   *aside = NULL;
  RhState           *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_moved_aside != NULL)
    *out_moved_aside = NULL;

  if ((self = rh_state_open (path, &local_error)))
    return self;

  if (!g_error_matches (local_error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("%s", local_error->message);

  aside = pick_aside_name (path);
  if (!move_aside (path, aside, error))
    return NULL;

  if (!(self = rh_state_open (path, error)))
    return NULL;

  if (out_moved_aside != NULL)
    *out_moved_aside = g_steal_pointer (&aside);

  return self;
}

const char *
rh_state_get_path (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return self->path;
}

/* The review log keeps its own statements on this connection, so that
 * its writes share the state's file, lock and transactions.
 */
sqlite3 *
_rh_state_get_db (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return self->db;
}

/**
 * rh_state_is_bookmarked:
 *
 * Answers from memory, kept in step with every committed write, so
 * that rows of a question list can ask freely.
 */
gboolean
rh_state_is_bookmarked (RhState    *self,
                        const char *path,
                        const char *question_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);

  key = rh_bookmark_make_key (path, question_id);

  return g_hash_table_contains (self->by_key, key);
}

static guint
insertion_position (RhState *self,
                    gint64   created_at)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));

  /* A new row has the largest rowid, so among equal dates it is the
   * newest and goes first, as the database orders it.
   */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RhBookmark) item = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);

      if (rh_bookmark_get_created_at (item) <= created_at)
        return i;
    }

  return n;
}

static void
remember_added (RhState    *self,
                RhBookmark *bookmark)
{
  g_autoptr (RhLibrary) library = g_weak_ref_get (&self->library);
  char                 *key = rh_bookmark_dup_key (bookmark);

  if (library != NULL)
    rh_bookmark_set_missing (bookmark,
                             rh_library_lookup_question (library,
                                                         rh_bookmark_get_path (bookmark),
                                                         rh_bookmark_get_question_id (bookmark)) == NULL);

  g_list_store_insert (self->bookmarks, insertion_position (self, rh_bookmark_get_created_at (bookmark)), bookmark);
  g_hash_table_insert (self->by_key, key, bookmark);
}

static void
forget_removed (RhState    *self,
                const char *path,
                const char *question_id)
{
  g_autofree char *key = rh_bookmark_make_key (path, question_id);
  RhBookmark      *bookmark = g_hash_table_lookup (self->by_key, key);
  guint            position;

  if (bookmark == NULL)
    return;

  if (g_list_store_find (self->bookmarks, bookmark, &position))
    {
      g_hash_table_remove (self->by_key, key);
      g_list_store_remove (self->bookmarks, position);
    }
}

static gboolean
step_done (RhState      *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _ ("Could not save the bookmarks"));

  return TRUE;
}

/**
 * rh_state_set_bookmarked:
 * @question: (nullable): the question's text, kept in case it leaves
 *   the library
 * @framework: (nullable): the framework's title
 * @topic: (nullable): the topic's title
 * @subtopic: (nullable): the page's title
 *
 * Adds or removes one bookmark in its own transaction. Adding one that
 * exists keeps it as it is, with its date.
 *
 * Returns: %TRUE once the change is committed
 */
gboolean
rh_state_set_bookmarked (RhState    *self,
                         const char *path,
                         const char *question_id,
                         gboolean    bookmarked,
                         const char *question,
                         const char *framework,
                         const char *topic,
                         const char *subtopic,
                         GError    **error)
{
  g_autoptr (RhBookmark) added = NULL;
  sqlite3_stmt          *stmt;
  gboolean               exists;
  int                    rc;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (question_id != NULL && *question_id != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, error))
    return FALSE;

  /* Ask the database rather than memory: it is the truth, and another
   * process may have written since.
   */
  stmt = statement (self, STMT_EXISTS);
  bind_text (stmt, 1, path);
  bind_text (stmt, 2, question_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _ ("Could not read the bookmarks"));
      return rollback (self, error);
    }
  exists = rc == SQLITE_ROW;

  if (exists == !!bookmarked)
    {
      if (!commit (self, error))
        return FALSE;

      /* Another process changed it: catch up with the database. */
      if (exists != rh_state_is_bookmarked (self, path, question_id))
        {
          if (!load_bookmarks (self, error))
            return FALSE;
          g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);
        }

      return TRUE;
    }

  if (bookmarked)
    {
      added = rh_bookmark_new (path, question_id, question, framework, topic, subtopic, g_get_real_time ());
      stmt = statement (self, STMT_INSERT);
      bind_text (stmt, 1, path);
      bind_text (stmt, 2, question_id);
      bind_text (stmt, 3, rh_bookmark_get_question (added));
      bind_text (stmt, 4, rh_bookmark_get_framework (added));
      bind_text (stmt, 5, rh_bookmark_get_topic (added));
      bind_text (stmt, 6, rh_bookmark_get_subtopic (added));
      sqlite3_bind_int64 (stmt, 7, rh_bookmark_get_created_at (added));
    }
  else
    {
      stmt = statement (self, STMT_DELETE);
      bind_text (stmt, 1, path);
      bind_text (stmt, 2, question_id);
    }

  if (!step_done (self, stmt, error))
    return rollback (self, error);

  if (!commit (self, error))
    return FALSE;

  /* Memory follows only what is committed. */
  forget_removed (self, path, question_id);
  if (added != NULL)
    remember_added (self, added);

  g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);

  return TRUE;
}

/**
 * rh_state_toggle_bookmark:
 * @question: a question in a loaded library
 * @out_bookmarked: (out) (optional): whether it is bookmarked now
 *
 * Bookmarks @question, or removes its bookmark, by its page path and
 * id; its text and titles are copied, not referenced.
 *
 * Returns: %TRUE once the change is committed
 */
gboolean
rh_state_toggle_bookmark (RhState    *self,
                          RhQuestion *question,
                          gboolean   *out_bookmarked,
                          GError    **error)
{
  RhSubtopic  *subtopic;
  RhTopic     *topic;
  RhFramework *framework;
  const char  *path;
  const char  *id;
  gboolean     bookmarked;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (RH_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (rh_question_get_subtopic (question) != NULL, FALSE);

  subtopic = rh_question_get_subtopic (question);
  topic = rh_subtopic_get_topic (subtopic);
  framework = topic != NULL ? rh_topic_get_framework (topic) : NULL;
  path = rh_subtopic_get_path (subtopic);
  id = rh_question_get_id (question);
  bookmarked = !rh_state_is_bookmarked (self, path, id);

  if (!rh_state_set_bookmarked (self, path, id, bookmarked,
                                rh_question_get_question (question),
                                framework != NULL ? rh_framework_get_title (framework) : NULL,
                                topic != NULL ? rh_topic_get_title (topic) : NULL,
                                rh_subtopic_get_title (subtopic),
                                error))
    return FALSE;

  if (out_bookmarked != NULL)
    *out_bookmarked = bookmarked;

  return TRUE;
}

/**
 * rh_state_list_bookmarks:
 *
 * The model is live: the state updates it after every committed change,
 * and rh_state_mark_missing() sets each item's #RhBookmark:missing.
 *
 * Returns: (transfer full): a #GListModel of #RhBookmark, newest first
 */
GListModel *
rh_state_list_bookmarks (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return g_object_ref (G_LIST_MODEL (self->bookmarks));
}

/**
 * rh_state_dup_bookmark_keys:
 *
 * A copy, so that it can go to a search on another thread.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of
 *   `PATH#ID` keys of every bookmark, for #RhSearchFilter's only_keys
 */
GHashTable *
rh_state_dup_bookmark_keys (RhState *self)
{
  GHashTable    *keys;
  GHashTableIter iter;
  gpointer       key;

  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, self->by_key);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (keys, g_strdup (key));

  return keys;
}

/**
 * rh_state_mark_missing:
 * @library: the library now loaded
 *
 * Sets #RhBookmark:missing on every bookmark whose question @library
 * lacks, and remembers @library (weakly) for bookmarks added later.
 * Nothing is deleted: the content may come back.
 *
 * Returns: how many bookmarks are missing
 */
guint
rh_state_mark_missing (RhState   *self,
                       RhLibrary *library)
{
  guint n_missing = 0;

  g_return_val_if_fail (RH_IS_STATE (self), 0);
  g_return_val_if_fail (RH_IS_LIBRARY (library), 0);

  g_weak_ref_set (&self->library, library);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)); i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);
      gboolean               missing = rh_library_lookup_question (library,
                                                                   rh_bookmark_get_path (bookmark),
                                                                   rh_bookmark_get_question_id (bookmark)) == NULL;

      rh_bookmark_set_missing (bookmark, missing);
      n_missing += missing;
    }

  return n_missing;
}

/**
 * rh_state_export_bookmarks:
 * @file: where to write, replaced atomically
 *
 * Writes every bookmark, newest first, as
 * `{"format": "rehearse-bookmarks", "version": 1, "bookmarks": [...]}`.
 */
gboolean
rh_state_export_bookmarks (RhState    *self,
                           const char *file,
                           GError    **error)
{
  g_autofree char *data = NULL;
  gsize            length;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = rh_bookmarks_file_format (G_LIST_MODEL (self->bookmarks), &length);

  if (!g_file_set_contents (file, data, length, error))
    {
      g_prefix_error (error, _ ("Could not export the bookmarks: "));
      return FALSE;
    }

  return TRUE;
}

static gboolean
count_bookmarks (RhState *self,
                 gint64  *out_count,
                 GError **error)
{
  sqlite3_stmt *stmt = statement (self, STMT_COUNT);
  int           rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *out_count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, rc, _ ("Could not read the bookmarks"));

  return TRUE;
}

/**
 * rh_state_import_bookmarks:
 * @file: a file written by rh_state_export_bookmarks()
 * @out_added: (out) (optional): how many bookmarks were new
 *
 * Merges the file's bookmarks into these: nothing is replaced, and a
 * bookmark in both keeps the earlier date. The whole file is checked
 * first and written in one transaction, so a bad file changes nothing;
 * its error names the file and the place, such as
 * `FILE: bookmarks[3].path: expected a string, found a number`.
 */
gboolean
rh_state_import_bookmarks (RhState    *self,
                           const char *file,
                           guint      *out_added,
                           GError    **error)
{
  g_autoptr (GPtrArray) bookmarks = NULL;
  gint64                before = 0;
  gint64                after = 0;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_added != NULL)
    *out_added = 0;

  if (!(bookmarks = rh_bookmarks_file_read (file, error)))
    {
      g_autofree char *display = g_filename_display_name (file);

      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }

  if (!begin (self, error))
    return FALSE;

  if (!count_bookmarks (self, &before, error))
    return rollback (self, error);

  /* Backwards, so that entries with the same date (hand-written files
   * without dates) list in the file's order, the first one newest.
   */
  for (guint i = bookmarks->len; i-- > 0;)
    {
      RhBookmark   *bookmark = g_ptr_array_index (bookmarks, i);
      sqlite3_stmt *stmt = statement (self, STMT_MERGE);

      bind_text (stmt, 1, rh_bookmark_get_path (bookmark));
      bind_text (stmt, 2, rh_bookmark_get_question_id (bookmark));
      bind_text (stmt, 3, rh_bookmark_get_question (bookmark));
      bind_text (stmt, 4, rh_bookmark_get_framework (bookmark));
      bind_text (stmt, 5, rh_bookmark_get_topic (bookmark));
      bind_text (stmt, 6, rh_bookmark_get_subtopic (bookmark));
      sqlite3_bind_int64 (stmt, 7, rh_bookmark_get_created_at (bookmark));

      if (!step_done (self, stmt, error))
        return rollback (self, error);
    }

  if (!count_bookmarks (self, &after, error))
    return rollback (self, error);

  if (!commit (self, error))
    return FALSE;

  if (out_added != NULL)
    *out_added = (guint) (after - before);

  /* Dates may have moved, so the model is read again as a whole. */
  if (bookmarks->len > 0)
    {
      if (!load_bookmarks (self, error))
        return FALSE;
      g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);
    }

  return TRUE;
}

static void
append_line (GString    *text,
             const char *key,
             const char *question)
{
  g_string_append (text, key);
  g_string_append_c (text, '\t');

  /* One line per result, whatever the text holds. */
  for (const char *p = question; *p != '\0'; p++)
    g_string_append_c (text, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);

  g_string_append_c (text, '\n');
}

/**
 * rh_state_format_bookmarks:
 *
 * Returns: (transfer full): one line per bookmark, newest first:
 *   `PATH#ID<TAB>question`
 */
char *
rh_state_format_bookmarks (RhState *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)); i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);
      g_autofree char       *key = rh_bookmark_dup_key (bookmark);

      append_line (text, key, rh_bookmark_get_question (bookmark));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * rh_state_run_cli:
 * @path: (nullable): the database, or %NULL for the default one
 * @out: (out): the bookmarks as rh_state_format_bookmarks() lists them
 * @err: (out): error messages, one per line
 *
 * `rehearse --bookmarks`. With no database yet there is nothing to
 * list, and none is created. A damaged database is reported, not moved
 * aside: recovering is for the application, which can tell the user.
 *
 * Returns: the exit status: 0, or 1 when the database cannot be read
 */
int
rh_state_run_cli (const char *path,
                  char      **out,
                  char      **err)
{
  g_autofree char    *default_path = NULL;
  g_autoptr (RhState) self = NULL;
  g_autoptr (GError)  error = NULL;

  g_return_val_if_fail (out != NULL, 1);
  g_return_val_if_fail (err != NULL, 1);

  if (path == NULL)
    path = default_path = rh_state_get_default_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *out = g_strdup ("");
      *err = g_strdup ("");
      return 0;
    }

  if (!(self = rh_state_open (path, &error)))
    {
      *out = g_strdup ("");
      *err = g_strdup_printf ("%s\n", error->message);
      return 1;
    }

  *out = rh_state_format_bookmarks (self);
  *err = g_strdup ("");

  return 0;
}

/**
 * rh_state_dup_value:
 *
 * Small named values, such as the last page read.
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
rh_state_dup_value (RhState    *self,
                    const char *key)
{
  sqlite3_stmt *stmt;
  char         *value = NULL;

  g_return_val_if_fail (RH_IS_STATE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = statement (self, STMT_GET_VALUE);
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/**
 * rh_state_set_value:
 * @value: (nullable): the value, or %NULL to remove @key
 */
gboolean
rh_state_set_value (RhState    *self,
                    const char *key,
                    const char *value,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, error))
    return FALSE;

  stmt = statement (self, value != NULL ? STMT_SET_VALUE : STMT_DELETE_VALUE);
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);

  if (!step_done (self, stmt, error))
    return rollback (self, error);

  return commit (self, error);
}
