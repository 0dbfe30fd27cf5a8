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

/* What says a file has not changed since it was read: its size,
 * modification time (in microseconds) and inode. */
typedef struct
{
  gint64  size;
  gint64  mtime;
  guint64 inode;
} RhFileStamp;

/* One page as read from a content file, before it joins the model.
 * Plain data, so that files can be read on worker threads.
 *
 * A page read back from the load cache leaves its questions there:
 * question_data holds them as the cache file has them, an "a(syss)" in
 * the mapped file, and n_question_data says how many; questions is then
 * empty, until rh_load_cache_realize() makes them when the page is
 * first looked at.
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
  GVariant    *sibling_data; /* nullable: the siblings as the load cache
                              * has them, an "a(ssxb)", instead of siblings */
  GVariant    *question_data; /* nullable: see above */
  guint64      question_data_sum;
  guint        n_question_data;
  RhFileStamp  stamp; /* of source, when has_stamp */
  gboolean     has_stamp;
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
guint       rh_page_data_get_n_questions (const RhPageData *self);
gboolean    rh_file_stamp_get (const char  *file,
                               RhFileStamp *stamp);
gboolean    rh_file_stamp_equal (const RhFileStamp *a,
                                 const RhFileStamp *b);
const char *rh_path_get_slug (const char *path);
gboolean    rh_path_split (const char *path,
                           char      **framework_slug,
                           char      **topic_slug,
                           char      **subtopic_slug);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhPageData, rh_page_data_free)

G_END_DECLS
