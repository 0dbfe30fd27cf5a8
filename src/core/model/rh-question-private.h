/* rh-question-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-question.h"

G_BEGIN_DECLS

/* Takes ownership of the strings: the loader builds thousands of
 * questions on the startup path and copying each answer twice shows.
 */
RhQuestion *_rh_question_new_take (char        *id,
                                   RhDifficulty difficulty,
                                   char        *question,
                                   char        *answer);
RhQuestion *_rh_question_new_borrowed (GVariant    *owner,
                                       const char  *id,
                                       RhDifficulty difficulty,
                                       const char  *question,
                                       const char  *answer);
void        _rh_question_set_subtopic (RhQuestion *self,
                                       RhSubtopic *subtopic);

G_END_DECLS
