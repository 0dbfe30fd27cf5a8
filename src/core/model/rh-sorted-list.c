/* rh-sorted-list.c
 *
 * The base class of every level of the model: a GListModel over its
 * children, kept in order, that emits items-changed for each change, so
 * that each level holds only what it adds to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-sorted-list.h"

typedef struct
{
  GPtrArray *items;
  guint      n_pending; /* how many items realize() will make */
  guint      pending : 1;
} RhSortedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (RhSortedList, rh_sorted_list, G_TYPE_OBJECT, G_ADD_PRIVATE (RhSortedList) G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
rh_sorted_list_get_item_type (GListModel *model)
{
  return RH_SORTED_LIST_GET_CLASS (model)->item_type;
}

/* A list told its length before its items (rh_sorted_list_set_pending())
 * makes them the first time anyone looks. */
static void
ensure_items (RhSortedList *self)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  if (!priv->pending)
    return;

  priv->pending = FALSE;
  RH_SORTED_LIST_GET_CLASS (self)->realize (self);
}

static guint
rh_sorted_list_get_n_items (GListModel *model)
{
  return rh_sorted_list_get_length (RH_SORTED_LIST (model));
}

static gpointer
rh_sorted_list_get_item (GListModel *model,
                         guint       position)
{
  gpointer item = rh_sorted_list_peek (RH_SORTED_LIST (model), position);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_sorted_list_get_item_type;
  iface->get_n_items = rh_sorted_list_get_n_items;
  iface->get_item = rh_sorted_list_get_item;
}

static void
release_all (RhSortedList *self)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  RhSortedListClass   *klass = RH_SORTED_LIST_GET_CLASS (self);

  for (guint i = 0; klass->release != NULL && i < priv->items->len; i++)
    klass->release (self, g_ptr_array_index (priv->items, i));
}

static void
rh_sorted_list_dispose (GObject *object)
{
  RhSortedList        *self = RH_SORTED_LIST (object);
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  if (priv->items != NULL)
    {
      release_all (self);
      g_clear_pointer (&priv->items, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (rh_sorted_list_parent_class)->dispose (object);
}

static void
rh_sorted_list_class_init (RhSortedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_sorted_list_dispose;

  klass->item_type = G_TYPE_OBJECT;
}

static void
rh_sorted_list_init (RhSortedList *self)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* After equal items, so that items comparing equal keep the order in
 * which they arrived and loading stays deterministic. */
static guint
find_insert_position (RhSortedList *self,
                      gpointer      item)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  GCompareDataFunc     compare = RH_SORTED_LIST_GET_CLASS (self)->compare;
  guint                lo = 0;
  guint                hi = priv->items->len;

  if (compare == NULL)
    return priv->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare (g_ptr_array_index (priv->items, mid), item, NULL) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * rh_sorted_list_insert:
 * @item: (transfer none): a child of the list's item type
 *
 * Returns: where @item now stands
 */
guint
rh_sorted_list_insert (RhSortedList *self,
                       gpointer      item)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  RhSortedListClass   *klass;
  guint                position;

  g_return_val_if_fail (RH_IS_SORTED_LIST (self), 0);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, RH_SORTED_LIST_GET_CLASS (self)->item_type), 0);

  ensure_items (self);
  klass = RH_SORTED_LIST_GET_CLASS (self);
  position = find_insert_position (self, item);
  g_ptr_array_insert (priv->items, position, g_object_ref (item));
  if (klass->adopt != NULL)
    klass->adopt (self, item);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  return position;
}

/**
 * rh_sorted_list_remove:
 *
 * Returns: whether @item was in the list
 */
gboolean
rh_sorted_list_remove (RhSortedList *self,
                       gpointer      item)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  RhSortedListClass   *klass;
  g_autoptr (GObject)  hold = NULL;
  guint                position;

  g_return_val_if_fail (RH_IS_SORTED_LIST (self), FALSE);

  ensure_items (self);
  if (!g_ptr_array_find (priv->items, item, &position))
    return FALSE;

  klass = RH_SORTED_LIST_GET_CLASS (self);
  hold = g_ptr_array_steal_index (priv->items, position);
  if (klass->release != NULL)
    klass->release (self, item);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

/**
 * rh_sorted_list_reposition:
 *
 * Moves @item to where it belongs after its sort key changed.
 */
void
rh_sorted_list_reposition (RhSortedList *self,
                           gpointer      item)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  g_autoptr (GObject)  hold = NULL;
  guint                old_position;
  guint                new_position;

  g_return_if_fail (RH_IS_SORTED_LIST (self));

  ensure_items (self);
  if (!g_ptr_array_find (priv->items, item, &old_position))
    return;

  hold = g_ptr_array_steal_index (priv->items, old_position);
  new_position = find_insert_position (self, item);
  g_ptr_array_insert (priv->items, new_position, g_steal_pointer (&hold));

  if (old_position == new_position)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
}

/**
 * rh_sorted_list_replace_all:
 * @items: (element-type GObject): the new children, in order
 *
 * Replaces every child at once, with one items-changed. The order of
 * @items is kept, so this is for lists without a compare function.
 */
