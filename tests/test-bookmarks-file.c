/* test-bookmarks-file.c
 *
 * The bookmarks file on its own: what rh_bookmarks_file_format() writes
 * reads back the same, dates to the microsecond included, at the limits
 * as well; every ISO 8601 time GDateTime can hold is read, and every
 * kind of bad file, too long or too large, is refused with an error that
 * names the place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-file.h"
#include "rh-content-error.h"
#include "rh-test-util.h"

static RhBookmark *
make_bookmark (const char *path,
               const char *id,
               const char *question,
               const char *framework,
               const char *topic,
               const char *subtopic,
               gint64      created_at)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, id);

  return rh_bookmark_new (ref, question, framework, topic, subtopic, created_at);
}

static GPtrArray *
read_text (const char *name,
           const char *contents,
           gssize      length,
           GError    **error)
{
  g_autofree char *file = rh_test_write_temp (name, contents, length);

  return rh_bookmarks_file_read (file, error);
}

static void
assert_same_bookmark (RhBookmark *a,
                      RhBookmark *b)
{
  g_assert_true (rh_question_ref_equal (rh_bookmark_get_ref (a), rh_bookmark_get_ref (b)));
  g_assert_cmpstr (rh_bookmark_get_question (a), ==, rh_bookmark_get_question (b));
  g_assert_cmpstr (rh_bookmark_get_framework (a), ==, rh_bookmark_get_framework (b));
  g_assert_cmpstr (rh_bookmark_get_topic (a), ==, rh_bookmark_get_topic (b));
  g_assert_cmpstr (rh_bookmark_get_subtopic (a), ==, rh_bookmark_get_subtopic (b));
  g_assert_cmpint (rh_bookmark_get_created_at (a), ==, rh_bookmark_get_created_at (b));
}

static void
test_round_trip (void)
{
  g_autoptr (GListStore) store = g_list_store_new (RH_TYPE_BOOKMARK);
  g_autoptr (GPtrArray)  read = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *data = NULL;
  gsize                  length = 0;
  RhBookmark            *bookmarks[] = {
               /* Quotes, markup and a newline in the text; a date with microseconds. */
    make_bookmark ("/python/concurrency/multiprocessing", "process-vs-pool", "Process or \"Pool\"? <b>bold</b>\n",
                              "Python", "Concurrency & Parallelism", "Multiprocessing", 1700000000123456),
    /* An id with '#' in it, text beyond ASCII. */
    make_bookmark ("/git/branching/rebasing", "id#with#hashes", "Ça va ? ✓", "Git", "Branching", "Rebasing",
                              1699999999000000),
    /* No texts at all, and the epoch. */
    make_bookmark ("/a/b/c", "bare", NULL, NULL, NULL, NULL, 0),
    /* Before 1970, with microseconds, and the first and last that can be. */
    make_bookmark ("/a/b/c", "old", NULL, NULL, NULL, NULL, G_GINT64_CONSTANT (-2208988800000000) + 1),
    make_bookmark ("/a/b/c", "first", NULL, NULL, NULL, NULL, RH_BOOKMARKS_FILE_MIN_TIME),
    make_bookmark ("/a/b/c", "last", NULL, NULL, NULL, NULL, RH_BOOKMARKS_FILE_MAX_TIME),
  };

  for (guint i = 0; i < G_N_ELEMENTS (bookmarks); i++)
    {
      g_list_store_append (store, bookmarks[i]);
      g_object_unref (bookmarks[i]);
    }

  data = rh_bookmarks_file_format (G_LIST_MODEL (store), &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_nonnull (strstr (data, "\"format\" : \"rehearse-bookmarks\""));
  g_assert_nonnull (strstr (data, "\"version\" : 1"));
  g_assert_nonnull (strstr (data, "\"created\" : \"2023-11-14T22:13:20.123456Z\""));
  g_assert_nonnull (strstr (data, "\"created\" : \"1970-01-01T00:00:00Z\""));
  g_assert_nonnull (strstr (data, "\"created\" : \"1900-01-01T00:00:00.000001Z\""));
  g_assert_nonnull (strstr (data, "\"created\" : \"0001-01-01T00:00:00Z\""));
  g_assert_nonnull (strstr (data, "\"created\" : \"9999-12-31T23:59:59.999999Z\""));

  read = read_text ("round-trip.json", data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, G_N_ELEMENTS (bookmarks));
  for (guint i = 0; i < read->len; i++)
    {
      g_autoptr (RhBookmark) original = g_list_model_get_item (G_LIST_MODEL (store), i);

      assert_same_bookmark (original, g_ptr_array_index (read, i));
    }

  /* And formatting what was read gives the same file. */
  {
    g_autoptr (GListStore) again = g_list_store_new (RH_TYPE_BOOKMARK);
    g_autofree char       *data_again = NULL;

    for (guint i = 0; i < read->len; i++)
      g_list_store_append (again, g_ptr_array_index (read, i));
    data_again = rh_bookmarks_file_format (G_LIST_MODEL (again), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (data_again, ==, data);
  }
}

static void
test_empty_list (void)
{
  g_autoptr (GListStore) store = g_list_store_new (RH_TYPE_BOOKMARK);
  g_autoptr (GError)     error = NULL;
  g_autofree char       *data = rh_bookmarks_file_format (G_LIST_MODEL (store), NULL, &error);
  g_autoptr (GPtrArray)  read = NULL;

  g_assert_no_error (error);

  read = read_text ("empty-list.json", data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 0);
}

static void
test_hand_written (void)
{
  g_autoptr (GPtrArray) read = NULL;
  g_autoptr (GError)    error = NULL;
  gint64                before = g_get_real_time ();
  RhBookmark           *first, *second;

  /* No dates, nulls and unknown members, a time zone: all accepted. */
  read = read_text ("hand-written.json",
                    "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"comment\":\"mine\",\"bookmarks\":["
                    "{\"path\":\"/x/y/z\",\"id\":\"1\",\"question\":null,\"colour\":\"red\"},"
                    "{\"path\":\"/x/y/z\",\"id\":\"2\",\"created\":\"2023-11-15T00:13:20+02:00\"}]}",
                    -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);

  first = g_ptr_array_index (read, 0);
  g_assert_cmpstr (rh_question_ref_get_question_id (rh_bookmark_get_ref (first)), ==, "1");
  g_assert_cmpstr (rh_bookmark_get_question (first), ==, "");
  g_assert_cmpint (rh_bookmark_get_created_at (first), >=, before);

  second = g_ptr_array_index (read, 1);
  g_assert_cmpint (rh_bookmark_get_created_at (second), ==, 1700000000000000);
}

typedef struct
{
  const char *name;
  const char *contents;
  int         code;
  const char *message; /* how the error starts */
} BadFile;

static const BadFile bad_files[] = {
  { "syntax", "{\"format\":", RH_CONTENT_ERROR_SYNTAX, "line 1, column " },
  { "empty", "", RH_CONTENT_ERROR_EMPTY, "the file is empty" },
  { "array", "[]", RH_CONTENT_ERROR_UNKNOWN_FORMAT, "expected an object, found an array" },
  { "format", "{\"format\":\"rehearse-pack\",\"version\":1,\"bookmarks\":[]}",
    RH_CONTENT_ERROR_UNKNOWN_FORMAT, "format: expected “rehearse-bookmarks”" },
  { "version", "{\"format\":\"rehearse-bookmarks\",\"version\":2,\"bookmarks\":[]}",
    RH_CONTENT_ERROR_UNSUPPORTED_VERSION, "version: 2 is not supported" },
  { "version-type", "{\"format\":\"rehearse-bookmarks\",\"version\":\"1\",\"bookmarks\":[]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "version: expected a whole number, found a string" },
  { "no-list", "{\"format\":\"rehearse-bookmarks\",\"version\":1}",
    RH_CONTENT_ERROR_MISSING_FIELD, "bookmarks: expected an array, found nothing" },
  { "not-object", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                  "{\"path\":\"/a/b/c\",\"id\":\"ok\"},7]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[1]: expected an object, found a number" },
  { "path-type", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                 "{\"path\":\"/a/b/c\",\"id\":\"0\"},{\"path\":\"/a/b/c\",\"id\":\"1\"},{\"path\":\"/a/b/c\",\"id\":\"2\"},"
                 "{\"path\":3,\"id\":\"x\"}]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[3].path: expected a string, found a number" },
  { "path-form", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[{\"path\":\"a/b\",\"id\":\"x\"}]}",
    RH_CONTENT_ERROR_INVALID_VALUE, "bookmarks[0].path: “a/b” is not a page path" },
  { "id-missing", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[{\"path\":\"/a/b/c\"}]}",
    RH_CONTENT_ERROR_MISSING_FIELD, "bookmarks[0].id: missing" },
  { "id-empty", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[{\"path\":\"/a/b/c\",\"id\":\"\"}]}",
    RH_CONTENT_ERROR_INVALID_VALUE, "bookmarks[0].id: must not be empty" },
  { "question-type", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                     "{\"path\":\"/a/b/c\",\"id\":\"x\",\"question\":[]}]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[0].question: expected a string, found an array" },
  { "created", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
               "{\"path\":\"/a/b/c\",\"id\":\"x\",\"created\":\"yesterday\"}]}",
    RH_CONTENT_ERROR_INVALID_VALUE, "bookmarks[0].created: “yesterday” is not an ISO 8601 date and time" },
  { "path-null", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[{\"path\":null,\"id\":\"x\"}]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[0].path: expected a string, found null" },
  { "id-type", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":[{\"path\":\"/a/b/c\",\"id\":7}]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[0].id: expected a string, found a number" },
  { "created-type", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["
                    "{\"path\":\"/a/b/c\",\"id\":\"x\",\"created\":17}]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks[0].created: expected a string, found a number" },
  { "list-type", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":{}}",
    RH_CONTENT_ERROR_WRONG_TYPE, "bookmarks: expected an array, found an object" },
  { "no-format", "{\"version\":1,\"bookmarks\":[]}",
    RH_CONTENT_ERROR_UNKNOWN_FORMAT, "format: expected “rehearse-bookmarks”" },
  { "no-version", "{\"format\":\"rehearse-bookmarks\",\"bookmarks\":[]}",
    RH_CONTENT_ERROR_WRONG_TYPE, "version: expected a whole number, found nothing" },
  { "deep", "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":"
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    RH_CONTENT_ERROR_TOO_DEEP, "line 1, column 119: nesting is deeper than 64 levels" },
};

static void
test_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile        *bad = &bad_files[i];
      g_autofree char      *name = g_strdup_printf ("bad-%s.json", bad->name);
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) read = read_text (name, bad->contents, -1, &error);

      g_test_message ("%s", bad->name);
      g_assert_null (read);
      g_assert_error (error, RH_CONTENT_ERROR, bad->code);
      if (!g_str_has_prefix (error->message, bad->message))
        g_error ("%s: “%s” does not start with “%s”", bad->name, error->message, bad->message);
    }
}

static void
test_unreadable (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) read = NULL;
  g_autofree char      *directory = g_dir_make_tmp ("rehearse-bookmarks-XXXXXX", &error);
  g_autofree char      *missing = g_build_filename (directory, "absent.json", NULL);
  g_autofree char      *large = g_build_filename (directory, "large.json", NULL);
  int                   fd;

  g_assert_no_error (error);

  read = rh_bookmarks_file_read (missing, &error);
  g_assert_null (read);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, "cannot be read: "));
  g_clear_error (&error);

  /* Refused by its size, before a byte is read: the file is sparse. */
  fd = g_open (large, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, RH_CONTENT_MAX_FILE_SIZE + 1), ==, 0);
  g_close (fd, NULL);
  read = rh_bookmarks_file_read (large, &error);
  g_assert_null (read);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "the file is larger than 64 MiB"));

  rh_test_remove_tree (directory);
}

#define FILE_START "{\"format\":\"rehearse-bookmarks\",\"version\":1,\"bookmarks\":["

static GPtrArray *
read_created (const char *created,
              GError    **error)
{
  g_autoptr (JsonBuilder)   builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode)      root = NULL;
  g_autofree char          *data = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "rehearse-bookmarks");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "bookmarks");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, "/a/b/c");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "x");
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  return read_text ("created.json", data, -1, error);
}

