/* rh-search-index-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-search-index.h"
#include "rh-search-snapshot.h"
#include "rh-sqlite.h"

G_BEGIN_DECLS

/* Bump when the tables, the tokenizer, the text preparation or the file
 * change: it is part of the content hash, so every index is rebuilt.
 * 2: page checksums (rh-search-vfs.c), and no longer in WAL mode.
 * 3: fts_titles, the questions and titles alone, ranked first.
 */
#define RH_SEARCH_INDEX_FORMAT 3

/* How the FTS table splits and folds text: the schema's `tokenize`
 * option, which suggestions use to fold words the same way.
 */
#define RH_SEARCH_TOKENIZER "unicode61 remove_diacritics 2"

/* Columns of the FTS table, in order. The first five are indexed. */
enum
{
  RH_SEARCH_COLUMN_QUESTION,
  RH_SEARCH_COLUMN_ANSWER,
  RH_SEARCH_COLUMN_SUBTOPIC,
  RH_SEARCH_COLUMN_TOPIC,
  RH_SEARCH_COLUMN_FRAMEWORK,
};

struct _RhSearchIndex
{
  GObject parent_instance;

  char             *path;
  RhSearchSnapshot *source; /* what the index was last made to match, to
                             * build it again from; under the ensure lock
                             * of rh-search-index-ensure.c */
  GMutex            pool_lock;
  GCond             repaired; /* signalled when a repair ends */
  GPtrArray        *idle; /* RhSearchReader; under pool_lock */
  guint             generation; /* bumped when the file is replaced; under pool_lock */
  gboolean          repairing; /* a query is building the index again; under pool_lock */
  gint              damaged; /* atomic: a query found the file damaged */
  GMainContext     *owner_context; /* where it was made, and :repairing is told */
  gboolean          repairing_told; /* :repairing; in owner_context only */
};

/* RH_SEARCH_INDEX_ERROR; a damaged index is a failure like any other. */
extern const RhSqliteErrors rh_search_index_errors;

gboolean rh_search_index_ensure_snapshot (RhSearchIndex    *self,
                                          RhSearchSnapshot *snapshot,
                                          gboolean         *out_rebuilt,
                                          GCancellable     *cancellable,
                                          GError          **error);
void     rh_search_index_tell_repairing (RhSearchIndex *self,
                                         gboolean       repairing);
gboolean rh_search_index_wait_for_repair (RhSearchIndex *self,
                                          GCancellable  *cancellable,
                                          GError       **error);
gboolean rh_search_index_repair (RhSearchIndex *self,
                                 guint          generation,
                                 gboolean       damaged,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
