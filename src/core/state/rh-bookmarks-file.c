/* rh-bookmarks-file.c
 *
 * The bookmarks file, as exported and imported:
 * `{"format": "rehearse-bookmarks", "version": 1, "bookmarks": [...]}`.
 * Untrusted like any content file: every error names the place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-file.h"
#include "rh-content-error.h"
#include "rh-json-guard.h"
#include "rh-page-data.h"

#define EXPORT_FORMAT "rehearse-bookmarks"
#define EXPORT_VERSION 1

static char *
format_time (gint64 usec)
{
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr (GDateTime) exact = seconds ? g_date_time_add (seconds, usec % G_USEC_PER_SEC) : NULL;

  return exact != NULL ? g_date_time_format_iso8601 (exact) : NULL;
}

/**
 * rh_bookmarks_file_format:
 * @bookmarks: (element-type RhBookmark)
 *
 * Returns: (transfer full): the bookmarks file, in the order given
 */
char *
rh_bookmarks_file_format (GListModel *bookmarks,
                          gsize      *out_length)
{
  g_autoptr (JsonBuilder)   builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode)      root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, EXPORT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, EXPORT_VERSION);
  json_builder_set_member_name (builder, "bookmarks");
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (bookmarks); i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (bookmarks, i);
      RhQuestionRef         *ref = rh_bookmark_get_ref (bookmark);
      g_autofree char       *created = format_time (rh_bookmark_get_created_at (bookmark));
      const struct
      {
        const char *name;
        const char *value;
      } members[] = {
        { "path", rh_question_ref_get_path (ref) },
        { "id", rh_question_ref_get_question_id (ref) },
        { "question", rh_bookmark_get_question (bookmark) },
        { "framework", rh_bookmark_get_framework (bookmark) },
        { "topic", rh_bookmark_get_topic (bookmark) },
        { "subtopic", rh_bookmark_get_subtopic (bookmark) },
        { "created", created },
      };

      json_builder_begin_object (builder);
      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        {
          if (members[j].value == NULL)
            continue;
          json_builder_set_member_name (builder, members[j].name);
          json_builder_add_string_value (builder, members[j].value);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, out_length);
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Reads member @name of bookmarks[@index]: required ones must be
 * non-empty strings; optional ones may also be null or absent.
 */
static gboolean
read_member (JsonObject  *object,
             guint        index,
             const char  *name,
             gboolean     required,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (!required && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;

  if (node == NULL)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_MISSING_FIELD,
                   _ ("bookmarks[%u].%s: missing"), index, name);
      return FALSE;
    }

  if (!is_string (node))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE,
                   _ ("bookmarks[%u].%s: expected a string, found %s"), index, name, rh_json_guard_describe (node));
      return FALSE;
    }

  *out = json_node_get_string (node);
  if (required && **out == '\0')
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("bookmarks[%u].%s: must not be empty"), index, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_time (const char *text,
            gint64     *out_usec)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

  if (time == NULL)
    return FALSE;

  *out_usec = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);

  return *out_usec >= 0;
}

static RhBookmark *
read_bookmark (JsonNode *node,
               guint     index,
               gint64    now,
               GError  **error)
{
  g_autoptr (RhQuestionRef) ref = NULL;
  JsonObject               *object;
  const char               *path, *id, *question, *framework, *topic, *subtopic, *created;
  gint64                    created_at = now;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE,
                   _ ("bookmarks[%u]: expected an object, found %s"), index, rh_json_guard_describe (node));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!read_member (object, index, "path", TRUE, &path, error) ||
      !read_member (object, index, "id", TRUE, &id, error) ||
      !read_member (object, index, "question", FALSE, &question, error) ||
      !read_member (object, index, "framework", FALSE, &framework, error) ||
      !read_member (object, index, "topic", FALSE, &topic, error) ||
      !read_member (object, index, "subtopic", FALSE, &subtopic, error) ||
      !read_member (object, index, "created", FALSE, &created, error))
    return NULL;

  if (!rh_path_split (path, NULL, NULL, NULL))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("bookmarks[%u].path: “%s” is not a page path (/framework/topic/subtopic)"), index, path);
      return NULL;
    }

  if (created != NULL && !parse_time (created, &created_at))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("bookmarks[%u].created: “%s” is not an ISO 8601 date and time"), index, created);
      return NULL;
    }

  ref = rh_question_ref_new (path, id);

  return rh_bookmark_new (ref, question, framework, topic, subtopic, created_at);
}

/**
 * rh_bookmarks_file_read:
 *
 * Reads and checks a whole bookmarks file, before anything is written.
 *
 * Returns: (transfer full) (element-type RhBookmark) (nullable): the
 *   bookmarks, or %NULL with @error naming the place (the caller adds the
 *   file's name)
 */
GPtrArray *
rh_bookmarks_file_read (const char *file,
                        GError    **error)
{
  g_autoptr (GPtrArray) bookmarks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError)    parse_error = NULL;
  g_autoptr (JsonNode)  root = NULL;
  g_autofree char      *data = NULL;
  JsonObject           *object;
  JsonNode             *member;
  JsonArray            *array;
  GStatBuf              st;
  gsize                 length;
  gint64                now = g_get_real_time ();

  if (g_stat (file, &st) == 0 && st.st_size > RH_CONTENT_MAX_FILE_SIZE)
    {
      rh_content_error_set_too_large (error);
      return NULL;
    }

  if (!g_file_get_contents (file, &data, &length, &parse_error))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ,
                   _ ("cannot be read: %s"), parse_error->message);
      return NULL;
    }

  if (!(root = rh_json_guard_parse (data, length, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                   _ ("expected an object, found %s"), rh_json_guard_describe (root));
      return NULL;
    }

  object = json_node_get_object (root);
  member = json_object_get_member (object, "format");
  if (!is_string (member) || !g_str_equal (json_node_get_string (member), EXPORT_FORMAT))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                   _ ("format: expected “%s”; this is not a Rehearse bookmarks file"), EXPORT_FORMAT);
      return NULL;
    }

  member = json_object_get_member (object, "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE,
                   _ ("version: expected a whole number, found %s"), rh_json_guard_describe (member));
      return NULL;
    }
  if (json_node_get_int (member) != EXPORT_VERSION)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNSUPPORTED_VERSION,
                   _ ("version: %lld is not supported (this version of Rehearse reads %d)"),
                   (long long) json_node_get_int (member), EXPORT_VERSION);
      return NULL;
    }

  member = json_object_get_member (object, "bookmarks");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, RH_CONTENT_ERROR, member == NULL ? RH_CONTENT_ERROR_MISSING_FIELD : RH_CONTENT_ERROR_WRONG_TYPE,
                   _ ("bookmarks: expected an array, found %s"), rh_json_guard_describe (member));
      return NULL;
    }

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RhBookmark *bookmark = read_bookmark (json_array_get_element (array, i), i, now, error);

      if (bookmark == NULL)
        return NULL;
      g_ptr_array_add (bookmarks, bookmark);
    }

  return g_steal_pointer (&bookmarks);
}
