/* rh-search-index-ensure.c
 *
 * Keeping the search index up to date, and whole. The index is derived
 * data and lives in the cache directory. It is rebuilt only when the
 * content changes: the hash of a snapshot of the library
 * (rh-search-snapshot.c) is stored with it, and rh_search_index_ensure()
 * compares the two. A normal start pays for the hash and a few pages; a
 * rebuild is one transaction.
 *
 * Every page of the file carries a checksum (rh-search-vfs.c), so that
 * damage anywhere in it fails the read that meets it instead of giving
 * wrong results. A start checks the pages every query reads first; a
 * query that meets damage deeper in, or finds the file gone, has the
 * index built again from the snapshot it was last made to match
 * (rh_search_index_repair()) and runs once more. A damaged file is
 * deleted as soon as it is found, so that the hash stored in it can
 * never vouch for it at the next start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "rh-search-index-private.h"
#include "rh-search-text.h"
#include "rh-search-vfs.h"

static const char schema_sql[] =
    "DROP TABLE IF EXISTS fts;"
    "DROP TABLE IF EXISTS fts_titles;"
    "DROP TABLE IF EXISTS meta;"
    "CREATE TABLE meta ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;"
    /* Titles are indexed too, so that "rebasing" finds the questions on
   * the Rebasing page; unindexed columns carry what a result shows and
   * what filters test.
   */
    "CREATE VIRTUAL TABLE fts USING fts5 ("
    "  question, answer, subtopic, topic, framework,"
    "  path UNINDEXED, question_id UNINDEXED, difficulty UNINDEXED,"
    "  framework_slug UNINDEXED, raw_question UNINDEXED,"
    "  tokenize = '" RH_SEARCH_TOKENIZER "'"
    ");"
    /* The question and the titles again, without the answer: a small
   * index that ranks most searches alone (rh-search-reader.c). The
   * answer column stays empty, so that columns number alike in both.
   */
    "CREATE VIRTUAL TABLE fts_titles USING fts5 ("
    "  question, answer, subtopic, topic, framework,"
    "  content = '', tokenize = '" RH_SEARCH_TOKENIZER "'"
    ");";

static const char insert_sql[] =
    "INSERT INTO fts (rowid, question, answer, subtopic, topic, framework,"
    " path, question_id, difficulty, framework_slug, raw_question)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/* FTS5 fills its leaves up to 4050 bytes, which fit in a page of 4096
 * with nothing reserved; the checksums take 8, and a leaf that no longer
 * fits spills into an overflow page, two reads instead of one.
 */
#define FTS_PAGE_SIZE 4042

/* What every query reads before its own pages: the FTS table's
 * configuration, the structure of its segments and a path down its
 * term index. The word need not be in the index.
 */
static const char probe_sql[] = "SELECT rowid FROM fts WHERE fts MATCH 'rehearse' LIMIT 1";

static void
discard_files (RhSearchIndex *self)
{
  /* Derived data: a damaged index is simply built again. */
  rh_sqlite_remove_files (self->path);

  g_mutex_lock (&self->pool_lock);
  self->generation++;
  g_ptr_array_set_size (self->idle, 0);
  g_mutex_unlock (&self->pool_lock);
}

/* Reads the hash stored in the index; when it is @hash, the pages that
 * every query reads first are read too, each against its checksum.
 */
static int
check_index (sqlite3    *db,
             const char *hash,
             gboolean   *out_matches)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  *out_matches = FALSE;

  rc = sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'content-hash'", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        *out_matches = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), hash) == 0;
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  else if ((rc & 0xff) == SQLITE_ERROR)
    rc = SQLITE_OK; /* no meta table: never built */
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK || !*out_matches)
    return rc;

  rc = sqlite3_prepare_v2 (db, probe_sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rc = SQLITE_OK;
  sqlite3_finalize (stmt);

  /* An index whose hash matches and whose table fails is damaged,
   * whatever SQLite calls it. */
  if (rc != SQLITE_DONE)
    {
      g_debug ("Search index probe failed: %s", sqlite3_errmsg (db));
      *out_matches = FALSE;
      return SQLITE_CORRUPT;
    }

  return SQLITE_OK;
}

/* Opens the index for writing and tells whether it holds @hash. A file
 * that SQLite cannot read, or that fails a checksum, is discarded and
 * started again.
 */
