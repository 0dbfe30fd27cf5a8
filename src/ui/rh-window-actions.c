/* rh-window-actions.c
 *
 * The window's actions and their keyboard shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rh-window-private.h"

#define ZOOM_STEP 0.1
#define ZOOM_MIN 0.3
#define ZOOM_MAX 3.0

static WebKitWebView *
get_web_view (RhWindow *self)
{
  return rh_page_view_get_web_view (self->page_view);
}

static void
go_back (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  webkit_web_view_go_back (get_web_view (RH_WINDOW (widget)));
}

static void
go_forward (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  webkit_web_view_go_forward (get_web_view (RH_WINDOW (widget)));
}

static void
find (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  gtk_toggle_button_set_active (self->find_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

static void
print_page (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_autoptr (WebKitPrintOperation) operation = webkit_print_operation_new (get_web_view (RH_WINDOW (widget)));

  webkit_print_operation_run_dialog (operation, GTK_WINDOW (widget));
}

static void
set_zoom (RhWindow *self,
          double    zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  /* Round so that repeated steps land on the same levels. */
  zoom = floor (zoom * 10 + 0.5) / 10;
  g_settings_set_double (self->settings, "zoom-level", zoom);
}

static void
zoom_in (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  set_zoom (self, webkit_web_view_get_zoom_level (get_web_view (self)) + ZOOM_STEP);
}

static void
zoom_out (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  set_zoom (self, webkit_web_view_get_zoom_level (get_web_view (self)) - ZOOM_STEP);
}

static void
zoom_reset (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  set_zoom (RH_WINDOW (widget), 1.0);
}

static void
show_sidebar (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

/* F6 moves between the two panes, as in other GNOME apps. */
static void
focus_next_pane (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RhWindow  *self = RH_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar)))
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
    }
  else
    show_sidebar (widget, NULL, NULL);
}

void
_rh_window_update_actions (RhWindow *self)
{
  WebKitWebView *web_view = get_web_view (self);
  double         zoom = webkit_web_view_get_zoom_level (web_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", webkit_web_view_can_go_back (web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward", webkit_web_view_can_go_forward (web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", zoom < ZOOM_MAX - 0.01);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", zoom > ZOOM_MIN + 0.01);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", rh_page_view_get_path (self->page_view) != NULL);
}

static void
on_zoom_changed (RhWindow      *self,
                 GParamSpec    *pspec,
                 WebKitWebView *web_view)
{
  g_autofree char *label = g_strdup_printf ("%.0f%%", webkit_web_view_get_zoom_level (web_view) * 100);

  gtk_label_set_label (self->zoom_label, label);
  _rh_window_update_actions (self);
}

static GtkWidget *
zoom_button (const char *icon_name,
             const char *action_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");

  return button;
}

/* A zoom row at the top of the main menu, as in GNOME Text Editor. */
void
_rh_window_setup_zoom_menu (RhWindow *self)
{
  GtkPopoverMenu *popover = GTK_POPOVER_MENU (gtk_menu_button_get_popover (self->primary_menu_button));
  GtkWidget      *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget      *reset;

  gtk_widget_add_css_class (box, "zoom-box");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-out-symbolic", "win.zoom-out", _ ("Zoom Out")));

  self->zoom_label = GTK_LABEL (gtk_label_new ("100%"));
  gtk_label_set_width_chars (self->zoom_label, 5);
  reset = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (reset), GTK_WIDGET (self->zoom_label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "win.zoom-reset");
  gtk_widget_set_tooltip_text (reset, _ ("Reset Zoom"));
  gtk_widget_add_css_class (reset, "flat");
  gtk_widget_add_css_class (reset, "numeric");
  gtk_box_append (GTK_BOX (box), reset);

  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-in-symbolic", "win.zoom-in", _ ("Zoom In")));
  gtk_popover_menu_add_child (popover, box, "zoom");

  g_signal_connect_object (get_web_view (self), "notify::zoom-level", G_CALLBACK (on_zoom_changed),
                           self, G_CONNECT_SWAPPED);
}

/* The mouse's back and forward buttons. */
static void
on_mouse_button (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RhWindow        *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    webkit_web_view_go_back (get_web_view (self));
  else if (button == 9)
    webkit_web_view_go_forward (get_web_view (self));
  else
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
_rh_window_add_mouse_navigation (RhWindow *self)
{
  GtkWidget  *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_mouse_button), widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

void
_rh_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_forward);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_page);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar);
  gtk_widget_class_install_action (widget_class, "win.focus-next-pane", NULL, focus_next_pane);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
}
