/* rh-fsrs.c
 *
 * The FSRS-6 spaced-repetition scheduler: given a card's memory state and
 * a grade, when to show the card next. It follows ts-fsrs's scheduler with
 * short-term scheduling on (learning and relearning steps in minutes, then
 * day intervals from the memory model), to the point of giving the same
 * card for the same review: tests/test-fsrs.c replays vectors made with
 * ts-fsrs. That includes its rounding of every intermediate value to eight
 * decimals, its calendar-day counting, and its interval fuzz, which draws
 * from an Alea generator seeded with a string built from the review time
 * and the card, so that one review always gives the same due time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rh-fsrs.h"

#define STABILITY_MIN 0.001
#define STABILITY_MAX 36500.0
#define INITIAL_STABILITY_MAX 100.0
#define SHORT_TERM_CEILING 2.0
#define SECONDS_PER_DAY 86400
#define MINUTES_PER_DAY 1440

/* FSRS's ratings, which its formulas use as numbers. */
enum
{
  RATING_AGAIN = 1,
  RATING_HARD,
  RATING_GOOD,
  RATING_EASY,
};

static const double default_weights[RH_FSRS_N_WEIGHTS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
  0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
  1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
};

/* Weights outside these bounds make the model misbehave (stability that
 * falls on success, difficulty that runs away), so they are clamped rather
 * than trusted; these are FSRS-6's bounds with short-term scheduling on.
 */
static const double weight_bounds[RH_FSRS_N_WEIGHTS][2] = {
  { STABILITY_MIN, INITIAL_STABILITY_MAX },
  { STABILITY_MIN, INITIAL_STABILITY_MAX },
  { STABILITY_MIN, INITIAL_STABILITY_MAX },
  { STABILITY_MIN, INITIAL_STABILITY_MAX },
  { 1.0, 10.0 },
  { 0.001, 4.0 },
  { 0.001, 4.0 },
  { 0.001, 0.75 },
  { 0.0, 4.5 },
  { 0.0, 0.8 },
  { 0.001, 3.5 },
  { 0.001, 5.0 },
  { 0.001, 0.25 },
  { 0.001, 0.9 },
  { 0.0, 4.0 },
  { 0.0, 1.0 },
  { 1.0, 6.0 },
  { 0.0, SHORT_TERM_CEILING },
  { 0.0, SHORT_TERM_CEILING },
  { 0.01, 0.8 },
  { 0.1, 0.8 },
};

static const struct
{
  double start;
  double end;
  double factor;
} fuzz_ranges[] = {
  { 2.5, 7.0, 0.15 },
  { 7.0, 20.0, 0.1 },
  { 20.0, INFINITY, 0.05 },
};

static const char *const state_names[] = { "new", "learning", "review", "relearning" };
static const char *const grade_names[] = { "again", "hard", "good", "easy" };

typedef struct
{
  double w[RH_FSRS_N_WEIGHTS];
  double decay;
  double factor;
  double interval_modifier;
} Model;

/* What the four outcomes of one review share. */
typedef struct
{
  const RhFsrsParams *params;
  Model               model;
  gint64              now;
  guint               elapsed_days;
  double              fuzz_factor;
} Review;

/* JavaScript's Math.round: halves go up, also below zero. */
static double
js_round (double x)
{
  double f = floor (x);

  return x - f >= 0.5 ? f + 1.0 : f;
}

/* Every intermediate value of the reference goes through this. */
static double
round8 (double x)
{
  return js_round (x * 1e8) / 1e8;
}

static double
clamp (double value,
       double low,
       double high)
{
  return MIN (MAX (value, low), high);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && a < 0)
    q--;

  return q;
}

/* The fuzz seed contains a product of doubles written the way JavaScript's
 * Number#toString writes it: the shortest digits that read back as the same
 * double, in plain notation between 1e-7 and 1e21.
 */
