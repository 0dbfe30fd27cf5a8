/* rh-grade-cli.c
 *
 * `rehearse --grade PATH#ID again|hard|good|easy [--at TIME] [--json]`:
 * records one review of a question in the library, as the window's
 * answer buttons do, and prints the card's new schedule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-grade-cli.h"
#include "rh-study-cli-util.h"

/**
 * rh_grade_cli_run:
 * @ref: the question, as `PATH#ID`
 * @grade: `again`, `hard`, `good` or `easy`
 * @at: (nullable): when, in ISO 8601; %NULL for now
 * @as_json: print a JSON object rather than a line
 * @out: where the schedule goes: `due=… state=… stability=… difficulty=…
 *   interval=… reps=… lapses=…`, or an object with `question`, `uid`,
 *   `grade` and the card's members (see rh_study_cli_util_add_card())
 * @err: where errors go, one per line
 *
 * Returns: the exit status: 0; 1 when the question, grade or time is
 *   unknown or the review could not be recorded
 */
int
rh_grade_cli_run (const char    *ref,
                  const char    *grade_text,
                  const char    *at_text,
                  gboolean       as_json,
                  GOutputStream *out,
                  GOutputStream *err)
{
  g_autoptr (RhLibrary)   library = NULL;
  g_autoptr (RhReviewLog) log = NULL;
  g_autoptr (RhReview)    review = NULL;
  g_autoptr (GError)      error = NULL;
  g_autofree char        *path = NULL;
  g_autofree char        *question_id = NULL;
  RhStudySettings         settings;
  RhFsrsGrade             grade;
  gint64                  at = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (ref != NULL, 2);
  g_return_val_if_fail (grade_text != NULL, 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 2);

  if (!rh_study_cli_util_parse_ref (ref, &path, &question_id))
    return rh_study_cli_util_fail (err, _ ("“%s” is not a question: expected PATH#ID"), ref);

  if (!rh_fsrs_grade_from_string (grade_text, &grade))
    return rh_study_cli_util_fail (err, _ ("“%s” is not a grade: expected again, hard, good or easy"), grade_text);

  if (at_text != NULL && !rh_study_cli_util_parse_time (at_text, &at, &error))
    return rh_study_cli_util_fail (err, "%s", error->message);

  library = rh_study_cli_util_load_library (err);
  if (rh_library_lookup_question (library, path, question_id) == NULL)
    return rh_study_cli_util_fail (err, _ ("There is no question “%s” in the library"), ref);

  rh_study_cli_util_load_settings (&settings, at);
  if (!(log = rh_study_cli_util_open_log (&error)) ||
      !(review = rh_review_log_grade (log, path, question_id, grade, at, -1, &settings, &error)))
    return rh_study_cli_util_fail (err, "%s", error->message);

  if (as_json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autofree char        *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, ref);
      json_builder_set_member_name (builder, "uid");
      json_builder_add_string_value (builder, review->uid);
      json_builder_set_member_name (builder, "grade");
      json_builder_add_string_value (builder, rh_fsrs_grade_to_string (review->grade));
      rh_study_cli_util_add_card (builder, NULL, &review->after, TRUE);
      json_builder_end_object (builder);

      text = rh_study_cli_util_to_json (builder);
      rh_study_cli_util_print (out, "%s", text);
    }
  else
    {
      g_autofree char *line = rh_study_cli_util_format_card (&review->after, TRUE);

      rh_study_cli_util_print (out, "%s\n", line);
    }

  return 0;
}
