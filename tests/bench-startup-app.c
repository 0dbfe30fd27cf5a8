/* bench-startup-app.c
 *
 * Rehearse started as `rehearse` starts it, for the start-up benchmark:
 * the same application on the same command line, and a watch on its
 * first window that prints "first page rendered" once the page has
 * loaded, then the process's peak RSS, then quits through app.quit as a
 * user would. With BENCH_STARTUP_WAIT_FOR_SEARCH set it waits for the
 * search index to be checked first and prints the peak RSS again: what
 * a window at rest holds. With BENCH_STARTUP_WRITE_PAGE=FILE it also
 * writes that first page to FILE as an export would, its stylesheet
 * inside, for a bare window to show the same page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rh-application.h"
#include "rh-library.h"
#include "rh-page-renderer.h"
#include "rh-ui-test-util.h"

/* The process's resident set, in kB, as the kernel counts it: @field
 * is VmHWM for its peak, VmRSS for now. */
static guint64
bench_startup_app_rss_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, field)) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static guint64
bench_startup_app_peak_rss_kb (void)
{
  return bench_startup_app_rss_kb ("VmHWM:");
}

static void
bench_startup_app_quit (GApplication *application)
{
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
}

static void
bench_startup_app_on_search_ready (GApplication *application)
{
  if (!rh_application_get_search_index (RH_APPLICATION (application)))
    return;

  g_signal_handlers_disconnect_by_func (application, bench_startup_app_on_search_ready, NULL);
  g_print ("rss-at-rest %" G_GUINT64_FORMAT "\n", bench_startup_app_peak_rss_kb ());
  g_print ("rss-now-at-rest %" G_GUINT64_FORMAT "\n", bench_startup_app_rss_kb ("VmRSS:"));
  fflush (stdout);
  bench_startup_app_quit (application);
}

static gboolean
bench_startup_app_give_up (gpointer user_data)
{
  bench_startup_app_quit (user_data);

  return G_SOURCE_REMOVE;
}

static void
bench_startup_app_write_page (GApplication *application,
                              const char   *uri)
{
  const char        *file = g_getenv ("BENCH_STARTUP_WRITE_PAGE");
  g_autoptr (GUri)   parsed = NULL;
  g_autofree char   *html = NULL;
  g_autoptr (GError) error = NULL;
  RhSubtopic        *subtopic;

  if (file == NULL)
    return;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  subtopic = rh_library_lookup_subtopic (rh_application_get_library (RH_APPLICATION (application)),
                                         g_uri_get_path (parsed));
  g_assert_nonnull (subtopic);
  html = rh_page_renderer_render (rh_application_get_renderer (RH_APPLICATION (application)), subtopic,
                                  RH_PAGE_RENDER_STANDALONE);
  if (!g_file_set_contents (file, html, -1, &error))
    g_error ("%s", error->message);
}

static void
bench_startup_app_on_load_changed (WebKitWebView  *web_view,
                                   WebKitLoadEvent event,
                                   GApplication   *application)
{
  /* A library page, not the empty document that starts WebKit's
   * processes early. */
  if (event != WEBKIT_LOAD_FINISHED || !g_str_has_prefix (webkit_web_view_get_uri (web_view) ?: "", "rehearse:"))
    return;

  g_signal_handlers_disconnect_by_func (web_view, bench_startup_app_on_load_changed, application);
  /* The benchmark times the start up to this line, not the exit. */
  g_print ("first page rendered\n");
  g_log ("rehearse-startup", G_LOG_LEVEL_DEBUG, "first page rendered");
  g_print ("rss-first-page %" G_GUINT64_FORMAT "\n", bench_startup_app_peak_rss_kb ());
  fflush (stdout);
  bench_startup_app_write_page (application, webkit_web_view_get_uri (web_view));

  if (g_getenv ("BENCH_STARTUP_WAIT_FOR_SEARCH") == NULL)
    {
      bench_startup_app_quit (application);
      return;
    }

  g_signal_connect (application, "notify::search-ready", G_CALLBACK (bench_startup_app_on_search_ready), NULL);
  g_timeout_add_seconds (60, bench_startup_app_give_up, application);
  bench_startup_app_on_search_ready (application);
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
