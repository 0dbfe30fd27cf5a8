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

G_END_DECLS
