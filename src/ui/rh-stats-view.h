/* rh-stats-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rh-application.h"
#include "rh-study-stats.h"

G_BEGIN_DECLS

#define RH_TYPE_STATS_VIEW (rh_stats_view_get_type ())

G_DECLARE_FINAL_TYPE (RhStatsView, rh_stats_view, RH, STATS_VIEW, GtkWidget)

GtkWidget *rh_stats_view_new (void);
void       rh_stats_view_set_stats (RhStatsView        *self,
                                    const RhStudyStats *stats);
GPtrArray *rh_stats_view_get_charts (RhStatsView *self);
gboolean   rh_stats_view_load (RhStatsView   *self,
                               RhApplication *application,
                               GError       **error);
GtkWidget *rh_stats_view_new_window (RhApplication *application,
                                     GtkWindow     *parent);

G_END_DECLS
