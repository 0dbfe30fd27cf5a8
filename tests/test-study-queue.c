/* test-study-queue.c
 *
 * The day's queue: scopes (library, framework, topic, page, bookmarks),
 * the daily limits across days, the order (learning by due time, then
 * reviews by due time, then new cards in library order), review cards
 * due by study day, and cards whose question left the library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-ref.h"

#include "rh-bookmark.h"

#include "rh-study-queue.h"
#include "rh-subtopic.h"
#include "rh-test-util.h"

/* 2024-03-01T00:00:00Z */
#define DAY0 G_GINT64_CONSTANT (1709251200)
#define DAY (G_GINT64_CONSTANT (86400))
#define HOUR (G_GINT64_CONSTANT (3600))
#define MINUTE (G_GINT64_CONSTANT (60))

#define A1 "/alpha/one/a1"
#define A2 "/alpha/one/a2"
#define A3 "/alpha/two/a3"
#define B1 "/beta/three/b1"

typedef struct
{
  char        *directory;
  RhState     *state;
  RhReviewLog *log;
} Fixture;

/* Bookmarks a question by its page path and id, as the window would. */
static void
add_test_bookmark (RhState    *state,
                   const char *path,
                   const char *question_id)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, question_id);
  g_autoptr (RhBookmark)    bookmark = rh_bookmark_new (ref, "", "", "", "", g_get_real_time ());
  g_autoptr (GError)        error = NULL;

  g_assert_true (rh_state_add_bookmark (state, bookmark, &error));
  g_assert_no_error (error);
}

static void
append_page (GString    *json,
             const char *framework,
             const char *topic,
             const char *subtopic,
             const char *path,
             int         order)
{
  if (json->str[json->len - 1] == '}')
    g_string_append_c (json, ',');

  g_string_append_printf (json,
                          "{\"framework\":\"%s\",\"topic\":\"%s\",\"subtopic\":\"%s\",\"path\":\"%s\","
                          "\"order\":%d,\"questions\":[",
                          framework, topic, subtopic, path, order);
  for (guint i = 1; i <= 5; i++)
    g_string_append_printf (json, "%s{\"id\":\"q%u\",\"difficulty\":\"easy\",\"q\":\"%s question %u?\",\"a\":\"Yes.\"}",
                            i > 1 ? "," : "", i, subtopic, i);
  g_string_append (json, "]}");
}

/* Alpha › One › a1, a2; Alpha › Two › a3; Beta › Three › b1 (unless
 * @with_b1 is false): five questions each. */
