/* rh-bookmark.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RH_TYPE_BOOKMARK (rh_bookmark_get_type ())

G_DECLARE_FINAL_TYPE (RhBookmark, rh_bookmark, RH, BOOKMARK, GObject)

RhBookmark *rh_bookmark_new (const char *path,
                             const char *question_id,
                             const char *question,
                             const char *framework,
                             const char *topic,
                             const char *subtopic,
                             gint64      created_at);
const char *rh_bookmark_get_path (RhBookmark *self);
const char *rh_bookmark_get_question_id (RhBookmark *self);
const char *rh_bookmark_get_question (RhBookmark *self);
const char *rh_bookmark_get_framework (RhBookmark *self);
const char *rh_bookmark_get_topic (RhBookmark *self);
const char *rh_bookmark_get_subtopic (RhBookmark *self);
gint64      rh_bookmark_get_created_at (RhBookmark *self);
gboolean    rh_bookmark_get_missing (RhBookmark *self);
void        rh_bookmark_set_missing (RhBookmark *self,
                                     gboolean    missing);
char       *rh_bookmark_dup_key (RhBookmark *self);
char       *rh_bookmark_make_key (const char *path,
                                  const char *question_id);

G_END_DECLS
