/* rh-imports.c
 *
 * The import workflow: content files the user opened are read, copied
 * into the app's own data directory, so they survive the original being
 * moved or deleted, added to the library, and loaded with the bundled
 * library at every start; and taken out again, moved aside first so
 * that the removal can be undone until it is final. The window, the
 * command line and the tests all go through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rh-content-dirs.h"
#include "rh-content-error.h"
#include "rh-content-file.h"
#include "rh-imports.h"
#include "rh-state.h"
#include "rh-write-error.h"

G_DEFINE_BOXED_TYPE (RhImportSummary, rh_import_summary, rh_import_summary_copy, rh_import_summary_free)

/**
 * rh_imports_get_directory:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/rehearse/library`; inside
 *   Flatpak, the app's own data directory
 */
char *
rh_imports_get_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "rehearse", "library", NULL);
}

/**
 * rh_imports_list_files:
 *
 * Returns: (transfer full) (element-type filename): the imported files,
 *   by name
 */
GPtrArray *
rh_imports_list_files (void)
{
  g_autofree char *directory = rh_imports_get_directory ();

  return rh_content_dirs_list_files (directory);
}

/**
 * rh_imports_list_library_files:
 *
 * Every file of the user's library, as the window loads it: the bundled
 * library's, then what the user imported.
 *
 * Returns: (transfer full) (element-type filename): the files
 */
GPtrArray *
rh_imports_list_library_files (void)
{
  g_autofree char      *bundled = rh_content_dirs_get_bundled ();
  g_autoptr (GPtrArray) files = rh_content_dirs_list_files (bundled);
  g_autoptr (GPtrArray) imported = rh_imports_list_files ();

  for (guint i = 0; i < imported->len; i++)
    g_ptr_array_add (files, g_strdup (g_ptr_array_index (imported, i)));

  return g_steal_pointer (&files);
}

/* One file to import, from the worker that reads it to the thread that
 * merges it into the library. */
typedef struct
{
  char      *file;
  char      *stem; /* for the copy's name */
  GPtrArray *pages;
  char      *copy;
  GError    *error;
  gboolean   fresh;
  gboolean   in_folder;
} ImportItem;

static void
import_item_free (ImportItem *item)
{
  g_free (item->file);
  g_free (item->stem);
  g_clear_pointer (&item->pages, g_ptr_array_unref);
  g_free (item->copy);
  g_clear_error (&item->error);
  g_free (item);
}

typedef struct
{
  gatomicrefcount ref_count;

  char        **inputs;
  char         *directory;
  RhLibrary    *library;
  RhState      *state;
  GCancellable *cancellable;

  /* The reading side's own: what the imports directory holds. */
  GHashTable *copies_by_size; /* size → GPtrArray of copies */
  GHashTable *taken_names;

  /* Shared, under the mutex. */
  GMutex     mutex;
  GPtrArray *items;
  guint      n_total;
  gboolean   reading_done;
  gboolean   merge_scheduled;

  /* The merging side's own. */
  GTask               *task;
  guint                n_merged;
  RhImportSummary     *summary;
  GHashTable          *deleted_copies;
  guint                reported_total;
  RhImportProgressFunc progress;
  gpointer             progress_data;
  GDestroyNotify       progress_data_free;
} ImportJob;

static RhImportSummary *
summary_new (void)
{
  RhImportSummary *summary = g_new0 (RhImportSummary, 1);

  summary->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);

  return summary;
}

static ImportJob *
import_job_new (RhLibrary         *library,
                RhState           *state,
                const char *const *files,
                guint              n_files)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  job->inputs = g_new0 (char *, n_files + 1);
  for (guint i = 0; i < n_files; i++)
    job->inputs[i] = g_strdup (files[i]);
  job->directory = rh_imports_get_directory ();
  job->library = g_object_ref (library);
  job->state = state != NULL ? g_object_ref (state) : NULL;
  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  job->summary = summary_new ();
  job->deleted_copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&job->mutex);

  return job;
}

