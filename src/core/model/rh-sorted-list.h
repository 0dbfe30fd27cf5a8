/* rh-sorted-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RH_TYPE_SORTED_LIST (rh_sorted_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (RhSortedList, rh_sorted_list, RH, SORTED_LIST, GObject)

/**
 * RhSortedListClass:
 * @item_type: the type of the children, set in the subclass's class_init
 * @compare: (nullable): keeps the children in this order; %NULL keeps the
 *   order in which they were added
 * @adopt: (nullable): a child joined the list: point it at its parent
 * @release: (nullable): a child left the list, or the list is going away
 * @realize: (nullable): makes the children of a list told only how many
 *   it has (rh_sorted_list_set_pending())
 *
 * Every level of the model (library, framework, topic, subtopic) is a
 * list of its children that it keeps in order; this is that list, once.
 */
struct _RhSortedListClass
{
  GObjectClass parent_class;

  GType            item_type;
  GCompareDataFunc compare;
  void (*adopt) (RhSortedList *self,
                 gpointer      item);
  void (*release) (RhSortedList *self,
                   gpointer      item);
  void (*realize) (RhSortedList *self);
};

typedef gboolean (*RhSortedListMatch) (gpointer      item,
                                       gconstpointer key);

guint    rh_sorted_list_insert (RhSortedList *self,
                                gpointer      item);
gboolean rh_sorted_list_remove (RhSortedList *self,
                                gpointer      item);
void     rh_sorted_list_reposition (RhSortedList *self,
                                    gpointer      item);
void     rh_sorted_list_replace_all (RhSortedList *self,
                                     GPtrArray    *items);
void     rh_sorted_list_set_pending (RhSortedList *self,
                                     guint         n_items);
void     rh_sorted_list_fill (RhSortedList *self,
                              GPtrArray    *items);
gboolean rh_sorted_list_is_pending (RhSortedList *self);
void     rh_sorted_list_ensure_items (RhSortedList *self);
gpointer rh_sorted_list_peek (RhSortedList *self,
                              guint         position);
guint    rh_sorted_list_get_length (RhSortedList *self);
gpointer rh_sorted_list_find (RhSortedList     *self,
                              RhSortedListMatch match,
                              gconstpointer     key);

int rh_sorted_list_compare_titles (const char *title_a,
                                   const char *slug_a,
                                   const char *title_b,
                                   const char *slug_b);

G_END_DECLS
