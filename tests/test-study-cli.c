/* test-study-cli.c
 *
 * `rehearse --grade`, `--study` and `--card`, run as users run them:
 * each a process of its own on the same state database, over several
 * days given with --at, against the bundled library; their JSON checked
 * against the scheduler run here. Then the settings, which the commands
 * read through GSettings, called in this process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-ref.h"

#include "rh-bookmark.h"

#include <json-glib/json-glib.h>

#include "rh-fsrs.h"
#include "rh-grade-cli.h"
#include "rh-library-load.h"
#include "rh-state.h"
#include "rh-study-cli.h"
#include "rh-study-settings.h"
#include "rh-subtopic.h"
#include "rh-test-util.h"

/* 2024-05-01T12:00:00Z */
#define DAY1 G_GINT64_CONSTANT (1714564800)
#define DAY (G_GINT64_CONSTANT (86400))
#define HOUR (G_GINT64_CONSTANT (3600))
#define MINUTE (G_GINT64_CONSTANT (60))

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

static int
run (const char *const *argv,
     char             **out_stdout,
     char             **out_stderr)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GError)              error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  /* This test's own directories, which GLib knows but the environment
   * does not. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static char *
iso (gint64 time)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
}

/* Runs `rehearse ARGS… [--at TIME]`, which must succeed, and returns its
 * standard output. */
static char *
rehearse_ok (gint64 at,
             ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *out = NULL;
  g_autofree char      *err = NULL;
  const char           *arg;
  va_list               args;
  int                   status;

  g_ptr_array_add (argv, g_strdup (g_getenv ("REHEARSE_BIN")));
  va_start (args, at);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  if (at != 0)
    {
      g_ptr_array_add (argv, g_strdup ("--at"));
      g_ptr_array_add (argv, iso (at));
    }
  g_ptr_array_add (argv, NULL);

  status = run ((const char *const *) argv->pdata, &out, &err);
  if (status != 0)
    g_error ("%s: exit status %d: %s", (const char *) argv->pdata[1], status, err);
  g_assert_cmpstr (err, ==, "");

  return g_steal_pointer (&out);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;
  JsonNode              *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
rehearse_json (gint64 at,
               ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *out = NULL;
  g_autofree char      *err = NULL;
  const char           *arg;
  va_list               args;
  int                   status;

  g_ptr_array_add (argv, g_strdup (g_getenv ("REHEARSE_BIN")));
  va_start (args, at);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, g_strdup ("--json"));
  if (at != 0)
    {
      g_ptr_array_add (argv, g_strdup ("--at"));
      g_ptr_array_add (argv, iso (at));
    }
  g_ptr_array_add (argv, NULL);

  status = run ((const char *const *) argv->pdata, &out, &err);
  if (status != 0)
    g_error ("%s: exit status %d: %s", (const char *) argv->pdata[1], status, err);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_suffix (out, "}\n"));

  return parse_object (out);
}

/* Fails with status 1 and an error that names @named. */
static void
rehearse_fails (const char *named,
                int         expected_status,
                ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char      *out = NULL;
  g_autofree char      *err = NULL;
  const char           *arg;
  va_list               args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REHEARSE_BIN"));
  va_start (args, expected_status);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_cmpint (run ((const char *const *) argv->pdata, &out, &err), ==, expected_status);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "rehearse: "));
  g_assert_nonnull (strstr (err, named));
}

/* The bundled library's questions in the sidebar's order. */
static GPtrArray *
library_order (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = rh_library_load_directory (library, g_getenv ("REHEARSE_CONTENT_DIR"), NULL);
  GPtrArray            *keys = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (results);
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

                  g_ptr_array_add (keys, g_strconcat (rh_subtopic_get_path (subtopic), "#",
                                                      rh_question_get_id (question), NULL));
                }
            }
        }
    }

  return keys;
}

/* What the commands must compute: the defaults, with study days that
 * start at 04:00 in the processes' time zone, UTC. */
static void
expected_settings (RhStudySettings *settings,
                   gint64           at)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  rh_study_settings_init_default (settings);
  settings->day_offset = rh_study_settings_get_day_offset (utc, at);
  g_assert_cmpint (settings->day_offset, ==, -4 * 3600);
}

