/* rh-export-cli.c
 *
 * `rehearse --export-html DIR [FILE…]`: every page as a standalone HTML
 * file, to read or publish without the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-cli-util.h"
#include "rh-export-cli.h"
#include "rh-export.h"

/**
 * rh_export_cli_run:
 * @directory: where the pages go; created when needed
 * @files: (array length=n_files) (nullable): content files, or none for
 *   the user's library, bundled and imported
 * @out: where the summary goes
 * @err: where errors go, one per line
 *
 * Returns: the exit status: 0; 1 when a file failed (the others are
 *   exported) or nothing could be written
 */
int
rh_export_cli_run (const char        *directory,
                   const char *const *files,
                   guint              n_files,
                   GOutputStream     *out,
                   GOutputStream     *err)
{
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  g_autoptr (RhLibrary)      library = NULL;
  g_autoptr (GError)         error = NULL;
  guint                      n_pages = 0;
  int                        status;

  g_return_val_if_fail (directory != NULL, 1);
  g_return_val_if_fail (files != NULL || n_files == 0, 1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 1);

  if (!(library = rh_cli_util_load_library (files, n_files, err, &status)))
    return 1;

  if (!rh_export_html (library, renderer, directory, &n_pages, &error))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", error->message);
      return 1;
    }

  g_output_stream_printf (out, NULL, NULL, NULL,
                          g_dngettext (GETTEXT_PACKAGE, "Exported %u page to %s\n", "Exported %u pages to %s\n", n_pages),
                          n_pages, directory);

  return status;
}
