/* rh-bookmarks-cli.c
 *
 * `rehearse --bookmarks`: the bookmarked questions, newest first, one a
 * line, for scripts and for a look without the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bookmarks-cli.h"
#include "rh-cli-util.h"
#include "rh-state.h"

/**
 * rh_bookmarks_cli_run:
 * @path: (nullable): the database, or %NULL for the default one
 * @out: where the bookmarks go, one per line: `PATH#ID<TAB>question`
 * @err: where errors go, one per line
 *
 * With no database yet there is nothing to list, and none is created.
 * A damaged database is reported, not moved aside: recovering is for
 * the application, which can tell the user.
 *
 * Returns: the exit status: 0, or 1 when the database cannot be read
 */
int
rh_bookmarks_cli_run (const char    *path,
                      GOutputStream *out,
                      GOutputStream *err)
{
  g_autofree char       *default_path = NULL;
  g_autoptr (RhState)    state = NULL;
  g_autoptr (GListModel) bookmarks = NULL;
  g_autoptr (GString)    lines = g_string_new (NULL);
  g_autoptr (GError)     error = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 1);

  if (path == NULL)
    path = default_path = rh_state_get_default_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;

  if (!(state = rh_state_open (path, &error)))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", error->message);
      return 1;
    }

  bookmarks = rh_state_list_bookmarks (state);
  for (guint i = 0; i < g_list_model_get_n_items (bookmarks); i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (bookmarks, i);

      rh_cli_util_append_line (lines, rh_bookmark_get_ref (bookmark), rh_bookmark_get_question (bookmark));
    }

  g_output_stream_write_all (out, lines->str, lines->len, NULL, NULL, NULL);

  return 0;
}
