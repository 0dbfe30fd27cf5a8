/* rh-subtopic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-sorted-list.h"

#include "rh-difficulty.h"
#include "rh-question.h"

G_BEGIN_DECLS

#define RH_TYPE_SUBTOPIC (rh_subtopic_get_type ())

G_DECLARE_FINAL_TYPE (RhSubtopic, rh_subtopic, RH, SUBTOPIC, RhSortedList)

typedef struct _RhTopic RhTopic;

const char  *rh_subtopic_get_title (RhSubtopic *self);
const char  *rh_subtopic_get_slug (RhSubtopic *self);
const char  *rh_subtopic_get_path (RhSubtopic *self);
gint64       rh_subtopic_get_order (RhSubtopic *self);
gboolean     rh_subtopic_get_has_order (RhSubtopic *self);
gboolean     rh_subtopic_get_available (RhSubtopic *self);
RhDifficulty rh_subtopic_get_difficulty (RhSubtopic *self);
const char  *rh_subtopic_get_updated (RhSubtopic *self);
const char  *rh_subtopic_get_summary (RhSubtopic *self);
const char  *rh_subtopic_get_source (RhSubtopic *self);
guint        rh_subtopic_get_n_questions (RhSubtopic *self);
RhTopic     *rh_subtopic_get_topic (RhSubtopic *self);
RhQuestion  *rh_subtopic_lookup_question (RhSubtopic *self,
                                          const char *id);

G_END_DECLS
