/* rh-library.c
 *
 * The root of the content model: frameworks, merged by slug from pages
 * that may come from many files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-content-dirs.h"
#include "rh-content-file.h"
#include "rh-framework-private.h"
#include "rh-library-private.h"
#include "rh-load-cache.h"
#include "rh-sorted-array.h"
#include "rh-subtopic-private.h"
#include "rh-topic-private.h"

struct _RhLibrary
{
  GObject parent_instance;

  RhSortedArray frameworks;
  GHashTable   *frameworks_by_slug;
  GHashTable   *subtopics_by_path;
  guint         n_questions;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhLibrary, rh_library, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_BOXED_TYPE (RhLoadResult, rh_load_result, rh_load_result_copy, rh_load_result_free)

enum
{
  PROP_0,
  PROP_N_QUESTIONS,
  PROP_N_SUBTOPICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RhLoadResult *
rh_load_result_copy (const RhLoadResult *self)
{
  RhLoadResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (RhLoadResult, 1);
  copy->file = g_strdup (self->file);
  copy->error = self->error != NULL ? g_error_copy (self->error) : NULL;
  copy->n_pages = self->n_pages;
  copy->n_questions = self->n_questions;

  return copy;
}

void
rh_load_result_free (RhLoadResult *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_clear_error (&self->error);
  g_free (self);
}

static GType
rh_library_get_item_type (GListModel *model)
{
  return RH_TYPE_FRAMEWORK;
}

static guint
rh_library_get_n_items (GListModel *model)
{
  return rh_sorted_array_get_length (&RH_LIBRARY (model)->frameworks);
}

static gpointer
rh_library_get_item (GListModel *model,
                     guint       position)
{
  gpointer item = rh_sorted_array_get (&RH_LIBRARY (model)->frameworks, position);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_library_get_item_type;
  iface->get_n_items = rh_library_get_n_items;
  iface->get_item = rh_library_get_item;
}

static void
rh_library_finalize (GObject *object)
{
  RhLibrary *self = (RhLibrary *) object;

  g_clear_pointer (&self->subtopics_by_path, g_hash_table_unref);
  g_clear_pointer (&self->frameworks_by_slug, g_hash_table_unref);
  rh_sorted_array_clear (&self->frameworks);

  G_OBJECT_CLASS (rh_library_parent_class)->finalize (object);
}

static void
rh_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RhLibrary *self = RH_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->n_questions);
      break;

    case PROP_N_SUBTOPICS:
      g_value_set_uint (value, g_hash_table_size (self->subtopics_by_path));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_library_class_init (RhLibraryClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_library_finalize;
  object_class->get_property = rh_library_get_property;

  properties[PROP_N_QUESTIONS] = g_param_spec_uint ("n-questions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SUBTOPICS] = g_param_spec_uint ("n-subtopics", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_library_init (RhLibrary *self)
{
  rh_sorted_array_init (&self->frameworks, _rh_framework_compare);
  self->frameworks_by_slug = g_hash_table_new (g_str_hash, g_str_equal);
  self->subtopics_by_path = g_hash_table_new (g_str_hash, g_str_equal);
}

RhLibrary *
rh_library_new (void)
{
  return g_object_new (RH_TYPE_LIBRARY, NULL);
}

static RhFramework *
ensure_framework (RhLibrary  *self,
                  const char *slug,
                  const char *title)
{
  RhFramework *framework = g_hash_table_lookup (self->frameworks_by_slug, slug);
  guint        position;

  if (framework != NULL)
    return framework;

  framework = _rh_framework_new (slug, title);
  position = rh_sorted_array_insert (&self->frameworks, framework);
  g_hash_table_insert (self->frameworks_by_slug, (gpointer) rh_framework_get_slug (framework), framework);
  g_object_unref (framework);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  return framework;
}

static gboolean
same_sort_key (RhSubtopic *subtopic,
               const char *title,
               gint64      order,
               gboolean    has_order)
{
  return g_strcmp0 (rh_subtopic_get_title (subtopic), title) == 0 &&
         rh_subtopic_get_order (subtopic) == order &&
         rh_subtopic_get_has_order (subtopic) == !!has_order;
}

static void
add_sibling (RhLibrary           *self,
             RhTopic             *topic,
             const RhSiblingData *sibling)
{
  RhSubtopic *subtopic = g_hash_table_lookup (self->subtopics_by_path, sibling->path);

  if (subtopic == NULL)
    {
      g_autoptr (RhSubtopic) created = _rh_subtopic_new (sibling->path, sibling->title,
                                                         sibling->order, sibling->has_order);

      g_hash_table_insert (self->subtopics_by_path, (gpointer) rh_subtopic_get_path (created), created);
      _rh_topic_add_subtopic (topic, created);
      return;
    }

  if (rh_subtopic_get_available (subtopic) ||
      same_sort_key (subtopic, sibling->title, sibling->order, sibling->has_order))
    return;

  /* Re-insert so that the topic stays sorted by the new order. */
  g_object_ref (subtopic);
  _rh_topic_remove_subtopic (topic, subtopic);
  _rh_subtopic_set_sibling_info (subtopic, sibling);
  _rh_topic_add_subtopic (topic, subtopic);
  g_object_unref (subtopic);
}

