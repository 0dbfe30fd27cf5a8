/* rh-bookmarks-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-bookmark.h"

G_BEGIN_DECLS

/* What a bookmarks file may hold, checked alike by the reader and by the
 * writer, so that every file written reads back; docs/bookmarks-file.md
 * gives the reasons. Lengths are in characters.
 */
#define RH_BOOKMARKS_FILE_MAX_ENTRIES 100000
#define RH_BOOKMARKS_FILE_MAX_PATH 1024
#define RH_BOOKMARKS_FILE_MAX_ID 1024
#define RH_BOOKMARKS_FILE_MAX_QUESTION 4096
#define RH_BOOKMARKS_FILE_MAX_TITLE 1024
#define RH_BOOKMARKS_FILE_MAX_CREATED 64

/* GDateTime's range, in microseconds since the epoch: from
 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z.
 */
#define RH_BOOKMARKS_FILE_MIN_TIME (G_GINT64_CONSTANT (-62135596800) * G_USEC_PER_SEC)
#define RH_BOOKMARKS_FILE_MAX_TIME (G_GINT64_CONSTANT (253402300800) * G_USEC_PER_SEC - 1)

/**
 * RhBookmarksFileProgress:
 * @done: how many entries have been read
 * @total: how many the file holds, or 0 while it is still being parsed
 *
 * Called on the reading thread.
 */
typedef void (*RhBookmarksFileProgress) (guint    done,
                                         guint    total,
                                         gpointer user_data);

char      *rh_bookmarks_file_format (GListModel *bookmarks,
                                     gsize      *out_length,
                                     GError    **error);
gboolean   rh_bookmarks_file_check (RhBookmark *bookmark,
                                    guint       index,
                                    GError    **error);
GPtrArray *rh_bookmarks_file_read (const char *file,
                                   GError    **error);
GPtrArray *rh_bookmarks_file_read_full (const char             *file,
                                        GCancellable           *cancellable,
                                        RhBookmarksFileProgress progress,
                                        gpointer                progress_data,
                                        GError                **error);
char      *rh_bookmarks_file_shorten (const char *text,
                                      guint       max_chars);

G_END_DECLS
