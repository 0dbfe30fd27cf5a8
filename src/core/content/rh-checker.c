/* rh-checker.c
 *
 * `rehearse --check`: loads content with no window and reports the tree,
 * for content authors and for the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rh-library-load.h"
#include "rh-checker.h"
#include "rh-content-dirs.h"

/**
 * rh_checker_format_tree:
 *
 * Returns: (transfer full): one line per subtopic, such as
 *   `Python › Concurrency & Parallelism › Multiprocessing: 6 questions`
 */
char *
rh_checker_format_tree (RhLibrary *library)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr (RhFramework) framework = g_list_model_get_item (G_LIST_MODEL (library), i);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (framework)); j++)
        {
          g_autoptr (RhTopic) topic = g_list_model_get_item (G_LIST_MODEL (framework), j);

          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (topic)); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), k);
              guint                  n = rh_subtopic_get_n_questions (subtopic);

              g_string_append_printf (text, "%s › %s › %s: ",
                                      rh_framework_get_title (framework),
                                      rh_topic_get_title (topic),
                                      rh_subtopic_get_title (subtopic));

              if (rh_subtopic_get_available (subtopic))
                g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", n), n);
              else
                g_string_append (text, _ ("not available"));

              g_string_append_c (text, '\n');
            }
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_subtopic (JsonBuilder *builder,
                RhSubtopic  *subtopic)
{
  json_builder_begin_object (builder);
  add_string (builder, "title", rh_subtopic_get_title (subtopic));
  add_string (builder, "slug", rh_subtopic_get_slug (subtopic));
  add_string (builder, "path", rh_subtopic_get_path (subtopic));
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, rh_subtopic_get_available (subtopic));
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (subtopic)); i++)
    {
      g_autoptr (RhQuestion) question = g_list_model_get_item (G_LIST_MODEL (subtopic), i);

      json_builder_begin_object (builder);
      add_string (builder, "id", rh_question_get_id (question));
      add_string (builder, "difficulty", rh_difficulty_to_string (rh_question_get_difficulty (question)));
      add_string (builder, "q", rh_question_get_question (question));
      add_string (builder, "a", rh_question_get_answer (question));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_topics (JsonBuilder *builder,
              RhFramework *framework)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (framework)); i++)
    {
      g_autoptr (RhTopic) topic = g_list_model_get_item (G_LIST_MODEL (framework), i);

      json_builder_begin_object (builder);
      add_string (builder, "title", rh_topic_get_title (topic));
      add_string (builder, "slug", rh_topic_get_slug (topic));
      json_builder_set_member_name (builder, "subtopics");
      json_builder_begin_array (builder);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (topic)); j++)
        {
          g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), j);

          build_subtopic (builder, subtopic);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
}

/**
 * rh_checker_format_json:
 * @results: (element-type RhLoadResult)
 *
 * Text is given exactly as decoded: nothing is trimmed or rewritten.
 *
 * Returns: (transfer full): the report as JSON
 */
char *
rh_checker_format_json (RhLibrary *library,
                        GPtrArray *results)
{
  g_autoptr (JsonBuilder)   builder = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode)      root = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (results != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);

  for (guint i = 0; i < results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      add_string (builder, "file", result->file);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, result->error == NULL);
      add_string (builder, "error", result->error != NULL ? result->error->message : NULL);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "frameworks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr (RhFramework) framework = g_list_model_get_item (G_LIST_MODEL (library), i);

      json_builder_begin_object (builder);
      add_string (builder, "title", rh_framework_get_title (framework));
      add_string (builder, "slug", rh_framework_get_slug (framework));
      json_builder_set_member_name (builder, "topics");
      json_builder_begin_array (builder);
      build_topics (builder, framework);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/**
 * rh_checker_run:
 * @files: (array length=n_files): content files, and folders of them
 * @out_report: (out) (transfer full): what goes to standard output
 * @out_errors: (out) (transfer full): what goes to standard error
 *
 * Returns: the exit status: 0 when every file loaded, else 1
 */
int
rh_checker_run (const char *const *files,
                guint              n_files,
                gboolean           as_json,
                char             **out_report,
                char             **out_errors)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) expanded = NULL;
  g_autoptr (GPtrArray) folder_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr (GString)   errors = g_string_new (NULL);
  int                   status = 0;

  g_return_val_if_fail (out_report != NULL, 1);
  g_return_val_if_fail (out_errors != NULL, 1);

  /* A folder stands for every content file under it. */
  expanded = rh_content_dirs_expand (files, n_files, folder_errors);
  results = rh_library_load_files (library, (const char *const *) expanded->pdata, expanded->len);

  for (guint i = 0; i < folder_errors->len; i++)
    {
      g_string_append_printf (errors, "%s\n", ((GError *) g_ptr_array_index (folder_errors, i))->message);
      status = 1;
    }

  for (guint i = 0; i < results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL)
        {
          g_string_append_printf (errors, "%s\n", result->error->message);
          status = 1;
        }
    }

  if (n_files == 0)
    {
      g_string_append_printf (errors, "%s\n", _ ("No content files given"));
      status = 1;
    }

  if (as_json)
    *out_report = rh_checker_format_json (library, results);
  else
    *out_report = rh_checker_format_tree (library);

  *out_errors = g_string_free (g_steal_pointer (&errors), FALSE);

  return status;
}
