/* rh-sorted-array.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The children of every level of the model are kept sorted the same way:
 * this is that one array, so that each GListModel only has to forward
 * positions to items-changed.
 */
typedef struct
{
  GPtrArray       *items;
  GCompareDataFunc compare;
} RhSortedArray;

void     rh_sorted_array_init (RhSortedArray   *self,
                               GCompareDataFunc compare);
void     rh_sorted_array_clear (RhSortedArray *self);
guint    rh_sorted_array_insert (RhSortedArray *self,
                                 gpointer       item);
gboolean rh_sorted_array_remove (RhSortedArray *self,
                                 gpointer       item,
                                 guint         *out_position);
gpointer rh_sorted_array_get (RhSortedArray *self,
                              guint          position);
guint    rh_sorted_array_get_length (RhSortedArray *self);

int rh_compare_titles (const char *title_a,
                       const char *slug_a,
                       const char *title_b,
                       const char *slug_b);

G_END_DECLS