static ImportJob *
import_job_ref (ImportJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);

  return job;
}

static void
import_job_unref (ImportJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  g_strfreev (job->inputs);
  g_free (job->directory);
  g_clear_object (&job->library);
  g_clear_object (&job->state);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->copies_by_size, g_hash_table_unref);
  g_clear_pointer (&job->taken_names, g_hash_table_unref);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->summary, rh_import_summary_free);
  g_clear_pointer (&job->deleted_copies, g_hash_table_unref);
  if (job->progress_data_free != NULL)
    job->progress_data_free (job->progress_data);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_unref)

/* A name for a copy that says where it came from: a file's own name, or
 * for a file found in a folder its path below the folder, so that the
 * many index.html of a saved copy of the site stay apart. */
static char *
make_stem (const char *file,
           const char *relative)
{
  g_auto (GStrv)      parts = g_strsplit (relative != NULL ? relative : file, G_DIR_SEPARATOR_S, -1);
  guint               n = g_strv_length (parts);
  g_autoptr (GString) stem = g_string_new (NULL);
  char               *last;
  char               *dot;

  if (n == 0)
    return g_strdup ("content");

  last = parts[n - 1];
  dot = strrchr (last, '.');
  if (dot != NULL && dot != last)
    *dot = '\0';

  if (relative == NULL)
    g_string_assign (stem, last);
  else
    {
      for (guint i = 0; i < n; i++)
        {
          if (i == n - 1 && i > 0 && g_ascii_strcasecmp (parts[i], "index") == 0)
            break;
          if (*parts[i] == '\0')
            continue;
          if (stem->len > 0)
            g_string_append_c (stem, '-');
          g_string_append (stem, parts[i]);
        }
    }

  if (stem->len == 0 || stem->str[0] == '.')
    g_string_prepend (stem, "content");

  /* Room for a number and the extension in a file name's 255 bytes. */
  if (stem->len > 200)
    {
      const char *end = stem->str + 200;

      while (end > stem->str && (*end & 0xC0) == 0x80)
        end--;
      g_string_truncate (stem, end - stem->str);
    }

  return g_string_free (g_steal_pointer (&stem), FALSE);
}

/* The extension the copy keeps: the library lists .json, .html and .htm
 * files, whatever is in them. */
static const char *
copy_extension (const char *file)
{
  const char *dot = strrchr (file, '.');

  if (dot != NULL && (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0))
    return ".html";

  return ".json";
}

/* What the imports directory holds, read once per import rather than
 * once per file: a folder of a thousand files would otherwise list it a
 * thousand times. */
