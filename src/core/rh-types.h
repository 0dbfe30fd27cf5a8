/* rh-types.h
 *
 * The types of the core layer, declared so that a header can name one
 * without including the header that defines it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RhBookmark     RhBookmark;
typedef struct _RhFramework    RhFramework;
typedef struct _RhLibrary      RhLibrary;
typedef struct _RhQuestion     RhQuestion;
typedef struct _RhSearchIndex  RhSearchIndex;
typedef struct _RhSearchResult RhSearchResult;
typedef struct _RhState        RhState;
typedef struct _RhSubtopic     RhSubtopic;
typedef struct _RhTopic        RhTopic;

G_END_DECLS
