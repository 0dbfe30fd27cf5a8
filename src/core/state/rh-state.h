/* rh-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rh-bookmark.h"
#include "rh-library.h"

G_BEGIN_DECLS

#define RH_STATE_ERROR (rh_state_error_quark ())

typedef enum
{
  RH_STATE_ERROR_FAILED,
  RH_STATE_ERROR_CORRUPT,
  RH_STATE_ERROR_TOO_NEW,
  RH_STATE_ERROR_DISK_FULL,
  RH_STATE_ERROR_READ_ONLY,
} RhStateError;

/* The schema this build writes; see the migrations in rh-state-database.c. */
#define RH_STATE_SCHEMA_VERSION 3

#define RH_TYPE_STATE (rh_state_get_type ())

G_DECLARE_FINAL_TYPE (RhState, rh_state, RH, STATE, GObject)

GQuark      rh_state_error_quark (void);
char       *rh_state_get_default_path (void);
RhState    *rh_state_open (const char *path,
                           GError    **error);
RhState    *rh_state_open_or_recover (const char *path,
                                      char      **out_moved_aside,
                                      GError    **error);
const char *rh_state_get_path (RhState *self);
gboolean    rh_state_is_read_only (RhState *self);
gboolean    rh_state_check_writable (RhState    *self,
                                     const char *doing,
                                     GError    **error);

gboolean    rh_state_is_bookmarked (RhState             *self,
                                    const RhQuestionRef *ref);
gboolean    rh_state_add_bookmark (RhState    *self,
                                   RhBookmark *bookmark,
                                   GError    **error);
gboolean    rh_state_remove_bookmark (RhState             *self,
                                      const RhQuestionRef *ref,
                                      GError             **error);
gboolean    rh_state_toggle_bookmark (RhState    *self,
                                      RhQuestion *question,
                                      gboolean   *out_bookmarked,
                                      GError    **error);
GListModel *rh_state_list_bookmarks (RhState *self);
GHashTable *rh_state_dup_bookmark_refs (RhState *self);
guint       rh_state_mark_missing (RhState   *self,
                                   RhLibrary *library);

/**
 * RhStateProgressFunc:
 * @done: how many entries of the file have been checked
 * @total: how many entries the file holds, or 0 while it is parsed
 */
typedef void (*RhStateProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

gboolean rh_state_export_bookmarks (RhState    *self,
                                    const char *file,
                                    GError    **error);
void     rh_state_export_bookmarks_async (RhState            *self,
                                          const char         *file,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean rh_state_export_bookmarks_finish (RhState      *self,
                                           GAsyncResult *result,
                                           GError      **error);
gboolean rh_state_import_bookmarks (RhState    *self,
                                    const char *file,
                                    guint      *out_added,
                                    GError    **error);
void     rh_state_import_bookmarks_async (RhState            *self,
                                          const char         *file,
                                          GCancellable       *cancellable,
                                          RhStateProgressFunc progress,
                                          gpointer            progress_data,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean rh_state_import_bookmarks_finish (RhState      *self,
                                           GAsyncResult *result,
                                           guint        *out_added,
                                           GError      **error);

char    *rh_state_dup_value (RhState    *self,
                             const char *key);
gboolean rh_state_set_value (RhState    *self,
                             const char *key,
                             const char *value,
                             GError    **error);

G_END_DECLS
