/* rh-page-view.c
 *
 * The answer pages: a widget that owns a WebKitWebView which only ever
 * shows what the app renders. Pages come through the app's own
 * `rehearse:` scheme (rh-page-scheme.c), a content security policy and
 * WebKit's own script switch keep every script from content out, and
 * any navigation that would leave the app is refused here and handed to
 * the user's browser instead. Its actions and find bar live in
 * rh-page-view-actions.c, what it asks of the page through scripts in
 * rh-page-view-scripts.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-page-scheme.h"
#include "rh-page-view-private.h"
#include "rh-startup-profile.h"

G_DEFINE_FINAL_TYPE (RhPageView, rh_page_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_QUESTION_ID,
  PROP_ZOOM_LEVEL,
  PROP_FIND_MODE,
  PROP_SCROLL_Y,
  N_PROPS
};

enum
{
  ACTION_LINK,
  PAGE_LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* Adwaita's view background, so that nothing flashes white before the
 * first page paints. */
static const GdkRGBA light_background = { 1.0, 1.0, 1.0, 1.0 };
static const GdkRGBA dark_background = { 0.118, 0.118, 0.118, 1.0 };

static void
rh_page_view_forget_prepared (RhPageView *self)
{
  g_clear_pointer (&self->prepared_path, g_free);
  g_clear_pointer (&self->prepared_html, g_free);
  self->prepare_after_paint = FALSE;
}

/* WebKit starts a navigation in other processes; rendering the page here
 * meanwhile takes it off the path from click to page. */
static void
rh_page_view_prepare_page (RhPageView *self,
                           const char *path)
{
  RhSubtopic *subtopic = self->library ? rh_library_lookup_subtopic (self->library, path) : NULL;

  rh_page_view_forget_prepared (self);

  if (subtopic == NULL || self->renderer == NULL)
    return;

  self->prepared_dark = self->dark;
  self->prepared_path = g_strdup (path);
  self->prepared_html = rh_page_renderer_render (self->renderer, subtopic,
                                                 self->dark ? RH_PAGE_RENDER_DARK : RH_PAGE_RENDER_DEFAULT);
}

/* Right after the window's first frame has been drawn. */
static void
rh_page_view_on_first_paint (GdkFrameClock *frame_clock,
                             RhPageView    *self)
{
  g_autofree char *path = NULL;

  g_signal_handlers_disconnect_by_func (frame_clock, rh_page_view_on_first_paint, self);
  if (!self->prepare_after_paint)
    return;

  path = g_steal_pointer (&self->prepared_path);
  rh_page_view_prepare_page (self, path);
  rh_startup_profile_mark ("page view: first page rendered to HTML");
}

static void
rh_page_view_on_first_map (RhPageView *self)
{
  g_signal_handlers_disconnect_by_func (self, rh_page_view_on_first_map, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (rh_page_view_on_first_paint), self, 0);
}

/**
 * _rh_page_view_render_page:
 *
 * The page at @path as the scheme serves it to this view: rendered while
 * the web process was getting ready, if it is still the page asked for
 * in the colours now in use, or else now.
 *
 * Returns: (transfer full) (nullable): the page's HTML, or %NULL when
 *   the library has no such page
 */
char *
_rh_page_view_render_page (RhPageView *self,
                           const char *path)
{
  RhSubtopic *subtopic = self->library ? rh_library_lookup_subtopic (self->library, path) : NULL;
  char       *html = NULL;

  if (subtopic == NULL || self->renderer == NULL)
    return NULL;

  if (g_strcmp0 (self->prepared_path, path) == 0 && self->prepared_dark == self->dark)
    html = g_steal_pointer (&self->prepared_html);
  rh_page_view_forget_prepared (self);

  if (html == NULL)
    html = rh_page_renderer_render (self->renderer, subtopic,
                                    self->dark ? RH_PAGE_RENDER_DARK : RH_PAGE_RENDER_DEFAULT);

  self->served = TRUE;
  self->served_serial = self->bookmarks_serial;

  return html;
}

/**
 * _rh_page_view_get_stylesheet:
 *
 * Returns: (nullable): the stylesheet of this view's pages
 */
