/* test-window.c
 *
 * The real window under Xvfb: select a subtopic, then a question, and
 * check what is on screen. Every case starts its own application from
 * the same state (default settings, no study data, the light style), so
 * each runs alone (`-p /window/…`) as well as in any order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"
#include "rh-imports.h"
#include "rh-page-view.h"
#include "rh-search-panel.h"
#include "rh-search-result.h"
#include "rh-sidebar.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

#define MULTIPROCESSING_URI "rehearse://library/python/concurrency/multiprocessing"

typedef struct
{
  RhApplication *application;
  RhWindow      *window;
  WebKitWebView *web_view;
} WindowFixture;

static char *home;

static void
test_window_setup (WindowFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "rehearse", NULL);

  rh_ui_test_reset_settings ();
  rh_test_remove_tree (data_dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->application = rh_ui_test_start_application ();
  fixture->window = rh_ui_test_get_window (fixture->application);
  fixture->web_view = rh_ui_test_get_web_view (fixture->window);
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, NULL));
}

static void
test_window_teardown (WindowFixture *fixture,
                      gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->application);
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Snapshot;

static void
test_window_on_snapshot (GObject      *object,
                         GAsyncResult *result,
                         gpointer      data)
{
  Snapshot *snapshot = data;

  snapshot->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result, &snapshot->error);
  snapshot->done = TRUE;
}

static gboolean
test_window_snapshot_done (gpointer data)
{
  return ((Snapshot *) data)->done;
}

typedef struct
{
  guint    n_matches;
  gboolean done;
} MatchCount;

static void
test_window_on_counted_matches (WebKitFindController *find,
                                guint                 n_matches,
                                MatchCount           *count)
{
  count->n_matches = n_matches;
  count->done = TRUE;
}

static gboolean
test_window_count_done (gpointer data)
{
  return ((MatchCount *) data)->done;
}

static guint
test_window_count_matches (WebKitWebView *web_view,
                           const char    *text)
{
  WebKitFindController *find = webkit_web_view_get_find_controller (web_view);
  MatchCount            count = { 0, FALSE };
  gulong                handler = g_signal_connect (find, "counted-matches", G_CALLBACK (test_window_on_counted_matches),
                                                    &count);

  webkit_find_controller_count_matches (find, text, WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE, 1000);
  g_assert_true (rh_ui_test_wait_until (test_window_count_done, &count, 10000));
  g_signal_handler_disconnect (find, handler);

  return count.n_matches;
}

/* Opens the Multiprocessing page at process-vs-pool, from the sidebar. */
static void
test_window_open_question (WindowFixture *fixture)
{
  g_assert_true (rh_ui_test_select_row (fixture->window, "process-vs-pool"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
}

/* The first widget under @root whose action is @action_name. */
static GtkWidget *
test_window_find_actionable (GtkWidget  *root,
                             const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_window_find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_first_start (WindowFixture *fixture,
                         gconstpointer  data)
{
  /* The first page of the bundled library, by sidebar order. */
  g_assert_cmpstr (webkit_web_view_get_uri (fixture->web_view), ==, "rehearse://library/git/basics/index");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "The Index (Staging Area)");
}

static void
test_window_select_subtopic (WindowFixture *fixture,
                             gconstpointer  data)
{
  Snapshot         snapshot = { NULL, NULL, FALSE };
  g_autofree char *heading = NULL;
  guint            n_colors;

  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Multiprocessing");
  heading = rh_ui_test_evaluate (fixture->web_view, "document.querySelector('h1').textContent");
  g_assert_cmpstr (heading, ==, "Multiprocessing");

  webkit_web_view_get_snapshot (fixture->web_view, WEBKIT_SNAPSHOT_REGION_VISIBLE, WEBKIT_SNAPSHOT_OPTIONS_NONE,
                                NULL, test_window_on_snapshot, &snapshot);
  g_assert_true (rh_ui_test_wait_until (test_window_snapshot_done, &snapshot, 10000));
  g_assert_no_error (snapshot.error);
  n_colors = rh_ui_test_count_colors (snapshot.texture);
  g_test_message ("the page's snapshot has %u colours", n_colors);
  g_assert_cmpuint (n_colors, >, 20);
  g_clear_object (&snapshot.texture);

  g_assert_cmpuint (test_window_count_matches (fixture->web_view, "Pool"), >, 0);
  g_assert_cmpuint (test_window_count_matches (fixture->web_view, "no such words anywhere here"), ==, 0);
}

static void
test_window_select_question (WindowFixture *fixture,
                             gconstpointer  data)
{
  g_autofree char *target = NULL;
  g_autofree char *scrolled = NULL;

  test_window_open_question (fixture);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Multiprocessing");

  /* Marked current by the page's own :target rule, and scrolled to. */
  target = rh_ui_test_evaluate (fixture->web_view, "document.querySelector(':target').id");
  g_assert_cmpstr (target, ==, "q-process-vs-pool");
  scrolled = rh_ui_test_evaluate (fixture->web_view,
                                  "String(document.querySelector(':target').getBoundingClientRect().top < 200)");
  g_assert_cmpstr (scrolled, ==, "true");
}

static gboolean
test_window_widget_is_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* The header bar's Back button is outside the page view, and follows the
 * page's history all the same. */
static void
test_window_back_and_forward (WindowFixture *fixture,
                              gconstpointer  data)
{
  GtkWidget *back = test_window_find_actionable (GTK_WIDGET (fixture->window), "page.go-back");

  g_assert_nonnull (back);
  g_assert_false (gtk_widget_get_sensitive (back));

  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  test_window_open_question (fixture);
  g_assert_true (rh_ui_test_wait_until (test_window_widget_is_sensitive, back, 5000));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.go-back", NULL);
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.go-forward", NULL);
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *class_name;
} ClassWait;

static gboolean
test_window_page_has_class (gpointer data)
{
  ClassWait       *wait = data;
  g_autofree char *class_name = rh_ui_test_evaluate (wait->web_view, "document.documentElement.className");

  return g_strcmp0 (class_name, wait->class_name) == 0;
}

static void
test_window_dark_mode_follows (WindowFixture *fixture,
                               gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  ClassWait        wait = { fixture->web_view, "light" };

  g_assert_true (rh_ui_test_wait_until (test_window_page_has_class, &wait, 5000));
  wait.class_name = "dark";
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (rh_ui_test_wait_until (test_window_page_has_class, &wait, 5000));
  wait.class_name = "light";
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (rh_ui_test_wait_until (test_window_page_has_class, &wait, 5000));
}

static void
test_window_zoom_is_remembered (WindowFixture *fixture,
                                gconstpointer  data)
{
  GSettings *settings = rh_application_get_settings (fixture->application);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom-level"), 1.1, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (fixture->web_view), 1.1, 0.001);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom-level"), 1.0, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (fixture->web_view), 1.0, 0.001);
}

