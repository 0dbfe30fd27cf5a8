/* rh-write-error.c
 *
 * Why a file could not be written, in words the user can act on: the
 * disk is full, or a folder or a file is read-only, naming the one it
 * is. errno says which; where a caller has none (SQLite's
 * SQLITE_READONLY says only that the connection could not write), the
 * file, its folder and their file system are looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "rh-write-error.h"

/**
 * rh_write_error_is_refusal:
 *
 * Returns: whether @errno_value says the disk refused a write (it is
 *   full, or the file or its folder may not be written) rather than
 *   that something failed
 */
gboolean
rh_write_error_is_refusal (int errno_value)
{
  switch (errno_value)
    {
    case ENOSPC:
    case EDQUOT:
    case EROFS:
    case EACCES:
    case EPERM:
      return TRUE;

    default:
      return FALSE;
    }
}

/**
 * rh_write_error_probe:
 * @file: a file to be written, or created
 *
 * Looks for why @file cannot be written now: it or its folder may not
 * be written, or their file system is read-only or full.
 *
 * Returns: the errno that says why (see rh_write_error_is_refusal()),
 *   or 0 when nothing of that kind is in the way
 */
int
rh_write_error_probe (const char *file)
{
  g_autofree char *directory = NULL;
  struct statvfs   st;

  g_return_val_if_fail (file != NULL, 0);

  directory = g_path_get_dirname (file);

  if (g_access (file, W_OK) != 0 && rh_write_error_is_refusal (errno))
    return errno;
  if (g_access (directory, W_OK) != 0 && rh_write_error_is_refusal (errno))
    return errno;

  if (statvfs (directory, &st) == 0)
    {
      if ((st.f_flag & ST_RDONLY) != 0)
        return EROFS;
      /* root may still write into the blocks kept back for it. */
      if ((geteuid () == 0 ? st.f_bfree : st.f_bavail) == 0)
        return ENOSPC;
    }

  return 0;
}

/**
 * rh_write_error_get_errno:
 * @error: (nullable): a #GFileError or #GIOError
 *
 * Returns: the errno behind @error when it is a refusal to write (see
 *   rh_write_error_is_refusal()), or 0
 */
int
rh_write_error_get_errno (const GError *error)
{
  if (error == NULL)
    return 0;

  if (error->domain == G_FILE_ERROR)
    {
      switch (error->code)
        {
        case G_FILE_ERROR_NOSPC:
          return ENOSPC;
        case G_FILE_ERROR_ROFS:
          return EROFS;
        case G_FILE_ERROR_ACCES:
          return EACCES;
        case G_FILE_ERROR_PERM:
          return EPERM;
        default:
          return 0;
        }
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NO_SPACE:
          return ENOSPC;
        case G_IO_ERROR_READ_ONLY:
          return EROFS;
        case G_IO_ERROR_PERMISSION_DENIED:
          return EACCES;
        default:
          return 0;
        }
    }

  return 0;
}

/**
 * rh_write_error_set:
 * @doing: a translated sentence saying what failed, such as "Could not
 *   save the bookmarks"
 * @file: the file that was being written or created
 * @errno_value: why
 *
 * Sets @error to @doing followed by what is wrong: "the disk is full"
 * with @file named, "the folder FOLDER is read-only", "the file FILE is
 * read-only", or the system's own words for @errno_value.
 *
 * Returns: %FALSE, so that a failing function can return it
 */
gboolean
rh_write_error_set (GError    **error,
                    GQuark      domain,
                    int         code,
                    const char *doing,
                    const char *file,
                    int         errno_value)
{
  g_autofree char *display = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *directory_display = NULL;
  gboolean         named;

  g_return_val_if_fail (doing != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  display = g_filename_display_name (file);
  directory = g_path_get_dirname (file);
  directory_display = g_filename_display_name (directory);
  /* "Could not create FOLDER" names it already. */
  named = strstr (doing, display) != NULL;

  switch (errno_value)
    {
    case ENOSPC:
      if (named)
        g_set_error (error, domain, code, _ ("%s: the disk is full"), doing);
      else
        g_set_error (error, domain, code, _ ("%s in %s: the disk is full"), doing, display);
      return FALSE;

    case EROFS:
      g_set_error (error, domain, code, _ ("%s: the folder %s is read-only"), doing, directory_display);
      return FALSE;

    case EACCES:
    case EPERM:
      /* Which of the two may not be written; some other rule (a
       * security module, say) gets the system's words. */
      if (g_access (file, F_OK) == 0 && g_access (file, W_OK) != 0)
        {
          g_set_error (error, domain, code, _ ("%s: the file %s is read-only"), doing, display);
          return FALSE;
        }
      if (g_access (directory, W_OK) != 0)
        {
          g_set_error (error, domain, code, _ ("%s: the folder %s is read-only"), doing, directory_display);
          return FALSE;
        }
      break;

    default:
      break;
    }

  if (named)
    g_set_error (error, domain, code, "%s: %s", doing, g_strerror (errno_value));
  else
    g_set_error (error, domain, code, _ ("%s in %s: %s"), doing, display, g_strerror (errno_value));

  return FALSE;
}
