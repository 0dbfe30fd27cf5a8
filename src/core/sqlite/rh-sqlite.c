/* rh-sqlite.c
 *
 * What every SQLite database of Rehearse does the same way: opening a
 * connection, turning SQLite's result codes into a GError of the
 * database's own domain, telling damage and a disk that refuses to be
 * written (full, or read-only) from other failures, and the set of
 * files a database in WAL mode is made of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rh-sqlite.h"
#include "rh-write-error.h"

/**
 * rh_sqlite_make_directory:
 * @path: a database
 *
 * Creates the directory @path is to be in, and its parents, readable by
 * the user alone.
 */
gboolean
rh_sqlite_make_directory (const char           *path,
                          const RhSqliteErrors *errors,
                          GError              **error)
{
  g_autofree char *directory = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (errors != NULL, FALSE);

  directory = g_path_get_dirname (path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int              saved_errno = errno;
      g_autofree char *display = g_filename_display_name (directory);
      g_autofree char *doing = g_strdup_printf (_ ("Could not create %s"), display);

      return rh_write_error_set (error, errors->domain (), rh_sqlite_get_refusal_code (errors, saved_errno),
                                 doing, directory, saved_errno);
    }

  return TRUE;
}

/**
 * rh_sqlite_open:
 * @out_db: (out): the connection, to be closed with sqlite3_close() even
 *   when opening fails
 *
 * Opens a connection with extended result codes, which tell the kinds
 * of damage apart, and waits up to @busy_timeout_ms for another
 * connection's lock.
 *
 * Returns: an SQLite result code
 */
int
rh_sqlite_open (const char *filename,
                int         flags,
                int         busy_timeout_ms,
                sqlite3   **out_db)
{
  int rc;

  g_return_val_if_fail (filename != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (out_db != NULL, SQLITE_MISUSE);

  *out_db = NULL;
  rc = sqlite3_open_v2 (filename, out_db, flags, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (*out_db, 1);
      sqlite3_busy_timeout (*out_db, busy_timeout_ms);
    }

  return rc;
}

/**
 * rh_sqlite_is_damage:
 * @rc: a result code, plain or extended
 *
 * Returns: whether @rc says the file is not a readable database
 */
gboolean
rh_sqlite_is_damage (int rc)
{
  /* SQLITE_IOERR_DATA: a page failed its checksum (rh-search-vfs.c). */
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB || rc == SQLITE_IOERR_DATA;
}

/* The first of @path's files that exists and may not be written. */
static char *
find_unwritable_file (const char *path,
                      int        *out_errno)
{
  for (RhSqliteFile i = 0; i < RH_SQLITE_N_FILES; i++)
    {
      g_autofree char *file = rh_sqlite_file_name (path, i);
      int              refusal = rh_write_error_probe (file);

      if (refusal != 0)
        {
          *out_errno = refusal;
          return g_steal_pointer (&file);
        }
    }

  *out_errno = 0;

  return NULL;
}

/* The connection's database, or @path for one that failed to open. */
static const char *
database_path (sqlite3    *db,
               const char *path)
{
  const char *name = db != NULL ? sqlite3_db_filename (db, "main") : NULL;

  if (name != NULL && *name != '\0')
    return name;

  return path;
}

/**
 * rh_sqlite_get_refusal:
 * @db: (nullable): the connection that failed
 * @rc: its result code
 * @path: (nullable): the database, for a connection that failed to open
 *   and so does not know it
 * @out_file: (out) (optional) (nullable): the file it is about: the
 *   database, or its -wal or -shm file
 *
 * Tells a disk that refused to be written from other failures. A full
 * disk is SQLITE_FULL for a write, but an I/O error when the -shm file
 * that even reading a database in WAL mode needs cannot grow; a
 * read-only folder is SQLITE_CANTOPEN when the -wal file cannot be
 * created. The system's errno tells them apart, when it is about the
 * write: SQLite tries to open a -wal file it could not create for
 * reading, and keeps that errno. A connection that SQLite opened
 * read-only by itself says SQLITE_READONLY with no errno. In those cases
 * the files are looked at.
 *
 * Returns: the errno that says why (ENOSPC, EROFS, EACCES…), or 0 when
 *   @rc is some other failure
 */
int
rh_sqlite_get_refusal (sqlite3    *db,
                       int         rc,
                       const char *path,
                       char      **out_file)
{
  g_autofree char *file = NULL;
  int              refusal = 0;

  if (out_file != NULL)
    *out_file = NULL;

  /* A temporary or in-memory database has no file to be refused. */
  if ((path = database_path (db, path)) == NULL || *path == '\0')
    return 0;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      refusal = ENOSPC;
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      refusal = db != NULL ? sqlite3_system_errno (db) : 0;
      if (rh_write_error_is_refusal (refusal))
        {
          /* The files say which of them may not be written. */
          if (refusal == EACCES || refusal == EPERM)
            {
              int found;

              file = find_unwritable_file (path, &found);
            }
        }
      /* A -wal file that cannot be created is opened to be read
       * instead, and that fails with ENOENT. */
      else if ((rc & 0xff) == SQLITE_CANTOPEN)
        file = find_unwritable_file (path, &refusal);
      else
        return 0;
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      file = find_unwritable_file (path, &refusal);
      break;

    default:
      return 0;
    }

  if (refusal == 0)
    return 0;

  if (out_file != NULL)
    *out_file = file != NULL ? g_steal_pointer (&file) : g_strdup (path);

  return refusal;
}