static void
expect_review (RhFsrsCard *card,
               RhFsrsGrade grade,
               gint64      at)
{
  RhStudySettings settings;
  RhFsrsParams    params;

  expected_settings (&settings, at);
  rh_study_settings_get_fsrs_params (&settings, &params);
  g_assert_true (rh_fsrs_review (&params, card, at, grade, card, NULL));
}

static void
assert_card (JsonObject       *object,
             const RhFsrsCard *card)
{
  g_autofree char *due = iso (card->due);
  g_autofree char *last = iso (card->last_review);

  g_assert_cmpstr (json_object_get_string_member (object, "due"), ==, due);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, rh_fsrs_state_to_string (card->state));
  g_assert_cmpfloat (json_object_get_double_member (object, "stability"), ==, card->stability);
  g_assert_cmpfloat (json_object_get_double_member (object, "difficulty"), ==, card->difficulty);
  g_assert_cmpint (json_object_get_int_member (object, "scheduled_days"), ==, card->scheduled_days);
  g_assert_cmpint (json_object_get_int_member (object, "learning_step"), ==, card->learning_step);
  g_assert_cmpint (json_object_get_int_member (object, "reps"), ==, card->reps);
  g_assert_cmpint (json_object_get_int_member (object, "lapses"), ==, card->lapses);
  g_assert_cmpstr (json_object_get_string_member (object, "last_review"), ==, last);
}

static void
assert_counts (JsonObject *object,
               gint64      n_new,
               gint64      n_learning,
               gint64      n_review)
{
  JsonArray *queue = json_object_get_array_member (object, "queue");

  g_assert_cmpint (json_object_get_int_member (object, "new"), ==, n_new);
  g_assert_cmpint (json_object_get_int_member (object, "learning"), ==, n_learning);
  g_assert_cmpint (json_object_get_int_member (object, "review"), ==, n_review);
  g_assert_cmpint (json_array_get_length (queue), ==, n_new + n_learning + n_review);
}

static const char *
queue_at (JsonObject *object,
          guint       index)
{
  return json_array_get_string_element (json_object_get_array_member (object, "queue"), index);
}

