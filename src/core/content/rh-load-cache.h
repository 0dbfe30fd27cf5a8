/* rh-load-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rh-page-data.h"

G_BEGIN_DECLS

typedef struct _RhLoadCache RhLoadCache;

RhLoadCache *rh_load_cache_open (const char *path);
void         rh_load_cache_free (RhLoadCache *self);
void         rh_load_cache_mark_used (RhLoadCache *self,
                                      const char  *file);
gint64       rh_load_cache_get_size (RhLoadCache *self,
                                     const char  *file);
GPtrArray   *rh_load_cache_lookup (RhLoadCache *self,
                                   const char  *file);
void         rh_load_cache_store (RhLoadCache *self,
                                  const char  *file,
                                  GPtrArray   *pages);
void         rh_load_cache_store_stamped (RhLoadCache       *self,
                                          const char        *file,
                                          GPtrArray         *pages,
                                          const RhFileStamp *stamp);
void         rh_load_cache_lend_bodies (RhLoadCache *self,
                                        const char  *file,
                                        GPtrArray   *pages);
GPtrArray   *rh_load_cache_realize (const RhPageData *page);
GPtrArray   *rh_load_cache_realize_page (const RhPageData *page);
gboolean     rh_load_cache_save (RhLoadCache *self,
                                 GError     **error);
gboolean     rh_load_cache_is_dirty (RhLoadCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhLoadCache, rh_load_cache_free)

G_END_DECLS
