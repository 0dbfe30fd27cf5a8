/* rh-load-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RhLoadResult:
 * @file: the file that was read
 * @error: (nullable): why it could not be read; %NULL if it loaded
 * @n_pages: how many pages it holds
 * @n_questions: how many questions its pages hold
 *
 * What loading one content file came to.
 */
typedef struct
{
  char   *file;
  GError *error;
  guint   n_pages;
  guint   n_questions;
} RhLoadResult;

#define RH_TYPE_LOAD_RESULT (rh_load_result_get_type ())

GType         rh_load_result_get_type (void) G_GNUC_CONST;
RhLoadResult *rh_load_result_copy (const RhLoadResult *self);
void          rh_load_result_free (RhLoadResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhLoadResult, rh_load_result_free)

G_END_DECLS
