/* rh-search-snapshot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-library.h"
#include "rh-page-data.h"

G_BEGIN_DECLS

/* One page with questions, as the index holds it. Its strings live in
 * the snapshot's string chunk. */
typedef struct
{
  const char *path;
  const char *framework_slug;
  const char *framework;
  const char *topic;
  const char *subtopic;
  GPtrArray  *questions; /* RhQuestion; NULL while pending */
  RhPageData  pending; /* when questions is NULL: the page, its questions
                        * still in the load cache (rh_load_cache_realize_page());
                        * its strings are the chunk's, its arrays NULL */
  const char *content_key; /* nullable: see _rh_subtopic_dup_content_key() */
  guint       n_questions;
} RhSearchSnapshotPage;

typedef struct
{
  gatomicrefcount ref_count;
  GPtrArray      *pages; /* RhSearchSnapshotPage, in library order */
  GStringChunk   *strings; /* the pages' */
  char           *hash; /* see rh_search_snapshot_get_hash() */
  guint           n_questions;
} RhSearchSnapshot;

RhSearchSnapshot *rh_search_snapshot_new (RhLibrary *library);
RhSearchSnapshot *rh_search_snapshot_ref (RhSearchSnapshot *snapshot);
void              rh_search_snapshot_unref (RhSearchSnapshot *snapshot);
const char       *rh_search_snapshot_get_hash (RhSearchSnapshot *snapshot);
GPtrArray        *rh_search_snapshot_page_get_questions (RhSearchSnapshotPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhSearchSnapshot, rh_search_snapshot_unref)

G_END_DECLS