static void
append_js_number (GString *out,
                  double   value)
{
  char   buf[G_ASCII_DTOSTR_BUF_SIZE];
  char   digits[24];
  int    precision;
  int    n_digits = 0;
  int    point;
  char  *mark;
  gint64 exponent;

  if (value == 0.0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (isnan (value))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (value < 0)
    {
      g_string_append_c (out, '-');
      value = -value;
    }
  if (isinf (value))
    {
      g_string_append (out, "Infinity");
      return;
    }

  for (precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  mark = strchr (buf, 'e');
  g_assert (mark != NULL);
  exponent = g_ascii_strtoll (mark + 1, NULL, 10);
  for (const char *p = buf; p < mark; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  point = (int) exponent + 1;
  if (n_digits <= point && point <= 21)
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < point; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < point && point <= 21)
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append (out, digits + point);
    }
  else if (-6 < point && point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", point - 1 >= 0 ? '+' : '-', ABS (point - 1));
    }
}

/* JavaScript's ToUint32 for the non-negative values Mash produces. */
static double
to_uint32 (double x)
{
  return fmod (trunc (x), 4294967296.0);
}

/* Johannes Baagøe's Mash hash, whose state carries over between calls. */
static double
mash (double     *n,
      const char *data)
{
  for (const unsigned char *p = (const unsigned char *) data; *p != '\0'; p++)
    {
      double h;

      *n += *p;
      h = 0.02519603282416938 * *n;
      *n = to_uint32 (h);
      h -= *n;
      h *= *n;
      *n = to_uint32 (h);
      h -= *n;
      *n += h * 4294967296.0;
    }

  return to_uint32 (*n) * 2.3283064365386963e-10;
}

/* The first number Baagøe's Alea generator gives for SEED: fuzz needs no
 * more than one draw per review.
 */
static double
alea_first (const char *seed)
{
  double n = 4022871197.0;
  double s[3];
  double t;

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    s[i] = mash (&n, " ");
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      s[i] -= mash (&n, seed);
      if (s[i] < 0)
        s[i] += 1;
    }

  /* The generator's carry starts at 1. */
  t = 2091639 * s[0] + 2.3283064365386963e-10;
  return t - trunc (t);
}

static double
review_fuzz_factor (const RhFsrsCard *card,
                    gint64            now)
{
  g_autoptr (GString) seed = g_string_new (NULL);

  g_string_append_printf (seed, "%" G_GINT64_FORMAT "_%u_", now * 1000, card->reps + 1);
  append_js_number (seed, card->difficulty * card->stability);

  return alea_first (seed->str);
}

static void
model_init (Model              *model,
            const RhFsrsParams *params)
{
  double ceiling = SHORT_TERM_CEILING;

  /* More than one relearning step applies the short-term boost several
   * times after a lapse; the bound keeps a lapse from ever raising
   * stability (taking D = 1, R = 0.7, S = 1 as the worst case).
   */
  if (params->n_relearning_steps > 1)
    {
      double w11 = clamp (params->weights[11], weight_bounds[11][0], weight_bounds[11][1]);
      double w13 = clamp (params->weights[13], weight_bounds[13][0], weight_bounds[13][1]);
      double w14 = clamp (params->weights[14], weight_bounds[14][0], weight_bounds[14][1]);
      double value = -(log (w11) + log (pow (2.0, w13) - 1.0) + w14 * 0.3) / params->n_relearning_steps;

      ceiling = clamp (round8 (sqrt (MAX (value, 0.0))), 0.01, SHORT_TERM_CEILING);
    }

  for (guint i = 0; i < RH_FSRS_N_WEIGHTS; i++)
    {
      double high = (i == 17 || i == 18) ? ceiling : weight_bounds[i][1];

      model->w[i] = clamp (params->weights[i], weight_bounds[i][0], high);
    }

  model->decay = -model->w[20];
  model->factor = round8 (exp (pow (model->decay, -1) * log (0.9)) - 1.0);
  model->interval_modifier = round8 ((pow (params->desired_retention, 1 / model->decay) - 1) / model->factor);
}

static double
forgetting_curve (const Model *model,
                  double       elapsed_days,
                  double       stability)
{
  return round8 (pow (1 + (model->factor * elapsed_days) / stability, model->decay));
}

static double
initial_difficulty (const Model *model,
                    int          rating)
{
  return round8 (model->w[4] - exp ((rating - 1) * model->w[5]) + 1);
}

static double
next_difficulty (const Model *model,
                 double       difficulty,
                 int          rating)
{
  const double *w = model->w;
  double        delta = -w[6] * (rating - 3);
  /* Linear damping: the closer to 10, the less a bad grade adds. */
  double damped = difficulty + round8 ((delta * (10 - difficulty)) / 9);
  double reverted = round8 (w[7] * initial_difficulty (model, RATING_EASY) + (1 - w[7]) * damped);

  return clamp (reverted, 1, 10);
}