/* Writes @read out and reads it back: the same bookmarks come back. */
static void
assert_round_trips (GPtrArray *read)
{
  g_autoptr (GListStore) store = g_list_store_new (RH_TYPE_BOOKMARK);
  g_autoptr (GPtrArray)  again = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *data = NULL;
  gsize                  length = 0;

  g_list_store_splice (store, 0, 0, read->pdata, read->len);
  data = rh_bookmarks_file_format (G_LIST_MODEL (store), &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, <=, RH_CONTENT_MAX_FILE_SIZE);

  again = read_text ("again.json", data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, read->len);
  for (guint i = 0; i < read->len; i++)
    assert_same_bookmark (g_ptr_array_index (read, i), g_ptr_array_index (again, i));
}

static const struct
{
  const char *text;
  gint64      usec;
} good_times[] = {
  { "1900-01-01T00:00:00Z", G_GINT64_CONSTANT (-2208988800000000) },
  { "1969-12-31T23:59:59.5Z", -500000 },
  { "0001-01-01T00:00:00Z", RH_BOOKMARKS_FILE_MIN_TIME },
  { "0001-01-01T00:00:00-01:00", RH_BOOKMARKS_FILE_MIN_TIME + G_GINT64_CONSTANT (3600000000) },
  { "9999-12-31T23:59:59.999999Z", RH_BOOKMARKS_FILE_MAX_TIME },
  { "9999-12-31T23:59:59.999999+14:00", RH_BOOKMARKS_FILE_MAX_TIME - G_GINT64_CONSTANT (14 * 3600000000) },
  { "2023-11-15T00:13:20+02:00", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-15T00:13:20+0200", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-15T00:13:20+02", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-14T21:13:20-01:00", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-14T22:13:20", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-14T22:13:20.123456789Z", G_GINT64_CONSTANT (1700000000123456) },
  { "2023-11-14T22:13:20,5Z", G_GINT64_CONSTANT (1700000000500000) },
  { "20231114T221320Z", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-14T22:13Z", G_GINT64_CONSTANT (1699999980000000) },
  { "2023-11-14T2213Z", G_GINT64_CONSTANT (1699999980000000) },
  { "2023-11-14T22Z", G_GINT64_CONSTANT (1699999200000000) },
  { "2023-11-14T22:13.5Z", G_GINT64_CONSTANT (1700000010000000) },
  { "2023-11-14T22.5Z", G_GINT64_CONSTANT (1700001000000000) },
  { "2023-11-13T24:00:00Z", G_GINT64_CONSTANT (1699920000000000) },
  { "2023-11-13T24:00Z", G_GINT64_CONSTANT (1699920000000000) },
  { "2023-11-14t22:13:20z", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-11-14 22:13:20Z", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-W46-2T22:13:20Z", G_GINT64_CONSTANT (1700000000000000) },
  { "2023-318T22:13:20Z", G_GINT64_CONSTANT (1700000000000000) },
  { "+002023-11-14T22:13:20Z", G_GINT64_CONSTANT (1700000000000000) },
  /* GDateTime has no leap seconds: the second before it. */
  { "2016-12-31T23:59:60Z", G_GINT64_CONSTANT (1483228799000000) },
};

/* Every ISO 8601 date and time GDateTime can hold, whatever its form. */
static void
test_times (void)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (good_times); i++)
    {
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) read = read_created (good_times[i].text, &error);

      g_test_message ("%s", good_times[i].text);
      g_assert_no_error (error);
      g_assert_cmpuint (read->len, ==, 1);
      g_assert_cmpint (rh_bookmark_get_created_at (g_ptr_array_index (read, 0)), ==, good_times[i].usec);
      g_ptr_array_add (all, g_object_ref (g_ptr_array_index (read, 0)));
    }

  assert_round_trips (all);
}