/**
 * rh_sqlite_get_refusal_code:
 * @refusal: an errno
 *
 * Returns: the code in @errors' domain for a failure with @refusal
 */
int
rh_sqlite_get_refusal_code (const RhSqliteErrors *errors,
                            int                   refusal)
{
  g_return_val_if_fail (errors != NULL, 0);

  switch (refusal)
    {
    case ENOSPC:
    case EDQUOT:
      return errors->full;

    case EROFS:
    case EACCES:
    case EPERM:
      return errors->read_only;

    default:
      return errors->failed;
    }
}

static gboolean
set_error (GError              **error,
           const RhSqliteErrors *errors,
           sqlite3              *db,
           int                   rc,
           const char           *path,
           const char           *doing)
{
  g_autofree char *file = NULL;
  const char      *message;
  int              refusal;

  g_return_val_if_fail (errors != NULL, FALSE);

  if ((rc & 0xff) == SQLITE_INTERRUPT && errors->cancelled != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ (errors->cancelled));
      return FALSE;
    }

  if (!rh_sqlite_is_damage (rc))
    {
      if ((refusal = rh_sqlite_get_refusal (db, rc, path, &file)) != 0)
        return rh_write_error_set (error, errors->domain (), rh_sqlite_get_refusal_code (errors, refusal),
                                   doing, file, refusal);

      /* "unable to open database file" says nothing of why. */
      path = database_path (db, path);
      if ((rc & 0xff) == SQLITE_CANTOPEN && db != NULL && sqlite3_system_errno (db) != 0 &&
          path != NULL && *path != '\0')
        return rh_write_error_set (error, errors->domain (), errors->failed, doing, path, sqlite3_system_errno (db));
    }

  /* The connection's message has the detail, when it is about @rc. */
  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    message = sqlite3_errmsg (db);
  else
    message = sqlite3_errstr (rc);

  g_set_error (error, errors->domain (), rh_sqlite_is_damage (rc) ? errors->damaged : errors->failed,
               "%s: %s", doing, message);

  return FALSE;
}

/**
 * rh_sqlite_set_error:
 * @db: (nullable): the connection that failed, for its message
 * @doing: a translated sentence saying what was being done
 *
 * SQLite's own words are English and technical; they follow @doing. A
 * disk that refused the write is said in the user's words instead (see
 * rh_write_error_set()), and a file that SQLite could not open gets the
 * system's reason.
 *
 * Returns: %FALSE, so that a failing function can return it
 */
