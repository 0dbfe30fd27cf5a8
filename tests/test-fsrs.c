/* test-fsrs.c
 *
 * Checks the FSRS scheduler against reference vectors made with ts-fsrs
 * (tests/fsrs/make-vectors.mjs wrote tests/fixtures/fsrs), then checks what
 * must hold whatever the reference says: bounds on difficulty and
 * stability, intervals that grow with each successful review, the meaning
 * of desired retention, fuzz that stays in its range and repeats itself,
 * and the interval labels of the answer buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "rh-fsrs.h"

#define DAY 86400
/* 2024-03-01 12:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1709294400)

enum
{
  COL_NOW,
  COL_GRADE,
  COL_ELAPSED_DAYS,
  COL_RETRIEVABILITY,
  COL_STATE,
  COL_DUE,
  COL_STABILITY,
  COL_DIFFICULTY,
  COL_SCHEDULED_DAYS,
  COL_LEARNING_STEPS,
  COL_REPS,
  COL_LAPSES,
  N_COLUMNS
};

static const char *const column_names[N_COLUMNS] = {
  "now",
  "grade",
  "elapsed_days",
  "retrievability",
  "state",
  "due",
  "stability",
  "difficulty",
  "scheduled_days",
  "learning_steps",
  "reps",
  "lapses",
};

typedef struct
{
  guint n_sequences;
  guint n_steps;
  guint n_failed_steps;
  guint n_exact_memory;
} ReplayStats;

static JsonParser *
load_fixture (const char *name)
{
  g_autofree char       *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fsrs", name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&parser);
}

static void
read_steps (JsonArray *array,
            guint     *out_n,
            guint     *steps)
{
  guint n = json_array_get_length (array);

  g_assert_cmpuint (n, <=, RH_FSRS_MAX_STEPS);
  for (guint i = 0; i < n; i++)
    steps[i] = (guint) json_array_get_int_element (array, i);
  *out_n = n;
}

static void
read_params (JsonObject   *object,
             RhFsrsParams *params)
{
  rh_fsrs_params_init_default (params);
  params->desired_retention = json_object_get_double_member (object, "retention");
  params->maximum_interval = (guint) json_object_get_int_member (object, "maximum_interval");
  params->enable_fuzz = json_object_get_boolean_member (object, "fuzz");
  read_steps (json_object_get_array_member (object, "learning_steps"), &params->n_learning_steps, params->learning_steps);
  read_steps (json_object_get_array_member (object, "relearning_steps"), &params->n_relearning_steps, params->relearning_steps);
  if (json_object_has_member (object, "w"))
    {
      JsonArray *w = json_object_get_array_member (object, "w");

      g_assert_cmpuint (json_array_get_length (w), ==, RH_FSRS_N_WEIGHTS);
      for (guint i = 0; i < RH_FSRS_N_WEIGHTS; i++)
        params->weights[i] = json_array_get_double_element (w, i);
    }
  g_assert_true (rh_fsrs_params_is_valid (params));
}

static void
map_columns (JsonObject *root,
             guint      *columns)
{
  JsonArray *names = json_object_get_array_member (root, "columns");

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      columns[c] = G_MAXUINT;
      for (guint i = 0; i < json_array_get_length (names); i++)
        if (g_strcmp0 (json_array_get_string_element (names, i), column_names[c]) == 0)
          columns[c] = i;
      g_assert_cmpuint (columns[c], !=, G_MAXUINT);
    }
}

static gboolean
near (double a,
      double b,
      double tolerance)
{
  return fabs (a - b) <= tolerance;
}

/* Replays one sequence from its new card, feeding each review the card the
 * previous one produced; returns how many steps disagreed.
 */