const char *
_rh_page_view_get_stylesheet (RhPageView *self)
{
  return self->renderer ? rh_page_renderer_get_stylesheet (self->renderer) : NULL;
}

static void
rh_page_view_open_in_browser (RhPageView *self,
                              const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static gboolean
rh_page_view_is_app_page (const char *uri)
{
  return g_str_has_prefix (uri, RH_PAGE_URI_PREFIX "/");
}

/* Keeps the app's pages inside; web links go to the browser, the app's
 * action links to whoever handles them, and everything else nowhere.
 */
static gboolean
rh_page_view_on_decide_policy (WebKitWebView           *web_view,
                               WebKitPolicyDecision    *decision,
                               WebKitPolicyDecisionType type,
                               RhPageView              *self)
{
  WebKitNavigationAction *action;
  const char             *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitURIRequest *request = webkit_response_policy_decision_get_request (WEBKIT_RESPONSE_POLICY_DECISION (decision));

      if (g_str_has_prefix (webkit_uri_request_get_uri (request), RH_PAGE_SCHEME ":"))
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && rh_page_view_is_app_page (uri))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* Only what the user clicked leaves the page: a page cannot send the
   * browser anywhere by itself. */
  if (webkit_navigation_action_is_user_gesture (action) ||
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    {
      if (g_str_has_prefix (uri, RH_ACTION_URI_PREFIX))
        g_signal_emit (self, signals[ACTION_LINK], 0, uri);
      else if (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://") ||
               g_str_has_prefix (uri, "mailto:"))
        rh_page_view_open_in_browser (self, uri);
    }

  return TRUE;
}

static void
rh_page_view_on_scroll_read_for_reload (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  g_autoptr (RhPageView) self = user_data;
  g_autoptr (GError)     error = NULL;
  double                 y = rh_page_view_get_scroll_finish (self, result, &error);

  if (self->web_view == NULL)
    return;

  /* Where the reader is wins over the question's place in the page. */
  self->pending_scroll = error == NULL ? y : self->scroll_y;
  self->has_pending_scroll = TRUE;
  rh_page_view_forget_prepared (self);
  webkit_web_view_reload (self->web_view);
}

static gboolean
rh_page_view_reload_in_place (gpointer data)
{
  RhPageView *self = data;

  self->reload_idle_id = 0;
  rh_page_view_get_scroll_async (self, NULL, rh_page_view_on_scroll_read_for_reload, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* A newer copy of the open page came into the library, by an import or
 * an Undo: the page shows it at once, and the reader stays where they
 * were. One reload for however many changes a pack brings. */
static void
rh_page_view_on_subtopic_changed (RhPageView *self)
{
  if (!rh_subtopic_get_available (self->watched_subtopic) || self->reload_idle_id != 0 ||
      webkit_web_view_get_uri (self->web_view) == NULL)
    return;

  self->reload_idle_id = g_idle_add (rh_page_view_reload_in_place, self);
}

static void
rh_page_view_watch_subtopic (RhPageView *self)
{
  RhSubtopic *subtopic = self->library != NULL && self->path != NULL
                             ? rh_library_lookup_subtopic (self->library, self->path)
                             : NULL;

  if (subtopic == self->watched_subtopic)
    return;

  if (self->watched_subtopic != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_subtopic, rh_page_view_on_subtopic_changed, self);
  g_set_object (&self->watched_subtopic, subtopic);
  if (subtopic != NULL)
    g_signal_connect_object (subtopic, "items-changed", G_CALLBACK (rh_page_view_on_subtopic_changed), self,
                             G_CONNECT_SWAPPED);
}

/* Both change at once: whoever follows the location never sees a new
 * page with the old page's question. */
static void
rh_page_view_set_location (RhPageView *self,
                           const char *path,
                           const char *question_id)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      rh_page_view_watch_subtopic (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }

  if (g_strcmp0 (self->question_id, question_id) != 0)
    {
      g_free (self->question_id);
      self->question_id = g_strdup (question_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION_ID]);
    }

  _rh_page_view_actions_update (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Back, forward and in-page links change the URI without asking us, so
 * the current page is always read back from the view. */
static void
rh_page_view_on_uri_changed (WebKitWebView *web_view,
                             GParamSpec    *pspec,
                             RhPageView    *self)
{
  const char      *uri = webkit_web_view_get_uri (web_view);
  g_autofree char *path = NULL;
  g_autofree char *question_id = NULL;
  const char      *hash;

  if (uri == NULL || !rh_page_view_is_app_page (uri))
    return;

  path = g_strdup (uri + strlen (RH_PAGE_URI_PREFIX));
  if ((hash = strchr (path, '#')) != NULL)
    {
      if (g_str_has_prefix (hash, "#q-"))
        question_id = g_uri_unescape_string (hash + 3, NULL);
      path[hash - path] = '\0';
    }

  rh_page_view_set_location (self, path, question_id);
}

static void
rh_page_view_on_load_changed (WebKitWebView  *web_view,
                              WebKitLoadEvent event,
                              RhPageView     *self)
{
  if (event == WEBKIT_LOAD_STARTED)
    self->served = FALSE;

  /* A new document starts at its top, until it says otherwise. */
  if (event == WEBKIT_LOAD_COMMITTED)
    _rh_page_view_set_scroll_y (self, 0.0);

  if (event != WEBKIT_LOAD_FINISHED)
    return;

  /* A page from WebKit's own cache, or one the state changed while it
   * loaded, shows older stars than the state's. */
  if (self->state != NULL && (!self->served || self->served_serial != self->bookmarks_serial))
    _rh_page_view_scripts_sync_stars (self);

  if (rh_page_view_get_find_mode (self))
    _rh_page_view_actions_show_finding (self);

  if (self->has_pending_scroll)
    {
      self->has_pending_scroll = FALSE;
      rh_page_view_scroll_to (self, self->pending_scroll);
    }

  if (self->pending_highlight != NULL)
    {
      g_autofree char *words = g_steal_pointer (&self->pending_highlight);

      rh_page_view_highlight (self, words);
    }

  if (g_str_has_prefix (webkit_web_view_get_uri (web_view) ?: "", "rehearse:"))
    g_signal_emit (self, signals[PAGE_LOADED], 0);
}

/* Bookmarks change from other windows and from imports as well as from
 * this page's own stars: every open page follows, in place. */
static void
rh_page_view_on_bookmarks_changed (RhPageView *self,
                                   RhState    *state)
{
  self->bookmarks_serial++;
  rh_page_view_forget_prepared (self);

  /* A page on its way in is brought up to date once it has loaded. */
  if (!webkit_web_view_is_loading (self->web_view))
    _rh_page_view_scripts_sync_stars (self);
}

/* Shared with the study view's card, which loads from the same scheme. */
WebKitNetworkSession *
_rh_page_view_get_network_session (void)
{
  static WebKitNetworkSession *session;

  /* Nothing is stored on disk: there is no web data worth keeping. */
  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();

  return session;
}

static void
rh_page_view_dispose (GObject *object)
{
  RhPageView *self = (RhPageView *) object;

  /* The state and the library outlive the view: no more changes to
   * follow. */
  rh_page_view_set_state (self, NULL);
  if (self->watched_subtopic != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_subtopic, rh_page_view_on_subtopic_changed, self);
  g_clear_object (&self->watched_subtopic);
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  rh_page_view_forget_prepared (self);

  /* The web view is a child of the template's box. */
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_PAGE_VIEW);
  self->web_view = NULL;

  g_clear_object (&self->actions);
  g_clear_object (&self->library);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (rh_page_view_parent_class)->dispose (object);
}

static void
rh_page_view_finalize (GObject *object)
{
  RhPageView *self = (RhPageView *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->question_id, g_free);
  g_clear_pointer (&self->pending_highlight, g_free);

  G_OBJECT_CLASS (rh_page_view_parent_class)->finalize (object);
}

static void
rh_page_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhPageView *self = RH_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_QUESTION_ID:
      g_value_set_string (value, self->question_id);
      break;

    case PROP_ZOOM_LEVEL:
      g_value_set_double (value, rh_page_view_get_zoom_level (self));
      break;

    case PROP_FIND_MODE:
      g_value_set_boolean (value, rh_page_view_get_find_mode (self));
      break;

    case PROP_SCROLL_Y:
      g_value_set_double (value, self->scroll_y);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_page_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhPageView *self = RH_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM_LEVEL:
      rh_page_view_set_zoom_level (self, g_value_get_double (value));
      break;

    case PROP_FIND_MODE:
      rh_page_view_set_find_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
rh_page_view_grab_focus (GtkWidget *widget)
{
  RhPageView *self = RH_PAGE_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

static void
rh_page_view_class_init (RhPageViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_page_view_dispose;
  object_class->finalize = rh_page_view_finalize;
  object_class->get_property = rh_page_view_get_property;
  object_class->set_property = rh_page_view_set_property;
  widget_class->grab_focus = rh_page_view_grab_focus;

  properties[PROP_PATH] =
      g_param_spec_string ("path", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_QUESTION_ID] =
      g_param_spec_string ("question-id", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhPageView:zoom-level:
   *
   * How large pages are shown, 1.0 being their own size.
   */
  properties[PROP_ZOOM_LEVEL] =
      g_param_spec_double ("zoom-level", NULL, NULL, 0.0, G_MAXDOUBLE, 1.0,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhPageView:find-mode:
   *
   * Whether the find bar is shown above the page.
   */
  properties[PROP_FIND_MODE] =
      g_param_spec_boolean ("find-mode", NULL, NULL, FALSE,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhPageView:scroll-y:
   *
   * How far the page is scrolled, in CSS pixels, as the page says once
   * the reader has stopped scrolling for a moment.
   */
  properties[PROP_SCROLL_Y] =
      g_param_spec_double ("scroll-y", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhPageView::action-link:
   * @uri: a `rehearse://action/…` link the user clicked
   */
  signals[ACTION_LINK] =
      g_signal_new ("action-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RhPageView::page-loaded:
   *
   * A page has loaded, and shows.
   */
  signals[PAGE_LOADED] =
      g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-page-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhPageView, box);
  gtk_widget_class_bind_template_child (widget_class, RhPageView, find_bar);
  gtk_widget_class_bind_template_child (widget_class, RhPageView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, RhPageView, find_matches);
  _rh_page_view_actions_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rhpageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  rh_page_scheme_register ();
}

static void
rh_page_view_init (RhPageView *self)
{
  WebKitSettings *settings;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", _rh_page_view_get_network_session (),
                                 NULL);
  settings = webkit_web_view_get_settings (self->web_view);

  /* Script elements and on… attributes are removed while parsing; the
   * app's own scripts, in their own world, still run. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, TRUE);
  webkit_settings_set_enable_smooth_scrolling (settings, TRUE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);

  webkit_web_view_set_background_color (self->web_view, &light_background);
  _rh_page_view_scripts_init (self);

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (rh_page_view_on_decide_policy), self, 0);
  g_signal_connect_object (self->web_view, "notify::uri", G_CALLBACK (rh_page_view_on_uri_changed), self, 0);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (rh_page_view_on_load_changed), self, 0);

  gtk_widget_set_hexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_box_append (self->box, GTK_WIDGET (self->web_view));

  _rh_page_view_actions_init (self);
}

GtkWidget *
rh_page_view_new (void)
{
  return g_object_new (RH_TYPE_PAGE_VIEW, NULL);
}

void
rh_page_view_set_library (RhPageView *self,
                          RhLibrary  *library)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));
  g_return_if_fail (!library || RH_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  rh_page_view_watch_subtopic (self);
}

void
rh_page_view_set_renderer (RhPageView     *self,
                           RhPageRenderer *renderer)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));
  g_return_if_fail (!renderer || RH_IS_PAGE_RENDERER (renderer));

  g_set_object (&self->renderer, renderer);
}

/**
 * rh_page_view_set_state:
 * @state: (nullable): the study state the page's stars show
 */
void
rh_page_view_set_state (RhPageView *self,
                        RhState    *state)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));
  g_return_if_fail (!state || RH_IS_STATE (state));

  if (self->state == state)
    return;

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_func (self->state, rh_page_view_on_bookmarks_changed, self);
  g_set_object (&self->state, state);
  if (state != NULL)
    g_signal_connect_object (state, "bookmarks-changed", G_CALLBACK (rh_page_view_on_bookmarks_changed), self,
                             G_CONNECT_SWAPPED);
}

/**
 * rh_page_view_get_actions:
 *
 * The view's `page.` actions reach widgets inside it by themselves; this
 * group forwards to them for widgets outside it, such as a window's
 * header bar and menu, where it is inserted as `page`.
 *
 * Returns: (transfer none): the view's actions, without their prefix
 */
GActionGroup *
rh_page_view_get_actions (RhPageView *self)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/**
 * rh_page_view_open:
 * @question_id: (nullable): the question to scroll to and mark current
 *
 * Shows the page at @path. A question is reached through the page's own
 * fragment, so `:target` marks it without any script.
 */
void
rh_page_view_open (RhPageView *self,
                   const char *path,
                   const char *question_id)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (RH_IS_PAGE_VIEW (self));
  g_return_if_fail (path != NULL);

  uri = rh_page_uri_for_path (path, question_id);
  if (g_strcmp0 (webkit_web_view_get_uri (self->web_view), uri) == 0)
    return;

  webkit_web_view_load_uri (self->web_view, uri);

  /* Before the view is on screen its window is being built, and a
   * render now would only hold back the window's first frame: it waits
   * for that frame instead, still well ahead of WebKit's request, which
   * renders it itself if it comes first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rh_page_view_prepare_page (self, path);
  else
    {
      rh_page_view_forget_prepared (self);
      self->prepared_path = g_strdup (path);
      self->prepare_after_paint = TRUE;
      g_signal_handlers_disconnect_by_func (self, rh_page_view_on_first_map, NULL);
      g_signal_connect (self, "map", G_CALLBACK (rh_page_view_on_first_map), NULL);
    }
}

const char *
rh_page_view_get_path (RhPageView *self)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), NULL);

  return self->path;
}

const char *
rh_page_view_get_question_id (RhPageView *self)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), NULL);

  return self->question_id;
}

/**
 * rh_page_view_set_dark:
 *
 * Follows the style while a page is open: the page switches its colours
 * in place, and new pages are rendered dark from their first paint.
 */
void
rh_page_view_set_dark (RhPageView *self,
                       gboolean    dark)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  dark = !!dark;
  if (self->dark == (guint) dark)
    return;

  self->dark = dark;
  webkit_web_view_set_background_color (self->web_view, dark ? &dark_background : &light_background);
  _rh_page_view_scripts_call (self, "rehearse.setDark (dark !== 0);", g_variant_new_parsed ("{'dark': <%i>}", dark), NULL, NULL, NULL);
}

double
rh_page_view_get_zoom_level (RhPageView *self)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), 1.0);

  return webkit_web_view_get_zoom_level (self->web_view);
}

void
rh_page_view_set_zoom_level (RhPageView *self,
                             double      zoom_level)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  /* The view tells when its zoom changes, and the property follows. */
  webkit_web_view_set_zoom_level (self->web_view, zoom_level);
}

void
_rh_page_view_notify_zoom_level (RhPageView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_LEVEL]);
}

gboolean
rh_page_view_get_find_mode (RhPageView *self)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), FALSE);

  return gtk_search_bar_get_search_mode (self->find_bar);
}

void
rh_page_view_set_find_mode (RhPageView *self,
                            gboolean    find_mode)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  /* The bar tells when it opens or closes, and the property follows. */
  gtk_search_bar_set_search_mode (self->find_bar, find_mode);
}

void
_rh_page_view_notify_find_mode (RhPageView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIND_MODE]);
}

double
rh_page_view_get_scroll_y (RhPageView *self)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), 0.0);

  return self->scroll_y;
}

void
_rh_page_view_set_scroll_y (RhPageView *self,
                            double      scroll_y)
{
  scroll_y = MAX (scroll_y, 0.0);
  if (self->scroll_y == scroll_y)
    return;

  self->scroll_y = scroll_y;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCROLL_Y]);
}
