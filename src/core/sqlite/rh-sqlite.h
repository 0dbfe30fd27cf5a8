/* rh-sqlite.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* How one database reports its failures, in an error domain of its own. */
typedef struct
{
  GQuark (*domain) (void);
  int         failed; /* the code for most failures */
  int         damaged; /* the code when the file is damaged */
  const char *writing; /* N_(): what a failed rh_sqlite_exec() was doing */
  const char *cancelled; /* N_(), nullable: the message for an interrupted
                          * statement, which fails with G_IO_ERROR_CANCELLED;
                          * without it, an interruption is a failure */
  int         full; /* the code when the disk is full; 0 when left out */
  int         read_only; /* the code when a file or its folder may not be
                          * written (rh_sqlite_get_refusal()); 0 when left
                          * out */
} RhSqliteErrors;

/* The files of one database in WAL mode. */
typedef enum
{
  RH_SQLITE_FILE_DATABASE,
  RH_SQLITE_FILE_WAL,
  RH_SQLITE_FILE_SHM,
  RH_SQLITE_N_FILES
} RhSqliteFile;

gboolean rh_sqlite_make_directory (const char           *path,
                                   const RhSqliteErrors *errors,
                                   GError              **error);
int      rh_sqlite_open (const char *filename,
                         int         flags,
                         int         busy_timeout_ms,
                         sqlite3   **out_db);
gboolean rh_sqlite_is_damage (int rc);
int      rh_sqlite_get_refusal (sqlite3    *db,
                                int         rc,
                                const char *path,
                                char      **out_file);
int      rh_sqlite_get_refusal_code (const RhSqliteErrors *errors,
                                     int                   refusal);
gboolean rh_sqlite_set_error (GError              **error,
                              const RhSqliteErrors *errors,
                              sqlite3              *db,
                              int                   rc,
                              const char           *doing);
gboolean rh_sqlite_set_open_error (GError              **error,
                                   const RhSqliteErrors *errors,
                                   sqlite3              *db,
                                   int                   rc,
                                   const char           *path,
                                   const char           *doing);
gboolean rh_sqlite_exec (sqlite3              *db,
                         const char           *sql,
                         const RhSqliteErrors *errors,
                         GError              **error);
gboolean rh_sqlite_begin (sqlite3              *db,
                          const RhSqliteErrors *errors,
                          GError              **error);
gboolean rh_sqlite_commit (sqlite3              *db,
                           const RhSqliteErrors *errors,
                           GError              **error);
gboolean rh_sqlite_rollback (sqlite3 *db);

char *rh_sqlite_file_name (const char  *path,
                           RhSqliteFile file);
void  rh_sqlite_remove_files (const char *path);

struct fts5_api *rh_sqlite_get_fts5_api (sqlite3 *db);

G_END_DECLS