static guint
replay_sequence (JsonObject  *sequence,
                 const guint *columns,
                 ReplayStats *stats)
{
  const char  *name = json_object_get_string_member (sequence, "name");
  JsonArray   *steps = json_object_get_array_member (sequence, "steps");
  RhFsrsParams params;
  RhFsrsCard   card;
  guint        failed = 0;

  read_params (json_object_get_object_member (sequence, "params"), &params);
  rh_fsrs_card_init_new (&card, json_object_get_int_member (sequence, "start"));

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonArray  *row = json_array_get_array_element (steps, i);
      gint64      now = json_array_get_int_element (row, columns[COL_NOW]);
      RhFsrsGrade grade;
      RhFsrsState state;
      RhFsrsCard  next;
      guint       elapsed = G_MAXUINT;
      double      retrievability = rh_fsrs_retrievability (&params, &card, now);
      double      stability = json_array_get_double_element (row, columns[COL_STABILITY]);
      double      difficulty = json_array_get_double_element (row, columns[COL_DIFFICULTY]);
      gboolean    ok;

      g_assert_true (rh_fsrs_grade_from_string (json_array_get_string_element (row, columns[COL_GRADE]), &grade));
      g_assert_true (rh_fsrs_state_from_string (json_array_get_string_element (row, columns[COL_STATE]), &state));
      g_assert_true (rh_fsrs_review (&params, &card, now, grade, &next, &elapsed));

      ok = next.state == state &&
           next.due == json_array_get_int_element (row, columns[COL_DUE]) &&
           next.last_review == now &&
           near (next.stability, stability, 1e-4) &&
           near (next.difficulty, difficulty, 1e-4) &&
           next.scheduled_days == json_array_get_int_element (row, columns[COL_SCHEDULED_DAYS]) &&
           next.learning_step == json_array_get_int_element (row, columns[COL_LEARNING_STEPS]) &&
           next.reps == json_array_get_int_element (row, columns[COL_REPS]) &&
           next.lapses == json_array_get_int_element (row, columns[COL_LAPSES]) &&
           elapsed == json_array_get_int_element (row, columns[COL_ELAPSED_DAYS]) &&
           near (retrievability, json_array_get_double_element (row, columns[COL_RETRIEVABILITY]), 1e-6);

      if (!ok)
        {
          if (failed == 0)
            g_test_message ("%s, review %u (%s at %" G_GINT64_FORMAT "): got %s due %" G_GINT64_FORMAT
                            " S %.8f D %.8f ivl %u step %u reps %u lapses %u elapsed %u R %.8f;"
                            " expected %s due %" G_GINT64_FORMAT " S %.8f D %.8f ivl %" G_GINT64_FORMAT,
                            name, i + 1, rh_fsrs_grade_to_string (grade), now,
                            rh_fsrs_state_to_string (next.state), next.due, next.stability, next.difficulty,
                            next.scheduled_days, next.learning_step, next.reps, next.lapses, elapsed, retrievability,
                            rh_fsrs_state_to_string (state), json_array_get_int_element (row, columns[COL_DUE]),
                            stability, difficulty, json_array_get_int_element (row, columns[COL_SCHEDULED_DAYS]));
          failed++;
        }
      if (next.stability == stability && next.difficulty == difficulty)
        stats->n_exact_memory++;
      stats->n_steps++;

      card = next;
    }

  stats->n_sequences++;
  return failed;
}

static void
replay_fixture (const char  *name,
                ReplayStats *stats)
{
  g_autoptr (JsonParser) parser = load_fixture (name);
  JsonObject            *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray             *sequences = json_object_get_array_member (root, "sequences");
  guint                  columns[N_COLUMNS];

  map_columns (root, columns);
  memset (stats, 0, sizeof *stats);
  for (guint i = 0; i < json_array_get_length (sequences); i++)
    {
      guint failed = replay_sequence (json_array_get_object_element (sequences, i), columns, stats);

      stats->n_failed_steps += failed;
    }

  g_test_message ("%s: %u sequences, %u steps, %u steps differ, %u with bit-identical stability and difficulty",
                  name, stats->n_sequences, stats->n_steps, stats->n_failed_steps, stats->n_exact_memory);
  g_assert_cmpuint (stats->n_sequences, >, 0);
  g_assert_cmpuint (stats->n_failed_steps, ==, 0);
}

static void
test_vectors_default (void)
{
  ReplayStats stats;

  replay_fixture ("vectors.json", &stats);
  g_assert_cmpuint (stats.n_sequences, >=, 300);
}

static void
test_vectors_fuzz (void)
{
  ReplayStats stats;

  replay_fixture ("vectors-fuzz.json", &stats);
}

static void
test_vectors_options (void)
{
  ReplayStats stats;

  replay_fixture ("vectors-options.json", &stats);
}

/* The vectors are only as good as what they exercise. */
static void
test_vectors_coverage (void)
{
  g_autoptr (JsonParser) parser = load_fixture ("vectors.json");
  JsonObject            *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray             *sequences = json_object_get_array_member (root, "sequences");
  guint                  columns[N_COLUMNS];
  guint                  pairs[4][RH_FSRS_N_GRADES] = { { 0 } };
  const double           retentions[] = { 0.7, 0.8, 0.9, 0.95, 0.99 };
  guint                  n_retentions[G_N_ELEMENTS (retentions)] = { 0 };
  guint                  n_early = 0;
  guint                  n_late = 0;
  guint                  longest_again_run = 0;

  map_columns (root, columns);
  for (guint s = 0; s < json_array_get_length (sequences); s++)
    {
      JsonObject *sequence = json_array_get_object_element (sequences, s);
      JsonObject *params = json_object_get_object_member (sequence, "params");
      JsonArray  *steps = json_object_get_array_member (sequence, "steps");
      double      retention = json_object_get_double_member (params, "retention");
      RhFsrsState state = RH_FSRS_STATE_NEW;
      gint64      due = 0;
      guint       again_run = 0;

      g_assert_false (json_object_get_boolean_member (params, "fuzz"));
      for (guint r = 0; r < G_N_ELEMENTS (retentions); r++)
        if (retention == retentions[r])
          n_retentions[r]++;

      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          JsonArray  *row = json_array_get_array_element (steps, i);
          gint64      now = json_array_get_int_element (row, columns[COL_NOW]);
          RhFsrsGrade grade;

          g_assert_true (rh_fsrs_grade_from_string (json_array_get_string_element (row, columns[COL_GRADE]), &grade));
          pairs[state][grade]++;
          if (state == RH_FSRS_STATE_REVIEW && now < due)
            n_early++;
          if (state == RH_FSRS_STATE_REVIEW && now > due + 7 * DAY)
            n_late++;
          again_run = grade == RH_FSRS_GRADE_AGAIN ? again_run + 1 : 0;
          longest_again_run = MAX (longest_again_run, again_run);

          g_assert_true (rh_fsrs_state_from_string (json_array_get_string_element (row, columns[COL_STATE]), &state));
          due = json_array_get_int_element (row, columns[COL_DUE]);
        }
    }

  for (guint st = 0; st < 4; st++)
    for (guint g = 0; g < RH_FSRS_N_GRADES; g++)
      g_assert_cmpuint (pairs[st][g], >=, 20);
  for (guint r = 0; r < G_N_ELEMENTS (retentions); r++)
    g_assert_cmpuint (n_retentions[r], >=, 50);
  g_assert_cmpuint (n_early, >=, 100);
  g_assert_cmpuint (n_late, >=, 100);
  g_assert_cmpuint (longest_again_run, >=, 8);
}

