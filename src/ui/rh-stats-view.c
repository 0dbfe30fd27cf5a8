/* rh-stats-view.c
 *
 * The statistics page: the streak and totals, true retention of young
 * and mature cards, reviews per day over the last eight weeks, the
 * year's calendar, the cards by state and the next thirty days'
 * forecast. The figures come from core (rh-study-stats.c); the charts
 * are native widgets (rh-stats-chart.c). The window follows every
 * window's grades while it is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-stats-chart.h"
#include "rh-stats-view.h"

#define N_RECENT_DAYS 56

typedef struct
{
  GtkLabel *value;
  GtkLabel *caption;
} Tile;

struct _RhStatsView
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  Tile       streak;
  Tile       longest;
  Tile       reviews;
  Tile       time;
  Tile       young;
  Tile       mature;
  GtkWidget *recent;
  GtkWidget *calendar;
  GtkWidget *cards;
  GtkWidget *forecast;
  GtkLabel  *recent_caption;
  GtkLabel  *calendar_caption;
  GPtrArray *charts; /* not owned */
};

G_DEFINE_FINAL_TYPE (RhStatsView, rh_stats_view, GTK_TYPE_WIDGET)

static GtkWidget *
tile_new (Tile       *tile,
          const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);

  tile->value = GTK_LABEL (gtk_label_new ("–"));
  tile->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (tile->value), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (tile->value), "numeric");
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (GTK_WIDGET (tile->caption), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (tile->caption), "dim-label");
  gtk_label_set_wrap (tile->caption, TRUE);
  gtk_label_set_justify (tile->caption, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->caption));
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "stats-tile");
  gtk_widget_set_hexpand (box, TRUE);

  return box;
}

static GtkWidget *
tiles_box (GtkWidget *first,
           GtkWidget *second)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);

  return box;
}

static GtkWidget *
section (GtkWidget  *content,
         const char *title,
         GtkLabel  **out_caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (content), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (GTK_BOX (box), heading);
  if (out_caption != NULL)
    {
      *out_caption = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (*out_caption, 0);
      gtk_widget_add_css_class (GTK_WIDGET (*out_caption), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (*out_caption), "dim-label");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (*out_caption));
    }
  gtk_box_append (GTK_BOX (box), content);

  return box;
}

static GtkWidget *
chart_new (RhStatsView     *self,
           RhStatsChartKind kind,
           const char      *name)
{
  GtkWidget *chart = rh_stats_chart_new (kind);

  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_ptr_array_add (self->charts, chart);

  return chart;
}

static void
rh_stats_view_dispose (GObject *object)
{
  RhStatsView *self = (RhStatsView *) object;

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->charts, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_stats_view_parent_class)->dispose (object);
}

static void
rh_stats_view_class_init (RhStatsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_stats_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rhstatsview");
}

static void
rh_stats_view_init (RhStatsView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  self->charts = g_ptr_array_new ();
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), tiles_box (tile_new (&self->streak, _ ("Current Streak")),
                                            tile_new (&self->longest, _ ("Longest Streak"))));
  gtk_box_append (GTK_BOX (box), tiles_box (tile_new (&self->reviews, _ ("Reviews")),
                                            tile_new (&self->time, _ ("Time Studying"))));

  self->recent = chart_new (self, RH_STATS_CHART_BARS, _ ("Reviews per Day"));
  gtk_box_append (GTK_BOX (box), section (self->recent, _ ("Reviews per Day"), &self->recent_caption));

  self->calendar = chart_new (self, RH_STATS_CHART_CALENDAR, _ ("Calendar"));
  gtk_box_append (GTK_BOX (box), section (self->calendar, _ ("The Past Year"), &self->calendar_caption));

  gtk_box_append (GTK_BOX (box),
                  section (tiles_box (tile_new (&self->young, _ ("Young Cards")), tile_new (&self->mature, _ ("Mature Cards"))),
                           _ ("True Retention"), NULL));

  self->cards = chart_new (self, RH_STATS_CHART_BARS, _ ("Cards by State"));
  gtk_box_append (GTK_BOX (box), section (self->cards, _ ("Cards by State"), NULL));

  self->forecast = chart_new (self, RH_STATS_CHART_BARS, _ ("Forecast"));
  gtk_box_append (GTK_BOX (box), section (self->forecast, _ ("Due in the Next 30 Days"), NULL));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
}

GtkWidget *
rh_stats_view_new (void)
{
  return g_object_new (RH_TYPE_STATS_VIEW, NULL);
}

static void
set_tile (Tile       *tile,
          const char *value,
          const char *caption)
{
  gtk_label_set_label (tile->value, value);
  gtk_label_set_label (tile->caption, caption);
  gtk_widget_set_visible (GTK_WIDGET (tile->caption), caption != NULL && *caption != '\0');
}

static void
set_days_tile (Tile *tile,
               guint days)
{
  g_autofree char *value = g_strdup_printf ("%u", days);

  set_tile (tile, value, ngettext ("day", "days", days));
}

