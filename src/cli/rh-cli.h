/* rh-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rh_cli_wants_headless (int    argc,
                                char **argv);
int      rh_cli_run (int    argc,
                     char **argv);

G_END_DECLS
