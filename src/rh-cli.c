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

#include "rh-checker.h"
#include "rh-cli.h"

static const char * const headless_options[] = {
  "--check",
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
          if (g_str_equal (argv[i], headless_options[j]))
            return TRUE;
        }
    }

  return FALSE;
}

static int
run_check (char     **files,
           gboolean   as_json)
{
  g_autofree char *report = NULL;
  g_autofree char *errors = NULL;
  int status;

  status = rh_checker_run ((const char * const *) files, files ? g_strv_length (files) : 0,
                           as_json, &report, &errors);

  fputs (report, stdout);
  if (as_json)
    fputc ('\n', stdout);
  fputs (errors, stderr);

  return status;
}

int
rh_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  gboolean check = FALSE;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Load content files without a window and print the library tree"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("With --check, print the report as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
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

  g_printerr ("rehearse: %s\n", _("--json goes with --check"));
  return 2;
}
