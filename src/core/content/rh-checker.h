/* rh-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-library.h"

G_BEGIN_DECLS

char *rh_checker_format_tree (RhLibrary *library);
char *rh_checker_format_json (RhLibrary *library,
                              GPtrArray *results);
int   rh_checker_run (const char *const *files,
                      guint              n_files,
                      gboolean           as_json,
                      char             **out_report,
                      char             **out_errors);

G_END_DECLS
