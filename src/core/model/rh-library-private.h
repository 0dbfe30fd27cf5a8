/* rh-library-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-library.h"

G_BEGIN_DECLS

/* For benchmarks that compare one thread against json-glib alone. */
GPtrArray *_rh_library_load_files_with_threads (RhLibrary         *self,
                                                const char *const *files,
                                                guint              n_files,
                                                guint              max_threads);

typedef struct _RhLoadCache RhLoadCache;

GPtrArray *_rh_library_load_files_full (RhLibrary         *self,
                                        const char *const *files,
                                        guint              n_files,
                                        guint              max_threads,
                                        RhLoadCache       *cache);

G_END_DECLS
