/* fuzz-replay.c
 *
 * Runs a harness's corpus through LLVMFuzzerTestOneInput without
 * libFuzzer, so that the normal build (any compiler) replays every seed
 * and every input once found to break a rule, as a regular test.
 * Arguments are files or directories of files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr (GDir) dir = NULL;
  const char      *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      /* Notes beside the inputs are not inputs. */
      if (name[0] != '.' && !g_str_has_prefix (name, "README"))
        collect (child, files);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_names);

  if (files->len == 0)
    {
      fprintf (stderr, "fuzz-%s: no inputs to replay\n", fuzz_harness_name);
      return 1;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char        *file = g_ptr_array_index (files, i);
      g_autoptr (GError) error = NULL;
      g_autofree char   *contents = NULL;
      gsize              length;

      if (!g_file_get_contents (file, &contents, &length, &error))
        {
          fprintf (stderr, "fuzz-%s: %s\n", fuzz_harness_name, error->message);
          return 1;
        }

      /* Named first, so that the log says which input broke a rule. */
      printf ("%s\n", file);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
    }

  printf ("fuzz-%s: %u inputs replayed, every check held\n", fuzz_harness_name, files->len);

  return 0;
}
