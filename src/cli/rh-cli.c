/* rh-cli.c
 *
 * The commands that run without a window or a display: they are parsed
 * here, before anything touches GTK, so they work on a server or in CI,
 * and each runs from a file of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "rh-bookmarks-cli.h"
#include "rh-check-cli.h"
#include "rh-cli.h"
#include "rh-export-cli.h"
#include "rh-search-cli.h"

static const char *const headless_options[] = {
  "--check",
  "--export-html",
  "--search",
  "--bookmarks",
};

gboolean
rh_cli_wants_headless (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;

      for (guint j = 0; j < G_N_ELEMENTS (headless_options); j++)
        {
          gsize length = strlen (headless_options[j]);

          /* Both --search QUERY and --search=QUERY. */
          if (strncmp (argv[i], headless_options[j], length) == 0 &&
              (argv[i][length] == '\0' || argv[i][length] == '='))
            return TRUE;
        }
    }

  return FALSE;
}

int
rh_cli_run (int    argc,
            char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GOutputStream)  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr (GOutputStream)  err = g_unix_output_stream_new (STDERR_FILENO, FALSE);
  g_autoptr (GError)         error = NULL;
  g_auto (GStrv)             files = NULL;
  g_autofree char           *export_directory = NULL;
  g_autofree char           *query = NULL;
  gboolean                   bookmarks = FALSE;
  gboolean                   check = FALSE;
  gboolean                   as_json = FALSE;
  guint                      n_files;
  const GOptionEntry         entries[] = {
            { "check", 0, 0, G_OPTION_ARG_NONE, &check,
              N_ ("Load content files without a window and print the library tree"), NULL },
            { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
              N_ ("With --check, print the report as JSON"), NULL },
            { "export-html", 0, 0, G_OPTION_ARG_FILENAME, &export_directory,
              N_ ("Write every page as a standalone HTML file into DIR, from FILEs or the library"), N_ ("DIR") },
            { "search", 0, 0, G_OPTION_ARG_STRING, &query,
              N_ ("Print the questions that match QUERY, best first, from FILEs or the library"), N_ ("QUERY") },
            { "bookmarks", 0, 0, G_OPTION_ARG_NONE, &bookmarks,
              N_ ("Print the bookmarked questions, newest first"), NULL },
            { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_ ("FILE…") },
            { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", error->message);
      return 2;
    }

  n_files = files != NULL ? g_strv_length (files) : 0;

  if (check)
    return rh_check_cli_run ((const char *const *) files, n_files, as_json, out, err);

  if (export_directory != NULL)
    return rh_export_cli_run (export_directory, (const char *const *) files, n_files, out, err);

  if (query != NULL)
    return rh_search_cli_run (query, (const char *const *) files, n_files, out, err);

  if (bookmarks)
    return rh_bookmarks_cli_run (NULL, out, err);

  g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", _ ("--json goes with --check"));
  return 2;
}
