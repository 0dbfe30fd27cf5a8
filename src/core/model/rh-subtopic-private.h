/* rh-subtopic-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-page-data.h"
#include "rh-subtopic.h"

G_BEGIN_DECLS

RhSubtopic *_rh_subtopic_new (const char *path,
                              const char *title,
                              gint64      order,
                              gboolean    has_order);
void        _rh_subtopic_set_page (RhSubtopic *self,
                                   RhPageData *page);
void        _rh_subtopic_clear_page (RhSubtopic *self);
void        _rh_subtopic_set_sibling_info (RhSubtopic          *self,
                                           const RhSiblingData *sibling);
void        _rh_subtopic_set_topic (RhSubtopic *self,
                                    RhTopic    *topic);
int         _rh_subtopic_compare (gconstpointer a,
                                  gconstpointer b,
                                  gpointer      user_data);

G_END_DECLS
