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
#include <glib/gstdio.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

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
  RhLoadCache       *cache; /* looked in by the readers */
  RhLoadCache       *store; /* what is read is kept in, by the merger */
  GCancellable      *cancellable;
  gboolean           lookup_only; /* files the cache lacks are left unread */
  GMutex             mutex;
  GCond              cond;
  guint              n_files;
  gint               next;
  guint              window; /* readers stay this many files ahead of the
                              * merger at most; 0 for no limit */
  guint              merged; /* under mutex, when window is set */
} LoadJob;

/* Parsed files wait in memory until they are merged, and merging in the
 * background goes a slice at a time: without a limit the readers would
 * hold most of a large library parsed at once. */
#define BACKGROUND_READ_AHEAD 256

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

  if (job->lookup_only)
    return;

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
      if (job->window > 0)
        {
          g_mutex_lock (&job->mutex);
          while (i >= job->merged + job->window && !g_cancellable_is_cancelled (job->cancellable))
            g_cond_wait (&job->cond, &job->mutex);
          g_mutex_unlock (&job->mutex);
        }

      /* A cancelled load reads nothing more; what is left is merged as
       * nothing. */
      if (!g_cancellable_is_cancelled (job->cancellable))
        read_file (job, i);

      g_mutex_lock (&job->mutex);
      job->done[i] = TRUE;
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->mutex);
    }

  return NULL;
}

/* On the merging thread only, in file order: the model and the cache are
 * not thread-safe. A file read rather than found in the cache is stored
 * in it under the stamp it had when it was read, if it kept one. */
static RhLoadResult *
merge_pages (RhLibrary         *library,
             RhLoadCache       *cache,
             const char        *file,
             GPtrArray         *pages,
             GError            *error,
             const RhFileStamp *stamp)
{
  RhLoadResult *result = g_new0 (RhLoadResult, 1);

  result->file = g_strdup (file);
  result->error = error;

  if (pages != NULL)
    {
      if (cache != NULL && stamp != NULL)
        {
          rh_load_cache_store_stamped (cache, file, pages, stamp);
          rh_load_cache_lend_bodies (cache, file, pages);
        }

      result->n_pages = pages->len;
      for (guint j = 0; j < pages->len; j++)
        result->n_questions += rh_page_data_get_n_questions (g_ptr_array_index (pages, j));

      rh_library_add_pages (library, pages);
      g_ptr_array_unref (pages);
    }

  return result;
}

static RhLoadResult *
merge_file (RhLibrary *library,
            LoadJob   *job,
            guint      i)
{
  gboolean store = !job->from_cache[i] && job->stamped[i];

  if (job->lookup_only && !job->from_cache[i])
    return NULL;

  return merge_pages (library, job->store, job->files[i], g_steal_pointer (&job->pages[i]),
                      g_steal_pointer (&job->errors[i]), store ? &job->stamps[i] : NULL);
}

static void
load_job_init (LoadJob           *job,
               const char *const *files,
               guint              n_files,
               RhLoadCache       *cache)
{
  guint n = MAX (n_files, 1);

  *job = (LoadJob){ 0 };
  job->files = files;
  job->n_files = n_files;
  job->cache = cache;
  job->store = cache;
  job->pages = g_new0 (GPtrArray *, n);
  job->errors = g_new0 (GError *, n);
  job->done = g_new0 (gboolean, n);
  job->from_cache = g_new0 (gboolean, n);
  job->stamps = g_new0 (RhFileStamp, n);
  job->stamped = g_new0 (gboolean, n);
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
}

/* What was read but never merged, after a cancelled load, goes too. */
static void
load_job_clear (LoadJob *job)
{
  for (guint i = 0; i < job->n_files; i++)
    {
      g_clear_pointer (&job->pages[i], g_ptr_array_unref);
      g_clear_error (&job->errors[i]);
    }
  g_clear_pointer (&job->pages, g_free);
  g_clear_pointer (&job->errors, g_free);
  g_clear_pointer (&job->done, g_free);
  g_clear_pointer (&job->from_cache, g_free);
  g_clear_pointer (&job->stamps, g_free);
  g_clear_pointer (&job->stamped, g_free);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
}

