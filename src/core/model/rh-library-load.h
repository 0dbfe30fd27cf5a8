/* rh-library-load.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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
/**
 * RhLibraryLoadProgress:
 * @n_done: files merged so far
 * @n_files: files being read in the background
 */
typedef void (*RhLibraryLoadProgress) (guint    n_done,
                                       guint    n_files,
                                       gpointer user_data);

void       rh_library_load_files_cached_async (RhLibrary            *library,
                                               const char *const    *files,
                                               guint                 n_files,
                                               const char           *cache_file,
                                               guint64               max_sync_bytes,
                                               GCancellable         *cancellable,
                                               RhLibraryLoadProgress progress,
                                               gpointer              progress_data,
                                               GDestroyNotify        progress_destroy,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *rh_library_load_files_cached_finish (RhLibrary    *library,
                                                GAsyncResult *result,
                                                GError      **error);
void       rh_library_load_hold (RhLibrary *library);
void       rh_library_load_release (RhLibrary *library);
GPtrArray *rh_library_load_files_with_threads (RhLibrary         *library,
                                               const char *const *files,
                                               guint              n_files,
                                               guint              max_threads);
GPtrArray *rh_library_load_directory (RhLibrary  *library,
                                      const char *directory,
                                      GError    **error);

G_END_DECLS
