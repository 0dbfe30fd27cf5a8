/* test-bookmarks-file.c
 *
 * The bookmarks file on its own: what rh_bookmarks_file_format() writes
 * reads back the same, dates to the microsecond included, and every
 * kind of bad file is refused with an error that names the place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
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
    /* No texts at all, and the earliest date there is. */
    make_bookmark ("/a/b/c", "bare", NULL, NULL, NULL, NULL, 0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (bookmarks); i++)
    {
      g_list_store_append (store, bookmarks[i]);
      g_object_unref (bookmarks[i]);
    }

  data = rh_bookmarks_file_format (G_LIST_MODEL (store), &length);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_nonnull (strstr (data, "\"format\" : \"rehearse-bookmarks\""));
  g_assert_nonnull (strstr (data, "\"version\" : 1"));
  g_assert_nonnull (strstr (data, "\"created\" : \"2023-11-14T22:13:20.123456Z\""));
  g_assert_nonnull (strstr (data, "\"created\" : \"1970-01-01T00:00:00Z\""));

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
    data_again = rh_bookmarks_file_format (G_LIST_MODEL (again), NULL);
    g_assert_cmpstr (data_again, ==, data);
  }
}

static void
test_empty_list (void)
{
  g_autoptr (GListStore) store = g_list_store_new (RH_TYPE_BOOKMARK);
  g_autofree char       *data = rh_bookmarks_file_format (G_LIST_MODEL (store), NULL);
  g_autoptr (GPtrArray)  read = NULL;
  g_autoptr (GError)     error = NULL;

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

  return g_test_run ();
}