static RhLibrary *
make_library (gboolean with_b1)
{
  g_autoptr (GString)   json = g_string_new ("{\"format\":\"rehearse-pack\",\"version\":1,\"title\":\"Queue\",\"pages\":[");
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GError)    error = NULL;
  RhLibrary            *library = rh_library_new ();

  append_page (json, "Alpha", "One", "A1", A1, 1);
  append_page (json, "Alpha", "One", "A2", A2, 2);
  append_page (json, "Alpha", "Two", "A3", A3, 1);
  if (with_b1)
    append_page (json, "Beta", "Three", "B1", B1, 1);
  g_string_append (json, "]}");

  pages = rh_test_load_string (json->str, &error);
  g_assert_no_error (error);
  rh_library_add_pages (library, pages);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, with_b1 ? 20 : 15);

  return library;
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = NULL;

  fixture->directory = g_dir_make_tmp ("rehearse-study-queue-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->directory, "state.sqlite3", NULL);
  fixture->state = rh_state_open (path, &error);
  g_assert_no_error (error);
  fixture->log = rh_review_log_new (fixture->state, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->state);
  rh_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static void
settings_for_test (RhStudySettings *settings,
                   guint            new_per_day,
                   guint            reviews_per_day)
{
  rh_study_settings_init_default (settings);
  settings->interval_fuzz = FALSE;
  settings->day_offset = 0;
  settings->new_cards_per_day = new_per_day;
  settings->reviews_per_day = reviews_per_day;
}

static RhReview *
grade (Fixture               *fixture,
       const char            *key,
       RhFsrsGrade            grade,
       gint64                 at,
       const RhStudySettings *settings)
{
  g_auto (GStrv)     parts = g_strsplit (key, "#", 2);
  g_autoptr (GError) error = NULL;
  RhReview          *review = rh_review_log_grade (fixture->log, parts[0], parts[1], grade, at, -1, settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (review);

  return review;
}

static void
grade_only (Fixture               *fixture,
            const char            *key,
            RhFsrsGrade            g,
            gint64                 at,
            const RhStudySettings *settings)
{
  rh_review_free (grade (fixture, key, g, at, settings));
}

static RhStudyQueue *
build (Fixture               *fixture,
       RhLibrary             *library,
       const char            *scope,
       gint64                 at,
       const RhStudySettings *settings)
{
  g_autoptr (GError) error = NULL;
  RhStudyQueue      *queue = rh_study_queue_new (library, fixture->log, scope, at, settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (queue);
  g_assert_cmpint (rh_study_queue_get_at (queue), ==, at);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==,
                    rh_study_queue_get_n_new (queue) + rh_study_queue_get_n_learning (queue) +
                        rh_study_queue_get_n_review (queue));

  return queue;
}

static char *
key_of (RhQuestion *question)
{
  return g_strconcat (rh_subtopic_get_path (rh_question_get_subtopic (question)), "#", rh_question_get_id (question), NULL);
}

/* "KIND PATH#ID|…", in the queue's order. */
static char *
describe (RhStudyQueue *queue)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr (RhQuestion) question = g_list_model_get_item (G_LIST_MODEL (queue), i);
      g_autofree char       *key = key_of (question);

      g_assert_true (question == rh_study_queue_peek_question (queue, i));
      g_string_append_printf (text, "%s%s %s", i > 0 ? "|" : "",
                              rh_study_kind_to_string (rh_study_queue_get_kind (queue, i)), key);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_counts (RhStudyQueue *queue,
               guint         n_new,
               guint         n_learning,
               guint         n_review)
{
  g_assert_cmpuint (rh_study_queue_get_n_new (queue), ==, n_new);
  g_assert_cmpuint (rh_study_queue_get_n_learning (queue), ==, n_learning);
  g_assert_cmpuint (rh_study_queue_get_n_review (queue), ==, n_review);
}

/* Every question, in the sidebar's order, walked through the models. */
static GPtrArray *
library_order (RhLibrary *library)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr (GListModel) framework = g_list_model_get_item (G_LIST_MODEL (library), i);

      for (guint j = 0; j < g_list_model_get_n_items (framework); j++)
        {
          g_autoptr (GListModel) topic = g_list_model_get_item (framework, j);

          for (guint k = 0; k < g_list_model_get_n_items (topic); k++)
            {
              g_autoptr (GListModel) subtopic = g_list_model_get_item (topic, k);

              for (guint l = 0; l < g_list_model_get_n_items (subtopic); l++)
                {
                  g_autoptr (RhQuestion) question = g_list_model_get_item (subtopic, l);

                  g_ptr_array_add (keys, key_of (question));
                }
            }
        }
    }

  return keys;
}

