/* rh-stats-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RH_STATS_CHART_BARS,
  RH_STATS_CHART_CALENDAR,
} RhStatsChartKind;

#define RH_TYPE_STATS_CHART (rh_stats_chart_get_type ())

G_DECLARE_FINAL_TYPE (RhStatsChart, rh_stats_chart, RH, STATS_CHART, GtkWidget)

GtkWidget *rh_stats_chart_new (RhStatsChartKind kind);
void       rh_stats_chart_set_values (RhStatsChart *self,
                                      const guint  *values,
                                      guint         n_values);
void       rh_stats_chart_set_labels (RhStatsChart      *self,
                                      const char *const *labels);
void       rh_stats_chart_set_first_day (RhStatsChart *self,
                                         gint64        day);
void       rh_stats_chart_draw (RhStatsChart *self,
                                GtkSnapshot  *snapshot,
                                int           width,
                                int           height);

G_END_DECLS
