/* rh-cli-util.c
 *
 * What the headless commands do alike: loading the content they were
 * given, or the user's library as the window loads it, reporting the
 * files that failed, and printing one question a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-library-load.h"
#include "rh-cli-util.h"
#include "rh-content-dirs.h"
#include "rh-imports.h"

/**
 * rh_cli_util_report_load_errors:
 * @results: (element-type RhLoadResult): what loading the files gave
 * @err: where the errors go, one per line
 *
 * Returns: %TRUE when every file loaded
 */
gboolean
rh_cli_util_report_load_errors (GPtrArray     *results,
                                GOutputStream *err)
{
  gboolean all_loaded = TRUE;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), FALSE);

  for (guint i = 0; i < results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL)
        {
          g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", result->error->message);
          all_loaded = FALSE;
        }
    }

  return all_loaded;
}

/**
 * rh_cli_util_load_files:
 * @files: (element-type filename): content files
 *
 * Loads @files through the command line's load cache: a file unchanged
 * since a command last read it is not parsed again; one that did not
 * load is read again, to report why.
 *
 * Returns: (transfer full) (element-type RhLoadResult): what each file
 *   came to
 */
GPtrArray *
rh_cli_util_load_files (RhLibrary *library,
                        GPtrArray *files)
{
  g_autofree char *cache_file = rh_content_dirs_get_files_cache_file ();

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (files != NULL, NULL);

  return rh_library_load_files_cached (library, (const char *const *) files->pdata, files->len, cache_file);
}

/**
 * rh_cli_util_load_library:
 * @files: (array length=n_files) (nullable): content files, or none for
 *   the user's library: the bundled pages and those imported, as the
 *   window loads them
 * @out_status: (out): 1 when a file failed (the others are loaded), else 0
 *
 * The user's library loads through the window's load cache, so files
 * unchanged since the window or a command last read them are not
 * parsed again, and what the command reads keeps the cache up to date
 * for the window.
 *
 * Returns: (transfer full) (nullable): the library, or %NULL when the
 *   bundled library cannot be read
 */
RhLibrary *
rh_cli_util_load_library (const char *const *files,
                          guint              n_files,
                          GOutputStream     *err,
                          int               *out_status)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = NULL;

  g_return_val_if_fail (files != NULL || n_files == 0, NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), NULL);
  g_return_val_if_fail (out_status != NULL, NULL);

  *out_status = 1;

  if (n_files > 0)
    {
      /* A folder stands for every content file under it, as for --check. */
      g_autoptr (GPtrArray) folder_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_autoptr (GPtrArray) expanded = rh_content_dirs_expand (files, n_files, folder_errors);

      results = rh_cli_util_load_files (library, expanded);
      for (guint i = 0; i < folder_errors->len; i++)
        g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n",
                                ((GError *) g_ptr_array_index (folder_errors, i))->message);
      if (folder_errors->len > 0)
        {
          *out_status = 1;
          rh_cli_util_report_load_errors (results, err);
          return g_steal_pointer (&library);
        }
    }
  else
    {
      g_autofree char      *bundled = rh_content_dirs_get_bundled ();
      g_autofree char      *cache_file = rh_content_dirs_get_cache_file ();
      g_autoptr (GPtrArray) all = NULL;

      if (!g_file_test (bundled, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *message = g_strdup_printf (_ ("%s: no such folder"), bundled);

          g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", message);
          return NULL;
        }

      all = rh_imports_list_library_files ();

      results = rh_library_load_files_cached (library, (const char *const *) all->pdata, all->len, cache_file);
    }

  *out_status = rh_cli_util_report_load_errors (results, err) ? 0 : 1;

  return g_steal_pointer (&library);
}

/**
 * rh_cli_util_append_line:
 * @ref: a question
 * @question: its text
 *
 * Adds `PATH#ID<TAB>question` and a newline: one line per question,
 * whatever its text holds.
 */
void
rh_cli_util_append_line (GString             *lines,
                         const RhQuestionRef *ref,
                         const char          *question)
{
  g_autofree char *key = NULL;

  g_return_if_fail (lines != NULL);
  g_return_if_fail (ref != NULL);
  g_return_if_fail (question != NULL);

  key = rh_question_ref_format (ref);
  g_string_append (lines, key);
  g_string_append_c (lines, '\t');
  for (const char *p = question; *p != '\0'; p++)
    g_string_append_c (lines, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
  g_string_append_c (lines, '\n');
}
