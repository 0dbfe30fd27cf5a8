/* rh-content-dirs.c
 *
 * Where content lives: the bundled library, the cache, and the content
 * files in a folder, such as one the user opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rh-content-dirs.h"
#include "rh-content-error.h"

/**
 * rh_content_dirs_get_bundled:
 *
 * REHEARSE_CONTENT_DIR lets the tests and a run from the source tree
 * use the library in the tree instead of an installed one.
 *
 * Returns: (transfer full): the directory of the bundled library
 */
char *
rh_content_dirs_get_bundled (void)
{
  const char *override = g_getenv ("REHEARSE_CONTENT_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_strdup (CONTENTDIR);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/**
 * rh_content_dirs_is_content_name:
 *
 * Returns: whether a file called @name is read as content: `.json`, and
 *   `.html` or `.htm` for saved web pages, in any case
 */
gboolean
rh_content_dirs_is_content_name (const char *name)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, FALSE);

  dot = strrchr (name, '.');
  if (dot == NULL || dot == name)
    return FALSE;

  return g_ascii_strcasecmp (dot, ".json") == 0 || g_ascii_strcasecmp (dot, ".html") == 0 ||
         g_ascii_strcasecmp (dot, ".htm") == 0;
}

/**
 * rh_content_dirs_list_files:
 *
 * Returns: (transfer full) (element-type filename): the content files in
 *   @directory itself, in name order; none if it cannot be read
 */
GPtrArray *
rh_content_dirs_list_files (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  GPtrArray       *files = g_ptr_array_new_with_free_func (g_free);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (rh_content_dirs_is_content_name (name))
        g_ptr_array_add (files, g_build_filename (directory, name, NULL));
    }
  g_ptr_array_sort (files, compare_paths);

  return files;
}

typedef struct
{
  dev_t device;
  ino_t inode;
} DirId;

static guint
dir_id_hash (gconstpointer key)
{
  const DirId *id = key;

  return (guint) id->inode ^ (guint) (id->inode >> 32) ^ (guint) id->device;
}

static gboolean
dir_id_equal (gconstpointer a,
              gconstpointer b)
{
  const DirId *x = a;
  const DirId *y = b;

  return x->device == y->device && x->inode == y->inode;
}

/* Symbolic links are followed, as the user sees the folder in a file
 * manager, but a folder already walked (a link back up the tree) is not
 * entered twice. Folders that cannot be read below the top are passed
 * over, as are hidden ones. */
static void
walk (const char *directory,
      guint       depth,
      GHashTable *seen,
      GPtrArray  *files)
{
  g_autoptr (GDir) dir = NULL;
  const char      *name;

  if (depth > RH_CONTENT_MAX_FOLDER_DEPTH || !(dir = g_dir_open (directory, 0, NULL)))
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf         st;

      if (name[0] == '.')
        continue;

      path = g_build_filename (directory, name, NULL);
      if (g_stat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          DirId id = { st.st_dev, st.st_ino };

          if (g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          walk (path, depth + 1, seen, files);
        }
      else if (S_ISREG (st.st_mode) && rh_content_dirs_is_content_name (name))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/**
 * rh_content_dirs_list_tree:
 * @directory: a folder, such as a copy of the site or saved pages
 *
 * Every content file under @directory, in its subfolders too down to
 * %RH_CONTENT_MAX_FOLDER_DEPTH levels, leaving out hidden files and
 * folders, sorted by path so that the same folder always loads the same.
 *
 * Returns: (transfer full) (element-type filename) (nullable): the files,
 *   or %NULL with @error set if @directory cannot be read
 */
GPtrArray *
rh_content_dirs_list_tree (const char *directory,
                           GError    **error)
{
  g_autoptr (GPtrArray)  files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (dir_id_hash, dir_id_equal, g_free, NULL);
  g_autoptr (GDir)       dir = NULL;
  GStatBuf               st;

  g_return_val_if_fail (directory != NULL, NULL);

  if (g_stat (directory, &st) != 0 || !(dir = g_dir_open (directory, 0, NULL)))
    {
      int              saved_errno = errno;
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _ ("%s: cannot be read: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  g_clear_pointer (&dir, g_dir_close);

  {
    DirId id = { st.st_dev, st.st_ino };

    g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
  }
  walk (directory, 1, seen, files);
  g_ptr_array_sort (files, compare_paths);

  if (files->len == 0)
    {
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_FILES,
                   _ ("%s: no .json, .html or .htm files in this folder"), display);
      return NULL;
    }

  return g_steal_pointer (&files);
}

/**
 * rh_content_dirs_expand:
 * @paths: (array length=n_paths): files and folders
 * @errors: (element-type GError) (nullable): where to add an error for
 *   each folder that cannot be read or holds no content file
 *
 * Puts each folder's content files (rh_content_dirs_list_tree()) in its
 * place; files stay as they are, to be refused when read if they are not
 * content.
 *
 * Returns: (transfer full) (element-type filename): the files
 */
GPtrArray *
rh_content_dirs_expand (const char *const *paths,
                        guint              n_paths,
                        GPtrArray         *errors)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (paths != NULL || n_paths == 0, NULL);

  for (guint i = 0; i < n_paths; i++)
    {
      g_autoptr (GPtrArray) tree = NULL;
      g_autoptr (GError)    error = NULL;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (files, g_strdup (paths[i]));
          continue;
        }

      if (!(tree = rh_content_dirs_list_tree (paths[i], &error)))
        {
          if (errors != NULL)
            g_ptr_array_add (errors, g_steal_pointer (&error));
          continue;
        }

      for (guint j = 0; j < tree->len; j++)
        g_ptr_array_add (files, g_steal_pointer (&tree->pdata[j]));
    }

  return files;
}

/**
 * rh_content_dirs_get_cache_file:
 *
 * Returns: (transfer full): where the library's load cache is kept
 */
char *
rh_content_dirs_get_cache_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "rehearse", "library.cache", NULL);
}

/**
 * rh_content_dirs_get_files_cache_file:
 *
 * The command line's own load cache, for files named on it: those are
 * often read again unchanged (a folder checked, then searched), and
 * keeping them apart leaves the library's cache to the library.
 *
 * Returns: (transfer full): where the load cache of files named on the
 *   command line is kept
 */
char *
rh_content_dirs_get_files_cache_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "rehearse", "files.cache", NULL);
}
