/* rh-bookmarks-file.c
 *
 * The bookmarks file, as exported and imported:
 * `{"format": "rehearse-bookmarks", "version": 1, "bookmarks": [...]}`.
 * Untrusted like any content file: every error names the place. The
 * reader and the writer hold bookmarks to the same limits, so that what
 * one writes the other reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-file.h"
#include "rh-content-error.h"
#include "rh-json-guard.h"
#include "rh-page-data.h"

#define EXPORT_FORMAT "rehearse-bookmarks"
#define EXPORT_VERSION 1

/* How often the reader reports, in entries. */
#define PROGRESS_STEP 1000

typedef struct
{
  const char *name;
  guint       max_chars;
  gboolean    required;
} Field;

typedef enum
{
  FIELD_PATH,
  FIELD_ID,
  FIELD_QUESTION,
  FIELD_FRAMEWORK,
  FIELD_TOPIC,
  FIELD_SUBTOPIC,
  FIELD_CREATED,
  N_FIELDS
} FieldIndex;

static const Field fields[N_FIELDS] = {
  [FIELD_PATH] = { "path", RH_BOOKMARKS_FILE_MAX_PATH, TRUE },
  [FIELD_ID] = { "id", RH_BOOKMARKS_FILE_MAX_ID, TRUE },
  [FIELD_QUESTION] = { "question", RH_BOOKMARKS_FILE_MAX_QUESTION, FALSE },
  [FIELD_FRAMEWORK] = { "framework", RH_BOOKMARKS_FILE_MAX_TITLE, FALSE },
  [FIELD_TOPIC] = { "topic", RH_BOOKMARKS_FILE_MAX_TITLE, FALSE },
  [FIELD_SUBTOPIC] = { "subtopic", RH_BOOKMARKS_FILE_MAX_TITLE, FALSE },
  [FIELD_CREATED] = { "created", RH_BOOKMARKS_FILE_MAX_CREATED, FALSE },
};

static void
set_time_range_error (GError    **error,
                      guint       index,
                      const char *text)
{
  g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
               _ ("bookmarks[%u].created: “%s” is outside the years 1 to 9999 (UTC) that Rehearse can keep"),
               index, text);
}

static char *
format_time (gint64 usec)
{
  g_autoptr (GDateTime) seconds = NULL;
  g_autoptr (GDateTime) exact = NULL;

  if (usec < RH_BOOKMARKS_FILE_MIN_TIME || usec > RH_BOOKMARKS_FILE_MAX_TIME)
    return NULL;

  /* Rounded down, so that the microseconds added are never negative. */
  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC - (usec % G_USEC_PER_SEC < 0));
  exact = seconds ? g_date_time_add (seconds, (usec % G_USEC_PER_SEC + G_USEC_PER_SEC) % G_USEC_PER_SEC) : NULL;

  return exact != NULL ? g_date_time_format_iso8601 (exact) : NULL;
}

static gboolean
check_text (guint       index,
            FieldIndex  field,
            const char *value,
            GError    **error)
{
  /* Counting stops one past the limit: a long text costs no more. */
  const char *p = value;
  guint       n = 0;

  while (*p != '\0' && n <= fields[field].max_chars)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (n > fields[field].max_chars)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("bookmarks[%u].%s: longer than %'u characters"), index, fields[field].name,
                   fields[field].max_chars);
      return FALSE;
    }

  if (fields[field].required && *value == '\0')
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("bookmarks[%u].%s: must not be empty"), index, fields[field].name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_path (guint       index,
            const char *path,
            GError    **error)
{
  if (!rh_path_split (path, NULL, NULL, NULL))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("bookmarks[%u].path: “%s” is not a page path (/framework/topic/subtopic)"), index, path);
      return FALSE;
    }

  return TRUE;
}

/**
 * rh_bookmarks_file_check:
 * @index: its place in the file, for the error
 *
 * Whether @bookmark may be written to a bookmarks file, by the rules the
 * reader applies: the writer checks every bookmark with it, so that no
 * file it writes is refused when read.
 */
