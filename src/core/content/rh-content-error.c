/* rh-content-error.c
 *
 * The content error domain, and what each kind of error means to someone
 * who opened a file and does not read JSON paths: one plain sentence,
 * translated, to show above the technical message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "rh-content-error.h"

/* clang-format off */
G_DEFINE_QUARK (rh-content-error-quark, rh_content_error)
/* clang-format on */

static const char *
describe_content_error (int code)
{
  switch ((RhContentError) code)
    {
    case RH_CONTENT_ERROR_READ:
      return _ ("The file could not be read. It may have been moved, or you may not be allowed to read it.");
    case RH_CONTENT_ERROR_EMPTY:
      return _ ("The file is empty.");
    case RH_CONTENT_ERROR_TOO_LARGE:
      return _ ("The file is too large to be a page from the site or a pack.");
    case RH_CONTENT_ERROR_SYNTAX:
      return _ ("The file is damaged or incomplete: it stops being valid JSON partway through.");
    case RH_CONTENT_ERROR_TOO_DEEP:
      return _ ("The file is nested too deeply to be read safely. No page of the site is built like this.");
    case RH_CONTENT_ERROR_UNKNOWN_FORMAT:
      return _ ("The file is not a page from the site or a Rehearse pack, but some other kind of JSON.");
    case RH_CONTENT_ERROR_UNSUPPORTED_VERSION:
      return _ ("The pack was made for a newer version of Rehearse.");
    case RH_CONTENT_ERROR_BAD_INDEX:
    case RH_CONTENT_ERROR_CYCLE:
    case RH_CONTENT_ERROR_UNKNOWN_TAG:
    case RH_CONTENT_ERROR_EXPANSION:
      return _ ("The page’s data is damaged: it does not hold together the way a page saved from the site does.");
    case RH_CONTENT_ERROR_WRONG_TYPE:
    case RH_CONTENT_ERROR_MISSING_FIELD:
    case RH_CONTENT_ERROR_INVALID_VALUE:
      return _ ("A page in the file is incomplete, or has a value that does not fit.");
    case RH_CONTENT_ERROR_DUPLICATE_ID:
      return _ ("Two questions on one page have the same identifier.");
    case RH_CONTENT_ERROR_NO_PAGES:
      return _ ("The file holds no page with questions.");
    case RH_CONTENT_ERROR_NOT_JSON:
      return _ ("The file is neither a JSON file nor a saved web page.");
    case RH_CONTENT_ERROR_INVALID_UTF8:
      return _ ("The file is not valid text (UTF-8).");
    case RH_CONTENT_ERROR_NO_PAYLOAD:
      return _ ("The saved web page has no page of the site inside: it was not saved from the site, or saved without its data.");
    case RH_CONTENT_ERROR_SEVERAL_PAYLOADS:
      return _ ("The saved web page holds more than one page’s data, so it is not clear which one to read.");
    case RH_CONTENT_ERROR_NO_FILES:
      return _ ("The folder holds no content files (.json, .html or .htm).");
    default:
      break;
    }

  return _ ("The file is not Rehearse content.");
}

/**
 * rh_content_error_describe:
 * @error: an error from loading or importing content, in any domain
 *
 * The technical message (file, line, JSON path) stays in @error; this is
 * what to say first.
 *
 * Returns: (transfer none): one translated sentence saying what is wrong,
 *   by the kind of @error
 */
const char *
rh_content_error_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == RH_CONTENT_ERROR)
    return describe_content_error (error->code);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_SUPPORTED:
          return _ ("Only files on this computer can be opened.");
        case G_IO_ERROR_NO_SPACE:
          return _ ("There is not enough space left to keep a copy of the file.");
        case G_IO_ERROR_CANCELLED:
          return _ ("Opening the file was cancelled.");
        case G_IO_ERROR_NOT_FOUND:
          return _ ("The file does not exist any more.");
        case G_IO_ERROR_PERMISSION_DENIED:
          return _ ("You are not allowed to read the file.");
        default:
          break;
        }
    }
  else if (error->domain == G_FILE_ERROR)
    {
      switch (error->code)
        {
        case G_FILE_ERROR_NOSPC:
          return _ ("There is not enough space left to keep a copy of the file.");
        case G_FILE_ERROR_ROFS:
          return _ ("The folder that keeps copies of opened files is read-only.");
        case G_FILE_ERROR_NOENT:
          return _ ("The file does not exist any more.");
        case G_FILE_ERROR_ACCES:
        case G_FILE_ERROR_PERM:
          return _ ("You are not allowed to read the file.");
        default:
          break;
        }
    }

  return _ ("The file could not be opened.");
}

/**
 * rh_content_error_is_not_content:
 *
 * A folder the user opens, such as a whole copy of the site, also holds
 * files that are not question pages at all: the home page, a topic's
 * index, other JSON. Those are passed over; a damaged page is not.
 *
 * Returns: whether @error says the file is readable but holds no
 *   content, as opposed to content that is damaged
 */
gboolean
rh_content_error_is_not_content (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return g_error_matches (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_PAYLOAD) ||
         g_error_matches (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_PAGES) ||
         g_error_matches (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNKNOWN_FORMAT);
}

/**
 * rh_content_error_set_too_large:
 *
 * Sets %RH_CONTENT_ERROR_TOO_LARGE for a file over
 * %RH_CONTENT_MAX_FILE_SIZE.
 */
void
rh_content_error_set_too_large (GError **error)
{
  g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_LARGE,
               _ ("the file is larger than %u MiB"), RH_CONTENT_MAX_FILE_SIZE / (1024 * 1024));
}
