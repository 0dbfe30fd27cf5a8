/* rh-variant-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a table is written inside a larger GVariant: its items' bytes,
 * each at an offset that is a multiple of 8, and each item's offset and
 * size. */
#define RH_VARIANT_TABLE_TYPE "(aya(tt))"

typedef struct _RhVariantTable        RhVariantTable;
typedef struct _RhVariantTableBuilder RhVariantTableBuilder;

RhVariantTable *rh_variant_table_new (GVariant           *table,
                                      const GVariantType *item_type);
void            rh_variant_table_free (RhVariantTable *self);
gsize           rh_variant_table_get_n_items (RhVariantTable *self);
GVariant       *rh_variant_table_get (RhVariantTable *self,
                                      gsize           index);
const char     *rh_variant_table_get_string (RhVariantTable *self,
                                             gsize           index);

RhVariantTableBuilder *rh_variant_table_builder_new (void);
void                   rh_variant_table_builder_free (RhVariantTableBuilder *self);
guint                  rh_variant_table_builder_add (RhVariantTableBuilder *self,
                                                     GVariant              *item);
guint                  rh_variant_table_builder_get_n_items (RhVariantTableBuilder *self);
GVariant              *rh_variant_table_builder_end (RhVariantTableBuilder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhVariantTable, rh_variant_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhVariantTableBuilder, rh_variant_table_builder_free)

G_END_DECLS
