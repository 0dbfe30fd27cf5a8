/* rh-page-scheme.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* What every page and resource the page view shows is served under. */
#define RH_PAGE_SCHEME "rehearse"

void rh_page_scheme_register (void);

G_END_DECLS