static void
test_days (void)
{
  g_autoptr (GPtrArray)  order = NULL;
  g_autoptr (JsonObject) study = NULL;
  g_autoptr (JsonObject) graded = NULL;
  g_autoptr (JsonObject) card = NULL;
  g_autofree char       *line = NULL;
  g_autofree char       *due = NULL;
  g_auto (GStrv)         lines = NULL;
  const char            *q1;
  const char            *q2;
  const char            *q3;
  RhFsrsCard             c1;
  RhFsrsCard             c2;
  RhFsrsCard             c3;
  RhStudySettings        settings;
  JsonArray             *reviews;
  gint64                 day;

  if (g_getenv ("REHEARSE_BIN") == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  order = library_order ();
  g_assert_cmpuint (order->len, >, 25);
  q1 = g_ptr_array_index (order, 0);
  q2 = g_ptr_array_index (order, 1);
  q3 = g_ptr_array_index (order, 2);

  /* Day 1, nothing studied: the first twenty questions, in order. */
  study = rehearse_json (DAY1, "--study", NULL);
  assert_counts (study, 20, 0, 0);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpstr (queue_at (study, i), ==, g_ptr_array_index (order, i));

  rh_fsrs_card_init_new (&c1, DAY1);
  expect_review (&c1, RH_FSRS_GRADE_GOOD, DAY1);
  graded = rehearse_json (DAY1, "--grade", q1, "good", NULL);
  assert_card (graded, &c1);
  g_assert_cmpstr (json_object_get_string_member (graded, "question"), ==, q1);
  g_assert_cmpstr (json_object_get_string_member (graded, "grade"), ==, "good");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (graded, "uid")));
  g_assert_cmpstr (json_object_get_string_member (graded, "state"), ==, "learning");

  rh_fsrs_card_init_new (&c2, DAY1 + MINUTE);
  expect_review (&c2, RH_FSRS_GRADE_EASY, DAY1 + MINUTE);
  g_clear_pointer (&graded, json_object_unref);
  graded = rehearse_json (DAY1 + MINUTE, "--grade", q2, "easy", NULL);
  assert_card (graded, &c2);
  g_assert_cmpstr (json_object_get_string_member (graded, "state"), ==, "review");
  g_assert_cmpint (c2.scheduled_days, >=, 2);

  /* The line form. */
  rh_fsrs_card_init_new (&c3, DAY1 + 2 * MINUTE);
  expect_review (&c3, RH_FSRS_GRADE_AGAIN, DAY1 + 2 * MINUTE);
  line = rehearse_ok (DAY1 + 2 * MINUTE, "--grade", q3, "again", NULL);
  g_assert_true (g_str_has_prefix (line, "due=2024-05-01T12:03:00Z state=learning stability="));
  g_assert_true (g_str_has_suffix (line, " interval=1m reps=1 lapses=0\n"));
  g_assert_nonnull (strstr (line, " difficulty="));

  /* Three minutes on, the Again is due; the Good is not. */
  g_clear_pointer (&study, json_object_unref);
  study = rehearse_json (DAY1 + 5 * MINUTE, "--study", NULL);
  assert_counts (study, 17, 1, 0);
  g_assert_cmpstr (queue_at (study, 0), ==, q3);
  for (guint i = 1; i < 18; i++)
    g_assert_cmpstr (queue_at (study, i), ==, g_ptr_array_index (order, i + 2));

  /* Ten more, both are: soonest due first. */
  g_clear_pointer (&line, g_free);
  line = rehearse_ok (DAY1 + 15 * MINUTE, "--study", NULL);
  lines = g_strsplit (line, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "new=17 learning=2 review=0");
  g_assert_true (g_str_has_prefix (lines[1], q3));
  g_assert_true (g_str_has_prefix (lines[1] + strlen (q3), "\tlearning\t"));
  g_assert_true (g_str_has_prefix (lines[2], q1));
  g_assert_true (g_str_has_prefix (lines[3] + strlen (g_ptr_array_index (order, 3)), "\tnew\t"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 19 + 1);

  expect_review (&c1, RH_FSRS_GRADE_GOOD, DAY1 + 15 * MINUTE);
  g_clear_pointer (&graded, json_object_unref);
  graded = rehearse_json (DAY1 + 15 * MINUTE, "--grade", q1, "good", NULL);
  assert_card (graded, &c1);

  /* The card and its history, oldest first. */
  card = rehearse_json (0, "--card", q1, NULL);
  assert_card (card, &c1);
  g_assert_true (json_object_get_boolean_member (card, "in_library"));
  reviews = json_object_get_array_member (card, "reviews");
  g_assert_cmpuint (json_array_get_length (reviews), ==, 2);
  {
    JsonObject *first = json_array_get_object_element (reviews, 0);
    JsonObject *second = json_array_get_object_element (reviews, 1);

    g_assert_cmpstr (json_object_get_string_member (first, "grade"), ==, "good");
    g_assert_cmpstr (json_object_get_string_member (first, "at"), ==, "2024-05-01T12:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "before"), "state"), ==, "new");
    g_assert_true (json_object_get_null_member (json_object_get_object_member (first, "before"), "last_review"));
    g_assert_true (json_object_get_null_member (first, "duration_ms"));
    g_assert_cmpstr (json_object_get_string_member (second, "at"), ==, "2024-05-01T12:15:00Z");
    g_assert_cmpint (json_object_get_int_member (second, "elapsed_days"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (second, "before"), "state"), ==, "learning");
    assert_card (json_object_get_object_member (second, "after"), &c1);
  }

  /* The day the Easy card is due, an hour after: the Again card still
   * waits in learning, the reviews due that study day follow, and the
   * day has twenty new cards again. */
  day = c2.due + HOUR;
  expected_settings (&settings, day);
  g_clear_pointer (&study, json_object_unref);
  study = rehearse_json (day, "--study", NULL);
  {
    gint64                day_end = rh_study_settings_get_day_start (&settings, day) + DAY;
    g_autoptr (GPtrArray) expected = g_ptr_array_new ();

    g_assert_cmpint (c2.due, <, day_end);
    g_assert_cmpint (c1.due, !=, c2.due);
    g_ptr_array_add (expected, (gpointer) q3);
    if (c1.due < day_end && c1.due < c2.due)
      g_ptr_array_add (expected, (gpointer) q1);
    g_ptr_array_add (expected, (gpointer) q2);
    if (c1.due < day_end && c1.due > c2.due)
      g_ptr_array_add (expected, (gpointer) q1);
    for (guint i = 3; i < 23; i++)
      g_ptr_array_add (expected, g_ptr_array_index (order, i));

    assert_counts (study, 20, 1, expected->len - 21);
    for (guint i = 0; i < expected->len; i++)
      g_assert_cmpstr (queue_at (study, i), ==, g_ptr_array_index (expected, i));
  }

  expect_review (&c2, RH_FSRS_GRADE_GOOD, day);
  g_clear_pointer (&graded, json_object_unref);
  graded = rehearse_json (day, "--grade", q2, "good", NULL);
  assert_card (graded, &c2);
  g_assert_cmpint (json_object_get_int_member (graded, "reps"), ==, 2);

  g_clear_pointer (&line, g_free);
  line = rehearse_ok (0, "--card", q2, NULL);
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (line, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, q2);
  due = iso (c2.due);
  g_assert_true (g_str_has_prefix (lines[1], "due="));
  g_assert_true (g_str_has_prefix (lines[1] + strlen ("due="), due));
  g_assert_true (g_str_has_prefix (lines[2], "2024-05-01T12:01:00Z\teasy\tnew -> review\tdue="));
  g_assert_nonnull (strstr (lines[3], "\tgood\treview -> review\tdue="));
  g_assert_cmpstr (lines[4], ==, "");

  /* A week later: only the cards of this scope. */
  g_clear_pointer (&study, json_object_unref);
  study = rehearse_json (day + 7 * DAY, "--study", "/python", NULL);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (study, "queue")); i++)
    g_assert_true (g_str_has_prefix (queue_at (study, i), "/python/"));
  g_assert_cmpint (json_object_get_int_member (study, "new"), ==, 20);

  /* Bookmarks written by another program show in their scope. */
  g_clear_pointer (&study, json_object_unref);
  study = rehearse_json (day, "--study", "bookmarks", NULL);
  assert_counts (study, 0, 0, 0);
  {
    g_autofree char    *path = rh_state_get_default_path ();
    g_autoptr (RhState) state = rh_state_open (path, NULL);
    g_auto (GStrv)      parts = g_strsplit (g_ptr_array_index (order, 7), "#", 2);
    g_autoptr (GError)  error = NULL;

    g_assert_nonnull (state);
    add_test_bookmark (state, parts[0], parts[1]);
    g_assert_no_error (error);
  }
  g_clear_pointer (&study, json_object_unref);
  study = rehearse_json (day, "--study", "bookmarks", NULL);
  assert_counts (study, 1, 0, 0);
  g_assert_cmpstr (queue_at (study, 0), ==, g_ptr_array_index (order, 7));
}

