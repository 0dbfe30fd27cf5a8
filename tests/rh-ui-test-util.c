/* rh-ui-test-util.c
 *
 * Drives the real application in-process for UI tests: start it, find
 * its widgets, act as a user would (keys go through the X server, with
 * xdotool, as a keyboard's would), and wait for WebKit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-framework.h"
#include "rh-page-view.h"
#include "rh-sidebar.h"
#include "rh-ui-test-util.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static gboolean
rh_ui_test_on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds, or @timeout_ms passes. */
gboolean
rh_ui_test_wait_until (RhTestCondition condition,
                       gpointer        data,
                       guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint    source = g_timeout_add (timeout_ms, rh_ui_test_on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return !timed_out;
}

static gboolean
rh_ui_test_never (gpointer data)
{
  return FALSE;
}

void
rh_ui_test_wait_ms (guint ms)
{
  rh_ui_test_wait_until (rh_ui_test_never, NULL, ms);
}

static gboolean
rh_ui_test_has_window (gpointer data)
{
  return gtk_application_get_active_window (GTK_APPLICATION (data)) != NULL;
}

/* Started like `rehearse` itself, but not unique, so tests running in
 * parallel on one session bus do not hand their work to each other. */
RhApplication *
rh_ui_test_start_application (void)
{
  static guint       n_started;
  g_autoptr (GError) error = NULL;
  g_autofree char   *id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_started);
  RhApplication     *application = rh_application_new ();

  /* A restart in the same process gets its own bus name and path; the
   * one before may still be finishing work it started. */
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (application));
  g_assert_true (rh_ui_test_wait_until (rh_ui_test_has_window, application, 10000));

  return application;
}

/* Every key of the app's settings back to its default: with the memory
 * backend, what one test set stays for the next in the same process. */
void
rh_ui_test_reset_settings (void)
{
  g_autoptr (GSettings)       settings = g_settings_new (APP_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv)              keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

RhWindow *
rh_ui_test_get_window (RhApplication *application)
{
  return RH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
}

GtkWidget *
rh_ui_test_find_widget (GtkWidget *root,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rh_ui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The page view keeps its web view to itself; tests look at it through
 * the widget tree, as an accessibility tool would. */
WebKitWebView *
rh_ui_test_get_web_view (RhWindow *window)
{
  GtkWidget *page_view = rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_PAGE_VIEW);

  g_assert_nonnull (page_view);

  return WEBKIT_WEB_VIEW (rh_ui_test_find_widget (page_view, WEBKIT_TYPE_WEB_VIEW));
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *uri;
} LoadWait;

static gboolean
rh_ui_test_is_loaded (gpointer data)
{
  LoadWait *wait = data;

  return !webkit_web_view_is_loading (wait->web_view) &&
         webkit_web_view_get_uri (wait->web_view) != NULL &&
         (wait->uri == NULL || g_strcmp0 (webkit_web_view_get_uri (wait->web_view), wait->uri) == 0);
}

gboolean
rh_ui_test_wait_for_load (WebKitWebView *web_view,
                          const char    *uri)
{
  LoadWait wait = { web_view, uri };

  return rh_ui_test_wait_until (rh_ui_test_is_loaded, &wait, 20000);
}

typedef struct
{
  JSCValue *value;
  GError   *error;
  gboolean  done;
} Evaluation;

static void
rh_ui_test_on_evaluated (GObject      *object,
                         GAsyncResult *result,
                         gpointer      data)
{
  Evaluation *evaluation = data;

  evaluation->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                                  &evaluation->error);
  evaluation->done = TRUE;
}

static gboolean
rh_ui_test_is_evaluated (gpointer data)
{
  return ((Evaluation *) data)->done;
}

/* Reads something back from the page, the way the app itself does. */
char *
rh_ui_test_evaluate (WebKitWebView *web_view,
                     const char    *script)
{
  Evaluation evaluation = { NULL, NULL, FALSE };
  char      *text;

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, rh_ui_test_on_evaluated, &evaluation);
  g_assert_true (rh_ui_test_wait_until (rh_ui_test_is_evaluated, &evaluation, 10000));
  g_assert_no_error (evaluation.error);
  text = jsc_value_to_string (evaluation.value);
  g_clear_object (&evaluation.value);

  return text;
}

