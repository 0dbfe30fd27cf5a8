/* rh-saved-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    rh_saved_page_is_html (const char *data,
                                   gsize       length);
const char *rh_saved_page_unwrap (const char *data,
                                  gsize       length,
                                  char      **out_copy,
                                  GError    **error);

G_END_DECLS
