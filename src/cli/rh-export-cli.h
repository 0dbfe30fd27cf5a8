/* rh-export-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int rh_export_cli_run (const char        *directory,
                       const char *const *files,
                       guint              n_files,
                       GOutputStream     *out,
                       GOutputStream     *err);

G_END_DECLS
