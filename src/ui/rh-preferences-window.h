/* rh-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *rh_preferences_window_new (GSettings *settings);

G_END_DECLS
