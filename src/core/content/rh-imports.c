/* rh-imports.c
 *
 * The import workflow: content files the user opened are read, copied
 * into the app's own data directory, so they survive the original being
 * moved or deleted, added to the library, and loaded with the bundled
 * library at every start; and taken out again. The window, the command
 * line and the tests all go through here.
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
#include "rh-content-file.h"
#include "rh-imports.h"
#include "rh-state.h"

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

/* A name in the imports directory that no file has yet: the original's
 * name, numbered when it is taken, always ending in .json. */
static char *
unique_destination (const char *directory,
                    const char *file)
{
  g_autofree char *basename = g_path_get_basename (file);
  g_autofree char *stem = NULL;
  char            *dot = strrchr (basename, '.');
  char            *destination;

  if (dot != NULL && dot != basename)
    *dot = '\0';
  stem = g_strdup (*basename && basename[0] != '.' ? basename : "content");

  destination = g_strdup_printf ("%s/%s.json", directory, stem);
  for (guint n = 2; g_file_test (destination, G_FILE_TEST_EXISTS); n++)
    {
      g_free (destination);
      destination = g_strdup_printf ("%s/%s-%u.json", directory, stem, n);
    }

  return destination;
}

/* An earlier copy with the same bytes: opening a file twice keeps one
 * copy, and the second is a reload. */
static char *
find_same_copy (const char *file)
{
  g_autoptr (GPtrArray) copies = rh_imports_list_files ();
  g_autofree char      *contents = NULL;
  gsize                 length;
  GStatBuf              file_stat;

  if (g_stat (file, &file_stat) != 0)
    return NULL;

  for (guint i = 0; i < copies->len; i++)
    {
      const char      *copy = g_ptr_array_index (copies, i);
      g_autofree char *copy_contents = NULL;
      gsize            copy_length;
      GStatBuf         copy_stat;

      if (g_stat (copy, &copy_stat) != 0 || copy_stat.st_size != file_stat.st_size)
        continue;
      if (contents == NULL && !g_file_get_contents (file, &contents, &length, NULL))
        return NULL;
      if (g_file_get_contents (copy, &copy_contents, &copy_length, NULL) &&
          copy_length == length && memcmp (copy_contents, contents, length) == 0)
        return g_strdup (copy);
    }

  return NULL;
}

/* Reads @file first: a file that does not load is not copied, and the
 * error names it and the place. The pages returned name the copy as their
 * source. */
static GPtrArray *
copy_file (const char *file,
           char      **out_destination,
           gboolean   *out_fresh,
           GError    **error)
{
  g_autofree char      *directory = rh_imports_get_directory ();
  g_autofree char      *destination = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GFile)     source = NULL;
  g_autoptr (GFile)     target = NULL;

  if (!(pages = rh_content_file_load (file, error)))
    return NULL;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _ ("%s: cannot be created: %s"), directory, g_strerror (saved_errno));
      return NULL;
    }

  *out_fresh = FALSE;
  if (!(destination = find_same_copy (file)))
    {
      *out_fresh = TRUE;
      destination = unique_destination (directory, file);
      source = g_file_new_for_path (file);
      target = g_file_new_for_path (destination);
      if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return NULL;
    }

  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      g_free (page->source);
      page->source = g_strdup (destination);
    }

  *out_destination = g_steal_pointer (&destination);

  return g_steal_pointer (&pages);
}

/* Deletes the app's own copy; the user's original is never touched. */
static gboolean
delete_copy (const char *destination,
             GError    **error)
{
  g_autofree char *directory = rh_imports_get_directory ();
  g_autofree char *parent = g_path_get_dirname (destination);

  if (g_strcmp0 (parent, directory) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _ ("%s: not an imported file"), destination);
      return FALSE;
    }

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

static RhLoadResult *
import_one (RhLibrary       *library,
            RhImportSummary *summary,
            const char      *file)
{
  RhLoadResult         *result = g_new0 (RhLoadResult, 1);
  g_autofree char      *copy = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree char      *first_path = NULL;
  guint                 n_shown;
  gboolean              fresh;

  result->file = g_strdup (file);

  if (!(pages = copy_file (file, &copy, &fresh, &result->error)))
    {
      summary->n_failed++;
      return result;
    }

  result->n_pages = pages->len;
  for (guint i = 0; i < pages->len; i++)
    result->n_questions += ((RhPageData *) g_ptr_array_index (pages, i))->questions->len;

  first_path = g_strdup (((RhPageData *) g_ptr_array_index (pages, 0))->path);
  n_shown = rh_library_add_pages (library, pages);

  /* Every question hidden by newer copies the user already has: the copy
   * would add nothing at any start, so it is not kept. */
  if (n_shown == 0 && fresh)
    {
      g_autoptr (GError) error = NULL;

      rh_library_remove_source (library, copy);
      if (!delete_copy (copy, &error))
        g_warning ("%s", error->message);
      summary->n_hidden++;
      return result;
    }

  if (summary->first_path == NULL)
    summary->first_path = g_steal_pointer (&first_path);
  summary->n_pages += n_shown;

  return result;
}

/**
 * rh_imports_add:
 * @library: the library to add the pages to
 * @state: (nullable): the study state, whose bookmarks follow the library
 * @files: (array length=n_files): content files the user opened
 *
 * Copies each file that loads into the app's data, adds its pages to
 * @library, and says what became of each. A file that does not load
 * changes nothing; the others are still added.
 *
 * Returns: (transfer full): what became of the files
 */
RhImportSummary *
rh_imports_add (RhLibrary         *library,
                RhState           *state,
                const char *const *files,
                guint              n_files)
{
  RhImportSummary *summary;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (state == NULL || RH_IS_STATE (state), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  summary = g_new0 (RhImportSummary, 1);
  summary->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (summary->results, import_one (library, summary, files[i]));

  if (summary->n_pages > 0 && state != NULL)
    rh_state_mark_missing (state, library);

  return summary;
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
 * be deleted.
 */
gboolean
rh_imports_remove (RhLibrary  *library,
                   RhState    *state,
                   const char *copy,
                   GError    **error)
{
  g_return_val_if_fail (RH_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (state == NULL || RH_IS_STATE (state), FALSE);
  g_return_val_if_fail (copy != NULL, FALSE);

  if (!delete_copy (copy, error))
    return FALSE;

  rh_library_remove_source (library, copy);
  if (state != NULL)
    rh_state_mark_missing (state, library);

  return TRUE;
}
