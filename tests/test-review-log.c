/* test-review-log.c
 *
 * The review log in the state database: one row per review with a
 * unique id, the card before and after it, the cache of cards that a
 * replay of the log must give back exactly, undo, and databases of
 * every earlier schema migrated to one that holds the log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-ref.h"

#include "rh-bookmark.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-review-log.h"
#include "rh-test-util.h"

#define MP "/python/concurrency/multiprocessing"
#define GIL "/python/concurrency/gil"

/* 2024-03-01T00:00:00Z */
#define DAY0 G_GINT64_CONSTANT (1709251200)
#define DAY (G_GINT64_CONSTANT (86400))
#define HOUR (G_GINT64_CONSTANT (3600))
#define MINUTE (G_GINT64_CONSTANT (60))

typedef struct
{
  char        *directory;
  char        *path;
  RhState     *state;
  RhReviewLog *log;
} Fixture;

static gboolean
test_is_bookmarked (RhState    *state,
                    const char *path,
                    const char *question_id)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, question_id);

  return rh_state_is_bookmarked (state, ref);
}

static RhReviewLog *
open_log (const char *path,
          RhState   **out_state)
{
  g_autoptr (GError)  error = NULL;
  g_autoptr (RhState) state = rh_state_open (path, &error);
  RhReviewLog        *log;

  g_assert_no_error (error);
  log = rh_review_log_new (state, &error);
  g_assert_no_error (error);
  g_assert_nonnull (log);
  g_assert_true (rh_review_log_get_state (log) == state);

  if (out_state != NULL)
    *out_state = g_object_ref (state);

  return log;
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("rehearse-review-log-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "state.sqlite3", NULL);
}

static void
close_log (Fixture *fixture)
{
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->state);
}

static void
reopen_log (Fixture *fixture)
{
  close_log (fixture);
  fixture->log = open_log (fixture->path, &fixture->state);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  close_log (fixture);
  rh_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->path);
}

static void
settings_utc (RhStudySettings *settings)
{
  rh_study_settings_init_default (settings);
  settings->day_offset = 0;
}

/* A second connection, as another process would have. */
static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  g_autofree char *text = sql_text (path, sql);

  g_assert_nonnull (text);

  return g_ascii_strtoll (text, NULL, 10);
}

static int
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  int      rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);

  return rc;
}