static double
recall_stability (const Model *model,
                  double       difficulty,
                  double       stability,
                  double       retrievability,
                  int          rating)
{
  const double *w = model->w;
  double        hard_penalty = rating == RATING_HARD ? w[15] : 1;
  double        easy_bonus = rating == RATING_EASY ? w[16] : 1;
  double        growth = exp (w[8]) * (11 - difficulty) * pow (stability, -w[9]) * (exp ((1 - retrievability) * w[10]) - 1) * hard_penalty * easy_bonus;

  return round8 (clamp (stability * (1 + growth), STABILITY_MIN, STABILITY_MAX));
}

static double
forget_stability (const Model *model,
                  double       difficulty,
                  double       stability,
                  double       retrievability)
{
  const double *w = model->w;
  double        value = w[11] * pow (difficulty, -w[12]) * (pow (stability + 1, w[13]) - 1) * exp ((1 - retrievability) * w[14]);

  return round8 (clamp (value, STABILITY_MIN, STABILITY_MAX));
}

static double
short_term_stability (const Model *model,
                      double       stability,
                      int          rating)
{
  const double *w = model->w;
  double        increase = pow (stability, -w[19]) * exp (w[17] * (rating - 3 + w[18]));

  /* A same-day success never lowers stability; a same-day lapse may. */
  if (rating >= RATING_HARD)
    increase = MAX (increase, 1.0);

  return round8 (clamp (stability * increase, STABILITY_MIN, STABILITY_MAX));
}

static void
next_memory (const Model *model,
             RhFsrsCard  *card,
             guint        elapsed_days,
             int          rating)
{
  double difficulty = card->difficulty;
  double stability = card->stability;
  double retrievability;

  if (difficulty == 0 && stability == 0)
    {
      card->difficulty = clamp (initial_difficulty (model, rating), 1, 10);
      card->stability = MAX (model->w[rating - 1], 0.1);
      return;
    }

  retrievability = forgetting_curve (model, elapsed_days, stability);
  if (elapsed_days == 0)
    {
      card->stability = short_term_stability (model, stability, rating);
    }
  else if (rating == RATING_AGAIN)
    {
      double after_lapse = forget_stability (model, difficulty, stability, retrievability);
      double floor_value = stability / exp (model->w[17] * model->w[18]);

      card->stability = clamp (round8 (floor_value), STABILITY_MIN, after_lapse);
    }
  else
    {
      card->stability = recall_stability (model, difficulty, stability, retrievability, rating);
    }
  card->difficulty = next_difficulty (model, difficulty, rating);
}

static guint
apply_fuzz (const Review *review,
            double        interval)
{
  const RhFsrsParams *params = review->params;
  double              delta = 1.0;
  double              low;
  double              high;

  if (!params->enable_fuzz || interval < 2.5)
    return (guint) js_round (interval);

  for (guint i = 0; i < G_N_ELEMENTS (fuzz_ranges); i++)
    delta += fuzz_ranges[i].factor * MAX (MIN (interval, fuzz_ranges[i].end) - fuzz_ranges[i].start, 0.0);

  interval = MIN (interval, params->maximum_interval);
  low = MAX (2, js_round (interval - delta));
  high = MIN (js_round (interval + delta), params->maximum_interval);
  if (interval > review->elapsed_days)
    low = MAX (low, review->elapsed_days + 1.0);
  low = MIN (low, high);

  return (guint) floor (review->fuzz_factor * (high - low + 1) + low);
}

static guint
next_interval (const Review *review,
               double        stability)
{
  double interval = js_round (stability * review->model.interval_modifier);

  interval = MIN (MAX (1, interval), review->params->maximum_interval);

  return apply_fuzz (review, interval);
}

/* Where a (re)learning step leads: FALSE when the grade leaves the steps,
 * to be scheduled by the memory model instead.
 */
