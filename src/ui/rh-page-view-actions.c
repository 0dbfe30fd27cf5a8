/* rh-page-view-actions.c
 *
 * What a reader does to an open page: back and forward, find, zoom and
 * print, as the page view's own actions (page.go-back, page.find,
 * page.zoom-in, …), and the find bar above the page. Widgets outside
 * the view, the window's header bar, menu and shortcuts, reach the same
 * actions through rh_page_view_get_actions().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rh-page-view-private.h"

#define RH_PAGE_VIEW_ACTIONS_PREFIX "page."

#define ZOOM_STEP 0.1
#define ZOOM_MIN 0.3
#define ZOOM_MAX 3.0

/* Enables or disables an action for the view and for widgets outside it
 * alike. */
static void
rh_page_view_actions_set_enabled (RhPageView *self,
                                  const char *name,
                                  gboolean    enabled)
{
  g_autofree char *full_name = g_strconcat (RH_PAGE_VIEW_ACTIONS_PREFIX, name, NULL);
  GAction         *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), full_name, enabled);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_rh_page_view_actions_update (RhPageView *self)
{
  double zoom = webkit_web_view_get_zoom_level (self->web_view);

  rh_page_view_actions_set_enabled (self, "go-back", webkit_web_view_can_go_back (self->web_view));
  rh_page_view_actions_set_enabled (self, "go-forward", webkit_web_view_can_go_forward (self->web_view));
  rh_page_view_actions_set_enabled (self, "zoom-in", zoom < ZOOM_MAX - 0.01);
  rh_page_view_actions_set_enabled (self, "zoom-out", zoom > ZOOM_MIN + 0.01);
  rh_page_view_actions_set_enabled (self, "print", self->path != NULL);
}

static void
rh_page_view_actions_go_back (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  webkit_web_view_go_back (RH_PAGE_VIEW (widget)->web_view);
}

static void
rh_page_view_actions_go_forward (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  webkit_web_view_go_forward (RH_PAGE_VIEW (widget)->web_view);
}

