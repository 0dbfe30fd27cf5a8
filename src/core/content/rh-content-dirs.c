/* rh-content-dirs.c
 *
 * Where content lives on disk: the bundled library's folder, the load
 * cache, and the content files of a folder in a stable order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-dirs.h"

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
 * rh_content_dirs_list_files:
 *
 * Returns: (transfer full) (element-type filename): the `.json` files in
 *   @directory, in name order; none if it cannot be read
 */
GPtrArray *
rh_content_dirs_list_files (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  GPtrArray       *files = g_ptr_array_new_with_free_func (g_free);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (files, g_build_filename (directory, name, NULL));
    }
  g_ptr_array_sort (files, compare_paths);

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
