/* rh-window-bookmarks.c
 *
 * The window's side of bookmarks: the stars, Ctrl+D, and exporting and
 * importing them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-application.h"
#include "rh-framework.h"
#include "rh-window-private.h"

static RhApplication *
get_application (RhWindow *self)
{
  return RH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/**
 * _rh_window_toggle_bookmark:
 * @question_id: a question on the open page
 *
 * The bookmark is written at once, in its own transaction; the star in
 * the page follows without a reload, so the reader keeps their place.
 */
void
_rh_window_toggle_bookmark (RhWindow   *self,
                            const char *question_id)
{
  RhApplication     *application = get_application (self);
  RhState           *state = rh_application_get_state (application);
  const char        *path = rh_page_view_get_path (self->page_view);
  g_autoptr (GError) error = NULL;
  RhQuestion        *question;
  gboolean           bookmarked;

  if (state == NULL || path == NULL || question_id == NULL)
    return;

  question = rh_library_lookup_question (rh_application_get_library (application), path, question_id);
  if (question == NULL)
    return;

  if (!rh_state_toggle_bookmark (state, question, &bookmarked, &error))
    {
      g_autofree char *message = g_strdup_printf (_ ("The bookmark could not be saved: %s"), error->message);

      _rh_window_show_toast (self, message);
      return;
    }

  rh_page_view_set_starred (self->page_view, question_id, bookmarked);
  _rh_window_show_toast (self, bookmarked ? _ ("Bookmarked") : _ ("Bookmark removed"));
}

static void
on_top_question (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (RhWindow) self = user_data;
  g_autofree char     *question_id = rh_page_view_get_top_question_finish (RH_PAGE_VIEW (object), result, NULL);

  _rh_window_toggle_bookmark (self, question_id);
}

/* Ctrl+D: the selected question, or else the one at the top of the view. */
static void
toggle_bookmark (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RhWindow   *self = RH_WINDOW (widget);
  const char *question_id = rh_page_view_get_question_id (self->page_view);

  if (question_id != NULL)
    _rh_window_toggle_bookmark (self, question_id);
  else
    rh_page_view_get_top_question_async (self->page_view, NULL, on_top_question, g_object_ref (self));
}

/* GtkFileDialog arrives in GTK 4.10; Debian 12 has 4.8, and the native
 * chooser goes through the portal inside Flatpak all the same. */
static GtkFileChooserNative *
bookmarks_chooser (RhWindow            *self,
                   GtkFileChooserAction action,
                   const char          *title,
                   const char          *accept)
{
  GtkFileChooserNative     *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Bookmarks (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  return chooser;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    RhWindow        *self)
{
  RhState           *state = rh_application_get_state (get_application (self));
  g_autoptr (GFile)  file = NULL;
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && state != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (rh_state_export_bookmarks (state, path, &error))
        _rh_window_show_toast (self, _ ("Bookmarks exported"));
      else
        _rh_window_show_toast (self, error->message);
    }

  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_bookmarks (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhWindow             *self = RH_WINDOW (widget);
  GtkFileChooserNative *chooser = bookmarks_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                     _ ("Export Bookmarks"), _ ("_Export"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("Rehearse bookmarks.json"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_import_error (RhWindow   *self,
                   const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("The Bookmarks Could Not Be Imported"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    RhWindow        *self)
{
  RhApplication     *application = get_application (self);
  RhState           *state = rh_application_get_state (application);
  g_autoptr (GFile)  file = NULL;
  g_autofree char   *path = NULL;
  g_autoptr (GError) error = NULL;
  guint              added = 0;

  if (response == GTK_RESPONSE_ACCEPT && state != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      /* An import merges; a bad file changes nothing and says where it
       * went wrong. */
      if (rh_state_import_bookmarks (state, path, &added, &error))
        {
          g_autofree char *message = g_strdup_printf (ngettext ("%u bookmark imported", "%u bookmarks imported", added),
                                                      added);

          rh_state_mark_missing (state, rh_application_get_library (application));
          _rh_window_show_toast (self, message);
        }
      else
        show_import_error (self, error->message);
    }

  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_bookmarks (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhWindow             *self = RH_WINDOW (widget);
  GtkFileChooserNative *chooser = bookmarks_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN,
                                                     _ ("Import Bookmarks"), _ ("_Import"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_rh_window_bookmarks_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-bookmark", NULL, toggle_bookmark);
  gtk_widget_class_install_action (widget_class, "win.export-bookmarks", NULL, export_bookmarks);
  gtk_widget_class_install_action (widget_class, "win.import-bookmarks", NULL, import_bookmarks);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.toggle-bookmark", NULL);
}

void
_rh_window_bookmarks_setup (RhWindow *self)
{
  RhApplication         *application = get_application (self);
  RhState               *state = rh_application_get_state (application);
  g_autoptr (GListModel) bookmarks = state ? rh_state_list_bookmarks (state) : NULL;
  g_autofree char       *moved_aside = rh_application_take_state_notice (application);

  rh_sidebar_set_models (self->sidebar, rh_application_get_library (application), bookmarks);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-bookmark", state != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bookmarks", state != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-bookmarks", state != NULL);

  if (moved_aside != NULL)
    {
      g_autofree char *name = g_path_get_basename (moved_aside);
      g_autofree char *message = g_strdup_printf (_ ("Your study data was damaged and has been set aside as “%s”; "
                                                     "Rehearse started afresh"),
                                                  name);
      AdwToast        *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}