/* "12 matches", not "No matches" nor nothing yet. */
static gboolean
test_window_label_counts_matches (gpointer data)
{
  return g_ascii_isdigit (gtk_label_get_label (data)[0]);
}

/* The find bar's count of matches, the one label styled as numbers. */
static GtkWidget *
test_window_find_matches_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "numeric"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_window_find_matches_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Ctrl+F opens the page's own find bar, which the header bar's button
 * follows, and Escape in it closes both. */
static void
test_window_find_in_page (WindowFixture *fixture,
                          gconstpointer  data)
{
  GtkWidget *page_view = rh_ui_test_find_widget (GTK_WIDGET (fixture->window), g_type_from_name ("RhPageView"));
  GtkWidget *find_bar = rh_ui_test_find_widget (page_view, GTK_TYPE_SEARCH_BAR);
  GtkWidget *entry = rh_ui_test_find_widget (find_bar, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *matches = test_window_find_matches_label (find_bar);
  GtkWidget *focus;
  gboolean   find_mode;

  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find_bar)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.find", NULL);
  g_object_get (page_view, "find-mode", &find_mode, NULL);
  g_assert_true (find_mode);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find_bar)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "Pool");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (rh_ui_test_wait_until (test_window_label_counts_matches, matches, 5000));
  g_test_message ("find bar: %s", gtk_label_get_label (GTK_LABEL (matches)));

  g_signal_emit_by_name (entry, "stop-search");
  g_object_get (page_view, "find-mode", &find_mode, NULL);
  g_assert_false (find_mode);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find_bar)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (matches)), ==, "");
}

static GdkTexture *
test_window_snapshot (WebKitWebView *web_view)
{
  Snapshot snapshot = { NULL, NULL, FALSE };

  webkit_web_view_get_snapshot (web_view, WEBKIT_SNAPSHOT_REGION_VISIBLE,
                                WEBKIT_SNAPSHOT_OPTIONS_INCLUDE_SELECTION_HIGHLIGHTING, NULL, test_window_on_snapshot,
                                &snapshot);
  g_assert_true (rh_ui_test_wait_until (test_window_snapshot_done, &snapshot, 10000));
  g_assert_no_error (snapshot.error);

  return snapshot.texture;
}

typedef gboolean (*PixelTest) (guint red,
                               guint green,
                               guint blue);

/* WebKit's marks of the other matches: pure yellow. */
static gboolean
test_window_is_match_yellow (guint red,
                             guint green,
                             guint blue)
{
  return red > 240 && green > 240 && blue < 40;
}

/* The current match, drawn apart: a strong blue, never a tint. */
static gboolean
test_window_is_strong_blue (guint red,
                            guint green,
                            guint blue)
{
  return (int) blue - (int) red > 100;
}

/* How many pixels of @texture inside the rectangle (all of it if @width
 * is 0) pass @test. */
static guint
test_window_count_pixels (GdkTexture *texture,
                          PixelTest   test,
                          int         x,
                          int         y,
                          int         width,
                          int         height)
{
  int                texture_width = gdk_texture_get_width (texture);
  int                texture_height = gdk_texture_get_height (texture);
  gsize              stride = (gsize) texture_width * 4;
  g_autofree guchar *pixels = g_malloc (stride * texture_height);
  guint              n = 0;

  if (width == 0)
    {
      x = y = 0;
      width = texture_width;
      height = texture_height;
    }

  gdk_texture_download (texture, pixels, stride);
  /* Cairo's order on a little-endian machine: blue, green, red, alpha. */
  for (int row = MAX (y, 0); row < MIN (y + height, texture_height); row++)
    for (int column = MAX (x, 0); column < MIN (x + width, texture_width); column++)
      {
        const guchar *pixel = pixels + row * stride + column * 4;

        if (test (pixel[2], pixel[1], pixel[0]))
          n++;
      }

  return n;
}

static gboolean
test_window_label_says_no_matches (gpointer data)
{
  return g_strcmp0 (gtk_label_get_label (data), "No matches") == 0;
}

/* Yellow pixels in the page's own snapshot, and on screen, where a mark
 * left unpainted would still show. */
static guint
test_window_count_yellow (WindowFixture *fixture)
{
  g_autoptr (GdkTexture) texture = test_window_snapshot (fixture->web_view);
  guint                  yellow = test_window_count_pixels (texture, test_window_is_match_yellow, 0, 0, 0, 0);

  g_clear_object (&texture);
  if ((texture = rh_ui_test_capture_window (GTK_WINDOW (fixture->window))) != NULL)
    {
      guint on_screen = test_window_count_pixels (texture, test_window_is_match_yellow, 0, 0, 0, 0);

      g_test_message ("on screen: %u yellow pixels", on_screen);
      yellow += on_screen;
    }

  return yellow;
}

static gboolean
test_window_shows_no_yellow (gpointer data)
{
  return test_window_count_yellow (data) == 0;
}

/* Find in page: the current match stands apart from the others, and a
 * search that finds nothing leaves nothing marked and the page where it
 * was. */
