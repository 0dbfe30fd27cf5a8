/* test-study-stats.c
 *
 * The statistics page's figures and the sidebar's due counts, checked
 * against what the same log gives through other means (the reviews the
 * log returned, its cards one by one, the day's queue); and a study
 * session: learning cards coming back, the learn-ahead limit, undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-study-queue.h"
#include "rh-study-session.h"
#include "rh-study-stats.h"
#include "rh-subtopic.h"
#include "rh-test-util.h"

/* 2024-03-01T00:00:00Z */
#define DAY0 G_GINT64_CONSTANT (1709251200)
#define DAY (G_GINT64_CONSTANT (86400))
#define HOUR (G_GINT64_CONSTANT (3600))
#define MINUTE (G_GINT64_CONSTANT (60))

#define A1 "/alpha/one/a1"
#define A2 "/alpha/one/a2"
#define B1 "/beta/two/b1"
#define N_PER_PAGE 5

typedef struct
{
  char           *directory;
  RhState        *state;
  RhReviewLog    *log;
  RhLibrary      *library;
  RhStudySettings settings;
  GPtrArray      *reviews; /* RhReview, every one recorded */
} Fixture;

static void
append_page (GString    *json,
             const char *framework,
             const char *topic,
             const char *subtopic,
             const char *path)
{
  if (json->str[json->len - 1] == '}')
    g_string_append_c (json, ',');

  g_string_append_printf (json,
                          "{\"framework\":\"%s\",\"topic\":\"%s\",\"subtopic\":\"%s\",\"path\":\"%s\",\"questions\":[",
                          framework, topic, subtopic, path);
  for (guint i = 1; i <= N_PER_PAGE; i++)
    g_string_append_printf (json, "%s{\"id\":\"q%u\",\"difficulty\":\"easy\",\"q\":\"%s question %u?\",\"a\":\"Yes.\"}",
                            i > 1 ? "," : "", i, subtopic, i);
  g_string_append (json, "]}");
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GString)   json = g_string_new ("{\"format\":\"rehearse-pack\",\"version\":1,\"title\":\"Stats\",\"pages\":[");
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GError)    error = NULL;
  g_autofree char      *path = NULL;

  append_page (json, "Alpha", "One", "A1", A1);
  append_page (json, "Alpha", "One", "A2", A2);
  append_page (json, "Beta", "Two", "B1", B1);
  g_string_append (json, "]}");
  pages = rh_test_load_string (json->str, &error);
  g_assert_no_error (error);
  fixture->library = rh_library_new ();
  rh_library_add_pages (fixture->library, pages);

  fixture->directory = g_dir_make_tmp ("rehearse-study-stats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->directory, "state.sqlite3", NULL);
  fixture->state = rh_state_open (path, &error);
  g_assert_no_error (error);
  fixture->log = rh_review_log_new (fixture->state, &error);
  g_assert_no_error (error);

  rh_study_settings_init_default (&fixture->settings);
  fixture->settings.interval_fuzz = FALSE;
  fixture->settings.day_offset = 0;
  fixture->settings.new_cards_per_day = 1000;
  fixture->settings.reviews_per_day = 1000;
  fixture->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_review_free);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_clear_pointer (&fixture->reviews, g_ptr_array_unref);
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->library);
  rh_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static const RhReview *
grade (Fixture    *fixture,
       const char *path,
       guint       n,
       RhFsrsGrade grade,
       gint64      at,
       gint64      duration_ms)
{
  g_autofree char   *id = g_strdup_printf ("q%u", n);
  g_autoptr (GError) error = NULL;
  RhReview          *review = rh_review_log_grade (fixture->log, path, id, grade, at, duration_ms, &fixture->settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (review);
  g_ptr_array_add (fixture->reviews, review);

  return review;
}

static void
compute (Fixture      *fixture,
         gint64        at,
         RhStudyStats *stats)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rh_study_stats_compute (fixture->log, at, &fixture->settings,
                                         rh_library_get_n_questions (fixture->library), stats, &error));
  g_assert_no_error (error);
}

