/* rh-question-ref.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RH_TYPE_QUESTION_REF (rh_question_ref_get_type ())

typedef struct _RhQuestionRef RhQuestionRef;

GType          rh_question_ref_get_type (void) G_GNUC_CONST;
RhQuestionRef *rh_question_ref_new (const char *path,
                                    const char *question_id);
RhQuestionRef *rh_question_ref_parse (const char *text);
RhQuestionRef *rh_question_ref_parse_location (const char *location,
                                               char      **out_path);
char          *rh_question_ref_format (const RhQuestionRef *self);
char          *rh_question_ref_format_location (const char *path,
                                                const char *question_id);
RhQuestionRef *rh_question_ref_ref (RhQuestionRef *self);
void           rh_question_ref_unref (RhQuestionRef *self);
const char    *rh_question_ref_get_path (const RhQuestionRef *self);
const char    *rh_question_ref_get_question_id (const RhQuestionRef *self);
gboolean       rh_question_ref_equal (gconstpointer a,
                                      gconstpointer b);
guint          rh_question_ref_hash (gconstpointer self);
GHashTable    *rh_question_ref_set_new (void);
GHashTable    *rh_question_ref_set_copy (GHashTable *refs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhQuestionRef, rh_question_ref_unref)

G_END_DECLS
