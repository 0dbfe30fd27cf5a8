/* bench-startup-app.c
 *
 * Rehearse started as `rehearse` starts it, for the start-up benchmark:
 * the same application on the same command line, and a watch on its
 * first window that prints "first page rendered" once the page has
 * loaded, then quits through app.quit as a user would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "rh-ui-test-util.h"

static void
bench_startup_app_on_load_changed (WebKitWebView  *web_view,
                                   WebKitLoadEvent event,
                                   GApplication   *application)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;

  g_signal_handlers_disconnect_by_func (web_view, bench_startup_app_on_load_changed, application);
  /* The benchmark times the start up to this line, not the exit. */
  g_print ("first page rendered\n");
  fflush (stdout);
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
}

/* The window is added while it is built, before it starts its page. */
static void
bench_startup_app_on_window_added (GtkApplication *application,
                                   GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (application, bench_startup_app_on_window_added, NULL);
  g_signal_connect_object (rh_ui_test_get_web_view (RH_WINDOW (window)), "load-changed",
                           G_CALLBACK (bench_startup_app_on_load_changed), application, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RhApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_ ("Rehearse"));
  application = rh_application_new ();
  g_signal_connect (application, "window-added", G_CALLBACK (bench_startup_app_on_window_added), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
