/* rh-library-load.c
 *
 * Loading content files into the library: every core reads files while
 * one thread merges them into the model in the order given. Files that
 * have not changed since the last start are read back from the load
 * cache instead of parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-content-dirs.h"
#include "rh-content-file.h"
#include "rh-library-load.h"
#include "rh-load-cache.h"

typedef struct
{
  const char *const *files;
  GPtrArray        **pages;
  GError           **errors;
  gboolean          *done;
  gboolean          *from_cache;
  RhFileStamp       *stamps;
  gboolean          *stamped;
  RhLoadCache       *cache;
  GMutex             mutex;
  GCond              cond;
  guint              n_files;
  gint               next;
} LoadJob;

/* Unchanged files come from the cache; only the rest are parsed. Safe on
 * any thread: each call touches only file i's slots.
 *
 * A page keeps the stamp its file had when it was read, if the file did
 * not change while it was: what the cache is keyed by, and what the
 * search index's content hash is made from (rh-search-snapshot.c). */
static void
read_file (LoadJob *job,
           guint    i)
{
  RhFileStamp before, after;
  gboolean    stamped;

  if (job->cache != NULL && (job->pages[i] = rh_load_cache_lookup (job->cache, job->files[i])) != NULL)
    {
      job->from_cache[i] = TRUE;
      return;
    }

  stamped = rh_file_stamp_get (job->files[i], &before);
  job->pages[i] = rh_content_file_load (job->files[i], &job->errors[i]);
  if (job->pages[i] == NULL || !stamped || !rh_file_stamp_get (job->files[i], &after) ||
      !rh_file_stamp_equal (&before, &after))
    return;

  job->stamps[i] = before;
  job->stamped[i] = TRUE;
  for (guint j = 0; j < job->pages[i]->len; j++)
    {
      RhPageData *page = g_ptr_array_index (job->pages[i], j);

      page->stamp = before;
      page->has_stamp = TRUE;
    }
}

static gpointer
load_worker (gpointer data)
{
  LoadJob *job = data;
  guint    i;

  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->n_files)
    {
      read_file (job, i);

      g_mutex_lock (&job->mutex);
      job->done[i] = TRUE;
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->mutex);
    }

  return NULL;
}

/* On the merging thread only, in file order: the model and the cache are
 * not thread-safe. */
static RhLoadResult *
merge_file (RhLibrary *library,
            LoadJob   *job,
            guint      i)
{
  RhLoadResult *result = g_new0 (RhLoadResult, 1);
  GPtrArray    *pages = g_steal_pointer (&job->pages[i]);

  result->file = g_strdup (job->files[i]);
  result->error = g_steal_pointer (&job->errors[i]);

  if (pages != NULL)
    {
      if (job->cache != NULL && !job->from_cache[i] && job->stamped[i])
        rh_load_cache_store_stamped (job->cache, job->files[i], pages, &job->stamps[i]);

      result->n_pages = pages->len;
      for (guint j = 0; j < pages->len; j++)
        result->n_questions += rh_page_data_get_n_questions (g_ptr_array_index (pages, j));

      rh_library_add_pages (library, pages);
      g_ptr_array_unref (pages);
    }

  return result;
}