static const char *const out_of_range_times[] = {
  /* Year 10000 in UTC: reading it used to make it "now". */
  "9999-12-31T23:59:59.999999-12:00",
  "10000-01-01T00:00:00Z",
  "+10000-01-01T00:00:00Z",
  "-0001-01-01T00:00:00Z",
  "+0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00+01:00",
  "9999-12-31T24:00:00Z",
};

static const char *const invalid_times[] = {
  "yesterday",
  "",
  "2023-11-14",
  "2023-11-14T",
  "2023-11-14T22:13:20.Z",
  "2023-13-01T00:00:00Z",
  "2023-02-29T00:00:00Z",
  "2023-11-14T24:00:01Z",
  "2023-11-14T22:60Z",
  "2023-11-14T25Z",
  "2023-11-14T22:13:20Z and more",
};

static void
test_times_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (out_of_range_times) + G_N_ELEMENTS (invalid_times); i++)
    {
      gboolean         in_range = i >= G_N_ELEMENTS (out_of_range_times);
      const char      *text = in_range ? invalid_times[i - G_N_ELEMENTS (out_of_range_times)] : out_of_range_times[i];
      g_autofree char *expected = g_strdup_printf (in_range ? "bookmarks[0].created: “%s” is not an ISO 8601 date and time"
                                                            : "bookmarks[0].created: “%s” is outside the years 1 to 9999",
                                                   text);
      g_autoptr (GError)    error = NULL;
      g_autoptr (GPtrArray) read = read_created (text, &error);

      g_test_message ("%s", text);
      g_assert_null (read);
      g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("“%s” does not start with “%s”", error->message, expected);
    }
}

