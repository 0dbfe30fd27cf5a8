/* rh-search-index.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-library.h"
#include "rh-search-result.h"

G_BEGIN_DECLS

#define RH_SEARCH_INDEX_ERROR (rh_search_index_error_quark ())

typedef enum
{
  RH_SEARCH_INDEX_ERROR_FAILED,
  RH_SEARCH_INDEX_ERROR_NOT_READY,
} RhSearchIndexError;

#define RH_SEARCH_ANY_DIFFICULTY (-1)
#define RH_SEARCH_DEFAULT_LIMIT 50

/* What a search is limited to; RH_SEARCH_FILTER_INIT matches everything. */
typedef struct
{
  int         difficulty; /* an RhDifficulty, or RH_SEARCH_ANY_DIFFICULTY */
  const char *framework_slug; /* nullable: any framework */
  GHashTable *only_refs; /* nullable: a set of RhQuestionRef, such as
                          * rh_state_dup_bookmark_refs() returns */
} RhSearchFilter;

#define RH_SEARCH_FILTER_INIT            \
  {                                      \
    RH_SEARCH_ANY_DIFFICULTY, NULL, NULL \
  }

#define RH_TYPE_SEARCH_INDEX (rh_search_index_get_type ())

G_DECLARE_FINAL_TYPE (RhSearchIndex, rh_search_index, RH, SEARCH_INDEX, GObject)

GQuark         rh_search_index_error_quark (void);
char          *rh_search_index_get_default_path (void);
RhSearchIndex *rh_search_index_new (const char *db_path);
const char    *rh_search_index_get_path (RhSearchIndex *self);
gboolean       rh_search_index_get_repairing (RhSearchIndex *self);

char    *rh_search_index_compute_hash (RhLibrary *library);
gboolean rh_search_index_ensure (RhSearchIndex *self,
                                 RhLibrary     *library,
                                 gboolean      *out_rebuilt,
                                 GError       **error);
void     rh_search_index_ensure_async (RhSearchIndex      *self,
                                       RhLibrary          *library,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean rh_search_index_ensure_finish (RhSearchIndex *self,
                                        GAsyncResult  *result,
                                        gboolean      *out_rebuilt,
                                        GError       **error);

GListModel *rh_search_index_query (RhSearchIndex        *self,
                                   const char           *text,
                                   const RhSearchFilter *filter,
                                   guint                 limit,
                                   GCancellable         *cancellable,
                                   GError              **error);
void        rh_search_index_query_async (RhSearchIndex        *self,
                                         const char           *text,
                                         const RhSearchFilter *filter,
                                         guint                 limit,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GListModel *rh_search_index_query_finish (RhSearchIndex *self,
                                          GAsyncResult  *result,
                                          GError       **error);

char *rh_search_index_suggest (RhSearchIndex        *self,
                               const char           *text,
                               const RhSearchFilter *filter,
                               GCancellable         *cancellable,
                               GError              **error);
void  rh_search_index_suggest_async (RhSearchIndex        *self,
                                     const char           *text,
                                     const RhSearchFilter *filter,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
char *rh_search_index_suggest_finish (RhSearchIndex *self,
                                      GAsyncResult  *result,
                                      GError       **error);

G_END_DECLS