static void
test_window_find_current_and_nothing (WindowFixture *fixture,
                                      gconstpointer  data)
{
  GtkWidget             *page_view = rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_PAGE_VIEW);
  GtkWidget             *find_bar = rh_ui_test_find_widget (page_view, GTK_TYPE_SEARCH_BAR);
  GtkWidget             *entry = rh_ui_test_find_widget (find_bar, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget             *matches = test_window_find_matches_label (find_bar);
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char       *before = NULL;
  g_autofree char       *after = NULL;
  g_autofree char       *rect = NULL;
  g_autofree char       *selected = NULL;
  double                 x, y, width, height;
  guint                  yellow, blue;

  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.find", NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), "pool");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (rh_ui_test_wait_until (test_window_label_counts_matches, matches, 5000));
  for (guint i = 0; i < 6; i++)
    {
      g_signal_emit_by_name (entry, "activate");
      rh_ui_test_wait_ms (150);
    }
  rh_ui_test_wait_ms (1000);

  /* The current match is the page's selection: where it is, the page is
   * solid blue; elsewhere the other matches are yellow. */
  rect = rh_ui_test_evaluate (fixture->web_view,
                              "(() => { const s = getSelection (); if (!s.rangeCount) return ''; "
                              "const r = s.getRangeAt (0).getBoundingClientRect (); "
                              "return [r.x, r.y, r.width, r.height].join (' '); }) ()");
  g_test_message ("current match at %s", rect);
  g_assert_cmpint (sscanf (rect, "%lf %lf %lf %lf", &x, &y, &width, &height), ==, 4);
  texture = test_window_snapshot (fixture->web_view);
  yellow = test_window_count_pixels (texture, test_window_is_match_yellow, 0, 0, 0, 0);
  blue = test_window_count_pixels (texture, test_window_is_strong_blue, (int) x, (int) y, (int) width, (int) height);
  g_test_message ("other matches: %u yellow pixels; the current one: %u of %.0f strong blue", yellow, blue,
                  width * height);
  g_assert_cmpuint (yellow, >, 0);
  g_assert_cmpfloat (blue, >, width * height / 3);
  g_clear_object (&texture);
  before = rh_ui_test_evaluate (fixture->web_view, "String(window.scrollY)");

  /* Typed on, letter by letter, past the last match. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "poolq");
  g_signal_emit_by_name (entry, "search-changed");
  rh_ui_test_wait_ms (200);
  gtk_editable_set_text (GTK_EDITABLE (entry), "poolqq");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (rh_ui_test_wait_until (test_window_label_says_no_matches, matches, 5000));
  /* The marks go with the next frame, which a busy machine paints late. */
  rh_ui_test_wait_until (test_window_shows_no_yellow, fixture, 10000);
  yellow = test_window_count_yellow (fixture);
  selected = rh_ui_test_evaluate (fixture->web_view, "String(getSelection ().rangeCount)");
  g_test_message ("nothing found: %u yellow pixels, %s selected", yellow, selected);
  g_assert_cmpuint (yellow, ==, 0);
  g_assert_cmpstr (selected, ==, "0");
  after = rh_ui_test_evaluate (fixture->web_view, "String(window.scrollY)");
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
test_window_on_clipboard_text (GObject      *object,
                               GAsyncResult *result,
                               gpointer      data)
{
  ClipboardRead *read = data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
test_window_clipboard_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* The copy button is a link into the app: following it puts the code
 * of that block, exactly, on the clipboard. */
static void
test_window_copy_button (WindowFixture *fixture,
                         gconstpointer  data)
{
  ClipboardRead    read = { NULL, FALSE };
  g_autofree char *href = NULL;

  test_window_open_question (fixture);
  href = rh_ui_test_evaluate (fixture->web_view, "document.querySelector('#q-process-vs-pool .copy-button').href");
  g_assert_true (g_str_has_prefix (href, "rehearse://action/copy?q=process-vs-pool&block=0"));

  g_signal_emit_by_name (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), g_type_from_name ("RhPageView")),
                         "action-link", href);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 test_window_on_clipboard_text, &read);
  g_assert_true (rh_ui_test_wait_until (test_window_clipboard_done, &read, 5000));
  g_assert_nonnull (read.text);
  g_assert_true (strstr (read.text, "Pool") != NULL || strstr (read.text, "Process") != NULL);
  g_assert_false (g_str_has_suffix (read.text, "\n"));
  g_free (read.text);
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *question_id;
  gboolean       active;
} StarWait;

static gboolean
test_window_star_is (gpointer data)
{
  StarWait        *wait = data;
  g_autofree char *script = g_strdup_printf ("String(document.querySelector('#q-%s .star').classList.contains('active'))",
                                             wait->question_id);
  g_autofree char *active = rh_ui_test_evaluate (wait->web_view, script);

  return g_str_equal (active, wait->active ? "true" : "false");
}

static char *
test_window_scroll_y (WebKitWebView *web_view)
{
  return rh_ui_test_evaluate (web_view, "String(window.scrollY)");
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *y;
} ScrollWait;

static gboolean
test_window_is_scrolled_to (gpointer data)
{
  ScrollWait      *wait = data;
  g_autofree char *y = test_window_scroll_y (wait->web_view);

  return g_strcmp0 (y, wait->y) == 0;
}

/* The library changes under the page being read, as an import does:
 * the reader keeps their place. */
static void
test_window_import_keeps_place (WindowFixture *fixture,
                                gconstpointer  data)
{
  RhLibrary                  *library = rh_application_get_library (fixture->application);
  RhState                    *state = rh_application_get_state (fixture->application);
  g_autofree char            *file = g_build_filename (home, "select.json", NULL);
  g_autoptr (RhImportSummary) summary = NULL;
  g_autoptr (GError)          error = NULL;
  g_autofree char            *scrolled = NULL;
  g_autofree char            *after = NULL;
  ScrollWait                  wait = { fixture->web_view, "900" };

  g_file_set_contents (file,
                       "{\"page\":{\"framework\":\"Go\",\"topic\":\"Channels\",\"subtopic\":\"Select\","
                       "\"path\":\"/go/channels/select\",\"questions\":[{\"id\":\"default-case\","
                       "\"difficulty\":\"easy\",\"q\":\"What does `default` do?\",\"a\":\"It runs at once.\"}]}}",
                       -1, &error);
  g_assert_no_error (error);

  test_window_open_question (fixture);
  scrolled = rh_ui_test_evaluate (fixture->web_view, "window.scrollTo(0, 900); String(window.scrollY)");
  g_assert_cmpstr (scrolled, ==, "900");
  rh_ui_test_wait_ms (800);

  summary = rh_imports_add (library, state, (const char *const *) &file, 1);
  g_assert_cmpuint (summary->n_pages, ==, 1);
  rh_ui_test_wait_ms (500);
  /* The page may be drawn again first: the place comes back after. */
  rh_ui_test_wait_until (test_window_is_scrolled_to, &wait, 5000);

  g_assert_cmpstr (webkit_web_view_get_uri (fixture->web_view), ==, MULTIPROCESSING_URI "#q-process-vs-pool");
  after = test_window_scroll_y (fixture->web_view);
  g_test_message ("scrolled to %s after the import", after);
  g_assert_true (test_window_is_scrolled_to (&wait));
}

/* A newer copy of the Multiprocessing page, from the bundled one: one
 * answer says more, and the date is later, so that it replaces it. */
