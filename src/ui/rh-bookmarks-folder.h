/* rh-bookmarks-folder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RH_TYPE_BOOKMARKS_FOLDER (rh_bookmarks_folder_get_type ())

G_DECLARE_FINAL_TYPE (RhBookmarksFolder, rh_bookmarks_folder, RH, BOOKMARKS_FOLDER, GObject)

RhBookmarksFolder *rh_bookmarks_folder_new (GListModel *bookmarks);
GListModel        *rh_bookmarks_folder_get_bookmarks (RhBookmarksFolder *self);

G_END_DECLS
