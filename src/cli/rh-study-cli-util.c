/* rh-study-cli-util.c
 *
 * What `--grade`, `--study` and `--card` share: the library they study
 * (the bundled one and the user's imports, as the window loads it), the
 * state database, the settings, and how a time or a card is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-cli-util.h"
#include "rh-question-ref.h"
#include "rh-study-cli-util.h"

void
rh_study_cli_util_print (GOutputStream *stream,
                         const char    *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  /* Nothing useful can be done when stdout is gone. */
  g_output_stream_vprintf (stream, NULL, NULL, NULL, format, args);
  va_end (args);
}

/**
 * rh_study_cli_util_fail:
 *
 * Writes `rehearse: MESSAGE` and a newline to @err.
 *
 * Returns: 1, the exit status of a command that failed
 */
int
rh_study_cli_util_fail (GOutputStream *err,
                        const char    *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  rh_study_cli_util_print (err, "rehearse: %s\n", message);

  return 1;
}

/**
 * rh_study_cli_util_parse_ref:
 * @out_path: (out): the page path
 * @out_question_id: (out): the question id
 *
 * Returns: whether @text names a question, `PATH#ID`
 */
gboolean
rh_study_cli_util_parse_ref (const char *text,
                             char      **out_path,
                             char      **out_question_id)
{
  g_autoptr (RhQuestionRef) ref = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (text[0] != '/' || !(ref = rh_question_ref_parse (text)))
    return FALSE;

  *out_path = g_strdup (rh_question_ref_get_path (ref));
  *out_question_id = g_strdup (rh_question_ref_get_question_id (ref));

  return TRUE;
}

/**
 * rh_study_cli_util_parse_time:
 * @text: ISO 8601, such as `2024-05-01T09:30:00Z`; without a zone, the
 *   local time
 * @out_time: (out): Unix seconds
 */
gboolean
rh_study_cli_util_parse_time (const char *text,
                              gint64     *out_time,
                              GError    **error)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, local);

  if (time == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("“%s” is not a time: expected ISO 8601, such as 2024-05-01T09:30:00Z"), text);
      return FALSE;
    }

  *out_time = g_date_time_to_unix (time);

  return TRUE;
}

/**
 * rh_study_cli_util_format_time:
 *
 * Returns: (transfer full): @time as ISO 8601 in UTC, to the second
 */
char *
rh_study_cli_util_format_time (gint64 time)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (time);

  if (date == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, time);

  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * rh_study_cli_util_load_library:
 * @err: where to report files that failed to load
 *
 * The user's library, as the window loads it.
 *
 * Returns: (transfer full): the library
 */
RhLibrary *
rh_study_cli_util_load_library (GOutputStream *err)
{
  int        status;
  RhLibrary *library = rh_cli_util_load_library (NULL, 0, err, &status);

  /* A file that failed is reported; the study goes on with the rest. */
  return library != NULL ? library : rh_library_new ();
}

/**
 * rh_study_cli_util_open_log:
 *
 * Opens the user's state database, as the window does, creating it when
 * there is none. A damaged one is reported, not moved aside: that is for
 * the window, which can tell the user.
 *
 * Returns: (transfer full) (nullable): its review log
 */
RhReviewLog *
rh_study_cli_util_open_log (GError **error)
{
  g_autofree char    *path = rh_state_get_default_path ();
  g_autoptr (RhState) state = rh_state_open (path, error);

  if (state == NULL)
    return NULL;

  return rh_review_log_new (state, error);
}

/**
 * rh_study_cli_util_load_settings:
 * @at: the time studied: the study day's start depends on it
 *
 * The application's settings when its schema is installed (the tests
 * point GSETTINGS_SCHEMA_DIR at the build tree), the defaults otherwise.
 */
