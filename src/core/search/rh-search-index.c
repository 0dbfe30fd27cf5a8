/* rh-search-index.c
 *
 * Full-text search over the library with SQLite's FTS5: the index, its
 * queries and its suggestions. Building the index and keeping it up to
 * date is rh-search-index-ensure.c.
 *
 * Queries run on worker threads, each with a read-only connection of
 * its own (rh-search-reader.c) from a small pool: WAL lets them read
 * while a rebuild writes, and a cancelled query stops within a few
 * thousand SQLite instructions through the progress handler. A search
 * that found nothing may then ask for a similar one that finds
 * something (rh-search-suggest.c), on the same pool. A query that
 * finds the index damaged or gone has it built again and runs once
 * more: the user sees results, later, never the damage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-reader.h"
#include "rh-search-vfs.h"

/* How many read connections stay open between queries. */
#define MAX_IDLE_READERS 4

/* Search-as-you-type never needs more than this; the rest is ignored. */
#define MAX_LIMIT 1000

G_DEFINE_FINAL_TYPE (RhSearchIndex, rh_search_index, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (rh-search-index-error-quark, rh_search_index_error)
/* clang-format on */

/* A damaged index is no error of its own: it is built again. */
const RhSqliteErrors rh_search_index_errors = {
  rh_search_index_error_quark,
  RH_SEARCH_INDEX_ERROR_FAILED,
  RH_SEARCH_INDEX_ERROR_FAILED,
  N_ ("Could not update the search index"),
  N_ ("The search was cancelled"),
};

enum
{
  PROP_0,
  PROP_PATH,
  PROP_REPAIRING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Read-only connections cannot remove the -wal and -shm files they
 * made; a writer closing last does, unless another process has the
 * index open. Through the checksums' VFS: a checkpoint writes pages.
 */
static void
tidy_files (RhSearchIndex *self)
{
  g_autofree char *wal = rh_sqlite_file_name (self->path, RH_SQLITE_FILE_WAL);
  sqlite3         *db = NULL;

  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    return;

  if (rh_search_vfs_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, 0, &db) == SQLITE_OK)
    sqlite3_exec (db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
rh_search_index_finalize (GObject *object)
{
  RhSearchIndex *self = (RhSearchIndex *) object;

  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->source, rh_search_snapshot_unref);
  tidy_files (self);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->pool_lock);
  g_cond_clear (&self->repaired);
  g_main_context_unref (self->owner_context);

  G_OBJECT_CLASS (rh_search_index_parent_class)->finalize (object);
}

static void
rh_search_index_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RhSearchIndex *self = RH_SEARCH_INDEX (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_REPAIRING:
      g_value_set_boolean (value, self->repairing_told);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_search_index_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RhSearchIndex *self = RH_SEARCH_INDEX (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_search_index_class_init (RhSearchIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_search_index_finalize;
  object_class->get_property = rh_search_index_get_property;
  object_class->set_property = rh_search_index_set_property;

  properties[PROP_PATH] =
      g_param_spec_string ("path", NULL, NULL, NULL,
                           (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                            G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhSearchIndex:repairing:
   *
   * Whether a query found the file damaged and the index is being built
   * again, while queries wait. Told in the main context of the thread
   * that made the index.
   */
  properties[PROP_REPAIRING] =
      g_param_spec_boolean ("repairing", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_search_index_init (RhSearchIndex *self)
{
  g_mutex_init (&self->pool_lock);
  g_cond_init (&self->repaired);
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_search_reader_free);
  self->owner_context = g_main_context_ref_thread_default ();
}

typedef struct
{
  RhSearchIndex *index;
  gboolean       repairing;
} Telling;

static gboolean
tell_repairing_now (gpointer data)
{
  Telling *telling = data;

  if (telling->index->repairing_told != telling->repairing)
    {
      telling->index->repairing_told = telling->repairing;
      g_object_notify_by_pspec (G_OBJECT (telling->index), properties[PROP_REPAIRING]);
    }

  return G_SOURCE_REMOVE;
}

static void
telling_free (gpointer data)
{
  Telling *telling = data;

  g_object_unref (telling->index);
  g_free (telling);
}

/* From the thread of the query that found the damage, in order. */
void
rh_search_index_tell_repairing (RhSearchIndex *self,
                                gboolean       repairing)
{
  Telling *telling = g_new0 (Telling, 1);

  telling->index = g_object_ref (self);
  telling->repairing = repairing;
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, tell_repairing_now, telling, telling_free);
}

/**
 * rh_search_index_get_repairing:
 *
 * Returns: whether the index is being built again after damage
 */
gboolean
rh_search_index_get_repairing (RhSearchIndex *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), FALSE);

  return self->repairing_told;
}

/**
 * rh_search_index_get_default_path:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/rehearse/search.sqlite3`,
 *   the application's index
 */
char *
rh_search_index_get_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "rehearse", "search.sqlite3", NULL);
}

/**
 * rh_search_index_new:
 * @db_path: the index file; it and its directory are created when needed
 *
 * Does no I/O: the file is opened by rh_search_index_ensure() and by
 * queries.
 *
 * Returns: (transfer full): a search index
 */
RhSearchIndex *
rh_search_index_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (RH_TYPE_SEARCH_INDEX, "path", db_path, NULL);
}