static char *
test_window_write_newer_multiprocessing (void)
{
  g_autofree char        *bundled = g_build_filename (g_getenv ("REHEARSE_CONTENT_DIR"), "python.json", NULL);
  g_autofree char        *file = g_build_filename (home, "multiprocessing-newer.json", NULL);
  g_autoptr (JsonParser)  parser = json_parser_new ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode)    pack = NULL;
  g_autoptr (GError)      error = NULL;
  g_autofree char        *text = NULL;
  JsonArray              *pages;
  JsonObject             *page = NULL;

  json_parser_load_from_file (parser, bundled, &error);
  g_assert_no_error (error);
  pages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "pages");
  for (guint i = 0; i < json_array_get_length (pages) && page == NULL; i++)
    {
      JsonObject *candidate = json_array_get_object_element (pages, i);

      if (g_strcmp0 (json_object_get_string_member (candidate, "path"), "/python/concurrency/multiprocessing") == 0)
        page = candidate;
    }
  g_assert_nonnull (page);

  json_object_set_string_member (page, "updated", "2099-01-01");
  {
    JsonObject      *first = json_array_get_object_element (json_object_get_array_member (page, "questions"), 0);
    g_autofree char *answer = g_strconcat (json_object_get_string_member (first, "a"), "\n\nRevised in the newer copy.", NULL);

    json_object_set_string_member (first, "a", answer);
  }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "rehearse-pack");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "pages");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), page));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  pack = json_builder_get_root (builder);
  text = json_to_string (pack, FALSE);
  g_file_set_contents (file, text, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&file);
}

static gboolean
test_window_shows_revised (gpointer data)
{
  g_autofree char *found = rh_ui_test_evaluate (data, "String(document.body.textContent.includes('Revised in the newer copy.'))");

  return g_str_equal (found, "true");
}

/* A newer copy of the page being read, imported: the page shows it, and
 * the reader is still where they were, not back at their question. */
static void
test_window_import_of_page_keeps_place (WindowFixture *fixture,
                                        gconstpointer  data)
{
  g_autofree char    *file = test_window_write_newer_multiprocessing ();
  g_autoptr (GFile)   newer = g_file_new_for_path (file);
  g_autofree char    *scrolled = NULL;
  g_autofree char    *after = NULL;
  g_autoptr (GObject) selected = NULL;
  ScrollWait          wait = { fixture->web_view, "900" };

  test_window_open_question (fixture);
  scrolled = rh_ui_test_evaluate (fixture->web_view, "window.scrollTo(0, 900); String(window.scrollY)");
  g_assert_cmpstr (scrolled, ==, "900");
  rh_ui_test_wait_ms (800);

  rh_window_import_files (fixture->window, &newer, 1);
  g_assert_true (rh_ui_test_wait_until (test_window_shows_revised, fixture->web_view, 10000));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, NULL));
  rh_ui_test_wait_until (test_window_is_scrolled_to, &wait, 5000);
  after = test_window_scroll_y (fixture->web_view);
  g_test_message ("%s, scrolled to %s after the import", webkit_web_view_get_uri (fixture->web_view), after);
  g_assert_true (test_window_is_scrolled_to (&wait));
  g_assert_cmpstr (webkit_web_view_get_uri (fixture->web_view), ==, MULTIPROCESSING_URI "#q-process-vs-pool");

  /* The sidebar still has the reader's question selected. */
  selected = rh_sidebar_get_selected_item (RH_SIDEBAR (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_SIDEBAR)));
  g_assert_true (RH_IS_QUESTION (selected));
  g_assert_cmpstr (rh_question_get_id (RH_QUESTION (selected)), ==, "process-vs-pool");
}

/* Bookmarks that change behind the window's back, through the state or
 * an import, show on the open page at once, and the reader keeps their
 * place in it. */
