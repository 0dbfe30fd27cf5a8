/* rh-ui-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "rh-application.h"
#include "rh-window.h"

G_BEGIN_DECLS

typedef gboolean (*RhTestCondition) (gpointer data);

gboolean       rh_ui_test_wait_until (RhTestCondition condition,
                                      gpointer        data,
                                      guint           timeout_ms);
void           rh_ui_test_wait_ms (guint ms);
RhApplication *rh_ui_test_start_application (void);
void           rh_ui_test_reset_settings (void);
RhWindow      *rh_ui_test_get_window (RhApplication *application);
GtkWidget     *rh_ui_test_find_widget (GtkWidget *root,
                                       GType      type);
WebKitWebView *rh_ui_test_get_web_view (RhWindow *window);
gboolean       rh_ui_test_wait_for_load (WebKitWebView *web_view,
                                         const char    *uri);
char          *rh_ui_test_evaluate (WebKitWebView *web_view,
                                    const char    *script);
gboolean       rh_ui_test_select_row (RhWindow   *window,
                                      const char *title);
guint          rh_ui_test_count_colors (GdkTexture *texture);
gboolean       rh_ui_test_run_xdotool (const char *const *args);
gboolean       rh_ui_test_can_send_keys (void);
void           rh_ui_test_send_keys (GtkWindow  *window,
                                     const char *keys);
GdkTexture    *rh_ui_test_capture_window (GtkWindow *window);

G_END_DECLS