const char *
rh_search_index_get_path (RhSearchIndex *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);

  return self->path;
}

/**
 * rh_search_index_compute_hash:
 *
 * What rh_search_index_ensure() compares: a SHA-256 over everything
 * the index holds, in library order.
 *
 * Returns: (transfer full): the content hash of @library, in hex
 */
char *
rh_search_index_compute_hash (RhLibrary *library)
{
  g_autoptr (RhSearchSnapshot) snapshot = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);

  snapshot = rh_search_snapshot_new (library);

  return g_strdup (rh_search_snapshot_get_hash (snapshot));
}

/* Querying ------------------------------------------------------------------ */

static RhSearchReader *
acquire_reader (RhSearchIndex *self,
                guint         *out_generation,
                GError       **error)
{
  RhSearchReader *reader = NULL;

  g_mutex_lock (&self->pool_lock);
  if (self->idle->len > 0)
    reader = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  *out_generation = self->generation;
  g_mutex_unlock (&self->pool_lock);

  if (reader != NULL)
    {
      *out_generation = rh_search_reader_get_generation (reader);
      return reader;
    }

  return rh_search_reader_open (self->path, *out_generation, error);
}

/* Gives @reader back after a query or a suggestion. A connection that
 * failed for any reason but a cancel is closed.
 */
static void
release_reader (RhSearchIndex  *self,
                RhSearchReader *reader,
                gboolean        reusable)
{
  g_mutex_lock (&self->pool_lock);
  if (reusable && rh_search_reader_get_generation (reader) == self->generation && self->idle->len < MAX_IDLE_READERS)
    {
      g_ptr_array_add (self->idle, reader);
      reader = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  if (reader != NULL)
    rh_search_reader_free (reader);
}

/* One query or suggestion on @reader; @out_damaged as
 * rh_search_reader_query()'s. */
typedef gboolean (*ReaderFunc) (RhSearchReader *reader,
                                gpointer        data,
                                GCancellable   *cancellable,
                                gboolean       *out_damaged,
                                GError        **error);

/* Runs @func on a reader from the pool. When it fails on a damaged
 * index, or one that is gone, the index is built again and @func runs
 * once more, on the new file.
 */
static gboolean
run_on_reader (RhSearchIndex *self,
               ReaderFunc     func,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (GError) local_error = NULL;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (GError) repair_error = NULL;
      RhSearchReader    *reader;
      guint              generation;
      gboolean           damaged = FALSE;
      gboolean           ok;

      g_clear_error (&local_error);

      if (!rh_search_index_wait_for_repair (self, cancellable, error))
        return FALSE;

      reader = acquire_reader (self, &generation, &local_error);
      ok = reader != NULL && func (reader, data, cancellable, &damaged, &local_error);
      if (reader != NULL)
        release_reader (self, reader, ok || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED));

      if (ok)
        return TRUE;

      if (attempt > 0 || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;

      if (!rh_search_index_repair (self, generation, damaged, cancellable, &repair_error))
        {
          if (repair_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&repair_error));
              return FALSE;
            }
          break;
        }

      g_debug ("Searching the search index again: %s", local_error->message);
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

