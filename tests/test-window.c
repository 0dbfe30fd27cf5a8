/* test-window.c
 *
 * The real window under Xvfb: select a subtopic, then a question, and
 * check what is on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-ui-test-util.h"

#define MULTIPROCESSING_URI "rehearse://library/python/concurrency/multiprocessing"

static RhApplication *application;
static RhWindow      *window;
static WebKitWebView *web_view;

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Snapshot;

static void
on_snapshot (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Snapshot *snapshot = data;

  snapshot->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result, &snapshot->error);
  snapshot->done = TRUE;
}

static gboolean
snapshot_done (gpointer data)
{
  return ((Snapshot *) data)->done;
}

typedef struct
{
  guint    n_matches;
  gboolean done;
} MatchCount;

static void
on_counted_matches (WebKitFindController *find,
                    guint                 n_matches,
                    MatchCount           *count)
{
  count->n_matches = n_matches;
  count->done = TRUE;
}

static gboolean
count_done (gpointer data)
{
  return ((MatchCount *) data)->done;
}

static guint
count_matches (const char *text)
{
  WebKitFindController *find = webkit_web_view_get_find_controller (web_view);
  MatchCount            count = { 0, FALSE };
  gulong                handler = g_signal_connect (find, "counted-matches", G_CALLBACK (on_counted_matches), &count);

  webkit_find_controller_count_matches (find, text, WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE, 1000);
  g_assert_true (rh_ui_test_wait_until (count_done, &count, 10000));
  g_signal_handler_disconnect (find, handler);

  return count.n_matches;
}

static void
test_first_start (void)
{
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  /* The first page of the bundled library, by sidebar order. */
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "rehearse://library/git/branching/branches");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Branches");
}

static void
test_select_subtopic (void)
{
  Snapshot         snapshot = { NULL, NULL, FALSE };
  g_autofree char *heading = NULL;
  guint            n_colors;

  g_assert_true (rh_ui_test_select_row (window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (web_view, MULTIPROCESSING_URI));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Multiprocessing");
  heading = rh_ui_test_evaluate (web_view, "document.querySelector('h1').textContent");
  g_assert_cmpstr (heading, ==, "Multiprocessing");

  webkit_web_view_get_snapshot (web_view, WEBKIT_SNAPSHOT_REGION_VISIBLE, WEBKIT_SNAPSHOT_OPTIONS_NONE,
                                NULL, on_snapshot, &snapshot);
  g_assert_true (rh_ui_test_wait_until (snapshot_done, &snapshot, 10000));
  g_assert_no_error (snapshot.error);
  n_colors = rh_ui_test_count_colors (snapshot.texture);
  g_test_message ("the page's snapshot has %u colours", n_colors);
  g_assert_cmpuint (n_colors, >, 20);
  g_clear_object (&snapshot.texture);

  g_assert_cmpuint (count_matches ("Pool"), >, 0);
  g_assert_cmpuint (count_matches ("no such words anywhere here"), ==, 0);
}

static void
test_select_question (void)
{
  g_autofree char *target = NULL;
  g_autofree char *scrolled = NULL;

  g_assert_true (rh_ui_test_select_row (window, "process-vs-pool"));
  g_assert_true (rh_ui_test_wait_for_load (web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Multiprocessing");

  /* Marked current by the page's own :target rule, and scrolled to. */
  target = rh_ui_test_evaluate (web_view, "document.querySelector(':target').id");
  g_assert_cmpstr (target, ==, "q-process-vs-pool");
  scrolled = rh_ui_test_evaluate (web_view, "String(document.querySelector(':target').getBoundingClientRect().top < 200)");
  g_assert_cmpstr (scrolled, ==, "true");
}

static void
test_back_and_forward (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "page.go-back", NULL);
  g_assert_true (rh_ui_test_wait_for_load (web_view, MULTIPROCESSING_URI));
  gtk_widget_activate_action (GTK_WIDGET (window), "page.go-forward", NULL);
  g_assert_true (rh_ui_test_wait_for_load (web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
}

static gboolean
page_is_dark (gpointer data)
{
  g_autofree char *class_name = rh_ui_test_evaluate (web_view, "document.documentElement.className");

  return g_strcmp0 (class_name, data) == 0;
}

static void
test_dark_mode_follows (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (rh_ui_test_wait_until (page_is_dark, (gpointer) "dark", 5000));
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (rh_ui_test_wait_until (page_is_dark, (gpointer) "light", 5000));
}

static void
test_zoom_is_remembered (void)
{
  GSettings *settings = rh_application_get_settings (application);

  gtk_widget_activate_action (GTK_WIDGET (window), "page.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom-level"), 1.1, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (web_view), 1.1, 0.001);
  gtk_widget_activate_action (GTK_WIDGET (window), "page.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom-level"), 1.0, 0.001);
}

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
on_clipboard_text (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  ClipboardRead *read = data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* The copy button is a link into the app: following it puts the code
 * of that block, exactly, on the clipboard. */
static void
test_copy_button (void)
{
  ClipboardRead    read = { NULL, FALSE };
  g_autofree char *href = NULL;

  href = rh_ui_test_evaluate (web_view, "document.querySelector('#q-process-vs-pool .copy-button').href");
  g_assert_true (g_str_has_prefix (href, "rehearse://action/copy?q=process-vs-pool&block=0"));

  g_signal_emit_by_name (rh_ui_test_find_widget (GTK_WIDGET (window), g_type_from_name ("RhPageView")),
                         "action-link", href);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, on_clipboard_text, &read);
  g_assert_true (rh_ui_test_wait_until (clipboard_done, &read, 5000));
  g_assert_nonnull (read.text);
  g_assert_true (strstr (read.text, "Pool") != NULL || strstr (read.text, "Process") != NULL);
  g_assert_false (g_str_has_suffix (read.text, "\n"));
  g_free (read.text);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);

  g_test_add_func ("/window/first-start", test_first_start);
  g_test_add_func ("/window/select-subtopic", test_select_subtopic);
  g_test_add_func ("/window/select-question", test_select_question);
  g_test_add_func ("/window/back-and-forward", test_back_and_forward);
  g_test_add_func ("/window/dark-mode-follows", test_dark_mode_follows);
  g_test_add_func ("/window/zoom-is-remembered", test_zoom_is_remembered);
  g_test_add_func ("/window/copy-button", test_copy_button);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);

  return status;
}
