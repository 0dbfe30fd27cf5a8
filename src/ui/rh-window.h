/* rh-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rh-types.h"

G_BEGIN_DECLS

typedef struct _RhApplication RhApplication;

#define RH_TYPE_WINDOW (rh_window_get_type ())

G_DECLARE_FINAL_TYPE (RhWindow, rh_window, RH, WINDOW, AdwApplicationWindow)

RhWindow *rh_window_new (RhApplication *application);
void      rh_window_open (RhWindow   *self,
                          const char *path,
                          const char *question_id);

void rh_window_import_files (RhWindow *self,
                             GFile   **files,
                             int       n_files);

void rh_window_import_bookmarks (RhWindow *self,
                                 GFile    *file);
void rh_window_export_bookmarks (RhWindow *self,
                                 GFile    *file);

void rh_window_search (RhWindow   *self,
                       const char *text);

G_END_DECLS
