/* rh-card-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int rh_card_cli_run (const char    *ref,
                     gboolean       as_json,
                     GOutputStream *out,
                     GOutputStream *err);

G_END_DECLS
