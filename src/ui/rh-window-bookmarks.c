/* rh-window-bookmarks.c
 *
 * The window's side of bookmarks: the stars, Ctrl+D and a bookmark's
 * menu in the sidebar, each change with its Undo, and exporting and
 * importing them on another thread, with a toast that tells how far.
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

/* What the toast's Undo puts back: the bookmark removed, with its date
 * and place in the list, or none, for one just added. */
typedef struct
{
  GWeakRef       window;
  RhQuestionRef *ref;
  RhBookmark    *removed;
} BookmarkUndo;

static void
bookmark_undo_free (gpointer  data,
                    GClosure *closure)
{
  BookmarkUndo *undo = data;

  g_weak_ref_clear (&undo->window);
  g_clear_pointer (&undo->ref, rh_question_ref_unref);
  g_clear_object (&undo->removed);
  g_free (undo);
}

static RhBookmark *
find_bookmark (RhState             *state,
               const RhQuestionRef *ref)
{
  g_autoptr (GListModel) bookmarks = rh_state_list_bookmarks (state);

  for (guint i = 0; i < g_list_model_get_n_items (bookmarks); i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (bookmarks, i);

      if (rh_question_ref_equal (rh_bookmark_get_ref (bookmark), ref))
        return g_steal_pointer (&bookmark);
    }

  return NULL;
}

static void
show_save_error (RhWindow *self,
                 GError   *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, RH_STATE_ERROR, RH_STATE_ERROR_DISK_FULL) ||
      g_error_matches (error, RH_STATE_ERROR, RH_STATE_ERROR_READ_ONLY))
    {
      _rh_window_show_refusal (self, error->code, _ ("the change was not saved"), error->message, FALSE);
      return;
    }

  message = g_strdup_printf (_ ("The bookmark could not be saved: %s"), error->message);
  _rh_window_show_toast (self, message);
}

static void
on_undo_clicked (AdwToast     *toast,
                 BookmarkUndo *undo)
{
  g_autoptr (RhWindow) self = g_weak_ref_get (&undo->window);
  RhState             *state = self ? rh_application_get_state (get_application (self)) : NULL;
  g_autoptr (GError)   error = NULL;
  gboolean             done;

  if (state == NULL)
    return;

  /* The page's stars follow the state's change by themselves. */
  if (undo->removed != NULL)
    done = rh_state_add_bookmark (state, undo->removed, &error);
  else
    done = rh_state_remove_bookmark (state, undo->ref, &error);

  if (!done)
    show_save_error (self, error);
}

/* One toast for the last change: the one before it goes, with its Undo,
 * rather than wait its turn. */
static void
replace_bookmark_toast (RhWindow *self,
                        AdwToast *toast)
{
  if (self->bookmark_toast != NULL)
    adw_toast_dismiss (self->bookmark_toast);
  g_set_weak_pointer (&self->bookmark_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_bookmark_toast (RhWindow            *self,
                     const RhQuestionRef *ref,
                     RhBookmark          *removed)
{
  AdwToast     *toast = adw_toast_new (removed != NULL ? _ ("Bookmark removed") : _ ("Bookmarked"));
  BookmarkUndo *undo = g_new0 (BookmarkUndo, 1);

  g_weak_ref_init (&undo->window, self);
  undo->ref = rh_question_ref_ref ((RhQuestionRef *) ref);
  undo->removed = removed != NULL ? g_object_ref (removed) : NULL;
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo, bookmark_undo_free, 0);

  replace_bookmark_toast (self, toast);
}

static void
remove_bookmark (RhWindow            *self,
                 const RhQuestionRef *ref)
{
  RhState               *state = rh_application_get_state (get_application (self));
  g_autoptr (RhBookmark) bookmark = state ? find_bookmark (state, ref) : NULL;
  g_autoptr (GError)     error = NULL;

  if (bookmark == NULL)
    return;

  if (!rh_state_remove_bookmark (state, ref, &error))
    show_save_error (self, error);
  else
    show_bookmark_toast (self, ref, bookmark);
}

/**
 * _rh_window_toggle_bookmark:
 * @question_id: a question on the open page
 *
 * The bookmark is written at once, in its own transaction; the star in
 * the page follows without a reload, so the reader keeps their place.
 * The toast that says so can undo it.
 */
void
_rh_window_toggle_bookmark (RhWindow   *self,
                            const char *question_id)
{
  RhApplication            *application = get_application (self);
  RhState                  *state = rh_application_get_state (application);
  const char               *path = rh_page_view_get_path (self->page_view);
  g_autoptr (GError)        error = NULL;
  g_autoptr (RhQuestionRef) ref = NULL;
  g_autoptr (RhBookmark)    was = NULL;
  RhQuestion               *question;
  gboolean                  bookmarked;

  if (state == NULL || path == NULL || question_id == NULL)
    return;

  question = rh_library_lookup_question (rh_application_get_library (application), path, question_id);
  if (question == NULL)
    return;

  ref = rh_question_ref_new (path, question_id);
  was = find_bookmark (state, ref);
  if (!rh_state_toggle_bookmark (state, question, &bookmarked, &error))
    {
      show_save_error (self, error);
      return;
    }

  rh_page_view_set_starred (self->page_view, question_id, bookmarked);
  show_bookmark_toast (self, ref, bookmarked ? NULL : was);
}

static void
on_sidebar_remove_bookmark (RhWindow   *self,
                            const char *path,
                            const char *question_id,
                            RhSidebar  *sidebar)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, question_id);

  remove_bookmark (self, ref);
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

/* An export or import under way, with the toast that tells of it. */
typedef struct
{
  RhWindow     *window;
  AdwToast     *toast; /* weak */
  GCancellable *cancellable;
} BookmarksJob;

