/* rh-content-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rh-page-data.h"

G_BEGIN_DECLS

JsonNode *rh_content_writer_page_to_json (const RhPageData *page);
char     *rh_content_writer_pack (GPtrArray  *pages,
                                  const char *title,
                                  gsize      *out_length);
char     *rh_content_writer_payload (GPtrArray *pages,
                                     gsize     *out_length);
JsonNode *rh_content_writer_flatten (JsonNode *value);

G_END_DECLS
