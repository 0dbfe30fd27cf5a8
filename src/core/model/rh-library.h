/* rh-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-framework.h"
#include "rh-sorted-list.h"
#include "rh-page-data.h"

G_BEGIN_DECLS

#define RH_TYPE_LIBRARY (rh_library_get_type ())

G_DECLARE_FINAL_TYPE (RhLibrary, rh_library, RH, LIBRARY, RhSortedList)

RhLibrary   *rh_library_new (void);
guint        rh_library_add_pages (RhLibrary *self,
                                   GPtrArray *pages);
RhFramework *rh_library_lookup_framework (RhLibrary  *self,
                                          const char *slug);
RhSubtopic  *rh_library_lookup_subtopic (RhLibrary  *self,
                                         const char *path);
RhQuestion  *rh_library_lookup_question (RhLibrary  *self,
                                         const char *path,
                                         const char *id);
guint        rh_library_get_n_questions (RhLibrary *self);
guint        rh_library_get_n_subtopics (RhLibrary *self);
RhSubtopic  *rh_library_get_first_available (RhLibrary *self);
guint        rh_library_remove_source (RhLibrary  *self,
                                       const char *source);
void         rh_library_count_source (RhLibrary  *self,
                                      const char *source,
                                      guint      *out_n_pages,
                                      guint      *out_n_questions);

G_END_DECLS