static gboolean
learning_step_outcome (const RhFsrsParams *params,
                       RhFsrsState         state,
                       guint               step,
                       int                 rating,
                       guint              *out_minutes,
                       guint              *out_next_step)
{
  gboolean     relearning = state == RH_FSRS_STATE_RELEARNING || state == RH_FSRS_STATE_REVIEW;
  const guint *steps = relearning ? params->relearning_steps : params->learning_steps;
  guint        n_steps = relearning ? params->n_relearning_steps : params->n_learning_steps;

  if (step >= n_steps)
    return FALSE;

  if (state == RH_FSRS_STATE_REVIEW)
    {
      if (rating != RATING_AGAIN)
        return FALSE;
      *out_minutes = steps[step];
      *out_next_step = 0;
      return TRUE;
    }

  switch (rating)
    {
    case RATING_AGAIN:
      *out_minutes = steps[0];
      *out_next_step = 0;
      return TRUE;

    case RATING_HARD:
      if (n_steps == 1)
        *out_minutes = (guint) js_round (steps[0] * 1.5);
      else
        *out_minutes = (guint) js_round ((steps[0] + steps[1]) / 2.0);
      *out_next_step = step;
      return TRUE;

    case RATING_GOOD:
      if (step + 1 >= n_steps || steps[step + 1] == 0)
        return FALSE;
      *out_minutes = steps[step + 1];
      *out_next_step = step + 1;
      return TRUE;

    default:
      return FALSE;
    }
}

static void
apply_learning_steps (const Review     *review,
                      const RhFsrsCard *card,
                      RhFsrsCard       *next,
                      int               rating,
                      RhFsrsState       to_state)
{
  guint minutes = 0;
  guint next_step = 0;

  if (!learning_step_outcome (review->params, card->state, card->learning_step, rating, &minutes, &next_step))
    minutes = 0;

  if (minutes > 0 && minutes < MINUTES_PER_DAY)
    {
      next->learning_step = next_step;
      next->scheduled_days = 0;
      next->state = to_state;
      next->due = review->now + (gint64) minutes * 60;
    }
  else if (minutes >= MINUTES_PER_DAY)
    {
      next->state = RH_FSRS_STATE_REVIEW;
      next->learning_step = next_step;
      next->due = review->now + (gint64) minutes * 60;
      next->scheduled_days = minutes / MINUTES_PER_DAY;
    }
  else
    {
      guint interval = next_interval (review, next->stability);

      next->state = RH_FSRS_STATE_REVIEW;
      next->learning_step = 0;
      next->scheduled_days = interval;
      next->due = review->now + (gint64) interval * SECONDS_PER_DAY;
    }
}

static void
set_review_interval (const Review *review,
                     RhFsrsCard   *next,
                     guint         interval)
{
  next->state = RH_FSRS_STATE_REVIEW;
  next->learning_step = 0;
  next->scheduled_days = interval;
  next->due = review->now + (gint64) interval * SECONDS_PER_DAY;
}

static gint64
study_day (const RhFsrsParams *params,
           gint64              time)
{
  return floor_div (time + params->day_offset, SECONDS_PER_DAY);
}

void
rh_fsrs_params_init_default (RhFsrsParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  memcpy (params->weights, default_weights, sizeof default_weights);
  params->desired_retention = RH_FSRS_DEFAULT_RETENTION;
  params->maximum_interval = RH_FSRS_DEFAULT_MAXIMUM_INTERVAL;
  params->enable_fuzz = FALSE;
  params->n_learning_steps = 2;
  params->learning_steps[0] = 1;
  params->learning_steps[1] = 10;
  params->n_relearning_steps = 1;
  params->relearning_steps[0] = 10;
  params->day_offset = 0;
}

/* Weights out of range are clamped, not refused, as FSRS does; everything
 * else must make sense.
 */
gboolean
rh_fsrs_params_is_valid (const RhFsrsParams *params)
{
  g_return_val_if_fail (params != NULL, FALSE);

  for (guint i = 0; i < RH_FSRS_N_WEIGHTS; i++)
    if (!isfinite (params->weights[i]))
      return FALSE;

  /* A little slack, since 0.7 and 0.99 typed in a settings file come back
   * as the nearest doubles.
   */
  if (!(params->desired_retention >= RH_FSRS_MIN_RETENTION - 1e-9 &&
        params->desired_retention <= RH_FSRS_MAX_RETENTION + 1e-9))
    return FALSE;

  if (params->maximum_interval < 1 || params->maximum_interval > STABILITY_MAX)
    return FALSE;

  if (params->n_learning_steps > RH_FSRS_MAX_STEPS || params->n_relearning_steps > RH_FSRS_MAX_STEPS)
    return FALSE;

  /* Steps of more than a year are not steps. */
  for (guint i = 0; i < params->n_learning_steps; i++)
    if (params->learning_steps[i] > 365 * MINUTES_PER_DAY)
      return FALSE;
  for (guint i = 0; i < params->n_relearning_steps; i++)
    if (params->relearning_steps[i] > 365 * MINUTES_PER_DAY)
      return FALSE;

  if (params->day_offset <= -SECONDS_PER_DAY || params->day_offset >= SECONDS_PER_DAY)
    return FALSE;

  return TRUE;
}

