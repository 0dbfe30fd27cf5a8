/* rh-stats-chart.c
 *
 * The statistics page's charts, drawn natively with GtkSnapshot: bars
 * (reviews per day, cards by state, the forecast) and a calendar of the
 * year, one square a day, a column a week. Colours come from the
 * style (the text's colour and libadwaita's accent), so the charts
 * follow dark mode; what each shows is also its accessible
 * description, for those who cannot see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rh-stats-chart.h"

#define BAR_HEIGHT 132
#define LABEL_GAP 4
#define CELL_GAP 2
#define MAX_CELL 14

struct _RhStatsChart
{
  GtkWidget parent_instance;

  RhStatsChartKind kind;
  GArray          *values; /* guint */
  GPtrArray       *labels; /* char *, one a bar, "" for none */
  gint64           first_day; /* of the calendar, in days since 1970 */
  guint            first_weekday; /* 0 = Monday */
  guint            max;
};

G_DEFINE_FINAL_TYPE (RhStatsChart, rh_stats_chart, GTK_TYPE_WIDGET)

static void
rh_stats_chart_get_colors (RhStatsChart *self,
                           GdkRGBA      *fg,
                           GdkRGBA      *accent)
{
  static const GdkRGBA fallback_accent = { 0.208, 0.518, 0.894, 1.0 };
  GtkStyleContext     *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  /* GTK 4.10 replaces these with gtk_widget_get_color(); Debian 12 has
   * 4.8, and libadwaita 1.2 names its accent only as a style colour. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    *accent = fallback_accent;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             float          x,
             float          y,
             float          width,
             float          height)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, width, height);

  gtk_snapshot_append_color (snapshot, color, &rect);
}

static void
append_text (RhStatsChart  *self,
             GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             const char    *text,
             float          x,
             float          y,
             float          align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int          width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - width * align, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static int
text_height (RhStatsChart *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  int          height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);

  return height;
}

static void
draw_bars (RhStatsChart *self,
           GtkSnapshot  *snapshot,
           int           width,
           int           height)
{
  GdkRGBA          fg, accent, dim, grid;
  int              line = text_height (self);
  gboolean         labelled = self->labels->len > 0;
  float            top = line + LABEL_GAP;
  float            bottom = height - (labelled ? line + LABEL_GAP : 0);
  guint            n = self->values->len;
  float            slot = n > 0 ? (float) width / n : width;
  float            gap = MAX (1.f, slot * (n > 12 ? 0.2f : 0.35f));
  g_autofree char *max_text = g_strdup_printf ("%u", self->max);

  rh_stats_chart_get_colors (self, &fg, &accent);
  dim = fg;
  dim.alpha *= 0.55f;
  grid = fg;
  grid.alpha *= 0.15f;

  append_rect (snapshot, &grid, 0, top, width, 1);
  append_rect (snapshot, &grid, 0, bottom, width, 1);
  append_text (self, snapshot, &dim, max_text, 0, 0, 0);

  for (guint i = 0; i < n; i++)
    {
      guint value = g_array_index (self->values, guint, i);
      float bar = self->max > 0 ? (bottom - top) * value / self->max : 0;
      float x = i * slot + gap / 2;

      if (value > 0)
        append_rect (snapshot, &accent, x, bottom - MAX (bar, 2.f), slot - gap, MAX (bar, 2.f));

      if (labelled && i < self->labels->len)
        {
          const char *label = g_ptr_array_index (self->labels, i);

          if (label != NULL && *label != '\0')
            append_text (self, snapshot, &dim, label, x + (slot - gap) / 2, bottom + LABEL_GAP,
                         i == 0 && n > 12 ? 0.f : i == n - 1 && n > 12 ? 1.f
                                                                       : 0.5f);
        }
    }
}

static void
calendar_geometry (RhStatsChart *self,
                   int           width,
                   guint        *out_columns,
                   float        *out_cell)
{
  guint columns = (self->first_weekday + self->values->len + 6) / 7;
  float cell = columns > 0 ? (float) (width - (columns - 1) * CELL_GAP) / columns : MAX_CELL;

  *out_columns = MAX (columns, 1);
  *out_cell = CLAMP (cell, 2.f, (float) MAX_CELL);
}

/* A month's short name over the column of the week its first day is in. */
static void
draw_months (RhStatsChart  *self,
             GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             guint          columns,
             float          cell)
{
  float right_end = 0;

  for (guint column = 0; column < columns; column++)
    {
      gint64                sunday = self->first_day - self->first_weekday + (gint64) column * 7 + 6;
      g_autoptr (GDateTime) end = g_date_time_new_from_unix_utc (sunday * 86400);
      float                 x = column * (cell + CELL_GAP);
      g_autofree char      *name = NULL;
      PangoLayout          *layout;
      int                   text_width;

      if (g_date_time_get_day_of_month (end) > 7 || x < right_end)
        continue;

      /* Translators: a month over the year's calendar, in g_date_time_format() terms */
      name = g_date_time_format (end, _ ("%b"));
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
      gtk_snapshot_append_layout (snapshot, layout, color);
      gtk_snapshot_restore (snapshot);
      right_end = x + text_width + LABEL_GAP;
      g_object_unref (layout);
    }
}

static void
draw_calendar (RhStatsChart *self,
               GtkSnapshot  *snapshot,
               int           width,
               int           height)
{
  GdkRGBA fg, accent, empty, dim;
  guint   columns;
  float   cell;
  float   top = text_height (self) + LABEL_GAP;

  rh_stats_chart_get_colors (self, &fg, &accent);
  empty = fg;
  empty.alpha *= 0.08f;
  dim = fg;
  dim.alpha *= 0.55f;
  calendar_geometry (self, width, &columns, &cell);
  draw_months (self, snapshot, &dim, columns, cell);

  for (guint i = 0; i < self->values->len; i++)
    {
      guint   value = g_array_index (self->values, guint, i);
      guint   slot = self->first_weekday + i;
      float   x = (slot / 7) * (cell + CELL_GAP);
      float   y = top + (slot % 7) * (cell + CELL_GAP);
      GdkRGBA color = accent;

      /* Four shades by the share of the busiest day, as on a forge's
       * contribution calendar. */
      if (value == 0)
        color = empty;
      else
        color.alpha = 0.25f + 0.75f * MIN (1.f, ceilf (4.f * value / MAX (self->max, 1)) / 4.f);

      append_rect (snapshot, &color, x, y, cell, cell);
    }
}

/**
 * rh_stats_chart_draw:
 *
 * Draws the chart at @width × @height: what the widget's snapshot does,
 * callable on its own to time it.
 */
void
rh_stats_chart_draw (RhStatsChart *self,
                     GtkSnapshot  *snapshot,
                     int           width,
                     int           height)
{
  g_return_if_fail (RH_IS_STATS_CHART (self));
  g_return_if_fail (snapshot != NULL);

  if (self->kind == RH_STATS_CHART_CALENDAR)
    draw_calendar (self, snapshot, width, height);
  else
    draw_bars (self, snapshot, width, height);
}

static void
rh_stats_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  rh_stats_chart_draw (RH_STATS_CHART (widget), snapshot, gtk_widget_get_width (widget),
                       gtk_widget_get_height (widget));
}