/* A short walk through the states by hand, with the default parameters. */
static void
test_learning_steps (void)
{
  RhFsrsParams params;
  RhFsrsCard   card;
  RhFsrsCard   next[RH_FSRS_N_GRADES];
  RhFsrsCard   review_card;
  guint        elapsed;

  rh_fsrs_params_init_default (&params);
  rh_fsrs_card_init_new (&card, T0);
  g_assert_cmpint (card.state, ==, RH_FSRS_STATE_NEW);
  g_assert_cmpint (card.due, ==, T0);

  g_assert_true (rh_fsrs_preview (&params, &card, T0, next, &elapsed));
  g_assert_cmpuint (elapsed, ==, 0);
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].due - T0, ==, 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_HARD].due - T0, ==, 6 * 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_GOOD].due - T0, ==, 10 * 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_GOOD].learning_step, ==, 1);
  for (guint g = RH_FSRS_GRADE_AGAIN; g <= RH_FSRS_GRADE_GOOD; g++)
    {
      g_assert_cmpint (next[g].state, ==, RH_FSRS_STATE_LEARNING);
      g_assert_cmpuint (next[g].scheduled_days, ==, 0);
    }
  /* Easy leaves the steps: S0(Easy) = w3 = 8.2956 days is 8 days at 90%. */
  g_assert_cmpint (next[RH_FSRS_GRADE_EASY].state, ==, RH_FSRS_STATE_REVIEW);
  g_assert_cmpfloat (next[RH_FSRS_GRADE_EASY].stability, ==, 8.2956);
  g_assert_cmpuint (next[RH_FSRS_GRADE_EASY].scheduled_days, ==, 8);
  g_assert_cmpint (next[RH_FSRS_GRADE_EASY].due - T0, ==, 8 * DAY);
  for (guint g = 0; g < RH_FSRS_N_GRADES; g++)
    {
      g_assert_cmpuint (next[g].reps, ==, 1);
      g_assert_cmpint (next[g].last_review, ==, T0);
    }

  /* Good on the last learning step graduates. */
  card = next[RH_FSRS_GRADE_GOOD];
  g_assert_true (rh_fsrs_preview (&params, &card, T0 + 600, next, NULL));
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].due - (T0 + 600), ==, 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].learning_step, ==, 0);
  g_assert_cmpint (next[RH_FSRS_GRADE_HARD].due - (T0 + 600), ==, 6 * 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_HARD].learning_step, ==, 1);
  g_assert_cmpint (next[RH_FSRS_GRADE_GOOD].state, ==, RH_FSRS_STATE_REVIEW);
  g_assert_cmpuint (next[RH_FSRS_GRADE_GOOD].scheduled_days, >=, 1);
  review_card = next[RH_FSRS_GRADE_GOOD];

  /* A lapse goes to the relearning step and counts. */
  g_assert_true (rh_fsrs_preview (&params, &review_card, review_card.due, next, &elapsed));
  g_assert_cmpuint (elapsed, ==, review_card.scheduled_days);
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].state, ==, RH_FSRS_STATE_RELEARNING);
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].due - review_card.due, ==, 10 * 60);
  g_assert_cmpuint (next[RH_FSRS_GRADE_AGAIN].lapses, ==, 1);
  g_assert_cmpfloat (next[RH_FSRS_GRADE_AGAIN].stability, <, review_card.stability);
  for (guint g = RH_FSRS_GRADE_HARD; g <= RH_FSRS_GRADE_EASY; g++)
    {
      g_assert_cmpint (next[g].state, ==, RH_FSRS_STATE_REVIEW);
      g_assert_cmpuint (next[g].lapses, ==, 0);
      g_assert_cmpfloat (next[g].stability, >, review_card.stability);
    }
  g_assert_cmpuint (next[RH_FSRS_GRADE_HARD].scheduled_days, <, next[RH_FSRS_GRADE_GOOD].scheduled_days);
  g_assert_cmpuint (next[RH_FSRS_GRADE_GOOD].scheduled_days, <, next[RH_FSRS_GRADE_EASY].scheduled_days);

  /* Relearning: Hard waits one and a half steps, Good graduates. */
  card = next[RH_FSRS_GRADE_AGAIN];
  g_assert_true (rh_fsrs_preview (&params, &card, card.due, next, NULL));
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].due - card.due, ==, 10 * 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_HARD].due - card.due, ==, 15 * 60);
  g_assert_cmpint (next[RH_FSRS_GRADE_HARD].state, ==, RH_FSRS_STATE_RELEARNING);
  g_assert_cmpint (next[RH_FSRS_GRADE_GOOD].state, ==, RH_FSRS_STATE_REVIEW);
  g_assert_cmpuint (next[RH_FSRS_GRADE_AGAIN].lapses, ==, 1);
}

