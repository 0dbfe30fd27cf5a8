/* rh-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rh-due-counts.h"

#include "rh-library.h"

G_BEGIN_DECLS

#define RH_TYPE_SIDEBAR (rh_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (RhSidebar, rh_sidebar, RH, SIDEBAR, GtkWidget)

GtkWidget *rh_sidebar_new (void);
void       rh_sidebar_set_natural_width (RhSidebar *self,
                                         int        width);
void       rh_sidebar_set_models (RhSidebar  *self,
                                  RhLibrary  *library,
                                  GListModel *bookmarks);
gboolean   rh_sidebar_select (RhSidebar  *self,
                              const char *path,
                              const char *question_id);
GObject   *rh_sidebar_get_selected_item (RhSidebar *self);
void       rh_sidebar_set_due_counts (RhSidebar   *self,
                                      RhDueCounts *counts);

G_END_DECLS