/* A page replaces the copy already loaded unless it is older: loading
 * the same file twice is a reload, and the site dates its pages.
 */
static gboolean
replaces (RhSubtopic *existing,
          RhPageData *page)
{
  const char *current = rh_subtopic_get_updated (existing);

  if (!rh_subtopic_get_available (existing))
    return TRUE;

  return g_strcmp0 (page->updated ? page->updated : "", current ? current : "") >= 0;
}

static gboolean
add_page (RhLibrary  *self,
          RhPageData *page)
{
  RhFramework *framework;
  RhTopic     *topic;
  RhSubtopic  *subtopic;
  guint        old_n = 0;

  framework = ensure_framework (self, page->framework_slug, page->framework);
  topic = _rh_framework_ensure_topic (framework, page->topic_slug, page->topic);
  subtopic = g_hash_table_lookup (self->subtopics_by_path, page->path);

  if (subtopic != NULL && !replaces (subtopic, page))
    return FALSE;

  if (subtopic == NULL)
    {
      g_autoptr (RhSubtopic) created = _rh_subtopic_new (page->path, page->title,
                                                         page->order, page->has_order);

      g_hash_table_insert (self->subtopics_by_path, (gpointer) rh_subtopic_get_path (created), created);
      _rh_subtopic_set_page (created, page);
      _rh_topic_add_subtopic (topic, created);
    }
  else if (same_sort_key (subtopic, page->title, page->order, page->has_order))
    {
      old_n = rh_subtopic_get_n_questions (subtopic);
      _rh_subtopic_set_page (subtopic, page);
    }
  else
    {
      old_n = rh_subtopic_get_n_questions (subtopic);
      g_object_ref (subtopic);
      _rh_topic_remove_subtopic (topic, subtopic);
      _rh_subtopic_set_page (subtopic, page);
      _rh_topic_add_subtopic (topic, subtopic);
      g_object_unref (subtopic);
    }

  subtopic = g_hash_table_lookup (self->subtopics_by_path, page->path);
  self->n_questions = self->n_questions - old_n + rh_subtopic_get_n_questions (subtopic);

  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      if (!g_str_equal (sibling->path, page->path))
        add_sibling (self, topic, sibling);
    }

  return TRUE;
}

/**
 * rh_library_add_pages:
 * @pages: (element-type RhPageData): pages read from content; their
 *   questions move into the model
 *
 * Returns: how many pages were added or replaced an older copy
 */
guint
rh_library_add_pages (RhLibrary *self,
                      GPtrArray *pages)
{
  guint old_n_questions;
  guint old_n_subtopics;
  guint n_added = 0;

  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);
  g_return_val_if_fail (pages != NULL, 0);

  old_n_questions = self->n_questions;
  old_n_subtopics = g_hash_table_size (self->subtopics_by_path);

  for (guint i = 0; i < pages->len; i++)
    n_added += add_page (self, g_ptr_array_index (pages, i));

  if (old_n_questions != self->n_questions)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
  if (old_n_subtopics != g_hash_table_size (self->subtopics_by_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBTOPICS]);

  return n_added;
}

