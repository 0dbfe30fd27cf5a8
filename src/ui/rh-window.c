/* rh-window.c
 *
 * The study window: the library in a sidebar, the open page beside it.
 * Keyboard and menu actions live in rh-window-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-application.h"
#include "rh-framework.h"
#include "rh-markdown.h"
#include "rh-startup-profile.h"
#include "rh-window-private.h"

G_DEFINE_FINAL_TYPE (RhWindow, rh_window, ADW_TYPE_APPLICATION_WINDOW)

#define MIN_SIDEBAR_WIDTH 200
#define MAX_SIDEBAR_WIDTH 600
/* The page's own minimum (rh-window.ui): a sidebar may be wider, but not
 * keep the folded window, which shows one or the other, from being as
 * narrow as the page. */
#define FOLDED_WIDTH 350

static RhApplication *
rh_window_get_app (RhWindow *self)
{
  return RH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
rh_window_on_sidebar_open (RhWindow   *self,
                           const char *path,
                           const char *question_id,
                           RhSidebar  *sidebar)
{
  rh_page_view_open (self->page_view, path, question_id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
rh_window_update_title (RhWindow *self)
{
  RhLibrary       *library = rh_application_get_library (rh_window_get_app (self));
  const char      *path = rh_page_view_get_path (self->page_view);
  RhSubtopic      *subtopic = path ? rh_library_lookup_subtopic (library, path) : NULL;
  RhTopic         *topic = subtopic ? rh_subtopic_get_topic (subtopic) : NULL;
  RhFramework     *framework = topic ? rh_topic_get_framework (topic) : NULL;
  g_autofree char *breadcrumb = NULL;

  if (subtopic == NULL)
    {
      adw_window_title_set_title (self->page_title, _ ("Rehearse"));
      adw_window_title_set_subtitle (self->page_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _ ("Rehearse"));
      return;
    }

  if (framework != NULL)
    breadcrumb = g_strdup_printf ("%s › %s", rh_framework_get_title (framework), rh_topic_get_title (topic));

  adw_window_title_set_title (self->page_title, rh_subtopic_get_title (subtopic));
  adw_window_title_set_subtitle (self->page_title, breadcrumb);
  gtk_window_set_title (GTK_WINDOW (self), rh_subtopic_get_title (subtopic));
}

/* Where the reader is goes to the settings as they move, never at
 * the end: a window closed with Ctrl+Q, the close button or by the
 * session has nothing left to save. */
static void
rh_window_save_location (RhWindow *self)
{
  const char      *path = rh_page_view_get_path (self->page_view);
  g_autofree char *location = NULL;
  g_autofree char *saved = NULL;

  if (path == NULL || self->settings == NULL)
    return;

  location = rh_question_ref_format_location (path, rh_page_view_get_question_id (self->page_view));
  saved = g_settings_get_string (self->settings, "last-page");
  if (g_strcmp0 (location, saved) == 0)
    return;

  /* Where the page is now: a new document starts at its top and says
   * so when it commits, but a move within the document (a question of
   * the same page) may have scrolled before its address changed. (No
   * g_settings_delay(): the settings are the app's, and would hold
   * every later change back for good.) */
  g_settings_set_string (self->settings, "last-page", location);
  g_settings_set_double (self->settings, "last-scroll", rh_page_view_get_scroll_y (self->page_view));
}

/* Back, forward and in-page links move the page without the sidebar:
 * follow them there, so the two always agree. */
static void
rh_window_on_page_location_changed (RhWindow   *self,
                                    GParamSpec *pspec,
                                    RhPageView *page_view)
{
  const char *path = rh_page_view_get_path (page_view);

  rh_window_update_title (self);

  if (path != NULL)
    {
      rh_sidebar_select (self->sidebar, path, rh_page_view_get_question_id (page_view));
      rh_window_save_location (self);
    }
}

static void
rh_window_on_dark_changed (RhWindow        *self,
                           GParamSpec      *pspec,
                           AdwStyleManager *style_manager)
{
  rh_page_view_set_dark (self->page_view, adw_style_manager_get_dark (style_manager));
}

static void
rh_window_copy_code_block (RhWindow *self,
                           GUri     *uri)
{
  RhLibrary             *library = rh_application_get_library (rh_window_get_app (self));
  g_autoptr (GHashTable) params = NULL;
  const char            *path = rh_page_view_get_path (self->page_view);
  const char            *id;
  const char            *block;
  g_autofree char       *code = NULL;
  RhQuestion            *question;
  guint64                index;

  params = g_uri_parse_params (g_uri_get_query (uri) ? g_uri_get_query (uri) : "", -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL || path == NULL)
    return;

  id = g_hash_table_lookup (params, "q");
  block = g_hash_table_lookup (params, "block");
  question = id ? rh_library_lookup_question (library, path, id) : NULL;
  if (question == NULL || block == NULL || !g_ascii_string_to_unsigned (block, 10, 0, G_MAXUINT, &index, NULL))
    return;

  code = rh_markdown_get_code_block (rh_question_get_answer (question), -1, (guint) index);
  if (code == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), code);
  _rh_window_show_toast (self, _ ("Copied to clipboard"));
}

static void
rh_window_on_action_link (RhWindow   *self,
                          const char *link,
                          RhPageView *page_view)
{
  g_autoptr (GUri) uri = g_uri_parse (link, G_URI_FLAGS_ENCODED_QUERY, NULL);

  if (uri == NULL)
    return;

  if (g_strcmp0 (g_uri_get_path (uri), "/copy") == 0)
    rh_window_copy_code_block (self, uri);
  else if (g_strcmp0 (g_uri_get_path (uri), "/bookmark") == 0)
    {
      g_autoptr (GHashTable) params = g_uri_parse_params (g_uri_get_query (uri) ? g_uri_get_query (uri) : "",
                                                          -1, "&", G_URI_PARAMS_NONE, NULL);

      if (params != NULL)
        _rh_window_toggle_bookmark (self, g_hash_table_lookup (params, "q"));
    }
  else if (g_strcmp0 (g_uri_get_path (uri), "/study") == 0)
    {
      g_autoptr (GHashTable) params = g_uri_parse_params (g_uri_get_query (uri) ? g_uri_get_query (uri) : "",
                                                          -1, "&", G_URI_PARAMS_NONE, NULL);

      _rh_window_study_handle_link (self, params);
    }
}

static void
rh_window_on_pane_drag_begin (RhWindow     *self,
                              RhPaneHandle *handle)
{
  self->drag_start_width = gtk_widget_get_width (self->sidebar_pane);
}

static void
rh_window_set_sidebar_width (RhWindow *self,
                             int       width)
{
  self->sidebar_width = CLAMP (width, MIN_SIDEBAR_WIDTH, MAX_SIDEBAR_WIDTH);
  gtk_widget_set_size_request (self->sidebar_pane, MIN (self->sidebar_width, FOLDED_WIDTH), -1);
  rh_sidebar_set_natural_width (self->sidebar, self->sidebar_width);
}

static void
rh_window_on_pane_drag_update (RhWindow     *self,
                               double        offset,
                               RhPaneHandle *handle)
{
  rh_window_set_sidebar_width (self, self->drag_start_width + (int) offset);
}

static void
rh_window_on_pane_drag_end (RhWindow     *self,
                            RhPaneHandle *handle)
{
  g_settings_set_int (self->settings, "sidebar-width", self->sidebar_width);
}

static void
rh_window_on_page_scrolled (RhWindow   *self,
                            GParamSpec *pspec,
                            RhPageView *page_view)
{
  if (rh_page_view_get_path (page_view) == NULL || self->settings == NULL)
    return;

  rh_window_save_location (self);
  g_settings_set_double (self->settings, "last-scroll", rh_page_view_get_scroll_y (page_view));
}

static gboolean
rh_window_close_request (GtkWindow *window)
{
  RhWindow *self = RH_WINDOW (window);
  int       width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  self->closing = TRUE;

  return GTK_WINDOW_CLASS (rh_window_parent_class)->close_request (window);
}

/* For the template's bindings. */
static gboolean
rh_window_not (gpointer this,
               gboolean value)
{
  return !value;
}

static void
rh_window_dispose (GObject *object)
{
  RhWindow *self = (RhWindow *) object;

  g_clear_weak_pointer (&self->bookmark_toast);
  _rh_window_actions_dispose (self);
  _rh_window_study_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_window_parent_class)->dispose (object);
}

static void
rh_window_class_init (RhWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rh_window_dispose;
  window_class->close_request = rh_window_close_request;

  g_type_ensure (RH_TYPE_SIDEBAR);
  g_type_ensure (RH_TYPE_SEARCH_PANEL);
  g_type_ensure (RH_TYPE_PAGE_VIEW);
  g_type_ensure (RH_TYPE_PANE_HANDLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, search_panel);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, pane_handle);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, page_view);
  gtk_widget_class_bind_template_callback (widget_class, rh_window_on_sidebar_open);
  gtk_widget_class_bind_template_callback (widget_class, rh_window_on_action_link);
  gtk_widget_class_bind_template_callback (widget_class, rh_window_not);

  _rh_window_actions_class_init (widget_class);
  _rh_window_bookmarks_class_init (widget_class);
  _rh_window_search_class_init (widget_class);
  _rh_window_study_class_init (widget_class);
  _rh_window_class_add_library_actions (widget_class);
}