static void
test_window_stars_follow_state (WindowFixture *fixture,
                                gconstpointer  data)
{
  RhState           *state = rh_application_get_state (fixture->application);
  RhLibrary         *library = rh_application_get_library (fixture->application);
  RhQuestion        *question = rh_library_lookup_question (library, "/python/concurrency/multiprocessing",
                                                            "process-vs-pool");
  g_autofree char   *file = g_build_filename (home, "bookmarks.json", NULL);
  g_autofree char   *scrolled = NULL;
  g_autofree char   *after = NULL;
  g_autoptr (GError) error = NULL;
  StarWait           wait = { fixture->web_view, "process-vs-pool", FALSE };
  gboolean           bookmarked;
  guint              added;

  g_assert_nonnull (state);
  g_assert_nonnull (question);
  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  g_assert_true (test_window_star_is (&wait));
  scrolled = rh_ui_test_evaluate (fixture->web_view, "window.scrollTo(0, 300); String(window.scrollY)");
  g_assert_cmpstr (scrolled, ==, "300");

  g_assert_true (rh_state_toggle_bookmark (state, question, &bookmarked, &error));
  g_assert_no_error (error);
  g_assert_true (bookmarked);
  wait.active = TRUE;
  g_assert_true (rh_ui_test_wait_until (test_window_star_is, &wait, 5000));
  after = test_window_scroll_y (fixture->web_view);
  g_assert_cmpstr (after, ==, "300");
  g_clear_pointer (&after, g_free);

  /* Taken off again, then brought back by importing what was exported. */
  g_assert_true (rh_state_export_bookmarks (state, file, &error));
  g_assert_no_error (error);
  g_assert_true (rh_state_toggle_bookmark (state, question, &bookmarked, &error));
  g_assert_false (bookmarked);
  wait.active = FALSE;
  g_assert_true (rh_ui_test_wait_until (test_window_star_is, &wait, 5000));

  g_assert_true (rh_state_import_bookmarks (state, file, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  wait.active = TRUE;
  g_assert_true (rh_ui_test_wait_until (test_window_star_is, &wait, 5000));
  after = test_window_scroll_y (fixture->web_view);
  g_assert_cmpstr (after, ==, "300");

  /* A page left and come back to is up to date as well, however WebKit
   * brings it back. */
  g_assert_true (rh_ui_test_select_row (fixture->window, "Branches"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, "rehearse://library/git/branching/branches"));
  g_assert_true (rh_state_toggle_bookmark (state, question, &bookmarked, &error));
  g_assert_false (bookmarked);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.go-back", NULL);
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  wait.active = FALSE;
  g_assert_true (rh_ui_test_wait_until (test_window_star_is, &wait, 5000));
}

typedef struct
{
  RhState *state;
  guint    n;
} BookmarkCount;

static gboolean
test_window_has_bookmarks (gpointer data)
{
  BookmarkCount         *count = data;
  g_autoptr (GListModel) bookmarks = rh_state_list_bookmarks (count->state);

  return g_list_model_get_n_items (bookmarks) == count->n;
}

static gboolean
test_window_shows_text (GtkWidget  *widget,
                        const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (test_window_shows_text (child, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
test_window_toast_says (gpointer data)
{
  LabelWait *wait = data;

  return test_window_shows_text (wait->window, wait->text);
}

static gboolean
test_window_import_error_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)), data) != NULL)
        {
          gtk_window_destroy (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* Importing bookmarks from the window runs beside its loop: the actions
 * wait while it does, a toast tells of it, and a bad file says where. */
static void
test_window_import_bookmarks (WindowFixture *fixture,
                              gconstpointer  data)
{
  RhState            *state = rh_application_get_state (fixture->application);
  g_autoptr (GString) text = g_string_new ("{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[");
  g_autofree char    *file = NULL;
  g_autofree char    *bad = NULL;
  g_autofree char    *expected = NULL;
  g_autoptr (GFile)   gfile = NULL;
  g_autoptr (GFile)   bad_file = NULL;
  BookmarkCount       count = { state, 2000 };

  for (guint i = 0; i < count.n; i++)
    g_string_append_printf (text, "%s{\"path\":\"/a/b/c\",\"id\":\"q%u\",\"created\":\"1900-01-01T00:00:%02uZ\"}",
                            i > 0 ? "," : "", i, i % 60);
  g_string_append (text, "]}");
  file = rh_test_write_temp ("window-bookmarks.json", text->str, text->len);
  gfile = g_file_new_for_path (file);

  rh_window_import_bookmarks (fixture->window, gfile);
  /* Nothing is written before the loop runs; a toast says what is. */
  g_assert_true (test_window_has_bookmarks (&(BookmarkCount){ state, 0 }));
  g_assert_true (test_window_shows_text (GTK_WIDGET (fixture->window), "Reading the bookmarks…"));
  g_assert_true (rh_ui_test_wait_until (test_window_has_bookmarks, &count, 10000));
  g_assert_true (rh_ui_test_wait_until (test_window_toast_says,
                                        &(LabelWait){ GTK_WIDGET (fixture->window), "2000 bookmarks imported" }, 5000));

  bad = rh_test_write_temp ("window-bad.json",
                            "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                            "{\"path\":\"/a/b/c\",\"id\":\"new\"},{\"path\":\"/a/b/c\",\"id\":\"x\","
                            "\"created\":\"+10000-01-01T00:00:00Z\"}]}",
                            -1);
  bad_file = g_file_new_for_path (bad);
  expected = g_strdup_printf ("%s: bookmarks[1].created: “+10000-01-01T00:00:00Z” is outside the years 1 to 9999", bad);
  rh_window_import_bookmarks (fixture->window, bad_file);
  g_assert_true (rh_ui_test_wait_until (test_window_import_error_shown, expected, 10000));
  g_assert_true (test_window_has_bookmarks (&count));
}

/* A star clicked in one window lights in every window showing that
 * question. */
static void
test_window_stars_follow_other_window (WindowFixture *fixture,
                                       gconstpointer  data)
{
  RhWindow      *second = rh_window_new (fixture->application);
  WebKitWebView *second_view = rh_ui_test_get_web_view (second);
  StarWait       wait = { second_view, "process-vs-pool", FALSE };

  gtk_window_present (GTK_WINDOW (second));
  test_window_open_question (fixture);
  rh_window_open (second, "/python/concurrency/multiprocessing", "process-vs-pool");
  g_assert_true (rh_ui_test_wait_for_load (second_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
  g_assert_true (test_window_star_is (&wait));

  g_signal_emit_by_name (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), g_type_from_name ("RhPageView")),
                         "action-link", "rehearse://action/bookmark?q=process-vs-pool");
  wait.active = TRUE;
  g_assert_true (rh_ui_test_wait_until (test_window_star_is, &wait, 5000));

  gtk_window_destroy (GTK_WINDOW (second));
}

/* What GNOME Shell's search provider does when the user clicks the app's
 * icon among the results: app.search with the terms. */
static void
test_window_app_search (WindowFixture *fixture,
                        gconstpointer  data)
{
  RhSearchPanel *panel = RH_SEARCH_PANEL (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_SEARCH_PANEL));
  GtkWidget     *focus;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "search",
                                  g_variant_new_string ("asyncio gather"));

  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (fixture->application)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_cmpstr (rh_search_panel_get_text (panel), ==, "asyncio gather");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (panel)));
}

/* The item of the sidebar row with the keyboard focus, if it has it. */
static GObject *
test_window_focused_item (WindowFixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  GtkWidget *expander = focus ? rh_ui_test_find_widget (focus, GTK_TYPE_TREE_EXPANDER) : NULL;

  if (focus == NULL || expander == NULL ||
      !gtk_widget_is_ancestor (focus, rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_SIDEBAR)))
    return NULL;

  return gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
}

static gboolean
test_window_focus_is_in (WindowFixture *fixture,
                         GType          type)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  GtkWidget *widget = rh_ui_test_find_widget (GTK_WIDGET (fixture->window), type);

  return focus != NULL && widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

typedef struct
{
  RhState       *state;
  RhQuestionRef *ref;
} BookmarkWait;

static gboolean
test_window_is_bookmarked (gpointer data)
{
  BookmarkWait *wait = data;

  return rh_state_is_bookmarked (wait->state, wait->ref);
}

#define SKIP_WITHOUT_KEYS()                                \
  G_STMT_START                                             \
  {                                                        \
    if (!rh_ui_test_can_send_keys ())                      \
      {                                                    \
        g_test_skip ("typing keys needs X11 and xdotool"); \
        return;                                            \
      }                                                    \
  }                                                        \
  G_STMT_END

static GtkWindow *
test_window_find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        return toplevel;
    }

  return NULL;
}

static gboolean
test_window_shortcuts_window_is_shown (gpointer data)
{
  GtkWindow *shortcuts_window = test_window_find_shortcuts_window ();

  return shortcuts_window != NULL && gtk_widget_get_mapped (GTK_WIDGET (shortcuts_window));
}

/* Ctrl+? shows the shortcuts window over the window it was pressed in.
 * It is made then, not with every window, and is the same one after it
 * was closed. GTK 4.8 warns that the labels of the window's own page
 * buttons ("1", "2") measure below zero, while showing them right; so
 * here warnings are not fatal, criticals still are. */
static void
test_window_shortcuts_window_on_demand (WindowFixture *fixture,
                                        gconstpointer  data)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->application),
                                                                 "win.show-help-overlay");
  GtkWindow     *shortcuts_window;
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>question"));
  g_assert_null (test_window_find_shortcuts_window ());

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  g_assert_true (rh_ui_test_wait_until (test_window_shortcuts_window_is_shown, NULL, 5000));
  shortcuts_window = test_window_find_shortcuts_window ();
  g_assert_true (gtk_window_get_transient_for (shortcuts_window) == GTK_WINDOW (fixture->window));

  gtk_window_close (shortcuts_window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts_window)));
  g_assert_true (test_window_find_shortcuts_window () == shortcuts_window);

  if (!rh_ui_test_can_send_keys ())
    {
      g_log_set_always_fatal (fatal);
      g_test_skip ("typing keys needs X11 and xdotool");
      return;
    }
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+question");
  g_assert_true (rh_ui_test_wait_until (test_window_shortcuts_window_is_shown, NULL, 5000));
  g_assert_true (test_window_find_shortcuts_window () == shortcuts_window);
  gtk_window_close (shortcuts_window);
  g_log_set_always_fatal (fatal);
}