typedef struct
{
  const char           *match;
  guint                 n_tokens;
  const RhSearchFilter *filter;
  guint                 limit;
  GPtrArray            *results;
} Query;

static gboolean
query_on_reader (RhSearchReader *reader,
                 gpointer        data,
                 GCancellable   *cancellable,
                 gboolean       *out_damaged,
                 GError        **error)
{
  Query *query = data;

  g_ptr_array_set_size (query->results, 0);

  return rh_search_reader_query (reader, query->match, query->n_tokens, query->filter, query->limit,
                                 cancellable, query->results, out_damaged, error);
}

static GListModel *
run_query (RhSearchIndex        *self,
           const char           *text,
           const RhSearchFilter *filter,
           guint                 limit,
           GCancellable         *cancellable,
           GError              **error)
{
  static const RhSearchFilter no_filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GListStore)      store = g_list_store_new (RH_TYPE_SEARCH_RESULT);
  g_autoptr (GPtrArray)       results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char            *match = NULL;
  guint                       n_tokens;
  Query                       query;

  match = rh_search_query_make_match_full (text, &n_tokens);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (match == NULL)
    return G_LIST_MODEL (g_steal_pointer (&store));

  if (filter == NULL)
    filter = &no_filter;
  if (limit == 0)
    limit = RH_SEARCH_DEFAULT_LIMIT;
  limit = MIN (limit, MAX_LIMIT);

  query = (Query){ match, n_tokens, filter, limit, results };
  if (!run_on_reader (self, query_on_reader, &query, cancellable, error))
    return NULL;

  g_list_store_splice (store, 0, 0, results->pdata, results->len);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rh_search_index_query:
 * @text: what the user typed; never parsed as query syntax
 * @filter: (nullable): what to limit the search to
 * @limit: how many results at most, 0 for %RH_SEARCH_DEFAULT_LIMIT
 *
 * Searches on this thread; see rh_search_index_query_async() for the
 * user interface. Text with no words gives no results, not an error.
 * Fails with %RH_SEARCH_INDEX_ERROR_NOT_READY before the first build.
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #RhSearchResult, best first
 */
GListModel *
rh_search_index_query (RhSearchIndex        *self,
                       const char           *text,
                       const RhSearchFilter *filter,
                       guint                 limit,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_query (self, text, filter, limit, cancellable, error);
}

typedef struct
{
  char          *text;
  char          *framework_slug;
  GHashTable    *only_refs;
  RhSearchFilter filter;
  guint          limit;
} QueryData;

static QueryData *
query_data_new (const char           *text,
                const RhSearchFilter *filter,
                guint                 limit)
{
  QueryData *data = g_new0 (QueryData, 1);

  data->text = g_strdup (text);
  data->limit = limit;
  data->filter.difficulty = filter != NULL ? filter->difficulty : RH_SEARCH_ANY_DIFFICULTY;
  data->filter.framework_slug = data->framework_slug = g_strdup (filter != NULL ? filter->framework_slug : NULL);

  /* The caller may change its set while the worker reads ours. */
  if (filter != NULL && filter->only_refs != NULL)
    data->filter.only_refs = data->only_refs = rh_question_ref_set_copy (filter->only_refs);

  return data;
}