static void
test_scopes (Fixture      *fixture,
             gconstpointer data)
{
  static const struct
  {
    const char *scope;
    guint       n_new;
    const char *first;
  } cases[] = {
    { NULL, 20, A1 "#q1" },
    { "", 20, A1 "#q1" },
    { "alpha", 15, A1 "#q1" },
    { "/alpha", 15, A1 "#q1" },
    { "/alpha/", 15, A1 "#q1" },
    { "/alpha/two", 5, A3 "#q1" },
    { "/alpha/one/a2", 5, A2 "#q1" },
    { "beta", 5, B1 "#q1" },
    { "/beta/three/b1", 5, B1 "#q1" },
  };
  static const char *const unknown[] = { "gamma", "/gamma", "/alpha/none", "/alpha/one/zz", "/alpha/one/a1/q1",
                                         "alpha/one", "//alpha", "Bookmarks" };
  g_autoptr (RhLibrary)    library = make_library (TRUE);
  g_autoptr (RhStudyQueue) queue = NULL;
  g_autoptr (GPtrArray)    order = library_order (library);
  g_autoptr (GError)       error = NULL;
  g_autofree char         *text = NULL;
  RhStudySettings          settings;
  const gint64             at = DAY0 + 12 * HOUR;

  settings_for_test (&settings, 100, 100);
  g_assert_cmpstr (g_ptr_array_index (order, 0), ==, A1 "#q1");
  g_assert_cmpstr (g_ptr_array_index (order, 19), ==, B1 "#q5");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = NULL;

      g_clear_object (&queue);
      queue = build (fixture, library, cases[i].scope, at, &settings);
      assert_counts (queue, cases[i].n_new, 0, 0);
      first = key_of (rh_study_queue_peek_question (queue, 0));
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpint (rh_study_queue_get_kind (queue, 0), ==, RH_STUDY_KIND_NEW);
      g_assert_cmpint (rh_study_queue_peek_card (queue, 0)->state, ==, RH_FSRS_STATE_NEW);
      g_assert_cmpint (rh_study_queue_peek_card (queue, 0)->due, ==, at);
    }

  /* The whole library is in the sidebar's order. */
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, at, &settings);
  for (guint i = 0; i < order->len; i++)
    {
      g_autofree char *key = key_of (rh_study_queue_peek_question (queue, i));

      g_assert_cmpstr (key, ==, g_ptr_array_index (order, i));
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr (RhStudyQueue) none = rh_study_queue_new (library, fixture->log, unknown[i], at, &settings, &error);

      g_assert_error (error, RH_STUDY_QUEUE_ERROR, RH_STUDY_QUEUE_ERROR_UNKNOWN_SCOPE);
      g_assert_null (none);
      g_assert_nonnull (strstr (error->message, unknown[i]));
      g_clear_error (&error);
    }

  /* Bookmarks: none yet, then two, one of which the library lacks. */
  g_clear_object (&queue);
  queue = build (fixture, library, RH_STUDY_SCOPE_BOOKMARKS, at, &settings);
  assert_counts (queue, 0, 0, 0);
  add_test_bookmark (fixture->state, A3, "q4");
  g_assert_no_error (error);
  add_test_bookmark (fixture->state, A1, "q2");
  add_test_bookmark (fixture->state, "/gone/page/x", "q1");
  g_assert_no_error (error);
  g_clear_object (&queue);
  queue = build (fixture, library, RH_STUDY_SCOPE_BOOKMARKS, at, &settings);
  text = describe (queue);
  g_assert_cmpstr (text, ==, "new " A1 "#q2|new " A3 "#q4");

  /* Cards count in the scopes that hold them, and only there. */
  grade_only (fixture, A3 "#q4", RH_FSRS_GRADE_GOOD, at, &settings);
  grade_only (fixture, B1 "#q1", RH_FSRS_GRADE_AGAIN, at, &settings);
  g_clear_pointer (&text, g_free);
  g_clear_object (&queue);
  queue = build (fixture, library, RH_STUDY_SCOPE_BOOKMARKS, at + 15 * MINUTE, &settings);
  text = describe (queue);
  g_assert_cmpstr (text, ==, "learning " A3 "#q4|new " A1 "#q2");

  g_clear_object (&queue);
  queue = build (fixture, library, "/alpha/two", at + 15 * MINUTE, &settings);
  assert_counts (queue, 4, 1, 0);
  g_clear_object (&queue);
  queue = build (fixture, library, "/alpha/one", at + 15 * MINUTE, &settings);
  assert_counts (queue, 10, 0, 0);
  g_clear_object (&queue);
  queue = build (fixture, library, "beta", at + 15 * MINUTE, &settings);
  assert_counts (queue, 4, 1, 0);
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, at + 15 * MINUTE, &settings);
  assert_counts (queue, 18, 2, 0);
}

