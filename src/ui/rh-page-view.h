/* rh-page-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rh-library.h"
#include "rh-page-renderer.h"
#include "rh-state.h"

G_BEGIN_DECLS

#define RH_TYPE_PAGE_VIEW (rh_page_view_get_type ())

G_DECLARE_FINAL_TYPE (RhPageView, rh_page_view, RH, PAGE_VIEW, GtkWidget)

GtkWidget    *rh_page_view_new (void);
void          rh_page_view_set_library (RhPageView *self,
                                        RhLibrary  *library);
void          rh_page_view_set_renderer (RhPageView     *self,
                                         RhPageRenderer *renderer);
void          rh_page_view_set_state (RhPageView *self,
                                      RhState    *state);
GActionGroup *rh_page_view_get_actions (RhPageView *self);
void          rh_page_view_open (RhPageView *self,
                                 const char *path,
                                 const char *question_id);
const char   *rh_page_view_get_path (RhPageView *self);
const char   *rh_page_view_get_question_id (RhPageView *self);
void          rh_page_view_set_dark (RhPageView *self,
                                     gboolean    dark);
double        rh_page_view_get_zoom_level (RhPageView *self);
void          rh_page_view_set_zoom_level (RhPageView *self,
                                           double      zoom_level);
gboolean      rh_page_view_get_find_mode (RhPageView *self);
void          rh_page_view_set_find_mode (RhPageView *self,
                                          gboolean    find_mode);
double        rh_page_view_get_scroll_y (RhPageView *self);
void          rh_page_view_scroll_to (RhPageView *self,
                                      double      y);
void          rh_page_view_get_scroll_async (RhPageView         *self,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
double        rh_page_view_get_scroll_finish (RhPageView   *self,
                                              GAsyncResult *result,
                                              GError      **error);

void  rh_page_view_highlight (RhPageView *self,
                              const char *words);
void  rh_page_view_set_starred (RhPageView *self,
                                const char *question_id,
                                gboolean    starred);
void  rh_page_view_get_top_question_async (RhPageView         *self,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
char *rh_page_view_get_top_question_finish (RhPageView   *self,
                                            GAsyncResult *result,
                                            GError      **error);

G_END_DECLS