static void
assert_cards_equal (const RhFsrsCard *a,
                    const RhFsrsCard *b)
{
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpint (a->due, ==, b->due);
  g_assert_cmpint (a->last_review, ==, b->last_review);
  g_assert_cmpfloat (a->stability, ==, b->stability);
  g_assert_cmpfloat (a->difficulty, ==, b->difficulty);
  g_assert_cmpuint (a->scheduled_days, ==, b->scheduled_days);
  g_assert_cmpuint (a->learning_step, ==, b->learning_step);
  g_assert_cmpuint (a->reps, ==, b->reps);
  g_assert_cmpuint (a->lapses, ==, b->lapses);
}

static void
test_preview_matches_review (void)
{
  RhFsrsParams      params;
  RhFsrsCard        card;
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  rh_fsrs_params_init_default (&params);
  params.enable_fuzz = TRUE;

  for (guint walk = 0; walk < 50; walk++)
    {
      gint64 now = T0 + g_rand_int_range (rand, 0, 1000) * DAY;

      rh_fsrs_card_init_new (&card, now);
      for (guint i = 0; i < 15; i++)
        {
          RhFsrsCard  preview[RH_FSRS_N_GRADES];
          guint       preview_elapsed;
          RhFsrsGrade grade = g_rand_int_range (rand, 0, RH_FSRS_N_GRADES);

          g_assert_true (rh_fsrs_preview (&params, &card, now, preview, &preview_elapsed));
          for (guint g = 0; g < RH_FSRS_N_GRADES; g++)
            {
              RhFsrsCard next;
              guint      elapsed;

              g_assert_true (rh_fsrs_review (&params, &card, now, g, &next, &elapsed));
              assert_cards_equal (&next, &preview[g]);
              g_assert_cmpuint (elapsed, ==, preview_elapsed);
            }
          /* The outcomes may overwrite the card they come from. */
          {
            RhFsrsCard in_place[RH_FSRS_N_GRADES] = { card };

            g_assert_true (rh_fsrs_preview (&params, &in_place[0], now, in_place, NULL));
            for (guint g = 0; g < RH_FSRS_N_GRADES; g++)
              assert_cards_equal (&in_place[g], &preview[g]);
          }

          card = preview[grade];
          now = card.due + g_rand_int_range (rand, 0, 2 * DAY);
        }
    }
}

/* Mostly Good, as people answer, with lapses often enough to matter. */
static RhFsrsGrade
weighted_grade (double p)
{
  if (p < 0.25)
    return RH_FSRS_GRADE_AGAIN;
  if (p < 0.4)
    return RH_FSRS_GRADE_HARD;
  if (p < 0.9)
    return RH_FSRS_GRADE_GOOD;
  return RH_FSRS_GRADE_EASY;
}