static void
test_empty (Fixture      *fixture,
            gconstpointer data)
{
  RhStudyStats stats;

  compute (fixture, DAY0 + 12 * HOUR, &stats);
  g_assert_cmpint (stats.today, ==, DAY0 / DAY);
  g_assert_cmpuint (stats.n_reviews, ==, 0);
  g_assert_cmpuint (stats.streak, ==, 0);
  g_assert_cmpuint (stats.longest_streak, ==, 0);
  g_assert_cmpuint (stats.cards[RH_STUDY_CARD_CLASS_NEW], ==, 3 * N_PER_PAGE);
  for (guint i = RH_STUDY_CARD_CLASS_LEARNING; i < RH_STUDY_N_CARD_CLASSES; i++)
    g_assert_cmpuint (stats.cards[i], ==, 0);
  for (guint i = 0; i < RH_STUDY_STATS_N_DAYS; i++)
    g_assert_cmpuint (stats.reviews_by_day[i], ==, 0);
  for (guint i = 0; i < RH_STUDY_STATS_N_FORECAST_DAYS; i++)
    g_assert_cmpuint (stats.forecast[i], ==, 0);
  g_assert_cmpfloat (rh_study_stats_get_retention (stats.young_passed, stats.young_reviews), ==, -1);
}

/* Days 0, 1, 2 studied, 3 and 4 not, 5 and 6 studied: the longest run
 * is three days and today's (day 6) two; on day 7, before any review,
 * the run is still two, and on day 8 it is over. */
static void
test_days_and_streaks (Fixture      *fixture,
                       gconstpointer data)
{
  static const guint studied[] = { 0, 1, 2, 5, 6 };
  static const guint per_day[] = { 3, 1, 2, 4, 2 };
  RhStudyStats       stats;
  gint64             duration = 0;
  guint              total = 0;

  for (guint d = 0; d < G_N_ELEMENTS (studied); d++)
    for (guint i = 0; i < per_day[d]; i++)
      {
        /* Every review a different card, so times stay in order. */
        grade (fixture, d % 2 ? A2 : A1, i + 1 + (d / 2) * 0, RH_FSRS_GRADE_GOOD,
               DAY0 + studied[d] * DAY + 10 * HOUR + i * MINUTE + d, 1000 + i);
        duration += 1000 + i;
        total++;
      }

  compute (fixture, DAY0 + 6 * DAY + 20 * HOUR, &stats);
  g_assert_cmpint (stats.today, ==, DAY0 / DAY + 6);
  g_assert_cmpuint (stats.n_reviews, ==, total);
  g_assert_cmpuint (stats.n_study_days, ==, 5);
  g_assert_cmpint (stats.duration_ms, ==, duration);
  g_assert_cmpuint (stats.streak, ==, 2);
  g_assert_cmpuint (stats.longest_streak, ==, 3);
  for (guint d = 0; d < G_N_ELEMENTS (studied); d++)
    g_assert_cmpuint (stats.reviews_by_day[RH_STUDY_STATS_N_DAYS - 1 - (6 - studied[d])], ==, per_day[d]);
  g_assert_cmpuint (stats.reviews_by_day[RH_STUDY_STATS_N_DAYS - 1 - 3], ==, 0);

  compute (fixture, DAY0 + 7 * DAY + 1 * HOUR, &stats);
  g_assert_cmpuint (stats.streak, ==, 2);
  compute (fixture, DAY0 + 8 * DAY + 1 * HOUR, &stats);
  g_assert_cmpuint (stats.streak, ==, 0);
  g_assert_cmpuint (stats.longest_streak, ==, 3);

  /* A study day that starts at 04:00 UTC puts 03:00 in the day before. */
  fixture->settings.day_offset = -4 * (int) HOUR;
  grade (fixture, B1, 1, RH_FSRS_GRADE_GOOD, DAY0 + 9 * DAY + 3 * HOUR, -1);
  compute (fixture, DAY0 + 9 * DAY + 3 * HOUR, &stats);
  g_assert_cmpint (stats.today, ==, DAY0 / DAY + 8);
  g_assert_cmpuint (stats.reviews_by_day[RH_STUDY_STATS_N_DAYS - 1], ==, 1);
  g_assert_cmpint (stats.duration_ms, ==, duration);
}

