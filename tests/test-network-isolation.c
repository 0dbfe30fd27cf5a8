/* test-network-isolation.c
 *
 * Pages whose content points at a web server in every way HTML allows
 * (images, stylesheets, frames, media, links, redirects) are rendered in
 * the real web view. The server, on 127.0.0.1, must receive nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-ui-test-util.h"

static guint n_connections;

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  static const char response[] =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  n_connections++;
  g_output_stream_write_all (out, response, sizeof response - 1, NULL, NULL, NULL);

  return FALSE;
}

static char *
hostile_answer (guint port)
{
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", port);

  return g_strdup_printf (
      "Remote things, every way Markdown and HTML can say them.\\n\\n"
      "![markdown image](%1$s/markdown.png)\\n\\n"
      "<img src=\\\"%1$s/raw.png\\\" onerror=\\\"fetch('%1$s/onerror')\\\">\\n\\n"
      "<link rel=\\\"stylesheet\\\" href=\\\"%1$s/sheet.css\\\">\\n\\n"
      "<style>@import url(%1$s/import.css); body { background: url(%1$s/bg.png) }</style>\\n\\n"
      "<iframe src=\\\"%1$s/frame.html\\\"></iframe>\\n\\n"
      "<video src=\\\"%1$s/video.mp4\\\" autoplay></video> <audio src=\\\"%1$s/a.ogg\\\" autoplay></audio>\\n\\n"
      "<object data=\\\"%1$s/object\\\"></object> <embed src=\\\"%1$s/embed\\\">\\n\\n"
      "<meta http-equiv=\\\"refresh\\\" content=\\\"0; url=%1$s/refresh\\\">\\n\\n"
      "<script src=\\\"%1$s/script.js\\\"></script><script>fetch('%1$s/inline')</script>\\n\\n"
      "<form action=\\\"%1$s/form\\\"><input type=image src=\\\"%1$s/input.png\\\"></form>\\n\\n"
      "[a link](%1$s/link) and <%1$s/autolink> and [js](javascript:fetch('%1$s/js'))\\n\\n"
      "<svg><image href=\\\"%1$s/svg.png\\\"/></svg>\\n",
      base);
}

static char *
write_library (guint port)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *answer = hostile_answer (port);
  g_autofree char   *json = NULL;
  g_autofree char   *file = NULL;
  char              *directory = g_dir_make_tmp ("rehearse-network-XXXXXX", &error);

  g_assert_no_error (error);
  json = g_strdup_printf ("{\"page\":{\"framework\":\"Net\",\"topic\":\"Remote\",\"subtopic\":\"Everything\","
                          "\"path\":\"/net/remote/everything\",\"questions\":["
                          "{\"id\":\"remote\",\"difficulty\":\"hard\",\"q\":\"<img src=%s/title.png>\",\"a\":\"%s\"}]}}",
                          "x", answer);
  file = g_build_filename (directory, "hostile.json", NULL);
  g_file_set_contents (file, json, -1, &error);
  g_assert_no_error (error);

  return directory;
}

static gboolean
has_connection (gpointer data)
{
  return n_connections > 0;
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  GSocketConnection **connection = data;

  *connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, NULL);
}

static void
test_no_request_reaches_the_network (void)
{
  g_autoptr (GSocketService)    service = g_socket_service_new ();
  g_autoptr (GSocketAddress)    any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr (GSocketAddress)    bound = NULL;
  g_autoptr (GSocketClient)     client = g_socket_client_new ();
  g_autoptr (GSocketConnection) control = NULL;
  g_autoptr (GError)            error = NULL;
  g_autofree char              *directory = NULL;
  g_autofree char              *remote = NULL;
  g_autofree char              *images = NULL;
  RhApplication                *application;
  RhWindow                     *window;
  WebKitWebView                *web_view;
  guint                         port;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), any, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), NULL);
  g_socket_service_start (service);

  directory = write_library (port);
  g_setenv ("REHEARSE_CONTENT_DIR", directory, TRUE);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);

  rh_window_open (window, "/net/remote/everything", NULL);
  g_assert_true (rh_ui_test_wait_for_load (web_view, "rehearse://library/net/remote/everything"));

  /* The page really holds the hostile content, made inert. */
  images = rh_ui_test_evaluate (web_view, "String(document.images.length + document.querySelectorAll('iframe,video,audio,object,embed,script,link[href^=http],form').length)");
  g_assert_cmpstr (images, ==, "0");
  remote = rh_ui_test_evaluate (web_view, "document.querySelector('.answer').textContent");
  g_assert_nonnull (strstr (remote, "<iframe src="));

  rh_ui_test_wait_ms (1500);
  g_assert_cmpuint (n_connections, ==, 0);

  /* A page that tries to navigate away by itself is refused too: were a
   * script to run, this is what it would do. */
  {
    g_autofree char *script = g_strdup_printf ("window.location.href = 'http://127.0.0.1:%u/navigate'; 'ok'", port);
    g_autofree char *ignored = rh_ui_test_evaluate (web_view, script);
  }
  rh_ui_test_wait_ms (1500);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "rehearse://library/net/remote/everything");

  g_assert_cmpuint (n_connections, ==, 0);

  /* Control: the server does see a connection when one is made. */
  g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (bound), NULL, on_connected, &control);
  g_assert_true (rh_ui_test_wait_until (has_connection, NULL, 5000));
  g_assert_cmpuint (n_connections, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);

  {
    g_autofree char *file = g_build_filename (directory, "hostile.json", NULL);

    g_unlink (file);
    g_rmdir (directory);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/network-isolation/no-request-reaches-the-network", test_no_request_reaches_the_network);

  return g_test_run ();
}
