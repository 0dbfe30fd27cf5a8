/* rh-study-stats.c
 *
 * The figures of the statistics page, and the due counts the sidebar
 * shows, each read from the review log in as few queries as it takes:
 * one over the reviews' times in their index (the calendar, the streaks
 * and the totals), one pass over the reviews for the time taken and
 * true retention, and two over the cards cache (states and the
 * forecast).
 * The log can hold hundreds of thousands of reviews; none of this walks
 * them in C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-state-private.h"
#include "rh-study-stats.h"

#define SECONDS_PER_DAY 86400

static gboolean
stats_error (sqlite3 *db,
             GError **error)
{
  g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_FAILED, "%s: %s",
               _ ("Could not read the review log"), sqlite3_errmsg (db));

  return FALSE;
}

static sqlite3 *
stats_get_db (RhReviewLog *log)
{
  return _rh_state_get_db (rh_review_log_get_state (log));
}

/* A statement prepared for one call: these run a few times a minute at
 * most, and preparing costs microseconds. */
static sqlite3_stmt *
stats_prepare (sqlite3    *db,
               const char *sql,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      stats_error (db, error);
      return NULL;
    }

  return stmt;
}

static gboolean
stats_finish (sqlite3      *db,
              sqlite3_stmt *stmt,
              int           rc,
              GError      **error)
{
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return stats_error (db, error);

  return TRUE;
}

/**
 * rh_study_stats_day_of:
 *
 * Returns: the study day @at falls in, as a count of days since the
 *   epoch; the day of rh_study_settings_get_day_start()
 */
gint64
rh_study_stats_day_of (const RhStudySettings *settings,
                       gint64                 at)
{
  g_return_val_if_fail (settings != NULL, 0);

  return (rh_study_settings_get_day_start (settings, at) + settings->day_offset) / SECONDS_PER_DAY;
}

/* The reviews' times alone, in order, from their index: the calendar,
 * the streaks and the day count without reading a row of the table. */
static gboolean
stats_read_days (sqlite3      *db,
                 RhStudyStats *stats,
                 int           day_offset,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  gint64        first = stats->today - RH_STUDY_STATS_N_DAYS + 1;
  gint64        previous = G_MININT64;
  guint         n_day = 0;
  guint         run = 0;
  int           rc;

  stmt = stats_prepare (db, "SELECT reviewed_at FROM reviews ORDER BY reviewed_at", error);
  if (stmt == NULL)
    return FALSE;

  while (TRUE)
    {
      gint64 day = 0;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 shifted = sqlite3_column_int64 (stmt, 0) + day_offset;

          day = shifted / SECONDS_PER_DAY - (shifted % SECONDS_PER_DAY < 0);
          stats->n_reviews++;
          if (day == previous)
            {
              n_day++;
              continue;
            }
        }

      /* The day before is over: count it. */
      if (previous != G_MININT64)
        {
          stats->n_study_days++;
          if (previous >= first && previous <= stats->today)
            stats->reviews_by_day[previous - first] = n_day;
        }

      if (rc != SQLITE_ROW)
        break;

      /* A review later than today (a clock set back) starts no run. */
      if (day <= stats->today)
        {
          run = previous != G_MININT64 && day == previous + 1 ? run + 1 : 1;
          stats->longest_streak = MAX (stats->longest_streak, run);
          if (day >= stats->today - 1)
            stats->streak = run;
        }
      previous = day;
      n_day = 1;
    }

  return stats_finish (db, stmt, rc, error);
}

/* Everything else the reviews give, in one pass over the table. */
static gboolean
stats_read_retention (sqlite3      *db,
                      RhStudyStats *stats,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  int           rc;

  stmt = stats_prepare (db,
                        "SELECT total(duration_ms),"
                        " count(*) FILTER (WHERE review AND days < ?1),"
                        " count(*) FILTER (WHERE review AND days < ?1 AND passed),"
                        " count(*) FILTER (WHERE review AND days >= ?1),"
                        " count(*) FILTER (WHERE review AND days >= ?1 AND passed)"
                        " FROM (SELECT duration_ms, state_before = 'review' AS review,"
                        " scheduled_days_before AS days, grade != 'again' AS passed FROM reviews)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, RH_STUDY_STATS_MATURE_DAYS);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->duration_ms = (gint64) sqlite3_column_double (stmt, 0);
      stats->young_reviews = (guint) sqlite3_column_int64 (stmt, 1);
      stats->young_passed = (guint) sqlite3_column_int64 (stmt, 2);
      stats->mature_reviews = (guint) sqlite3_column_int64 (stmt, 3);
      stats->mature_passed = (guint) sqlite3_column_int64 (stmt, 4);
      rc = sqlite3_step (stmt);
    }

  return stats_finish (db, stmt, rc, error);
}