static sqlite3 *
open_writer (RhSearchIndex *self,
             const char    *hash,
             gboolean      *out_matches,
             GError       **error)
{
  *out_matches = FALSE;

  if (!rh_sqlite_make_directory (self->path, &rh_search_index_errors, error))
    return NULL;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      sqlite3 *db = NULL;
      int      reserve = RH_SEARCH_VFS_RESERVE;
      int      rc;

      /* Another process may be rebuilding the same file. */
      rc = rh_search_vfs_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 30000, &db);

      /* Room for the checksums in a new file, before its first page is
       * written; a file that has pages keeps its own. */
      if (rc == SQLITE_OK)
        rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);

      if (rc == SQLITE_OK)
        {
          /* A rebuilt index is not worth an fsync per commit; a crash
           * at worst leaves an index that fails to open or to match,
           * and that is rebuilt.
           */
          rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
        }

      /* An index of the older format, with no room for checksums, is
       * built afresh rather than in place. */
      if (rc == SQLITE_OK && !rh_search_vfs_has_checksums (db))
        rc = SQLITE_CORRUPT;

      if (rc == SQLITE_OK)
        rc = check_index (db, hash, out_matches);

      if (rc == SQLITE_OK)
        return db;

      if (!rh_sqlite_is_damage (rc) || attempt > 0)
        {
          rh_sqlite_set_error (error, &rh_search_index_errors, db, rc, _ ("Could not open the search index"));
          sqlite3_close (db);
          return NULL;
        }

      g_debug ("Search index %s is damaged (%s); building it again", self->path, sqlite3_errstr (rc));
      sqlite3_close (db);
      discard_files (self);
    }

  g_return_val_if_reached (NULL);
}

