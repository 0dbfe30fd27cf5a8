/* rh-sidebar-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rh-due-counts.h"

G_BEGIN_DECLS

#define RH_TYPE_SIDEBAR_ROW (rh_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (RhSidebarRow, rh_sidebar_row, RH, SIDEBAR_ROW, GtkWidget)

GtkWidget *rh_sidebar_row_new (void);
void       rh_sidebar_row_set_row (RhSidebarRow   *self,
                                   GtkTreeListRow *row);
void       rh_sidebar_row_set_due_counts (RhSidebarRow *self,
                                          RhDueCounts  *counts);

G_END_DECLS
