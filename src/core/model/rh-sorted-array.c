/* rh-sorted-array.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-sorted-array.h"

void
rh_sorted_array_init (RhSortedArray   *self,
                      GCompareDataFunc compare)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->compare = compare;
}

void
rh_sorted_array_clear (RhSortedArray *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
}

/* Inserts after equal items, so that items comparing equal keep the
 * order in which they arrived and loading stays deterministic.
 */
guint
rh_sorted_array_insert (RhSortedArray *self,
                        gpointer       item)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->compare (g_ptr_array_index (self->items, mid), item, NULL) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_ptr_array_insert (self->items, lo, g_object_ref (item));

  return lo;
}

gboolean
rh_sorted_array_remove (RhSortedArray *self,
                        gpointer       item,
                        guint         *out_position)
{
  guint position;

  if (!g_ptr_array_find (self->items, item, &position))
    return FALSE;

  g_ptr_array_remove_index (self->items, position);

  if (out_position != NULL)
    *out_position = position;

  return TRUE;
}

gpointer
rh_sorted_array_get (RhSortedArray *self,
                     guint          position)
{
  if (position >= self->items->len)
    return NULL;

  return g_ptr_array_index (self->items, position);
}

guint
rh_sorted_array_get_length (RhSortedArray *self)
{
  return self->items->len;
}

int
rh_compare_titles (const char *title_a,
                   const char *slug_a,
                   const char *title_b,
                   const char *slug_b)
{
  int ret = g_utf8_collate (title_a, title_b);

  if (ret != 0)
    return ret;

  return g_strcmp0 (slug_a, slug_b);
}
