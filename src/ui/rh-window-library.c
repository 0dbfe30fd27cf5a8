/* rh-window-library.c
 *
 * Bringing content into the library from the window: Ctrl+O for files
 * and Ctrl+Shift+O for folders, files and folders dropped on the window
 * or given on the command line, the import's progress and summary, and
 * the Library dialog of what was imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-application.h"
#include "rh-content-error.h"
#include "rh-imports.h"
#include "rh-library-dialog.h"
#include "rh-window-private.h"

static RhApplication *
get_application (RhWindow *self)
{
  return RH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* How long an import runs before the window says how far it has come:
 * opening a file or two should not flash a message. */
#define IMPORT_PROGRESS_DELAY_MS 300

/* One import the window started: the window may close before it ends. */
typedef struct
{
  GWeakRef   window;
  GPtrArray *failures; /* RhLoadResult: files that never reached the import */
  AdwToast  *progress_toast;
  guint      progress_timeout_id;
  char      *start_path; /* the page shown when the import started */
  char      *start_question_id;
  gint64     last_update;
  guint      n_done;
  guint      n_total;
} ImportOperation;

static void
import_operation_free (ImportOperation *op)
{
  g_weak_ref_clear (&op->window);
  g_clear_pointer (&op->failures, g_ptr_array_unref);
  g_free (op->start_path);
  g_free (op->start_question_id);
  g_clear_handle_id (&op->progress_timeout_id, g_source_remove);
  if (op->progress_toast != NULL)
    adw_toast_dismiss (op->progress_toast);
  g_clear_object (&op->progress_toast);
  g_free (op);
}

static char *
format_progress (const ImportOperation *op)
{
  if (op->n_total == 0)
    return g_strdup (_ ("Importing…"));

  /* Translators: how far an import of many files has come, such as
   * “Importing 240 of 1,000 files…” */
  return g_strdup_printf (ngettext ("Importing %'u of %'u file…", "Importing %'u of %'u files…", op->n_total),
                          op->n_done, op->n_total);
}

static gboolean
show_import_progress (gpointer data)
{
  ImportOperation     *op = data;
  g_autoptr (RhWindow) self = g_weak_ref_get (&op->window);
  g_autofree char     *title = format_progress (op);

  op->progress_timeout_id = 0;
  if (self == NULL)
    return G_SOURCE_REMOVE;

  op->progress_toast = adw_toast_new (title);
  adw_toast_set_timeout (op->progress_toast, 0);
  adw_toast_set_priority (op->progress_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (op->progress_toast));

  return G_SOURCE_REMOVE;
}

static void
on_import_progress (guint    n_done,
                    guint    n_total,
                    gpointer user_data)
{
  ImportOperation *op = user_data;
  gint64           now = g_get_monotonic_time ();

  op->n_done = n_done;
  op->n_total = n_total;

  /* Often enough to see it move, not so often that redrawing the toast
   * slows the import down. */
  if (op->progress_toast != NULL && (now - op->last_update >= 100 * G_TIME_SPAN_MILLISECOND || n_done == n_total))
    {
      g_autofree char *title = format_progress (op);

      adw_toast_set_title (op->progress_toast, title);
      op->last_update = now;
    }
}

static char *
display_basename (const char *file)
{
  g_autofree char *basename = g_path_get_basename (file);

  return g_filename_display_name (basename);
}

/* The technical place (file, line, JSON path) for whoever wants it,
 * selectable so that it can be copied into a bug report. */
static GtkWidget *
details_expander (const char *text)
{
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_ ("_Details"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "caption");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_set_margin_top (scrolled, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), scrolled);

  return expander;
}

/* One line per file that failed: its name, and what is wrong with it in
 * plain words. */
static GtkWidget *
failure_list (GPtrArray *failures)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  for (guint i = 0; i < failures->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (failures, i);
      g_autofree char    *name = display_basename (result->file);
      g_autofree char    *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", name,
                                                            rh_content_error_describe (result->error));
      GtkWidget          *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  return scrolled;
}