static GPtrArray *
load_files (RhLibrary         *library,
            const char *const *files,
            guint              n_files,
            guint              max_threads,
            RhLoadCache       *cache)
{
  g_autoptr (GPtrArray)   results = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);
  g_autoptr (GPtrArray)   threads = g_ptr_array_new ();
  g_autofree GPtrArray  **pages = NULL;
  g_autofree GError     **errors = NULL;
  g_autofree gboolean    *done = NULL;
  g_autofree gboolean    *from_cache = NULL;
  g_autofree RhFileStamp *stamps = NULL;
  g_autofree gboolean    *stamped = NULL;
  LoadJob                 job = {
                    0,
  };
  guint n_threads;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  /* Small loads are not worth a thread; more threads than cores only
   * contend. */
  max_threads = MIN (max_threads, g_get_num_processors ());
  n_threads = n_files < 4 || max_threads < 2 ? 0 : MIN (max_threads, n_files);

  pages = g_new0 (GPtrArray *, MAX (n_files, 1));
  errors = g_new0 (GError *, MAX (n_files, 1));
  done = g_new0 (gboolean, MAX (n_files, 1));
  from_cache = g_new0 (gboolean, MAX (n_files, 1));
  stamps = g_new0 (RhFileStamp, MAX (n_files, 1));
  stamped = g_new0 (gboolean, MAX (n_files, 1));

  job.files = files;
  job.pages = pages;
  job.errors = errors;
  job.done = done;
  job.from_cache = from_cache;
  job.stamps = stamps;
  job.stamped = stamped;
  job.cache = cache;
  job.n_files = n_files;

  for (guint i = 0; cache != NULL && i < n_files; i++)
    rh_load_cache_mark_used (cache, files[i]);

  if (n_threads == 0)
    {
      for (guint i = 0; i < n_files; i++)
        {
          read_file (&job, i);
          g_ptr_array_add (results, merge_file (library, &job, i));
        }

      return g_steal_pointer (&results);
    }

  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  for (guint i = 0; i + 1 < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("rehearse-load", load_worker, &job));

  /* This thread reads files too, and between files merges whatever is
   * ready, in order; waking up for every file would cost more.
   */
  for (guint merged = 0; merged < n_files;)
    {
      guint    i = (guint) g_atomic_int_add (&job.next, 1);
      gboolean ready;

      if (i < n_files)
        {
          read_file (&job, i);
          g_mutex_lock (&job.mutex);
          done[i] = TRUE;
          g_mutex_unlock (&job.mutex);
        }

      for (;;)
        {
          g_mutex_lock (&job.mutex);
          if (i >= n_files)
            while (merged < n_files && !done[merged])
              g_cond_wait (&job.cond, &job.mutex);
          ready = merged < n_files && done[merged];
          g_mutex_unlock (&job.mutex);

          if (!ready)
            break;

          g_ptr_array_add (results, merge_file (library, &job, merged));
          merged++;
        }
    }

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);

  return g_steal_pointer (&results);
}

/**
 * rh_library_load_files:
 * @files: (array length=n_files): content files
 *
 * Reads the files on every core while this thread merges them into the
 * model, in the order given, so that the result does not depend on
 * thread timing. A file that fails changes nothing; the others still load.
 *
 * Returns: (transfer full) (element-type RhLoadResult): one result per file
 */
GPtrArray *
rh_library_load_files (RhLibrary         *library,
                       const char *const *files,
                       guint              n_files)
{
  return load_files (library, files, n_files, MIN (g_get_num_processors (), 8), NULL);
}

/**
 * rh_library_load_files_cached:
 * @cache_file: where to keep what the files held, between starts
 *
 * Like rh_library_load_files(), but files that have not changed since
 * the last load are read back from @cache_file instead of parsed.
 *
 * Returns: (transfer full) (element-type RhLoadResult): one result per file
 */
GPtrArray *
rh_library_load_files_cached (RhLibrary         *library,
                              const char *const *files,
                              guint              n_files,
                              const char        *cache_file)
{
  g_autoptr (RhLoadCache) cache = NULL;
  g_autoptr (GError)      error = NULL;
  GPtrArray              *results;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (cache_file != NULL, NULL);

  cache = rh_load_cache_open (cache_file);
  results = load_files (library, files, n_files, MIN (g_get_num_processors (), 8), cache);

  if (rh_load_cache_is_dirty (cache) && !rh_load_cache_save (cache, &error))
    g_warning ("Cannot keep the library's cache: %s", error->message);

  return results;
}

/**
 * rh_library_load_files_with_threads:
 * @max_threads: at most this many threads, for measuring
 *
 * Returns: (transfer full) (element-type RhLoadResult): one result per file
 */
GPtrArray *
rh_library_load_files_with_threads (RhLibrary         *library,
                                    const char *const *files,
                                    guint              n_files,
                                    guint              max_threads)
{
  return load_files (library, files, n_files, max_threads, NULL);
}

/**
 * rh_library_load_directory:
 *
 * Loads every content file in @directory itself (`.json`, `.html` and
 * `.htm`), in name order.
 *
 * Returns: (transfer full) (element-type RhLoadResult) (nullable): one
 *   result per file, or %NULL if @directory cannot be read
 */
GPtrArray *
rh_library_load_directory (RhLibrary  *library,
                           const char *directory,
                           GError    **error)
{
  g_autoptr (GPtrArray) files = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _ ("%s: no such folder"), directory);
      return NULL;
    }

  files = rh_content_dirs_list_files (directory);

  return rh_library_load_files (library, (const char *const *) files->pdata, files->len);
}
