/* rh-page-view-private.h
 *
 * The page view's insides, shared by its own files (rh-page-view.c,
 * rh-page-view-actions.c, rh-page-view-scripts.c) and by the `rehearse:` scheme that serves its
 * pages (rh-page-scheme.c); not for other callers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "rh-page-view.h"

G_BEGIN_DECLS

struct _RhPageView
{
  GtkWidget parent_instance;

  /* From the template */
  GtkBox         *box;
  GtkSearchBar   *find_bar;
  GtkSearchEntry *find_entry;
  GtkLabel       *find_matches;

  WebKitWebView      *web_view;
  GSimpleActionGroup *actions;
  RhLibrary          *library;
  RhPageRenderer     *renderer;
  RhState            *state;
  RhSubtopic         *watched_subtopic; /* the open page's */
  guint               reload_idle_id;
  char               *path;
  char               *question_id;
  double              pending_scroll;
  double              scroll_y;
  char               *pending_highlight;
  char               *prepared_path;
  char               *prepared_html; /* NULL while the render waits */
  gboolean            prepared_dark;
  gboolean            prepare_after_paint; /* until the window's first frame */
  /* Counts the state's changes to bookmarks, so that a page knows
   * whether its stars are older than the state. */
  guint bookmarks_serial;
  guint served_serial;
  guint dark : 1;
  guint has_pending_scroll : 1;
  guint served : 1;
};

WebKitNetworkSession *_rh_page_view_get_network_session (void);

char       *_rh_page_view_render_page (RhPageView *self,
                                       const char *path);
const char *_rh_page_view_get_stylesheet (RhPageView *self);
void        _rh_page_view_notify_zoom_level (RhPageView *self);
void        _rh_page_view_notify_find_mode (RhPageView *self);
void        _rh_page_view_set_scroll_y (RhPageView *self,
                                        double      scroll_y);

void _rh_page_view_scripts_init (RhPageView *self);
void _rh_page_view_scripts_sync_stars (RhPageView *self);
void _rh_page_view_scripts_call (RhPageView         *self,
                                 const char         *body,
                                 GVariant           *arguments,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);

void _rh_page_view_actions_class_init (GtkWidgetClass *widget_class);
void _rh_page_view_actions_init (RhPageView *self);
void _rh_page_view_actions_update (RhPageView *self);
void _rh_page_view_actions_show_finding (RhPageView *self);

G_END_DECLS