static void
rh_stats_chart_measure (GtkWidget     *widget,
                        GtkOrientation orientation,
                        int            for_size,
                        int           *minimum,
                        int           *natural,
                        int           *minimum_baseline,
                        int           *natural_baseline)
{
  RhStatsChart *self = RH_STATS_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->kind == RH_STATS_CHART_CALENDAR ? 160 : 120;
      *natural = self->kind == RH_STATS_CHART_CALENDAR ? (MAX_CELL + CELL_GAP) * 53 : 480;
    }
  else if (self->kind == RH_STATS_CHART_CALENDAR)
    {
      guint columns;
      float cell;

      calendar_geometry (self, for_size > 0 ? for_size : (MAX_CELL + CELL_GAP) * 53, &columns, &cell);
      *minimum = *natural = text_height (self) + LABEL_GAP + (int) ceilf (7 * cell + 6 * CELL_GAP);
    }
  else
    *minimum = *natural = BAR_HEIGHT;
}

static GtkSizeRequestMode
rh_stats_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rh_stats_chart_finalize (GObject *object)
{
  RhStatsChart *self = (RhStatsChart *) object;

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_stats_chart_parent_class)->finalize (object);
}

static void
rh_stats_chart_class_init (RhStatsChartClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rh_stats_chart_finalize;
  widget_class->snapshot = rh_stats_chart_snapshot;
  widget_class->measure = rh_stats_chart_measure;
  widget_class->get_request_mode = rh_stats_chart_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "rhstatschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rh_stats_chart_init (RhStatsChart *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (guint));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_add_css_class (GTK_WIDGET (self), "caption");
}

GtkWidget *
rh_stats_chart_new (RhStatsChartKind kind)
{
  RhStatsChart *self = g_object_new (RH_TYPE_STATS_CHART, NULL);

  self->kind = kind;

  return GTK_WIDGET (self);
}

void
rh_stats_chart_set_values (RhStatsChart *self,
                           const guint  *values,
                           guint         n_values)
{
  g_return_if_fail (RH_IS_STATS_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n_values);
  self->max = 0;
  for (guint i = 0; i < n_values; i++)
    self->max = MAX (self->max, values[i]);

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * rh_stats_chart_set_labels:
 * @labels: (nullable) (array zero-terminated=1): one label a bar, ""
 *   for none
 */
void
rh_stats_chart_set_labels (RhStatsChart      *self,
                           const char *const *labels)
{
  g_return_if_fail (RH_IS_STATS_CHART (self));

  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rh_stats_chart_set_first_day:
 * @day: the first value's day, in days since 1970-01-01
 *
 * Where the calendar starts: its first column is that day's week, from
 * Monday, and its months are named from there.
 */
void
rh_stats_chart_set_first_day (RhStatsChart *self,
                              gint64        day)
{
  g_return_if_fail (RH_IS_STATS_CHART (self));

  self->first_day = day;
  /* 1970-01-01 was a Thursday. */
  self->first_weekday = (guint) (((day + 3) % 7 + 7) % 7);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
