/* rh-synthetic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray         *rh_synthetic_pages (guint   n_questions,
                                       guint   questions_per_page,
                                       guint32 seed);
const char *const *rh_synthetic_get_vocabulary (guint *out_n);
gboolean           rh_synthetic_write_library (const char *directory,
                                               guint       n_questions,
                                               guint32     seed,
                                               gsize      *out_bytes,
                                               GError    **error);

G_END_DECLS
