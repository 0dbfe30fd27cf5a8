/* rh-bookmarks-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char      *rh_bookmarks_file_format (GListModel *bookmarks,
                                     gsize      *out_length);
GPtrArray *rh_bookmarks_file_read (const char *file,
                                   GError    **error);

G_END_DECLS
