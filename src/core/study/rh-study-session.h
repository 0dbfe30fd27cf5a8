/* rh-study-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-library.h"
#include "rh-review-log.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

/* A learning card due within this many seconds is shown early once
 * nothing else is left, as Anki's learn-ahead limit does. */
#define RH_STUDY_SESSION_LEARN_AHEAD (20 * 60)

#define RH_TYPE_STUDY_SESSION (rh_study_session_get_type ())

G_DECLARE_FINAL_TYPE (RhStudySession, rh_study_session, RH, STUDY_SESSION, GObject)

RhStudySession   *rh_study_session_new (RhLibrary             *library,
                                        RhReviewLog           *log,
                                        const char            *scope,
                                        gint64                 at,
                                        const RhStudySettings *settings,
                                        GError               **error);
const char       *rh_study_session_get_scope (RhStudySession *self);
RhQuestion       *rh_study_session_get_current (RhStudySession *self);
const RhFsrsCard *rh_study_session_get_current_card (RhStudySession *self);
gboolean          rh_study_session_preview (RhStudySession *self,
                                            gint64          at,
                                            RhFsrsCard      out_next[RH_FSRS_N_GRADES]);
RhReview         *rh_study_session_grade (RhStudySession *self,
                                          RhFsrsGrade     grade,
                                          gint64          at,
                                          gint64          duration_ms,
                                          GError        **error);
gboolean          rh_study_session_can_undo (RhStudySession *self);
RhReview         *rh_study_session_undo (RhStudySession *self,
                                         GError        **error);
void              rh_study_session_advance (RhStudySession *self,
                                            gint64          at);
guint             rh_study_session_get_n_left (RhStudySession *self);
guint             rh_study_session_get_n_finished (RhStudySession *self);
guint             rh_study_session_get_n_studied (RhStudySession *self);
guint             rh_study_session_get_n_reviews (RhStudySession *self);
guint             rh_study_session_get_n_again (RhStudySession *self);
gint64            rh_study_session_get_duration_ms (RhStudySession *self);
gint64            rh_study_session_get_next_learning_due (RhStudySession *self);

G_END_DECLS
