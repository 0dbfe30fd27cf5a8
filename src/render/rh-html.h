/* rh-html.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     rh_html_append_escaped (GString    *out,
                                 const char *text,
                                 gsize       len);
void     rh_html_append_text (GString    *out,
                              const char *text);
gboolean rh_html_decode_entity (const char *text,
                                gsize       size,
                                GString    *out);

G_END_DECLS