typedef struct
{
  const char *const *files;
  GPtrArray        **pages;
  GError           **errors;
  gboolean          *done;
  gboolean          *from_cache;
  RhLoadCache       *cache;
  GMutex             mutex;
  GCond              cond;
  guint              n_files;
  gint               next;
} LoadJob;

static gpointer
load_worker (gpointer data)
{
  LoadJob *job = data;
  guint    i;

  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->n_files)
    {
      GPtrArray *pages = NULL;

      /* Unchanged files come from the cache; only the rest are parsed. */
      if (job->cache != NULL && (pages = rh_load_cache_lookup (job->cache, job->files[i])) != NULL)
        job->from_cache[i] = TRUE;
      else
        pages = rh_content_file_load (job->files[i], &job->errors[i]);

      g_mutex_lock (&job->mutex);
      job->pages[i] = pages;
      job->done[i] = TRUE;
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->mutex);
    }

  return NULL;
}

static RhLoadResult *
merge_file (RhLibrary  *self,
            const char *file,
            GPtrArray  *pages,
            GError     *error)
{
  RhLoadResult *result = g_new0 (RhLoadResult, 1);

  result->file = g_strdup (file);
  result->error = error;

  if (pages != NULL)
    {
      result->n_pages = pages->len;
      for (guint j = 0; j < pages->len; j++)
        result->n_questions += ((RhPageData *) g_ptr_array_index (pages, j))->questions->len;

      rh_library_add_pages (self, pages);
      g_ptr_array_unref (pages);
    }

  return result;
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
rh_library_load_files (RhLibrary         *self,
                       const char *const *files,
                       guint              n_files)
{
  return _rh_library_load_files_full (self, files, n_files, MIN (g_get_num_processors (), 8), NULL);
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
rh_library_load_files_cached (RhLibrary         *self,
                              const char *const *files,
                              guint              n_files,
                              const char        *cache_file)
{
  g_autoptr (RhLoadCache) cache = NULL;
  g_autoptr (GError)      error = NULL;
  GPtrArray              *results;

  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (cache_file != NULL, NULL);

  cache = rh_load_cache_open (cache_file);
  results = _rh_library_load_files_full (self, files, n_files, MIN (g_get_num_processors (), 8), cache);

  if (rh_load_cache_is_dirty (cache) && !rh_load_cache_save (cache, &error))
    g_warning ("Cannot keep the library's cache: %s", error->message);

  return results;
}

GPtrArray *
_rh_library_load_files_with_threads (RhLibrary         *self,
                                     const char *const *files,
                                     guint              n_files,
                                     guint              max_threads)
{
  return _rh_library_load_files_full (self, files, n_files, max_threads, NULL);
}

GPtrArray *
_rh_library_load_files_full (RhLibrary         *self,
                             const char *const *files,
                             guint              n_files,
                             guint              max_threads,
                             RhLoadCache       *cache)
{
  g_autoptr (GPtrArray)  results = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);
  g_autoptr (GPtrArray)  threads = g_ptr_array_new ();
  g_autofree GPtrArray **pages = NULL;
  g_autofree GError    **errors = NULL;
  g_autofree gboolean   *done = NULL;
  g_autofree gboolean   *from_cache = NULL;
  LoadJob                job = {
                   0,
  };
  guint n_threads;

  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  /* Small loads are not worth a thread; more threads than cores only
   * contend. */
  max_threads = MIN (max_threads, g_get_num_processors ());
  n_threads = n_files < 4 || max_threads < 2 ? 0 : MIN (max_threads, n_files);

  pages = g_new0 (GPtrArray *, MAX (n_files, 1));
  errors = g_new0 (GError *, MAX (n_files, 1));
  done = g_new0 (gboolean, MAX (n_files, 1));
  from_cache = g_new0 (gboolean, MAX (n_files, 1));

  for (guint i = 0; cache != NULL && i < n_files; i++)
    rh_load_cache_mark_used (cache, files[i]);

  if (n_threads == 0)
    {
      for (guint i = 0; i < n_files; i++)
        {
          if (cache != NULL && (pages[i] = rh_load_cache_lookup (cache, files[i])) != NULL)
            from_cache[i] = TRUE;
          else
            pages[i] = rh_content_file_load (files[i], &errors[i]);
          if (cache != NULL && !from_cache[i] && pages[i] != NULL)
            rh_load_cache_store (cache, files[i], pages[i]);
          g_ptr_array_add (results, merge_file (self, files[i], g_steal_pointer (&pages[i]),
                                                g_steal_pointer (&errors[i])));
        }

      return g_steal_pointer (&results);
    }

  job.files = files;
  job.pages = pages;
  job.errors = errors;
  job.done = done;
  job.from_cache = from_cache;
  job.cache = cache;
  job.n_files = n_files;
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
          if (cache != NULL && (pages[i] = rh_load_cache_lookup (cache, files[i])) != NULL)
            from_cache[i] = TRUE;
          else
            pages[i] = rh_content_file_load (files[i], &errors[i]);
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

          if (cache != NULL && !from_cache[merged] && pages[merged] != NULL)
            rh_load_cache_store (cache, files[merged], pages[merged]);
          g_ptr_array_add (results, merge_file (self, files[merged],
                                                g_steal_pointer (&pages[merged]),
                                                g_steal_pointer (&errors[merged])));
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
 * rh_library_load_directory:
 *
 * Loads every `.json` file in @directory, in name order.
 *
 * Returns: (transfer full) (element-type RhLoadResult) (nullable): one
 *   result per file, or %NULL if @directory cannot be read
 */
GPtrArray *
rh_library_load_directory (RhLibrary  *self,
                           const char *directory,
                           GError    **error)
{
  g_autoptr (GPtrArray) files = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _ ("%s: no such folder"), directory);
      return NULL;
    }

  files = rh_content_dirs_list_files (directory);

  return rh_library_load_files (self, (const char *const *) files->pdata, files->len);
}

