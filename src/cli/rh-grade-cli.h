/* rh-grade-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int rh_grade_cli_run (const char    *ref,
                      const char    *grade,
                      const char    *at,
                      gboolean       as_json,
                      GOutputStream *out,
                      GOutputStream *err);

G_END_DECLS
