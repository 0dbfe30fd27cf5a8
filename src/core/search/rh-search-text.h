/* rh-search-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *rh_search_text_prepare (const char *markdown,
                              gboolean    is_answer);

G_END_DECLS