/**
 * rh_library_lookup_framework:
 *
 * Returns: (transfer none) (nullable): the framework with @slug
 */
RhFramework *
rh_library_lookup_framework (RhLibrary  *self,
                             const char *slug)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  return g_hash_table_lookup (self->frameworks_by_slug, slug);
}

/**
 * rh_library_lookup_subtopic:
 *
 * Returns: (transfer none) (nullable): the subtopic at @path, loaded or
 *   known only as a sibling
 */
RhSubtopic *
rh_library_lookup_subtopic (RhLibrary  *self,
                            const char *path)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_hash_table_lookup (self->subtopics_by_path, path);
}

/**
 * rh_library_lookup_question:
 *
 * Returns: (transfer none) (nullable): the question @id on the page @path
 */
RhQuestion *
rh_library_lookup_question (RhLibrary  *self,
                            const char *path,
                            const char *id)
{
  RhSubtopic *subtopic;

  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  subtopic = g_hash_table_lookup (self->subtopics_by_path, path);

  return subtopic != NULL ? rh_subtopic_lookup_question (subtopic, id) : NULL;
}

guint
rh_library_get_n_questions (RhLibrary *self)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);

  return self->n_questions;
}

guint
rh_library_get_n_subtopics (RhLibrary *self)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);

  return g_hash_table_size (self->subtopics_by_path);
}

/**
 * rh_library_get_first_available:
 *
 * Returns: (transfer none) (nullable): the first page, in sidebar order,
 *   that can be opened
 */
RhSubtopic *
rh_library_get_first_available (RhLibrary *self)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);

  for (guint i = 0; i < rh_sorted_array_get_length (&self->frameworks); i++)
    {
      GListModel *framework = rh_sorted_array_get (&self->frameworks, i);

      for (guint j = 0; j < g_list_model_get_n_items (framework); j++)
        {
          g_autoptr (GListModel) topic = g_list_model_get_item (framework, j);

          for (guint k = 0; k < g_list_model_get_n_items (topic); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (topic, k);

              if (rh_subtopic_get_available (subtopic))
                return subtopic;
            }
        }
    }

  return NULL;
}