static char *
describe_pages_added (const RhImportSummary *summary)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (summary->n_pages > 0)
    g_string_append_printf (text, ngettext ("%'u page was added to the library.", "%'u pages were added to the library.", summary->n_pages),
                            summary->n_pages);
  else
    g_string_append (text, _ ("Nothing was added to the library."));

  if (summary->n_skipped > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%'u other file in the folder holds no questions and was left out.", "%'u other files in the folder hold no questions and were left out.", summary->n_skipped),
                              summary->n_skipped);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_summary_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RhWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "rh-first-path");

  if (g_strcmp0 (response, "open") == 0 && path != NULL)
    rh_window_open (self, path, NULL);
}

/* Files that failed: a dialog, as the user has to know; what was added
 * alongside them is said there too. */
static void
show_failures (RhWindow              *self,
               const RhImportSummary *summary,
               GPtrArray             *failures)
{
  AdwMessageDialog   *dialog;
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char    *heading = NULL;
  g_autofree char    *body = NULL;
  GtkWidget          *extra;

  for (guint i = 0; i < failures->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (failures, i);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append (details, result->error->message);
    }

  if (failures->len == 1 && summary->n_pages == 0 && summary->n_skipped == 0)
    {
      const RhLoadResult *result = g_ptr_array_index (failures, 0);
      g_autofree char    *name = display_basename (result->file);

      heading = g_strdup_printf (_ ("Could Not Open “%s”"), name);
      body = g_strdup (rh_content_error_describe (result->error));
      extra = details_expander (details->str);
    }
  else
    {
      heading = g_strdup_printf (ngettext ("%'u File Could Not Be Opened", "%'u Files Could Not Be Opened", failures->len),
                                 failures->len);
      body = describe_pages_added (summary);
      extra = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_box_append (GTK_BOX (extra), failure_list (failures));
      gtk_box_append (GTK_BOX (extra), details_expander (details->str));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_set_extra_child (dialog, extra);
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  if (summary->n_pages > 0 && summary->first_path != NULL)
    {
      adw_message_dialog_add_response (dialog, "open", _ ("_Open"));
      adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "open");
      g_object_set_data_full (G_OBJECT (dialog), "rh-first-path", g_strdup (summary->first_path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_summary_response), self, 0);
    }
  else
    adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Everything loaded: a toast. The first page opens at once if the user
 * stayed where they were while it loaded; if they went on reading
 * elsewhere, the toast offers to open it instead. */
static void
show_success (RhWindow              *self,
              const RhImportSummary *summary,
              gboolean               moved)
{
  g_autofree char *title = NULL;
  AdwToast        *toast;

  if (summary->n_pages == 0)
    {
      if (summary->n_hidden > 0)
        _rh_window_show_toast (self, _ ("The library already has these pages, in newer versions"));
      else if (summary->n_skipped > 0)
        {
          title = g_strdup_printf (ngettext ("No pages added: the %'u file found holds no questions",
                                             "No pages added: the %'u files found hold no questions",
                                             summary->n_skipped),
                                   summary->n_skipped);
          _rh_window_show_toast (self, title);
        }
      return;
    }

  title = g_strdup_printf (ngettext ("%'u page added to the library", "%'u pages added to the library", summary->n_pages),
                           summary->n_pages);
  toast = adw_toast_new (title);

  if (moved)
    {
      adw_toast_set_button_label (toast, _ ("_Open"));
      adw_toast_set_action_name (toast, "app.open-location");
      adw_toast_set_action_target_value (toast, g_variant_new_string (summary->first_path));
    }
  /* A newer copy of the page being read shows in place, where the
   * reader is: the page view follows its page. */
  else if (g_strcmp0 (summary->first_path, rh_page_view_get_path (self->page_view)) != 0)
    rh_window_open (self, summary->first_path, NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_summary (RhWindow              *self,
              const RhImportSummary *summary,
              GPtrArray             *earlier_failures,
              gboolean               moved)
{
  g_autoptr (GPtrArray) failures = g_ptr_array_new ();

  for (guint i = 0; earlier_failures != NULL && i < earlier_failures->len; i++)
    g_ptr_array_add (failures, g_ptr_array_index (earlier_failures, i));
  for (guint i = 0; i < summary->results->len; i++)
    {
      RhLoadResult *result = g_ptr_array_index (summary->results, i);

      if (result->error != NULL)
        g_ptr_array_add (failures, result);
    }

  if (failures->len > 0)
    show_failures (self, summary, failures);
  else
    show_success (self, summary, moved);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportOperation            *op = user_data;
  g_autoptr (RhWindow)        self = g_weak_ref_get (&op->window);
  g_autoptr (RhImportSummary) summary = NULL;
  g_autoptr (GError)          error = NULL;

  summary = rh_imports_add_finish (RH_LIBRARY (object), result, &error);
  if (summary == NULL)
    g_warning ("Import failed: %s", error->message);
  else if (self != NULL && !self->closing)
    {
      const char *path = rh_page_view_get_path (self->page_view);
      gboolean    moved = g_strcmp0 (path, op->start_path) != 0 ||
                       g_strcmp0 (rh_page_view_get_question_id (self->page_view), op->start_question_id) != 0;

      /* Rows the import replaced lost the selection. */
      if (path != NULL)
        rh_sidebar_select (self->sidebar, path, rh_page_view_get_question_id (self->page_view));
      show_summary (self, summary, op->failures, moved);
    }

  import_operation_free (op);
}

/**
 * rh_window_import_files:
 * @files: (array length=n_files): content files, or folders of them
 *
 * Copies each file that loads into the library, on a worker thread, and
 * says how far it has come when that takes a while; then opens the first
 * page it brought, or offers to, and reports each file that failed.
 */
void
rh_window_import_files (RhWindow *self,
                        GFile   **files,
                        int       n_files)
{
  RhApplication        *application;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  ImportOperation      *op;

  g_return_if_fail (RH_IS_WINDOW (self));

  application = get_application (self);
  op = g_new0 (ImportOperation, 1);
  g_weak_ref_init (&op->window, self);
  op->start_path = g_strdup (rh_page_view_get_path (self->page_view));
  op->start_question_id = g_strdup (rh_page_view_get_question_id (self->page_view));
  op->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_load_result_free);

  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          RhLoadResult    *failure = g_new0 (RhLoadResult, 1);
          g_autofree char *uri = g_file_get_uri (files[i]);

          failure->file = g_file_get_parse_name (files[i]);
          failure->error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                        _ ("%s: only local files can be opened"), uri);
          g_ptr_array_add (op->failures, failure);
          continue;
        }

      g_ptr_array_add (paths, path);
    }

  op->progress_timeout_id = g_timeout_add (IMPORT_PROGRESS_DELAY_MS, show_import_progress, op);
  rh_imports_add_async (rh_application_get_library (application), rh_application_get_state (application),
                        (const char *const *) paths->pdata, paths->len, NULL,
                        on_import_progress, op, NULL, on_imported, op);
}

static GtkFileFilter *
content_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Saved pages and packs (JSON, HTML)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "text/html");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_filter_add_suffix (filter, "htm");

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

static void
on_folders_chosen (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (RhWindow)   self = user_data;
  g_autoptr (GListModel) folders = gtk_file_dialog_select_multiple_folders_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (folders != NULL)
    import_file_list (self, folders);
}

static void
open_folder (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhWindow                 *self = RH_WINDOW (widget);
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _ ("Open Folders of Content"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_select_multiple_folders (dialog, GTK_WINDOW (self), NULL, on_folders_chosen, g_object_ref (self));
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

/* A chooser opens files or picks folders, never both: folders, such as
 * a saved copy of the site, have a chooser of their own. */
static void
open_folder (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhWindow             *self = RH_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Open Folders of Content"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Open"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
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
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder);
  gtk_widget_class_install_action (widget_class, "win.library", NULL, show_library);
}
