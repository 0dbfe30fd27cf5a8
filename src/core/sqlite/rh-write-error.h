/* rh-write-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean rh_write_error_is_refusal (int errno_value);
int      rh_write_error_probe (const char *file);
int      rh_write_error_get_errno (const GError *error);
gboolean rh_write_error_set (GError    **error,
                             GQuark      domain,
                             int         code,
                             const char *doing,
                             const char *file,
                             int         errno_value);

G_END_DECLS