static gboolean
rebuild (sqlite3          *db,
         RhSearchSnapshot *snapshot,
         gboolean         *out_damaged,
         GCancellable     *cancellable,
         GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64        rowid = 0;
  int           rc;

  *out_damaged = FALSE;

  if (!rh_sqlite_begin (db, &rh_search_index_errors, error))
    return FALSE;

  if (!rh_sqlite_exec (db, schema_sql, &rh_search_index_errors, error) ||
      !rh_sqlite_exec (db, "INSERT INTO fts (fts, rank) VALUES ('pgsz', " G_STRINGIFY (FTS_PAGE_SIZE) ")",
                       &rh_search_index_errors, error) ||
      !rh_sqlite_exec (db, "INSERT INTO fts_titles (fts_titles, rank) VALUES ('pgsz', " G_STRINGIFY (FTS_PAGE_SIZE) ")",
                       &rh_search_index_errors, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db, insert_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rh_sqlite_set_error (error, &rh_search_index_errors, db, rc, _ ("Could not build the search index"));
      goto fail;
    }

  for (guint i = 0; i < snapshot->pages->len; i++)
    {
      RhSearchSnapshotPage *page = g_ptr_array_index (snapshot->pages, i);
      g_autoptr (GPtrArray) questions = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      /* Pages still in the load cache make their questions here, on the
       * indexing thread. */
      questions = rh_search_snapshot_page_get_questions (page);
      for (guint j = 0; j < questions->len; j++)
        {
          RhQuestion *question = g_ptr_array_index (questions, j);
          const char *text = rh_question_get_question (question);

          sqlite3_bind_int64 (stmt, 1, ++rowid);
          sqlite3_bind_text (stmt, 2, rh_search_text_prepare (text, FALSE), -1, g_free);
          sqlite3_bind_text (stmt, 3, rh_search_text_prepare (rh_question_get_answer (question), TRUE), -1, g_free);
          sqlite3_bind_text (stmt, 4, page->subtopic, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, page->topic, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, page->framework, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, page->path, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, rh_question_get_id (question), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 9, rh_question_get_difficulty (question));
          sqlite3_bind_text (stmt, 10, page->framework_slug, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 11, text, -1, SQLITE_STATIC);

          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              rh_sqlite_set_error (error, &rh_search_index_errors, db, rc, _ ("Could not build the search index"));
              goto fail;
            }
        }
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The titles index takes the same text; then one b-tree per term
   * instead of many segments, in both: queries read less.
   */
  if (!rh_sqlite_exec (db,
                       "INSERT INTO fts_titles (rowid, question, subtopic, topic, framework)"
                       " SELECT rowid, question, subtopic, topic, framework FROM fts;"
                       "INSERT INTO fts (fts) VALUES ('optimize');"
                       "INSERT INTO fts_titles (fts_titles) VALUES ('optimize')",
                       &rh_search_index_errors, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES ('content-hash', ?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, rh_search_snapshot_get_hash (snapshot), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      rh_sqlite_set_error (error, &rh_search_index_errors, db, rc, _ ("Could not build the search index"));
      goto fail;
    }

  /* Not rh_sqlite_commit(): its rollback would reset the error code
   * that the damage check below reads.
   */
  if (!rh_sqlite_exec (db, "COMMIT", &rh_search_index_errors, error))
    goto fail;

  /* Checksums are written as pages reach the main file: the pages go
   * there now, even while readers keep the log open. */
  sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);

  return TRUE;

fail:
  *out_damaged = rh_sqlite_is_damage (sqlite3_extended_errcode (db));
  g_clear_pointer (&stmt, sqlite3_finalize);
  rh_sqlite_rollback (db);

  return FALSE;
}

/* One check or build at a time in the whole process, not only per
 * index: two indexes of one file (an application started again in the
 * same process while the one before still builds, as tests do) would
 * otherwise check, delete and build it at once, and find each other's
 * half-written pages damaged. */
static GMutex ensure_lock;

/* rh_search_index_ensure_snapshot() under ensure_lock; @damaged: a
 * query found the file damaged.
 */
static gboolean
ensure_locked (RhSearchIndex    *self,
               RhSearchSnapshot *snapshot,
               gboolean          damaged,
               gboolean         *out_rebuilt,
               GCancellable     *cancellable,
               GError          **error)
{
  const char *hash = rh_search_snapshot_get_hash (snapshot);
  gboolean    ok = FALSE;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      gboolean           matches;
      sqlite3           *db;

      if (damaged)
        {
          g_debug ("Search index %s is damaged; building it again", self->path);
          discard_files (self);
        }

      if (!(db = open_writer (self, hash, &matches, &local_error)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }

      if (matches)
        ok = TRUE;
      else
        {
          g_debug ("Indexing %u questions into %s", snapshot->n_questions, self->path);
          ok = rebuild (db, snapshot, &damaged, cancellable, &local_error);
          if (ok && out_rebuilt != NULL)
            *out_rebuilt = TRUE;
        }

      /* Closing the last connection checkpoints and removes the WAL. */
      sqlite3_close (db);

      /* Damage deeper than the pages checked shows only now: start
       * afresh. */
      if (ok || !damaged || attempt > 0)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
    }

  if (ok && self->source != snapshot)
    {
      g_clear_pointer (&self->source, rh_search_snapshot_unref);
      self->source = rh_search_snapshot_ref (snapshot);
    }

  return ok;
}

/**
 * rh_search_index_ensure_snapshot:
 *
 * rh_search_index_ensure() for a library already copied, such as the
 * command line's, which hashes it to name its index. The index keeps
 * @snapshot, to build itself again from when a query finds it damaged.
 */
gboolean
rh_search_index_ensure_snapshot (RhSearchIndex    *self,
                                 RhSearchSnapshot *snapshot,
                                 gboolean         *out_rebuilt,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  gboolean ok;

  if (out_rebuilt != NULL)
    *out_rebuilt = FALSE;

  g_mutex_lock (&ensure_lock);
  ok = ensure_locked (self, snapshot, FALSE, out_rebuilt, cancellable, error);
  g_mutex_unlock (&ensure_lock);

  return ok;
}

static void
wake_waiters (GCancellable  *cancellable,
              RhSearchIndex *self)
{
  g_mutex_lock (&self->pool_lock);
  g_cond_broadcast (&self->repaired);
  g_mutex_unlock (&self->pool_lock);
}

/* Waits while a repair is under way, or until @cancellable is, and
 * then, if @claim, marks one as under way.
 */
static gboolean
wait_for_repair (RhSearchIndex *self,
                 gboolean       claim,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gulong   handler = 0;
  gboolean idle;

  g_mutex_lock (&self->pool_lock);
  if ((idle = !self->repairing) && claim)
    self->repairing = TRUE;
  g_mutex_unlock (&self->pool_lock);

  if (idle)
    return TRUE;

  /* Connected before locking: it runs at once when already cancelled. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_waiters), self, NULL);

  g_mutex_lock (&self->pool_lock);
  while (self->repairing && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->repaired, &self->pool_lock);
  if ((idle = !self->repairing) && claim)
    self->repairing = TRUE;
  g_mutex_unlock (&self->pool_lock);

  g_cancellable_disconnect (cancellable, handler);

  if (!idle)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  return TRUE;
}

/**
 * rh_search_index_wait_for_repair:
 *
 * Queries wait for a repair under way, as for a first build, but each
 * gives up when cancelled: a keystroke cancels the query before it.
 *
 * Returns: %FALSE when @cancellable was cancelled first
 */
gboolean
rh_search_index_wait_for_repair (RhSearchIndex *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return wait_for_repair (self, FALSE, cancellable, error);
}

/**
 * rh_search_index_repair:
 * @generation: that of the file the query failed on
 * @damaged: whether SQLite said it is damaged; if not, it is checked
 *
 * After a query failed for any reason but a cancel: builds the index
 * again from the snapshot it was last made to match, when the file is
 * damaged or gone. The build is not cancelled with the query, which
 * may be for a keystroke long past: the next one needs the index too.
 * Without a snapshot, which only an ensure gives, a damaged file is
 * deleted, and the next ensure builds it.
 *
 * Returns: %TRUE when the query is worth running again; %FALSE with
 *   @error unset when the failure was not one a build cures
 */
gboolean
rh_search_index_repair (RhSearchIndex *self,
                        guint          generation,
                        gboolean       damaged,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gboolean replaced;
  gboolean retry = FALSE;

  if (!wait_for_repair (self, TRUE, cancellable, error))
    return FALSE;

  g_mutex_lock (&ensure_lock);

  g_mutex_lock (&self->pool_lock);
  replaced = self->generation != generation;
  g_mutex_unlock (&self->pool_lock);

  if (replaced)
    retry = TRUE; /* built again since: the query may see it */
  else if (self->source == NULL)
    {
      if (damaged)
        discard_files (self);
    }
  else
    {
      rh_search_index_tell_repairing (self, TRUE);
      if (!ensure_locked (self, self->source, damaged, &retry, NULL, error))
        retry = FALSE;
      rh_search_index_tell_repairing (self, FALSE);
    }

  g_mutex_unlock (&ensure_lock);

  g_mutex_lock (&self->pool_lock);
  self->repairing = FALSE;
  g_cond_broadcast (&self->repaired);
  g_mutex_unlock (&self->pool_lock);

  if (retry && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return retry;
}

/**
 * rh_search_index_ensure:
 * @out_rebuilt: (out) (optional): whether the index was built
 *
 * Makes the index match @library, building it in one transaction when
 * the content hash stored with it differs (or it does not exist, or is
 * damaged). When it matches, this costs the hash and a read of a few
 * pages. Queries made meanwhile see the previous index.
 *
 * Returns: %TRUE when the index matches @library
 */
gboolean
rh_search_index_ensure (RhSearchIndex *self,
                        RhLibrary     *library,
                        gboolean      *out_rebuilt,
                        GError       **error)
{
  g_autoptr (RhSearchSnapshot) snapshot = NULL;

  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), FALSE);
  g_return_val_if_fail (RH_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  snapshot = rh_search_snapshot_new (library);

  return rh_search_index_ensure_snapshot (self, snapshot, out_rebuilt, NULL, error);
}

static void
ensure_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError  *error = NULL;
  gboolean rebuilt = FALSE;

  if (rh_search_index_ensure_snapshot (source_object, task_data, &rebuilt, cancellable, &error))
    g_task_return_int (task, rebuilt);
  else
    g_task_return_error (task, error);
}

/**
 * rh_search_index_ensure_async:
 *
 * Like rh_search_index_ensure(), with the hashing and any building on
 * a worker thread. @library is read on this thread before returning
 * and may change afterwards.
 */
void
rh_search_index_ensure_async (RhSearchIndex      *self,
                              RhLibrary          *library,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RH_IS_SEARCH_INDEX (self));
  g_return_if_fail (RH_IS_LIBRARY (library));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_search_index_ensure_async);
  g_task_set_task_data (task, rh_search_snapshot_new (library), (GDestroyNotify) rh_search_snapshot_unref);
  g_task_run_in_thread (task, ensure_thread);
}

gboolean
rh_search_index_ensure_finish (RhSearchIndex *self,
                               GAsyncResult  *result,
                               gboolean      *out_rebuilt,
                               GError       **error)
{
  gssize rebuilt;

  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rh_search_index_ensure_async, FALSE);

  rebuilt = g_task_propagate_int (G_TASK (result), error);
  if (out_rebuilt != NULL)
    *out_rebuilt = rebuilt > 0;

  return rebuilt >= 0;
}
