/* rh-imports.c
 *
 * Content files the user opened are copied into the app's own data
 * directory, so they survive the original being moved or deleted, and
 * load with the bundled library at every start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rh-content-dirs.h"
#include "rh-content-file.h"
#include "rh-imports.h"

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

/**
 * rh_imports_import_file:
 * @out_destination: (out) (optional): where the copy was made
 *
 * Reads @file first: a file that does not load is not copied, and the
 * error names it and the place. The pages returned name the copy as
 * their source.
 *
 * Returns: (transfer full) (element-type RhPageData) (nullable): the pages
 */
GPtrArray *
rh_imports_import_file (const char *file,
                        char      **out_destination,
                        GError    **error)
{
  g_autofree char      *directory = rh_imports_get_directory ();
  g_autofree char      *destination = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GFile)     source = NULL;
  g_autoptr (GFile)     target = NULL;

  g_return_val_if_fail (file != NULL, NULL);

  if (!(pages = rh_content_file_load (file, error)))
    return NULL;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _ ("%s: cannot be created: %s"), directory, g_strerror (saved_errno));
      return NULL;
    }

  destination = unique_destination (directory, file);
  source = g_file_new_for_path (file);
  target = g_file_new_for_path (destination);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return NULL;

  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      g_free (page->source);
      page->source = g_strdup (destination);
    }

  if (out_destination != NULL)
    *out_destination = g_steal_pointer (&destination);

  return g_steal_pointer (&pages);
}

/**
 * rh_imports_remove_file:
 * @destination: an imported copy
 *
 * Deletes the app's own copy; the user's original is never touched.
 */
gboolean
rh_imports_remove_file (const char *destination,
                        GError    **error)
{
  g_autofree char *directory = rh_imports_get_directory ();
  g_autofree char *parent = NULL;

  g_return_val_if_fail (destination != NULL, FALSE);

  parent = g_path_get_dirname (destination);
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