/* Small loads are not worth a thread; more threads than cores only
 * contend. */
static guint
load_n_threads (guint n_files,
                guint max_threads)
{
  max_threads = MIN (max_threads, g_get_num_processors ());

  return n_files < 4 || max_threads < 2 ? 0 : MIN (max_threads, n_files);
}

/* With @lookup_only, only what the cache holds is merged; each other
 * file's result is %NULL, left for the caller to read. */
static GPtrArray *
load_files (RhLibrary         *library,
            const char *const *files,
            guint              n_files,
            guint              max_threads,
            RhLoadCache       *cache,
            gboolean           lookup_only)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  LoadJob               job;
  guint                 n_threads;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  n_threads = load_n_threads (n_files, max_threads);
  load_job_init (&job, files, n_files, cache);
  job.lookup_only = lookup_only;

  for (guint i = 0; cache != NULL && i < n_files; i++)
    rh_load_cache_mark_used (cache, files[i]);

  if (n_threads == 0)
    {
      for (guint i = 0; i < n_files; i++)
        {
          read_file (&job, i);
          g_ptr_array_add (results, merge_file (library, &job, i));
        }

      load_job_clear (&job);

      return g_steal_pointer (&results);
    }

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
          job.done[i] = TRUE;
          g_mutex_unlock (&job.mutex);
        }

      for (;;)
        {
          g_mutex_lock (&job.mutex);
          if (i >= n_files)
            while (merged < n_files && !job.done[merged])
              g_cond_wait (&job.cond, &job.mutex);
          ready = merged < n_files && job.done[merged];
          g_mutex_unlock (&job.mutex);

          if (!ready)
            break;

          g_ptr_array_add (results, merge_file (library, &job, merged));
          merged++;
        }
    }

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  load_job_clear (&job);

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
  return load_files (library, files, n_files, MIN (g_get_num_processors (), 8), NULL, FALSE);
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
  results = load_files (library, files, n_files, MIN (g_get_num_processors (), 8), cache, FALSE);

  if (rh_load_cache_is_dirty (cache) && !rh_load_cache_save (cache, &error))
    g_warning ("Cannot keep the library's cache: %s", error->message);

  return results;
}

/* A load whose files the cache did not hold, going on while the
 * application runs: readers on other threads, and merges on the main
 * context in file order, a slice at a time. */
typedef struct
{
  LoadJob               job;
  RhLibrary            *library;
  RhLoadCache          *cache;
  GPtrArray            *pending; /* the paths still to read */
  GArray               *pending_index; /* guint: each one's place in @results */
  GPtrArray            *results; /* RhLoadResult, in the order of the files given */
  GPtrArray            *threads;
  GSource              *merge_source;
  GMainContext         *context; /* where the merges go on */
  RhLibraryLoadProgress progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  guint                 merged;
} BackgroundLoad;

/* How long one slice of merging may hold the main context: half a
 * frame, so that the window keeps drawing and answering between slices.
 * With nothing ready, the merger looks again a little later. */
#define MERGE_SLICE_USEC 8000
#define MERGE_RETRY_USEC 4000

static gboolean
merge_source_dispatch (GSource    *source,
                       GSourceFunc callback,
                       gpointer    user_data)
{
  return callback (user_data);
}

static GSourceFuncs merge_source_funcs = {
  .dispatch = merge_source_dispatch,
};

/* Background readers run at a lower priority than the window: on a
 * machine with few cores the merging and drawing thread comes first.
 * On Linux the nice value is a thread's own. */
static gpointer
background_load_worker (gpointer data)
{
#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 5);
#endif

  return load_worker (data);
}