/* The sidebar with the keyboard alone, as every GNOME tree: the focus
 * is on the page just opened, Right opens its row and then goes into
 * it, Enter opens the question there, and Ctrl+D bookmarks it. */
static void
test_window_sidebar_keyboard (WindowFixture *fixture,
                              gconstpointer  data)
{
  RhState                  *state = rh_application_get_state (fixture->application);
  g_autoptr (RhQuestionRef) first = rh_question_ref_new ("/python/concurrency/multiprocessing", "process-vs-pool");
  g_autoptr (GListModel)    bookmarks = rh_state_list_bookmarks (state);
  g_autoptr (GObject)       item = NULL;
  g_autofree char          *scrolled = NULL;
  BookmarkWait              wait = { state, first };

  SKIP_WITHOUT_KEYS ();

  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  /* Read to its end: the question at the top is the page's last, so
   * that Ctrl+D on the page alone would bookmark another. */
  scrolled = rh_ui_test_evaluate (fixture->web_view, "window.scrollTo(0, document.body.scrollHeight); String(window.scrollY > 0)");
  g_assert_cmpstr (scrolled, ==, "true");

  /* The keyboard is where the selection is. */
  item = test_window_focused_item (fixture);
  g_assert_true (RH_IS_SUBTOPIC (item));
  g_assert_cmpstr (rh_subtopic_get_path (RH_SUBTOPIC (item)), ==, "/python/concurrency/multiprocessing");
  g_clear_object (&item);

  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Right");
  item = test_window_focused_item (fixture);
  g_assert_true (RH_IS_SUBTOPIC (item));
  g_clear_object (&item);

  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Down Return");
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
  item = test_window_focused_item (fixture);
  g_assert_true (RH_IS_QUESTION (item));
  g_assert_cmpstr (rh_question_get_id (RH_QUESTION (item)), ==, "process-vs-pool");
  g_clear_object (&item);

  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+d");
  g_assert_true (rh_ui_test_wait_until (test_window_is_bookmarked, &wait, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 1);

  /* Left goes back up to the page, then closes it. */
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Left");
  item = test_window_focused_item (fixture);
  g_assert_true (RH_IS_SUBTOPIC (item));
  g_clear_object (&item);
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Left Left");
  item = test_window_focused_item (fixture);
  g_assert_true (RH_IS_TOPIC (item));
  g_assert_cmpstr (rh_topic_get_slug (RH_TOPIC (item)), ==, "concurrency");

  /* * opens the row and every row inside it; - closes it; + opens it. */
  {
    GtkListView               *list_view = GTK_LIST_VIEW (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW));
    GListModel                *rows = G_LIST_MODEL (gtk_list_view_get_model (list_view));
    g_autoptr (GtkTreeListRow) topic = NULL;
    guint                      n_pages = 0, n_open = 0;

    rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "asterisk");
    for (guint i = 0; i < g_list_model_get_n_items (rows) && topic == NULL; i++)
      {
        g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
        g_autoptr (GObject)        row_item = gtk_tree_list_row_get_item (row);

        if (row_item == item)
          topic = g_steal_pointer (&row);
      }
    g_assert_nonnull (topic);
    g_assert_true (gtk_tree_list_row_get_expanded (topic));
    for (guint i = 0;; i++)
      {
        g_autoptr (GtkTreeListRow) page = gtk_tree_list_row_get_child_row (topic, i);

        if (page == NULL)
          break;
        n_pages++;
        if (!gtk_tree_list_row_is_expandable (page) || gtk_tree_list_row_get_expanded (page))
          n_open++;
      }
    g_assert_cmpuint (n_pages, >, 1);
    g_assert_cmpuint (n_open, ==, n_pages);

    rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "minus");
    g_assert_false (gtk_tree_list_row_get_expanded (topic));
    rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "plus");
    g_assert_true (gtk_tree_list_row_get_expanded (topic));
  }
}

static GtkWidget *
test_window_find_label (GtkWidget  *root,
                        const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_window_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTreeListRow *
test_window_find_sidebar_row (WindowFixture *fixture,
                              GType          type)
{
  GtkListView       *list_view = GTK_LIST_VIEW (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW));
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr (GObject)        item = gtk_tree_list_row_get_item (row);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        return g_steal_pointer (&row);
    }

  return NULL;
}

/* Bookmarks in the sidebar: while there are none, the folder says how
 * to make one; each shows the page it is on, and its menu removes it,
 * with an Undo. Ctrl+D's toast has an Undo as well. */
static void
test_window_bookmark_rows (WindowFixture *fixture,
                           gconstpointer  data)
{
  RhState                   *state = rh_application_get_state (fixture->application);
  g_autoptr (RhQuestionRef)  ref = rh_question_ref_new ("/python/concurrency/multiprocessing", "process-vs-pool");
  g_autoptr (GListModel)     bookmarks = rh_state_list_bookmarks (state);
  g_autoptr (GtkTreeListRow) folder = test_window_find_sidebar_row (fixture, RH_TYPE_BOOKMARKS_FOLDER);
  GtkWidget                 *undo;
  BookmarkWait               wait = { state, ref };

  SKIP_WITHOUT_KEYS ();

  g_assert_nonnull (folder);
  gtk_tree_list_row_set_expanded (folder, TRUE);
  rh_ui_test_wait_ms (100);
  g_assert_nonnull (test_window_find_label (GTK_WIDGET (fixture->window),
                                            "No bookmarks yet. Click the ☆ beside a question, or press Ctrl+D, to keep it here."));

  test_window_open_question (fixture);
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+d");
  g_assert_true (rh_ui_test_wait_until (test_window_is_bookmarked, &wait, 5000));
  g_assert_null (test_window_find_label (GTK_WIDGET (fixture->window),
                                         "No bookmarks yet. Click the ☆ beside a question, or press Ctrl+D, to keep it here."));
  g_assert_nonnull (test_window_find_label (GTK_WIDGET (fixture->window), "Python › Multiprocessing"));

  /* Ctrl+D's Undo takes the bookmark back off. */
  undo = test_window_find_label (GTK_WIDGET (fixture->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON), "clicked");
  g_assert_false (rh_state_is_bookmarked (state, ref));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+d");
  g_assert_true (rh_ui_test_wait_until (test_window_is_bookmarked, &wait, 5000));

  /* The bookmark's own menu, from the keyboard: the row after the
   * folder's, with the Menu key. */
  {
    g_autoptr (GtkTreeListRow) row = test_window_find_sidebar_row (fixture, RH_TYPE_BOOKMARK);
    GtkListView               *list_view = GTK_LIST_VIEW (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW));
    g_autoptr (GObject)        item = NULL;

    /* From another page, the bookmark opens its question and stays the
     * selected row, so that the keyboard goes on through the bookmarks. */
    g_assert_true (rh_ui_test_select_row (fixture->window, "Branches"));
    g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, "rehearse://library/git/branching/branches"));
    g_assert_nonnull (row);
    gtk_widget_activate_action (GTK_WIDGET (list_view), "list.select-item", "(ubb)", gtk_tree_list_row_get_position (row),
                                FALSE, FALSE);
    g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
    gtk_widget_grab_focus (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_SIDEBAR));
    item = test_window_focused_item (fixture);
    g_assert_true (RH_IS_BOOKMARK (item));
  }
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Menu");
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Return");
  g_assert_false (rh_state_is_bookmarked (state, ref));
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, 0);

  /* The toast before it has gone for this one. */
  rh_ui_test_wait_ms (1000);
  undo = test_window_find_label (GTK_WIDGET (fixture->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON), "clicked");
  g_assert_true (rh_state_is_bookmarked (state, ref));
}

