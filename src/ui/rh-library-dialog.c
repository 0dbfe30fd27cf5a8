/* rh-library-dialog.c
 *
 * The files the user imported, with what each brought into the library,
 * and a way to take one out again, with an Undo until its toast goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-imports.h"
#include "rh-library-dialog.h"
#include "rh-state.h"

struct _RhLibraryDialog
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *empty;
  AdwToastOverlay     *toasts;
  RhLibrary           *library;
  RhState             *state;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (RhLibraryDialog, rh_library_dialog, ADW_TYPE_WINDOW)

static void refresh (RhLibraryDialog *self);

#define REMOVAL_KEY "rh-library-dialog-removal"

static void
on_undo_clicked (AdwToast        *toast,
                 RhLibraryDialog *self)
{
  RhImportsRemoval  *removal = g_object_get_data (G_OBJECT (toast), REMOVAL_KEY);
  g_autoptr (GError) error = NULL;

  if (removal != NULL && !rh_imports_removal_undo (removal, &error))
    {
      g_autofree char *name = g_path_get_basename (rh_imports_removal_get_copy (removal));
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_ ("Could not put “%s” back"), name);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (title));
      g_debug ("%s", error->message);
    }

  refresh (self);
}

/* The removal is final once its toast has gone, or the dialog with it. */
static void
on_toast_dismissed (AdwToast *toast)
{
  g_object_set_data (G_OBJECT (toast), REMOVAL_KEY, NULL);
}

static void
on_remove_clicked (GtkButton       *button,
                   RhLibraryDialog *self)
{
  const char        *file = g_object_get_data (G_OBJECT (button), "file");
  g_autofree char   *name = g_path_get_basename (file);
  g_autoptr (GError) error = NULL;
  RhImportsRemoval  *removal;
  AdwToast          *toast;

  removal = rh_imports_remove_aside (self->library, self->state, file, &error);
  if (removal == NULL)
    {
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_ ("Could not remove “%s”"), name);

      toast = adw_toast_new (title);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toasts, toast);
      g_debug ("%s", error->message);
      return;
    }

  {
    /* Translators: %s is a file name, taken out of the library */
    g_autofree char *title = g_strdup_printf (_ ("“%s” removed"), name);

    toast = adw_toast_new (title);
  }
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), REMOVAL_KEY, removal, (GDestroyNotify) rh_imports_removal_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed), NULL);
  adw_toast_overlay_add_toast (self->toasts, toast);

  refresh (self);
}

static void
refresh (RhLibraryDialog *self)
{
  g_autoptr (GPtrArray) files = rh_imports_list_files ();

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < files->len; i++)
    {
      const char      *file = g_ptr_array_index (files, i);
      g_autofree char *name = g_path_get_basename (file);
      g_autofree char *pages = NULL;
      g_autofree char *questions = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      guint            n_pages, n_questions;

      rh_library_count_source (self->library, file, &n_pages, &n_questions);
      pages = g_strdup_printf (ngettext ("%u page", "%u pages", n_pages), n_pages);
      questions = g_strdup_printf (ngettext ("%u question", "%u questions", n_questions), n_questions);
      /* Translators: "3 pages, 24 questions", under an imported file's name */
      subtitle = g_strdup_printf (_ ("%s, %s"), pages, questions);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _ ("Remove from Library"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Remove from Library"), -1);
      g_object_set_data_full (G_OBJECT (remove), "file", g_strdup (file), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (self->empty, files->len == 0);
}

static void
rh_library_dialog_dispose (GObject *object)
{
  RhLibraryDialog *self = (RhLibraryDialog *) object;

  g_clear_object (&self->library);
  g_clear_object (&self->state);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_library_dialog_parent_class)->dispose (object);
}

static void
rh_library_dialog_class_init (RhLibraryDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_library_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rh_library_dialog_init (RhLibraryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *header = adw_header_bar_new ();

  self->rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _ ("Library"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 420);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _ ("Imported Files"));
  adw_preferences_group_set_description (self->group,
                                         _ ("Copies of the files you opened, loaded at every start with the "
                                            "bundled library. Removing one leaves your original file alone."));

  self->empty = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty), _ ("No imported files"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty), _ ("Open a saved page with Ctrl+O, or drop it on the window"));
  adw_preferences_group_add (self->group, self->empty);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

/**
 * rh_library_dialog_new:
 * @state: (nullable): the study state, whose bookmarks follow removals
 */
GtkWidget *
rh_library_dialog_new (GtkWindow *parent,
                       RhLibrary *library,
                       RhState   *state)
{
  RhLibraryDialog *self;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (state == NULL || RH_IS_STATE (state), NULL);

  /* Whatever an earlier run left aside, ended before it was final. */
  rh_imports_purge_removed ();

  self = g_object_new (RH_TYPE_LIBRARY_DIALOG, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  g_set_object (&self->state, state);
  refresh (self);

  return GTK_WIDGET (self);
}
