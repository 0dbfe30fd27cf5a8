/* rh-search-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rh-library.h"
#include "rh-search-index.h"
#include "rh-state.h"

G_BEGIN_DECLS

#define RH_TYPE_SEARCH_PANEL (rh_search_panel_get_type ())

G_DECLARE_FINAL_TYPE (RhSearchPanel, rh_search_panel, RH, SEARCH_PANEL, GtkWidget)

void        rh_search_panel_set_sources (RhSearchPanel *self,
                                         RhLibrary     *library,
                                         RhState       *state);
void        rh_search_panel_set_index (RhSearchPanel *self,
                                       RhSearchIndex *index);
void        rh_search_panel_set_preparing (RhSearchPanel *self,
                                           const char    *description,
                                           double         fraction);
void        rh_search_panel_focus_entry (RhSearchPanel *self);
const char *rh_search_panel_get_text (RhSearchPanel *self);
void        rh_search_panel_set_text (RhSearchPanel *self,
                                      const char    *text);
GListModel *rh_search_panel_get_results (RhSearchPanel *self);
const char *rh_search_panel_get_suggestion (RhSearchPanel *self);

G_END_DECLS
