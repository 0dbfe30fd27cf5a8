/* rh-content-dirs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *rh_content_dirs_get_bundled (void);
char      *rh_content_dirs_get_cache_file (void);
char      *rh_content_dirs_get_files_cache_file (void);
GPtrArray *rh_content_dirs_list_files (const char *directory);
gboolean   rh_content_dirs_is_content_name (const char *name);
GPtrArray *rh_content_dirs_list_tree (const char *directory,
                                      GError    **error);
GPtrArray *rh_content_dirs_expand (const char *const *paths,
                                   guint              n_paths,
                                   GPtrArray         *errors);

G_END_DECLS