static void
set_retention_tile (Tile *tile,
                    guint passed,
                    guint total)
{
  double           retention = rh_study_stats_get_retention (passed, total);
  g_autofree char *value = retention < 0 ? g_strdup ("–") : g_strdup_printf ("%.0f %%", retention * 100);
  /* Translators: under a retention figure, e.g. "of 120 reviews" */
  g_autofree char *caption = g_strdup_printf (ngettext ("of %u review", "of %u reviews", total), total);

  set_tile (tile, value, caption);
}

static char *
format_day (gint64 day)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (day * 86400);

  /* Translators: a day on a chart's axis, in g_date_time_format() terms */
  return g_date_time_format (time, _ ("%b %-d"));
}

static char *
format_time_spent (gint64 ms)
{
  gint64 minutes = (ms + 30000) / 60000;

  if (ms < 60000)
    return rh_fsrs_format_interval ((ms + 500) / 1000);
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%u min", "%u min", (guint) minutes), (guint) minutes);

  /* Translators: time spent studying, in hours and minutes */
  return g_strdup_printf (_ ("%u h %u min"), (guint) (minutes / 60), (guint) (minutes % 60));
}

static void
set_chart_description (GtkWidget  *chart,
                       const char *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (chart, description);
}

static void
set_recent (RhStatsView        *self,
            const RhStudyStats *stats)
{
  const guint             *values = stats->reviews_by_day + RH_STUDY_STATS_N_DAYS - N_RECENT_DAYS;
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv)           strv = NULL;
  guint                    total = 0, days = 0;
  g_autofree char         *caption = NULL;
  g_autofree char         *first = format_day (stats->today - N_RECENT_DAYS + 1);

  for (guint i = 0; i < N_RECENT_DAYS; i++)
    {
      total += values[i];
      days += values[i] > 0;
      g_strv_builder_add (labels, i == 0 ? first : i == N_RECENT_DAYS - 1 ? _ ("Today")
                                                                          : "");
    }
  strv = g_strv_builder_end (labels);

  rh_stats_chart_set_values (RH_STATS_CHART (self->recent), values, N_RECENT_DAYS);
  rh_stats_chart_set_labels (RH_STATS_CHART (self->recent), (const char *const *) strv);
  /* Translators: over the reviews-per-day chart */
  caption = g_strdup_printf (_ ("%u reviews on %u of the last %u days, %.1f a day on average"), total, days,
                             N_RECENT_DAYS, (double) total / N_RECENT_DAYS);
  gtk_label_set_label (self->recent_caption, caption);
  set_chart_description (self->recent, caption);
}

static void
set_calendar (RhStatsView        *self,
              const RhStudyStats *stats)
{
  gint64           first = stats->today - RH_STUDY_STATS_N_DAYS + 1;
  guint            total = 0, days = 0, busiest = 0;
  g_autofree char *caption = NULL;

  for (guint i = 0; i < RH_STUDY_STATS_N_DAYS; i++)
    {
      total += stats->reviews_by_day[i];
      days += stats->reviews_by_day[i] > 0;
      busiest = MAX (busiest, stats->reviews_by_day[i]);
    }

  rh_stats_chart_set_first_day (RH_STATS_CHART (self->calendar), first);
  rh_stats_chart_set_values (RH_STATS_CHART (self->calendar), stats->reviews_by_day, RH_STUDY_STATS_N_DAYS);
  /* Translators: over the year's calendar */
  caption = g_strdup_printf (_ ("Studied on %u days of the past year, %u reviews in all; at most %u in a day"), days,
                             total, busiest);
  gtk_label_set_label (self->calendar_caption, caption);
  set_chart_description (self->calendar, caption);
}

static void
set_cards (RhStatsView        *self,
           const RhStudyStats *stats)
{
  const char *names[RH_STUDY_N_CARD_CLASSES] = {
    C_ ("card state", "New"),
    C_ ("card state", "Learning"),
    C_ ("card state", "Relearning"),
    C_ ("card state", "Young"),
    C_ ("card state", "Mature"),
  };
  char               *labels[RH_STUDY_N_CARD_CLASSES + 1] = { NULL };
  g_autoptr (GString) description = g_string_new (NULL);

  for (guint i = 0; i < RH_STUDY_N_CARD_CLASSES; i++)
    {
      labels[i] = g_strdup_printf ("%s · %u", names[i], stats->cards[i]);
      g_string_append_printf (description, "%s%s", i > 0 ? ", " : "", labels[i]);
    }

  rh_stats_chart_set_values (RH_STATS_CHART (self->cards), stats->cards, RH_STUDY_N_CARD_CLASSES);
  rh_stats_chart_set_labels (RH_STATS_CHART (self->cards), (const char *const *) labels);
  set_chart_description (self->cards, description->str);

  for (guint i = 0; i < RH_STUDY_N_CARD_CLASSES; i++)
    g_free (labels[i]);
}

