/* rh-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rh-study-settings.h"
#include "rh-types.h"

G_BEGIN_DECLS

typedef struct _RhPageRenderer RhPageRenderer;
typedef struct _RhReviewLog    RhReviewLog;

#define RH_TYPE_APPLICATION (rh_application_get_type ())

G_DECLARE_FINAL_TYPE (RhApplication, rh_application, RH, APPLICATION, AdwApplication)

RhApplication  *rh_application_new (void);
RhLibrary      *rh_application_get_library (RhApplication *self);
RhPageRenderer *rh_application_get_renderer (RhApplication *self);
GSettings      *rh_application_get_settings (RhApplication *self);
RhState        *rh_application_get_state (RhApplication *self);
RhSearchIndex  *rh_application_get_search_index (RhApplication *self);
gboolean        rh_application_get_library_loading (RhApplication *self);
void            rh_application_release_library_load (RhApplication *self);
char           *rh_application_take_state_notice (RhApplication *self);
RhReviewLog    *rh_application_get_review_log (RhApplication *self);
void            rh_application_get_study_settings (RhApplication   *self,
                                                   gint64           at,
                                                   RhStudySettings *out_settings);
void            rh_application_reviews_changed (RhApplication *self);
void            rh_application_open_location (RhApplication *self,
                                              const char    *path,
                                              const char    *question_id);

G_END_DECLS
