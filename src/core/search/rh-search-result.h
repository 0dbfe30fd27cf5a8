/* rh-search-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rh-difficulty.h"
#include "rh-question-ref.h"

G_BEGIN_DECLS

#define RH_TYPE_SEARCH_RESULT (rh_search_result_get_type ())

G_DECLARE_FINAL_TYPE (RhSearchResult, rh_search_result, RH, SEARCH_RESULT, GObject)

RhSearchResult *rh_search_result_new (RhQuestionRef *ref,
                                      RhDifficulty   difficulty,
                                      const char    *question,
                                      const char    *question_markup,
                                      const char    *framework,
                                      const char    *topic,
                                      const char    *subtopic,
                                      const char    *snippet,
                                      const char    *snippet_markup);
RhQuestionRef  *rh_search_result_get_ref (RhSearchResult *self);
RhDifficulty    rh_search_result_get_difficulty (RhSearchResult *self);
const char     *rh_search_result_get_question (RhSearchResult *self);
const char     *rh_search_result_get_question_markup (RhSearchResult *self);
const char     *rh_search_result_get_framework (RhSearchResult *self);
const char     *rh_search_result_get_topic (RhSearchResult *self);
const char     *rh_search_result_get_subtopic (RhSearchResult *self);
const char     *rh_search_result_get_snippet (RhSearchResult *self);
const char     *rh_search_result_get_snippet_markup (RhSearchResult *self);

G_END_DECLS