static void
background_load_free (BackgroundLoad *load)
{
  g_cancellable_cancel (load->job.cancellable);
  g_mutex_lock (&load->job.mutex);
  g_cond_broadcast (&load->job.cond);
  g_mutex_unlock (&load->job.mutex);
  for (guint i = 0; load->threads != NULL && i < load->threads->len; i++)
    g_thread_join (g_ptr_array_index (load->threads, i));
  g_clear_pointer (&load->threads, g_ptr_array_unref);

  if (load->merge_source != NULL)
    {
      g_source_destroy (load->merge_source);
      g_source_unref (load->merge_source);
    }

  load_job_clear (&load->job);
  g_clear_object (&load->job.cancellable);
  g_clear_pointer (&load->cache, rh_load_cache_free);
  g_clear_pointer (&load->pending, g_ptr_array_unref);
  g_clear_pointer (&load->pending_index, g_array_unref);
  g_clear_pointer (&load->results, g_ptr_array_unref);
  if (load->progress_destroy != NULL)
    load->progress_destroy (load->progress_data);
  g_clear_object (&load->library);
  g_clear_pointer (&load->context, g_main_context_unref);
  g_free (load);

#ifdef __GLIBC__
  /* The readers parsed a whole library on threads of their own and the
   * cache held a copy of it until it was written; glibc keeps what they
   * freed in per-thread arenas: give it back, or a first start holds
   * that peak for as long as it runs. */
  malloc_trim (0);
#endif
}

static void
background_load_save_cache (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  BackgroundLoad    *load = task_data;
  g_autoptr (GError) error = NULL;

  if (rh_load_cache_is_dirty (load->cache) && !rh_load_cache_save (load->cache, &error))
    g_warning ("Cannot keep the library's cache: %s", error->message);

  g_task_return_pointer (task, g_steal_pointer (&load->results), (GDestroyNotify) g_ptr_array_unref);
}

/* Once every file is merged the model is done; the cache is written on
 * a worker thread, since the main context no longer touches it. */
static void
background_load_finish (GTask *task)
{
  BackgroundLoad *load = g_task_get_task_data (task);

  for (guint i = 0; i < load->threads->len; i++)
    g_thread_join (g_ptr_array_index (load->threads, i));
  g_ptr_array_set_size (load->threads, 0);

  if (g_cancellable_is_cancelled (load->job.cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _ ("Loading the library was cancelled"));
      return;
    }

  g_task_run_in_thread (task, background_load_save_cache);
}

/* Lets the readers that wait on the read-ahead limit go on. */
static void
publish_merged (BackgroundLoad *load)
{
  g_mutex_lock (&load->job.mutex);
  load->job.merged = load->merged;
  g_cond_broadcast (&load->job.cond);
  g_mutex_unlock (&load->job.mutex);
}

static gboolean
background_load_merge_ready (gpointer user_data)
{
  GTask          *task = user_data;
  BackgroundLoad *load = g_task_get_task_data (task);
  gint64          deadline = g_get_monotonic_time () + MERGE_SLICE_USEC;
  guint           before = load->merged;

  while (load->merged < load->job.n_files && g_get_monotonic_time () < deadline)
    {
      guint    i = load->merged;
      gboolean ready;

      g_mutex_lock (&load->job.mutex);
      ready = load->job.done[i];
      g_mutex_unlock (&load->job.mutex);
      if (!ready)
        break;

      g_ptr_array_index (load->results, g_array_index (load->pending_index, guint, i)) =
          merge_file (load->library, &load->job, i);
      load->merged++;

      /* The readers go on while this merges, not a slice behind. */
      if (load->merged % 16 == 0)
        publish_merged (load);
    }

  if (load->merged != before)
    publish_merged (load);

  if (load->merged != before && load->progress != NULL)
    load->progress (load->merged, load->job.n_files, load->progress_data);

  if (load->merged < load->job.n_files)
    {
      /* Straight on while files are ready; after other sources of the
       * same priority, and after drawing, which comes before idle. */
      g_source_set_ready_time (load->merge_source,
                               load->merged != before ? 0 : g_get_monotonic_time () + MERGE_RETRY_USEC);
      return G_SOURCE_CONTINUE;
    }

  g_clear_pointer (&load->merge_source, g_source_unref);
  background_load_finish (task);

  return G_SOURCE_REMOVE;
}

