/* rh-search-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-search-index.h"

G_BEGIN_DECLS

typedef struct _RhSearchReader RhSearchReader;

RhSearchReader *rh_search_reader_open (const char *path,
                                       guint       generation,
                                       GError    **error);
void            rh_search_reader_free (RhSearchReader *reader);
guint           rh_search_reader_get_generation (RhSearchReader *reader);
gboolean        rh_search_reader_query (RhSearchReader       *reader,
                                        const char           *match,
                                        guint                 n_tokens,
                                        const RhSearchFilter *filter,
                                        guint                 limit,
                                        GCancellable         *cancellable,
                                        GPtrArray            *results,
                                        gboolean             *out_damaged,
                                        GError              **error);
gboolean        rh_search_reader_suggest (RhSearchReader *reader,
                                          const char     *text,
                                          GCancellable   *cancellable,
                                          char          **out_suggestion,
                                          gboolean       *out_damaged,
                                          GError        **error);

G_END_DECLS