static void
test_errors (void)
{
  const char           *binary = g_getenv ("REHEARSE_BIN");
  const char           *q1;
  g_autoptr (GPtrArray) order = NULL;

  if (binary == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  order = library_order ();
  q1 = g_ptr_array_index (order, 0);

  rehearse_fails ("great", 1, "--grade", q1, "great", NULL);
  rehearse_fails ("/nope/x/y#z", 1, "--grade", "/nope/x/y#z", "good", NULL);
  rehearse_fails ("no-hash", 1, "--grade", "no-hash", "good", NULL);
  rehearse_fails ("yesterday", 1, "--grade", q1, "good", "--at", "yesterday", NULL);
  rehearse_fails ("2024-13-01T00:00:00Z", 1, "--study", "--at", "2024-13-01T00:00:00Z", NULL);
  rehearse_fails ("nope", 1, "--study", "nope", NULL);
  rehearse_fails ("/python/nope", 1, "--study", "--json", "/python/nope", NULL);
  rehearse_fails ("/nope/x/y#z", 1, "--card", "/nope/x/y#z", NULL);
  rehearse_fails ("grade", 2, "--grade", q1, NULL);
  rehearse_fails ("scope", 2, "--study", "python", "git", NULL);

  /* A review before the last one is refused and changes nothing. */
  {
    g_autofree char       *out = rehearse_ok (DAY1, "--grade", q1, "good", NULL);
    g_autoptr (JsonObject) card = NULL;

    rehearse_fails ("later than", 1, "--grade", q1, "good", "--at", "2024-04-01T00:00:00Z", NULL);
    card = rehearse_json (0, "--card", q1, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (card, "reviews")), ==, 1);
  }

  /* A question never reviewed is new, with no due time. */
  {
    g_autoptr (JsonObject) card = rehearse_json (0, "--card", g_ptr_array_index (order, 1), NULL);

    g_assert_cmpstr (json_object_get_string_member (card, "state"), ==, "new");
    g_assert_true (json_object_get_null_member (card, "due"));
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (card, "reviews")), ==, 0);
  }
}