static const char *
rh_ui_test_item_title (GObject *item)
{
  if (RH_IS_FRAMEWORK (item))
    return rh_framework_get_title (RH_FRAMEWORK (item));
  if (RH_IS_TOPIC (item))
    return rh_topic_get_title (RH_TOPIC (item));
  if (RH_IS_SUBTOPIC (item))
    return rh_subtopic_get_title (RH_SUBTOPIC (item));
  if (RH_IS_QUESTION (item))
    return rh_question_get_id (RH_QUESTION (item));
  return NULL;
}

/* Selects the sidebar row whose title (or, for a question, id) is
 * @title, as a click would: through the list view's own action. Rows
 * above it are expanded first, as a user opens them. */
gboolean
rh_ui_test_select_row (RhWindow   *window,
                       const char *title)
{
  GtkListView       *list_view = GTK_LIST_VIEW (rh_ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW));
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);
  GListModel        *rows = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));

  /* Expanding inserts rows below, so walk until nothing changes. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (GObject)        item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (rh_ui_test_item_title (item), title) == 0)
        {
          gtk_widget_activate_action (GTK_WIDGET (list_view), "list.select-item", "(ubb)", i, FALSE, FALSE);
          return TRUE;
        }

      if (!RH_IS_QUESTION (item))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  return FALSE;
}

/* A blank page is one or two colours; a rendered one has many. */
guint
rh_ui_test_count_colors (GdkTexture *texture)
{
  int                    width = gdk_texture_get_width (texture);
  int                    height = gdk_texture_get_height (texture);
  gsize                  stride = (gsize) width * 4;
  g_autofree guchar     *pixels = g_malloc (stride * height);
  g_autoptr (GHashTable) colors = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * height; i += 4 * 7)
    {
      guint32 color = pixels[i] | pixels[i + 1] << 8 | pixels[i + 2] << 16;

      g_hash_table_add (colors, GUINT_TO_POINTER (color + 1));
    }

  return g_hash_table_size (colors);
}

/**
 * rh_ui_test_run_xdotool:
 * @args: what follows `xdotool` on its command line
 *
 * Returns: whether xdotool ran and succeeded
 */
gboolean
rh_ui_test_run_xdotool (const char *const *args)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv)           argv = NULL;
  g_autofree char         *program = g_find_program_in_path ("xdotool");
  g_autoptr (GError)       error = NULL;
  int                      status = -1;

  if (program == NULL)
    return FALSE;

  g_strv_builder_add (builder, program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error))
    {
      g_test_message ("xdotool: %s", error->message);
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

/**
 * rh_ui_test_can_send_keys:
 *
 * Returns: whether rh_ui_test_send_keys() can work here: GTK on X11,
 *   and xdotool installed
 */
gboolean
rh_ui_test_can_send_keys (void)
{
  g_autofree char *program = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  return program != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

/**
 * rh_ui_test_send_keys:
 * @keys: key names as xdotool takes them, such as `Right` or `ctrl+d`,
 *   separated by spaces
 *
 * Gives @window the keyboard focus and types @keys through the X
 * server, as a keyboard would, then lets the window handle them.
 */
void
rh_ui_test_send_keys (GtkWindow  *window,
                      const char *keys)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface              *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char         *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_auto (GStrv)           names = g_strsplit (keys, " ", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv)           args = NULL;

  g_strv_builder_addv (builder, (const char *[]){ "windowfocus", "--sync", xid, "key", "--clearmodifiers", "--delay", "60", NULL });
  g_strv_builder_addv (builder, (const char **) names);
  args = g_strv_builder_end (builder);

  /* Without a window manager, focus is the X server's alone to give. */
  g_assert_true (rh_ui_test_run_xdotool ((const char *const *) args));
  rh_ui_test_wait_ms (200);
#else
  g_assert_not_reached ();
#endif
}

/**
 * rh_ui_test_capture_window:
 *
 * What the X server shows of @window, as the user sees it, taken with
 * ImageMagick's `import`.
 *
 * Returns: (transfer full) (nullable): the window's pixels, or %NULL
 *   without X11 or `import`
 */
GdkTexture *
rh_ui_test_capture_window (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface             *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char        *program = g_find_program_in_path ("import");
  g_autofree char        *xid = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GBytes)      png = NULL;

  if (program == NULL || !GDK_IS_X11_SURFACE (surface))
    return NULL;

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                              program, "-window", xid, "png:-", NULL);
  if (process == NULL || !g_subprocess_communicate (process, NULL, NULL, &png, NULL, NULL) ||
      !g_subprocess_get_successful (process))
    return NULL;

  return gdk_texture_new_from_bytes (png, NULL);
#else
  return NULL;
#endif
}