static RhReview *
grade (RhReviewLog           *log,
       const char            *path,
       const char            *id,
       RhFsrsGrade            grade,
       gint64                 at,
       const RhStudySettings *settings)
{
  g_autoptr (GError) error = NULL;
  RhReview          *review = rh_review_log_grade (log, path, id, grade, at, -1, settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (review);

  return review;
}

static void
assert_card_equal (const RhFsrsCard *a,
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
  g_assert_true (rh_review_log_card_equal (a, b));
}

static void
lookup (RhReviewLog *log,
        const char  *path,
        const char  *id,
        RhFsrsCard  *out_card,
        gboolean     expect_found)
{
  g_autoptr (GError) error = NULL;
  gboolean           found = !expect_found;

  g_assert_true (rh_review_log_lookup_card (log, path, id, out_card, &found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, expect_found);
}

static void
assert_cache_is_replay (RhReviewLog *log,
                        const char  *path,
                        const char  *id)
{
  g_autoptr (GError) error = NULL;
  RhFsrsCard         cached;
  RhFsrsCard         replayed;
  gboolean           found = FALSE;

  lookup (log, path, id, &cached, TRUE);
  g_assert_true (rh_review_log_replay_card (log, path, id, &replayed, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  assert_card_equal (&cached, &replayed);
}

static void
test_schema (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *expected = g_strdup_printf ("%d", RH_STATE_SCHEMA_VERSION);
  g_autofree char *version = NULL;
  const char      *duplicate;

  fixture->log = open_log (fixture->path, &fixture->state);
  close_log (fixture);

  g_assert_cmpint (RH_STATE_SCHEMA_VERSION, ==, 3);
  version = sql_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, expected);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('reviews', 'cards')"), ==, 2);
  /* The uid carries a UNIQUE constraint of its own. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM pragma_index_list('reviews') WHERE \"unique\" = 1 AND origin = 'u'"), ==, 1);

  duplicate = "INSERT INTO reviews (uid, path, question_id, grade, reviewed_at, elapsed_days,"
              " desired_retention, fuzz, day_offset, state_before, due_before, stability_before,"
              " difficulty_before, scheduled_days_before, learning_step_before, reps_before,"
              " lapses_before, state_after, due_after, stability_after, difficulty_after,"
              " scheduled_days_after, learning_step_after, reps_after, lapses_after)"
              " VALUES ('same', '/a/b/c', 'q', 'good', 0, 0, 0.9, 1, 0, 'new', 0, 0, 0, 0, 0, 0, 0,"
              " 'learning', 600, 2.3, 2.1, 0, 1, 1, 0)";
  g_assert_cmpint (sql_exec (fixture->path, duplicate), ==, SQLITE_OK);
  g_assert_cmpint (sql_exec (fixture->path, duplicate) & 0xff, ==, SQLITE_CONSTRAINT);
  /* So is the grade. */
  g_assert_cmpint (sql_exec (fixture->path, "UPDATE reviews SET grade = 'great'") & 0xff, ==, SQLITE_CONSTRAINT);
}

static void
test_grade_row (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (RhReview) first = NULL;
  g_autoptr (RhReview) second = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *sql = NULL;
  g_autofree char     *text = NULL;
  RhStudySettings      settings;
  RhFsrsParams         params;
  RhFsrsCard           card;
  RhFsrsCard           expected;
  RhFsrsCard           cached;
  guint                elapsed;
  const gint64         at = DAY0 + 9 * HOUR;

  fixture->log = open_log (fixture->path, &fixture->state);
  rh_study_settings_init_default (&settings);
  settings.desired_retention = 0.85;
  settings.interval_fuzz = FALSE;
  settings.day_offset = -4 * 3600;
  rh_study_settings_get_fsrs_params (&settings, &params);

  first = rh_review_log_grade (fixture->log, MP, "process-vs-pool", RH_FSRS_GRADE_GOOD, at, 4200, &settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  rh_fsrs_card_init_new (&card, at);
  g_assert_true (rh_fsrs_review (&params, &card, at, RH_FSRS_GRADE_GOOD, &expected, &elapsed));
  g_assert_true (g_uuid_string_is_valid (first->uid));
  g_assert_cmpstr (first->path, ==, MP);
  g_assert_cmpstr (first->question_id, ==, "process-vs-pool");
  g_assert_cmpint (first->grade, ==, RH_FSRS_GRADE_GOOD);
  g_assert_cmpint (first->reviewed_at, ==, at);
  g_assert_cmpint (first->duration_ms, ==, 4200);
  g_assert_cmpfloat (first->desired_retention, ==, 0.85);
  g_assert_false (first->interval_fuzz);
  g_assert_cmpint (first->day_offset, ==, -4 * 3600);
  assert_card_equal (&first->before, &card);
  assert_card_equal (&first->after, &expected);
  g_assert_cmpuint (first->elapsed_days, ==, elapsed);

  lookup (fixture->log, MP, "process-vs-pool", &cached, TRUE);
  assert_card_equal (&cached, &expected);
  lookup (fixture->log, MP, "start-methods", &cached, FALSE);
  g_assert_cmpint (cached.state, ==, RH_FSRS_STATE_NEW);

  /* Two days later, with no time taken known. */
  second = rh_review_log_grade (fixture->log, MP, "process-vs-pool", RH_FSRS_GRADE_HARD, at + 2 * DAY, -1,
                                &settings, &error);
  g_assert_no_error (error);
  g_assert_true (rh_fsrs_review (&params, &expected, at + 2 * DAY, RH_FSRS_GRADE_HARD, &card, &elapsed));
  g_assert_cmpuint (elapsed, ==, 2);
  g_assert_cmpuint (second->elapsed_days, ==, 2);
  assert_card_equal (&second->before, &first->after);
  assert_card_equal (&second->after, &card);
  g_assert_cmpint (second->duration_ms, ==, -1);
  g_assert_cmpstr (second->uid, !=, first->uid);

  /* The rows themselves, read by another connection. */
  sql = g_strdup_printf ("SELECT uid || '|' || path || '|' || question_id || '|' || grade || '|' || reviewed_at"
                         " || '|' || elapsed_days || '|' || coalesce(duration_ms, 'null') || '|' || fuzz"
                         " || '|' || day_offset || '|' || state_before || '|' || due_before"
                         " || '|' || coalesce(last_review_before, 'null') || '|' || state_after"
                         " || '|' || due_after || '|' || reps_after || '|' || learning_step_after"
                         " FROM reviews WHERE uid = '%s'",
                         first->uid);
  text = sql_text (fixture->path, sql);
  {
    g_autofree char *row = g_strdup_printf ("%s|" MP "|process-vs-pool|good|%" G_GINT64_FORMAT
                                            "|0|4200|0|-14400|new|%" G_GINT64_FORMAT "|null|learning|%" G_GINT64_FORMAT "|1|1",
                                            first->uid, at, at, first->after.due);

    g_assert_cmpstr (text, ==, row);
  }
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&text, g_free);
  sql = g_strdup_printf ("SELECT grade || '|' || coalesce(duration_ms, 'null') || '|' || last_review_before"
                         " || '|' || state_before || '|' || (stability_before = %.17g)"
                         " FROM reviews WHERE uid = '%s'",
                         first->after.stability, second->uid);
  text = sql_text (fixture->path, sql);
  {
    g_autofree char *row = g_strdup_printf ("hard|null|%" G_GINT64_FORMAT "|learning|1", at);

    g_assert_cmpstr (text, ==, row);
  }
  assert_cache_is_replay (fixture->log, MP, "process-vs-pool");
}

static void
test_persist (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (RhReview)  review = NULL;
  g_autoptr (GPtrArray) reviews = NULL;
  g_autoptr (GError)    error = NULL;
  RhStudySettings       settings;
  RhFsrsCard            card;

  settings_utc (&settings);
  fixture->log = open_log (fixture->path, &fixture->state);
  g_clear_pointer (&review, rh_review_free);
  review = grade (fixture->log, GIL, "gil", RH_FSRS_GRADE_EASY, DAY0, &settings);

  reopen_log (fixture);
  lookup (fixture->log, GIL, "gil", &card, TRUE);
  assert_card_equal (&card, &review->after);
  reviews = rh_review_log_list_reviews (fixture->log, GIL, "gil", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 1);
  g_assert_cmpstr (((RhReview *) g_ptr_array_index (reviews, 0))->uid, ==, review->uid);
}

static void
test_unique_ids (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RhStudySettings        settings;
  gint64                 n_reviews = 0;
  g_autoptr (GError)     error = NULL;

  settings_utc (&settings);
  fixture->log = open_log (fixture->path, &fixture->state);

  for (guint round = 0; round < 10; round++)
    for (guint i = 0; i < 30; i++)
      {
        g_autofree char     *id = g_strdup_printf ("q%u", i);
        g_autoptr (RhReview) review = grade (fixture->log, MP, id, RH_FSRS_GRADE_GOOD,
                                             DAY0 + round * DAY + i, &settings);

        g_assert_true (g_hash_table_add (uids, g_strdup (review->uid)));
      }

  g_assert_cmpuint (g_hash_table_size (uids), ==, 300);
  g_assert_true (rh_review_log_get_n_reviews (fixture->log, &n_reviews, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_reviews, ==, 300);
  close_log (fixture);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(DISTINCT uid) FROM reviews"), ==, 300);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM cards"), ==, 30);
}

static void
test_out_of_order (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (RhReview) review = NULL;
  g_autoptr (RhReview) refused = NULL;
  g_autoptr (RhReview) same_time = NULL;
  g_autoptr (GError)   error = NULL;
  RhStudySettings      settings;
  RhFsrsCard           card;
  gint64               n_reviews = 0;

  settings_utc (&settings);
  fixture->log = open_log (fixture->path, &fixture->state);
  review = grade (fixture->log, MP, "process-vs-pool", RH_FSRS_GRADE_GOOD, DAY0 + HOUR, &settings);

  refused = rh_review_log_grade (fixture->log, MP, "process-vs-pool", RH_FSRS_GRADE_GOOD, DAY0, -1, &settings, &error);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_OUT_OF_ORDER);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, MP "#process-vs-pool"));
  g_assert_nonnull (strstr (error->message, "2024-03-01T01:00:00Z"));
  g_clear_error (&error);

  /* Nothing was written, and the same second is not earlier. */
  g_assert_true (rh_review_log_get_n_reviews (fixture->log, &n_reviews, &error));
  g_assert_cmpint (n_reviews, ==, 1);
  lookup (fixture->log, MP, "process-vs-pool", &card, TRUE);
  assert_card_equal (&card, &review->after);
  same_time = grade (fixture->log, MP, "process-vs-pool", RH_FSRS_GRADE_GOOD, DAY0 + HOUR, &settings);
  assert_cache_is_replay (fixture->log, MP, "process-vs-pool");

  /* Settings out of range are refused, not recorded. */
  settings.desired_retention = 0.5;
  g_clear_pointer (&refused, rh_review_free);
  refused = rh_review_log_grade (fixture->log, MP, "start-methods", RH_FSRS_GRADE_GOOD, DAY0, -1, &settings, &error);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_INVALID);
  g_assert_null (refused);
}

