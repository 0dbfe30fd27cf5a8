/* rh-state-database.c
 *
 * The file behind RhState: opening it, checking it before anything
 * writes to it, bringing its schema up to date one version at a time,
 * and moving a damaged one aside, never deleting it. When the disk
 * refuses to write (it is full, or the file or its folder is read-only)
 * the file is opened to be read alone, so that what the user has done
 * can still be shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rh-state-database.h"
#include "rh-state.h"
#include "rh-write-error.h"

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

const RhSqliteErrors rh_state_database_errors = {
  rh_state_error_quark,
  RH_STATE_ERROR_FAILED,
  RH_STATE_ERROR_CORRUPT,
  N_ ("Could not update the state database"),
  NULL,
  RH_STATE_ERROR_DISK_FULL,
  RH_STATE_ERROR_READ_ONLY,
};

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
    rh_sqlite_set_error (error, &rh_state_database_errors, db, rc, _ ("Could not read the state database"));

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

  if (!rh_sqlite_begin (db, &rh_state_database_errors, error))
    return FALSE;

  if (!query_int (db, "PRAGMA user_version", &version, error))
    goto fail;

  if (version >= target)
    return rh_sqlite_commit (db, &rh_state_database_errors, error);

  if (!rh_sqlite_exec (db, migrations[target - 1], &rh_state_database_errors, error) ||
      !rh_sqlite_exec (db, set_version, &rh_state_database_errors, error) ||
      !rh_sqlite_commit (db, &rh_state_database_errors, error))
    goto fail;

  return TRUE;

fail:
  rh_sqlite_rollback (db);
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
  wal = rh_sqlite_file_name (path, RH_SQLITE_FILE_WAL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    rc = rh_sqlite_open (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, BUSY_TIMEOUT_MS, &db);
  else if ((uri = g_filename_to_uri (path, NULL, NULL)) != NULL)
    {
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      rc = rh_sqlite_open (immutable, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, BUSY_TIMEOUT_MS, &db);
    }
  else
    return TRUE;

  if (rc == SQLITE_OK)
    {
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

  return rh_sqlite_exec (db, "PRAGMA synchronous = NORMAL", &rh_state_database_errors, error) &&
         rh_sqlite_exec (db, "PRAGMA foreign_keys = ON", &rh_state_database_errors, error);
}

/* The connection the application writes with: opened, checked, and its
 * schema brought up to date. */
static sqlite3 *
open_for_writing (const char *path,
                  GError    **error)
{
  sqlite3 *db = NULL;
  gint64   version = 0;
  int      rc;

  rc = rh_sqlite_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       BUSY_TIMEOUT_MS, &db);
  if (rc != SQLITE_OK)
    {
      rh_sqlite_set_open_error (error, &rh_state_database_errors, db, rc, path, _ ("Could not open the state database"));
      goto fail;
    }

  if (!check_database (db, &version, error))
    goto fail;

  for (gint64 target = version + 1; target <= RH_STATE_SCHEMA_VERSION; target++)
    {
      if (!migrate_one (db, target, error))
        goto fail;
    }

  return db;

fail:
  sqlite3_close (db);

  return NULL;
}

/* The ways to read a database that cannot be written, the most faithful
 * first. A plain read-only connection sees what other processes commit,
 * but needs the -wal and -shm files, and creates them when they are not
 * there: it does on a full disk, but cannot make the -shm file grow.
 * "readonly_shm" keeps the WAL's index in memory rather than in the
 * -shm file, which must exist but is not written. "immutable" needs
 * neither file, on a read-only folder, but reads only the database
 * file: not what may still be in a -wal file, nor later changes.
 */
static const char *const read_only_parameters[] = {
  "mode=ro",
  "mode=ro&readonly_shm=1",
  "immutable=1",
};

static sqlite3 *
open_for_reading (const char *path,
                  GError    **error)
{
  g_autoptr (GError) last_error = NULL;
  g_autofree char   *uri = NULL;

  if (!(uri = g_filename_to_uri (path, NULL, error)))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (read_only_parameters); i++)
    {
      g_autofree char   *name = g_strconcat (uri, "?", read_only_parameters[i], NULL);
      g_autoptr (GError) local_error = NULL;
      sqlite3           *db = NULL;
      gint64             version = 0;
      int                rc;

      rc = rh_sqlite_open (name, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, BUSY_TIMEOUT_MS, &db);
      if (rc != SQLITE_OK)
        rh_sqlite_set_open_error (&local_error, &rh_state_database_errors, db, rc, path,
                                  _ ("Could not open the state database"));
      else if (check_contents (db, &version, &local_error) &&
               rh_sqlite_exec (db, "PRAGMA foreign_keys = ON", &rh_state_database_errors, &local_error))
        {
          /* An older schema would have to be brought up to date first,
           * and that writes. */
          if (version == RH_STATE_SCHEMA_VERSION)
            return db;

          g_set_error (&local_error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                       "The state database has schema %d and cannot be upgraded", (int) version);
        }

      sqlite3_close (db);

      if (g_error_matches (local_error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT) ||
          g_error_matches (local_error, RH_STATE_ERROR, RH_STATE_ERROR_TOO_NEW))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_debug ("Reading %s with %s: %s", path, read_only_parameters[i], local_error->message);
      g_clear_error (&last_error);
      last_error = g_steal_pointer (&local_error);
    }

  g_propagate_error (error, g_steal_pointer (&last_error));

  return NULL;
}