gboolean
rh_bookmarks_file_check (RhBookmark *bookmark,
                         guint       index,
                         GError    **error)
{
  RhQuestionRef *ref;
  const char    *values[N_FIELDS - 1];

  g_return_val_if_fail (RH_IS_BOOKMARK (bookmark), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ref = rh_bookmark_get_ref (bookmark);
  values[FIELD_PATH] = rh_question_ref_get_path (ref);
  values[FIELD_ID] = rh_question_ref_get_question_id (ref);
  values[FIELD_QUESTION] = rh_bookmark_get_question (bookmark);
  values[FIELD_FRAMEWORK] = rh_bookmark_get_framework (bookmark);
  values[FIELD_TOPIC] = rh_bookmark_get_topic (bookmark);
  values[FIELD_SUBTOPIC] = rh_bookmark_get_subtopic (bookmark);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      /* What the reader's guard would refuse in the file. */
      if (!rh_json_guard_is_clean_text (values[i]))
        {
          g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_UTF8,
                       _ ("bookmarks[%u].%s: not valid text (UTF-8 without control characters)"), index,
                       fields[i].name);
          return FALSE;
        }
      if (!check_text (index, i, values[i], error))
        return FALSE;
    }

  if (!check_path (index, values[FIELD_PATH], error))
    return FALSE;

  if (rh_bookmark_get_created_at (bookmark) < RH_BOOKMARKS_FILE_MIN_TIME ||
      rh_bookmark_get_created_at (bookmark) > RH_BOOKMARKS_FILE_MAX_TIME)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " µs", rh_bookmark_get_created_at (bookmark));

      set_time_range_error (error, index, text);
      return FALSE;
    }

  return TRUE;
}

/**
 * rh_bookmarks_file_format:
 * @bookmarks: (element-type RhBookmark)
 * @out_length: (out) (optional): the file's length
 *
 * Refuses, rather than write a file that would not read back: more than
 * %RH_BOOKMARKS_FILE_MAX_ENTRIES bookmarks, a bookmark that
 * rh_bookmarks_file_check() refuses, or a file larger than
 * %RH_CONTENT_MAX_FILE_SIZE. A file within the entry and field limits
 * can still be larger: at most 1,024 + 1,024 + 4,096 + 3 × 1,024 = 9,216
 * characters of text an entry, up to 4 bytes each in UTF-8 (2 for an
 * escaped tab or line break), make some 37 KB, and 100,000 of them
 * some 3.7 GB; the size is therefore checked on the file as written.
 *
 * Returns: (transfer full) (nullable): the bookmarks file, in the order
 *   given, or %NULL with @error naming the bookmark and the place
 */