static void
test_undo (Fixture      *fixture,
           gconstpointer data)
{
  static const RhFsrsGrade grades[] = { RH_FSRS_GRADE_GOOD, RH_FSRS_GRADE_GOOD, RH_FSRS_GRADE_AGAIN, RH_FSRS_GRADE_GOOD };
  g_autoptr (GPtrArray)    reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_review_free);
  g_autoptr (RhReview)     other = NULL;
  g_autoptr (RhReview)     undone = NULL;
  g_autoptr (GError)       error = NULL;
  RhStudySettings          settings;
  RhFsrsCard               card;
  gint64                   at = DAY0 + 10 * HOUR;
  gint64                   n_reviews = 0;

  settings_utc (&settings);
  fixture->log = open_log (fixture->path, &fixture->state);

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      RhReview *review = grade (fixture->log, MP, "process-vs-pool", grades[i], at, &settings);

      g_ptr_array_add (reviews, review);
      at = MAX (review->after.due, at + MINUTE);
    }
  other = grade (fixture->log, GIL, "gil", RH_FSRS_GRADE_GOOD, at, &settings);

  /* The last one recorded: the other card's only review, which takes
   * that card back to new. */
  undone = rh_review_log_undo (fixture->log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undone->uid, ==, other->uid);
  g_assert_cmpstr (undone->path, ==, GIL);
  lookup (fixture->log, GIL, "gil", &card, FALSE);
  g_assert_true (rh_review_log_get_n_reviews (fixture->log, &n_reviews, &error));
  g_assert_cmpint (n_reviews, ==, 4);

  /* Not a review that others were scheduled from. */
  g_clear_pointer (&undone, rh_review_free);
  undone = rh_review_log_undo (fixture->log, ((RhReview *) g_ptr_array_index (reviews, 1))->uid, &error);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOT_LAST);
  g_assert_null (undone);
  g_clear_error (&error);

  /* Each undo puts the card back as it was after the review before. */
  for (guint i = reviews->len; i-- > 0;)
    {
      const RhReview *review = g_ptr_array_index (reviews, i);

      /* By uid for the last, as the window undoes what it recorded. */
      g_clear_pointer (&undone, rh_review_free);
      undone = rh_review_log_undo (fixture->log, i == reviews->len - 1 ? review->uid : NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (undone->uid, ==, review->uid);
      assert_card_equal (&undone->after, &review->after);

      if (i > 0)
        {
          lookup (fixture->log, MP, "process-vs-pool", &card, TRUE);
          assert_card_equal (&card, &((RhReview *) g_ptr_array_index (reviews, i - 1))->after);
          assert_card_equal (&card, &review->before);
        }
      else
        lookup (fixture->log, MP, "process-vs-pool", &card, FALSE);
    }

  g_clear_pointer (&undone, rh_review_free);
  undone = rh_review_log_undo (fixture->log, NULL, &error);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO);
  g_assert_null (undone);
  g_clear_error (&error);
  undone = rh_review_log_undo (fixture->log, "no-such-uid", &error);
  g_assert_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO);
  g_assert_nonnull (strstr (error->message, "no-such-uid"));

  close_log (fixture);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM reviews"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM cards"), ==, 0);
}

