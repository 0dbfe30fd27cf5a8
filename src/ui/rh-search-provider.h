/* rh-search-provider.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-application.h"

G_BEGIN_DECLS

#define RH_TYPE_SEARCH_PROVIDER (rh_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (RhSearchProvider, rh_search_provider, RH, SEARCH_PROVIDER, GObject)

RhSearchProvider *rh_search_provider_new (RhApplication *application);
gboolean          rh_search_provider_register (RhSearchProvider *self,
                                               GDBusConnection  *connection,
                                               const char       *object_path,
                                               GError          **error);
void              rh_search_provider_unregister (RhSearchProvider *self);

G_END_DECLS
