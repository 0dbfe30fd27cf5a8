/* rh-content-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rh-page-data.h"

G_BEGIN_DECLS

typedef enum
{
  RH_PAGE_PART_PAGE,
  RH_PAGE_PART_QUESTION,
  RH_PAGE_PART_SIBLING,
} RhPagePart;

/* Where a page breaks a rule: a member of the page, or of its question
 * or sibling number @index, named as in a content file. */
typedef struct
{
  RhPagePart  part;
  guint       index;
  const char *field;
} RhPageFault;

GPtrArray *rh_content_reader_read (JsonNode   *root,
                                   const char *source,
                                   GError    **error);
gboolean   rh_content_reader_check_page (const RhPageData *page,
                                         RhPageFault      *fault,
                                         GError          **error);

G_END_DECLS
