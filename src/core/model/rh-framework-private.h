/* rh-framework-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-framework.h"

G_BEGIN_DECLS

RhFramework *_rh_framework_new (const char *slug,
                                const char *title);
void         _rh_framework_set_title (RhFramework *self,
                                      const char  *title);
RhTopic     *_rh_framework_ensure_topic (RhFramework *self,
                                         const char  *slug,
                                         const char  *title);
gboolean     _rh_framework_remove_topic (RhFramework *self,
                                         RhTopic     *topic);
int          _rh_framework_compare (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      user_data);

G_END_DECLS