void
rh_sorted_list_replace_all (RhSortedList *self,
                            GPtrArray    *items)
{
  RhSortedListPrivate  *priv = rh_sorted_list_get_instance_private (self);
  RhSortedListClass    *klass;
  g_autoptr (GPtrArray) old = NULL;
  guint                 old_len;

  g_return_if_fail (RH_IS_SORTED_LIST (self));
  g_return_if_fail (items != NULL);

  klass = RH_SORTED_LIST_GET_CLASS (self);
  /* Items not made yet need not be made to be replaced. */
  old_len = priv->pending ? priv->n_pending : priv->items->len;
  priv->pending = FALSE;
  release_all (self);
  old = g_steal_pointer (&priv->items);
  priv->items = g_ptr_array_new_full (items->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      g_ptr_array_add (priv->items, g_object_ref (item));
      if (klass->adopt != NULL)
        klass->adopt (self, item);
    }

  if (old_len > 0 || priv->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, priv->items->len);
}

/**
 * rh_sorted_list_set_pending:
 * @n_items: how many children the list has
 *
 * Drops the children and says there are @n_items, which the class's
 * realize() makes, with rh_sorted_list_fill(), the first time any is
 * looked at: a library of 100,000 questions makes only those of the
 * pages someone opens. Emits one items-changed.
 */
void
rh_sorted_list_set_pending (RhSortedList *self,
                            guint         n_items)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  guint                old_len;

  g_return_if_fail (RH_IS_SORTED_LIST (self));
  g_return_if_fail (RH_SORTED_LIST_GET_CLASS (self)->realize != NULL);

  old_len = priv->pending ? priv->n_pending : priv->items->len;
  release_all (self);
  g_ptr_array_set_size (priv->items, 0);
  priv->pending = TRUE;
  priv->n_pending = n_items;

  if (old_len > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, n_items);
}

/**
 * rh_sorted_list_fill:
 * @items: (element-type GObject): the children, in order
 *
 * What realize() calls with the children it made. Emits nothing: for
 * those who asked, the list had them all along.
 */
void
rh_sorted_list_fill (RhSortedList *self,
                     GPtrArray    *items)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);
  RhSortedListClass   *klass;

  g_return_if_fail (RH_IS_SORTED_LIST (self));
  g_return_if_fail (items != NULL);

  klass = RH_SORTED_LIST_GET_CLASS (self);
  release_all (self);
  g_ptr_array_set_size (priv->items, 0);
  priv->pending = FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      g_ptr_array_add (priv->items, g_object_ref (item));
      if (klass->adopt != NULL)
        klass->adopt (self, item);
    }
}

/**
 * rh_sorted_list_is_pending:
 *
 * Returns: whether the children are still to be made
 */
gboolean
rh_sorted_list_is_pending (RhSortedList *self)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  g_return_val_if_fail (RH_IS_SORTED_LIST (self), FALSE);

  return priv->pending;
}

/**
 * rh_sorted_list_ensure_items:
 *
 * Makes the children now, if they are still to be made.
 */
void
rh_sorted_list_ensure_items (RhSortedList *self)
{
  g_return_if_fail (RH_IS_SORTED_LIST (self));

  ensure_items (self);
}

/**
 * rh_sorted_list_peek:
 *
 * Returns: (transfer none) (nullable): the child at @position
 */
gpointer
rh_sorted_list_peek (RhSortedList *self,
                     guint         position)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  g_return_val_if_fail (RH_IS_SORTED_LIST (self), NULL);

  ensure_items (self);
  if (priv->items == NULL || position >= priv->items->len)
    return NULL;

  return g_ptr_array_index (priv->items, position);
}

guint
rh_sorted_list_get_length (RhSortedList *self)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  g_return_val_if_fail (RH_IS_SORTED_LIST (self), 0);

  if (priv->pending)
    return priv->n_pending;

  return priv->items != NULL ? priv->items->len : 0;
}

/**
 * rh_sorted_list_find:
 * @match: says whether a child is the one sought
 *
 * Returns: (transfer none) (nullable): the first child that matches @key
 */
gpointer
rh_sorted_list_find (RhSortedList     *self,
                     RhSortedListMatch match,
                     gconstpointer     key)
{
  RhSortedListPrivate *priv = rh_sorted_list_get_instance_private (self);

  g_return_val_if_fail (RH_IS_SORTED_LIST (self), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  ensure_items (self);
  for (guint i = 0; priv->items != NULL && i < priv->items->len; i++)
    {
      gpointer item = g_ptr_array_index (priv->items, i);

      if (match (item, key))
        return item;
    }

  return NULL;
}

int
rh_sorted_list_compare_titles (const char *title_a,
                               const char *slug_a,
                               const char *title_b,
                               const char *slug_b)
{
  int ret = g_utf8_collate (title_a, title_b);

  if (ret != 0)
    return ret;

  return g_strcmp0 (slug_a, slug_b);
}