static gboolean
test_window_is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static GtkWidget *
test_window_find_by_icon (GtkWidget  *root,
                          const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_window_find_by_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
test_window_label_is (gpointer data)
{
  GtkLabel **label_and_text = data;

  return g_strcmp0 (gtk_label_get_label (label_and_text[0]), (const char *) label_and_text[1]) == 0;
}

static gboolean
test_window_widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static guint
test_window_count_actionable (GtkWidget  *root,
                              const char *action_name)
{
  guint count = GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    count += test_window_count_actionable (child, action_name);

  return count;
}

/* Each main menu is made when it first opens, with the zoom row at its
 * top that follows the page, and the menu's items. */
static void
test_window_main_menu_made_on_open (WindowFixture *fixture,
                                    gconstpointer  data)
{
  GtkWidget  *menu_button = test_window_find_by_icon (GTK_WIDGET (fixture->window), "open-menu-symbolic");
  GtkWidget  *popover;
  GtkWidget  *zoom_reset;
  GMenuModel *model;
  gpointer    label_and_text[2];

  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_get_sensitive (menu_button));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (rh_ui_test_wait_until (test_window_widget_is_mapped, popover, 5000));

  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), >=, 2);
  g_assert_nonnull (test_window_find_actionable (popover, "page.zoom-in"));
  g_assert_nonnull (test_window_find_actionable (popover, "page.zoom-out"));
  zoom_reset = test_window_find_actionable (popover, "page.zoom-reset");
  g_assert_nonnull (zoom_reset);

  label_and_text[0] = gtk_button_get_child (GTK_BUTTON (zoom_reset));
  label_and_text[1] = "110%";
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.zoom-in", NULL);
  g_assert_true (rh_ui_test_wait_until (test_window_label_is, label_and_text, 5000));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "page.zoom-reset", NULL);

  /* Opened again, it is the same menu, with one zoom row. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_true (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))) == popover);
  g_assert_cmpuint (test_window_count_actionable (popover, "page.zoom-in"), ==, 1);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Down to a phone's 360 pixels, even with a sidebar made wide: folded,
 * a sidebar button brings the library back, and the main menu is there
 * on either side. */
static void
test_window_narrow (WindowFixture *fixture,
                    gconstpointer  data)
{
  GSettings *settings = rh_application_get_settings (fixture->application);
  RhWindow  *window;
  GtkWidget *leaflet;
  GtkWidget *show_sidebar;
  int        minimum;

  /* Library and page each have a look of their own. */
  g_assert_nonnull (test_window_find_by_icon (GTK_WIDGET (fixture->window), "system-search-symbolic"));
  g_assert_nonnull (test_window_find_by_icon (GTK_WIDGET (fixture->window), "rehearse-find-in-page-symbolic"));
  g_assert_null (test_window_find_by_icon (GTK_WIDGET (fixture->window), "edit-find-symbolic"));

  g_settings_set_int (settings, "sidebar-width", 600);
  window = rh_window_new (fixture->application);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  leaflet = rh_ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET);
  g_assert_true (rh_ui_test_wait_until (test_window_is_folded, leaflet, 5000));

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the window's narrowest: %d pixels, its frame included", minimum);
  g_assert_cmpint (minimum, <=, 360);

  /* The page, with one button to the library, not two arrows. */
  show_sidebar = test_window_find_actionable (GTK_WIDGET (window), "win.show-sidebar");
  g_assert_nonnull (show_sidebar);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (show_sidebar)), ==, "sidebar-show-symbolic");
  g_assert_true (gtk_widget_get_mapped (show_sidebar));
  g_assert_true (gtk_widget_get_mapped (test_window_find_actionable (GTK_WIDGET (window), "page.go-back")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL);
  rh_ui_test_wait_ms (500);
  {
    GtkWidget *sidebar_pane = gtk_widget_get_ancestor (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_SIDEBAR),
                                                       GTK_TYPE_BOX);
    GtkWidget *menu;

    while (gtk_widget_get_parent (sidebar_pane) != leaflet)
      sidebar_pane = gtk_widget_get_parent (sidebar_pane);
    menu = test_window_find_by_icon (sidebar_pane, "open-menu-symbolic");
    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_mapped (menu));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Alt+Left and Alt+Right wherever the keyboard is: the sidebar, the
 * page, the search panel. */
static void
test_window_history_keys (WindowFixture *fixture,
                          gconstpointer  data)
{
  SKIP_WITHOUT_KEYS ();

  g_assert_true (rh_ui_test_select_row (fixture->window, "Multiprocessing"));
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  test_window_open_question (fixture);

  g_assert_true (test_window_focus_is_in (fixture, RH_TYPE_SIDEBAR));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "alt+Left");
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "alt+Right");
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));

  /* F6 into the page. */
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "F6");
  g_assert_true (test_window_focus_is_in (fixture, RH_TYPE_PAGE_VIEW));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "alt+Left");
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI));
  g_assert_true (test_window_focus_is_in (fixture, RH_TYPE_PAGE_VIEW));

  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+k");
  g_assert_true (test_window_focus_is_in (fixture, RH_TYPE_SEARCH_PANEL));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "alt+Right");
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, MULTIPROCESSING_URI "#q-process-vs-pool"));
}

static gboolean
test_window_search_is_ready (gpointer data)
{
  return rh_application_get_search_index (data) != NULL;
}

static gboolean
test_window_has_results (gpointer data)
{
  GListModel *results = rh_search_panel_get_results (data);

  return results != NULL && g_list_model_get_n_items (results) > 0;
}

