/* rh-state-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rh-state.h"

G_BEGIN_DECLS

sqlite3 *_rh_state_get_db (RhState *self);

G_END_DECLS