static char *
repeat (const char *unit,
        guint       count)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

/* A member of bookmarks[1] at its limit is read; one more character,
 * however many bytes it takes, is refused with the member's JSON path.
 */
static void
test_field_limits (void)
{
  static const struct
  {
    const char *name;
    guint       max;
    const char *start;
    const char *unit;
    const char *end;
  } members[] = {
    { "path", RH_BOOKMARKS_FILE_MAX_PATH, "/a/b/", "c", "" },
    { "id", RH_BOOKMARKS_FILE_MAX_ID, "", "🙂", "" },
    { "question", RH_BOOKMARKS_FILE_MAX_QUESTION, "", "é", "" },
    { "framework", RH_BOOKMARKS_FILE_MAX_TITLE, "", "\\t", "" },
    { "topic", RH_BOOKMARKS_FILE_MAX_TITLE, "", "\\\"", "" },
    { "subtopic", RH_BOOKMARKS_FILE_MAX_TITLE, "", "✓", "" },
    { "created", RH_BOOKMARKS_FILE_MAX_CREATED, "2023-11-14T22:13:20.", "1", "Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      for (guint extra = 0; extra <= 1; extra++)
        {
          guint                 fixed = g_utf8_strlen (members[i].start, -1) + g_utf8_strlen (members[i].end, -1);
          g_autofree char      *middle = repeat (members[i].unit, members[i].max - fixed + extra);
          g_autofree char      *value = g_strconcat (members[i].start, middle, members[i].end, NULL);
          g_autofree char      *entry = NULL;
          g_autofree char      *contents = NULL;
          g_autoptr (GError)    error = NULL;
          g_autoptr (GPtrArray) read = NULL;

          if (g_str_equal (members[i].name, "path"))
            entry = g_strdup_printf ("{\"path\":\"%s\",\"id\":\"x\"}", value);
          else if (g_str_equal (members[i].name, "id"))
            entry = g_strdup_printf ("{\"path\":\"/a/b/c\",\"id\":\"%s\"}", value);
          else
            entry = g_strdup_printf ("{\"path\":\"/a/b/c\",\"id\":\"x\",\"%s\":\"%s\"}", members[i].name, value);
          contents = g_strconcat (FILE_START "{\"path\":\"/a/b/c\",\"id\":\"first\"},", entry, "]}", NULL);

          g_test_message ("%s, %u more", members[i].name, extra);
          read = read_text ("limit.json", contents, -1, &error);
          if (extra == 0)
            {
              g_assert_no_error (error);
              g_assert_cmpuint (read->len, ==, 2);
              assert_round_trips (read);
            }
          else
            {
              g_autofree char *expected = g_strdup_printf ("bookmarks[1].%s: longer than %u characters",
                                                           members[i].name, members[i].max);

              g_assert_null (read);
              g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_INVALID_VALUE);
              g_assert_cmpstr (error->message, ==, expected);
            }
        }
    }
}