/* Searching with the keyboard: Down from the entry to the first result,
 * Enter opens it and the page has the keyboard, so Page Down reads on;
 * Escape from the search puts the keyboard on the opened question's
 * row. */
static void
test_window_search_keyboard (WindowFixture *fixture,
                             gconstpointer  data)
{
  RhSearchPanel             *panel = RH_SEARCH_PANEL (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_SEARCH_PANEL));
  RhPageView                *page_view = RH_PAGE_VIEW (rh_ui_test_find_widget (GTK_WIDGET (fixture->window), RH_TYPE_PAGE_VIEW));
  g_autoptr (RhSearchResult) first = NULL;
  g_autoptr (GObject)        item = NULL;
  g_autofree char           *uri = NULL;
  g_autofree char           *before = NULL;
  g_autofree char           *after = NULL;
  RhQuestionRef             *ref;

  SKIP_WITHOUT_KEYS ();

  g_assert_true (rh_ui_test_wait_until (test_window_search_is_ready, fixture->application, 20000));
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+k");
  g_assert_true (test_window_focus_is_in (fixture, RH_TYPE_SEARCH_PANEL));
  rh_search_panel_set_text (panel, "pool");
  g_assert_true (rh_ui_test_wait_until (test_window_has_results, panel, 10000));
  first = g_list_model_get_item (rh_search_panel_get_results (panel), 0);
  ref = rh_search_result_get_ref (first);
  uri = g_strdup_printf ("rehearse://library%s#q-%s", rh_question_ref_get_path (ref), rh_question_ref_get_question_id (ref));

  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Down Return");
  g_assert_true (rh_ui_test_wait_for_load (fixture->web_view, uri));
  g_assert_true (test_window_focus_is_in (fixture, RH_TYPE_PAGE_VIEW));

  rh_ui_test_wait_ms (500);
  before = rh_ui_test_evaluate (fixture->web_view, "String(window.scrollY)");
  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "Next");
  rh_ui_test_wait_ms (800);
  after = rh_ui_test_evaluate (fixture->web_view, "String(window.scrollY)");
  g_test_message ("Page Down: %s → %s", before, after);
  g_assert_cmpfloat (g_ascii_strtod (after, NULL), >, g_ascii_strtod (before, NULL));

  rh_ui_test_send_keys (GTK_WINDOW (fixture->window), "ctrl+k Escape");
  item = test_window_focused_item (fixture);
  g_assert_true (RH_IS_QUESTION (item));
  g_assert_cmpstr (rh_question_get_id (RH_QUESTION (item)), ==, rh_question_ref_get_question_id (ref));
  g_assert_cmpstr (rh_question_get_id (RH_QUESTION (item)), ==, rh_page_view_get_question_id (page_view));
}

static void
test_window_collect_shortcuts (GtkWidget  *widget,
                               GHashTable *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;

      /* The window's search page shows each one a second time. */
      g_object_get (widget, "title", &title, NULL);
      g_hash_table_insert (shortcuts, g_steal_pointer (&title), widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    test_window_collect_shortcuts (child, shortcuts);
}

/* Every shortcut the shortcuts window lists shows its keys: its own
 * accelerator, or its action's. (Warnings are not fatal while it shows:
 * see test_window_shortcuts_window_on_demand.) */
static void
test_window_shortcuts_show_keys (WindowFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GHashTable) shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GLogLevelFlags         fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  GtkWindow             *overlay;
  GHashTableIter         iter;
  gpointer               title, shortcut;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  overlay = test_window_find_shortcuts_window ();
  g_assert_nonnull (overlay);
  test_window_collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  gtk_window_close (overlay);
  g_log_set_always_fatal (fatal);
  g_assert_cmpuint (g_hash_table_size (shortcuts), >, 15);

  g_hash_table_iter_init (&iter, shortcuts);
  while (g_hash_table_iter_next (&iter, &title, &shortcut))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_auto (GStrv)   accels = NULL;

      g_object_get (shortcut, "accelerator", &accelerator, "action-name", &action, NULL);
      if (action != NULL)
        accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->application), action);
      g_test_message ("%s: %s%s", (char *) title, accelerator ? accelerator : "", accels && accels[0] ? accels[0] : "");
      g_assert_true ((accelerator != NULL && *accelerator != '\0') || (accels != NULL && accels[0] != NULL));
    }
}

static void
test_window_add (const char *path,
                 void (*test) (WindowFixture *, gconstpointer))
{
  g_test_add (path, WindowFixture, NULL, test_window_setup, test, test_window_teardown);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A home of this run's own, emptied again before each case. */
  home = rh_test_use_temporary_home ("window");

  gtk_test_init (&argc, &argv, NULL);
  /* Each case sets the style before its application starts. */
  adw_init ();

  test_window_add ("/window/first-start", test_window_first_start);
  test_window_add ("/window/select-subtopic", test_window_select_subtopic);
  test_window_add ("/window/select-question", test_window_select_question);
  test_window_add ("/window/back-and-forward", test_window_back_and_forward);
  test_window_add ("/window/dark-mode-follows", test_window_dark_mode_follows);
  test_window_add ("/window/zoom-is-remembered", test_window_zoom_is_remembered);
  test_window_add ("/window/main-menu-made-on-open", test_window_main_menu_made_on_open);
  test_window_add ("/window/shortcuts-window-on-demand", test_window_shortcuts_window_on_demand);
  test_window_add ("/window/find-in-page", test_window_find_in_page);
  test_window_add ("/window/find-current-and-nothing", test_window_find_current_and_nothing);
  test_window_add ("/window/copy-button", test_window_copy_button);
  test_window_add ("/window/stars-follow-state", test_window_stars_follow_state);
  test_window_add ("/window/import-keeps-place", test_window_import_keeps_place);
  test_window_add ("/window/import-of-page-keeps-place", test_window_import_of_page_keeps_place);
  test_window_add ("/window/import-bookmarks", test_window_import_bookmarks);
  test_window_add ("/window/stars-follow-other-window", test_window_stars_follow_other_window);
  test_window_add ("/window/app-search", test_window_app_search);
  test_window_add ("/window/sidebar-keyboard", test_window_sidebar_keyboard);
  test_window_add ("/window/history-keys", test_window_history_keys);
  test_window_add ("/window/search-keyboard", test_window_search_keyboard);
  test_window_add ("/window/shortcuts-show-keys", test_window_shortcuts_show_keys);
  test_window_add ("/window/bookmark-rows", test_window_bookmark_rows);
  test_window_add ("/window/narrow", test_window_narrow);

  status = g_test_run ();
  rh_test_remove_tree (home);
  g_free (home);

  return status;
}
