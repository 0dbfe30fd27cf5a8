/* rh-subtopic-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-page-data.h"
#include "rh-subtopic.h"

G_BEGIN_DECLS

RhSubtopic       *_rh_subtopic_new (const char *path,
                                    const char *title,
                                    gint64      order,
                                    gboolean    has_order);
gboolean          _rh_subtopic_add_page (RhSubtopic *self,
                                         RhPageData *page,
                                         gboolean    bundled);
gboolean          _rh_subtopic_remove_source (RhSubtopic *self,
                                              const char *source);
gboolean          _rh_subtopic_count_source (RhSubtopic *self,
                                             const char *source,
                                             guint      *out_n_questions);
void              _rh_subtopic_set_sibling_info (RhSubtopic          *self,
                                                 const RhSiblingData *sibling);
void              _rh_subtopic_set_topic (RhSubtopic *self,
                                          RhTopic    *topic);
const RhPageData *_rh_subtopic_peek_pending (RhSubtopic *self);
char             *_rh_subtopic_dup_content_key (RhSubtopic *self);
int               _rh_subtopic_compare (gconstpointer a,
                                        gconstpointer b,
                                        gpointer      user_data);

G_END_DECLS