/* What must hold on any history: random walks with random review times. */
static void
test_invariants (void)
{
  const double      retentions[] = { 0.7, 0.8, 0.9, 0.95, 0.99 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (2024);
  guint             n_good_in_review = 0;

  for (guint walk = 0; walk < 400; walk++)
    {
      RhFsrsParams params;
      RhFsrsCard   card;
      RhFsrsGrade  previous_grade = RH_FSRS_GRADE_AGAIN;
      gint64       now = T0 + g_rand_int_range (rand, 0, 3650) * (gint64) DAY + g_rand_int_range (rand, 0, DAY);

      rh_fsrs_params_init_default (&params);
      params.desired_retention = retentions[walk % G_N_ELEMENTS (retentions)];
      rh_fsrs_card_init_new (&card, now);

      for (guint i = 0; i < 30; i++)
        {
          RhFsrsCard  next;
          guint       elapsed;
          RhFsrsGrade grade = weighted_grade (g_rand_double (rand));
          double      p;

          g_assert_true (rh_fsrs_review (&params, &card, now, grade, &next, &elapsed));
          g_assert_true (rh_fsrs_card_is_valid (&next));
          g_assert_cmpfloat (next.difficulty, >=, 1.0);
          g_assert_cmpfloat (next.difficulty, <=, 10.0);
          g_assert_cmpfloat (next.stability, >, 0.0);
          g_assert_cmpint (next.due, >, now);
          g_assert_cmpint (next.last_review, ==, now);
          g_assert_cmpuint (next.reps, ==, card.reps + 1);
          g_assert_cmpuint (next.lapses, ==, card.lapses + (card.state == RH_FSRS_STATE_REVIEW && grade == RH_FSRS_GRADE_AGAIN));
          if (next.state == RH_FSRS_STATE_REVIEW)
            g_assert_cmpint (next.due, ==, now + (gint64) next.scheduled_days * DAY);
          else
            g_assert_cmpuint (next.scheduled_days, ==, 0);

          /* A success on time or late never lowers stability, so Good
           * after Good never shortens the interval. After Easy or Hard it
           * may, by the day that kept Hard < Good < Easy apart; early
           * reviews and the maximum interval may too.
           */
          if (card.state == RH_FSRS_STATE_REVIEW && grade == RH_FSRS_GRADE_GOOD && now >= card.due)
            {
              g_assert_cmpfloat (next.stability, >=, card.stability);
              if (previous_grade == RH_FSRS_GRADE_GOOD && card.scheduled_days < params.maximum_interval)
                {
                  g_assert_cmpuint (next.scheduled_days, >=, card.scheduled_days);
                  n_good_in_review++;
                }
            }
          previous_grade = grade;

          card = next;
          p = g_rand_double (rand);
          if (p < 0.15 && card.state == RH_FSRS_STATE_REVIEW)
            now += 1 + (gint64) (g_rand_double (rand) * (card.due - now - 1));
          else if (p < 0.3)
            now = card.due + g_rand_int_range (rand, 0, 400) * (gint64) DAY;
          else
            now = card.due + g_rand_int_range (rand, 0, DAY);
        }
    }

  g_assert_cmpuint (n_good_in_review, >, 1000);
}

/* A long run of lapses floors stability and raises difficulty to its
 * bound, without leaving the model's ranges.
 */
static void
test_again_run (void)
{
  RhFsrsParams params;
  RhFsrsCard   card;
  gint64       now = T0;

  rh_fsrs_params_init_default (&params);
  rh_fsrs_card_init_new (&card, now);
  g_assert_true (rh_fsrs_review (&params, &card, now, RH_FSRS_GRADE_EASY, &card, NULL));

  for (guint i = 0; i < 60; i++)
    {
      RhFsrsCard next;

      now = card.due + 3600;
      g_assert_true (rh_fsrs_review (&params, &card, now, RH_FSRS_GRADE_AGAIN, &next, NULL));
      g_assert_cmpfloat (next.stability, >=, 0.001);
      g_assert_cmpfloat (next.difficulty, <=, 10.0);
      g_assert_cmpfloat (next.difficulty, >=, card.difficulty);
      card = next;
    }
  g_assert_cmpfloat (card.difficulty, >, 9.9);
  g_assert_cmpuint (card.lapses, >=, 1);
  g_assert_cmpfloat (card.stability, <, 1.0);
}

/* Scheduling at desired retention r means the card is due when recall has
 * fallen to about r: the interval is whole days, so not exactly.
 */
static void
test_retention (void)
{
  const double retentions[] = { 0.7, 0.8, 0.85, 0.9, 0.95, 0.99 };
  guint        previous_interval = G_MAXUINT;

  for (guint r = 0; r < G_N_ELEMENTS (retentions); r++)
    {
      RhFsrsParams params;
      RhFsrsCard   card;
      gint64       now = T0;

      rh_fsrs_params_init_default (&params);
      params.desired_retention = retentions[r];
      g_assert_true (rh_fsrs_params_is_valid (&params));
      rh_fsrs_card_init_new (&card, now);
      /* Good on time until the interval is long enough for rounding to
       * whole days not to matter much.
       */
      for (guint i = 0; i < 30 && card.scheduled_days < 10; i++)
        {
          RhFsrsGrade grade = i == 0 ? RH_FSRS_GRADE_EASY : RH_FSRS_GRADE_GOOD;

          g_assert_true (rh_fsrs_review (&params, &card, now, grade, &card, NULL));
          now = card.due;
        }
      g_assert_cmpint (card.state, ==, RH_FSRS_STATE_REVIEW);
      g_assert_cmpuint (card.scheduled_days, >=, 10);
      g_assert_cmpuint (card.scheduled_days, <, params.maximum_interval);
      g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&params, &card, card.due), retentions[r],
                                      0.5 * (1 - retentions[r]) / card.scheduled_days + 0.005);

      /* Asking for more retention means shorter intervals for one card. */
      card = (RhFsrsCard){
        .state = RH_FSRS_STATE_REVIEW,
        .due = T0 + 50 * DAY,
        .last_review = T0,
        .stability = 50,
        .difficulty = 5,
        .scheduled_days = 50,
        .reps = 5,
      };
      g_assert_true (rh_fsrs_review (&params, &card, card.due, RH_FSRS_GRADE_GOOD, &card, NULL));
      g_assert_cmpuint (card.scheduled_days, <, previous_interval);
      previous_interval = card.scheduled_days;
    }
}