static void
index_copies (ImportJob *job)
{
  g_autoptr (GPtrArray) copies = NULL;
  g_autoptr (GDir)      dir = NULL;
  const char           *name;

  if (job->copies_by_size != NULL)
    return;

  job->copies_by_size = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  job->taken_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((dir = g_dir_open (job->directory, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      g_hash_table_add (job->taken_names, g_strdup (name));

  copies = rh_content_dirs_list_files (job->directory);
  for (guint i = 0; i < copies->len; i++)
    {
      const char *copy = g_ptr_array_index (copies, i);
      GStatBuf    st;
      gint64      size;
      GPtrArray  *same_size;

      if (g_stat (copy, &st) != 0)
        continue;

      size = st.st_size;
      if (!(same_size = g_hash_table_lookup (job->copies_by_size, &size)))
        {
          same_size = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (job->copies_by_size, g_memdup2 (&size, sizeof size), same_size);
        }
      g_ptr_array_add (same_size, g_strdup (copy));
    }
}

static void
remember_copy (ImportJob  *job,
               const char *copy,
               gint64      size)
{
  GPtrArray *same_size = g_hash_table_lookup (job->copies_by_size, &size);

  if (same_size == NULL)
    {
      same_size = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (job->copies_by_size, g_memdup2 (&size, sizeof size), same_size);
    }
  g_ptr_array_add (same_size, g_strdup (copy));
}

/* A name in the imports directory that no file has yet: the stem,
 * numbered when it is taken. */
static char *
unique_destination (ImportJob  *job,
                    const char *stem,
                    const char *extension)
{
  g_autofree char *name = g_strconcat (stem, extension, NULL);

  for (guint n = 2; g_hash_table_contains (job->taken_names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u%s", stem, n, extension);
    }

  g_hash_table_add (job->taken_names, g_strdup (name));

  return g_build_filename (job->directory, name, NULL);
}

/* An earlier copy with the same bytes: opening a file twice keeps one
 * copy, and the second is a reload. */
static char *
find_same_copy (ImportJob  *job,
                const char *file,
                gint64      size)
{
  g_autofree char *contents = NULL;
  gsize            length;
  GPtrArray       *same_size = g_hash_table_lookup (job->copies_by_size, &size);

  for (guint i = 0; same_size != NULL && i < same_size->len; i++)
    {
      const char      *copy = g_ptr_array_index (same_size, i);
      g_autofree char *copy_contents = NULL;
      gsize            copy_length;

      if (contents == NULL && !g_file_get_contents (file, &contents, &length, NULL))
        return NULL;
      if (g_file_get_contents (copy, &copy_contents, &copy_length, NULL) &&
          copy_length == length && memcmp (copy_contents, contents, length) == 0)
        return g_strdup (copy);
    }

  return NULL;
}

/* A copy the disk refused is one of two things to the user, whatever
 * errno said: no room, or a folder that cannot be written. ACCES would
 * read as a file they may not read (rh_content_error_describe()). */
static GFileError
refusal_code (int refusal)
{
  return refusal == ENOSPC || refusal == EDQUOT ? G_FILE_ERROR_NOSPC : G_FILE_ERROR_ROFS;
}

/* Written to a temporary file beside it and renamed once complete, so a
 * full disk or a crash never leaves half a copy for the next start to
 * load. */
static gboolean
write_copy (const char *file,
            const char *destination,
            GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char   *contents = NULL;
  gsize              length;
  int                refusal;

  if (!g_file_get_contents (file, &contents, &length, error))
    return FALSE;

  if (g_file_set_contents_full (destination, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    return TRUE;

  if ((refusal = rh_write_error_get_errno (local_error)) != 0)
    {
      g_autofree char *display = g_filename_display_name (file);
      g_autofree char *doing = g_strdup_printf (_ ("Could not copy %s into the library"), display);

      return rh_write_error_set (error, G_FILE_ERROR, refusal_code (refusal), doing, destination, refusal);
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* Reads the file first: a file that does not load is not copied, and the
 * error names it and the place. The pages name the copy as their source.
 * On the reading thread: nothing here touches the library. */
static void
read_item (ImportJob  *job,
           ImportItem *item)
{
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree char      *destination = NULL;
  GStatBuf              st;

  /* A folder that could not be listed. */
  if (item->error != NULL)
    return;

  if (!(pages = rh_content_file_load (item->file, &item->error)))
    return;

  if (g_mkdir_with_parents (job->directory, 0700) != 0)
    {
      int saved_errno = errno;

      if (rh_write_error_is_refusal (saved_errno))
        {
          g_autofree char *display = g_filename_display_name (job->directory);
          g_autofree char *doing = g_strdup_printf (_ ("Could not create %s"), display);

          rh_write_error_set (&item->error, G_FILE_ERROR, refusal_code (saved_errno), doing, job->directory,
                              saved_errno);
        }
      else
        g_set_error (&item->error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                     _ ("%s: cannot be created: %s"), job->directory, g_strerror (saved_errno));
      return;
    }

  index_copies (job);

  if (g_stat (item->file, &st) != 0)
    {
      int              saved_errno = errno;
      g_autofree char *display = g_filename_display_name (item->file);

      g_set_error (&item->error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _ ("%s: cannot be read: %s"), display, g_strerror (saved_errno));
      return;
    }

  item->fresh = FALSE;
  if (!(destination = find_same_copy (job, item->file, st.st_size)))
    {
      item->fresh = TRUE;
      destination = unique_destination (job, item->stem, copy_extension (item->file));
      if (!write_copy (item->file, destination, &item->error))
        return;
      remember_copy (job, destination, st.st_size);
    }

  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      g_free (page->source);
      page->source = g_strdup (destination);
    }

  item->copy = g_steal_pointer (&destination);
  item->pages = g_steal_pointer (&pages);
}

/* The files to read, in order: each file given, and for each folder the
 * content files under it. A folder that cannot be read, or holds none,
 * is an item of its own that failed. */
static GPtrArray *
expand_inputs (ImportJob *job)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; job->inputs[i] != NULL; i++)
    {
      const char           *input = job->inputs[i];
      g_autoptr (GPtrArray) tree = NULL;
      g_autoptr (GError)    error = NULL;
      ImportItem           *item;

      if (!g_file_test (input, G_FILE_TEST_IS_DIR))
        {
          item = g_new0 (ImportItem, 1);
          item->file = g_strdup (input);
          item->stem = make_stem (input, NULL);
          g_ptr_array_add (items, item);
          continue;
        }

      if (!(tree = rh_content_dirs_list_tree (input, &error)))
        {
          item = g_new0 (ImportItem, 1);
          item->file = g_strdup (input);
          item->error = g_steal_pointer (&error);
          g_ptr_array_add (items, item);
          continue;
        }

      for (guint j = 0; j < tree->len; j++)
        {
          const char *file = g_ptr_array_index (tree, j);
          gsize       prefix = strlen (input);

          while (prefix > 0 && input[prefix - 1] == G_DIR_SEPARATOR)
            prefix--;

          item = g_new0 (ImportItem, 1);
          item->file = g_strdup (file);
          item->stem = make_stem (file, file + prefix + 1);
          item->in_folder = TRUE;
          g_ptr_array_add (items, item);
        }
    }

  return items;
}

static gboolean
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *file)
{
  g_autofree char *display = g_filename_display_name (file);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", display, g_strerror (saved_errno));

  return FALSE;
}

/* The app's own copy, never anything outside its imports directory. */
static gboolean
check_is_copy (const char *copy,
               GError    **error)
{
  g_autofree char *directory = rh_imports_get_directory ();
  g_autofree char *parent = g_path_get_dirname (copy);

  if (g_strcmp0 (parent, directory) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM, _ ("%s: not an imported file"), copy);
      return FALSE;
    }

  return TRUE;
}

/* Deletes the app's own copy; the user's original is never touched. */
static gboolean
delete_copy (const char *destination,
             GError    **error)
{
  if (!check_is_copy (destination, error))
    return FALSE;

  if (g_unlink (destination) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", destination, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

RhImportSummary *
rh_import_summary_copy (const RhImportSummary *self)
{
  RhImportSummary *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (RhImportSummary, 1);
  copy->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);
  for (guint i = 0; i < self->results->len; i++)
    g_ptr_array_add (copy->results, rh_load_result_copy (g_ptr_array_index (self->results, i)));
  copy->first_path = g_strdup (self->first_path);
  copy->n_pages = self->n_pages;
  copy->n_hidden = self->n_hidden;
  copy->n_failed = self->n_failed;
  copy->n_skipped = self->n_skipped;

  return copy;
}

void
rh_import_summary_free (RhImportSummary *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_free (self->first_path);
  g_free (self);
}

/* On the library's thread, in the order of the files. */
static void
merge_pages (ImportJob  *job,
             ImportItem *item)
{
  RhImportSummary *summary = job->summary;
  RhLoadResult    *result;
  g_autofree char *first_path = NULL;
  guint            n_shown;

  if (item->error != NULL && item->in_folder && rh_content_error_is_not_content (item->error))
    {
      summary->n_skipped++;
      return;
    }

  result = g_new0 (RhLoadResult, 1);
  result->file = g_strdup (item->file);
  g_ptr_array_add (summary->results, result);

  if (item->error != NULL)
    {
      result->error = g_steal_pointer (&item->error);
      summary->n_failed++;
      return;
    }

  result->n_pages = item->pages->len;
  for (guint i = 0; i < item->pages->len; i++)
    result->n_questions += ((RhPageData *) g_ptr_array_index (item->pages, i))->questions->len;

  /* The same bytes twice in one import, and the first copy was not kept. */
  if (g_hash_table_contains (job->deleted_copies, item->copy))
    {
      summary->n_hidden++;
      return;
    }

  first_path = g_strdup (((RhPageData *) g_ptr_array_index (item->pages, 0))->path);
  n_shown = rh_library_add_pages (job->library, item->pages);

  /* Every question hidden by newer copies the user already has: the copy
   * would add nothing at any start, so it is not kept. */
  if (n_shown == 0 && item->fresh)
    {
      g_autoptr (GError) error = NULL;

      rh_library_remove_source (job->library, item->copy);
      if (!delete_copy (item->copy, &error))
        g_warning ("%s", error->message);
      g_hash_table_add (job->deleted_copies, g_strdup (item->copy));
      summary->n_hidden++;
      return;
    }

  if (summary->first_path == NULL)
    summary->first_path = g_steal_pointer (&first_path);
  summary->n_pages += n_shown;
}

/* What is left of the pages once their questions are in the model is
 * not needed again: a large folder need not keep it to the end. */
static void
merge_item (ImportJob  *job,
            ImportItem *item)
{
  merge_pages (job, item);
  g_clear_pointer (&item->pages, g_ptr_array_unref);
}

static RhImportSummary *
finish_job (ImportJob *job)
{
  if (job->summary->n_pages > 0 && job->state != NULL)
    rh_state_mark_missing (job->state, job->library);

  return g_steal_pointer (&job->summary);
}

/**
 * rh_imports_add:
 * @library: the library to add the pages to
 * @state: (nullable): the study state, whose bookmarks follow the library
 * @files: (array length=n_files): content files and folders the user
 *   opened
 *
 * Copies each file that loads into the app's data, adds its pages to
 * @library, and says what became of each. A folder stands for every
 * content file under it (rh_content_dirs_list_tree()). A file that does
 * not load changes nothing; the others are still added. Blocks while it
 * reads: for the window, see rh_imports_add_async().
 *
 * Returns: (transfer full): what became of the files
 */
RhImportSummary *
rh_imports_add (RhLibrary         *library,
                RhState           *state,
                const char *const *files,
                guint              n_files)
{
  g_autoptr (ImportJob) job = NULL;
  g_autoptr (GPtrArray) items = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (state == NULL || RH_IS_STATE (state), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  job = import_job_new (library, state, files, n_files);
  items = expand_inputs (job);
  g_ptr_array_set_free_func (items, (GDestroyNotify) import_item_free);

  for (guint i = 0; i < items->len; i++)
    {
      read_item (job, g_ptr_array_index (items, i));
      merge_item (job, g_ptr_array_index (items, i));
    }

  return finish_job (job);
}

/* Merges what the reader has finished, in order, and once everything is
 * merged, returns the summary. On the task's main context. */
static gboolean
merge_ready (gpointer data)
{
  ImportJob            *job = data;
  g_autoptr (GPtrArray) ready = g_ptr_array_new ();
  gboolean              reading_done;
  guint                 n_total;

  g_mutex_lock (&job->mutex);
  for (guint i = job->n_merged; i < job->items->len; i++)
    g_ptr_array_add (ready, g_ptr_array_index (job->items, i));
  job->merge_scheduled = FALSE;
  reading_done = job->reading_done;
  n_total = job->n_total;
  g_mutex_unlock (&job->mutex);

  /* Items are only appended, and freed with the job: these stay valid. */
  for (guint i = 0; i < ready->len; i++)
    {
      merge_item (job, g_ptr_array_index (ready, i));
      job->n_merged++;
    }

  if (job->progress != NULL && (ready->len > 0 || reading_done || n_total != job->reported_total))
    job->progress (job->n_merged, n_total, job->progress_data);
  job->reported_total = n_total;

  if (reading_done && job->n_merged == n_total)
    {
      GTask *task = g_steal_pointer (&job->task);

      if (!g_task_return_error_if_cancelled (task))
        g_task_return_pointer (task, finish_job (job), (GDestroyNotify) rh_import_summary_free);
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

/* Called with the mutex held. */
static void
schedule_merge (ImportJob *job)
{
  GSource *source;

  if (job->merge_scheduled || job->task == NULL)
    return;

  job->merge_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, merge_ready, import_job_ref (job), (GDestroyNotify) import_job_unref);
  g_source_set_static_name (source, "[rehearse] import merge");
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

static gpointer
read_worker (gpointer data)
{
  g_autoptr (ImportJob) job = data;
  g_autoptr (GPtrArray) items = expand_inputs (job);
  guint                 n_read = 0;

  g_mutex_lock (&job->mutex);
  job->n_total = items->len;
  schedule_merge (job);
  g_mutex_unlock (&job->mutex);

  /* What was read before a cancellation is merged all the same; the
   * rest is not read. */
  for (; n_read < items->len && !g_cancellable_is_cancelled (job->cancellable); n_read++)
    {
      ImportItem *item = g_ptr_array_index (items, n_read);

      read_item (job, item);

      g_mutex_lock (&job->mutex);
      g_ptr_array_add (job->items, item);
      schedule_merge (job);
      g_mutex_unlock (&job->mutex);
    }

  for (guint i = n_read; i < items->len; i++)
    import_item_free (g_ptr_array_index (items, i));

  g_mutex_lock (&job->mutex);
  job->n_total = n_read;
  job->reading_done = TRUE;
  schedule_merge (job);
  g_mutex_unlock (&job->mutex);

  return NULL;
}

/**
 * rh_imports_add_async:
 * @library: the library to add the pages to
 * @state: (nullable): the study state, whose bookmarks follow the library
 * @files: (array length=n_files): content files and folders the user
 *   opened
 * @cancellable: (nullable): stops reading further files; what was read
 *   stays added
 * @progress: (scope notified) (nullable): called on this thread's main
 *   context as files are merged, with how many are done of how many
 *   (0 until the folders have been listed)
 * @progress_data: (closure progress)
 * @progress_data_free: (destroy progress_data)
 * @callback: called when every file is in
 *
 * Like rh_imports_add(), but the files are listed, read and copied on a
 * worker thread, while this thread merges them into @library as they
 * come, in order, so the window stays responsive through a large folder.
 */
void
rh_imports_add_async (RhLibrary           *library,
                      RhState             *state,
                      const char *const   *files,
                      guint                n_files,
                      GCancellable        *cancellable,
                      RhImportProgressFunc progress,
                      gpointer             progress_data,
                      GDestroyNotify       progress_data_free,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  ImportJob *job;
  GThread   *thread;

  g_return_if_fail (RH_IS_LIBRARY (library));
  g_return_if_fail (state == NULL || RH_IS_STATE (state));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = import_job_new (library, state, files, n_files);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_free = progress_data_free;
  job->task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, rh_imports_add_async);
  g_task_set_task_data (job->task, job, (GDestroyNotify) import_job_unref);

  thread = g_thread_new ("rehearse-import", read_worker, import_job_ref (job));
  g_thread_unref (thread);
}

/**
 * rh_imports_add_finish:
 *
 * Returns: (transfer full): what became of the files, or %NULL with
 *   @error set if the import was cancelled
 */
RhImportSummary *
rh_imports_add_finish (RhLibrary    *library,
                       GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rh_imports_add_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Copies taken out but not yet deleted wait in a folder of their own,
 * which the library never lists. */
#define REMOVED_DIRECTORY ".removed"

/**
 * RhImportsRemoval:
 *
 * An imported copy taken out of the library by
 * rh_imports_remove_aside(), kept aside until the removal is undone with
 * rh_imports_removal_undo() or made final with
 * rh_imports_removal_commit().
 */
struct _RhImportsRemoval
{
  RhLibrary *library;
  RhState   *state;
  char      *copy;
  char      *aside;
  char      *aside_directory;
  gboolean   done;
};

/* Removals of this process not yet final: what rh_imports_purge_removed()
 * must leave alone. */
static guint n_pending_removals;

/**
 * rh_imports_remove_aside:
 * @library: the library the file's pages are in
 * @state: (nullable): the study state, whose bookmarks of the file's
 *   questions are flagged missing at once
 * @copy: an imported copy, as rh_imports_list_files() names it
 *
 * Takes the copy's pages out of @library and moves the copy aside, where
 * the next start does not load it. Nothing changes if the copy cannot be
 * moved.
 *
 * Returns: (transfer full) (nullable): the removal, to undo or to make
 *   final; freeing it makes it final
 */
RhImportsRemoval *
rh_imports_remove_aside (RhLibrary  *library,
                         RhState    *state,
                         const char *copy,
                         GError    **error)
{
  g_autofree char *imports = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *template = NULL;
  g_autofree char  *basename = NULL;
  RhImportsRemoval *removal;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (state == NULL || RH_IS_STATE (state), NULL);
  g_return_val_if_fail (copy != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_is_copy (copy, error))
    return NULL;

  if (!g_file_test (copy, G_FILE_TEST_IS_REGULAR))
    {
      set_errno_error (error, ENOENT, copy);
      return NULL;
    }

  imports = rh_imports_get_directory ();
  directory = g_build_filename (imports, REMOVED_DIRECTORY, NULL);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      set_errno_error (error, errno, directory);
      return NULL;
    }

  template = g_build_filename (directory, "XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      set_errno_error (error, errno, directory);
      return NULL;
    }

  removal = g_new0 (RhImportsRemoval, 1);
  removal->aside_directory = g_steal_pointer (&template);

  /* The same name aside: a rename within one folder tree, never a copy. */
  basename = g_path_get_basename (copy);
  removal->aside = g_build_filename (removal->aside_directory, basename, NULL);
  if (g_rename (copy, removal->aside) != 0)
    {
      set_errno_error (error, errno, copy);
      g_rmdir (removal->aside_directory);
      g_free (removal->aside_directory);
      g_free (removal->aside);
      g_free (removal);
      return NULL;
    }

  removal->library = g_object_ref (library);
  removal->state = state != NULL ? g_object_ref (state) : NULL;
  removal->copy = g_strdup (copy);
  n_pending_removals++;

  rh_library_remove_source (library, copy);
  if (state != NULL)
    rh_state_mark_missing (state, library);

  return removal;
}

/**
 * rh_imports_removal_get_copy:
 *
 * Returns: the copy this removal took out, as rh_imports_list_files()
 *   named it
 */
const char *
rh_imports_removal_get_copy (RhImportsRemoval *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->copy;
}

static void
removal_finish (RhImportsRemoval *self)
{
  g_rmdir (self->aside_directory);
  self->done = TRUE;
  g_assert (n_pending_removals > 0);
  n_pending_removals--;
}

/**
 * rh_imports_removal_undo:
 *
 * Puts the copy back where it was and its pages back into the library,
 * and the bookmarks of its questions are no longer missing.
 *
 * Returns: %FALSE, with @error set, if the copy could not be put back
 *   (it stays aside, and the removal pending)
 */
gboolean
rh_imports_removal_undo (RhImportsRemoval *self,
                         GError          **error)
{
  g_autoptr (GPtrArray) pages = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* An import since then took the name: the newer file stays. */
  if (g_file_test (self->copy, G_FILE_TEST_EXISTS))
    return set_errno_error (error, EEXIST, self->copy);

  if (g_rename (self->aside, self->copy) != 0)
    return set_errno_error (error, errno, self->aside);
  removal_finish (self);

  /* It loaded when it was imported; if it no longer does, it is back on
   * disk all the same, and the next start says what is wrong with it. */
  if (!(pages = rh_content_file_load (self->copy, error)))
    return FALSE;

  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      g_free (page->source);
      page->source = g_strdup (self->copy);
    }
  rh_library_add_pages (self->library, pages);
  if (self->state != NULL)
    rh_state_mark_missing (self->state, self->library);

  return TRUE;
}

/**
 * rh_imports_removal_commit:
 *
 * Deletes the copy for good; the user's original is never touched.
 *
 * Returns: %FALSE, with @error set, if it could not be deleted
 */
gboolean
rh_imports_removal_commit (RhImportsRemoval *self,
                           GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->done)
    return TRUE;

  if (g_unlink (self->aside) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, self->aside);
  removal_finish (self);

  return TRUE;
}

/**
 * rh_imports_removal_free:
 *
 * Makes a removal still pending final, then frees it.
 */
void
rh_imports_removal_free (RhImportsRemoval *self)
{
  g_autoptr (GError) error = NULL;

  if (self == NULL)
    return;

  if (!rh_imports_removal_commit (self, &error))
    g_warning ("%s", error->message);

  g_clear_object (&self->library);
  g_clear_object (&self->state);
  g_free (self->copy);
  g_free (self->aside);
  g_free (self->aside_directory);
  g_free (self);
}

/**
 * rh_imports_purge_removed:
 *
 * Deletes copies a process left aside when it ended before their removal
 * was final, such as one that crashed; removals still pending in this
 * process are kept.
 */
void
rh_imports_purge_removed (void)
{
  g_autofree char *imports = rh_imports_get_directory ();
  g_autofree char *directory = g_build_filename (imports, REMOVED_DIRECTORY, NULL);
  g_autoptr (GDir) dir = NULL;
  const char      *name;

  if (n_pending_removals > 0 || (dir = g_dir_open (directory, 0, NULL)) == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *aside_directory = g_build_filename (directory, name, NULL);
      g_autoptr (GDir) aside = g_dir_open (aside_directory, 0, NULL);
      const char      *file;

      while (aside != NULL && (file = g_dir_read_name (aside)) != NULL)
        {
          g_autofree char *path = g_build_filename (aside_directory, file, NULL);

          g_unlink (path);
        }
      g_rmdir (aside_directory);
    }
}

/**
 * rh_imports_remove:
 * @library: the library the file's pages are in
 * @state: (nullable): the study state, whose bookmarks of the file's
 *   questions are flagged missing at once
 * @copy: an imported copy, as rh_imports_list_files() names it
 *
 * Deletes the app's own copy, and takes its pages out of @library; the
 * user's original is never touched. Nothing changes if the copy cannot
 * be deleted. To remove with a way back, see rh_imports_remove_aside().
 */
gboolean
rh_imports_remove (RhLibrary  *library,
                   RhState    *state,
                   const char *copy,
                   GError    **error)
{
  g_autoptr (RhImportsRemoval) removal = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (state == NULL || RH_IS_STATE (state), FALSE);
  g_return_val_if_fail (copy != NULL, FALSE);

  removal = rh_imports_remove_aside (library, state, copy, error);
  if (removal == NULL)
    return FALSE;

  return rh_imports_removal_commit (removal, error);
}