static gboolean
topic_has_available (RhTopic *topic)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (topic)); i++)
    {
      g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), i);

      if (rh_subtopic_get_available (subtopic))
        return TRUE;
    }

  return FALSE;
}

static void
remove_subtopic (RhLibrary  *self,
                 RhSubtopic *subtopic)
{
  RhTopic *topic = rh_subtopic_get_topic (subtopic);

  g_hash_table_remove (self->subtopics_by_path, rh_subtopic_get_path (subtopic));
  if (topic != NULL)
    _rh_topic_remove_subtopic (topic, subtopic);
}

/* A topic with no page left to read goes, and a framework with no topic. */
static void
prune_topic (RhLibrary *self,
             RhTopic   *topic)
{
  g_autoptr (RhTopic) hold = g_object_ref (topic);
  RhFramework        *framework = rh_topic_get_framework (topic);

  if (topic_has_available (topic))
    return;

  while (g_list_model_get_n_items (G_LIST_MODEL (topic)) > 0)
    {
      g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), 0);

      remove_subtopic (self, subtopic);
    }

  if (framework == NULL)
    return;

  _rh_framework_remove_topic (framework, topic);
  if (g_list_model_get_n_items (G_LIST_MODEL (framework)) == 0)
    {
      guint position;

      g_hash_table_remove (self->frameworks_by_slug, rh_framework_get_slug (framework));
      if (rh_sorted_array_remove (&self->frameworks, framework, &position))
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
}

/**
 * rh_library_remove_source:
 * @source: a file the library loaded pages from
 *
 * Takes the pages of @source out of the library. A page whose topic still
 * has pages to read stays in it as known but not available, as the site's
 * sibling lists would have it; a topic left with nothing to read goes.
 *
 * Returns: how many pages were taken out
 */
guint
rh_library_remove_source (RhLibrary  *self,
                          const char *source)
{
  g_autoptr (GPtrArray) pages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter        iter;
  gpointer              value;
  guint                 old_n_subtopics;

  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);
  g_return_val_if_fail (source != NULL, 0);

  g_hash_table_iter_init (&iter, self->subtopics_by_path);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (g_strcmp0 (rh_subtopic_get_source (value), source) == 0)
        g_ptr_array_add (pages, g_object_ref (value));
    }

  old_n_subtopics = g_hash_table_size (self->subtopics_by_path);

  for (guint i = 0; i < pages->len; i++)
    {
      RhSubtopic *subtopic = g_ptr_array_index (pages, i);
      RhTopic    *topic = rh_subtopic_get_topic (subtopic);

      self->n_questions -= rh_subtopic_get_n_questions (subtopic);
      _rh_subtopic_clear_page (subtopic);
      if (topic != NULL && !g_ptr_array_find (topics, topic, NULL))
        g_ptr_array_add (topics, g_object_ref (topic));
    }

  for (guint i = 0; i < topics->len; i++)
    prune_topic (self, g_ptr_array_index (topics, i));

  if (pages->len > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
  if (old_n_subtopics != g_hash_table_size (self->subtopics_by_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBTOPICS]);

  return pages->len;
}

/**
 * rh_library_count_source:
 *
 * Counts the pages, and their questions, loaded from @source.
 */
void
rh_library_count_source (RhLibrary  *self,
                         const char *source,
                         guint      *out_n_pages,
                         guint      *out_n_questions)
{
  GHashTableIter iter;
  gpointer       value;
  guint          n_pages = 0;
  guint          n_questions = 0;

  g_return_if_fail (RH_IS_LIBRARY (self));
  g_return_if_fail (source != NULL);

  g_hash_table_iter_init (&iter, self->subtopics_by_path);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (g_strcmp0 (rh_subtopic_get_source (value), source) == 0)
        {
          n_pages++;
          n_questions += rh_subtopic_get_n_questions (value);
        }
    }

  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  if (out_n_questions != NULL)
    *out_n_questions = n_questions;
}
