/* rh-search-index-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-search-index.h"

G_BEGIN_DECLS

typedef struct _RhSearchSnapshot RhSearchSnapshot;

RhSearchSnapshot *_rh_search_snapshot_new (RhLibrary *library);
void              _rh_search_snapshot_free (RhSearchSnapshot *snapshot);
const char       *_rh_search_snapshot_get_hash (RhSearchSnapshot *snapshot);
gboolean          _rh_search_index_ensure_snapshot (RhSearchIndex    *self,
                                                    RhSearchSnapshot *snapshot,
                                                    gboolean         *out_rebuilt,
                                                    GCancellable     *cancellable,
                                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhSearchSnapshot, _rh_search_snapshot_free)

G_END_DECLS