static void
test_order (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr (RhLibrary)    library = make_library (TRUE);
  g_autoptr (RhStudyQueue) queue = NULL;
  g_autoptr (RhReview)     early_review = NULL;
  g_autoptr (RhReview)     late_review = NULL;
  g_autoptr (RhReview)     evening = NULL;
  g_autoptr (RhReview)     waiting = NULL;
  g_autoptr (GPtrArray)    order = library_order (library);
  g_autoptr (GString)      expected = g_string_new (NULL);
  g_autofree char         *text = NULL;
  RhStudySettings          settings;
  const gint64             at = DAY0 + 10 * DAY + 12 * HOUR;

  settings_for_test (&settings, 100, 100);

  /* Two cards straight to review by Easy, due in about eight days, and
   * one reviewed in an evening, due after noon on the day studied. */
  early_review = grade (fixture, A3 "#q1", RH_FSRS_GRADE_EASY, DAY0 + 12 * HOUR, &settings);
  late_review = grade (fixture, A3 "#q2", RH_FSRS_GRADE_EASY, DAY0 + DAY + 12 * HOUR, &settings);
  evening = grade (fixture, B1 "#q1", RH_FSRS_GRADE_EASY, DAY0 + 2 * DAY + 18 * HOUR, &settings);
  g_assert_cmpint (early_review->after.due, <, late_review->after.due);
  g_assert_cmpint (late_review->after.due, <, at);
  g_assert_cmpint (evening->after.due, >, at);
  g_assert_cmpint (evening->after.due, <, DAY0 + 11 * DAY);

  /* A lapse the day before: relearning, due long ago. */
  grade_only (fixture, A3 "#q1", RH_FSRS_GRADE_AGAIN, MAX (early_review->after.due, DAY0 + 9 * DAY), &settings);

  /* Learning steps: due half an hour ago, 29 minutes ago, and in five. */
  grade_only (fixture, A2 "#q3", RH_FSRS_GRADE_GOOD, at - 40 * MINUTE, &settings);
  grade_only (fixture, A1 "#q2", RH_FSRS_GRADE_AGAIN, at - 30 * MINUTE, &settings);
  waiting = grade (fixture, B1 "#q2", RH_FSRS_GRADE_GOOD, at - 5 * MINUTE, &settings);

  queue = build (fixture, library, NULL, at, &settings);
  assert_counts (queue, 14, 3, 2);
  g_assert_cmpint (rh_study_queue_get_next_learning_due (queue), ==, waiting->after.due);
  g_assert_cmpint (rh_study_queue_get_next_learning_due (queue), ==, at + 5 * MINUTE);
  g_assert_cmpint (rh_study_queue_peek_card (queue, 0)->state, ==, RH_FSRS_STATE_RELEARNING);

  g_string_append (expected, "learning " A3 "#q1|learning " A2 "#q3|learning " A1 "#q2|");
  g_string_append (expected, "review " A3 "#q2|review " B1 "#q1");
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);

      if (!g_str_equal (key, A3 "#q1") && !g_str_equal (key, A3 "#q2") && !g_str_equal (key, B1 "#q1") &&
          !g_str_equal (key, A2 "#q3") && !g_str_equal (key, A1 "#q2") && !g_str_equal (key, B1 "#q2"))
        g_string_append_printf (expected, "|new %s", key);
    }
  text = describe (queue);
  g_assert_cmpstr (text, ==, expected->str);

  /* Each card is as the log has it. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      RhQuestion      *question = rh_study_queue_peek_question (queue, i);
      g_autofree char *key = key_of (question);
      RhFsrsCard       card;
      gboolean         found;

      g_assert_true (rh_review_log_lookup_card (fixture->log, rh_subtopic_get_path (rh_question_get_subtopic (question)),
                                                rh_question_get_id (question), &card, &found, NULL));
      g_assert_cmpint (found, ==, rh_study_queue_get_kind (queue, i) != RH_STUDY_KIND_NEW);
      if (found)
        g_assert_true (rh_review_log_card_equal (&card, rh_study_queue_peek_card (queue, i)));
    }
}

static void
test_limits (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (RhLibrary)    library = make_library (TRUE);
  g_autoptr (RhStudyQueue) queue = NULL;
  g_autofree char         *text = NULL;
  RhStudySettings          settings;
  const gint64             noon = DAY0 + 12 * HOUR;

  settings_for_test (&settings, 3, 2);

  queue = build (fixture, library, NULL, noon, &settings);
  text = describe (queue);
  g_assert_cmpstr (text, ==, "new " A1 "#q1|new " A1 "#q2|new " A1 "#q3");

  /* New cards studied today count against today's limit. */
  grade_only (fixture, A1 "#q1", RH_FSRS_GRADE_GOOD, noon, &settings);
  grade_only (fixture, A1 "#q2", RH_FSRS_GRADE_GOOD, noon, &settings);
  g_clear_object (&queue);
  g_clear_pointer (&text, g_free);
  queue = build (fixture, library, NULL, noon + MINUTE, &settings);
  text = describe (queue);
  g_assert_cmpstr (text, ==, "new " A1 "#q3");

  grade_only (fixture, A1 "#q3", RH_FSRS_GRADE_EASY, noon + MINUTE, &settings);
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, noon + 2 * MINUTE, &settings);
  assert_counts (queue, 0, 0, 0);

  /* Learning steps have no limit; a scope does not reset the count. */
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, noon + 10 * MINUTE, &settings);
  assert_counts (queue, 0, 2, 0);
  g_clear_object (&queue);
  queue = build (fixture, library, "beta", noon + 10 * MINUTE, &settings);
  assert_counts (queue, 0, 0, 0);
  grade_only (fixture, A1 "#q1", RH_FSRS_GRADE_GOOD, noon + 10 * MINUTE, &settings);
  grade_only (fixture, A1 "#q2", RH_FSRS_GRADE_GOOD, noon + 10 * MINUTE, &settings);

  /* The next day, three new cards again. */
  g_clear_object (&queue);
  g_clear_pointer (&text, g_free);
  queue = build (fixture, library, NULL, noon + DAY, &settings);
  text = describe (queue);
  g_assert_cmpstr (text, ==, "new " A1 "#q4|new " A1 "#q5|new " A2 "#q1");
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *key = g_strdup_printf (A2 "#q%u", i);

      grade_only (fixture, key, RH_FSRS_GRADE_EASY, noon + DAY, &settings);
    }

  /* Three weeks on, seven reviews are due and two are allowed. */
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, noon + 20 * DAY, &settings);
  assert_counts (queue, 3, 0, 2);
  for (guint done = 0; done < 2; done++)
    {
      RhQuestion      *question = rh_study_queue_peek_question (queue, 0);
      g_autofree char *key = key_of (question);

      g_assert_cmpint (rh_study_queue_get_kind (queue, 0), ==, RH_STUDY_KIND_REVIEW);
      grade_only (fixture, key, RH_FSRS_GRADE_GOOD, noon + 20 * DAY + done * MINUTE, &settings);
      g_clear_object (&queue);
      queue = build (fixture, library, NULL, noon + 20 * DAY + (done + 1) * MINUTE, &settings);
      assert_counts (queue, 3, 0, 1 - done);
    }

  /* The rest come the next day, within its limit. */
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, noon + 21 * DAY, &settings);
  assert_counts (queue, 3, 0, 2);

  /* A limit of zero shows none. */
  settings.new_cards_per_day = 0;
  settings.reviews_per_day = 0;
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, noon + 21 * DAY, &settings);
  assert_counts (queue, 0, 0, 0);
}