char *
rh_bookmarks_file_format (GListModel *bookmarks,
                          gsize      *out_length,
                          GError    **error)
{
  g_autoptr (JsonBuilder)   builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode)      root = NULL;
  g_autofree char          *data = NULL;
  gsize                     length;
  guint                     n;

  g_return_val_if_fail (G_IS_LIST_MODEL (bookmarks), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = g_list_model_get_n_items (bookmarks);
  if (n > RH_BOOKMARKS_FILE_MAX_ENTRIES)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE,
                   _ ("%'u bookmarks are more than the %'u a bookmarks file may hold"), n,
                   (guint) RH_BOOKMARKS_FILE_MAX_ENTRIES);
      return NULL;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, EXPORT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, EXPORT_VERSION);
  json_builder_set_member_name (builder, "bookmarks");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (bookmarks, i);
      RhQuestionRef         *ref = rh_bookmark_get_ref (bookmark);
      g_autofree char       *created = NULL;

      if (!rh_bookmarks_file_check (bookmark, i, error))
        {
          g_autofree char *name = rh_question_ref_format (ref);

          g_prefix_error (error, "%s: ", name);
          return NULL;
        }

      created = format_time (rh_bookmark_get_created_at (bookmark));
      {
        const char *const values[N_FIELDS] = {
          [FIELD_PATH] = rh_question_ref_get_path (ref),
          [FIELD_ID] = rh_question_ref_get_question_id (ref),
          [FIELD_QUESTION] = rh_bookmark_get_question (bookmark),
          [FIELD_FRAMEWORK] = rh_bookmark_get_framework (bookmark),
          [FIELD_TOPIC] = rh_bookmark_get_topic (bookmark),
          [FIELD_SUBTOPIC] = rh_bookmark_get_subtopic (bookmark),
          [FIELD_CREATED] = created,
        };

        json_builder_begin_object (builder);
        for (guint j = 0; j < N_FIELDS; j++)
          {
            json_builder_set_member_name (builder, fields[j].name);
            json_builder_add_string_value (builder, values[j]);
          }
        json_builder_end_object (builder);
      }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  g_clear_object (&builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  if (length > RH_CONTENT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE,
                   _ ("%'u bookmarks make a file of %s, larger than the %u MiB a bookmarks file may be"), n, size,
                   RH_CONTENT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (out_length != NULL)
    *out_length = length;

  return g_steal_pointer (&data);
}

/**
 * rh_bookmarks_file_shorten:
 * @max_chars: how many characters to keep at most
 *
 * For copies of content texts kept with a bookmark, so that what is
 * bookmarked can be exported: cut at a character, with an ellipsis.
 *
 * Returns: (transfer full): @text, or its first @max_chars characters
 */
char *
rh_bookmarks_file_shorten (const char *text,
                           guint       max_chars)
{
  g_autofree char *kept = NULL;
  const char      *p = text;
  guint            n = 0;

  g_return_val_if_fail (max_chars > 0, NULL);

  if (text == NULL)
    return NULL;

  while (*p != '\0' && n < max_chars)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (*p == '\0')
    return g_strdup (text);

  /* The last character kept makes way for the ellipsis. */
  kept = g_strndup (text, g_utf8_prev_char (p) - text);

  return g_strconcat (kept, "…", NULL);
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Reads member @field of bookmarks[@index]: required ones must be
 * non-empty strings; optional ones may also be null or absent.
 */
static gboolean
read_member (JsonObject  *object,
             guint        index,
             FieldIndex   field,
             const char **out,
             GError     **error)
{
  const char *name = fields[field].name;
  JsonNode   *node = json_object_get_member (object, name);

  *out = NULL;

  if (!fields[field].required && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
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

  return check_text (index, field, *out, error);
}

typedef enum
{
  TIME_OK,
  TIME_INVALID,
  TIME_OUT_OF_RANGE,
} TimeResult;

static gboolean
read_digits (const char **p,
             guint        count,
             guint       *out)
{
  *out = 0;
  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *out = *out * 10 + (guint) ((*p)[i] - '0');
    }
  *p += count;

  return TRUE;
}

/* A decimal fraction, as ISO 8601 allows on the last part of a time, in
 * millionths (more digits are cut off, as GDateTime does).
 */
static gboolean
read_fraction (const char **p,
               gint64      *out_millionths)
{
  gint64 scale = 100000;

  *out_millionths = 0;
  if (**p != '.' && **p != ',')
    return TRUE;

  (*p)++;
  if (!g_ascii_isdigit (**p))
    return FALSE;

  for (; g_ascii_isdigit (**p); (*p)++)
    {
      *out_millionths += (**p - '0') * scale;
      scale /= 10;
    }

  return TRUE;
}

/* GDateTime reads ISO 8601 dates and times with their seconds, and
 * fractions of a second of a few digits. The standard also has a time
 * cut short to hours and minutes, or to hours, with a decimal fraction
 * on its last part, any number of digits in a fraction, and 24:00 for
 * the end of a day; RFC 3339 adds a lower-case t and z. The time is
 * rewritten in the full form GDateTime reads, to the microsecond, and
 * @out_end_of_day says whether 24:00 was written as 00:00 of the same
 * day.
 */
static char *
normalize_time (const char *text,
                gboolean   *out_end_of_day)
{
  g_autofree char *copy = g_strdup (text);
  char            *designator;
  const char      *p;
  const char      *offset;
  guint            hours, minutes = 0, seconds = 0;
  gint64           fraction = 0;
  gint64           usec;
  gboolean         extended;
  int              parts = 1;

  *out_end_of_day = FALSE;

  for (char *c = copy; *c != '\0'; c++)
    {
      if (*c == 't')
        *c = 'T';
      else if (*c == 'z')
        *c = 'Z';
    }

  designator = strpbrk (copy, "T ");
  if (designator == NULL)
    return g_steal_pointer (&copy);

  p = designator + 1;
  if (!read_digits (&p, 2, &hours))
    return g_steal_pointer (&copy);

  extended = *p == ':';
  if (extended)
    p++;
  if (read_digits (&p, 2, &minutes))
    {
      parts = 2;
      if (extended ? *p == ':' : g_ascii_isdigit (*p))
        {
          if (extended)
            p++;
          if (!read_digits (&p, 2, &seconds))
            return g_steal_pointer (&copy);
          parts = 3;
        }
    }
  else if (extended)
    return g_steal_pointer (&copy);
  else
    minutes = 0;

  if (!read_fraction (&p, &fraction))
    return g_steal_pointer (&copy);
  offset = p;

  if (minutes > 59 || (parts == 3 && seconds > 60))
    return g_steal_pointer (&copy);

  if (hours == 24)
    {
      if (minutes != 0 || seconds != 0 || fraction != 0)
        return g_steal_pointer (&copy);
      *out_end_of_day = TRUE;
      hours = 0;
    }

  /* A fraction of an hour or a minute becomes minutes and seconds; a
   * leap second stays for GDateTime to read.
   */
  if (parts < 3)
    {
      usec = ((gint64) hours * 3600 + minutes * 60) * G_USEC_PER_SEC + fraction * (parts == 1 ? 3600 : 60);
      hours = (guint) (usec / G_USEC_PER_SEC / 3600);
      minutes = (guint) (usec / G_USEC_PER_SEC / 60 % 60);
      seconds = (guint) (usec / G_USEC_PER_SEC % 60);
      fraction = usec % G_USEC_PER_SEC;
    }

  *designator = '\0';
  return g_strdup_printf ("%sT%02u:%02u:%02u.%06u%s", copy, hours, minutes, seconds, (guint) fraction, offset);
}

/* Whether @text starts with a year GDateTime cannot hold: ISO 8601's
 * expanded years (+10000, -0001, +0000) or five digits and more.
 */
static gboolean
has_year_out_of_range (const char *text)
{
  const char *p = text;
  guint64     year = 0;
  gsize       digits = 0;
  gboolean    sign = *p == '+' || *p == '-';

  if (sign)
    p++;
  for (; g_ascii_isdigit (*p) && digits < 20; p++, digits++)
    year = year * 10 + (guint64) (*p - '0');

  /* Only the extended form says where such a year ends. */
  if (sign)
    return digits >= 4 && *p == '-' && (text[0] == '-' || year == 0 || year > 9999);

  return digits >= 5 && *p == '-';
}

static TimeResult
parse_time (const char *text,
            gint64     *out_usec)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = NULL;
  g_autofree char      *normal = NULL;
  const char           *date = text;
  gboolean              end_of_day;
  gint64                usec;

  if (has_year_out_of_range (text))
    return TIME_OUT_OF_RANGE;

  /* An expanded year within GDateTime's range, written out plainly. */
  if (*date == '+')
    {
      while (date[1] == '0' && g_ascii_isdigit (date[5]))
        date++;
      date++;
    }

  normal = normalize_time (date, &end_of_day);
  if (!(time = g_date_time_new_from_iso8601 (normal, utc)))
    return TIME_INVALID;

  if (end_of_day)
    {
      g_autoptr (GDateTime) next = g_date_time_add_days (time, 1);

      if (next == NULL)
        return TIME_OUT_OF_RANGE;
      g_date_time_unref (time);
      time = g_steal_pointer (&next);
    }

  /* GDateTime holds the local time: with an offset, 9999-12-31 can be
   * 10000-01-01 in UTC, which it cannot write out again.
   */
  usec = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
  if (usec < RH_BOOKMARKS_FILE_MIN_TIME || usec > RH_BOOKMARKS_FILE_MAX_TIME)
    return TIME_OUT_OF_RANGE;

  *out_usec = usec;

  return TIME_OK;
}

static RhBookmark *
read_bookmark (JsonNode *node,
               guint     index,
               gint64    now,
               GError  **error)
{
  g_autoptr (RhQuestionRef) ref = NULL;
  JsonObject               *object;
  const char               *values[N_FIELDS];
  gint64                    created_at = now;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE,
                   _ ("bookmarks[%u]: expected an object, found %s"), index, rh_json_guard_describe (node));
      return NULL;
    }

  object = json_node_get_object (node);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (!read_member (object, index, i, &values[i], error))
        return NULL;
    }

  if (!check_path (index, values[FIELD_PATH], error))
    return NULL;

  if (values[FIELD_CREATED] != NULL)
    {
      switch (parse_time (values[FIELD_CREATED], &created_at))
        {
        case TIME_OK:
          break;

        case TIME_OUT_OF_RANGE:
          set_time_range_error (error, index, values[FIELD_CREATED]);
          return NULL;

        case TIME_INVALID:
        default:
          g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE,
                       _ ("bookmarks[%u].created: “%s” is not an ISO 8601 date and time"), index,
                       values[FIELD_CREATED]);
          return NULL;
        }
    }

  ref = rh_question_ref_new (values[FIELD_PATH], values[FIELD_ID]);

  return rh_bookmark_new (ref, values[FIELD_QUESTION], values[FIELD_FRAMEWORK], values[FIELD_TOPIC],
                          values[FIELD_SUBTOPIC], created_at);
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
  return rh_bookmarks_file_read_full (file, NULL, NULL, NULL, error);
}

