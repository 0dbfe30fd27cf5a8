/* rh-cli.c
 *
 * The commands that run without a window or a display: they are parsed
 * here, before anything touches GTK, so they work on a server or in CI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rh-library-load.h"
#include "rh-checker.h"
#include "rh-cli.h"
#include "rh-content-dirs.h"
#include "rh-export.h"
#include "rh-search-index.h"
#include "rh-state.h"

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

static int
run_check (char   **files,
           gboolean as_json)
{
  g_autofree char *report = NULL;
  g_autofree char *errors = NULL;
  int              status;

  status = rh_checker_run ((const char *const *) files, files ? g_strv_length (files) : 0,
                           as_json, &report, &errors);

  fputs (report, stdout);
  if (as_json)
    fputc ('\n', stdout);
  fputs (errors, stderr);

  return status;
}

static int
run_export (const char *directory,
            char      **files)
{
  g_autoptr (RhLibrary)      library = rh_library_new ();
  g_autoptr (RhPageRenderer) renderer = rh_page_renderer_new ();
  g_autoptr (GPtrArray)      results = NULL;
  g_autoptr (GError)         error = NULL;
  guint                      n_pages = 0;
  int                        status = 0;

  if (files != NULL && files[0] != NULL)
    results = rh_library_load_files (library, (const char *const *) files, g_strv_length (files));
  else
    {
      g_autofree char *bundled = rh_content_dirs_get_bundled ();

      results = rh_library_load_directory (library, bundled, &error);
      if (results == NULL)
        {
          g_printerr ("rehearse: %s\n", error->message);
          return 1;
        }
    }

  for (guint i = 0; i < results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL)
        {
          g_printerr ("%s\n", result->error->message);
          status = 1;
        }
    }

  if (!rh_export_html (library, renderer, directory, &n_pages, &error))
    {
      g_printerr ("rehearse: %s\n", error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u page to %s\n", "Exported %u pages to %s\n", n_pages),
           n_pages, directory);

  return status;
}

static int
print_and_return (int   status,
                  char *out,
                  char *err)
{
  fputs (out ? out : "", stdout);
  fputs (err ? err : "", stderr);
  g_free (out);
  g_free (err);

  return status;
}

int
rh_cli_run (int    argc,
            char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError)         error = NULL;
  g_auto (GStrv)             files = NULL;
  g_autofree char           *export_directory = NULL;
  g_autofree char           *query = NULL;
  gboolean                   bookmarks = FALSE;
  gboolean                   check = FALSE;
  gboolean                   as_json = FALSE;
  const GOptionEntry         entries[] = {
            { "check", 0, 0, G_OPTION_ARG_NONE, &check,
              N_ ("Load content files without a window and print the library tree"), NULL },
            { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
              N_ ("With --check, print the report as JSON"), NULL },
            { "export-html", 0, 0, G_OPTION_ARG_FILENAME, &export_directory,
              N_ ("Write every page as a standalone HTML file into DIR, from FILEs or the bundled library"), N_ ("DIR") },
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
      g_printerr ("rehearse: %s\n", error->message);
      return 2;
    }

  if (check)
    return run_check (files, as_json);

  if (export_directory != NULL)
    return run_export (export_directory, files);

  if (query != NULL)
    {
      char *out = NULL;
      char *err = NULL;
      int   status = rh_search_index_run_cli (query, (const char *const *) files,
                                            files ? g_strv_length (files) : 0, &out, &err);

      return print_and_return (status, out, err);
    }

  if (bookmarks)
    {
      char *out = NULL;
      char *err = NULL;
      int   status = rh_state_run_cli (NULL, &out, &err);

      return print_and_return (status, out, err);
    }

  g_printerr ("rehearse: %s\n", _ ("--json goes with --check"));
  return 2;
}
