/* rh-preferences-window.c
 *
 * The Preferences window: the study settings, each bound to its
 * GSettings key, so a change takes effect at the next card and in
 * every window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-fsrs.h"
#include "rh-preferences-window.h"

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          double      lower,
          double      upper,
          double      step,
          GtkWidget **out_spin)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *out_spin = spin;

  return row;
}

/* The key holds a share (0.9); the row shows a percentage (90). */
static gboolean
retention_from_setting (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100);

  return TRUE;
}

static GVariant *
retention_to_setting (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  double share = CLAMP (g_value_get_double (value) / 100, RH_FSRS_MIN_RETENTION, RH_FSRS_MAX_RETENTION);

  return g_variant_new_double (share);
}

/**
 * rh_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the window, to present
 */
GtkWidget *
rh_preferences_window_new (GSettings *settings)
{
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *limits;
  GtkWidget *scheduling;
  GtkWidget *spin;
  GtkWidget *row;
  GtkWidget *fuzz;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  window = adw_preferences_window_new ();
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _ ("Studying"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  limits = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (limits), _ ("Daily Limits"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (limits),
                                         _ ("A study day starts at 4 a.m.; the limits count all of it."));

  row = spin_row (_ ("New cards per day"), _ ("Questions shown for the first time"), 0, 9999, 1, &spin);
  g_settings_bind (settings, "new-cards-per-day", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (limits), row);

  row = spin_row (_ ("Reviews per day"), _ ("Cards already learned that come back"), 0, 99999, 10, &spin);
  g_settings_bind (settings, "reviews-per-day", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (limits), row);

  scheduling = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (scheduling), _ ("Scheduling"));

  row = spin_row (_ ("Desired retention"),
                  _ ("The chance of remembering an answer when it comes back, in percent. Higher means more reviews."),
                  RH_FSRS_MIN_RETENTION * 100, RH_FSRS_MAX_RETENTION * 100, 1, &spin);
  g_settings_bind_with_mapping (settings, "desired-retention", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)),
                                "value", G_SETTINGS_BIND_DEFAULT, retention_from_setting, retention_to_setting, NULL,
                                NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (scheduling), row);

  row = adw_action_row_new ();
  fuzz = gtk_switch_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Spread review intervals"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _ ("Vary intervals a little, so cards learned together do not keep coming back together"));
  gtk_widget_set_valign (fuzz, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fuzz), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Spread review intervals"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), fuzz);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), fuzz);
  g_settings_bind (settings, "interval-fuzz", fuzz, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (scheduling), row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (limits));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (scheduling));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));

  return window;
}
