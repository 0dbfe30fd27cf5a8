/* rh-content-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rh-page-data.h"

G_BEGIN_DECLS

GPtrArray *rh_content_reader_read (JsonNode   *root,
                                   const char *source,
                                   GError    **error);

G_END_DECLS
