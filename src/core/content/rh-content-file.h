/* rh-content-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GPtrArray *rh_content_file_load (const char *path,
                                 GError    **error);
GPtrArray *rh_content_file_load_bytes (GBytes     *bytes,
                                       const char *source,
                                       GError    **error);

G_END_DECLS