static char *
many_entries (guint n)
{
  GString *text = g_string_new (FILE_START);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"path\":\"/a/b/c\",\"id\":\"%u\"}", i > 0 ? "," : "", i);
  g_string_append (text, "]}");

  return g_string_free (text, FALSE);
}

static void
test_too_many_body (void)
{
  g_autofree char      *contents = many_entries (RH_BOOKMARKS_FILE_MAX_ENTRIES + 1);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) read = read_text ("too-many.json", contents, -1, &error);

  g_assert_null (read);
  g_assert_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "bookmarks: 100001 entries, more than the 100000 a bookmarks file may hold");
}

static void
test_too_many (void)
{
  if (rh_test_skip_unless_slow ())
    return;

  test_too_many_body ();
}

static GListStore *
store_of (guint       n,
          guint       question_chars,
          const char *unit)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  g_autofree char      *question = repeat (unit, question_chars);
  GListStore           *store = g_list_store_new (RH_TYPE_BOOKMARK);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("question-%u", i);
      g_autofree char *path = g_strdup_printf ("/framework-%u/topic-%u/subtopic-%u", i % 7, i % 53, i % 997);

      g_ptr_array_add (items, make_bookmark (path, id, question, "Framework", "A topic", "A subtopic",
                                             G_GINT64_CONSTANT (1700000000123456) - (gint64) i * 1000003));
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return store;
}