static void
test_retrievability (void)
{
  RhFsrsParams params;
  RhFsrsCard   card;
  double       previous = 1.0;

  rh_fsrs_params_init_default (&params);
  rh_fsrs_card_init_new (&card, T0);
  g_assert_cmpfloat (rh_fsrs_retrievability (&params, &card, T0 + DAY), ==, 0.0);

  g_assert_true (rh_fsrs_review (&params, &card, T0, RH_FSRS_GRADE_EASY, &card, NULL));
  g_assert_cmpfloat (rh_fsrs_retrievability (&params, &card, T0 + 3600), ==, 1.0);
  /* Stability (8.2956 days here) is the time to fall to 90%. */
  g_assert_cmpfloat (rh_fsrs_retrievability (&params, &card, T0 + 8 * DAY), >, 0.9);
  g_assert_cmpfloat (rh_fsrs_retrievability (&params, &card, T0 + 9 * DAY), <, 0.9);
  for (guint d = 1; d < 400; d += 7)
    {
      double r = rh_fsrs_retrievability (&params, &card, T0 + (gint64) d * DAY);

      g_assert_cmpfloat (r, <, previous);
      g_assert_cmpfloat (r, >, 0.0);
      previous = r;
    }
  /* A clock that went back reads as no time passed. */
  g_assert_cmpfloat (rh_fsrs_retrievability (&params, &card, T0 - DAY), ==, 1.0);
}

/* FSRS's fuzz range, from its description: a widening margin around the
 * interval, never below 2 days nor above the maximum, and past the days
 * already elapsed.
 */
static void
fuzz_range (double  interval,
            guint   elapsed_days,
            guint   maximum,
            double *out_low,
            double *out_high)
{
  double delta = 1.0;
  double low;
  double high;

  delta += 0.15 * MAX (MIN (interval, 7.0) - 2.5, 0.0);
  delta += 0.10 * MAX (MIN (interval, 20.0) - 7.0, 0.0);
  delta += 0.05 * MAX (interval - 20.0, 0.0);
  interval = MIN (interval, maximum);
  low = MAX (2, floor (interval - delta + 0.5));
  high = MIN (floor (interval + delta + 0.5), maximum);
  if (interval > elapsed_days)
    low = MAX (low, elapsed_days + 1.0);
  *out_low = MIN (low, high);
  *out_high = high;
}

