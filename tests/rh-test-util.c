/* rh-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rh-content-file.h"
#include "rh-test-util.h"

char *
rh_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static char *temp_dir;

static void
remove_temp_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (temp_dir, 0, NULL);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (temp_dir);
}

/* Files written here are removed when the test program exits. */
char *
rh_test_write_temp (const char *name,
                    const char *contents,
                    gssize      length)
{
  g_autoptr (GError) error = NULL;
  char              *path;

  if (temp_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("rehearse-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_temp_dir);
    }

  path = g_build_filename (temp_dir, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

GPtrArray *
rh_test_load_string (const char *contents,
                     GError    **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (contents, strlen (contents));

  return rh_content_file_load_bytes (bytes, "test.json", error);
}

/* Removes a directory the test made, with everything in it. */
void
rh_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char      *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rh_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * rh_test_use_temporary_home:
 *
 * Points the data and cache directories at a new empty directory, so a
 * test starts with no study data and no index, and leaves none behind:
 * remove the returned directory with rh_test_remove_tree().
 *
 * Returns: (transfer full): the directory
 */
char *
rh_test_use_temporary_home (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("rehearse-%s-XXXXXX", name);
  char *home = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  return home;
}

/**
 * rh_test_take_output:
 * @stream: from g_memory_output_stream_new_resizable()
 *
 * Empties @stream, for the next command to write to.
 *
 * Returns: (transfer full): what was written to @stream, as a string
 */
char *
rh_test_take_output (GOutputStream *stream)
{
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);
  g_autoptr (GError)   error = NULL;
  char                *text;

  /* Nothing written, no buffer. */
  if (g_memory_output_stream_get_data_size (memory) == 0)
    return g_strdup ("");

  text = g_strndup (g_memory_output_stream_get_data (memory), g_memory_output_stream_get_data_size (memory));
  g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), 0, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/**
 * rh_test_skip_unless_slow:
 *
 * Tests at the limits (a hundred thousand bookmarks, say) run with
 * `-m slow`, as the normal build's suite runs them; the sanitizer build
 * leaves them out, where they take many minutes.
 *
 * Returns: whether the test was skipped and should return
 */
gboolean
rh_test_skip_unless_slow (void)
{
  if (g_test_slow ())
    return FALSE;

  g_test_skip ("at the limits: only with -m slow");

  return TRUE;
}
