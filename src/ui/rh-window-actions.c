/* rh-window-actions.c
 *
 * The window's own actions (the panes) and its keyboard shortcuts, the
 * zoom row of its menu and the mouse's back and forward buttons. What
 * acts on the open page is the page view's: the shortcuts and buttons
 * here point at its `page.` actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-window-private.h"

static void
rh_window_actions_show_sidebar (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

/* F6 moves between the two panes, as in other GNOME apps. */
static void
rh_window_actions_focus_next_pane (GtkWidget  *widget,
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
    rh_window_actions_show_sidebar (widget, NULL, NULL);
}

static void
rh_window_actions_on_zoom_changed (GtkLabel   *label,
                                   GParamSpec *pspec,
                                   RhPageView *page_view)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", rh_page_view_get_zoom_level (page_view) * 100);

  gtk_label_set_label (label, text);
}

static GtkWidget *
rh_window_actions_zoom_button (const char *icon_name,
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

/* A zoom row at the top of a main menu, as in GNOME Text Editor. The
 * page's header bar has the menu, and so, when the window is folded,
 * has the sidebar's. */
static void
rh_window_actions_setup_zoom_menu (RhWindow      *self,
                                   GtkMenuButton *menu_button)
{
  GtkPopoverMenu *popover = GTK_POPOVER_MENU (gtk_menu_button_get_popover (menu_button));
  GtkWidget      *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget      *label = gtk_label_new (NULL);
  GtkWidget      *reset;

  gtk_widget_add_css_class (box, "zoom-box");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), rh_window_actions_zoom_button ("zoom-out-symbolic", "page.zoom-out", _ ("Zoom Out")));

  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  reset = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (reset), label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "page.zoom-reset");
  gtk_widget_set_tooltip_text (reset, _ ("Reset Zoom"));
  gtk_widget_add_css_class (reset, "flat");
  gtk_widget_add_css_class (reset, "numeric");
  gtk_box_append (GTK_BOX (box), reset);

  gtk_box_append (GTK_BOX (box), rh_window_actions_zoom_button ("zoom-in-symbolic", "page.zoom-in", _ ("Zoom In")));
  gtk_popover_menu_add_child (popover, box, "zoom");

  g_signal_connect_object (self->page_view, "notify::zoom-level", G_CALLBACK (rh_window_actions_on_zoom_changed),
                           label, G_CONNECT_SWAPPED);
  rh_window_actions_on_zoom_changed (GTK_LABEL (label), NULL, self->page_view);
}

/* Each main menu is made the first time it opens: a popover menu costs
 * a start more than anything else in the header bars. */
static void
rh_window_actions_create_main_menu (GtkMenuButton *menu_button,
                                    gpointer       user_data)
{
  RhWindow *self = RH_WINDOW (user_data);

  gtk_menu_button_set_menu_model (menu_button, self->primary_menu);
  rh_window_actions_setup_zoom_menu (self, menu_button);
  gtk_menu_button_set_create_popup_func (menu_button, NULL, NULL, NULL);
}

/* The shortcuts window is built the first time it is asked for, not
 * with every window as GtkApplication would: it is the largest
 * interface file of all. */
static void
rh_window_actions_show_shortcuts (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/rehearse/Rehearse/rh-shortcuts-window.ui");
      GtkWindow             *shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

      gtk_window_set_transient_for (shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (shortcuts_window, TRUE);
      g_set_weak_pointer (&self->shortcuts_window, shortcuts_window);
    }

  gtk_window_present (self->shortcuts_window);
}

/* The mouse's back and forward buttons. */
static void
rh_window_actions_on_mouse_button (GtkGestureClick *gesture,
                                   int              n_press,
                                   double           x,
                                   double           y,
                                   RhWindow        *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    gtk_widget_activate_action (GTK_WIDGET (self), "page.go-back", NULL);
  else if (button == 9)
    gtk_widget_activate_action (GTK_WIDGET (self), "page.go-forward", NULL);
  else
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
rh_window_actions_add_mouse_navigation (RhWindow *self)
{
  GtkWidget  *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (rh_window_actions_on_mouse_button), widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

/* Back and forward from anywhere in the window: taken before any
 * widget sees the keys, so that neither the list's arrow keys nor the
 * web view keep them. */
static void
rh_window_actions_add_history_keys (RhWindow *self)
{
  static const struct
  {
    guint       keyval;
    guint       modifiers;
    const char *action;
  } keys[] = {
    { GDK_KEY_Left, GDK_ALT_MASK, "page.go-back" },
    { GDK_KEY_KP_Left, GDK_ALT_MASK, "page.go-back" },
    { GDK_KEY_Back, 0, "page.go-back" },
    { GDK_KEY_Right, GDK_ALT_MASK, "page.go-forward" },
    { GDK_KEY_KP_Right, GDK_ALT_MASK, "page.go-forward" },
    { GDK_KEY_Forward, 0, "page.go-forward" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The page view's actions, for the header bar, the menu and the
 * shortcuts, which all sit outside it. */
void
_rh_window_actions_init (RhWindow *self)
{
  gtk_widget_insert_action_group (GTK_WIDGET (self), "page", rh_page_view_get_actions (self->page_view));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, rh_window_actions_create_main_menu, self, NULL);
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, rh_window_actions_create_main_menu, self, NULL);
  rh_window_actions_add_mouse_navigation (self);
  rh_window_actions_add_history_keys (self);
}

void
_rh_window_actions_dispose (RhWindow *self)
{
  GtkWindow *shortcuts_window = self->shortcuts_window;

  g_clear_weak_pointer (&self->shortcuts_window);
  if (shortcuts_window != NULL)
    gtk_window_destroy (shortcuts_window);
}

/**
 * _rh_window_actions_set_accels:
 *
 * The window's shortcuts that the menu and the shortcuts window show
 * are the application's accelerators, where both look for them.
 */
void
_rh_window_actions_set_accels (GtkApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "win.open", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.search", { "<Control>k", NULL } },
    { "win.toggle-bookmark", { "<Control>d", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

void
_rh_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, rh_window_actions_show_sidebar);
  gtk_widget_class_install_action (widget_class, "win.focus-next-pane", NULL, rh_window_actions_focus_next_pane);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, rh_window_actions_show_shortcuts);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "page.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "page.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "page.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
}
