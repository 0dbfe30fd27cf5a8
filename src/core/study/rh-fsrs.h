/* rh-fsrs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RH_FSRS_N_WEIGHTS 21
#define RH_FSRS_MAX_STEPS 8
#define RH_FSRS_MIN_RETENTION 0.70
#define RH_FSRS_MAX_RETENTION 0.99
#define RH_FSRS_DEFAULT_RETENTION 0.9
#define RH_FSRS_DEFAULT_MAXIMUM_INTERVAL 36500

typedef enum
{
  RH_FSRS_STATE_NEW,
  RH_FSRS_STATE_LEARNING,
  RH_FSRS_STATE_REVIEW,
  RH_FSRS_STATE_RELEARNING,
} RhFsrsState;

/* Zero-based, so a preview can be indexed by grade; FSRS's own ratings are
 * these plus one.
 */
typedef enum
{
  RH_FSRS_GRADE_AGAIN,
  RH_FSRS_GRADE_HARD,
  RH_FSRS_GRADE_GOOD,
  RH_FSRS_GRADE_EASY,
} RhFsrsGrade;

#define RH_FSRS_N_GRADES 4

/* Times are Unix seconds. A card whose stability and difficulty are both 0
 * has no memory state yet (a new card); otherwise difficulty is in [1, 10]
 * and stability at least 0.001 days. last_review means nothing while the
 * card is new.
 */
typedef struct
{
  RhFsrsState state;
  gint64      due;
  gint64      last_review;
  double      stability;
  double      difficulty;
  guint       scheduled_days;
  guint       learning_step;
  guint       reps;
  guint       lapses;
} RhFsrsCard;

/* Steps are in minutes. Days are counted from midnight UTC shifted by
 * day_offset seconds: pass the local UTC offset minus the hour at which a
 * study day should start (e.g. +1 h - 4 h for 4 a.m. in Paris in winter) to
 * count local study days; 0 counts UTC days, as ts-fsrs does.
 */
typedef struct
{
  double   weights[RH_FSRS_N_WEIGHTS];
  double   desired_retention;
  guint    maximum_interval;
  gboolean enable_fuzz;
  guint    n_learning_steps;
  guint    learning_steps[RH_FSRS_MAX_STEPS];
  guint    n_relearning_steps;
  guint    relearning_steps[RH_FSRS_MAX_STEPS];
  gint     day_offset;
} RhFsrsParams;

void     rh_fsrs_params_init_default (RhFsrsParams *params);
gboolean rh_fsrs_params_is_valid (const RhFsrsParams *params);

void     rh_fsrs_card_init_new (RhFsrsCard *card,
                                gint64      now);
gboolean rh_fsrs_card_is_valid (const RhFsrsCard *card);

gboolean rh_fsrs_review (const RhFsrsParams *params,
                         const RhFsrsCard   *card,
                         gint64              now,
                         RhFsrsGrade         grade,
                         RhFsrsCard         *out_next,
                         guint              *out_elapsed_days);
gboolean rh_fsrs_preview (const RhFsrsParams *params,
                          const RhFsrsCard   *card,
                          gint64              now,
                          RhFsrsCard          out_next[RH_FSRS_N_GRADES],
                          guint              *out_elapsed_days);
double   rh_fsrs_retrievability (const RhFsrsParams *params,
                                 const RhFsrsCard   *card,
                                 gint64              now);

char *rh_fsrs_format_interval (gint64 seconds);

const char *rh_fsrs_state_to_string (RhFsrsState state);
gboolean    rh_fsrs_state_from_string (const char  *text,
                                       RhFsrsState *out_state);
const char *rh_fsrs_grade_to_string (RhFsrsGrade grade);
gboolean    rh_fsrs_grade_from_string (const char  *text,
                                       RhFsrsGrade *out_grade);

G_END_DECLS
