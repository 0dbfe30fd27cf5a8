/* rh-content-error.c
 *
 * The error domain of every content file that cannot be read, so that
 * callers can tell the kinds of failure apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-error.h"

/* clang-format off */
G_DEFINE_QUARK (rh-content-error-quark, rh_content_error)
/* clang-format on */