/* As many bookmarks as a file may hold, with questions of 190
 * characters of two bytes (a file just under the size limit), export
 * and import again with every field the same; so does one with every
 * field at its limit in the costliest characters.
 */
static void
test_export_at_limit_body (void)
{
  g_autoptr (GListStore) store = store_of (RH_BOOKMARKS_FILE_MAX_ENTRIES, 190, "é");
  g_autoptr (GListStore) widest = g_list_store_new (RH_TYPE_BOOKMARK);
  g_autoptr (GPtrArray)  read = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *data = NULL;
  g_autofree char       *path_tail = repeat ("p", RH_BOOKMARKS_FILE_MAX_PATH - 5);
  g_autofree char       *path = g_strconcat ("/a/b/", path_tail, NULL);
  g_autofree char       *id = repeat ("🙂", RH_BOOKMARKS_FILE_MAX_ID);
  g_autofree char       *question = repeat ("\t\"\\\n", RH_BOOKMARKS_FILE_MAX_QUESTION / 4);
  g_autofree char       *title = repeat ("🙂", RH_BOOKMARKS_FILE_MAX_TITLE);
  g_autoptr (RhBookmark) wide = make_bookmark (path, id, question, title, title, title, RH_BOOKMARKS_FILE_MIN_TIME);
  gsize                  length = 0;

  data = rh_bookmarks_file_format (G_LIST_MODEL (store), &length, &error);
  g_assert_no_error (error);
  g_test_message ("%u bookmarks: %" G_GSIZE_FORMAT " bytes", RH_BOOKMARKS_FILE_MAX_ENTRIES, length);
  g_assert_cmpuint (length, <=, RH_CONTENT_MAX_FILE_SIZE);

  read = read_text ("at-limit.json", data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, RH_BOOKMARKS_FILE_MAX_ENTRIES);
  for (guint i = 0; i < read->len; i++)
    {
      g_autoptr (RhBookmark) original = g_list_model_get_item (G_LIST_MODEL (store), i);

      assert_same_bookmark (original, g_ptr_array_index (read, i));
    }
  g_clear_pointer (&read, g_ptr_array_unref);
  g_clear_pointer (&data, g_free);

  g_list_store_append (widest, wide);
  data = rh_bookmarks_file_format (G_LIST_MODEL (widest), &length, &error);
  g_assert_no_error (error);
  read = read_text ("widest.json", data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 1);
  assert_same_bookmark (wide, g_ptr_array_index (read, 0));
}