typedef struct
{
  guint  cards[RH_STUDY_N_CARD_CLASSES];
  guint  forecast[RH_STUDY_STATS_N_FORECAST_DAYS];
  gint64 today;
  guint  n_cards;
} Tally;

static void
tally_card (const char       *path,
            const char       *question_id,
            const RhFsrsCard *card,
            gpointer          user_data)
{
  Tally *tally = user_data;
  gint64 day = card->due / DAY;

  tally->n_cards++;
  switch (card->state)
    {
    case RH_FSRS_STATE_LEARNING:
      tally->cards[RH_STUDY_CARD_CLASS_LEARNING]++;
      break;
    case RH_FSRS_STATE_RELEARNING:
      tally->cards[RH_STUDY_CARD_CLASS_RELEARNING]++;
      break;
    case RH_FSRS_STATE_REVIEW:
      tally->cards[card->scheduled_days >= RH_STUDY_STATS_MATURE_DAYS ? RH_STUDY_CARD_CLASS_MATURE
                                                                      : RH_STUDY_CARD_CLASS_YOUNG]++;
      break;
    case RH_FSRS_STATE_NEW:
    default:
      g_assert_not_reached ();
    }

  if (day < tally->today + RH_STUDY_STATS_N_FORECAST_DAYS)
    tally->forecast[MAX (day - tally->today, 0)]++;
}

/* Months of study of ten cards, some failing now and then: young and
 * mature retention as the reviews the log returned have it, the cards
 * as the log has them one by one. */
