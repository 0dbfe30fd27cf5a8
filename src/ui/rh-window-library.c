/* rh-window-library.c
 *
 * Bringing content into the library from the window: Ctrl+O, files
 * dropped on the window or given on the command line, and the Library
 * dialog of what was imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-imports.h"
#include "rh-library-dialog.h"
#include "rh-window-private.h"

static RhApplication *
get_application (RhWindow *self)
{
  return RH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* A file that does not load changes nothing; the user sees which file
 * and where in it. */
static void
show_import_error (RhWindow     *self,
                   const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("The File Could Not Be Opened"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rh_window_import_files:
 * @files: (array length=n_files): content files
 *
 * Copies each file that loads into the library and opens the first page
 * it brought; reports each that does not.
 */
void
rh_window_import_files (RhWindow *self,
                        GFile   **files,
                        int       n_files)
{
  RhApplication              *application;
  g_autoptr (GPtrArray)       paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RhImportSummary) summary = NULL;

  g_return_if_fail (RH_IS_WINDOW (self));

  application = get_application (self);

  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char   *uri = g_file_get_uri (files[i]);
          g_autoptr (GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                  _ ("%s: only local files can be opened"), uri);

          show_import_error (self, error);
          continue;
        }

      g_ptr_array_add (paths, path);
    }

  summary = rh_imports_add (rh_application_get_library (application), rh_application_get_state (application),
                            (const char *const *) paths->pdata, paths->len);

  for (guint i = 0; i < summary->results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (summary->results, i);

      if (result->error != NULL)
        show_import_error (self, result->error);
    }

  if (summary->n_pages == 0)
    {
      if (summary->n_hidden > 0)
        _rh_window_show_toast (self, _ ("The library already has these pages, in newer versions"));
      return;
    }

  rh_window_open (self, summary->first_path, NULL);

  {
    g_autofree char *message = g_strdup_printf (ngettext ("%u page added to the library",
                                                          "%u pages added to the library", summary->n_pages),
                                                summary->n_pages);

    _rh_window_show_toast (self, message);
  }
}

static GtkFileFilter *
content_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Saved pages and packs (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");

  return filter;
}

static void
import_file_list (RhWindow   *self,
                  GListModel *files)
{
  g_autoptr (GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  rh_window_import_files (self, (GFile **) array->pdata, array->len);
}

/* The versions are pinned to GTK 4.8, which has no GtkFileDialog; built
 * against 4.10 or later, as in the Flatpak, the dialog is used all the
 * same, and the pin's warning about it is expected. */
#if GTK_CHECK_VERSION(4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_files_chosen (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (RhWindow)   self = user_data;
  g_autoptr (GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (files != NULL)
    import_file_list (self, files);
}

static void
open_file (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RhWindow                 *self = RH_WINDOW (widget);
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr (GtkFileFilter) filter = content_filter ();
  g_autoptr (GListStore)    filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _ ("Open Content"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, on_files_chosen, g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  RhWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      import_file_list (self, files);
    }

  g_object_unref (dialog);
  g_object_unref (self);
}

/* The native chooser goes through the file chooser portal inside a
 * sandbox. */
static void
open_file (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RhWindow                 *self = RH_WINDOW (widget);
  GtkFileChooserNative     *chooser;
  g_autoptr (GtkFileFilter) filter = content_filter ();

  chooser = gtk_file_chooser_native_new (_ ("Open Content"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _ ("_Open"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

static void
show_library (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhWindow      *self = RH_WINDOW (widget);
  RhApplication *application = get_application (self);
  GtkWidget     *dialog = rh_library_dialog_new (GTK_WINDOW (self), rh_application_get_library (application),
                                                 rh_application_get_state (application));

  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RhWindow      *self)
{
  GSList               *list = g_value_get_boxed (value);
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  rh_window_import_files (self, (GFile **) files->pdata, files->len);

  return files->len > 0;
}

void
_rh_window_setup_library (RhWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_rh_window_class_add_library_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_file);
  gtk_widget_class_install_action (widget_class, "win.library", NULL, show_library);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
}
