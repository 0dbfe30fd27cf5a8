/* rh-search-vfs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The bytes at the end of every page that hold its checksum: the
 * database's reserved space, set before its first page is written.
 */
#define RH_SEARCH_VFS_RESERVE 8

int      rh_search_vfs_open (const char *path,
                             int         flags,
                             int         busy_timeout_ms,
                             sqlite3   **out_db);
gboolean rh_search_vfs_has_checksums (sqlite3 *db);

G_END_DECLS
