/* rh-imports.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-library.h"
#include "rh-load-result.h"
#include "rh-types.h"

G_BEGIN_DECLS

/**
 * RhImportSummary:
 * @results: (element-type RhLoadResult): one per file, in order (a folder
 *   that cannot be read, or holds no content file, has one of its own)
 * @first_path: (nullable): the first page added, to open
 * @n_pages: how many pages were added, or showed new questions
 * @n_hidden: files not kept, whose every question newer copies the user
 *   already has hide
 * @n_failed: files that could not be read
 * @n_skipped: files found in a folder that are not question pages at
 *   all (rh_content_error_is_not_content()), such as the home page of a
 *   saved copy of the site; they have no result
 *
 * What became of the files the user opened.
 */
typedef struct
{
  GPtrArray *results;
  char      *first_path;
  guint      n_pages;
  guint      n_hidden;
  guint      n_failed;
  guint      n_skipped;
} RhImportSummary;

/**
 * RhImportProgressFunc:
 * @n_done: files merged so far
 * @n_total: files to import, 0 while folders are still being listed
 *
 * How far rh_imports_add_async() has come.
 */
typedef void (*RhImportProgressFunc) (guint    n_done,
                                      guint    n_total,
                                      gpointer user_data);

#define RH_TYPE_IMPORT_SUMMARY (rh_import_summary_get_type ())

GType            rh_import_summary_get_type (void) G_GNUC_CONST;
RhImportSummary *rh_import_summary_copy (const RhImportSummary *self);
void             rh_import_summary_free (RhImportSummary *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhImportSummary, rh_import_summary_free)

char            *rh_imports_get_directory (void);
GPtrArray       *rh_imports_list_files (void);
GPtrArray       *rh_imports_list_library_files (void);
RhImportSummary *rh_imports_add (RhLibrary         *library,
                                 RhState           *state,
                                 const char *const *files,
                                 guint              n_files);
void             rh_imports_add_async (RhLibrary           *library,
                                       RhState             *state,
                                       const char *const   *files,
                                       guint                n_files,
                                       GCancellable        *cancellable,
                                       RhImportProgressFunc progress,
                                       gpointer             progress_data,
                                       GDestroyNotify       progress_data_free,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
RhImportSummary *rh_imports_add_finish (RhLibrary    *library,
                                        GAsyncResult *result,
                                        GError      **error);
gboolean         rh_imports_remove (RhLibrary  *library,
                                    RhState    *state,
                                    const char *copy,
                                    GError    **error);

typedef struct _RhImportsRemoval RhImportsRemoval;

RhImportsRemoval *rh_imports_remove_aside (RhLibrary  *library,
                                           RhState    *state,
                                           const char *copy,
                                           GError    **error);
const char       *rh_imports_removal_get_copy (RhImportsRemoval *self);
gboolean          rh_imports_removal_undo (RhImportsRemoval *self,
                                           GError          **error);
gboolean          rh_imports_removal_commit (RhImportsRemoval *self,
                                             GError          **error);
void              rh_imports_removal_free (RhImportsRemoval *self);
void              rh_imports_purge_removed (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhImportsRemoval, rh_imports_removal_free)

G_END_DECLS
