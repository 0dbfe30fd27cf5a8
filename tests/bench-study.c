/* bench-study.c
 *
 * Studying at scale: a synthetic library whose first 10,000 questions
 * carry 100,000 reviews in the log, all recorded through the review
 * log's own API. Times what the window will pay: building the day's
 * queue (target < 20 ms) and grading one card with its commit (target
 * < 5 ms median); and against them, in the same run, a bare count(*)
 * over the log and an empty BEGIN IMMEDIATE/COMMIT on the same file.
 * Opening the state and replaying the whole log are printed too, and
 * the thread's CPU time beside the wall clock's, for a busy machine.
 * Then the statistics page (target < 100 ms): its figures read from the
 * log, the sidebar's due counts, and with a display the page's charts
 * snapshotted and the whole page drawn in a window, against a frame of
 * the same window with nothing new to draw.
 *
 *   bench-study [--cards N] [--reviews R] [--unseen U] [--runs K]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <time.h>

#include <adwaita.h>

#include "rh-bench-util.h"
#include "rh-stats-chart.h"
#include "rh-stats-view.h"
#include "rh-study-stats.h"
#include "rh-library.h"
#include "rh-review-log.h"
#include "rh-study-queue.h"
#include "rh-subtopic.h"
#include "rh-synthetic.h"

/* 2024-01-01T00:00:00Z */
#define START G_GINT64_CONSTANT (1704067200)
#define DAY (G_GINT64_CONSTANT (86400))
#define MINUTE (G_GINT64_CONSTANT (60))

typedef struct
{
  const char *path;
  const char *id;
} Key;

static GArray *
library_keys (RhLibrary *library)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (Key));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr (GListModel) framework = g_list_model_get_item (G_LIST_MODEL (library), i);

      for (guint j = 0; j < g_list_model_get_n_items (framework); j++)
        {
          g_autoptr (GListModel) topic = g_list_model_get_item (framework, j);

          for (guint k = 0; k < g_list_model_get_n_items (topic); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (topic, k);

              for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (subtopic)); l++)
                {
                  g_autoptr (RhQuestion) question = g_list_model_get_item (G_LIST_MODEL (subtopic), l);
                  Key                    key = { rh_subtopic_get_path (subtopic), rh_question_get_id (question) };

                  g_array_append_val (keys, key);
                }
            }
        }
    }

  return keys;
}

/* The machine may be shared: CPU time shows what the work itself costs,
 * whatever else runs.
 */
static double
cpu_now_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static RhFsrsGrade
draw_grade (GRand *rand)
{
  double draw = g_rand_double (rand);

  return draw < 0.1 ? RH_FSRS_GRADE_AGAIN : draw < 0.2 ? RH_FSRS_GRADE_HARD
                                        : draw < 0.9   ? RH_FSRS_GRADE_GOOD
                                                       : RH_FSRS_GRADE_EASY;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static RhStudyQueue *
build_queue (RhLibrary             *library,
             RhReviewLog           *log,
             const char            *scope,
             gint64                 at,
             const RhStudySettings *settings)
{
  g_autoptr (GError) error = NULL;
  RhStudyQueue      *queue = rh_study_queue_new (library, log, scope, at, settings, &error);

  g_assert_no_error (error);

  return queue;
}

static gboolean
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;

  return FALSE;
}

/* Until the window's next frame is painted. */
static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean       painted = FALSE;
  gulong         handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static void
snapshot_charts (RhStatsView *view)
{
  GPtrArray *charts = rh_stats_view_get_charts (view);

  for (guint i = 0; i < charts->len; i++)
    {
      GtkWidget     *chart = g_ptr_array_index (charts, i);
      GtkSnapshot   *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      rh_stats_chart_draw (RH_STATS_CHART (chart), snapshot, MAX (gtk_widget_get_width (chart), 600),
                           MAX (gtk_widget_get_height (chart), 120));
      node = gtk_snapshot_free_to_node (snapshot);
      g_clear_pointer (&node, gsk_render_node_unref);
    }
}

static void print_samples (const char *what,
                           GArray     *samples,
                           const char *target);

/* The statistics page over the log as it is: the figures, the due
 * counts, and with a display the page itself. */
