/* fuzz-bookmarks.c
 *
 * The bookmarks file as imported: a file is refused with an error, or
 * read into bookmarks that keep the file's rules (a page path, a
 * non-empty id, texts within their limits in valid UTF-8, a time in the
 * years 1 to 9999); and what is read, once written out again, reads back
 * the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "rh-bookmark.h"
#include "rh-question-ref.h"
#include "rh-bookmarks-file.h"
#include "rh-content-error.h"

const char fuzz_harness_name[] = "bookmarks";

static void
check_bookmark (RhBookmark *bookmark)
{
  const char *const optional[] = {
    rh_bookmark_get_question (bookmark),
    rh_bookmark_get_framework (bookmark),
    rh_bookmark_get_topic (bookmark),
    rh_bookmark_get_subtopic (bookmark),
  };

  fuzz_check_utf8 ("a bookmark's path", rh_question_ref_get_path (rh_bookmark_get_ref (bookmark)), -1);
  fuzz_check (rh_path_split (rh_question_ref_get_path (rh_bookmark_get_ref (bookmark)), NULL, NULL, NULL), "bookmark path “%s” is not a page path",
              rh_question_ref_get_path (rh_bookmark_get_ref (bookmark)));
  fuzz_check_utf8 ("a bookmark's id", rh_question_ref_get_question_id (rh_bookmark_get_ref (bookmark)), -1);
  fuzz_check (*rh_question_ref_get_question_id (rh_bookmark_get_ref (bookmark)) != '\0', "a bookmark with an empty id");
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      if (optional[i] != NULL)
        fuzz_check_utf8 ("a bookmark's title", optional[i], -1);
    }
  fuzz_check (rh_bookmark_get_created_at (bookmark) >= RH_BOOKMARKS_FILE_MIN_TIME &&
                  rh_bookmark_get_created_at (bookmark) <= RH_BOOKMARKS_FILE_MAX_TIME,
              "a bookmark made at %" G_GINT64_FORMAT " µs, outside the years 1 to 9999",
              rh_bookmark_get_created_at (bookmark));
  fuzz_check (rh_bookmarks_file_check (bookmark, 0, NULL), "a bookmark read that could not be written");
}

static gboolean
same_bookmark (RhBookmark *a,
               RhBookmark *b)
{
  return g_strcmp0 (rh_question_ref_get_path (rh_bookmark_get_ref (a)), rh_question_ref_get_path (rh_bookmark_get_ref (b))) == 0 &&
         g_strcmp0 (rh_question_ref_get_question_id (rh_bookmark_get_ref (a)), rh_question_ref_get_question_id (rh_bookmark_get_ref (b))) == 0 &&
         g_strcmp0 (rh_bookmark_get_question (a), rh_bookmark_get_question (b)) == 0 &&
         g_strcmp0 (rh_bookmark_get_framework (a), rh_bookmark_get_framework (b)) == 0 &&
         g_strcmp0 (rh_bookmark_get_topic (a), rh_bookmark_get_topic (b)) == 0 &&
         g_strcmp0 (rh_bookmark_get_subtopic (a), rh_bookmark_get_subtopic (b)) == 0 &&
         rh_bookmark_get_created_at (a) == rh_bookmark_get_created_at (b);
}

static GPtrArray *
read_bytes (const char *file,
            const char *data,
            gsize       size,
            GError    **error)
{
  g_autoptr (GError) write_error = NULL;

  if (!g_file_set_contents_full (file, data, size, G_FILE_SET_CONTENTS_NONE, 0600, &write_error))
    fuzz_fail ("cannot write %s: %s", file, write_error->message);

  return rh_bookmarks_file_read (file, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char           *file;
  g_autoptr (GError)     error = NULL;
  g_autoptr (GPtrArray)  bookmarks = NULL;
  g_autoptr (GPtrArray)  again = NULL;
  g_autoptr (GListStore) store = NULL;
  g_autofree char       *written = NULL;
  gsize                  length;

  fuzz_init ();
  if (file == NULL)
    {
      g_autofree char *dir = fuzz_temp_dir ();

      file = g_build_filename (dir, "bookmarks.json", NULL);
    }

  bookmarks = read_bytes (file, (const char *) data, size, &error);
  if (bookmarks == NULL)
    {
      fuzz_check (error != NULL, "no bookmarks and no error");
      fuzz_check_utf8 ("the error message", error->message, -1);
      return 0;
    }

  store = g_list_store_new (RH_TYPE_BOOKMARK);
  for (guint i = 0; i < bookmarks->len; i++)
    {
      check_bookmark (g_ptr_array_index (bookmarks, i));
      g_list_store_append (store, g_ptr_array_index (bookmarks, i));
    }

  written = rh_bookmarks_file_format (G_LIST_MODEL (store), &length, &error);
  /* Written out with every member and date, a file near the size limit
   * can grow past it; nothing else may stop it.
   */
  if (written == NULL && g_error_matches (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE) &&
      size > RH_CONTENT_MAX_FILE_SIZE / 8)
    return 0;
  fuzz_check (written != NULL, "the bookmarks read cannot be written: %s", error ? error->message : "");
  fuzz_check_utf8 ("the written bookmarks file", written, length);
  again = read_bytes (file, written, length, &error);
  fuzz_check (again != NULL, "the bookmarks written do not read back: %s\n%s", error->message, written);
  fuzz_check (again->len == bookmarks->len, "%u bookmarks written, %u read back", bookmarks->len, again->len);
  for (guint i = 0; i < bookmarks->len; i++)
    fuzz_check (same_bookmark (g_ptr_array_index (bookmarks, i), g_ptr_array_index (again, i)),
                "bookmarks[%u] reads back differently", i);

  return 0;
}
