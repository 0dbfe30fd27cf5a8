/* rh-state-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rh-sqlite.h"

G_BEGIN_DECLS

/* RhState's errors: RH_STATE_ERROR_CORRUPT when the file is damaged. */
extern const RhSqliteErrors rh_state_database_errors;

sqlite3 *rh_state_database_open (const char *path,
                                 int        *out_refusal,
                                 GError    **error);
gboolean rh_state_database_move_aside (const char *path,
                                       char      **out_aside,
                                       GError    **error);

G_END_DECLS