static void
rh_page_view_actions_print (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RhPageView                      *self = RH_PAGE_VIEW (widget);
  GtkRoot                         *root = gtk_widget_get_root (widget);
  g_autoptr (WebKitPrintOperation) operation = webkit_print_operation_new (self->web_view);

  webkit_print_operation_run_dialog (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* Zoom ------------------------------------------------------------------- */

static void
rh_page_view_actions_zoom_to (RhPageView *self,
                              double      zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  /* Round so that repeated steps land on the same levels. */
  zoom = floor (zoom * 10 + 0.5) / 10;
  rh_page_view_set_zoom_level (self, zoom);
}

static void
rh_page_view_actions_zoom_in (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RhPageView *self = RH_PAGE_VIEW (widget);

  rh_page_view_actions_zoom_to (self, rh_page_view_get_zoom_level (self) + ZOOM_STEP);
}

static void
rh_page_view_actions_zoom_out (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RhPageView *self = RH_PAGE_VIEW (widget);

  rh_page_view_actions_zoom_to (self, rh_page_view_get_zoom_level (self) - ZOOM_STEP);
}

static void
rh_page_view_actions_zoom_reset (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  rh_page_view_actions_zoom_to (RH_PAGE_VIEW (widget), 1.0);
}

static void
rh_page_view_actions_on_zoom_changed (RhPageView    *self,
                                      GParamSpec    *pspec,
                                      WebKitWebView *web_view)
{
  _rh_page_view_actions_update (self);
  _rh_page_view_notify_zoom_level (self);
}

/* Find in page ----------------------------------------------------------- */

static WebKitFindController *
rh_page_view_actions_get_find (RhPageView *self)
{
  return webkit_web_view_get_find_controller (self->web_view);
}

static void
rh_page_view_actions_find (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RhPageView *self = RH_PAGE_VIEW (widget);

  rh_page_view_set_find_mode (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

static void
rh_page_view_actions_find_next (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  webkit_find_controller_search_next (rh_page_view_actions_get_find (RH_PAGE_VIEW (widget)));
}

static void
rh_page_view_actions_find_previous (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  webkit_find_controller_search_previous (rh_page_view_actions_get_find (RH_PAGE_VIEW (widget)));
}

static void
rh_page_view_actions_on_find_changed (RhPageView     *self,
                                      GtkSearchEntry *entry)
{
  WebKitFindController *find = rh_page_view_actions_get_find (self);
  const char           *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] == '\0')
    {
      webkit_find_controller_search_finish (find);
      gtk_label_set_label (self->find_matches, "");
      return;
    }

  webkit_find_controller_count_matches (find, text, WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE, G_MAXUINT);
  webkit_find_controller_search (find, text,
                                 WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE | WEBKIT_FIND_OPTIONS_WRAP_AROUND,
                                 G_MAXUINT);
}

static void
rh_page_view_actions_on_find_next (RhPageView *self)
{
  webkit_find_controller_search_next (rh_page_view_actions_get_find (self));
}

static void
rh_page_view_actions_on_find_previous (RhPageView *self)
{
  webkit_find_controller_search_previous (rh_page_view_actions_get_find (self));
}

/* Escape in the entry: the bar closes and the page takes the keyboard. */
static void
rh_page_view_actions_on_find_stop (RhPageView *self)
{
  rh_page_view_set_find_mode (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

/**
 * _rh_page_view_actions_show_finding:
 *
 * Tells the page whether the find bar is open, so that it draws the
 * current match apart from the others: when the bar opens or closes,
 * and for each page that loads while it is open.
 */
void
_rh_page_view_actions_show_finding (RhPageView *self)
{
  gboolean finding = gtk_search_bar_get_search_mode (self->find_bar);

  _rh_page_view_scripts_call (self, "rehearse.setFinding (finding !== 0);",
                              g_variant_new_parsed ("{'finding': <%i>}", finding), NULL, NULL, NULL);
}

static void
rh_page_view_actions_on_find_mode_changed (RhPageView   *self,
                                           GParamSpec   *pspec,
                                           GtkSearchBar *find_bar)
{
  if (!gtk_search_bar_get_search_mode (find_bar))
    {
      webkit_find_controller_search_finish (rh_page_view_actions_get_find (self));
      gtk_label_set_label (self->find_matches, "");
    }

  _rh_page_view_actions_show_finding (self);
  _rh_page_view_notify_find_mode (self);
}

static void
rh_page_view_actions_on_counted_matches (RhPageView           *self,
                                         guint                 n_matches,
                                         WebKitFindController *find)
{
  g_autofree char *text = NULL;

  if (n_matches == 0)
    text = g_strdup (_ ("No matches"));
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n_matches), n_matches);

  gtk_label_set_label (self->find_matches, text);
}

/* Nothing of the last search stays marked, and the page stays where the
 * last match left it. */
static void
rh_page_view_actions_on_failed_to_find (RhPageView           *self,
                                        WebKitFindController *find)
{
  gtk_label_set_label (self->find_matches, _ ("No matches"));
  webkit_find_controller_search_finish (find);
  _rh_page_view_scripts_call (self, "rehearse.clearFind ();", NULL, NULL, NULL, NULL);
}

/* The same actions for widgets outside the view ------------------------- */

static void
rh_page_view_actions_forward (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  g_autofree char *full_name = g_strconcat (RH_PAGE_VIEW_ACTIONS_PREFIX, g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (user_data), full_name, parameter);
}

/* One forwarding action for each of the view's own, so that there is one
 * list of actions and one place that enables them. */
static GSimpleActionGroup *
rh_page_view_actions_new_group (RhPageView *self)
{
  GtkWidgetClass     *widget_class = GTK_WIDGET_GET_CLASS (self);
  GSimpleActionGroup *group = g_simple_action_group_new ();
  const GVariantType *parameter_type;
  const char         *property_name;
  const char         *name;
  GType               owner;

  /* GTK 4.8 fills in every out argument, so none may be NULL. */
  for (guint i = 0;
       gtk_widget_class_query_action (widget_class, i, &owner, &name, &parameter_type, &property_name);
       i++)
    {
      g_autoptr (GSimpleAction) action = NULL;

      if (!g_str_has_prefix (name, RH_PAGE_VIEW_ACTIONS_PREFIX))
        continue;

      action = g_simple_action_new (name + strlen (RH_PAGE_VIEW_ACTIONS_PREFIX), parameter_type);
      g_signal_connect_object (action, "activate", G_CALLBACK (rh_page_view_actions_forward), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }

  return group;
}

void
_rh_page_view_actions_init (RhPageView *self)
{
  WebKitFindController *find = rh_page_view_actions_get_find (self);

  self->actions = rh_page_view_actions_new_group (self);

  g_signal_connect_object (find, "counted-matches", G_CALLBACK (rh_page_view_actions_on_counted_matches),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (find, "failed-to-find-text", G_CALLBACK (rh_page_view_actions_on_failed_to_find),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_bar, "notify::search-mode-enabled",
                           G_CALLBACK (rh_page_view_actions_on_find_mode_changed), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  gtk_search_bar_set_key_capture_widget (self->find_bar, NULL);

  /* The history changes after the URI does. */
  g_signal_connect_object (webkit_web_view_get_back_forward_list (self->web_view), "changed",
                           G_CALLBACK (_rh_page_view_actions_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::zoom-level", G_CALLBACK (rh_page_view_actions_on_zoom_changed),
                           self, G_CONNECT_SWAPPED);

  _rh_page_view_actions_update (self);
}

void
_rh_page_view_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.go-back", NULL, rh_page_view_actions_go_back);
  gtk_widget_class_install_action (widget_class, "page.go-forward", NULL, rh_page_view_actions_go_forward);
  gtk_widget_class_install_action (widget_class, "page.find", NULL, rh_page_view_actions_find);
  gtk_widget_class_install_action (widget_class, "page.find-next", NULL, rh_page_view_actions_find_next);
  gtk_widget_class_install_action (widget_class, "page.find-previous", NULL, rh_page_view_actions_find_previous);
  gtk_widget_class_install_action (widget_class, "page.print", NULL, rh_page_view_actions_print);
  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, rh_page_view_actions_zoom_in);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, rh_page_view_actions_zoom_out);
  gtk_widget_class_install_action (widget_class, "page.zoom-reset", NULL, rh_page_view_actions_zoom_reset);

  gtk_widget_class_bind_template_callback (widget_class, rh_page_view_actions_on_find_changed);
  gtk_widget_class_bind_template_callback (widget_class, rh_page_view_actions_on_find_next);
  gtk_widget_class_bind_template_callback (widget_class, rh_page_view_actions_on_find_previous);
  gtk_widget_class_bind_template_callback (widget_class, rh_page_view_actions_on_find_stop);
}