static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, RH_STATE_ERROR, RH_STATE_ERROR_DISK_FULL) ||
         g_error_matches (error, RH_STATE_ERROR, RH_STATE_ERROR_READ_ONLY);
}

/**
 * rh_state_database_open:
 * @path: the database file, created with its directory when absent
 * @out_refusal: (out): 0 for a connection that writes; for one that
 *   can only read, the errno that says why (ENOSPC, EROFS, EACCES…)
 *
 * Opens the database, checks it and brings its schema up to date, one
 * transaction per version. When the disk refuses to write, an existing
 * database of this version is opened to be read alone, and nothing is
 * done that would write to it.
 *
 * Returns: (transfer full) (nullable): the connection, for this thread
 *   alone
 */
sqlite3 *
rh_state_database_open (const char *path,
                        int        *out_refusal,
                        GError    **error)
{
  g_autoptr (GError) write_error = NULL;
  g_autoptr (GError) read_error = NULL;
  sqlite3           *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (out_refusal != NULL, NULL);

  *out_refusal = 0;

  if (!rh_sqlite_make_directory (path, &rh_state_database_errors, error))
    return NULL;

  if (!probe_database (path, error))
    return NULL;

  if ((db = open_for_writing (path, &write_error)))
    {
      /* SQLite opens a file it may not write for reading, without a
       * word; writing then fails with SQLITE_READONLY. */
      if (sqlite3_db_readonly (db, "main") == 1 &&
          (*out_refusal = rh_sqlite_get_refusal (db, SQLITE_READONLY, path, NULL)) == 0)
        *out_refusal = EACCES;

      return db;
    }

  /* With no database, there is nothing to read. */
  if (!is_refusal (write_error) || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&write_error));
      return NULL;
    }

  if (!(db = open_for_reading (path, &read_error)))
    {
      /* Damage is what stops it being read; anything else follows from
       * the disk that refused to write. */
      if (g_error_matches (read_error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT) ||
          g_error_matches (read_error, RH_STATE_ERROR, RH_STATE_ERROR_TOO_NEW))
        g_propagate_error (error, g_steal_pointer (&read_error));
      else
        g_propagate_error (error, g_steal_pointer (&write_error));
      return NULL;
    }

  g_debug ("%s can only be read: %s", path, write_error->message);

  if (g_error_matches (write_error, RH_STATE_ERROR, RH_STATE_ERROR_DISK_FULL))
    *out_refusal = ENOSPC;
  else if ((*out_refusal = rh_sqlite_get_refusal (db, SQLITE_READONLY, path, NULL)) == 0)
    *out_refusal = EROFS;

  return db;
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

/**
 * rh_state_database_move_aside:
 * @out_aside: (out): where the database went
 *
 * Renames a damaged database and its `-wal` and `-shm` files to
 * `PATH.corrupt-YYYYMMDD-HHMMSS`, beside it.
 */
gboolean
rh_state_database_move_aside (const char *path,
                              char      **out_aside,
                              GError    **error)
{
  g_autofree char *aside = pick_aside_name (path);

  *out_aside = NULL;

  for (RhSqliteFile i = 0; i < RH_SQLITE_N_FILES; i++)
    {
      g_autofree char *from = rh_sqlite_file_name (path, i);
      g_autofree char *to = rh_sqlite_file_name (aside, i);

      if (i != RH_SQLITE_FILE_DATABASE && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;

      if (g_rename (from, to) != 0)
        {
          int              saved_errno = errno;
          g_autofree char *display = g_filename_display_name (from);
          g_autofree char *doing = NULL;

          if (rh_write_error_is_refusal (saved_errno))
            {
              doing = g_strdup_printf (_ ("Could not move the damaged state database %s aside"), display);
              return rh_write_error_set (error, RH_STATE_ERROR,
                                         rh_sqlite_get_refusal_code (&rh_state_database_errors, saved_errno), doing,
                                         from, saved_errno);
            }

          g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                       _ ("Could not move the damaged state database %s aside: %s"),
                       display, g_strerror (saved_errno));
          return FALSE;
        }
    }

  *out_aside = g_steal_pointer (&aside);

  return TRUE;
}