static void
set_forecast (RhStatsView        *self,
              const RhStudyStats *stats)
{
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv)           strv = NULL;
  g_autofree char         *description = NULL;
  guint                    total = 0;

  for (guint i = 0; i < RH_STUDY_STATS_N_FORECAST_DAYS; i++)
    {
      total += stats->forecast[i];
      if (i == 0)
        g_strv_builder_add (labels, _ ("Today"));
      else if (i % 7 == 0)
        {
          g_autofree char *interval = rh_fsrs_format_interval ((gint64) i * 86400);
          g_autofree char *label = g_strdup_printf ("+%s", interval);

          g_strv_builder_add (labels, label);
        }
      else
        g_strv_builder_add (labels, "");
    }
  strv = g_strv_builder_end (labels);

  rh_stats_chart_set_values (RH_STATS_CHART (self->forecast), stats->forecast, RH_STUDY_STATS_N_FORECAST_DAYS);
  rh_stats_chart_set_labels (RH_STATS_CHART (self->forecast), (const char *const *) strv);
  /* Translators: the forecast chart's description */
  description = g_strdup_printf (_ ("%u reviews due in the next 30 days, %u of them today"), total, stats->forecast[0]);
  set_chart_description (self->forecast, description);
}

void
rh_stats_view_set_stats (RhStatsView        *self,
                         const RhStudyStats *stats)
{
  g_autofree char *reviews = NULL;
  g_autofree char *reviews_caption = NULL;
  g_autofree char *time = NULL;

  g_return_if_fail (RH_IS_STATS_VIEW (self));
  g_return_if_fail (stats != NULL);

  set_days_tile (&self->streak, stats->streak);
  set_days_tile (&self->longest, stats->longest_streak);
  reviews = g_strdup_printf ("%u", stats->n_reviews);
  reviews_caption = g_strdup_printf (ngettext ("on %u day", "on %u days", stats->n_study_days), stats->n_study_days);
  set_tile (&self->reviews, reviews, reviews_caption);
  time = format_time_spent (stats->duration_ms);
  set_tile (&self->time, time, NULL);
  set_retention_tile (&self->young, stats->young_passed, stats->young_reviews);
  set_retention_tile (&self->mature, stats->mature_passed, stats->mature_reviews);

  set_recent (self, stats);
  set_calendar (self, stats);
  set_cards (self, stats);
  set_forecast (self, stats);
}

/**
 * rh_stats_view_get_charts:
 *
 * Returns: (transfer none) (element-type RhStatsChart): the charts
 */
GPtrArray *
rh_stats_view_get_charts (RhStatsView *self)
{
  g_return_val_if_fail (RH_IS_STATS_VIEW (self), NULL);

  return self->charts;
}

/**
 * rh_stats_view_load:
 *
 * Reads the figures from @application's review log and shows them.
 */
gboolean
rh_stats_view_load (RhStatsView   *self,
                    RhApplication *application,
                    GError       **error)
{
  RhReviewLog    *log;
  RhStudySettings settings;
  RhStudyStats    stats;
  gint64          now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (RH_IS_STATS_VIEW (self), FALSE);
  g_return_val_if_fail (RH_IS_APPLICATION (application), FALSE);

  log = rh_application_get_review_log (application);
  if (log == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("The study data could not be opened"));
      return FALSE;
    }

  rh_application_get_study_settings (application, now, &settings);
  if (!rh_study_stats_compute (log, now, &settings, rh_library_get_n_questions (rh_application_get_library (application)),
                               &stats, error))
    return FALSE;

  rh_stats_view_set_stats (self, &stats);

  return TRUE;
}

static void
on_reviews_changed (RhStatsView   *self,
                    RhApplication *application)
{
  g_autoptr (GError) error = NULL;

  if (!rh_stats_view_load (self, application, &error))
    g_warning ("Could not read the statistics: %s", error->message);
}

/**
 * rh_stats_view_new_window:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer floating): a Statistics window, to present
 */
GtkWidget *
rh_stats_view_new_window (RhApplication *application,
                          GtkWindow     *parent)
{
  GtkWidget          *window = adw_window_new ();
  GtkWidget          *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget          *header = adw_header_bar_new ();
  GtkWidget          *view = rh_stats_view_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  g_autoptr (GError)  error = NULL;

  g_return_val_if_fail (RH_IS_APPLICATION (application), NULL);

  gtk_window_set_title (GTK_WINDOW (window), _ ("Statistics"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 720);
  gtk_window_set_hide_on_close (GTK_WINDOW (window), FALSE);

  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  if (!rh_stats_view_load (RH_STATS_VIEW (view), application, &error))
    g_warning ("Could not read the statistics: %s", error->message);
  g_signal_connect_object (application, "reviews-changed", G_CALLBACK (on_reviews_changed), view, G_CONNECT_SWAPPED);

  return window;
}