static void
bench_stats (RhReviewLog           *log,
             gint64                 at,
             const RhStudySettings *settings,
             guint                  n_questions,
             int                    runs)
{
  g_autoptr (GArray) compute_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) due_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) snapshot_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) page_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) compute_cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) draw_cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) snapshot_cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) page_cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  RhStudyStats       stats;
  GtkWidget         *window;
  GtkWidget         *view;
  double             start;

  for (int i = 0; i < runs; i++)
    {
      double sample;
      double cpu_start = cpu_now_ms ();

      start = rh_bench_now_ms ();
      g_assert_true (rh_study_stats_compute (log, at, settings, n_questions, &stats, &error));
      sample = cpu_now_ms () - cpu_start;
      g_array_append_val (compute_cpu_samples, sample);
      sample = rh_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (compute_samples, sample);
    }
  for (int i = 0; i < runs; i++)
    {
      g_autoptr (GHashTable) counts = NULL;
      double                 sample;

      start = rh_bench_now_ms ();
      counts = rh_study_stats_count_due_by_path (log, at, settings, &error);
      sample = rh_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (due_samples, sample);
    }

  g_print ("statistics: %u reviews on %u days, streak %u, %u young and %u mature reviews of review cards\n",
           stats.n_reviews, stats.n_study_days, stats.streak, stats.young_reviews, stats.mature_reviews);
  print_samples ("statistics' figures from the log:", compute_samples, NULL);
  print_samples ("  the same, CPU time of the thread:", compute_cpu_samples, NULL);
  print_samples ("due counts of every page:", due_samples, NULL);

  if (!gtk_init_check ())
    {
      g_print ("statistics page: not drawn, no display (run under xvfb-run)\n");
      return;
    }
  adw_init ();

  window = gtk_window_new ();
  view = rh_stats_view_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 1400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  rh_stats_view_set_stats (RH_STATS_VIEW (view), &stats);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 3; i++)
    wait_for_frame (window);

  for (int i = 0; i < runs; i++)
    {
      double sample;
      double cpu_start = cpu_now_ms ();
      double cpu_drawn;

      start = rh_bench_now_ms ();
      g_assert_true (rh_study_stats_compute (log, at, settings, n_questions, &stats, &error));
      cpu_drawn = cpu_now_ms ();
      rh_stats_view_set_stats (RH_STATS_VIEW (view), &stats);
      snapshot_charts (RH_STATS_VIEW (view));
      sample = cpu_now_ms () - cpu_drawn;
      g_array_append_val (draw_cpu_samples, sample);
      sample = cpu_now_ms () - cpu_start;
      g_array_append_val (snapshot_cpu_samples, sample);
      sample = rh_bench_now_ms () - start;
      g_array_append_val (snapshot_samples, sample);
    }
  for (int i = 0; i < runs; i++)
    {
      double sample;
      double cpu_start = cpu_now_ms ();

      start = rh_bench_now_ms ();
      g_assert_true (rh_study_stats_compute (log, at, settings, n_questions, &stats, &error));
      rh_stats_view_set_stats (RH_STATS_VIEW (view), &stats);
      wait_for_frame (window);
      sample = cpu_now_ms () - cpu_start;
      g_array_append_val (page_cpu_samples, sample);
      sample = rh_bench_now_ms () - start;
      g_array_append_val (page_samples, sample);
    }
  /* The baseline: a frame of the same window, nothing new in it. */
  for (int i = 0; i < runs; i++)
    {
      double sample;

      start = rh_bench_now_ms ();
      wait_for_frame (window);
      sample = rh_bench_now_ms () - start;
      g_array_append_val (frame_samples, sample);
    }

  print_samples ("stats figures + charts snapshotted:", snapshot_samples, "(target < 100 ms)");
  print_samples ("  the same, CPU time of the thread:", snapshot_cpu_samples, NULL);
  print_samples ("  of which setting and snapshotting, CPU:", draw_cpu_samples, NULL);
  print_samples ("stats figures + whole page drawn:", page_samples, "(target < 100 ms)");
  print_samples ("  the same, CPU time of the thread:", page_cpu_samples, NULL);
  print_samples ("baseline: a frame of the same window:", frame_samples, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
print_samples (const char *what,
               GArray     *samples,
               const char *target)
{
  double median = rh_bench_percentile (samples, 0.5);
  double p95 = rh_bench_percentile (samples, 0.95);
  double max = rh_bench_percentile (samples, 1.0);

  g_print ("%-38s %8.3f ms median %8.3f ms p95 %8.3f ms max%s%s\n", what, median, p95, max,
           target != NULL ? "  " : "", target != NULL ? target : "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError)         error = NULL;
  g_autoptr (RhLibrary)      library = rh_library_new ();
  g_autoptr (GPtrArray)      pages = NULL;
  g_autoptr (GArray)         keys = NULL;
  g_autoptr (GArray)         dues = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray)         queue_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         queue_cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         grade_cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         scope_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         count_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         scan_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         grade_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         commit_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray)         open_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GRand)          rand = g_rand_new_with_seed (42);
  g_autoptr (RhState)        state = NULL;
  g_autoptr (RhReviewLog)    log = NULL;
  g_autoptr (RhStudyQueue)   queue = NULL;
  g_autofree char           *directory = NULL;
  g_autofree char           *path = NULL;
  RhStudySettings            settings;
  sqlite3                   *db = NULL;
  sqlite3_stmt              *count_stmt = NULL;
  int                        n_cards = 10000;
  int                        n_reviews = 100000;
  int                        n_unseen = 2000;
  int                        runs = 50;
  gint64                     n_logged = 0;
  gint64                     at;
  guint                      n_fixed = 0;
  double                     start, generate_ms, rebuild_ms, queue_median, count_median, grade_median, commit_median;
  GStatBuf                   st;
  const GOptionEntry         entries[] = {
            { "cards", 'c', 0, G_OPTION_ARG_INT, &n_cards, "Questions with reviews in the log", "N" },
            { "reviews", 'r', 0, G_OPTION_ARG_INT, &n_reviews, "Reviews in the log", "R" },
            { "unseen", 'u', 0, G_OPTION_ARG_INT, &n_unseen, "Questions never reviewed, after them", "U" },
            { "runs", 'k', 0, G_OPTION_ARG_INT, &runs, "Timed queue builds and grades", "K" },
            { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  g_assert_cmpint (n_cards, >, 0);
  g_assert_cmpint (n_reviews, >=, n_cards);

  pages = rh_synthetic_pages (n_cards + n_unseen, 8, 42);
  rh_library_add_pages (library, pages);
  keys = library_keys (library);
  g_assert_cmpuint (keys->len, ==, (guint) (n_cards + n_unseen));

  directory = g_dir_make_tmp ("rehearse-bench-study-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (directory, "state.sqlite3", NULL);
  state = rh_state_open (path, &error);
  g_assert_no_error (error);
  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);

  g_print ("library: %u questions, the first %d reviewed; %u cores, SQLite %s\n",
           keys->len, n_cards, g_get_num_processors (), sqlite3_libversion ());

  /* Each card is first seen on one of sixty days, then reviewed when due
   * with mostly Good, until the log holds its share of the reviews. */
  rh_study_settings_init_default (&settings);
  start = rh_bench_now_ms ();
  for (int i = 0; i < n_cards; i++)
    {
      const Key *key = &g_array_index (keys, Key, i);
      int        n = n_reviews / n_cards + (i < n_reviews % n_cards);
      gint64     when = START + (i % 60) * DAY + (i % 600) * MINUTE;
      gint64     due = 0;

      for (int r = 0; r < n; r++)
        {
          g_autoptr (RhReview) review = rh_review_log_grade (log, key->path, key->id, draw_grade (rand), when, -1,
                                                             &settings, &error);

          g_assert_no_error (error);
          due = review->after.due;
          when = MAX (due, when + MINUTE);
        }
      g_array_append_val (dues, due);
    }
  generate_ms = rh_bench_now_ms () - start;

  g_assert_true (rh_review_log_get_n_reviews (log, &n_logged, &error));
  g_assert_cmpint (n_logged, ==, n_reviews);
  g_stat (path, &st);
  g_print ("log: %" G_GINT64_FORMAT " reviews of %d cards, %.1f MB; recorded in %.1f s (%.0f us per review)\n",
           n_logged, n_cards, st.st_size / 1e6, generate_ms / 1e3, generate_ms * 1e3 / n_reviews);

  /* Studied when half the cards are due. */
  g_array_sort (dues, compare_gint64);
  at = g_array_index (dues, gint64, dues->len / 2);
  settings.day_offset = 0;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (RhStudyQueue) warm = build_queue (library, log, NULL, at, &settings);
    }

  for (int i = 0; i < runs; i++)
    {
      double sample;

      double cpu_start;

      g_clear_object (&queue);
      start = rh_bench_now_ms ();
      cpu_start = cpu_now_ms ();
      queue = build_queue (library, log, NULL, at, &settings);
      sample = cpu_now_ms () - cpu_start;
      g_array_append_val (queue_cpu_samples, sample);
      sample = rh_bench_now_ms () - start;
      g_array_append_val (queue_samples, sample);
    }
  for (int i = 0; i < runs; i++)
    {
      g_autoptr (RhStudyQueue) scoped = NULL;
      double                   sample;

      start = rh_bench_now_ms ();
      scoped = build_queue (library, log, "framework-1", at, &settings);
      sample = rh_bench_now_ms () - start;
      g_array_append_val (scope_samples, sample);
    }

  /* The baseline: a second connection counting the log's rows. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM reviews", -1, &count_stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < runs; i++)
    {
      double sample;

      start = rh_bench_now_ms ();
      g_assert_cmpint (sqlite3_step (count_stmt), ==, SQLITE_ROW);
      sqlite3_reset (count_stmt);
      sample = rh_bench_now_ms () - start;
      g_array_append_val (count_samples, sample);
    }
  sqlite3_finalize (count_stmt);

  /* And one reading every card's row, as the queue does, with no more. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT path, question_id, state, due FROM cards", -1, &count_stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < runs; i++)
    {
      gint64 n_rows = 0;
      double sample;

      start = rh_bench_now_ms ();
      while (sqlite3_step (count_stmt) == SQLITE_ROW)
        n_rows += sqlite3_column_bytes (count_stmt, 0) > 0;
      sqlite3_reset (count_stmt);
      sample = rh_bench_now_ms () - start;
      g_assert_cmpint (n_rows, ==, n_cards);
      g_array_append_val (scan_samples, sample);
    }
  sqlite3_finalize (count_stmt);

  g_print ("queue at the median due time: new %u, learning %u, review %u (limits %u and %u a day)\n",
           rh_study_queue_get_n_new (queue), rh_study_queue_get_n_learning (queue),
           rh_study_queue_get_n_review (queue), settings.new_cards_per_day, settings.reviews_per_day);
  print_samples ("day's queue, whole library:", queue_samples, "(target < 20 ms)");
  print_samples ("  the same, CPU time of the thread:", queue_cpu_samples, NULL);
  print_samples ("day's queue, one framework:", scope_samples, NULL);
  print_samples ("baseline: SELECT count(*) FROM reviews:", count_samples, NULL);
  print_samples ("baseline: scan every row of cards:", scan_samples, NULL);
  queue_median = rh_bench_percentile (queue_samples, 0.5);
  count_median = rh_bench_percentile (count_samples, 0.5);
  g_print ("queue over count(*):                   %8.1f x median\n", queue_median / count_median);
  g_print ("queue over the scan of cards:          %8.1f x median\n", queue_median / rh_bench_percentile (scan_samples, 0.5));

  /* Grading the queue's cards in turn, as a session would. */
  for (int i = 0; i < runs && (guint) i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      RhQuestion          *question = rh_study_queue_peek_question (queue, i);
      g_autoptr (RhReview) review = NULL;
      double               sample;

      double cpu_start;

      start = rh_bench_now_ms ();
      cpu_start = cpu_now_ms ();
      review = rh_review_log_grade (log, rh_subtopic_get_path (rh_question_get_subtopic (question)),
                                    rh_question_get_id (question), draw_grade (rand), at + i, 1500, &settings, &error);
      sample = cpu_now_ms () - cpu_start;
      g_array_append_val (grade_cpu_samples, sample);
      sample = rh_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (grade_samples, sample);
    }

  /* The baseline: the same file's write lock taken and given back. */
  for (int i = 0; i < runs; i++)
    {
      double sample;

      start = rh_bench_now_ms ();
      exec_or_die (db, "BEGIN IMMEDIATE");
      exec_or_die (db, "COMMIT");
      sample = rh_bench_now_ms () - start;
      g_array_append_val (commit_samples, sample);
    }
  sqlite3_close (db);

  print_samples ("grade one card, with its commit:", grade_samples, "(target < 5 ms median)");
  print_samples ("  the same, CPU time of the thread:", grade_cpu_samples, NULL);
  print_samples ("baseline: empty BEGIN IMMEDIATE/COMMIT:", commit_samples, NULL);
  grade_median = rh_bench_percentile (grade_samples, 0.5);
  commit_median = rh_bench_percentile (commit_samples, 0.5);
  g_print ("grade over empty transaction:          %8.1f x median\n", grade_median / commit_median);

  start = rh_bench_now_ms ();
  g_assert_true (rh_review_log_rebuild (log, &n_fixed, &error));
  rebuild_ms = rh_bench_now_ms () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (n_fixed, ==, 0);
  g_print ("replay the whole log against the cache: %7.1f ms  (%u cards differ)\n", rebuild_ms, n_fixed);

  bench_stats (log, at, &settings, keys->len, runs);

  g_clear_object (&queue);
  g_clear_object (&log);
  g_clear_object (&state);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr (RhState) reopened = NULL;
      double              sample;

      start = rh_bench_now_ms ();
      reopened = rh_state_open (path, &error);
      sample = rh_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (open_samples, sample);
    }
  print_samples ("open the state database (quick_check):", open_samples, NULL);

  {
    static const char *const suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (directory);
  }

  return 0;
}