static void
rh_window_init (RhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The header bar's button opens and closes the page's find bar, and
   * follows it when the bar closes itself. */
  g_object_bind_property (self->find_button, "active", self->page_view, "find-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->page_view, "notify::path", G_CALLBACK (rh_window_on_page_location_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "notify::question-id", G_CALLBACK (rh_window_on_page_location_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "notify::scroll-y", G_CALLBACK (rh_window_on_page_scrolled),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->pane_handle, "drag-begin", G_CALLBACK (rh_window_on_pane_drag_begin), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane_handle, "drag-update", G_CALLBACK (rh_window_on_pane_drag_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane_handle, "drag-end", G_CALLBACK (rh_window_on_pane_drag_end), self, G_CONNECT_SWAPPED);

  _rh_window_actions_init (self);
  _rh_window_setup_library (self);
}

static void
rh_window_restore_state (RhWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  rh_window_set_sidebar_width (self, g_settings_get_int (self->settings, "sidebar-width"));
  g_settings_bind (self->settings, "zoom-level", self->page_view, "zoom-level", G_SETTINGS_BIND_DEFAULT);
}

static void rh_window_open_initial_page (RhWindow *self);

/* What the library loads behind the window waits for the first page,
 * so as not to compete with it; or, if the page to reopen has not come
 * in yet, goes on at once to bring it. */
static void
rh_window_release_library_load (RhWindow *self)
{
  rh_startup_profile_mark ("window: first page loaded");
  g_signal_handlers_disconnect_by_func (self->page_view, rh_window_release_library_load, self);
  rh_application_release_library_load (rh_window_get_app (self));
}

/* Rows that joined above the open page while the library loaded pushed
 * it out of sight: once all is in, the sidebar shows it again. */
static void
rh_window_on_library_loading (RhWindow *self)
{
  const char *path = rh_page_view_get_path (self->page_view);

  if (rh_application_get_library_loading (rh_window_get_app (self)) || path == NULL)
    return;

  rh_sidebar_select (self->sidebar, path, rh_page_view_get_question_id (self->page_view));
}

/* While the library loads, the page to reopen may not be in yet: the
 * window waits for it, unless the user has opened one meanwhile. */
static void
rh_window_on_library_grew (RhWindow *self)
{
  if (!self->awaiting_initial_page)
    return;

  if (rh_page_view_get_path (self->page_view) != NULL)
    {
      self->awaiting_initial_page = FALSE;
      return;
    }

  rh_window_open_initial_page (self);
}

/* Reopens where the user left off; on the first start, or when that
 * page has gone from the library, the first page of the library. */
static void
rh_window_open_initial_page (RhWindow *self)
{
  RhApplication            *application = rh_window_get_app (self);
  RhLibrary                *library = rh_application_get_library (application);
  gboolean                  loading = rh_application_get_library_loading (application);
  g_autofree char          *setting = g_settings_get_string (self->settings, "last-page");
  g_autofree char          *location = NULL;
  g_autoptr (RhQuestionRef) ref = rh_question_ref_parse_location (setting, &location);
  const char               *id = ref != NULL ? rh_question_ref_get_question_id (ref) : NULL;
  RhSubtopic               *subtopic;

  if (!self->awaiting_initial_page)
    {
      self->awaiting_initial_page = TRUE;
      g_signal_connect_object (library, "notify::n-subtopics", G_CALLBACK (rh_window_on_library_grew), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (application, "notify::library-loading", G_CALLBACK (rh_window_on_library_grew),
                               self, G_CONNECT_SWAPPED);
    }

  subtopic = location != NULL && *location ? rh_library_lookup_subtopic (library, location) : NULL;
  if (subtopic != NULL && rh_subtopic_get_available (subtopic))
    {
      if (id != NULL && rh_subtopic_lookup_question (subtopic, id) == NULL)
        id = NULL;
      double scroll = g_settings_get_double (self->settings, "last-scroll");

      self->awaiting_initial_page = FALSE;
      rh_page_view_open (self->page_view, location, id);
      /* Where the reader had scrolled to wins over the question's own
       * place; with no scroll kept, the question's fragment decides. */
      if (scroll > 0)
        rh_page_view_scroll_to (self->page_view, scroll);
      return;
    }

  if (loading && location != NULL && *location)
    return;

  subtopic = rh_library_get_first_available (library);
  if (subtopic != NULL)
    {
      self->awaiting_initial_page = FALSE;
      rh_page_view_open (self->page_view, rh_subtopic_get_path (subtopic), NULL);
      return;
    }

  if (!loading)
    self->awaiting_initial_page = FALSE;
}

static void
rh_window_focus_sidebar_once (GtkWidget *widget)
{
  RhWindow *self = RH_WINDOW (widget);

  g_signal_handlers_disconnect_by_func (widget, rh_window_focus_sidebar_once, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

static void
rh_window_apply_desktop_fonts (RhPageRenderer *renderer)
{
  GSettingsSchemaSource      *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings)       interface = NULL;
  g_autofree char            *document = NULL;
  g_autofree char            *monospace = NULL;
  PangoFontDescription       *document_font;
  PangoFontDescription       *monospace_font;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE)) ||
      !g_settings_schema_has_key (schema, "document-font-name") ||
      !g_settings_schema_has_key (schema, "monospace-font-name"))
    return;

  interface = g_settings_new ("org.gnome.desktop.interface");
  document = g_settings_get_string (interface, "document-font-name");
  monospace = g_settings_get_string (interface, "monospace-font-name");
  document_font = pango_font_description_from_string (document);
  monospace_font = pango_font_description_from_string (monospace);
  rh_page_renderer_set_fonts (renderer,
                              pango_font_description_get_family (document_font),
                              pango_font_description_get_family (monospace_font));
  pango_font_description_free (document_font);
  pango_font_description_free (monospace_font);
}

