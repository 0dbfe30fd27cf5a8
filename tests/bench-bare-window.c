/* bench-bare-window.c
 *
 * The baseline for the start-up benchmark: an AdwApplicationWindow that
 * holds an empty WebKitWebView, and quits once the view has loaded.
 * Given an HTML file, the view loads that instead: what showing the same
 * page costs the toolkit alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>
#include <webkit/webkit.h>

static void
on_load_changed (WebKitWebView  *web_view,
                 WebKitLoadEvent event,
                 GApplication   *application)
{
  if (event == WEBKIT_LOAD_FINISHED)
    {
      g_print ("first page rendered\n");
      fflush (stdout);
      g_application_quit (application);
    }
}

static char *page_html;

static void
on_activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *web_view = webkit_web_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), web_view);
  g_signal_connect (web_view, "load-changed", G_CALLBACK (on_load_changed), application);
  gtk_window_present (GTK_WINDOW (window));
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (web_view), page_html != NULL ? page_html : "", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) application = adw_application_new ("io.github.rehearse.BareWindow",
                                                                G_APPLICATION_NON_UNIQUE);

  g_autoptr (GError) error = NULL;

  if (argc > 1 && !g_file_get_contents (argv[1], &page_html, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);

  /* The page is not a file to open. */
  return g_application_run (G_APPLICATION (application), 1, argv);
}