static void
test_fuzz (void)
{
  RhFsrsParams      plain;
  RhFsrsParams      fuzzed;
  RhFsrsCard        card;
  RhFsrsCard        easy;
  guint             seen[16] = { 0 };
  guint             n_review = 0;
  guint             n_moved = 0;
  double            low;
  double            high;
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);

  rh_fsrs_params_init_default (&plain);
  fuzzed = plain;
  fuzzed.enable_fuzz = TRUE;

  /* A new card answered Easy is due in 8 days without fuzz, in 6 to 10
   * with it, and the same review always gives the same day.
   */
  fuzz_range (8, 0, plain.maximum_interval, &low, &high);
  g_assert_cmpfloat (low, ==, 6);
  g_assert_cmpfloat (high, ==, 10);
  for (guint i = 0; i < 2000; i++)
    {
      gint64     now = T0 + i * 37;
      RhFsrsCard again;

      rh_fsrs_card_init_new (&card, now);
      g_assert_true (rh_fsrs_review (&fuzzed, &card, now, RH_FSRS_GRADE_EASY, &easy, NULL));
      g_assert_true (rh_fsrs_review (&fuzzed, &card, now, RH_FSRS_GRADE_EASY, &again, NULL));
      assert_cards_equal (&easy, &again);
      g_assert_cmpuint (easy.scheduled_days, >=, low);
      g_assert_cmpuint (easy.scheduled_days, <=, high);
      seen[easy.scheduled_days]++;

      g_assert_true (rh_fsrs_review (&plain, &card, now, RH_FSRS_GRADE_EASY, &easy, NULL));
      g_assert_cmpuint (easy.scheduled_days, ==, 8);
    }
  /* Fuzz spreads the load: every day of the range gets its share. */
  for (guint d = 6; d <= 10; d++)
    g_assert_cmpuint (seen[d], >, 2000 / 5 / 2);

  /* Review intervals: each fuzzed one lies in the range of the interval it
   * fuzzes, give or take the day that keeps Hard < Good < Easy apart.
   */
  for (guint walk = 0; walk < 200; walk++)
    {
      gint64 now = T0 + g_rand_int_range (rand, 0, 3650) * (gint64) DAY;

      rh_fsrs_card_init_new (&card, now);
      for (guint i = 0; i < 12; i++)
        {
          RhFsrsCard plain_next[RH_FSRS_N_GRADES];
          RhFsrsCard fuzzed_next[RH_FSRS_N_GRADES];
          RhFsrsCard repeat[RH_FSRS_N_GRADES];
          guint      elapsed;

          g_assert_true (rh_fsrs_preview (&plain, &card, now, plain_next, &elapsed));
          g_assert_true (rh_fsrs_preview (&fuzzed, &card, now, fuzzed_next, NULL));
          g_assert_true (rh_fsrs_preview (&fuzzed, &card, now, repeat, NULL));
          for (guint g = 0; g < RH_FSRS_N_GRADES; g++)
            assert_cards_equal (&fuzzed_next[g], &repeat[g]);

          for (guint g = 0; g < RH_FSRS_N_GRADES; g++)
            {
              /* Fuzz moves the due day, never the memory state. */
              g_assert_cmpfloat (fuzzed_next[g].stability, ==, plain_next[g].stability);
              g_assert_cmpfloat (fuzzed_next[g].difficulty, ==, plain_next[g].difficulty);
              g_assert_cmpint (fuzzed_next[g].state, ==, plain_next[g].state);
              if (plain_next[g].state != RH_FSRS_STATE_REVIEW)
                {
                  g_assert_cmpint (fuzzed_next[g].due, ==, plain_next[g].due);
                  continue;
                }
              if (plain_next[g].scheduled_days < 3)
                continue;
              fuzz_range (plain_next[g].scheduled_days, elapsed, plain.maximum_interval, &low, &high);
              g_assert_cmpuint (fuzzed_next[g].scheduled_days, >=, low - 1);
              g_assert_cmpuint (fuzzed_next[g].scheduled_days, <=, high + 1);
              n_review++;
              if (fuzzed_next[g].scheduled_days != plain_next[g].scheduled_days)
                n_moved++;
            }
          if (card.state == RH_FSRS_STATE_REVIEW)
            g_assert_cmpuint (fuzzed_next[RH_FSRS_GRADE_HARD].scheduled_days, <, fuzzed_next[RH_FSRS_GRADE_GOOD].scheduled_days);

          card = plain_next[g_rand_double (rand) < 0.15 ? RH_FSRS_GRADE_AGAIN : RH_FSRS_GRADE_GOOD];
          now = card.due + g_rand_int_range (rand, 0, DAY);
        }
    }
  g_assert_cmpuint (n_review, >, 1000);
  g_assert_cmpuint (n_moved, >, n_review / 2);
}

static void
test_day_offset (void)
{
  RhFsrsParams params;
  RhFsrsCard   card;
  RhFsrsCard   next;
  /* 23:30 UTC, then 00:30 UTC the next day */
  gint64 evening = T0 + 11 * 3600 + 1800;
  gint64 after_midnight = evening + 3600;
  guint  elapsed;

  rh_fsrs_params_init_default (&params);
  rh_fsrs_card_init_new (&card, evening);
  g_assert_true (rh_fsrs_review (&params, &card, evening, RH_FSRS_GRADE_EASY, &card, NULL));

  g_assert_true (rh_fsrs_review (&params, &card, after_midnight, RH_FSRS_GRADE_GOOD, &next, &elapsed));
  g_assert_cmpuint (elapsed, ==, 1);

  /* A study day starting at 02:00 UTC puts both reviews on one day. */
  params.day_offset = -2 * 3600;
  g_assert_true (rh_fsrs_params_is_valid (&params));
  g_assert_true (rh_fsrs_review (&params, &card, after_midnight, RH_FSRS_GRADE_GOOD, &next, &elapsed));
  g_assert_cmpuint (elapsed, ==, 0);

  /* The clock going back is the same day, not an error. */
  params.day_offset = 0;
  g_assert_true (rh_fsrs_review (&params, &card, evening - 3 * DAY, RH_FSRS_GRADE_GOOD, &next, &elapsed));
  g_assert_cmpuint (elapsed, ==, 0);
}