void
rh_study_cli_util_load_settings (RhStudySettings *settings,
                                 gint64           at)
{
  GSettingsSchemaSource      *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  rh_study_settings_init_default (settings);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      g_autoptr (GSettings) gsettings = g_settings_new_full (schema, NULL, NULL);

      rh_study_settings_load (settings, gsettings);
    }

  settings->day_offset = rh_study_settings_get_day_offset (NULL, at);
}

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Not the locale's decimal comma: scripts read this. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

/* Days for a review card, minutes for a step. */
static char *
format_interval (const RhFsrsCard *card)
{
  if (card->state == RH_FSRS_STATE_REVIEW)
    return g_strdup_printf ("%ud", card->scheduled_days);

  return g_strdup_printf ("%" G_GINT64_FORMAT "m", (MAX (card->due - card->last_review, 0) + 30) / 60);
}

/**
 * rh_study_cli_util_format_card:
 * @reviewed: whether the card was ever reviewed
 *
 * Returns: (transfer full): one line, such as `due=2024-05-02T09:30:00Z
 *   state=review stability=3.1262 difficulty=5.3141 interval=3d reps=2
 *   lapses=0`; only `state=new reps=0 lapses=0` for a card never seen
 */
char *
rh_study_cli_util_format_card (const RhFsrsCard *card,
                               gboolean          reviewed)
{
  g_autofree char *due = NULL;
  g_autofree char *stability = NULL;
  g_autofree char *difficulty = NULL;
  g_autofree char *interval = NULL;

  g_return_val_if_fail (card != NULL, NULL);

  if (!reviewed)
    return g_strdup_printf ("state=%s reps=%u lapses=%u", rh_fsrs_state_to_string (card->state), card->reps, card->lapses);

  due = rh_study_cli_util_format_time (card->due);
  stability = format_double (card->stability);
  difficulty = format_double (card->difficulty);
  interval = format_interval (card);

  return g_strdup_printf ("due=%s state=%s stability=%s difficulty=%s interval=%s reps=%u lapses=%u",
                          due, rh_fsrs_state_to_string (card->state), stability, difficulty, interval,
                          card->reps, card->lapses);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       time,
          gboolean     known)
{
  json_builder_set_member_name (builder, name);
  if (known)
    {
      g_autofree char *text = rh_study_cli_util_format_time (time);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/**
 * rh_study_cli_util_add_card:
 * @key: (nullable): the member to hold the card as an object, or %NULL to
 *   add its members to the object being built
 * @reviewed: whether the card was ever reviewed; a card never seen has
 *   no due time or last review (both %NULL)
 *
 * `due` and `last_review` are ISO 8601 in UTC; `state`, `stability`,
 * `difficulty`, `scheduled_days`, `learning_step`, `reps` and `lapses`
 * are the card's.
 */
void
rh_study_cli_util_add_card (JsonBuilder      *builder,
                            const char       *key,
                            const RhFsrsCard *card,
                            gboolean          reviewed)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (card != NULL);

  if (key != NULL)
    {
      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
    }

  add_time (builder, "due", card->due, reviewed);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, rh_fsrs_state_to_string (card->state));
  json_builder_set_member_name (builder, "stability");
  json_builder_add_double_value (builder, card->stability);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_double_value (builder, card->difficulty);
  json_builder_set_member_name (builder, "scheduled_days");
  json_builder_add_int_value (builder, card->scheduled_days);
  json_builder_set_member_name (builder, "learning_step");
  json_builder_add_int_value (builder, card->learning_step);
  json_builder_set_member_name (builder, "reps");
  json_builder_add_int_value (builder, card->reps);
  json_builder_set_member_name (builder, "lapses");
  json_builder_add_int_value (builder, card->lapses);
  add_time (builder, "last_review", card->last_review, reviewed && (card->state != RH_FSRS_STATE_NEW || card->reps > 0));

  if (key != NULL)
    json_builder_end_object (builder);
}

/**
 * rh_study_cli_util_to_json:
 *
 * Returns: (transfer full): what @builder built, on one line, with a
 *   newline
 */
char *
rh_study_cli_util_to_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode)      root = json_builder_get_root (builder);
  g_autofree char          *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}