/* The readers start, and the merges on the main context. */
static void
background_load_start (GTask *task)
{
  BackgroundLoad *load = g_task_get_task_data (task);
  guint           n_threads;

  load->job.window = BACKGROUND_READ_AHEAD;
  n_threads = MAX (load_n_threads (load->job.n_files, 8), 1);
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (load->threads, g_thread_new ("rehearse-load", background_load_worker, &load->job));

  load->merge_source = g_source_new (&merge_source_funcs, sizeof (GSource));
  g_source_set_ready_time (load->merge_source, g_get_monotonic_time () + MERGE_RETRY_USEC);
  g_source_set_priority (load->merge_source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_static_name (load->merge_source, "[rehearse] library load");
  g_source_set_callback (load->merge_source, background_load_merge_ready, g_object_ref (task), g_object_unref);
  g_source_attach (load->merge_source, load->context);
}

/* Loads whose background part waits for rh_library_load_release(). */
typedef struct
{
  guint      n_holds;
  GPtrArray *waiting; /* GTask */
} LoadHold;

#define LOAD_HOLD_KEY "rh-library-load-hold"

static void
load_hold_free (LoadHold *hold)
{
  g_ptr_array_unref (hold->waiting);
  g_free (hold);
}

/**
 * rh_library_load_hold:
 *
 * Keeps the background part of loads into @library from starting until
 * as many rh_library_load_release() calls: what they merge before they
 * return is in at once, and the rest waits, for example until the first
 * page is on screen, so that it does not compete with it. Main thread
 * only; each hold must be released.
 */
void
rh_library_load_hold (RhLibrary *library)
{
  LoadHold *hold;

  g_return_if_fail (RH_IS_LIBRARY (library));

  hold = g_object_get_data (G_OBJECT (library), LOAD_HOLD_KEY);
  if (hold == NULL)
    {
      hold = g_new0 (LoadHold, 1);
      hold->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (library), LOAD_HOLD_KEY, hold, (GDestroyNotify) load_hold_free);
    }

  hold->n_holds++;
}

/**
 * rh_library_load_release:
 *
 * Ends a rh_library_load_hold(); with none left, the loads that waited
 * go on.
 */
void
rh_library_load_release (RhLibrary *library)
{
  LoadHold             *hold;
  g_autoptr (GPtrArray) waiting = NULL;

  g_return_if_fail (RH_IS_LIBRARY (library));

  hold = g_object_get_data (G_OBJECT (library), LOAD_HOLD_KEY);
  g_return_if_fail (hold != NULL && hold->n_holds > 0);

  if (--hold->n_holds > 0)
    return;

  waiting = g_steal_pointer (&hold->waiting);
  hold->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    background_load_start (g_ptr_array_index (waiting, i));
}

/* How many of the files, from the first, come to no more than
 * @max_bytes: by the size the cache has for each, or else its own. */
static guint
load_count_sync_files (RhLoadCache       *cache,
                       const char *const *files,
                       guint              n_files,
                       guint64            max_bytes)
{
  guint64 bytes = 0;

  for (guint i = 0; i < n_files; i++)
    {
      gint64   size = rh_load_cache_get_size (cache, files[i]);
      GStatBuf st;

      if (size < 0)
        size = g_stat (files[i], &st) == 0 ? st.st_size : 0;
      bytes += (guint64) MAX (size, 0);
      if (bytes > max_bytes)
        return i;
    }

  return n_files;
}

/**
 * rh_library_load_files_cached_async:
 * @files: (array length=n_files): content files
 * @cache_file: where to keep what the files held, between starts
 * @max_sync_bytes: the files, from the first, that come to no more than
 *   this join the model before this returns; the rest in the background
 * @progress: (nullable) (scope notified): called on the main context as
 *   background files join the model, with how many have and of how many
 *
 * Merges the first files, to about @max_sync_bytes, before it returns,
 * so that a start shows them at once: those the cache holds unchanged
 * cost no parsing. The others are looked up in the cache or read on
 * every core, and merged on the calling thread's main context in the
 * order given, a slice of about a frame at a time, so the window that
 * shows the library stays responsive while it grows.
 *
 * Of the first files, those the cache holds join the model before those
 * it does not; of two copies with the same `updated` the one merged last
 * wins, as rh_library_add_pages() says.
 */
