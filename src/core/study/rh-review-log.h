/* rh-review-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-fsrs.h"
#include "rh-state.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

#define RH_REVIEW_LOG_ERROR (rh_review_log_error_quark ())

typedef enum
{
  RH_REVIEW_LOG_ERROR_FAILED,
  RH_REVIEW_LOG_ERROR_INVALID,
  RH_REVIEW_LOG_ERROR_OUT_OF_ORDER,
  RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO,
  RH_REVIEW_LOG_ERROR_NOT_LAST,
} RhReviewLogError;

/**
 * RhReview:
 * @uid: unique among every review on every machine
 * @path: the question's page path
 * @question_id: the question's id on its page
 * @grade: the answer's grade
 * @reviewed_at: when, in Unix seconds
 * @elapsed_days: study days since the card's previous review
 * @duration_ms: how long answering took, or -1 when not known
 * @desired_retention: the setting the review was scheduled with
 * @interval_fuzz: the setting the review was scheduled with
 * @day_offset: the study day the review was scheduled with
 * @before: the card as it was; its last_review is 0 for a new card
 * @after: the card as the review left it
 *
 * One row of the review log.
 */
typedef struct
{
  char       *uid;
  char       *path;
  char       *question_id;
  RhFsrsGrade grade;
  gint64      reviewed_at;
  guint       elapsed_days;
  gint64      duration_ms;
  double      desired_retention;
  gboolean    interval_fuzz;
  int         day_offset;
  RhFsrsCard  before;
  RhFsrsCard  after;
} RhReview;

#define RH_TYPE_REVIEW (rh_review_get_type ())

GType     rh_review_get_type (void) G_GNUC_CONST;
RhReview *rh_review_copy (const RhReview *self);
void      rh_review_free (RhReview *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhReview, rh_review_free)

/**
 * RhReviewLogCardFunc:
 * @path: the question's page path, valid during the call
 * @question_id: the question's id, valid during the call
 * @card: its cached state
 *
 * Called once for every card in the cache.
 */
typedef void (*RhReviewLogCardFunc) (const char       *path,
                                     const char       *question_id,
                                     const RhFsrsCard *card,
                                     gpointer          user_data);

#define RH_TYPE_REVIEW_LOG (rh_review_log_get_type ())

G_DECLARE_FINAL_TYPE (RhReviewLog, rh_review_log, RH, REVIEW_LOG, GObject)

GQuark       rh_review_log_error_quark (void);
RhReviewLog *rh_review_log_new (RhState *state,
                                GError **error);
RhState     *rh_review_log_get_state (RhReviewLog *self);

RhReview *rh_review_log_grade (RhReviewLog           *self,
                               const char            *path,
                               const char            *question_id,
                               RhFsrsGrade            grade,
                               gint64                 at,
                               gint64                 duration_ms,
                               const RhStudySettings *settings,
                               GError               **error);
RhReview *rh_review_log_undo (RhReviewLog *self,
                              const char  *uid,
                              GError     **error);

gboolean   rh_review_log_lookup_card (RhReviewLog *self,
                                      const char  *path,
                                      const char  *question_id,
                                      RhFsrsCard  *out_card,
                                      gboolean    *out_found,
                                      GError     **error);
GPtrArray *rh_review_log_list_reviews (RhReviewLog *self,
                                       const char  *path,
                                       const char  *question_id,
                                       GError     **error);
gboolean   rh_review_log_foreach_card (RhReviewLog        *self,
                                       const char         *under,
                                       RhReviewLogCardFunc func,
                                       gpointer            user_data,
                                       GError            **error);
gboolean   rh_review_log_count_day (RhReviewLog *self,
                                    gint64       day_start,
                                    guint       *out_n_new,
                                    guint       *out_n_review,
                                    GError     **error);
gboolean   rh_review_log_get_n_reviews (RhReviewLog *self,
                                        gint64      *out_n_reviews,
                                        GError     **error);

gboolean rh_review_log_replay_card (RhReviewLog *self,
                                    const char  *path,
                                    const char  *question_id,
                                    RhFsrsCard  *out_card,
                                    gboolean    *out_found,
                                    GError     **error);
gboolean rh_review_log_rebuild (RhReviewLog *self,
                                guint       *out_n_fixed,
                                GError     **error);

gboolean rh_review_log_card_equal (const RhFsrsCard *a,
                                   const RhFsrsCard *b);

G_END_DECLS
