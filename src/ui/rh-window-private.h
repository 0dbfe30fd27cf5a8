/* rh-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-due-counts.h"
#include "rh-page-view.h"
#include "rh-pane-handle.h"
#include "rh-search-panel.h"
#include "rh-sidebar.h"
#include "rh-study-view.h"
#include "rh-window.h"

G_BEGIN_DECLS

struct _RhWindow
{
  AdwApplicationWindow parent_instance;

  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar_pane;
  RhSidebar       *sidebar;
  GtkToggleButton *search_button;
  GtkMenuButton   *sidebar_menu_button;
  GtkStack        *sidebar_stack;
  RhSearchPanel   *search_panel;
  RhPaneHandle    *pane_handle;
  GtkWidget       *content_pane;
  AdwWindowTitle  *page_title;
  GtkMenuButton   *primary_menu_button;
  GMenuModel      *primary_menu;
  GtkWindow       *shortcuts_window; /* weak: made when first shown */
  GtkToggleButton *find_button;
  AdwToastOverlay *toast_overlay;
  RhPageView      *page_view;

  /* Studying: rh-window-study.c */
  GtkStack       *content_stack;
  RhStudyView    *study_view;
  AdwSplitButton *study_button;
  GMenu          *study_menu;
  RhDueCounts    *due_counts;
  gboolean        studying;

  GSettings *settings;
  AdwToast  *bookmark_toast; /* weak: the last one, replaced by the next */
  int        sidebar_width; /* as the user made it */
  int        drag_start_width;
  guint      closing : 1;
  guint      awaiting_initial_page : 1; /* until the library has it */
};

void _rh_window_actions_class_init (GtkWidgetClass *widget_class);
void _rh_window_actions_init (RhWindow *self);
void _rh_window_actions_set_accels (GtkApplication *application);
void _rh_window_actions_dispose (RhWindow *self);
void _rh_window_bookmarks_class_init (GtkWidgetClass *widget_class);
void _rh_window_bookmarks_setup (RhWindow *self);
void _rh_window_search_class_init (GtkWidgetClass *widget_class);
void _rh_window_search_setup (RhWindow *self);
void _rh_window_study_class_init (GtkWidgetClass *widget_class);
void _rh_window_study_setup (RhWindow *self);
void _rh_window_study_dispose (RhWindow *self);
void _rh_window_study_start (RhWindow   *self,
                             const char *scope);
void _rh_window_study_handle_link (RhWindow   *self,
                                   GHashTable *params);
void _rh_window_class_add_library_actions (GtkWidgetClass *widget_class);
void _rh_window_setup_library (RhWindow *self);
void _rh_window_toggle_bookmark (RhWindow   *self,
                                 const char *question_id);
void _rh_window_show_toast (RhWindow   *self,
                            const char *message);
void _rh_window_show_refusal (RhWindow   *self,
                              int         code,
                              const char *what,
                              const char *details,
                              gboolean    persistent);

G_END_DECLS
