/* rh-due-counts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-application.h"

G_BEGIN_DECLS

#define RH_TYPE_DUE_COUNTS (rh_due_counts_get_type ())

G_DECLARE_FINAL_TYPE (RhDueCounts, rh_due_counts, RH, DUE_COUNTS, GObject)

RhDueCounts *rh_due_counts_new (RhApplication *application);
void         rh_due_counts_refresh (RhDueCounts *self);
guint        rh_due_counts_lookup (RhDueCounts *self,
                                   const char  *key);

G_END_DECLS