static void
test_validation (void)
{
  RhFsrsParams params;
  RhFsrsCard   card;
  RhFsrsCard   next;

  rh_fsrs_params_init_default (&params);
  g_assert_true (rh_fsrs_params_is_valid (&params));
  g_assert_cmpfloat (params.desired_retention, ==, 0.9);
  g_assert_cmpuint (params.maximum_interval, ==, 36500);
  g_assert_false (params.enable_fuzz);

  params.desired_retention = 0.7;
  g_assert_true (rh_fsrs_params_is_valid (&params));
  params.desired_retention = 0.99;
  g_assert_true (rh_fsrs_params_is_valid (&params));
  params.desired_retention = 0.69;
  g_assert_false (rh_fsrs_params_is_valid (&params));
  params.desired_retention = 1.0;
  g_assert_false (rh_fsrs_params_is_valid (&params));
  params.desired_retention = NAN;
  g_assert_false (rh_fsrs_params_is_valid (&params));

  rh_fsrs_params_init_default (&params);
  params.maximum_interval = 0;
  g_assert_false (rh_fsrs_params_is_valid (&params));
  rh_fsrs_params_init_default (&params);
  params.weights[3] = INFINITY;
  g_assert_false (rh_fsrs_params_is_valid (&params));
  rh_fsrs_params_init_default (&params);
  params.n_learning_steps = RH_FSRS_MAX_STEPS + 1;
  g_assert_false (rh_fsrs_params_is_valid (&params));

  /* Cards read back from storage may be damaged. */
  rh_fsrs_params_init_default (&params);
  rh_fsrs_card_init_new (&card, T0);
  g_assert_true (rh_fsrs_card_is_valid (&card));
  card.state = RH_FSRS_STATE_REVIEW;
  card.stability = 5;
  card.difficulty = 0.5;
  g_assert_false (rh_fsrs_card_is_valid (&card));
  g_assert_false (rh_fsrs_review (&params, &card, T0 + DAY, RH_FSRS_GRADE_GOOD, &next, NULL));
  card.difficulty = 5;
  card.stability = NAN;
  g_assert_false (rh_fsrs_card_is_valid (&card));
  card.stability = 0.0001;
  g_assert_false (rh_fsrs_card_is_valid (&card));
  card.stability = 5;
  g_assert_true (rh_fsrs_card_is_valid (&card));
  card.state = 7;
  g_assert_false (rh_fsrs_card_is_valid (&card));
}

static void
test_strings (void)
{
  const char *states[] = { "new", "learning", "review", "relearning" };
  const char *grades[] = { "again", "hard", "good", "easy" };
  RhFsrsState state;
  RhFsrsGrade grade;

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_assert_cmpstr (rh_fsrs_state_to_string (i), ==, states[i]);
      g_assert_true (rh_fsrs_state_from_string (states[i], &state));
      g_assert_cmpint (state, ==, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      g_assert_cmpstr (rh_fsrs_grade_to_string (i), ==, grades[i]);
      g_assert_true (rh_fsrs_grade_from_string (grades[i], &grade));
      g_assert_cmpint (grade, ==, i);
    }
  g_assert_false (rh_fsrs_state_from_string ("Review", &state));
  g_assert_false (rh_fsrs_state_from_string (NULL, &state));
  g_assert_false (rh_fsrs_grade_from_string ("manual", &grade));
  g_assert_false (rh_fsrs_grade_from_string ("", &grade));
}

static void
assert_interval (gint64      seconds,
                 const char *expected)
{
  g_autofree char *text = rh_fsrs_format_interval (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_interval (void)
{
  assert_interval (0, "0 s");
  assert_interval (-5, "0 s");
  assert_interval (30, "30 s");
  assert_interval (60, "1 min");
  assert_interval (70, "1 min");
  assert_interval (6 * 60, "6 min");
  assert_interval (10 * 60, "10 min");
  assert_interval (3599, "60 min");
  assert_interval (3600, "1 h");
  assert_interval (5400, "1.5 h");
  assert_interval (DAY - 1, "24 h");
  assert_interval (DAY, "1 d");
  assert_interval (2 * DAY, "2 d");
  assert_interval (11 * DAY, "11 d");
  assert_interval (30 * DAY, "30 d");
  assert_interval (31 * DAY, "1 mo");
  assert_interval (45 * DAY, "1.5 mo");
  assert_interval (97 * DAY, "3.2 mo");
  assert_interval (364 * DAY, "12 mo");
  assert_interval (365 * DAY, "1 y");
  assert_interval (548 * DAY, "1.5 y");
  assert_interval (36500 * (gint64) DAY, "100 y");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fsrs/vectors/default", test_vectors_default);
  g_test_add_func ("/fsrs/vectors/fuzz", test_vectors_fuzz);
  g_test_add_func ("/fsrs/vectors/options", test_vectors_options);
  g_test_add_func ("/fsrs/vectors/coverage", test_vectors_coverage);
  g_test_add_func ("/fsrs/learning-steps", test_learning_steps);
  g_test_add_func ("/fsrs/preview", test_preview_matches_review);
  g_test_add_func ("/fsrs/invariants", test_invariants);
  g_test_add_func ("/fsrs/again-run", test_again_run);
  g_test_add_func ("/fsrs/retention", test_retention);
  g_test_add_func ("/fsrs/retrievability", test_retrievability);
  g_test_add_func ("/fsrs/fuzz", test_fuzz);
  g_test_add_func ("/fsrs/day-offset", test_day_offset);
  g_test_add_func ("/fsrs/validation", test_validation);
  g_test_add_func ("/fsrs/strings", test_strings);
  g_test_add_func ("/fsrs/format-interval", test_format_interval);

  return g_test_run ();
}
