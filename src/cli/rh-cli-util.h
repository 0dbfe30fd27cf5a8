/* rh-cli-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-library.h"
#include "rh-question-ref.h"

G_BEGIN_DECLS

gboolean   rh_cli_util_report_load_errors (GPtrArray     *results,
                                           GOutputStream *err);
GPtrArray *rh_cli_util_load_files (RhLibrary *library,
                                   GPtrArray *files);
RhLibrary *rh_cli_util_load_library (const char *const *files,
                                     guint              n_files,
                                     GOutputStream     *err,
                                     int               *out_status);
void       rh_cli_util_append_line (GString             *lines,
                                    const RhQuestionRef *ref,
                                    const char          *question);

G_END_DECLS