static void
test_missing (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (RhLibrary)    full = make_library (TRUE);
  g_autoptr (RhLibrary)    without_b1 = make_library (FALSE);
  g_autoptr (RhStudyQueue) queue = NULL;
  g_autoptr (GError)       error = NULL;
  g_autofree char         *text = NULL;
  RhStudySettings          settings;
  RhFsrsCard               card;
  gboolean                 found = FALSE;
  const gint64             noon = DAY0 + 12 * HOUR;

  settings_for_test (&settings, 100, 100);
  grade_only (fixture, B1 "#q1", RH_FSRS_GRADE_AGAIN, noon, &settings);
  grade_only (fixture, A1 "#q1", RH_FSRS_GRADE_AGAIN, noon, &settings);

  queue = build (fixture, full, NULL, noon + 5 * MINUTE, &settings);
  assert_counts (queue, 18, 2, 0);

  /* Its page left the library: the card is neither due nor new. */
  g_clear_object (&queue);
  queue = build (fixture, without_b1, NULL, noon + 5 * MINUTE, &settings);
  assert_counts (queue, 14, 1, 0);
  text = describe (queue);
  g_assert_null (strstr (text, B1));
  g_assert_true (rh_review_log_lookup_card (fixture->log, B1, "q1", &card, &found, &error));
  g_assert_true (found);
  g_assert_cmpint (card.state, ==, RH_FSRS_STATE_LEARNING);

  g_clear_object (&queue);
  queue = rh_study_queue_new (without_b1, fixture->log, "beta", noon, &settings, &error);
  g_assert_error (error, RH_STUDY_QUEUE_ERROR, RH_STUDY_QUEUE_ERROR_UNKNOWN_SCOPE);
  g_assert_null (queue);
  g_clear_error (&error);

  add_test_bookmark (fixture->state, B1, "q2");
  g_assert_no_error (error);
  queue = build (fixture, without_b1, RH_STUDY_SCOPE_BOOKMARKS, noon + 5 * MINUTE, &settings);
  assert_counts (queue, 0, 0, 0);

  /* And it comes back with the page, as it was. */
  g_clear_object (&queue);
  queue = build (fixture, full, NULL, noon + 5 * MINUTE, &settings);
  assert_counts (queue, 18, 2, 0);
  g_clear_object (&queue);
  queue = build (fixture, full, RH_STUDY_SCOPE_BOOKMARKS, noon + 5 * MINUTE, &settings);
  assert_counts (queue, 1, 0, 0);
}

