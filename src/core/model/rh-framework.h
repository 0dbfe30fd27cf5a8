/* rh-framework.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-sorted-list.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_FRAMEWORK (rh_framework_get_type ())

G_DECLARE_FINAL_TYPE (RhFramework, rh_framework, RH, FRAMEWORK, RhSortedList)

const char *rh_framework_get_title (RhFramework *self);
const char *rh_framework_get_slug (RhFramework *self);
RhTopic    *rh_framework_lookup (RhFramework *self,
                                 const char  *topic_slug);

G_END_DECLS
