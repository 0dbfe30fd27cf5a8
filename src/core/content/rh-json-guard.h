/* rh-json-guard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean rh_json_guard_check (const char *data,
                              gsize       length,
                              guint       max_depth,
                              GError    **error);
gboolean rh_json_guard_check_limits (const char *data,
                                     gsize       length,
                                     guint       max_depth,
                                     guint       max_values,
                                     GError    **error);

gboolean rh_json_guard_is_clean_text (const char *text);

void rh_json_guard_locate (const char *data,
                           gsize       offset,
                           guint      *line,
                           guint      *column);

const char *rh_json_guard_describe (JsonNode *node);
JsonNode   *rh_json_guard_parse (const char *data,
                                 gsize       length,
                                 GError    **error);

G_END_DECLS
