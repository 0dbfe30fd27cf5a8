/* rh-check-cli.c
 *
 * `rehearse --check [--json] FILE…`: loads content files as the
 * application would and prints the library they make, so that authors
 * see their mistakes without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-library-load.h"
#include "rh-check-cli.h"
#include "rh-content-dirs.h"
#include "rh-checker.h"
#include "rh-cli-util.h"

/**
 * rh_check_cli_run:
 * @files: (array length=n_files) (nullable): the content files
 * @as_json: whether to print the report as JSON rather than a tree
 * @out: where the report goes
 * @err: where errors go, one per line
 *
 * Returns: the exit status: 0 when every file loaded, else 1
 */
int
rh_check_cli_run (const char *const *files,
                  guint              n_files,
                  gboolean           as_json,
                  GOutputStream     *out,
                  GOutputStream     *err)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) expanded = NULL;
  g_autoptr (GPtrArray) folder_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autofree char      *report = NULL;
  int                   status;

  g_return_val_if_fail (files != NULL || n_files == 0, 1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 1);

  /* A folder stands for every content file under it. */
  expanded = rh_content_dirs_expand (files, n_files, folder_errors);
  results = rh_cli_util_load_files (library, expanded);

  if (as_json)
    report = rh_checker_format_json (library, results);
  else
    report = rh_checker_format_tree (library);

  g_output_stream_printf (out, NULL, NULL, NULL, as_json ? "%s\n" : "%s", report);

  status = folder_errors->len > 0 ? 1 : 0;
  for (guint i = 0; i < folder_errors->len; i++)
    g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", ((GError *) g_ptr_array_index (folder_errors, i))->message);
  if (!rh_cli_util_report_load_errors (results, err))
    status = 1;
  if (n_files == 0)
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", _ ("No content files given"));
      status = 1;
    }

  return status;
}