static void
test_retention_cards_forecast (Fixture      *fixture,
                               gconstpointer data)
{
  g_autoptr (GRand)  rand = g_rand_new_with_seed (7);
  RhStudyStats       stats;
  Tally              tally = { 0 };
  guint              young = 0, young_passed = 0, mature = 0, mature_passed = 0;
  gint64             now = DAY0;
  gint64             due[10] = { 0 };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    due[i] = DAY0 + i * MINUTE;

  for (guint round = 0; round < 400; round++)
    {
      guint           card = round % 10;
      const char     *path = card < 5 ? A1 : A2;
      gint64          at = MAX (now, due[card]);
      RhFsrsGrade     g = g_rand_double (rand) < 0.15 ? RH_FSRS_GRADE_AGAIN : RH_FSRS_GRADE_GOOD;
      const RhReview *review;

      if (at > DAY0 + 200 * DAY)
        break;
      review = grade (fixture, path, card % 5 + 1, g, at, 2000);
      now = at;
      due[card] = review->after.due;
    }

  for (guint i = 0; i < fixture->reviews->len; i++)
    {
      const RhReview *review = g_ptr_array_index (fixture->reviews, i);

      if (review->before.state != RH_FSRS_STATE_REVIEW)
        continue;
      if (review->before.scheduled_days >= RH_STUDY_STATS_MATURE_DAYS)
        mature++, mature_passed += review->grade != RH_FSRS_GRADE_AGAIN;
      else
        young++, young_passed += review->grade != RH_FSRS_GRADE_AGAIN;
    }
  g_assert_cmpuint (young, >, 0);
  g_assert_cmpuint (mature, >, 0);

  compute (fixture, now, &stats);
  g_assert_cmpuint (stats.young_reviews, ==, young);
  g_assert_cmpuint (stats.young_passed, ==, young_passed);
  g_assert_cmpuint (stats.mature_reviews, ==, mature);
  g_assert_cmpuint (stats.mature_passed, ==, mature_passed);
  g_assert_cmpfloat_with_epsilon (rh_study_stats_get_retention (mature_passed, mature), (double) mature_passed / mature,
                                  1e-9);

  tally.today = stats.today;
  g_assert_true (rh_review_log_foreach_card (fixture->log, NULL, tally_card, &tally, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.cards[RH_STUDY_CARD_CLASS_NEW], ==, 3 * N_PER_PAGE - tally.n_cards);
  for (guint i = RH_STUDY_CARD_CLASS_LEARNING; i < RH_STUDY_N_CARD_CLASSES; i++)
    g_assert_cmpuint (stats.cards[i], ==, tally.cards[i]);
  for (guint i = 0; i < RH_STUDY_STATS_N_FORECAST_DAYS; i++)
    g_assert_cmpuint (stats.forecast[i], ==, tally.forecast[i]);
}

/* What the sidebar shows of a page is what the day's queue holds of it
 * but new cards. */
static void
test_due_by_path (Fixture      *fixture,
                  gconstpointer data)
{
  static const char *const paths[] = { A1, A2, B1 };
  g_autoptr (GHashTable)   counts = NULL;
  g_autoptr (GError)       error = NULL;
  gint64                   at = DAY0 + 3 * DAY + 8 * HOUR;
  gint64                   next = 0;

  /* A1: two cards in learning, one reviewed to a long interval. A2: one
   * relearning after a lapse. B1: nothing. */
  grade (fixture, A1, 1, RH_FSRS_GRADE_AGAIN, DAY0, -1);
  grade (fixture, A1, 2, RH_FSRS_GRADE_GOOD, DAY0, -1);
  grade (fixture, A1, 3, RH_FSRS_GRADE_EASY, DAY0, -1);
  grade (fixture, A2, 1, RH_FSRS_GRADE_EASY, DAY0, -1);
  grade (fixture, A2, 1, RH_FSRS_GRADE_AGAIN, DAY0 + 2 * DAY, -1);

  counts = rh_study_stats_count_due_by_path (fixture->log, at, &fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counts);
  g_assert_false (g_hash_table_contains (counts, B1));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (RhStudyQueue) queue = rh_study_queue_new (fixture->library, fixture->log, paths[i], at,
                                                           &fixture->settings, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, paths[i])), ==,
                        rh_study_queue_get_n_learning (queue) + rh_study_queue_get_n_review (queue));
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, A1)), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, A2)), ==, 1);

  /* Nothing is due before the first review, and the Easy card's due
   * time comes after every learning step. */
  g_clear_pointer (&counts, g_hash_table_unref);
  counts = rh_study_stats_count_due_by_path (fixture->log, DAY0 - DAY, &fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  g_assert_true (rh_study_stats_get_next_due (fixture->log, DAY0, &next, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next, ==, ((const RhReview *) g_ptr_array_index (fixture->reviews, 0))->after.due);
  g_assert_true (rh_study_stats_get_next_due (fixture->log, DAY0 + 1000 * DAY, &next, &error));
  g_assert_cmpint (next, ==, 0);
}

static char *
current_key (RhStudySession *session)
{
  RhQuestion *question = rh_study_session_get_current (session);

  if (question == NULL)
    return g_strdup ("none");

  return g_strconcat (rh_subtopic_get_path (rh_question_get_subtopic (question)), "#", rh_question_get_id (question),
                      NULL);
}

#define ASSERT_CURRENT(session, expected)          \
  G_STMT_START                                     \
  {                                                \
    g_autofree char *key_ = current_key (session); \
    g_assert_cmpstr (key_, ==, expected);          \
  }                                                \
  G_STMT_END

static void
test_session (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (RhStudySession) session = NULL;
  g_autoptr (RhReview)       review = NULL;
  g_autoptr (GError)         error = NULL;
  RhFsrsCard                 next[RH_FSRS_N_GRADES];
  RhFsrsCard                 card;
  gboolean                   found;
  gint64                     at = DAY0;

  fixture->settings.new_cards_per_day = 2;
  session = rh_study_session_new (fixture->library, fixture->log, A1, at, &fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_study_session_get_n_left (session), ==, 2);
  ASSERT_CURRENT (session, A1 "#q1");
  g_assert_false (rh_study_session_can_undo (session));

  /* The preview is the scheduler's: Again on a new card is a minute. */
  g_assert_true (rh_study_session_preview (session, at, next));
  g_assert_cmpint (next[RH_FSRS_GRADE_AGAIN].due - at, ==, 60);

  /* Again: the card waits for its step, the next one comes. */
  review = rh_study_session_grade (session, RH_FSRS_GRADE_AGAIN, at, 4000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (review->duration_ms, ==, 4000);
  g_clear_pointer (&review, rh_review_free);
  g_assert_cmpuint (rh_study_session_get_n_left (session), ==, 2);
  g_assert_cmpuint (rh_study_session_get_n_studied (session), ==, 1);
  ASSERT_CURRENT (session, A1 "#q2");

  /* Easy graduates q2; q1's minute has not passed, but nothing else is
   * left and it is within the learn-ahead limit. */
  at += 10;
  review = rh_study_session_grade (session, RH_FSRS_GRADE_EASY, at, 1000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&review, rh_review_free);
  g_assert_cmpuint (rh_study_session_get_n_finished (session), ==, 1);
  ASSERT_CURRENT (session, A1 "#q1");

  /* Undo the Easy: q2 comes back as it was shown, new, and q1 goes
   * back to wait. The log has no review of q2 any more. */
  review = rh_study_session_undo (session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (review->question_id, ==, "q2");
  g_clear_pointer (&review, rh_review_free);
  ASSERT_CURRENT (session, A1 "#q2");
  g_assert_cmpuint (rh_study_session_get_n_finished (session), ==, 0);
  g_assert_cmpuint (rh_study_session_get_n_reviews (session), ==, 1);
  g_assert_cmpuint (rh_study_session_get_n_left (session), ==, 2);
  g_assert_cmpint (rh_study_session_get_duration_ms (session), ==, 4000);
  g_assert_cmpint (rh_study_session_get_current_card (session)->state, ==, RH_FSRS_STATE_NEW);
  g_assert_true (rh_review_log_lookup_card (fixture->log, A1, "q2", &card, &found, &error));
  g_assert_false (found);

  /* Easy again on q2; q1 walks its learning steps, coming back each
   * time, within the learn-ahead limit, until it graduates. */
  review = rh_study_session_grade (session, RH_FSRS_GRADE_EASY, at, 1000, &error);
  g_clear_pointer (&review, rh_review_free);
  ASSERT_CURRENT (session, A1 "#q1");
  at += 70;
  review = rh_study_session_grade (session, RH_FSRS_GRADE_GOOD, at, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (review->after.state, ==, RH_FSRS_STATE_LEARNING);
  g_assert_cmpint (rh_study_session_get_next_learning_due (session), ==, 0);
  g_clear_pointer (&review, rh_review_free);
  ASSERT_CURRENT (session, A1 "#q1");
  g_assert_cmpuint (rh_study_session_get_n_left (session), ==, 1);
  at += 600;
  review = rh_study_session_grade (session, RH_FSRS_GRADE_GOOD, at, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (review->after.state, ==, RH_FSRS_STATE_REVIEW);
  g_clear_pointer (&review, rh_review_free);
  ASSERT_CURRENT (session, "none");
  g_assert_cmpuint (rh_study_session_get_n_left (session), ==, 0);
  g_assert_cmpuint (rh_study_session_get_n_finished (session), ==, 2);
  g_assert_false (rh_study_session_preview (session, at, next));

  /* Undo after the end brings the last card back. */
  review = rh_study_session_undo (session, &error);
  g_assert_no_error (error);
  g_clear_pointer (&review, rh_review_free);
  ASSERT_CURRENT (session, A1 "#q1");
  g_assert_cmpint (rh_study_session_get_current_card (session)->state, ==, RH_FSRS_STATE_LEARNING);
  review = rh_study_session_grade (session, RH_FSRS_GRADE_GOOD, at, 1000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&review, rh_review_free);

  g_assert_cmpuint (rh_study_session_get_n_again (session), ==, 1);
  g_assert_cmpuint (rh_study_session_get_n_studied (session), ==, 2);
  g_assert_cmpuint (rh_study_session_get_n_reviews (session), ==, 4);
  g_assert_cmpint (rh_study_session_get_duration_ms (session), ==, 7000);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/study-stats/empty", test_empty);
  ADD ("/study-stats/days-and-streaks", test_days_and_streaks);
  ADD ("/study-stats/retention-cards-forecast", test_retention_cards_forecast);
  ADD ("/study-stats/due-by-path", test_due_by_path);
  ADD ("/study-session/flow", test_session);

  return g_test_run ();
}
