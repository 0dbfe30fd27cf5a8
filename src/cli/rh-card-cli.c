/* rh-card-cli.c
 *
 * `rehearse --card PATH#ID [--json]`: one card's state and every review
 * of it, oldest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-cli.h"
#include "rh-study-cli-util.h"

static void
print_json (const char       *ref,
            const RhFsrsCard *card,
            gboolean          found,
            gboolean          in_library,
            GPtrArray        *reviews,
            GOutputStream    *out)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char        *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, ref);
  json_builder_set_member_name (builder, "in_library");
  json_builder_add_boolean_value (builder, in_library);
  rh_study_cli_util_add_card (builder, NULL, card, found);

  json_builder_set_member_name (builder, "reviews");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reviews->len; i++)
    {
      const RhReview  *review = g_ptr_array_index (reviews, i);
      g_autofree char *at = rh_study_cli_util_format_time (review->reviewed_at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uid");
      json_builder_add_string_value (builder, review->uid);
      json_builder_set_member_name (builder, "grade");
      json_builder_add_string_value (builder, rh_fsrs_grade_to_string (review->grade));
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, at);
      json_builder_set_member_name (builder, "elapsed_days");
      json_builder_add_int_value (builder, review->elapsed_days);
      json_builder_set_member_name (builder, "duration_ms");
      if (review->duration_ms >= 0)
        json_builder_add_int_value (builder, review->duration_ms);
      else
        json_builder_add_null_value (builder);
      rh_study_cli_util_add_card (builder, "before", &review->before, TRUE);
      rh_study_cli_util_add_card (builder, "after", &review->after, TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  text = rh_study_cli_util_to_json (builder);
  rh_study_cli_util_print (out, "%s", text);
}

static void
print_lines (const char       *ref,
             const RhFsrsCard *card,
             gboolean          found,
             GPtrArray        *reviews,
             GOutputStream    *out)
{
  g_autofree char *line = rh_study_cli_util_format_card (card, found);

  rh_study_cli_util_print (out, "%s\n%s\n", ref, line);

  for (guint i = 0; i < reviews->len; i++)
    {
      const RhReview  *review = g_ptr_array_index (reviews, i);
      g_autofree char *at = rh_study_cli_util_format_time (review->reviewed_at);
      g_autofree char *due = rh_study_cli_util_format_time (review->after.due);

      rh_study_cli_util_print (out, "%s\t%s\t%s -> %s\tdue=%s\n", at,
                               rh_fsrs_grade_to_string (review->grade),
                               rh_fsrs_state_to_string (review->before.state),
                               rh_fsrs_state_to_string (review->after.state), due);
    }
}

/**
 * rh_card_cli_run:
 * @ref: the question, as `PATH#ID`
 * @as_json: print a JSON object rather than lines
 * @out: where the card goes: the question, its schedule as `--grade`
 *   prints it, then one line per review, oldest first:
 *   `TIME<TAB>GRADE<TAB>STATE -> STATE<TAB>due=TIME`; or an object with
 *   `question`, `in_library`, the card's members and `reviews`, each with
 *   `uid`, `grade`, `at`, `elapsed_days`, `duration_ms`, `before` and
 *   `after`
 * @err: where errors go, one per line
 *
 * A question that has left the library still shows, if it was reviewed.
 *
 * Returns: the exit status: 0; 1 when neither the library nor the log
 *   knows the question, or the state database cannot be read
 */
int
rh_card_cli_run (const char    *ref,
                 gboolean       as_json,
                 GOutputStream *out,
                 GOutputStream *err)
{
  g_autoptr (RhLibrary)   library = NULL;
  g_autoptr (RhReviewLog) log = NULL;
  g_autoptr (GPtrArray)   reviews = NULL;
  g_autoptr (GError)      error = NULL;
  g_autofree char        *path = NULL;
  g_autofree char        *question_id = NULL;
  RhFsrsCard              card;
  gboolean                found = FALSE;
  gboolean                in_library;

  g_return_val_if_fail (ref != NULL, 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 2);

  if (!rh_study_cli_util_parse_ref (ref, &path, &question_id))
    return rh_study_cli_util_fail (err, _ ("“%s” is not a question: expected PATH#ID"), ref);

  library = rh_study_cli_util_load_library (err);
  in_library = rh_library_lookup_question (library, path, question_id) != NULL;

  if (!(log = rh_study_cli_util_open_log (&error)) ||
      !rh_review_log_lookup_card (log, path, question_id, &card, &found, &error) ||
      !(reviews = rh_review_log_list_reviews (log, path, question_id, &error)))
    return rh_study_cli_util_fail (err, "%s", error->message);

  if (!in_library && !found)
    return rh_study_cli_util_fail (err, _ ("There is no question “%s” in the library or the review log"), ref);

  if (as_json)
    print_json (ref, &card, found, in_library, reviews, out);
  else
    print_lines (ref, &card, found, reviews, out);

  return 0;
}