void
rh_fsrs_card_init_new (RhFsrsCard *card,
                       gint64      now)
{
  g_return_if_fail (card != NULL);

  memset (card, 0, sizeof *card);
  card->state = RH_FSRS_STATE_NEW;
  card->due = now;
}

/* Cards come back from storage, so a bad one is data to refuse, not a
 * programming error.
 */
gboolean
rh_fsrs_card_is_valid (const RhFsrsCard *card)
{
  g_return_val_if_fail (card != NULL, FALSE);

  if ((guint) card->state > RH_FSRS_STATE_RELEARNING)
    return FALSE;

  if (card->difficulty == 0 && card->stability == 0)
    return TRUE;

  return isfinite (card->difficulty) && isfinite (card->stability) &&
         card->difficulty >= 1 && card->difficulty <= 10 &&
         card->stability >= STABILITY_MIN;
}

/* The four outcomes are worked out together because in review the
 * intervals depend on one another: Hard never beats Good, Good always
 * beats Hard by a day, and Easy beats Good by a day.
 *
 * Returns FALSE, leaving OUT_NEXT alone, if CARD is not valid. A review
 * earlier than the card's last one (the clock went back) counts as made
 * the same day. OUT_NEXT may point at CARD.
 */
gboolean
rh_fsrs_preview (const RhFsrsParams *params,
                 const RhFsrsCard   *card,
                 gint64              now,
                 RhFsrsCard          out_next[RH_FSRS_N_GRADES],
                 guint              *out_elapsed_days)
{
  Review     review = { 0 };
  RhFsrsCard current;
  RhFsrsCard base;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (out_next != NULL, FALSE);
  g_return_val_if_fail (rh_fsrs_params_is_valid (params), FALSE);

  if (!rh_fsrs_card_is_valid (card))
    return FALSE;

  /* OUT_NEXT may hold CARD. */
  current = *card;
  card = &current;

  review.params = params;
  model_init (&review.model, params);
  review.now = now;
  if (card->state != RH_FSRS_STATE_NEW)
    {
      gint64 days = study_day (params, now) - study_day (params, card->last_review);

      review.elapsed_days = (guint) MAX (days, 0);
    }
  if (params->enable_fuzz)
    review.fuzz_factor = review_fuzz_factor (card, now);

  base = *card;
  base.last_review = now;
  base.reps++;

  for (int g = 0; g < RH_FSRS_N_GRADES; g++)
    {
      out_next[g] = base;
      next_memory (&review.model, &out_next[g], review.elapsed_days, g + 1);
    }

  if (card->state == RH_FSRS_STATE_REVIEW)
    {
      RhFsrsCard *hard = &out_next[RH_FSRS_GRADE_HARD];
      RhFsrsCard *good = &out_next[RH_FSRS_GRADE_GOOD];
      RhFsrsCard *easy = &out_next[RH_FSRS_GRADE_EASY];
      guint       hard_interval = next_interval (&review, hard->stability);
      guint       good_interval = next_interval (&review, good->stability);
      guint       easy_interval;

      hard_interval = MIN (hard_interval, good_interval);
      good_interval = MAX (good_interval, hard_interval + 1);
      easy_interval = MAX (next_interval (&review, easy->stability), good_interval + 1);

      set_review_interval (&review, hard, hard_interval);
      set_review_interval (&review, good, good_interval);
      set_review_interval (&review, easy, easy_interval);

      apply_learning_steps (&review, card, &out_next[RH_FSRS_GRADE_AGAIN], RATING_AGAIN, RH_FSRS_STATE_RELEARNING);
      out_next[RH_FSRS_GRADE_AGAIN].lapses++;
    }
  else
    {
      RhFsrsState to_state = card->state == RH_FSRS_STATE_NEW ? RH_FSRS_STATE_LEARNING : card->state;

      for (int g = 0; g < RH_FSRS_N_GRADES; g++)
        apply_learning_steps (&review, card, &out_next[g], g + 1, to_state);
    }

  if (out_elapsed_days != NULL)
    *out_elapsed_days = review.elapsed_days;

  return TRUE;
}