gboolean
rh_sqlite_set_error (GError              **error,
                     const RhSqliteErrors *errors,
                     sqlite3              *db,
                     int                   rc,
                     const char           *doing)
{
  return set_error (error, errors, db, rc, NULL, doing);
}

/**
 * rh_sqlite_set_open_error:
 * @db: (nullable): the connection rh_sqlite_open() gave back
 * @path: the database it was to open
 *
 * Like rh_sqlite_set_error(), for a connection that failed to open and
 * so does not know its file.
 *
 * Returns: %FALSE
 */
gboolean
rh_sqlite_set_open_error (GError              **error,
                          const RhSqliteErrors *errors,
                          sqlite3              *db,
                          int                   rc,
                          const char           *path,
                          const char           *doing)
{
  return set_error (error, errors, db, rc, path, doing);
}

/**
 * rh_sqlite_exec:
 *
 * Runs statements that return no rows, such as a pragma or a
 * transaction's BEGIN and COMMIT.
 */
gboolean
rh_sqlite_exec (sqlite3              *db,
                const char           *sql,
                const RhSqliteErrors *errors,
                GError              **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (errors != NULL, FALSE);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rh_sqlite_set_error (error, errors, db, rc, _ (errors->writing));

  return TRUE;
}

/**
 * rh_sqlite_begin:
 *
 * Starts a transaction that will write. IMMEDIATE takes the write lock
 * now, so a transaction that reads before it writes cannot fail halfway
 * with SQLITE_BUSY.
 */
gboolean
rh_sqlite_begin (sqlite3              *db,
                 const RhSqliteErrors *errors,
                 GError              **error)
{
  return rh_sqlite_exec (db, "BEGIN IMMEDIATE", errors, error);
}

/**
 * rh_sqlite_commit:
 *
 * Commits the transaction in progress, or rolls it back when that
 * fails.
 */
gboolean
rh_sqlite_commit (sqlite3              *db,
                  const RhSqliteErrors *errors,
                  GError              **error)
{
  if (rh_sqlite_exec (db, "COMMIT", errors, error))
    return TRUE;

  return rh_sqlite_rollback (db);
}

/**
 * rh_sqlite_rollback:
 *
 * Rolls back the transaction in progress on @db, if there is one.
 *
 * Returns: %FALSE, so that a failing function can return it
 */
gboolean
rh_sqlite_rollback (sqlite3 *db)
{
  if (db != NULL && sqlite3_get_autocommit (db) == 0)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  return FALSE;
}

/**
 * rh_sqlite_file_name:
 * @path: the database
 *
 * Returns: (transfer full): the name of one of the files @path is made of
 */
char *
rh_sqlite_file_name (const char  *path,
                     RhSqliteFile file)
{
  static const char *const suffixes[RH_SQLITE_N_FILES] = { "", "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (file < RH_SQLITE_N_FILES, NULL);

  return g_strconcat (path, suffixes[file], NULL);
}

/**
 * rh_sqlite_remove_files:
 *
 * Deletes a database and its log, for derived data that is simply made
 * again; those that do not exist are passed over.
 */
void
rh_sqlite_remove_files (const char *path)
{
  g_return_if_fail (path != NULL);

  for (RhSqliteFile i = 0; i < RH_SQLITE_N_FILES; i++)
    {
      g_autofree char *file = rh_sqlite_file_name (path, i);

      g_unlink (file);
    }
}

/**
 * rh_sqlite_get_fts5_api:
 * @db: a connection with FTS5
 *
 * Returns: (nullable): FTS5's extension API on @db, for registering
 *   functions and calling the index's tokenizer
 */
struct fts5_api *
rh_sqlite_get_fts5_api (sqlite3 *db)
{
  struct fts5_api *api = NULL;
  sqlite3_stmt    *stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}