typedef struct
{
  const char *path;
  char       *id;
  RhFsrsCard  card;
  gboolean    seen;
} SimCard;

/* Grades a few dozen cards over three months as a user would (due cards
 * each day, mostly good), changing the settings as they go, then checks
 * that replaying the log gives every card of the cache.
 */
static void
test_rebuild (Fixture      *fixture,
              gconstpointer data)
{
  static const double retentions[] = { 0.8, 0.9, 0.95 };
  static const int    offsets[] = { 0, -4 * 3600, 5 * 3600 + 1800 };
  g_autoptr (GRand)   rand = g_rand_new_with_seed (2024);
  g_autoptr (GError)  error = NULL;
  SimCard             cards[40];
  guint               n_fixed = G_MAXUINT;
  guint               n_graded = 0;
  g_autofree char    *tampered = NULL;

  fixture->log = open_log (fixture->path, &fixture->state);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      cards[i].path = i % 2 ? MP : GIL;
      cards[i].id = g_strdup_printf ("card-%u", i);
      cards[i].seen = FALSE;
    }

  for (guint day = 0; day < 90; day++)
    {
      RhStudySettings settings;

      rh_study_settings_init_default (&settings);
      settings.desired_retention = retentions[(day / 7) % G_N_ELEMENTS (retentions)];
      settings.interval_fuzz = (day / 11) % 2 == 0;
      settings.day_offset = offsets[(day / 13) % G_N_ELEMENTS (offsets)];

      /* Learning steps come back within the session. */
      for (gint64 minute = 0; minute < 60; minute += 5)
        {
          gint64 at = DAY0 + day * DAY + 8 * HOUR + minute * MINUTE;

          for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
            {
              SimCard             *card = &cards[i];
              g_autoptr (RhReview) review = NULL;
              RhFsrsGrade          g;
              double               draw = g_rand_double (rand);

              if (!card->seen ? day != i * 2 || minute != 0 : card->card.due > at)
                continue;

              g = draw < 0.12 ? RH_FSRS_GRADE_AGAIN : draw < 0.25 ? RH_FSRS_GRADE_HARD
                                                  : draw < 0.9    ? RH_FSRS_GRADE_GOOD
                                                                  : RH_FSRS_GRADE_EASY;
              review = grade (fixture->log, card->path, card->id, g, at, &settings);
              card->card = review->after;
              card->seen = TRUE;
              n_graded++;
            }
        }
    }
  g_test_message ("%u reviews of %u cards", n_graded, (guint) G_N_ELEMENTS (cards));
  g_assert_cmpuint (n_graded, >, 200);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      RhFsrsCard cached;

      lookup (fixture->log, cards[i].path, cards[i].id, &cached, TRUE);
      assert_card_equal (&cached, &cards[i].card);
      assert_cache_is_replay (fixture->log, cards[i].path, cards[i].id);
    }

  g_assert_true (rh_review_log_rebuild (fixture->log, &n_fixed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_fixed, ==, 0);

  /* A damaged cache: one card changed, one lost, one with no review. */
  close_log (fixture);
  tampered = g_strdup_printf ("UPDATE cards SET stability = stability * 2 WHERE question_id = 'card-3';"
                              "DELETE FROM cards WHERE question_id = 'card-4';"
                              "INSERT INTO cards VALUES ('%s', 'stray', 'review', 0, 0, 1.0, 5.0, 1, 0, 1, 0);",
                              MP);
  g_assert_cmpint (sql_exec (fixture->path, tampered), ==, SQLITE_OK);
  fixture->log = open_log (fixture->path, &fixture->state);

  g_assert_true (rh_review_log_rebuild (fixture->log, &n_fixed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_fixed, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      RhFsrsCard cached;

      lookup (fixture->log, cards[i].path, cards[i].id, &cached, TRUE);
      assert_card_equal (&cached, &cards[i].card);
      g_free (cards[i].id);
    }
  {
    RhFsrsCard stray;

    lookup (fixture->log, MP, "stray", &stray, FALSE);
  }
  g_assert_true (rh_review_log_rebuild (fixture->log, &n_fixed, &error));
  g_assert_cmpuint (n_fixed, ==, 0);
}

static void
test_history (Fixture      *fixture,
              gconstpointer data)
{
  static const RhFsrsGrade grades[] = { RH_FSRS_GRADE_AGAIN, RH_FSRS_GRADE_GOOD, RH_FSRS_GRADE_GOOD, RH_FSRS_GRADE_EASY };
  g_autoptr (GPtrArray)    reviews = NULL;
  g_autoptr (GError)       error = NULL;
  RhStudySettings          settings;
  gint64                   times[G_N_ELEMENTS (grades)];
  gint64                   at = DAY0;

  settings_utc (&settings);
  fixture->log = open_log (fixture->path, &fixture->state);

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      g_autoptr (RhReview) review = grade (fixture->log, MP, "start-methods", grades[i], at, &settings);

      times[i] = at;
      at = review->after.due;
    }

  reviews = rh_review_log_list_reviews (fixture->log, MP, "start-methods", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, G_N_ELEMENTS (grades));
  for (guint i = 0; i < reviews->len; i++)
    {
      const RhReview *review = g_ptr_array_index (reviews, i);

      g_assert_cmpint (review->grade, ==, grades[i]);
      g_assert_cmpint (review->reviewed_at, ==, times[i]);
      g_assert_cmpuint (review->after.reps, ==, i + 1);
      if (i > 0)
        assert_card_equal (&review->before, &((RhReview *) g_ptr_array_index (reviews, i - 1))->after);
    }

  g_clear_pointer (&reviews, g_ptr_array_unref);
  reviews = rh_review_log_list_reviews (fixture->log, MP, "never", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 0);
}

