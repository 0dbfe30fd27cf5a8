/* rh-library-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rh-types.h"

G_BEGIN_DECLS

#define RH_TYPE_LIBRARY_DIALOG (rh_library_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RhLibraryDialog, rh_library_dialog, RH, LIBRARY_DIALOG, AdwWindow)

GtkWidget *rh_library_dialog_new (GtkWindow *parent,
                                  RhLibrary *library,
                                  RhState   *state);

G_END_DECLS
