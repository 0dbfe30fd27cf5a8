/* rh-study-cli.c
 *
 * `rehearse --study [--at TIME] [--json] [SCOPE]`: what is due, with the
 * day's limits applied, in the order the window shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-study-cli-util.h"
#include "rh-study-cli.h"
#include "rh-study-queue.h"
#include "rh-subtopic.h"

static char *
dup_key (RhQuestion *question)
{
  return g_strconcat (rh_subtopic_get_path (rh_question_get_subtopic (question)), "#",
                      rh_question_get_id (question), NULL);
}

static void
print_json (RhStudyQueue  *queue,
            GOutputStream *out)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char        *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "new");
  json_builder_add_int_value (builder, rh_study_queue_get_n_new (queue));
  json_builder_set_member_name (builder, "learning");
  json_builder_add_int_value (builder, rh_study_queue_get_n_learning (queue));
  json_builder_set_member_name (builder, "review");
  json_builder_add_int_value (builder, rh_study_queue_get_n_review (queue));
  json_builder_set_member_name (builder, "queue");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autofree char *key = dup_key (rh_study_queue_peek_question (queue, i));

      json_builder_add_string_value (builder, key);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  text = rh_study_cli_util_to_json (builder);
  rh_study_cli_util_print (out, "%s", text);
}

static void
print_lines (RhStudyQueue  *queue,
             GOutputStream *out)
{
  rh_study_cli_util_print (out, "new=%u learning=%u review=%u\n",
                           rh_study_queue_get_n_new (queue),
                           rh_study_queue_get_n_learning (queue),
                           rh_study_queue_get_n_review (queue));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      RhQuestion      *question = rh_study_queue_peek_question (queue, i);
      g_autofree char *key = dup_key (question);
      g_autofree char *text = g_strdup (rh_question_get_question (question));

      /* One line per card, whatever the question holds. */
      g_strdelimit (text, "\t\r\n", ' ');
      rh_study_cli_util_print (out, "%s\t%s\t%s\n", key,
                               rh_study_kind_to_string (rh_study_queue_get_kind (queue, i)), text);
    }
}

/**
 * rh_study_cli_run:
 * @scope: (nullable): a framework, topic or page path, or `bookmarks`;
 *   %NULL for the whole library
 * @at: (nullable): when, in ISO 8601; %NULL for now
 * @as_json: print `{"new": N, "learning": N, "review": N, "queue":
 *   ["PATH#ID", …]}` rather than lines
 * @out: where the queue goes: `new=N learning=N review=N`, then one line
 *   per card in order, `PATH#ID<TAB>new|learning|review<TAB>question`
 * @err: where errors go, one per line
 *
 * Returns: the exit status: 0; 1 when the scope or the time is unknown
 *   or the state database cannot be read
 */
int
rh_study_cli_run (const char    *scope,
                  const char    *at_text,
                  gboolean       as_json,
                  GOutputStream *out,
                  GOutputStream *err)
{
  g_autoptr (RhLibrary)    library = NULL;
  g_autoptr (RhReviewLog)  log = NULL;
  g_autoptr (RhStudyQueue) queue = NULL;
  g_autoptr (GError)       error = NULL;
  RhStudySettings          settings;
  gint64                   at = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 2);

  if (at_text != NULL && !rh_study_cli_util_parse_time (at_text, &at, &error))
    return rh_study_cli_util_fail (err, "%s", error->message);

  library = rh_study_cli_util_load_library (err);
  rh_study_cli_util_load_settings (&settings, at);

  if (!(log = rh_study_cli_util_open_log (&error)) ||
      !(queue = rh_study_queue_new (library, log, scope, at, &settings, &error)))
    return rh_study_cli_util_fail (err, "%s", error->message);

  if (as_json)
    print_json (queue, out);
  else
    print_lines (queue, out);

  return 0;
}
