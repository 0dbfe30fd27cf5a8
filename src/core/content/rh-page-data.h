/* rh-page-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rh-difficulty.h"

G_BEGIN_DECLS

/* A subtopic known from a page's sibling list. */
typedef struct
{
  char    *title;
  char    *path;
  gint64   order;
  gboolean has_order;
} RhSiblingData;

/* One page as read from a content file, before it joins the model.
 * Plain data, so that files can be read on worker threads.
 */
typedef struct
{
  char        *framework;
  char        *framework_slug;
  char        *topic;
  char        *topic_slug;
  char        *title;
  char        *path;
  char        *updated;
  char        *summary;
  char        *source;
  GPtrArray   *questions; /* RhQuestion */
  GArray      *siblings; /* RhSiblingData */
  gint64       order;
  RhDifficulty difficulty;
  gboolean     has_order;
  gboolean     has_difficulty;
} RhPageData;

#define RH_TYPE_PAGE_DATA (rh_page_data_get_type ())

GType       rh_page_data_get_type (void) G_GNUC_CONST;
RhPageData *rh_page_data_new (void);
RhPageData *rh_page_data_copy (const RhPageData *self);
void        rh_page_data_free (RhPageData *self);
const char *rh_path_get_slug (const char *path);
gboolean    rh_path_split (const char *path,
                           char      **framework_slug,
                           char      **topic_slug,
                           char      **subtopic_slug);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhPageData, rh_page_data_free)

G_END_DECLS
