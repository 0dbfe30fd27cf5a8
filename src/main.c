/* main.c
 *
 * The entry point: headless commands run before anything touches GTK,
 * everything else starts the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rh-application.h"
#include "rh-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RhApplication) application = NULL;
  const char               *localedir = g_getenv ("REHEARSE_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* The tests point this at the translations in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Commands for content authors and scripts need no display. */
  if (rh_cli_wants_headless (argc, argv))
    return rh_cli_run (argc, argv);

  g_set_application_name (_ ("Rehearse"));
  application = rh_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
