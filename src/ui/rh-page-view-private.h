/* rh-page-view-private.h
 *
 * What the `rehearse:` scheme asks of the page view that requested a
 * page; not for other callers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-page-view.h"

G_BEGIN_DECLS

char       *_rh_page_view_render_page (RhPageView *self,
                                       const char *path);
const char *_rh_page_view_get_stylesheet (RhPageView *self);

G_END_DECLS
