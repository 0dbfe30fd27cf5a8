/* rh-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-library.h"
#include "rh-page-renderer.h"

G_BEGIN_DECLS

gboolean rh_export_html (RhLibrary      *library,
                         RhPageRenderer *renderer,
                         const char     *directory,
                         guint          *out_n_pages,
                         GError        **error);

G_END_DECLS
