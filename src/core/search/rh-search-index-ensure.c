/* rh-search-index-ensure.c
 *
 * Keeping the search index up to date. The index is derived data and
 * lives in the cache directory. It is rebuilt only when the content
 * changes: the hash of a snapshot of the library (rh-search-snapshot.c)
 * is stored with it, and rh_search_index_ensure() compares the two. A
 * normal start pays for the hash alone; a rebuild is one transaction,
 * and a file SQLite cannot read is discarded and built again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "rh-search-index-private.h"
#include "rh-search-text.h"

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

/* Opens the index for writing and reads the hash stored in it. A file
 * that SQLite cannot read is discarded and started again.
 */
static sqlite3 *
open_writer (RhSearchIndex *self,
             char         **out_stored_hash,
             GError       **error)
{
  *out_stored_hash = NULL;

  if (!rh_sqlite_make_directory (self->path, &rh_search_index_errors, error))
    return NULL;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      sqlite3      *db = NULL;
      sqlite3_stmt *stmt = NULL;
      int           rc;

      /* Another process may be rebuilding the same file. */
      rc = rh_sqlite_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 30000, &db);
      if (rc == SQLITE_OK)
        {
          /* A rebuilt index is not worth an fsync per commit; a crash
           * at worst leaves an index that fails to open or to match,
           * and that is rebuilt.
           */
          rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
        }

      if (rc == SQLITE_OK)
        {
          rc = sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'content-hash'", -1, &stmt, NULL);
          if (rc == SQLITE_OK)
            {
              rc = sqlite3_step (stmt);
              if (rc == SQLITE_ROW)
                *out_stored_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
            }
          else if ((rc & 0xff) == SQLITE_ERROR)
            rc = SQLITE_OK; /* no meta table: never built */
          sqlite3_finalize (stmt);
        }

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
      g_clear_pointer (out_stored_hash, g_free);
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

  if (!rh_sqlite_exec (db, schema_sql, &rh_search_index_errors, error))
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

  return TRUE;

fail:
  *out_damaged = rh_sqlite_is_damage (sqlite3_extended_errcode (db));
  g_clear_pointer (&stmt, sqlite3_finalize);
  rh_sqlite_rollback (db);

  return FALSE;
}

/**
 * rh_search_index_ensure_snapshot:
 *
 * rh_search_index_ensure() for a library already copied, such as the
 * command line's, which hashes it to name its index.
 */
gboolean
rh_search_index_ensure_snapshot (RhSearchIndex    *self,
                                 RhSearchSnapshot *snapshot,
                                 gboolean         *out_rebuilt,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  const char *hash;
  gboolean    damaged;
  gboolean    ok = FALSE;

  if (out_rebuilt != NULL)
    *out_rebuilt = FALSE;

  hash = rh_search_snapshot_get_hash (snapshot);

  g_mutex_lock (&self->write_lock);

  /* A query found the file damaged since the last time. */
  damaged = g_atomic_int_compare_and_exchange (&self->damaged, TRUE, FALSE);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char   *stored = NULL;
      g_autoptr (GError) local_error = NULL;
      sqlite3           *db;

      if (damaged)
        discard_files (self);

      if (!(db = open_writer (self, &stored, &local_error)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }

      if (g_strcmp0 (stored, hash) == 0)
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

      /* Damage deeper than the header shows only now: start afresh. */
      if (ok || !damaged || attempt > 0)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
    }

  g_mutex_unlock (&self->write_lock);

  return ok;
}

/**
 * rh_search_index_ensure:
 * @out_rebuilt: (out) (optional): whether the index was built
 *
 * Makes the index match @library, building it in one transaction when
 * the content hash stored with it differs (or it does not exist, or is
 * damaged). When it matches, this costs the hash and one small read.
 * Queries made meanwhile see the previous index.
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
  g_task_set_task_data (task, rh_search_snapshot_new (library), (GDestroyNotify) rh_search_snapshot_free);
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
