/* rh-question.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rh-difficulty.h"

G_BEGIN_DECLS

#define RH_TYPE_QUESTION (rh_question_get_type ())

G_DECLARE_FINAL_TYPE (RhQuestion, rh_question, RH, QUESTION, GObject)

typedef struct _RhSubtopic RhSubtopic;

RhQuestion  *rh_question_new (const char  *id,
                              RhDifficulty difficulty,
                              const char  *question,
                              const char  *answer);
const char  *rh_question_get_id (RhQuestion *self);
RhDifficulty rh_question_get_difficulty (RhQuestion *self);
const char  *rh_question_get_question (RhQuestion *self);
const char  *rh_question_get_answer (RhQuestion *self);
RhSubtopic  *rh_question_get_subtopic (RhQuestion *self);
gboolean     rh_question_equal (RhQuestion *a,
                                RhQuestion *b);

G_END_DECLS
