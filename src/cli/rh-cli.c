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
#include "rh-card-cli.h"
#include "rh-check-cli.h"
#include "rh-cli.h"
#include "rh-export-cli.h"
#include "rh-grade-cli.h"
#include "rh-search-cli.h"
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

/* The study commands write into memory first; it goes out once the
 * command is done, so a failure never leaves half a line of JSON on
 * standard output.
 */
static int
rh_cli_flush (int            status,
              GOutputStream *buffered_out,
              GOutputStream *buffered_err,
              GOutputStream *out,
              GOutputStream *err)
{
  GMemoryOutputStream *memory_out = G_MEMORY_OUTPUT_STREAM (buffered_out);
  GMemoryOutputStream *memory_err = G_MEMORY_OUTPUT_STREAM (buffered_err);

  g_output_stream_close (buffered_out, NULL, NULL);
  g_output_stream_close (buffered_err, NULL, NULL);
  g_output_stream_write_all (out, g_memory_output_stream_get_data (memory_out),
                             g_memory_output_stream_get_data_size (memory_out), NULL, NULL, NULL);
  g_output_stream_write_all (err, g_memory_output_stream_get_data (memory_err),
                             g_memory_output_stream_get_data_size (memory_err), NULL, NULL, NULL);

  return status;
}

static int
rh_cli_run_study (const char        *grade_ref,
                  gboolean           study,
                  const char        *card_ref,
                  const char *const *args,
                  guint              n_args,
                  const char        *at,
                  gboolean           as_json,
                  GOutputStream     *out,
                  GOutputStream     *err)
{
  g_autoptr (GOutputStream) buffered_out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) buffered_err = g_memory_output_stream_new_resizable ();
  int                       status;

  if (grade_ref != NULL)
    {
      if (n_args != 1)
        {
          g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n",
                                  _ ("--grade PATH#ID needs one grade: again, hard, good or easy"));
          return 2;
        }
      status = rh_grade_cli_run (grade_ref, args[0], at, as_json, buffered_out, buffered_err);
    }
  else if (study)
    {
      if (n_args > 1)
        {
          g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", _ ("--study takes at most one scope"));
          return 2;
        }
      status = rh_study_cli_run (n_args > 0 ? args[0] : NULL, at, as_json, buffered_out, buffered_err);
    }
  else
    {
      if (n_args > 0 || at != NULL)
        {
          g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n",
                                  at != NULL ? _ ("--at goes with --grade or --study")
                                             : _ ("--card PATH#ID takes no other argument"));
          return 2;
        }
      status = rh_card_cli_run (card_ref, as_json, buffered_out, buffered_err);
    }

  return rh_cli_flush (status, buffered_out, buffered_err, out, err);
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
  g_autofree char           *grade_ref = NULL;
  g_autofree char           *card_ref = NULL;
  g_autofree char           *at = NULL;
  gboolean                   study = FALSE;
  gboolean                   bookmarks = FALSE;
  gboolean                   check = FALSE;
  gboolean                   as_json = FALSE;
  guint                      n_files;
  const GOptionEntry         entries[] = {
            { "check", 0, 0, G_OPTION_ARG_NONE, &check,
              N_ ("Load content files without a window and print the library tree"), NULL },
            { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
              N_ ("With --check, --grade, --study or --card, print JSON"), NULL },
            { "export-html", 0, 0, G_OPTION_ARG_FILENAME, &export_directory,
              N_ ("Write every page as a standalone HTML file into DIR, from FILEs or the library"), N_ ("DIR") },
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

  if (grade_ref != NULL || study || card_ref != NULL)
    return rh_cli_run_study (grade_ref, study, card_ref, (const char *const *) files, n_files, at, as_json, out, err);

  g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n",
                          at != NULL ? _ ("--at goes with --grade or --study")
                                     : _ ("--json goes with --check, --grade, --study or --card"));
  return 2;
}
