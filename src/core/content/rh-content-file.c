/* rh-content-file.c
 *
 * Reads one content file into pages. Safe to call from any thread: the
 * library loads many files at once on the startup path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-content-error.h"
#include "rh-content-file.h"
#include "rh-content-reader.h"
#include "rh-json-guard.h"
#include "rh-saved-page.h"

static GPtrArray *
load_data (const char *data,
           gsize       length,
           const char *source,
           GError    **error)
{
  g_autofree char     *unwrapped = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (length > RH_CONTENT_MAX_FILE_SIZE)
    {
      rh_content_error_set_too_large (error);
      return NULL;
    }

  /* Empty bytes may come without a buffer at all. */
  if (length == 0)
    {
      g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EMPTY, _ ("the file is empty"));
      return NULL;
    }

  /* A saved web page: its payload script, in the file's own lines. */
  if (!(data = rh_saved_page_unwrap (data, length, &unwrapped, error)))
    return NULL;

  if (!(root = rh_json_guard_parse (data, length, error)))
    return NULL;

  return rh_content_reader_read (root, source, error);
}

static void
prefix_error (GError    **error,
              const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_prefix_error (error, "%s: ", display);
}

/**
 * rh_content_file_load:
 * @path: a content file in any of the three forms
 *
 * Returns: (transfer full) (element-type RhPageData) (nullable): the
 *   pages, or %NULL with @error naming the file and the place
 */
GPtrArray *
rh_content_file_load (const char *path,
                      GError    **error)
{
  g_autofree char *contents = NULL;
  GPtrArray       *pages = NULL;
  struct stat      st;
  int              fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ,
                   _ ("cannot be read: %s"), g_strerror (saved_errno));
    }
  else if (!S_ISREG (st.st_mode))
    g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ, _ ("not a regular file"));
  else if (st.st_size > RH_CONTENT_MAX_FILE_SIZE)
    rh_content_error_set_too_large (error);
  else
    {
      /* Read rather than map: content files are small, and unmapping
       * from several loader threads at once costs more than the copy.
       */
      gsize length = 0;

      contents = g_malloc (st.st_size + 1);
      while (length < (gsize) st.st_size)
        {
          gssize n = read (fd, contents + length, st.st_size - length);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          length += n;
        }

      if (length != (gsize) st.st_size)
        {
          int saved_errno = errno;

          g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_READ,
                       _ ("cannot be read: %s"), length > 0 ? _ ("the file changed while it was read") : g_strerror (saved_errno));
        }
      else
        pages = load_data (contents, length, path, error);
    }

  if (fd >= 0)
    g_close (fd, NULL);

  if (pages == NULL)
    prefix_error (error, path);

  return pages;
}

/**
 * rh_content_file_load_bytes:
 * @source: the name to give in errors and on each page
 *
 * Returns: (transfer full) (element-type RhPageData) (nullable): the pages
 */
GPtrArray *
rh_content_file_load_bytes (GBytes     *bytes,
                            const char *source,
                            GError    **error)
{
  GPtrArray  *pages;
  gsize       length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  pages = load_data (data, length, source, error);
  if (pages == NULL)
    prefix_error (error, source);

  return pages;
}
