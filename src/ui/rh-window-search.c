/* rh-window-search.c
 *
 * The window's side of searching the library: Ctrl+K, the search panel
 * in place of the sidebar's tree, and opening a result with its words
 * marked in the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-application.h"
#include "rh-window-private.h"

static void
show_search (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_toggle_button_set_active (self->search_button, TRUE);
  rh_search_panel_focus_entry (self->search_panel);
}

static void
on_search_toggled (RhWindow        *self,
                   GParamSpec      *pspec,
                   GtkToggleButton *button)
{
  gboolean searching = gtk_toggle_button_get_active (button);

  gtk_stack_set_visible_child_name (self->sidebar_stack, searching ? "search" : "library");
  if (searching)
    rh_search_panel_focus_entry (self->search_panel);
  else
    {
      rh_page_view_highlight (self->page_view, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
    }
}

static void
on_search_open (RhWindow      *self,
                const char    *path,
                const char    *question_id,
                const char    *query,
                RhSearchPanel *panel)
{
  rh_page_view_open (self->page_view, path, question_id);
  rh_page_view_highlight (self->page_view, query);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* What was searched for is to be read: Page Down scrolls it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
}

static void
on_search_close (RhWindow      *self,
                 RhSearchPanel *panel)
{
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

/* Before the index is ready the panel says what search waits for: the
 * library's files, how many are in, then the index itself. */
static void
on_search_ready (RhWindow      *self,
                 GParamSpec    *pspec,
                 RhApplication *application)
{
  RhSearchIndex *index = rh_application_get_search_index (application);

  if (index == NULL && rh_application_get_library_loading (application))
    {
      double           fraction = 0;
      g_autofree char *description = NULL;

      g_object_get (application, "library-load-fraction", &fraction, NULL);
      description = g_strdup_printf (_ ("Loading the library: %d%%"), (int) (fraction * 100));
      rh_search_panel_set_preparing (self->search_panel, description, fraction);
    }
  else if (index == NULL)
    rh_search_panel_set_preparing (self->search_panel, _ ("Indexing the library"), -1);

  rh_search_panel_set_index (self->search_panel, index);
}

void
_rh_window_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, show_search);

  gtk_widget_class_bind_template_callback (widget_class, on_search_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_search_open);
  gtk_widget_class_bind_template_callback (widget_class, on_search_close);
}

void
_rh_window_search_setup (RhWindow *self)
{
  RhApplication *application = RH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  rh_search_panel_set_sources (self->search_panel, rh_application_get_library (application),
                               rh_application_get_state (application));
  rh_search_panel_set_index (self->search_panel, rh_application_get_search_index (application));
  g_signal_connect_object (application, "notify::search-ready", G_CALLBACK (on_search_ready),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::library-loading", G_CALLBACK (on_search_ready),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::library-load-fraction", G_CALLBACK (on_search_ready),
                           self, G_CONNECT_SWAPPED);
  on_search_ready (self, NULL, application);
}
