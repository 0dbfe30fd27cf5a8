/* rh-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-framework.h"
#include "rh-page-data.h"

G_BEGIN_DECLS

/* What became of one content file. */
typedef struct
{
  char   *file;
  GError *error;
  guint   n_pages;
  guint   n_questions;
} RhLoadResult;

#define RH_TYPE_LOAD_RESULT (rh_load_result_get_type ())
#define RH_TYPE_LIBRARY (rh_library_get_type ())

GType         rh_load_result_get_type (void) G_GNUC_CONST;
RhLoadResult *rh_load_result_copy (const RhLoadResult *self);
void          rh_load_result_free (RhLoadResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhLoadResult, rh_load_result_free)

G_DECLARE_FINAL_TYPE (RhLibrary, rh_library, RH, LIBRARY, GObject)

RhLibrary   *rh_library_new (void);
guint        rh_library_add_pages (RhLibrary *self,
                                   GPtrArray *pages);
GPtrArray   *rh_library_load_files (RhLibrary         *self,
                                    const char *const *files,
                                    guint              n_files);
GPtrArray   *rh_library_load_files_cached (RhLibrary         *self,
                                           const char *const *files,
                                           guint              n_files,
                                           const char        *cache_file);
GPtrArray   *rh_library_load_directory (RhLibrary  *self,
                                        const char *directory,
                                        GError    **error);
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