static char *
steal_text (GOutputStream *stream)
{
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

/* The commands read the application's settings, here from the memory
 * backend the tests use. */
static void
test_settings (void)
{
  g_autoptr (GSettings)     gsettings = g_settings_new (APP_ID);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) grade_out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) grade_err = g_memory_output_stream_new_resizable ();
  g_autoptr (JsonObject)    study = NULL;
  g_autoptr (JsonObject)    graded = NULL;
  g_autoptr (GPtrArray)     order = library_order ();
  g_autofree char          *out_text = NULL;
  g_autofree char          *err_text = NULL;
  g_autofree char          *at = iso (DAY1);
  RhStudySettings           settings;
  RhFsrsParams              params;
  RhFsrsCard                card;

  g_assert_true (g_settings_set_int (gsettings, "new-cards-per-day", 2));
  g_assert_true (g_settings_set_double (gsettings, "desired-retention", 0.8));
  g_assert_true (g_settings_set_boolean (gsettings, "interval-fuzz", FALSE));

  g_assert_cmpint (rh_study_cli_run (NULL, at, TRUE, out, err), ==, 0);
  out_text = steal_text (out);
  err_text = steal_text (err);
  g_assert_cmpstr (err_text, ==, "");
  study = parse_object (out_text);
  assert_counts (study, 2, 0, 0);

  /* Easy goes straight to review, whose interval follows the retention. */
  g_assert_cmpint (rh_grade_cli_run (g_ptr_array_index (order, 0), "easy", at, TRUE, grade_out, grade_err), ==, 0);
  g_clear_pointer (&out_text, g_free);
  out_text = steal_text (grade_out);
  graded = parse_object (out_text);

  expected_settings (&settings, DAY1);
  settings.desired_retention = 0.8;
  settings.interval_fuzz = FALSE;
  rh_study_settings_get_fsrs_params (&settings, &params);
  rh_fsrs_card_init_new (&card, DAY1);
  g_assert_true (rh_fsrs_review (&params, &card, DAY1, RH_FSRS_GRADE_EASY, &card, NULL));
  assert_card (graded, &card);

  /* Not the defaults' interval. */
  {
    RhFsrsCard defaults;

    rh_study_settings_init_default (&settings);
    rh_study_settings_get_fsrs_params (&settings, &params);
    rh_fsrs_card_init_new (&defaults, DAY1);
    g_assert_true (rh_fsrs_review (&params, &defaults, DAY1, RH_FSRS_GRADE_EASY, &defaults, NULL));
    g_assert_cmpuint (defaults.scheduled_days, <, card.scheduled_days);
  }

  g_settings_reset (gsettings, "new-cards-per-day");
  g_settings_reset (gsettings, "desired-retention");
  g_settings_reset (gsettings, "interval-fuzz");
}

int
main (int   argc,
      char *argv[])
{
  /* As the commands run in test_days(): study days start at 04:00 UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/study-cli/days", test_days);
  g_test_add_func ("/study-cli/errors", test_errors);
  g_test_add_func ("/study-cli/settings", test_settings);

  return g_test_run ();
}
