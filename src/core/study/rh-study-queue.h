/* rh-study-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-library.h"
#include "rh-review-log.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

#define RH_STUDY_QUEUE_ERROR (rh_study_queue_error_quark ())

typedef enum
{
  RH_STUDY_QUEUE_ERROR_UNKNOWN_SCOPE,
} RhStudyQueueError;

/* The scope of the questions the user bookmarked. */
#define RH_STUDY_SCOPE_BOOKMARKS "bookmarks"

typedef enum
{
  RH_STUDY_KIND_NEW,
  RH_STUDY_KIND_LEARNING,
  RH_STUDY_KIND_REVIEW,
} RhStudyKind;

#define RH_TYPE_STUDY_QUEUE (rh_study_queue_get_type ())

G_DECLARE_FINAL_TYPE (RhStudyQueue, rh_study_queue, RH, STUDY_QUEUE, GObject)

GQuark            rh_study_queue_error_quark (void);
RhStudyQueue     *rh_study_queue_new (RhLibrary             *library,
                                      RhReviewLog           *log,
                                      const char            *scope,
                                      gint64                 at,
                                      const RhStudySettings *settings,
                                      GError               **error);
gint64            rh_study_queue_get_at (RhStudyQueue *self);
guint             rh_study_queue_get_n_new (RhStudyQueue *self);
guint             rh_study_queue_get_n_learning (RhStudyQueue *self);
guint             rh_study_queue_get_n_review (RhStudyQueue *self);
gint64            rh_study_queue_get_next_learning_due (RhStudyQueue *self);
RhQuestion       *rh_study_queue_peek_question (RhStudyQueue *self,
                                                guint         position);
RhStudyKind       rh_study_queue_get_kind (RhStudyQueue *self,
                                           guint         position);
const RhFsrsCard *rh_study_queue_peek_card (RhStudyQueue *self,
                                            guint         position);

const char *rh_study_kind_to_string (RhStudyKind kind);

G_END_DECLS
