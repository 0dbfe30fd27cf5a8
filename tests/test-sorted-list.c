/* test-sorted-list.c
 *
 * The list every level of the model is: order kept on insertion and
 * after a key changes, equal keys in arrival order, parent links, and
 * the GListModel contract (items-changed matches what changed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-sorted-list.h"

/* An item with a sort key and a parent, as topics and subtopics have. */
#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, GObject)

struct _TestItem
{
  GObject       parent_instance;
  int           key;
  const char   *name;
  RhSortedList *parent;
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, G_TYPE_OBJECT)

static void
test_item_class_init (TestItemClass *klass)
{
}

static void
test_item_init (TestItem *self)
{
}

static TestItem *
test_item_new (int         key,
               const char *name)
{
  TestItem *self = g_object_new (TEST_TYPE_ITEM, NULL);

  self->key = key;
  self->name = name;

  return self;
}

#define TEST_TYPE_LIST (test_list_get_type ())
G_DECLARE_FINAL_TYPE (TestList, test_list, TEST, LIST, RhSortedList)

struct _TestList
{
  RhSortedList parent_instance;
};

G_DEFINE_FINAL_TYPE (TestList, test_list, RH_TYPE_SORTED_LIST)

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return ((const TestItem *) a)->key - ((const TestItem *) b)->key;
}

static void
test_list_adopt (RhSortedList *list,
                 gpointer      item)
{
  TEST_ITEM (item)->parent = list;
}

static void
test_list_release (RhSortedList *list,
                   gpointer      item)
{
  TEST_ITEM (item)->parent = NULL;
}

static void
test_list_class_init (TestListClass *klass)
{
  RhSortedListClass *list_class = RH_SORTED_LIST_CLASS (klass);

  list_class->item_type = TEST_TYPE_ITEM;
  list_class->compare = compare_keys;
  list_class->adopt = test_list_adopt;
  list_class->release = test_list_release;
}

static void
test_list_init (TestList *self)
{
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static char *
names_of (GListModel *model)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (TestItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s", i ? " " : "", item->name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
has_name (gpointer      item,
          gconstpointer name)
{
  return g_str_equal (TEST_ITEM (item)->name, name);
}

static void
test_order_and_signals (void)
{
  g_autoptr (TestList) list = g_object_new (TEST_TYPE_LIST, NULL);
  g_autoptr (TestItem) b = test_item_new (2, "b");
  g_autoptr (TestItem) a = test_item_new (1, "a");
  g_autoptr (TestItem) c = test_item_new (3, "c");
  g_autoptr (TestItem) b2 = test_item_new (2, "b2");
  g_autoptr (TestItem) outsider = test_item_new (9, "x");
  g_autofree char     *names = NULL;
  Change               change = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == TEST_TYPE_ITEM);

  g_assert_cmpuint (rh_sorted_list_insert (RH_SORTED_LIST (list), b), ==, 0);
  g_assert_cmpuint (rh_sorted_list_insert (RH_SORTED_LIST (list), a), ==, 0);
  g_assert_cmpuint (rh_sorted_list_insert (RH_SORTED_LIST (list), c), ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.added, ==, 1);
  /* Equal keys keep the order they came in. */
  g_assert_cmpuint (rh_sorted_list_insert (RH_SORTED_LIST (list), b2), ==, 2);
  g_assert_cmpuint (change.count, ==, 4);
  names = names_of (G_LIST_MODEL (list));
  g_assert_cmpstr (names, ==, "a b b2 c");
  g_assert_true (b->parent == RH_SORTED_LIST (list));

  g_assert_true (rh_sorted_list_find (RH_SORTED_LIST (list), has_name, "b2") == b2);
  g_assert_null (rh_sorted_list_find (RH_SORTED_LIST (list), has_name, "nobody"));
  g_assert_true (rh_sorted_list_peek (RH_SORTED_LIST (list), 3) == c);
  g_assert_null (rh_sorted_list_peek (RH_SORTED_LIST (list), 4));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 4));

  /* A key that changes moves its item, with a removal and an addition. */
  a->key = 5;
  change.count = 0;
  rh_sorted_list_reposition (RH_SORTED_LIST (list), a);
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 3);
  g_clear_pointer (&names, g_free);
  names = names_of (G_LIST_MODEL (list));
  g_assert_cmpstr (names, ==, "b b2 c a");

  /* Staying in place says nothing. */
  change.count = 0;
  rh_sorted_list_reposition (RH_SORTED_LIST (list), a);
  rh_sorted_list_reposition (RH_SORTED_LIST (list), outsider);
  g_assert_cmpuint (change.count, ==, 0);

  g_assert_true (rh_sorted_list_remove (RH_SORTED_LIST (list), b2));
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_null (b2->parent);
  g_assert_false (rh_sorted_list_remove (RH_SORTED_LIST (list), b2));
  g_assert_cmpuint (rh_sorted_list_get_length (RH_SORTED_LIST (list)), ==, 3);

  /* The list going away lets go of its items' parent links. */
  g_clear_object (&list);
  g_assert_null (b->parent);
  g_assert_null (c->parent);
}

static void
test_replace_all (void)
{
  g_autoptr (TestList)  list = g_object_new (TEST_TYPE_LIST, NULL);
  g_autoptr (TestItem)  old = test_item_new (1, "old");
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char      *names = NULL;
  Change                change = { 0 };

  rh_sorted_list_insert (RH_SORTED_LIST (list), old);
  g_ptr_array_add (items, test_item_new (3, "z"));
  g_ptr_array_add (items, test_item_new (1, "y"));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  rh_sorted_list_replace_all (RH_SORTED_LIST (list), items);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 2);
  g_assert_null (old->parent);
  g_assert_true (TEST_ITEM (g_ptr_array_index (items, 0))->parent == RH_SORTED_LIST (list));
  /* The order given is kept. */
  names = names_of (G_LIST_MODEL (list));
  g_assert_cmpstr (names, ==, "z y");

  g_ptr_array_set_size (items, 0);
  rh_sorted_list_replace_all (RH_SORTED_LIST (list), items);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_compare_titles (void)
{
  g_assert_cmpint (rh_sorted_list_compare_titles ("Alpha", "a", "Beta", "b"), <, 0);
  g_assert_cmpint (rh_sorted_list_compare_titles ("Same", "b", "Same", "a"), >, 0);
  g_assert_cmpint (rh_sorted_list_compare_titles ("Same", "a", "Same", "a"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sorted-list/order-and-signals", test_order_and_signals);
  g_test_add_func ("/sorted-list/replace-all", test_replace_all);
  g_test_add_func ("/sorted-list/compare-titles", test_compare_titles);

  return g_test_run ();
}
