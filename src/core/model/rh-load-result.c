/* rh-load-result.c
 *
 * What loading one content file came to, for the checker, the window's
 * messages and the Library dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-load-result.h"

G_DEFINE_BOXED_TYPE (RhLoadResult, rh_load_result, rh_load_result_copy, rh_load_result_free)

RhLoadResult *
rh_load_result_copy (const RhLoadResult *self)
{
  RhLoadResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (RhLoadResult, 1);
  copy->file = g_strdup (self->file);
  copy->error = self->error != NULL ? g_error_copy (self->error) : NULL;
  copy->n_pages = self->n_pages;
  copy->n_questions = self->n_questions;

  return copy;
}

void
rh_load_result_free (RhLoadResult *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_clear_error (&self->error);
  g_free (self);
}
