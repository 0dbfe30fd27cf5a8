/* rh-startup-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void rh_startup_profile_mark (const char *what);

G_END_DECLS
