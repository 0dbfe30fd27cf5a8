/* rh-content-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-error.h"

/* clang-format off */
G_DEFINE_QUARK (rh-content-error-quark, rh_content_error)
/* clang-format on */