static gboolean
stats_read_cards (sqlite3      *db,
                  RhStudyStats *stats,
                  guint         n_questions,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  guint         n_cards = 0;
  int           rc;

  stmt = stats_prepare (db,
                        "SELECT state, scheduled_days >= ?1, count(*) FROM cards GROUP BY 1, 2",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, RH_STUDY_STATS_MATURE_DAYS);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhFsrsState state;
      gboolean    mature = sqlite3_column_int (stmt, 1) != 0;
      guint       n = (guint) sqlite3_column_int64 (stmt, 2);

      if (!rh_fsrs_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        continue;

      n_cards += n;
      switch (state)
        {
        case RH_FSRS_STATE_NEW:
          stats->cards[RH_STUDY_CARD_CLASS_NEW] += n;
          break;
        case RH_FSRS_STATE_LEARNING:
          stats->cards[RH_STUDY_CARD_CLASS_LEARNING] += n;
          break;
        case RH_FSRS_STATE_RELEARNING:
          stats->cards[RH_STUDY_CARD_CLASS_RELEARNING] += n;
          break;
        case RH_FSRS_STATE_REVIEW:
        default:
          stats->cards[mature ? RH_STUDY_CARD_CLASS_MATURE : RH_STUDY_CARD_CLASS_YOUNG] += n;
          break;
        }
    }

  /* Questions never reviewed have no card; a card whose question left
   * the library still counts where it is. */
  if (n_questions > n_cards)
    stats->cards[RH_STUDY_CARD_CLASS_NEW] += n_questions - n_cards;

  return stats_finish (db, stmt, rc, error);
}

static gboolean
stats_read_forecast (sqlite3      *db,
                     RhStudyStats *stats,
                     int           day_offset,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  gint64        end = (stats->today + RH_STUDY_STATS_N_FORECAST_DAYS) * SECONDS_PER_DAY - day_offset;
  int           rc;

  stmt = stats_prepare (db,
                        "SELECT (due + ?1) / 86400 AS day, count(*) FROM cards"
                        " WHERE state != 'new' AND due < ?2 GROUP BY day",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, day_offset);
  sqlite3_bind_int64 (stmt, 2, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 day = sqlite3_column_int64 (stmt, 0);
      guint  n = (guint) sqlite3_column_int64 (stmt, 1);

      stats->forecast[day > stats->today ? day - stats->today : 0] += n;
    }

  return stats_finish (db, stmt, rc, error);
}

/**
 * rh_study_stats_compute:
 * @at: now, in Unix seconds
 * @settings: where the study day starts
 * @n_questions: the questions in the library, for the count of new ones
 * @out_stats: (out caller-allocates): the figures
 *
 * Reads the whole log in four queries; see the top of this file.
 *
 * Returns: %TRUE unless the log could not be read
 */
gboolean
rh_study_stats_compute (RhReviewLog           *log,
                        gint64                 at,
                        const RhStudySettings *settings,
                        guint                  n_questions,
                        RhStudyStats          *out_stats,
                        GError               **error)
{
  sqlite3     *db;
  RhStudyStats stats = { 0 };

  g_return_val_if_fail (RH_IS_REVIEW_LOG (log), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (out_stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = stats_get_db (log);
  stats.today = rh_study_stats_day_of (settings, at);

  if (!stats_read_days (db, &stats, settings->day_offset, error) ||
      !stats_read_retention (db, &stats, error) ||
      !stats_read_cards (db, &stats, n_questions, error) ||
      !stats_read_forecast (db, &stats, settings->day_offset, error))
    return FALSE;

  *out_stats = stats;

  return TRUE;
}

/**
 * rh_study_stats_get_retention:
 *
 * Returns: @passed as a share of @total, or -1 when @total is 0
 */
double
rh_study_stats_get_retention (guint passed,
                              guint total)
{
  if (total == 0)
    return -1;

  return (double) passed / total;
}

/**
 * rh_study_stats_count_due_by_path:
 * @at: now, in Unix seconds
 * @settings: where the study day starts
 *
 * Counts what the day's queue would show of each page but its new
 * cards, and before the daily limits: learning and relearning cards
 * due by @at, review cards due by the end of the study day. One query
 * over the cards cache.
 *
 * Returns: (transfer full) (element-type utf8 guint) (nullable): page
 *   path to count, for the pages with a due card; %NULL if the log
 *   could not be read
 */
GHashTable *
rh_study_stats_count_due_by_path (RhReviewLog           *log,
                                  gint64                 at,
                                  const RhStudySettings *settings,
                                  GError               **error)
{
  g_autoptr (GHashTable) counts = NULL;
  sqlite3               *db;
  sqlite3_stmt          *stmt;
  int                    rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (log), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = stats_get_db (log);
  stmt = stats_prepare (db,
                        "SELECT path, count(*) FROM cards"
                        " WHERE (state IN ('learning', 'relearning') AND due <= ?1)"
                        " OR (state = 'review' AND due < ?2) GROUP BY path",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, rh_study_settings_get_day_start (settings, at) + SECONDS_PER_DAY);

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));

  if (!stats_finish (db, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&counts);
}

/**
 * rh_study_stats_get_next_due:
 * @after: in Unix seconds
 * @out_due: (out): when the first card falls due after @after, or 0
 *   when none will
 *
 * Returns: %TRUE unless the log could not be read
 */
gboolean
rh_study_stats_get_next_due (RhReviewLog *log,
                             gint64       after,
                             gint64      *out_due,
                             GError     **error)
{
  sqlite3      *db;
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (log), FALSE);
  g_return_val_if_fail (out_due != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = stats_get_db (log);
  stmt = stats_prepare (db, "SELECT min(due) FROM cards WHERE state != 'new' AND due > ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);

  *out_due = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_due = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }

  return stats_finish (db, stmt, rc, error);
}