static void
query_data_free (QueryData *data)
{
  g_free (data->text);
  g_free (data->framework_slug);
  g_clear_pointer (&data->only_refs, g_hash_table_unref);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData  *data = task_data;
  GError     *error = NULL;
  GListModel *results;

  results = run_query (source_object, data->text, &data->filter, data->limit, cancellable, &error);
  if (results != NULL)
    g_task_return_pointer (task, results, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rh_search_index_query_async:
 * @filter: (nullable): copied, keys included, before this returns
 * @cancellable: (nullable): cancel it when the user types again: the
 *   stale query stops early and finishes with %G_IO_ERROR_CANCELLED
 *
 * Searches on a worker thread with a read-only connection of its own.
 */
void
rh_search_index_query_async (RhSearchIndex        *self,
                             const char           *text,
                             const RhSearchFilter *filter,
                             guint                 limit,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RH_IS_SEARCH_INDEX (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_search_index_query_async);
  g_task_set_task_data (task, query_data_new (text, filter, limit), (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * rh_search_index_query_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #RhSearchResult, best first
 */
GListModel *
rh_search_index_query_finish (RhSearchIndex *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rh_search_index_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Suggesting ---------------------------------------------------------------- */

typedef struct
{
  const char           *text;
  const RhSearchFilter *filter;
  char                 *suggestion;
} Suggestion;

static gboolean
suggest_on_reader (RhSearchReader *reader,
                   gpointer        data,
                   GCancellable   *cancellable,
                   gboolean       *out_damaged,
                   GError        **error)
{
  Suggestion *suggest = data;

  g_clear_pointer (&suggest->suggestion, g_free);

  if (!rh_search_reader_suggest (reader, suggest->text, cancellable, &suggest->suggestion, out_damaged, error))
    return FALSE;

  /* Offered only if it finds something, within the same filter. */
  if (suggest->suggestion != NULL)
    {
      g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char      *match = NULL;
      guint                 n_tokens;

      match = rh_search_query_make_match_full (suggest->suggestion, &n_tokens);
      if (!rh_search_reader_query (reader, match, n_tokens, suggest->filter, 1, cancellable, results, out_damaged, error))
        {
          g_clear_pointer (&suggest->suggestion, g_free);
          return FALSE;
        }
      if (results->len == 0)
        g_clear_pointer (&suggest->suggestion, g_free);
    }

  return TRUE;
}

static char *
run_suggest (RhSearchIndex        *self,
             const char           *text,
             const RhSearchFilter *filter,
             GCancellable         *cancellable,
             GError              **error)
{
  static const RhSearchFilter no_filter = RH_SEARCH_FILTER_INIT;
  Suggestion                  suggest = { text, filter != NULL ? filter : &no_filter, NULL };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!run_on_reader (self, suggest_on_reader, &suggest, cancellable, error))
    {
      g_free (suggest.suggestion);
      return NULL;
    }

  return suggest.suggestion;
}

/**
 * rh_search_index_suggest:
 * @text: what the user typed, which found nothing
 * @filter: (nullable): what the search was limited to
 *
 * A search like @text that finds something within @filter: each word
 * the index does not hold replaced by the nearest that it does, as in
 * "Did you mean …?". Costs a read of the index's vocabulary the first
 * time on a connection, so call it only when a search found nothing.
 *
 * Returns: (transfer full) (nullable): the text to search instead, or
 *   %NULL, with @error unset, when there is none
 */
char *
rh_search_index_suggest (RhSearchIndex        *self,
                         const char           *text,
                         const RhSearchFilter *filter,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_suggest (self, text, filter, cancellable, error);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  QueryData *data = task_data;
  GError    *error = NULL;
  char      *suggestion;

  suggestion = run_suggest (source_object, data->text, &data->filter, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, suggestion, g_free);
}

/**
 * rh_search_index_suggest_async:
 * @filter: (nullable): copied, keys included, before this returns
 *
 * Like rh_search_index_suggest(), on a worker thread.
 */
void
rh_search_index_suggest_async (RhSearchIndex        *self,
                               const char           *text,
                               const RhSearchFilter *filter,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RH_IS_SEARCH_INDEX (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_search_index_suggest_async);
  g_task_set_task_data (task, query_data_new (text, filter, 1), (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, suggest_thread);
}

/**
 * rh_search_index_suggest_finish:
 *
 * Returns: (transfer full) (nullable): the text to search instead, or
 *   %NULL, with @error unset, when there is none
 */
char *
rh_search_index_suggest_finish (RhSearchIndex *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rh_search_index_suggest_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
