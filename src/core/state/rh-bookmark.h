/* rh-bookmark.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rh-question-ref.h"

G_BEGIN_DECLS

#define RH_TYPE_BOOKMARK (rh_bookmark_get_type ())

G_DECLARE_FINAL_TYPE (RhBookmark, rh_bookmark, RH, BOOKMARK, GObject)

RhBookmark    *rh_bookmark_new (RhQuestionRef *ref,
                                const char    *question,
                                const char    *framework,
                                const char    *topic,
                                const char    *subtopic,
                                gint64         created_at);
RhQuestionRef *rh_bookmark_get_ref (RhBookmark *self);
const char    *rh_bookmark_get_question (RhBookmark *self);
const char    *rh_bookmark_get_framework (RhBookmark *self);
const char    *rh_bookmark_get_topic (RhBookmark *self);
const char    *rh_bookmark_get_subtopic (RhBookmark *self);
gint64         rh_bookmark_get_created_at (RhBookmark *self);
gboolean       rh_bookmark_get_missing (RhBookmark *self);
void           rh_bookmark_set_missing (RhBookmark *self,
                                        gboolean    missing);

G_END_DECLS