static void
test_export_at_limit (void)
{
  if (rh_test_skip_unless_slow ())
    return;

  test_export_at_limit_body ();
}

static void
assert_format_refused (GListModel *bookmarks,
                       int         code,
                       const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *data = rh_bookmarks_file_format (bookmarks, NULL, &error);

  g_assert_null (data);
  g_assert_error (error, RH_CONTENT_ERROR, code);
  if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” does not start with “%s”", error->message, message);
}

/* What an import would refuse is never written. */
static void
test_export_refused_body (void)
{
  g_autoptr (GListStore) too_many = store_of (RH_BOOKMARKS_FILE_MAX_ENTRIES + 1, 1, "q");
  g_autoptr (GListStore) too_large = store_of (RH_BOOKMARKS_FILE_MAX_ENTRIES, 700, "q");
  g_autofree char       *long_question = repeat ("q", RH_BOOKMARKS_FILE_MAX_QUESTION + 1);
  const struct
  {
    RhBookmark *bookmark;
    int         code;
    const char *message;
  } bad[] = {
    { make_bookmark ("/a/b/c", "x", long_question, NULL, NULL, NULL, 0), RH_CONTENT_ERROR_INVALID_VALUE,
      "/a/b/c#x: bookmarks[1].question: longer than 4096 characters" },
    { make_bookmark ("/a/b/c", "x", "bell \a", NULL, NULL, NULL, 0), RH_CONTENT_ERROR_INVALID_UTF8,
      "/a/b/c#x: bookmarks[1].question: not valid text" },
    { make_bookmark ("/a/b/c", "x", NULL, "\xff", NULL, NULL, 0), RH_CONTENT_ERROR_INVALID_UTF8,
      "/a/b/c#x: bookmarks[1].framework: not valid text" },
    { make_bookmark ("a/b", "x", NULL, NULL, NULL, NULL, 0), RH_CONTENT_ERROR_INVALID_VALUE,
      "a/b#x: bookmarks[1].path: “a/b” is not a page path" },
    { make_bookmark ("/a/b/c", "x", NULL, NULL, NULL, NULL, RH_BOOKMARKS_FILE_MAX_TIME + 1),
      RH_CONTENT_ERROR_INVALID_VALUE, "/a/b/c#x: bookmarks[1].created: “253402300800000000 µs” is outside the years" },
    { make_bookmark ("/a/b/c", "x", NULL, NULL, NULL, NULL, RH_BOOKMARKS_FILE_MIN_TIME - 1),
      RH_CONTENT_ERROR_INVALID_VALUE, "/a/b/c#x: bookmarks[1].created: “-62135596800000001 µs” is outside the years" },
  };

  assert_format_refused (G_LIST_MODEL (too_many), RH_CONTENT_ERROR_TOO_LARGE,
                         "100001 bookmarks are more than the 100000 a bookmarks file may hold");
  assert_format_refused (G_LIST_MODEL (too_large), RH_CONTENT_ERROR_TOO_LARGE,
                         "100000 bookmarks make a file of ");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GListStore) store = g_list_store_new (RH_TYPE_BOOKMARK);
      g_autoptr (RhBookmark) good = make_bookmark ("/a/b/c", "good", NULL, NULL, NULL, NULL, 0);

      g_test_message ("%s", bad[i].message);
      g_list_store_append (store, good);
      g_list_store_append (store, bad[i].bookmark);
      assert_format_refused (G_LIST_MODEL (store), bad[i].code, bad[i].message);
      g_object_unref (bad[i].bookmark);
    }
}

