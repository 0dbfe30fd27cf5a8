/* rh-pane-handle.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RH_TYPE_PANE_HANDLE (rh_pane_handle_get_type ())

G_DECLARE_FINAL_TYPE (RhPaneHandle, rh_pane_handle, RH, PANE_HANDLE, GtkWidget)

G_END_DECLS