RhWindow *
rh_window_new (RhApplication *application)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  RhPageRenderer  *renderer = rh_application_get_renderer (application);
  RhWindow        *self;

  g_return_val_if_fail (RH_IS_APPLICATION (application), NULL);

  _rh_window_actions_set_accels (GTK_APPLICATION (application));
  self = g_object_new (RH_TYPE_WINDOW, "application", application, NULL);
  rh_startup_profile_mark ("window: template built");
  self->settings = g_object_ref (rh_application_get_settings (application));

  rh_window_apply_desktop_fonts (renderer);
  rh_page_view_set_library (self->page_view, rh_application_get_library (application));
  rh_page_view_set_renderer (self->page_view, renderer);
  rh_page_view_set_state (self->page_view, rh_application_get_state (application));
  rh_page_view_set_dark (self->page_view, adw_style_manager_get_dark (style_manager));
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (rh_window_on_dark_changed), self, G_CONNECT_SWAPPED);

  rh_window_restore_state (self);

  /* The page first: WebKit starts its processes while the sidebar and
   * the rest are built. */
  rh_window_open_initial_page (self);
  if (rh_page_view_get_path (self->page_view) == NULL)
    rh_application_release_library_load (application);
  else
    g_signal_connect_object (self->page_view, "page-loaded", G_CALLBACK (rh_window_release_library_load), self,
                             G_CONNECT_SWAPPED);
  if (rh_application_get_library_loading (application))
    g_signal_connect_object (application, "notify::library-loading", G_CALLBACK (rh_window_on_library_loading), self,
                             G_CONNECT_SWAPPED);
  rh_startup_profile_mark ("window: first page asked for");
  _rh_window_study_setup (self);
  rh_startup_profile_mark ("window: study set up");
  _rh_window_bookmarks_setup (self);
  rh_startup_profile_mark ("window: sidebar and bookmarks set up");
  _rh_window_search_setup (self);
  rh_startup_profile_mark ("window: search set up");
  rh_window_on_page_location_changed (self, NULL, self->page_view);
  rh_startup_profile_mark ("window: page selected in the sidebar");

  /* In a narrow window, start on the page, not on the list. */
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  /* The keyboard starts in the library, where arrows move through it,
   * rather than on the first button of the header bar. */
  g_signal_connect (self, "map", G_CALLBACK (rh_window_focus_sidebar_once), NULL);

  return self;
}

