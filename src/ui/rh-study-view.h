/* rh-study-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rh-page-renderer.h"
#include "rh-review-log.h"
#include "rh-study-session.h"

G_BEGIN_DECLS

#define RH_TYPE_STUDY_VIEW (rh_study_view_get_type ())

G_DECLARE_FINAL_TYPE (RhStudyView, rh_study_view, RH, STUDY_VIEW, GtkWidget)

GtkWidget      *rh_study_view_new (void);
void            rh_study_view_set_renderer (RhStudyView    *self,
                                            RhPageRenderer *renderer);
void            rh_study_view_set_dark (RhStudyView *self,
                                        gboolean     dark);
void            rh_study_view_start (RhStudyView    *self,
                                     RhStudySession *session,
                                     RhReviewLog    *log);
void            rh_study_view_stop (RhStudyView *self);
RhStudySession *rh_study_view_get_session (RhStudyView *self);
gboolean        rh_study_view_get_revealed (RhStudyView *self);

/* For the `rehearse:` scheme (rh-page-scheme.c) only. */
char       *_rh_study_view_render_card (RhStudyView *self);
const char *_rh_study_view_get_stylesheet (RhStudyView *self);

G_END_DECLS
