/* rh-pane-handle.c
 *
 * The line between the sidebar and the page, which can be dragged to
 * resize the sidebar. AdwLeaflet folds but does not resize, so this
 * gives it the one thing a GtkPaned would have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-pane-handle.h"

struct _RhPaneHandle
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RhPaneHandle, rh_pane_handle, GTK_TYPE_WIDGET)

enum
{
  DRAG_BEGIN,
  DRAG_UPDATE,
  DRAG_END,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               RhPaneHandle   *self)
{
  g_signal_emit (self, signals[DRAG_BEGIN], 0);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                RhPaneHandle   *self)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    offset_x = -offset_x;

  g_signal_emit (self, signals[DRAG_UPDATE], 0, offset_x);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             RhPaneHandle   *self)
{
  g_signal_emit (self, signals[DRAG_END], 0);
}

static void
rh_pane_handle_class_init (RhPaneHandleClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * RhPaneHandle::drag-update:
   * @offset: how far the handle moved since the drag began, towards the
   *   end of the line
   */
  signals[DRAG_BEGIN] = g_signal_new ("drag-begin", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DRAG_UPDATE] = g_signal_new ("drag-update", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[DRAG_END] = g_signal_new ("drag-end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "panehandle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEPARATOR);
}

static void
rh_pane_handle_init (RhPaneHandle *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
}