static void
set_bookmarks_file_actions_enabled (RhWindow *self,
                                    gboolean  enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bookmarks", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-bookmarks", enabled);
}

/* One at a time per window: its actions wait until it is done. */
static BookmarksJob *
bookmarks_job_start (RhWindow   *self,
                     const char *title,
                     gboolean    can_cancel)
{
  BookmarksJob *job = g_new0 (BookmarksJob, 1);
  AdwToast     *toast = adw_toast_new (title);

  job->window = g_object_ref (self);
  job->cancellable = g_cancellable_new ();

  adw_toast_set_timeout (toast, 0);
  if (can_cancel)
    {
      adw_toast_set_button_label (toast, _ ("_Cancel"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (g_cancellable_cancel), job->cancellable,
                               G_CONNECT_SWAPPED);
    }
  g_set_weak_pointer (&job->toast, toast);
  replace_bookmark_toast (self, toast);
  set_bookmarks_file_actions_enabled (self, FALSE);

  return job;
}

/* The job's toast goes when the result's takes its place. */
static void
bookmarks_job_finish (BookmarksJob *job)
{
  g_clear_weak_pointer (&job->toast);
  set_bookmarks_file_actions_enabled (job->window, TRUE);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->window);
  g_free (job);
}

/* In place of the job's own toast; titles are markup. */
static void
show_result_toast (RhWindow   *self,
                   const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  replace_bookmark_toast (self, adw_toast_new (escaped));
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BookmarksJob      *job = user_data;
  RhWindow          *self = job->window;
  g_autoptr (GError) error = NULL;

  if (rh_state_export_bookmarks_finish (RH_STATE (object), result, &error))
    show_result_toast (self, _ ("Bookmarks exported"));
  else
    show_result_toast (self, error->message);

  bookmarks_job_finish (job);
}

/**
 * rh_window_export_bookmarks:
 * @file: where to write, replaced once the whole file is ready
 *
 * Formats and writes on another thread, the toast saying so meanwhile;
 * a list that an import could not read back is refused, with a toast
 * that says why.
 */
void
rh_window_export_bookmarks (RhWindow *self,
                            GFile    *file)
{
  RhState         *state = rh_application_get_state (get_application (self));
  g_autofree char *path = g_file_get_path (file);
  BookmarksJob    *job;

  g_return_if_fail (RH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (state == NULL || path == NULL)
    return;

  job = bookmarks_job_start (self, _ ("Exporting the bookmarks…"), FALSE);
  rh_state_export_bookmarks_async (state, path, NULL, on_export_done, job);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    RhWindow        *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    rh_window_export_bookmarks (self, file);

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
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  BookmarksJob    *job = user_data;
  g_autofree char *title = NULL;

  if (job->toast == NULL || total == 0)
    return;

  if (done < total)
    title = g_strdup_printf (_ ("Checking the bookmarks: %'u of %'u"), done, total);
  else
    title = g_strdup_printf (ngettext ("Saving %'u bookmark…", "Saving %'u bookmarks…", total), total);

  adw_toast_set_title (job->toast, title);
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BookmarksJob      *job = user_data;
  RhWindow          *self = job->window;
  RhApplication     *application = get_application (self);
  g_autoptr (GError) error = NULL;
  guint              added = 0;

  /* A bad file changes nothing and says where it went wrong. */
  if (rh_state_import_bookmarks_finish (RH_STATE (object), result, &added, &error))
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%'u bookmark imported", "%'u bookmarks imported", added),
                                                  added);

      if (application != NULL)
        rh_state_mark_missing (RH_STATE (object), rh_application_get_library (application));
      show_result_toast (self, message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_result_toast (self, _ ("Import cancelled; no bookmark was changed"));
  else
    {
      if (job->toast != NULL)
        adw_toast_dismiss (job->toast);
      show_import_error (self, error->message);
    }

  bookmarks_job_finish (job);
}

/**
 * rh_window_import_bookmarks:
 * @file: a bookmarks file
 *
 * Merges @file's bookmarks into the state's, read and written on
 * another thread while a toast counts them and offers to cancel; an
 * error names the file and the place.
 */
void
rh_window_import_bookmarks (RhWindow *self,
                            GFile    *file)
{
  RhState         *state = rh_application_get_state (get_application (self));
  g_autofree char *path = g_file_get_path (file);
  BookmarksJob    *job;

  g_return_if_fail (RH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (state == NULL || path == NULL)
    return;

  job = bookmarks_job_start (self, _ ("Reading the bookmarks…"), TRUE);
  rh_state_import_bookmarks_async (state, path, job->cancellable, on_import_progress, job, on_import_done, job);
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    RhWindow        *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    rh_window_import_bookmarks (self, file);

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
}

void
_rh_window_bookmarks_setup (RhWindow *self)
{
  RhApplication         *application = get_application (self);
  RhState               *state = rh_application_get_state (application);
  g_autoptr (GListModel) bookmarks = state ? rh_state_list_bookmarks (state) : NULL;
  g_autofree char       *moved_aside = rh_application_take_state_notice (application);

  rh_sidebar_set_models (self->sidebar, rh_application_get_library (application), bookmarks);
  g_signal_connect_object (self->sidebar, "remove-bookmark", G_CALLBACK (on_sidebar_remove_bookmark), self,
                           G_CONNECT_SWAPPED);

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

  /* A full disk or a read-only folder: everything is shown, and the
   * user learns before the first change fails that none will be kept. */
  if (state != NULL && rh_state_is_read_only (state))
    {
      g_autoptr (GError) error = NULL;

      rh_state_check_writable (state, _ ("Your bookmarks and study history are shown, but changes cannot be saved"),
                               &error);
      _rh_window_show_refusal (self, error->code, _ ("changes will not be saved"), error->message, TRUE);
    }
}
