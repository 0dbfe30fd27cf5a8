/* rh-imports.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-library.h"

G_BEGIN_DECLS

char      *rh_imports_get_directory (void);
GPtrArray *rh_imports_list_files (void);
GPtrArray *rh_imports_import_file (const char *file,
                                   char      **out_destination,
                                   GError    **error);
gboolean   rh_imports_remove_file (const char *destination,
                                   GError    **error);

G_END_DECLS
