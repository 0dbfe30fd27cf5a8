/* rh-search-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Eight times the longest answer in the bundled library. */
#define RH_SEARCH_TEXT_MAX_BYTES (32 * 1024)

char *rh_search_text_prepare (const char *markdown,
                              gboolean    is_answer);

G_END_DECLS
