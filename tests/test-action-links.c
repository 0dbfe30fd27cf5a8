/* test-action-links.c
 *
 * Content may link to the library's pages but never to the app's own
 * actions: in a real window, a real click on an answer's
 * `rehearse://action/bookmark` link bookmarks nothing, while a click on
 * its link to another page of the library opens that page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "rh-state.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

static const char links_pack[] =
    "{\"format\": \"rehearse-pack\", \"version\": 1, \"title\": \"Links\", \"pages\": ["
    " {\"framework\": \"Links\", \"topic\": \"Topic\", \"subtopic\": \"Links\", \"path\": \"/links/topic/links\","
    "  \"order\": 1, \"questions\": ["
    "   {\"id\": \"q\", \"difficulty\": \"easy\", \"q\": \"Where do these links go?\","
    "    \"a\": \"[Read more](rehearse://action/bookmark?q=q) about it.\\n\\n"
    "[Other page](rehearse://library/links/topic/other) next.\"}]},"
    " {\"framework\": \"Links\", \"topic\": \"Topic\", \"subtopic\": \"Other\", \"path\": \"/links/topic/other\","
    "  \"order\": 2, \"questions\": ["
    "   {\"id\": \"r\", \"difficulty\": \"easy\", \"q\": \"Is this the other page?\", \"a\": \"It is.\"}]}"
    "]}";

#define LINKS_URI "rehearse://library/links/topic/links"
#define OTHER_URI "rehearse://library/links/topic/other"

/* The centre of the first stretch of @text in the page, in the web
 * view's coordinates, scrolled into view first. */
static gboolean
find_text (WebKitWebView *web_view,
           const char    *text,
           double        *out_x,
           double        *out_y)
{
  g_autofree char *script = g_strdup_printf (
      "(function () {"
      "  const walker = document.createTreeWalker (document.body, NodeFilter.SHOW_TEXT);"
      "  for (let node = walker.nextNode (); node; node = walker.nextNode ()) {"
      "    const at = node.data.indexOf ('%s');"
      "    if (at < 0) continue;"
      "    node.parentElement.scrollIntoView ({block: 'center'});"
      "    const range = document.createRange ();"
      "    range.setStart (node, at); range.setEnd (node, at + %u);"
      "    const box = range.getBoundingClientRect ();"
      "    return Math.round (box.left + box.width / 2) + ' ' + Math.round (box.top + box.height / 2);"
      "  }"
      "  return '';"
      "}) ()",
      text, (guint) strlen (text));
  g_autofree char *found = rh_ui_test_evaluate (web_view, script);

  return found != NULL && sscanf (found, "%lf %lf", out_x, out_y) == 2;
}

/* A click of the X server's pointer at @x, @y of the web view. */
static void
click (RhWindow      *window,
       WebKitWebView *web_view,
       double         x,
       double         y)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface      *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;
  double           wx, wy, sx, sy;

  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (web_view), GTK_WIDGET (window), x, y, &wx, &wy));
  /* The surface holds the window's shadow and margins too. */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  px = g_strdup_printf ("%d", (int) (wx + sx));
  py = g_strdup_printf ("%d", (int) (wy + sy));

  g_assert_true (rh_ui_test_run_xdotool ((const char *const[]){ "mousemove", "--sync", "--window", xid, px, py,
                                                                "click", "1", NULL }));
#else
  g_assert_not_reached ();
#endif
}

static gboolean
shows_other_page (gpointer data)
{
  return g_strcmp0 (webkit_web_view_get_uri (data), OTHER_URI) == 0 && !webkit_web_view_is_loading (data);
}

static void
test_action_link_clicked (void)
{
  RhApplication         *application;
  RhWindow              *window;
  WebKitWebView         *web_view;
  RhState               *state;
  g_autoptr (GListModel) bookmarks = NULL;
  double                 x, y;

  if (!rh_ui_test_can_send_keys ())
    {
      g_test_skip ("needs X11 and xdotool for a real click");
      return;
    }

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  state = rh_application_get_state (application);
  g_assert_nonnull (state);
  bookmarks = rh_state_list_bookmarks (state);

  rh_application_open_location (application, "/links/topic/links", NULL);
  g_assert_true (rh_ui_test_wait_for_load (web_view, LINKS_URI));
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 0);

  /* The action link is shown as its words, and a click on them does
   * nothing. */
  g_assert_true (find_text (web_view, "Read more", &x, &y));
  g_test_message ("“Read more” at %.0f, %.0f", x, y);
  click (window, web_view, x, y);
  rh_ui_test_wait_ms (1000);
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 0);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, LINKS_URI);

  /* The same click on the link to the library's page works: the clicks
   * above reached the page. */
  g_assert_true (find_text (web_view, "Other page", &x, &y));
  click (window, web_view, x, y);
  g_assert_true (rh_ui_test_wait_until (shows_other_page, web_view, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *home = NULL;
  g_autofree char   *content = NULL;
  g_autofree char   *file = NULL;
  int                status;

  home = rh_test_use_temporary_home ("action-links");
  content = g_build_filename (home, "content", NULL);
  g_assert_cmpint (g_mkdir_with_parents (content, 0700), ==, 0);
  file = g_build_filename (content, "links.json", NULL);
  g_assert_true (g_file_set_contents (file, links_pack, -1, &error));
  g_assert_no_error (error);
  g_setenv ("REHEARSE_CONTENT_DIR", content, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  rh_ui_test_reset_settings ();

  g_test_add_func ("/action-links/clicked", test_action_link_clicked);

  status = g_test_run ();
  rh_test_remove_tree (home);

  return status;
}
