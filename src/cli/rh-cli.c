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
#include "rh-card-cli.h"
#include "rh-checker.h"
#include "rh-cli.h"
#include "rh-content-dirs.h"
#include "rh-export.h"
#include "rh-grade-cli.h"
#include "rh-search-index.h"
#include "rh-state.h"
#include "rh-study-cli.h"

static const char *const headless_options[] = {
  "--check",
  "--export-html",
  "--search",
  "--bookmarks",
  "--grade",
  "--study",
  "--card",
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

/* The study commands write to streams; they go out once the command is
 * done, so a failure never leaves half a line of JSON on stdout.
 */
static int
print_streams_and_return (int            status,
                          GOutputStream *out,
                          GOutputStream *err)
{
  GMemoryOutputStream *memory_out = G_MEMORY_OUTPUT_STREAM (out);
  GMemoryOutputStream *memory_err = G_MEMORY_OUTPUT_STREAM (err);

  fwrite (g_memory_output_stream_get_data (memory_out), 1,
          g_memory_output_stream_get_data_size (memory_out), stdout);
  fwrite (g_memory_output_stream_get_data (memory_err), 1,
          g_memory_output_stream_get_data_size (memory_err), stderr);

  return status;
}

static int
run_study_command (const char *grade_ref,
                   gboolean    study,
                   const char *card_ref,
                   char      **args,
                   const char *at,
                   gboolean    as_json)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err = g_memory_output_stream_new_resizable ();
  guint                     n_args = args != NULL ? g_strv_length (args) : 0;

  if (grade_ref != NULL)
    {
      if (n_args != 1)
        {
          g_printerr ("rehearse: %s\n", _ ("--grade PATH#ID needs one grade: again, hard, good or easy"));
          return 2;
        }
      return print_streams_and_return (rh_grade_cli_run (grade_ref, args[0], at, as_json, out, err), out, err);
    }

  if (study)
    {
      if (n_args > 1)
        {
          g_printerr ("rehearse: %s\n", _ ("--study takes at most one scope"));
          return 2;
        }
      return print_streams_and_return (rh_study_cli_run (n_args > 0 ? args[0] : NULL, at, as_json, out, err),
                                       out, err);
    }

  if (n_args > 0 || at != NULL)
    {
      g_printerr ("rehearse: %s\n", at != NULL ? _ ("--at goes with --grade or --study")
                                               : _ ("--card PATH#ID takes no other argument"));
      return 2;
    }

  return print_streams_and_return (rh_card_cli_run (card_ref, as_json, out, err), out, err);
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
  g_autofree char           *grade_ref = NULL;
  g_autofree char           *card_ref = NULL;
  g_autofree char           *at = NULL;
  gboolean                   study = FALSE;
  gboolean                   bookmarks = FALSE;
  gboolean                   check = FALSE;
  gboolean                   as_json = FALSE;
  const GOptionEntry         entries[] = {
            { "check", 0, 0, G_OPTION_ARG_NONE, &check,
              N_ ("Load content files without a window and print the library tree"), NULL },
            { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
              N_ ("With --check, --grade, --study or --card, print JSON"), NULL },
            { "export-html", 0, 0, G_OPTION_ARG_FILENAME, &export_directory,
              N_ ("Write every page as a standalone HTML file into DIR, from FILEs or the bundled library"), N_ ("DIR") },
            { "search", 0, 0, G_OPTION_ARG_STRING, &query,
              N_ ("Print the questions that match QUERY, best first, from FILEs or the library"), N_ ("QUERY") },
            { "bookmarks", 0, 0, G_OPTION_ARG_NONE, &bookmarks,
              N_ ("Print the bookmarked questions, newest first"), NULL },
            { "grade", 0, 0, G_OPTION_ARG_STRING, &grade_ref,
              N_ ("Record a review of a question, graded again, hard, good or easy, and print its schedule"), N_ ("PATH#ID") },
            { "study", 0, 0, G_OPTION_ARG_NONE, &study,
              N_ ("Print what is due to study in the library or in a framework, topic, page or the bookmarks"), NULL },
            { "card", 0, 0, G_OPTION_ARG_STRING, &card_ref,
              N_ ("Print a question’s schedule and its reviews, oldest first"), N_ ("PATH#ID") },
            { "at", 0, 0, G_OPTION_ARG_STRING, &at,
              N_ ("With --grade or --study, the time in ISO 8601 instead of now"), N_ ("TIME") },
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

  if (grade_ref != NULL || study || card_ref != NULL)
    return run_study_command (grade_ref, study, card_ref, files, at, as_json);

  g_printerr ("rehearse: %s\n", at != NULL ? _ ("--at goes with --grade or --study")
                                           : _ ("--json goes with --check, --grade, --study or --card"));
  return 2;
}