/**
 * rh_window_open:
 * @question_id: (nullable)
 *
 * Shows a page, or a question in it, and selects it in the sidebar.
 */
void
rh_window_open (RhWindow   *self,
                const char *path,
                const char *question_id)
{
  g_return_if_fail (RH_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  rh_page_view_open (self->page_view, path, question_id);
}

/**
 * rh_window_search:
 * @text: (nullable): what to search for
 *
 * Shows the search panel searching for @text: what a click on the app's
 * icon among GNOME Shell's search results does.
 */
void
rh_window_search (RhWindow   *self,
                  const char *text)
{
  g_return_if_fail (RH_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.search", NULL);
  if (text != NULL)
    rh_search_panel_set_text (self->search_panel, text);
}

void
_rh_window_show_toast (RhWindow   *self,
                       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_refusal_details (RhWindow *self,
                    AdwToast *toast)
{
  const char *details = g_object_get_data (G_OBJECT (toast), "rh-details");
  GtkWidget  *dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Changes Cannot Be Saved"), details);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _rh_window_show_refusal:
 * @code: %RH_STATE_ERROR_DISK_FULL, or %RH_STATE_ERROR_READ_ONLY
 * @what: what became of the change, such as "the change was not saved"
 * @details: the whole message, which names the file or folder
 * @persistent: whether the toast stays until it is closed
 *
 * Says that the disk refused a change. A toast has one line, which a
 * file's name would push the reason out of: the reason comes first, and
 * the rest behind Details.
 */
void
_rh_window_show_refusal (RhWindow   *self,
                         int         code,
                         const char *what,
                         const char *details,
                         gboolean    persistent)
{
  g_autofree char *title = NULL;
  AdwToast        *toast;

  if (code == RH_STATE_ERROR_DISK_FULL)
    title = g_strdup_printf (_ ("The disk is full: %s"), what);
  else
    title = g_strdup_printf (_ ("Your study data is read-only: %s"), what);

  toast = adw_toast_new (title);
  g_object_set_data_full (G_OBJECT (toast), "rh-details", g_strdup (details), g_free);
  adw_toast_set_button_label (toast, _ ("_Details"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_refusal_details), self, G_CONNECT_SWAPPED);
  /* A failed change goes before the notice that stays, not after it. */
  if (persistent)
    adw_toast_set_timeout (toast, 0);
  else
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
