/* rh-study-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-fsrs.h"

G_BEGIN_DECLS

#define RH_STUDY_DEFAULT_NEW_CARDS_PER_DAY 20
#define RH_STUDY_DEFAULT_REVIEWS_PER_DAY 200

/* A study day starts at this local hour, as in Anki: a session that runs
 * past midnight still counts as the evening's.
 */
#define RH_STUDY_DAY_START_HOUR 4

/**
 * RhStudySettings:
 * @desired_retention: the recall probability intervals aim at, in
 *   [%RH_FSRS_MIN_RETENTION, %RH_FSRS_MAX_RETENTION]
 * @interval_fuzz: whether review intervals are spread a little
 * @new_cards_per_day: how many questions a day may be seen the first time
 * @reviews_per_day: how many reviews of review cards a day may hold
 * @day_offset: seconds added to UTC before counting days, as
 *   #RhFsrsParams's; see rh_study_settings_get_day_offset()
 *
 * What a user chooses about studying, plus where their day starts.
 */
typedef struct
{
  double   desired_retention;
  gboolean interval_fuzz;
  guint    new_cards_per_day;
  guint    reviews_per_day;
  int      day_offset;
} RhStudySettings;

void     rh_study_settings_init_default (RhStudySettings *settings);
void     rh_study_settings_load (RhStudySettings *settings,
                                 GSettings       *gsettings);
gboolean rh_study_settings_is_valid (const RhStudySettings *settings);
void     rh_study_settings_get_fsrs_params (const RhStudySettings *settings,
                                            RhFsrsParams          *out_params);

int    rh_study_settings_get_day_offset (GTimeZone *time_zone,
                                         gint64     at);
gint64 rh_study_settings_get_day_start (const RhStudySettings *settings,
                                        gint64                 at);

G_END_DECLS
