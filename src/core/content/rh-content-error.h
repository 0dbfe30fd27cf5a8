/* rh-content-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RH_CONTENT_ERROR (rh_content_error_quark ())

typedef enum
{
  RH_CONTENT_ERROR_READ,
  RH_CONTENT_ERROR_EMPTY,
  RH_CONTENT_ERROR_TOO_LARGE,
  RH_CONTENT_ERROR_SYNTAX,
  RH_CONTENT_ERROR_TOO_DEEP,
  RH_CONTENT_ERROR_UNKNOWN_FORMAT,
  RH_CONTENT_ERROR_UNSUPPORTED_VERSION,
  RH_CONTENT_ERROR_BAD_INDEX,
  RH_CONTENT_ERROR_CYCLE,
  RH_CONTENT_ERROR_UNKNOWN_TAG,
  RH_CONTENT_ERROR_EXPANSION,
  RH_CONTENT_ERROR_WRONG_TYPE,
  RH_CONTENT_ERROR_MISSING_FIELD,
  RH_CONTENT_ERROR_INVALID_VALUE,
  RH_CONTENT_ERROR_DUPLICATE_ID,
  RH_CONTENT_ERROR_NO_PAGES,
  RH_CONTENT_ERROR_NOT_JSON,
  RH_CONTENT_ERROR_INVALID_UTF8,
  RH_CONTENT_ERROR_NO_PAYLOAD,
  RH_CONTENT_ERROR_SEVERAL_PAYLOADS,
  RH_CONTENT_ERROR_NO_FILES,
} RhContentError;

/* Limits on untrusted content, shared by the loader and its documentation. */
#define RH_CONTENT_MAX_FILE_SIZE (64 * 1024 * 1024)
#define RH_CONTENT_MAX_DEPTH 64
/* json-glib spends some hundred bytes on every value it reads. */
#define RH_CONTENT_MAX_VALUES 1000000
#define RH_CONTENT_EXPANSION_RATIO 16
#define RH_CONTENT_EXPANSION_SLACK 4096
/* How deep a folder the user opens is searched for content files. */
#define RH_CONTENT_MAX_FOLDER_DEPTH 16
#define RH_CONTENT_TEXT_EXPANSION_RATIO 4
#define RH_CONTENT_TEXT_EXPANSION_SLACK (64 * 1024)

GQuark      rh_content_error_quark (void);
const char *rh_content_error_describe (const GError *error);
gboolean    rh_content_error_is_not_content (const GError *error);
void        rh_content_error_set_too_large (GError **error);

G_END_DECLS
