/* rh-study-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-review-log.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

/* The calendar's length, and the forecast's. */
#define RH_STUDY_STATS_N_DAYS 365
#define RH_STUDY_STATS_N_FORECAST_DAYS 30

/* A review card is mature from this interval on, as in Anki. */
#define RH_STUDY_STATS_MATURE_DAYS 21

typedef enum
{
  RH_STUDY_CARD_CLASS_NEW,
  RH_STUDY_CARD_CLASS_LEARNING,
  RH_STUDY_CARD_CLASS_RELEARNING,
  RH_STUDY_CARD_CLASS_YOUNG,
  RH_STUDY_CARD_CLASS_MATURE,
} RhStudyCardClass;

#define RH_STUDY_N_CARD_CLASSES 5

/**
 * RhStudyStats:
 * @today: the study day the figures end on, as a count of days since
 *   1970-01-01 shifted by the settings' day offset
 * @reviews_by_day: reviews on each of the last %RH_STUDY_STATS_N_DAYS
 *   study days, oldest first: the last is @today
 * @n_reviews: every review in the log
 * @n_study_days: days with at least one review, ever
 * @duration_ms: the time taken over every review whose time is known
 * @streak: study days in a row with a review, up to today; a day
 *   without one yet does not break it until it is over
 * @longest_streak: the longest such run ever
 * @young_reviews: reviews of review cards whose interval was shorter
 *   than %RH_STUDY_STATS_MATURE_DAYS
 * @young_passed: those of them not graded Again
 * @mature_reviews: reviews of review cards at a longer interval
 * @mature_passed: those of them not graded Again
 * @cards: the library's questions by state; review cards split into
 *   young and mature
 * @forecast: review and learning cards due on each of the next
 *   %RH_STUDY_STATS_N_FORECAST_DAYS study days, today first, overdue
 *   cards counted today
 *
 * What the statistics page shows, worked out from the review log.
 */
typedef struct
{
  gint64 today;
  guint  reviews_by_day[RH_STUDY_STATS_N_DAYS];
  guint  n_reviews;
  guint  n_study_days;
  gint64 duration_ms;
  guint  streak;
  guint  longest_streak;
  guint  young_reviews;
  guint  young_passed;
  guint  mature_reviews;
  guint  mature_passed;
  guint  cards[RH_STUDY_N_CARD_CLASSES];
  guint  forecast[RH_STUDY_STATS_N_FORECAST_DAYS];
} RhStudyStats;

gboolean rh_study_stats_compute (RhReviewLog           *log,
                                 gint64                 at,
                                 const RhStudySettings *settings,
                                 guint                  n_questions,
                                 RhStudyStats          *out_stats,
                                 GError               **error);
double   rh_study_stats_get_retention (guint passed,
                                       guint total);
gint64   rh_study_stats_day_of (const RhStudySettings *settings,
                                gint64                 at);

GHashTable *rh_study_stats_count_due_by_path (RhReviewLog           *log,
                                              gint64                 at,
                                              const RhStudySettings *settings,
                                              GError               **error);
gboolean    rh_study_stats_get_next_due (RhReviewLog *log,
                                         gint64       after,
                                         gint64      *out_due,
                                         GError     **error);

G_END_DECLS