/* The card after answering CARD with GRADE at NOW, and how many study days
 * passed since its last review; as rh_fsrs_preview(), whose outcome for
 * GRADE it is.
 */
gboolean
rh_fsrs_review (const RhFsrsParams *params,
                const RhFsrsCard   *card,
                gint64              now,
                RhFsrsGrade         grade,
                RhFsrsCard         *out_next,
                guint              *out_elapsed_days)
{
  RhFsrsCard outcomes[RH_FSRS_N_GRADES];

  g_return_val_if_fail ((guint) grade <= RH_FSRS_GRADE_EASY, FALSE);
  g_return_val_if_fail (out_next != NULL, FALSE);

  if (!rh_fsrs_preview (params, card, now, outcomes, out_elapsed_days))
    return FALSE;

  *out_next = outcomes[grade];
  return TRUE;
}

/* The probability of recalling CARD at NOW, counting whole days since its
 * last review; 0 for a card never reviewed.
 */
double
rh_fsrs_retrievability (const RhFsrsParams *params,
                        const RhFsrsCard   *card,
                        gint64              now)
{
  Model  model;
  gint64 days;

  g_return_val_if_fail (params != NULL, 0.0);
  g_return_val_if_fail (card != NULL, 0.0);

  if (card->state == RH_FSRS_STATE_NEW || card->stability <= 0)
    return 0.0;

  model_init (&model, params);
  days = MAX (floor_div (now - card->last_review, SECONDS_PER_DAY), 0);

  return forgetting_curve (&model, days, round8 (card->stability));
}

static char *
format_tenths (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  value = round (value * 10) / 10;
  /* Shown in the user's locale, decimal comma and all. */
  g_snprintf (buf, sizeof buf, value == floor (value) ? "%.0f" : "%.1f", value);

  return g_strdup (buf);
}

/* The short form on an answer button, in the largest unit that fits, as
 * Anki chooses it: whole seconds, minutes and days; hours, months and years
 * to a tenth. A month is a twelfth of a year of 365 days.
 */
char *
rh_fsrs_format_interval (gint64 seconds)
{
  const double minute = 60;
  const double hour = 60 * minute;
  const double day = 24 * hour;
  const double month = 30.417 * day;
  const double year = 365 * day;
  double       secs = MAX (seconds, 0);

  if (secs < minute)
    /* Translators: an interval on an answer button, in seconds */
    return g_strdup_printf (_ ("%d s"), (int) round (secs));

  if (secs < hour)
    /* Translators: an interval on an answer button, in minutes */
    return g_strdup_printf (_ ("%d min"), (int) round (secs / minute));

  if (secs < day)
    {
      g_autofree char *amount = format_tenths (secs / hour);

      /* Translators: an interval on an answer button, in hours, e.g. "1.5 h" */
      return g_strdup_printf (_ ("%s h"), amount);
    }

  if (secs < month)
    /* Translators: an interval on an answer button, in days */
    return g_strdup_printf (_ ("%d d"), (int) round (secs / day));

  if (secs < year)
    {
      g_autofree char *amount = format_tenths (secs / month);

      /* Translators: an interval on an answer button, in months, e.g. "3.2 mo" */
      return g_strdup_printf (_ ("%s mo"), amount);
    }

  {
    g_autofree char *amount = format_tenths (secs / year);

    /* Translators: an interval on an answer button, in years, e.g. "1.5 y" */
    return g_strdup_printf (_ ("%s y"), amount);
  }
}

const char *
rh_fsrs_state_to_string (RhFsrsState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
rh_fsrs_state_from_string (const char  *text,
                           RhFsrsState *out_state)
{
  g_return_val_if_fail (out_state != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    {
      if (strcmp (text, state_names[i]) == 0)
        {
          *out_state = (RhFsrsState) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rh_fsrs_grade_to_string (RhFsrsGrade grade)
{
  g_return_val_if_fail ((guint) grade < G_N_ELEMENTS (grade_names), NULL);

  return grade_names[grade];
}

gboolean
rh_fsrs_grade_from_string (const char  *text,
                           RhFsrsGrade *out_grade)
{
  g_return_val_if_fail (out_grade != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (grade_names); i++)
    {
      if (strcmp (text, grade_names[i]) == 0)
        {
          *out_grade = (RhFsrsGrade) i;
          return TRUE;
        }
    }

  return FALSE;
}