static void
test_count_day (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  RhStudySettings    settings;
  guint              n_new = 99;
  guint              n_review = 99;

  settings_utc (&settings);
  fixture->log = open_log (fixture->path, &fixture->state);

  /* Day 0: three new cards, one straight to review by Easy. */
  rh_review_free (grade (fixture->log, MP, "a", RH_FSRS_GRADE_GOOD, DAY0 + HOUR, &settings));
  rh_review_free (grade (fixture->log, MP, "a", RH_FSRS_GRADE_GOOD, DAY0 + 2 * HOUR, &settings));
  rh_review_free (grade (fixture->log, MP, "b", RH_FSRS_GRADE_AGAIN, DAY0 + HOUR, &settings));
  rh_review_free (grade (fixture->log, MP, "c", RH_FSRS_GRADE_EASY, DAY0 + HOUR, &settings));

  g_assert_true (rh_review_log_count_day (fixture->log, DAY0, &n_new, &n_review, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 3);
  g_assert_cmpuint (n_review, ==, 0);

  /* Day 30: reviews of cards in review count; a relearning step does not. */
  rh_review_free (grade (fixture->log, MP, "a", RH_FSRS_GRADE_AGAIN, DAY0 + 30 * DAY, &settings));
  rh_review_free (grade (fixture->log, MP, "a", RH_FSRS_GRADE_GOOD, DAY0 + 30 * DAY + HOUR, &settings));
  rh_review_free (grade (fixture->log, MP, "c", RH_FSRS_GRADE_GOOD, DAY0 + 30 * DAY + HOUR, &settings));
  g_assert_true (rh_review_log_count_day (fixture->log, DAY0 + 30 * DAY, &n_new, &n_review, &error));
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpuint (n_review, ==, 2);

  /* The day is the settings' study day: with days starting at 04:00
   * UTC, 01:00 on day 0 belongs to the day before. */
  settings.day_offset = -4 * 3600;
  g_assert_cmpint (rh_study_settings_get_day_start (&settings, DAY0 + HOUR), ==, DAY0 - DAY + 4 * HOUR);
  g_assert_cmpint (rh_study_settings_get_day_start (&settings, DAY0 + 5 * HOUR), ==, DAY0 + 4 * HOUR);
  g_assert_true (rh_review_log_count_day (fixture->log, rh_study_settings_get_day_start (&settings, DAY0 + HOUR),
                                          &n_new, &n_review, &error));
  g_assert_cmpuint (n_new, ==, 3);
  g_assert_true (rh_review_log_count_day (fixture->log, rh_study_settings_get_day_start (&settings, DAY0 + 5 * HOUR),
                                          &n_new, &n_review, &error));
  g_assert_cmpuint (n_new, ==, 0);
}

/* The schemas as versions 1 and 2 shipped them, written by hand so that
 * a later change to the migrations cannot change what these tests open.
 */
#define V1_TABLES                                                                                               \
  "CREATE TABLE bookmarks ("                                                                                    \
  "  path        TEXT NOT NULL,"                                                                                \
  "  question_id TEXT NOT NULL,"                                                                                \
  "  question    TEXT NOT NULL DEFAULT '',"                                                                     \
  "  framework   TEXT NOT NULL DEFAULT '',"                                                                     \
  "  topic       TEXT NOT NULL DEFAULT '',"                                                                     \
  "  subtopic    TEXT NOT NULL DEFAULT '',"                                                                     \
  "  created_at  INTEGER NOT NULL,"                                                                             \
  "  PRIMARY KEY (path, question_id)"                                                                           \
  ");"                                                                                                          \
  "INSERT INTO bookmarks VALUES ('/python/concurrency/multiprocessing', 'process-vs-pool', 'Process or Pool?'," \
  "  'Python', 'Concurrency', 'Multiprocessing', 1700000000000000);"

static const char v1_database[] = V1_TABLES "PRAGMA user_version = 1;";

static const char v2_database[] =
    V1_TABLES
    "CREATE INDEX bookmarks_by_created ON bookmarks (created_at);"
    "CREATE TABLE meta ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "INSERT INTO meta VALUES ('last-page', '/git/branching/rebasing');"
    "PRAGMA user_version = 2;";

static void
test_migrate (Fixture      *fixture,
              gconstpointer data)
{
  const char          *database = data;
  g_autoptr (RhReview) review = NULL;
  g_autofree char     *expected = g_strdup_printf ("%d", RH_STATE_SCHEMA_VERSION);
  g_autofree char     *version = NULL;
  RhStudySettings      settings;

  g_assert_cmpint (sql_exec (fixture->path, database), ==, SQLITE_OK);

  fixture->log = open_log (fixture->path, &fixture->state);
  g_assert_true (test_is_bookmarked (fixture->state, MP, "process-vs-pool"));
  if (database == v2_database)
    {
      g_autofree char *value = rh_state_dup_value (fixture->state, "last-page");

      g_assert_cmpstr (value, ==, "/git/branching/rebasing");
    }

  settings_utc (&settings);
  review = grade (fixture->log, MP, "process-vs-pool", RH_FSRS_GRADE_GOOD, DAY0, &settings);
  assert_cache_is_replay (fixture->log, MP, "process-vs-pool");

  close_log (fixture);
  version = sql_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, expected);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM reviews"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM bookmarks"), ==, 1);

  /* Opening again migrates nothing and loses nothing. */
  fixture->log = open_log (fixture->path, &fixture->state);
  assert_cache_is_replay (fixture->log, MP, "process-vs-pool");
  g_assert_true (test_is_bookmarked (fixture->state, MP, "process-vs-pool"));
}

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/review-log/schema", test_schema, NULL);
  ADD ("/review-log/grade/row", test_grade_row, NULL);
  ADD ("/review-log/grade/persist", test_persist, NULL);
  ADD ("/review-log/grade/unique-ids", test_unique_ids, NULL);
  ADD ("/review-log/grade/out-of-order", test_out_of_order, NULL);
  ADD ("/review-log/undo", test_undo, NULL);
  ADD ("/review-log/rebuild", test_rebuild, NULL);
  ADD ("/review-log/history", test_history, NULL);
  ADD ("/review-log/count-day", test_count_day, NULL);
  ADD ("/review-log/migrate/from-v1", test_migrate, v1_database);
  ADD ("/review-log/migrate/from-v2", test_migrate, v2_database);

  return g_test_run ();
}
