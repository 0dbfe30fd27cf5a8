/* rh-topic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-sorted-list.h"

#include "rh-subtopic.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC (rh_topic_get_type ())

G_DECLARE_FINAL_TYPE (RhTopic, rh_topic, RH, TOPIC, RhSortedList)

typedef struct _RhFramework RhFramework;

const char  *rh_topic_get_title (RhTopic *self);
const char  *rh_topic_get_slug (RhTopic *self);
RhFramework *rh_topic_get_framework (RhTopic *self);
RhSubtopic  *rh_topic_lookup (RhTopic    *self,
                              const char *path);

G_END_DECLS
