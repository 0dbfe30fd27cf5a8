/* rh-topic-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rh-topic.h"

G_BEGIN_DECLS

RhTopic *_rh_topic_new (const char *slug,
                        const char *title);
void     _rh_topic_set_title (RhTopic    *self,
                              const char *title);
void     _rh_topic_set_framework (RhTopic     *self,
                                  RhFramework *framework);
int      _rh_topic_compare (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data);

G_END_DECLS
