/* test-variant-table.c
 *
 * The load cache's tables of GVariants: what is written reads back item
 * by item, through a file as a start reads it, and damage to the framing
 * gives nothing for the item it touches, never another item's bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-variant-table.h"

#define N_ITEMS 3000

static GVariant *
make_item (guint i)
{
  g_autofree char *text = g_strdup_printf ("item %u%*s", i, (int) (i % 17), "");

  return g_variant_new ("(st)", text, (guint64) i * 7);
}

static GBytes *
write_table (gboolean strings)
{
  g_autoptr (RhVariantTableBuilder) builder = rh_variant_table_builder_new ();
  g_autoptr (GVariant)              table = NULL;

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *name = g_strdup_printf ("/library/page-%05u.json", i);

      g_assert_cmpuint (rh_variant_table_builder_add (builder, strings ? g_variant_new_string (name) : make_item (i)),
                        ==, i);
    }
  g_assert_cmpuint (rh_variant_table_builder_get_n_items (builder), ==, N_ITEMS);

  /* Inside a tuple after a byte, as the cache keeps its tables after
   * its version. */
  table = g_variant_ref_sink (g_variant_new ("(y@" RH_VARIANT_TABLE_TYPE ")", 1, rh_variant_table_builder_end (builder)));

  return g_variant_get_data_as_bytes (table);
}

static RhVariantTable *
read_table (GBytes             *bytes,
            const GVariantType *item_type)
{
  g_autoptr (GVariant) outer = g_variant_new_from_bytes (G_VARIANT_TYPE ("(y" RH_VARIANT_TABLE_TYPE ")"), bytes, FALSE);
  g_autoptr (GVariant) table = g_variant_get_child_value (outer, 1);

  g_variant_ref_sink (outer);

  return rh_variant_table_new (table, item_type);
}

static void
test_round_trip (void)
{
  g_autoptr (GBytes)         bytes = write_table (FALSE);
  g_autoptr (RhVariantTable) table = read_table (bytes, G_VARIANT_TYPE ("(st)"));

  g_assert_cmpuint (rh_variant_table_get_n_items (table), ==, N_ITEMS);
  /* Backwards, as a lookup in any order would. */
  for (guint i = N_ITEMS; i > 0; i--)
    {
      g_autoptr (GVariant) expected = g_variant_ref_sink (make_item (i - 1));
      g_autoptr (GVariant) item = rh_variant_table_get (table, i - 1);

      g_assert_nonnull (item);
      g_assert_true (g_variant_equal (item, expected));
      /* Read in place: no item is copied to be aligned. */
      g_assert_cmpuint (GPOINTER_TO_SIZE (g_variant_get_data (item)) % 8, ==, 0);
    }
  g_assert_null (rh_variant_table_get (table, N_ITEMS));
}

static void
test_strings_in_place (void)
{
  g_autoptr (GBytes)         bytes = write_table (TRUE);
  g_autoptr (RhVariantTable) table = read_table (bytes, G_VARIANT_TYPE_STRING);
  gsize                      size;
  const guint8              *data = g_bytes_get_data (bytes, &size);

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *name = g_strdup_printf ("/library/page-%05u.json", i);
      const char      *found = rh_variant_table_get_string (table, i);

      g_assert_cmpstr (found, ==, name);
      g_assert_true ((const guint8 *) found >= data && (const guint8 *) found < data + size);
    }
  g_assert_null (rh_variant_table_get_string (table, N_ITEMS));
}

/* Every byte of the spans damaged in turn, and a NUL taken away: each
 * item still reads as what it was, or as nothing, and strings stay
 * inside the data. */
static void
test_damaged_framing (void)
{
  g_autoptr (GBytes) good = write_table (TRUE);
  gsize              size;
  const guint8      *data = g_bytes_get_data (good, &size);
  gsize              spans_start = size - 1 - N_ITEMS * 16; /* the outer tuple's one framing offset at the end */
  guint              n_nothing = 0;

  for (gsize at = spans_start; at < spans_start + 16 * 8; at++)
    {
      g_autofree guint8         *copy = g_memdup2 (data, size);
      g_autoptr (GBytes)         bytes = NULL;
      g_autoptr (RhVariantTable) table = NULL;

      copy[at] ^= 0x5a;
      bytes = g_bytes_new (copy, size);
      table = read_table (bytes, G_VARIANT_TYPE_STRING);
      for (guint i = 0; i < 8; i++)
        {
          g_autofree char *name = g_strdup_printf ("/library/page-%05u.json", i);
          const char      *found = rh_variant_table_get_string (table, i);

          if (found == NULL)
            n_nothing++;
          else
            g_assert_true (g_str_equal (found, name) || strlen (found) < size);
        }
    }
  g_assert_cmpuint (n_nothing, >, 0);

  {
    g_autofree guint8         *copy = g_memdup2 (data, size);
    g_autoptr (GBytes)         bytes = NULL;
    g_autoptr (RhVariantTable) table = NULL;
    const char                *first;
    gsize                      nul;

    bytes = g_bytes_new_static (copy, size);
    table = read_table (bytes, G_VARIANT_TYPE_STRING);
    first = rh_variant_table_get_string (table, 0);
    g_assert_nonnull (first);
    nul = (gsize) ((const guint8 *) first - (const guint8 *) g_bytes_get_data (bytes, NULL)) + strlen (first);
    g_clear_pointer (&table, rh_variant_table_free);
    g_clear_pointer (&bytes, g_bytes_unref);

    /* The first name's NUL becomes a letter: it no longer ends where its
     * span does. */
    copy[nul] = 'x';
    bytes = g_bytes_new (copy, size);
    table = read_table (bytes, G_VARIANT_TYPE_STRING);
    g_assert_null (rh_variant_table_get_string (table, 0));
    g_assert_nonnull (rh_variant_table_get_string (table, 1));
  }
}

static void
test_not_a_table (void)
{
  static const guint8        garbage[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
  g_autoptr (GBytes)         bytes = g_bytes_new_static (garbage, sizeof garbage);
  g_autoptr (RhVariantTable) table = read_table (bytes, G_VARIANT_TYPE_STRING);

  g_assert_cmpuint (rh_variant_table_get_n_items (table), ==, 0);
  g_assert_null (rh_variant_table_get (table, 0));
  g_assert_null (rh_variant_table_get_string (table, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/variant-table/round-trip", test_round_trip);
  g_test_add_func ("/variant-table/strings-in-place", test_strings_in_place);
  g_test_add_func ("/variant-table/damaged-framing", test_damaged_framing);
  g_test_add_func ("/variant-table/not-a-table", test_not_a_table);

  return g_test_run ();
}