/**
 * rh_bookmarks_file_read_full:
 * @cancellable: (nullable): checked between entries
 * @progress: (nullable) (scope call): told of the entries read, on this
 *   thread, every thousand entries and at the end
 *
 * Like rh_bookmarks_file_read(), and safe to call on any thread. At
 * most %RH_CONTENT_MAX_FILE_SIZE bytes and
 * %RH_BOOKMARKS_FILE_MAX_ENTRIES entries are read.
 */
GPtrArray *
rh_bookmarks_file_read_full (const char             *file,
                             GCancellable           *cancellable,
                             RhBookmarksFileProgress progress,
                             gpointer                progress_data,
                             GError                **error)
{
  g_autoptr (GPtrArray) bookmarks = NULL;
  g_autoptr (GError)    parse_error = NULL;
  g_autoptr (JsonNode)  root = NULL;
  g_autofree char      *data = NULL;
  JsonObject           *object;
  JsonNode             *member;
  JsonArray            *array;
  GStatBuf              st;
  gsize                 length;
  guint                 n;
  gint64                now = g_get_real_time ();

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (progress != NULL)
    progress (0, 0, progress_data);

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

  /* Between the stat and the read, the file may have grown. */
  if (length > RH_CONTENT_MAX_FILE_SIZE)
    {
      rh_content_error_set_too_large (error);
      return NULL;
    }

  if (!(root = rh_json_guard_parse (data, length, error)))
    return NULL;
  g_clear_pointer (&data, g_free);

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
  n = json_array_get_length (array);
  if (n > RH_BOOKMARKS_FILE_MAX_ENTRIES)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE,
                   _ ("bookmarks: %'u entries, more than the %'u a bookmarks file may hold"), n,
                   (guint) RH_BOOKMARKS_FILE_MAX_ENTRIES);
      return NULL;
    }

  bookmarks = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      RhBookmark *bookmark;

      if (i % PROGRESS_STEP == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (progress != NULL)
            progress (i, n, progress_data);
        }

      if (!(bookmark = read_bookmark (json_array_get_element (array, i), i, now, error)))
        return NULL;
      g_ptr_array_add (bookmarks, bookmark);
    }

  if (progress != NULL)
    progress (n, n, progress_data);

  return g_steal_pointer (&bookmarks);
}
