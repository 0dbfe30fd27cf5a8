/* rh-library-load.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-library.h"
#include "rh-load-result.h"

G_BEGIN_DECLS

GPtrArray *rh_library_load_files (RhLibrary         *library,
                                  const char *const *files,
                                  guint              n_files);
GPtrArray *rh_library_load_files_cached (RhLibrary         *library,
                                         const char *const *files,
                                         guint              n_files,
                                         const char        *cache_file);
GPtrArray *rh_library_load_files_with_threads (RhLibrary         *library,
                                               const char *const *files,
                                               guint              n_files,
                                               guint              max_threads);
GPtrArray *rh_library_load_directory (RhLibrary  *library,
                                      const char *directory,
                                      GError    **error);

G_END_DECLS
