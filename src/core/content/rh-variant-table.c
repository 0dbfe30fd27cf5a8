/* rh-variant-table.c
 *
 * A list of GVariants of one type, stored in one larger GVariant and
 * read back by index in constant time. An array of variable-sized
 * elements is the obvious way to keep them, but the GLib of Debian 12
 * checks every framing offset up to the one asked for on each access to
 * an untrusted array, which makes reading all of a large one quadratic:
 * 23 ms for the 12,500 file names of a large library's load cache. Here
 * the framing is an array of fixed-size (offset, size) pairs, which
 * GVariant reads without checking, and each item is checked on its own
 * as it is read: damage still reads as an empty or default value, never
 * as a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-variant-table.h"

/* Every item starts at a multiple of the largest alignment GVariant
 * uses, so that reading it needs no copy. */
#define ITEM_ALIGNMENT 8

typedef struct
{
  guint64 offset;
  guint64 size;
} ItemSpan;

struct _RhVariantTable
{
  GVariantType   *item_type;
  GBytes         *data;
  const guint8   *bytes;
  gsize           n_bytes;
  GVariant       *spans_variant;
  const ItemSpan *spans;
  gsize           n_spans;
};

struct _RhVariantTableBuilder
{
  GByteArray *data;
  GArray     *spans; /* ItemSpan */
};

/**
 * rh_variant_table_new:
 * @table: a value of type %RH_VARIANT_TABLE_TYPE, trusted or not
 * @item_type: the type of every item
 *
 * Returns: (transfer full): the table, which keeps @table's data
 */
RhVariantTable *
rh_variant_table_new (GVariant           *table,
                      const GVariantType *item_type)
{
  RhVariantTable      *self;
  g_autoptr (GVariant) data = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (table, G_VARIANT_TYPE (RH_VARIANT_TABLE_TYPE)), NULL);
  g_return_val_if_fail (item_type != NULL && g_variant_type_is_definite (item_type), NULL);

  self = g_new0 (RhVariantTable, 1);
  self->item_type = g_variant_type_copy (item_type);
  data = g_variant_get_child_value (table, 0);
  self->data = g_variant_get_data_as_bytes (data);
  self->bytes = g_bytes_get_data (self->data, &self->n_bytes);
  self->spans_variant = g_variant_get_child_value (table, 1);
  self->spans = g_variant_get_fixed_array (self->spans_variant, &self->n_spans, sizeof (ItemSpan));
  if (self->spans == NULL)
    self->n_spans = 0;

  return self;
}

void
rh_variant_table_free (RhVariantTable *self)
{
  if (self == NULL)
    return;

  g_variant_type_free (self->item_type);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->spans_variant, g_variant_unref);
  g_free (self);
}

gsize
rh_variant_table_get_n_items (RhVariantTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_spans;
}

static gboolean
get_span (RhVariantTable *self,
          gsize           index,
          ItemSpan       *span)
{
  if (index >= self->n_spans)
    return FALSE;

  *span = self->spans[index];

  return span->offset % ITEM_ALIGNMENT == 0 && span->offset <= self->n_bytes &&
         span->size <= self->n_bytes - span->offset;
}

/**
 * rh_variant_table_get:
 *
 * Safe on any thread.
 *
 * Returns: (transfer full) (nullable): item @index, of the table's item
 *   type; %NULL if there is no such item or its place in the data is
 *   damaged
 */
GVariant *
rh_variant_table_get (RhVariantTable *self,
                      gsize           index)
{
  g_autoptr (GBytes) bytes = NULL;
  ItemSpan           span;

  g_return_val_if_fail (self != NULL, NULL);

  if (!get_span (self, index, &span))
    return NULL;

  bytes = g_bytes_new_from_bytes (self->data, span.offset, span.size);

  return g_variant_ref_sink (g_variant_new_from_bytes (self->item_type, bytes, FALSE));
}

/**
 * rh_variant_table_get_string:
 *
 * Item @index of a table of strings, read in place, as far as it is a
 * string: bytes ending in the one NUL that GVariant writes after it.
 * Safe on any thread.
 *
 * Returns: (transfer none) (nullable): the string, in the table's data
 */
const char *
rh_variant_table_get_string (RhVariantTable *self,
                             gsize           index)
{
  ItemSpan    span;
  const char *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_variant_type_equal (self->item_type, G_VARIANT_TYPE_STRING), NULL);

  if (!get_span (self, index, &span) || span.size == 0)
    return NULL;

  text = (const char *) self->bytes + span.offset;
  if (memchr (text, '\0', span.size) != text + span.size - 1)
    return NULL;

  return text;
}

RhVariantTableBuilder *
rh_variant_table_builder_new (void)
{
  RhVariantTableBuilder *self = g_new0 (RhVariantTableBuilder, 1);

  self->data = g_byte_array_new ();
  self->spans = g_array_new (FALSE, FALSE, sizeof (ItemSpan));

  return self;
}

void
rh_variant_table_builder_free (RhVariantTableBuilder *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->data, g_byte_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_free (self);
}

/**
 * rh_variant_table_builder_add:
 * @item: (transfer none): the next item; a floating reference is sunk
 *
 * Returns: the item's index
 */
guint
rh_variant_table_builder_add (RhVariantTableBuilder *self,
                              GVariant              *item)
{
  static const guint8  padding[ITEM_ALIGNMENT] = { 0 };
  g_autoptr (GVariant) value = NULL;
  ItemSpan             span;

  g_return_val_if_fail (self != NULL && self->data != NULL, 0);
  g_return_val_if_fail (item != NULL, 0);

  value = g_variant_ref_sink (item);
  if (self->data->len % ITEM_ALIGNMENT != 0)
    g_byte_array_append (self->data, padding, ITEM_ALIGNMENT - self->data->len % ITEM_ALIGNMENT);

  span.offset = self->data->len;
  span.size = g_variant_get_size (value);
  g_byte_array_append (self->data, g_variant_get_data (value), (guint) span.size);
  g_array_append_val (self->spans, span);

  return self->spans->len - 1;
}

guint
rh_variant_table_builder_get_n_items (RhVariantTableBuilder *self)
{
  g_return_val_if_fail (self != NULL && self->spans != NULL, 0);

  return self->spans->len;
}

/**
 * rh_variant_table_builder_end:
 *
 * Returns: (transfer floating): the table, of type
 *   %RH_VARIANT_TABLE_TYPE; the builder can add nothing more
 */
GVariant *
rh_variant_table_builder_end (RhVariantTableBuilder *self)
{
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GBytes) spans = NULL;
  GVariant          *children[2];
  gsize              n_spans;

  g_return_val_if_fail (self != NULL && self->data != NULL, NULL);

  n_spans = self->spans->len;
  data = g_byte_array_free_to_bytes (g_steal_pointer (&self->data));
  spans = g_bytes_new_take (g_array_free (g_steal_pointer (&self->spans), FALSE), n_spans * sizeof (ItemSpan));
  children[0] = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, data, TRUE);
  children[1] = g_variant_new_from_bytes (G_VARIANT_TYPE ("a(tt)"), spans, TRUE);

  return g_variant_new_tuple (children, 2);
}
