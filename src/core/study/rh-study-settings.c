/* rh-study-settings.c
 *
 * The choices that shape studying (retention, fuzz, daily limits) and
 * the study day: read from GSettings when the application has them, the
 * defaults otherwise, and turned into the scheduler's parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-study-settings.h"

#define SECONDS_PER_DAY 86400

void
rh_study_settings_init_default (RhStudySettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->desired_retention = RH_FSRS_DEFAULT_RETENTION;
  settings->interval_fuzz = TRUE;
  settings->new_cards_per_day = RH_STUDY_DEFAULT_NEW_CARDS_PER_DAY;
  settings->reviews_per_day = RH_STUDY_DEFAULT_REVIEWS_PER_DAY;
  settings->day_offset = 0;
}

/**
 * rh_study_settings_load:
 * @gsettings: the application's settings
 *
 * Reads `desired-retention`, `interval-fuzz`, `new-cards-per-day` and
 * `reviews-per-day`; a key the schema lacks keeps its current value.
 * The day offset is not a setting and is left alone.
 */
void
rh_study_settings_load (RhStudySettings *settings,
                        GSettings       *gsettings)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  g_return_if_fail (settings != NULL);
  g_return_if_fail (G_IS_SETTINGS (gsettings));

  g_object_get (gsettings, "settings-schema", &schema, NULL);

  if (g_settings_schema_has_key (schema, "desired-retention"))
    settings->desired_retention = CLAMP (g_settings_get_double (gsettings, "desired-retention"),
                                         RH_FSRS_MIN_RETENTION, RH_FSRS_MAX_RETENTION);
  if (g_settings_schema_has_key (schema, "interval-fuzz"))
    settings->interval_fuzz = g_settings_get_boolean (gsettings, "interval-fuzz");
  if (g_settings_schema_has_key (schema, "new-cards-per-day"))
    settings->new_cards_per_day = (guint) MAX (g_settings_get_int (gsettings, "new-cards-per-day"), 0);
  if (g_settings_schema_has_key (schema, "reviews-per-day"))
    settings->reviews_per_day = (guint) MAX (g_settings_get_int (gsettings, "reviews-per-day"), 0);
}

gboolean
rh_study_settings_is_valid (const RhStudySettings *settings)
{
  RhFsrsParams params;

  g_return_val_if_fail (settings != NULL, FALSE);

  rh_study_settings_get_fsrs_params (settings, &params);

  return rh_fsrs_params_is_valid (&params);
}

/**
 * rh_study_settings_get_fsrs_params:
 *
 * FSRS-6's default weights and steps, with the user's retention and
 * fuzz and the study day. Nothing else varies: the review log records
 * exactly these three so that replaying it gives the same cards.
 */
void
rh_study_settings_get_fsrs_params (const RhStudySettings *settings,
                                   RhFsrsParams          *out_params)
{
  g_return_if_fail (settings != NULL);
  g_return_if_fail (out_params != NULL);

  rh_fsrs_params_init_default (out_params);
  out_params->desired_retention = settings->desired_retention;
  out_params->enable_fuzz = settings->interval_fuzz;
  out_params->day_offset = settings->day_offset;
}

/**
 * rh_study_settings_get_day_offset:
 * @time_zone: (nullable): where the user is, or %NULL for the local zone
 * @at: a time, in Unix seconds: the offset changes with daylight saving
 *
 * Returns: the day offset that makes study days start at
 *   %RH_STUDY_DAY_START_HOUR local time, for #RhStudySettings:day_offset
 */
int
rh_study_settings_get_day_offset (GTimeZone *time_zone,
                                  gint64     at)
{
  g_autoptr (GTimeZone) local = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  int                   interval = g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, at);
  int                   offset = interval >= 0 ? g_time_zone_get_offset (local, interval) : 0;

  return offset - RH_STUDY_DAY_START_HOUR * 3600;
}

/**
 * rh_study_settings_get_day_start:
 *
 * Returns: when the study day holding @at began, in Unix seconds
 */
gint64
rh_study_settings_get_day_start (const RhStudySettings *settings,
                                 gint64                 at)
{
  gint64 shifted;
  gint64 day;

  g_return_val_if_fail (settings != NULL, 0);

  shifted = at + settings->day_offset;
  day = shifted / SECONDS_PER_DAY - (shifted % SECONDS_PER_DAY < 0);

  return day * SECONDS_PER_DAY - settings->day_offset;
}