void
rh_library_load_files_cached_async (RhLibrary            *library,
                                    const char *const    *files,
                                    guint                 n_files,
                                    const char           *cache_file,
                                    guint64               max_sync_bytes,
                                    GCancellable         *cancellable,
                                    RhLibraryLoadProgress progress,
                                    gpointer              progress_data,
                                    GDestroyNotify        progress_destroy,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  BackgroundLoad   *load;
  LoadHold         *hold;
  guint             n_sync;

  g_return_if_fail (RH_IS_LIBRARY (library));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (cache_file != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (BackgroundLoad, 1);
  load->library = g_object_ref (library);
  load->cache = rh_load_cache_open (cache_file);
  load->pending = g_ptr_array_new_with_free_func (g_free);
  load->pending_index = g_array_new (FALSE, FALSE, sizeof (guint));
  load->results = g_ptr_array_new ();
  load->threads = g_ptr_array_new ();
  load->progress = progress;
  load->progress_data = progress_data;
  load->progress_destroy = progress_destroy;
  load->context = g_main_context_ref_thread_default ();
  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_library_load_files_cached_async);
  g_task_set_task_data (task, load, (GDestroyNotify) background_load_free);

  /* The files that come first, to about @max_sync_bytes, are merged
   * before this returns: what the cache holds of them looked up on
   * every core (only stamps are compared, no file is read), the rest
   * read. Whatever a larger library holds beyond them, cached or not,
   * is looked up or read in the background, so that a start costs the
   * same however large the library is. */
  n_sync = load_count_sync_files (load->cache, files, n_files, max_sync_bytes);
  for (guint i = n_sync; i < n_files; i++)
    rh_load_cache_mark_used (load->cache, files[i]);
  g_ptr_array_unref (load->results);
  load->results = load_files (library, files, n_sync, 8, load->cache, TRUE);
  g_ptr_array_set_size (load->results, n_files);

  for (guint i = 0; i < n_files; i++)
    {
      if (g_ptr_array_index (load->results, i) != NULL)
        continue;

      g_ptr_array_add (load->pending, g_strdup (files[i]));
      g_array_append_val (load->pending_index, i);
    }

  load_job_init (&load->job, (const char *const *) load->pending->pdata, load->pending->len, NULL);
  load->job.store = load->cache;
  load->job.cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  if (n_sync == n_files)
    {
      for (guint i = 0; i < load->job.n_files; i++)
        {
          read_file (&load->job, i);
          load->job.done[i] = TRUE;
        }
      load->merged = 0;
      while (load->merged < load->job.n_files)
        {
          g_ptr_array_index (load->results, g_array_index (load->pending_index, guint, load->merged)) =
              merge_file (library, &load->job, load->merged);
          load->merged++;
        }
      background_load_finish (task);
      return;
    }

  /* Readers in the background look in the cache first; a lookup reads
   * only what was loaded, so the merger may store meanwhile. */
  load->job.cache = load->cache;

  hold = g_object_get_data (G_OBJECT (library), LOAD_HOLD_KEY);
  if (hold != NULL && hold->n_holds > 0)
    g_ptr_array_add (hold->waiting, g_object_ref (task));
  else
    background_load_start (task);
}

/**
 * rh_library_load_files_cached_finish:
 *
 * Returns: (transfer full) (element-type RhLoadResult): one result per
 *   file, in the order given
 */
GPtrArray *
rh_library_load_files_cached_finish (RhLibrary    *library,
                                     GAsyncResult *result,
                                     GError      **error)
{
  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  return load_files (library, files, n_files, max_threads, NULL, FALSE);
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