static void
test_due_by_day (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (RhLibrary)    library = make_library (TRUE);
  g_autoptr (RhStudyQueue) queue = NULL;
  g_autoptr (RhReview)     review = NULL;
  g_autoptr (RhReview)     step = NULL;
  RhStudySettings          settings;
  gint64                   due_day;

  settings_for_test (&settings, 0, 100);

  /* Reviewed at 18:00; due some days later at 18:00. */
  review = grade (fixture, A1 "#q1", RH_FSRS_GRADE_EASY, DAY0 + 18 * HOUR, &settings);
  g_assert_cmpint (review->after.state, ==, RH_FSRS_STATE_REVIEW);
  due_day = review->after.due - 18 * HOUR;
  g_assert_cmpint (due_day % DAY, ==, 0);

  queue = build (fixture, library, NULL, due_day - HOUR, &settings);
  assert_counts (queue, 0, 0, 0);
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, due_day + 6 * HOUR, &settings);
  assert_counts (queue, 0, 0, 1);

  /* With days starting at 04:00, 02:00 is still the day before. */
  settings.day_offset = -4 * 3600;
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, due_day + 2 * HOUR, &settings);
  assert_counts (queue, 0, 0, 0);
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, due_day + 5 * HOUR, &settings);
  assert_counts (queue, 0, 0, 1);

  /* Learning steps are due at the minute. */
  settings.day_offset = 0;
  step = grade (fixture, A2 "#q1", RH_FSRS_GRADE_GOOD, DAY0 + 12 * HOUR, &settings);
  g_assert_cmpint (step->after.due, ==, DAY0 + 12 * HOUR + 10 * MINUTE);
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, DAY0 + 12 * HOUR + 9 * MINUTE, &settings);
  assert_counts (queue, 0, 0, 0);
  g_assert_cmpint (rh_study_queue_get_next_learning_due (queue), ==, step->after.due);
  g_clear_object (&queue);
  queue = build (fixture, library, NULL, step->after.due, &settings);
  assert_counts (queue, 0, 1, 0);
  g_assert_cmpint (rh_study_queue_get_next_learning_due (queue), ==, 0);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/study-queue/scopes", test_scopes);
  ADD ("/study-queue/order", test_order);
  ADD ("/study-queue/limits", test_limits);
  ADD ("/study-queue/missing", test_missing);
  ADD ("/study-queue/due-by-day", test_due_by_day);

  return g_test_run ();
}
