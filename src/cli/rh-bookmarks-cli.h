/* rh-bookmarks-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int rh_bookmarks_cli_run (const char    *path,
                          GOutputStream *out,
                          GOutputStream *err);

G_END_DECLS