static void
test_export_refused (void)
{
  if (rh_test_skip_unless_slow ())
    return;

  test_export_refused_body ();
}

typedef struct
{
  GArray *calls; /* pairs of done, total */
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;
  guint     call[2] = { done, total };

  g_array_append_vals (progress->calls, call, 2);
}

static void
test_progress (void)
{
  g_autofree char         *contents = many_entries (2500);
  g_autofree char         *file = rh_test_write_temp ("progress.json", contents, -1);
  g_autoptr (GArray)       calls = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GError)       error = NULL;
  g_autoptr (GPtrArray)    read = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Progress                 progress = { calls };
  const guint              expected[] = { 0, 0, 0, 2500, 1000, 2500, 2000, 2500, 2500, 2500 };

  read = rh_bookmarks_file_read_full (file, NULL, on_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2500);
  g_assert_cmpmem (calls->data, calls->len * sizeof (guint), expected, sizeof expected);

  g_cancellable_cancel (cancellable);
  g_clear_pointer (&read, g_ptr_array_unref);
  read = rh_bookmarks_file_read_full (file, cancellable, NULL, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_shorten (void)
{
  g_autofree char *same = rh_bookmarks_file_shorten ("abc", 3);
  g_autofree char *cut = rh_bookmarks_file_shorten ("abcd", 3);
  g_autofree char *wide = rh_bookmarks_file_shorten ("🙂🙂🙂🙂", 3);

  g_assert_cmpstr (same, ==, "abc");
  g_assert_cmpstr (cut, ==, "ab…");
  g_assert_cmpstr (wide, ==, "🙂🙂…");
  g_assert_null (rh_bookmarks_file_shorten (NULL, 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bookmarks-file/round-trip", test_round_trip);
  g_test_add_func ("/bookmarks-file/empty-list", test_empty_list);
  g_test_add_func ("/bookmarks-file/hand-written", test_hand_written);
  g_test_add_func ("/bookmarks-file/bad", test_bad);
  g_test_add_func ("/bookmarks-file/unreadable", test_unreadable);
  g_test_add_func ("/bookmarks-file/times", test_times);
  g_test_add_func ("/bookmarks-file/times-refused", test_times_refused);
  g_test_add_func ("/bookmarks-file/field-limits", test_field_limits);
  g_test_add_func ("/bookmarks-file/too-many", test_too_many);
  g_test_add_func ("/bookmarks-file/export-at-limit", test_export_at_limit);
  g_test_add_func ("/bookmarks-file/export-refused", test_export_refused);
  g_test_add_func ("/bookmarks-file/progress", test_progress);
  g_test_add_func ("/bookmarks-file/shorten", test_shorten);

  return g_test_run ();
}
