/* test-german.c
 *
 * The real window in German: LANGUAGE=de with the translations from the
 * build tree, and German in the sidebar, in the page and in the message
 * about a file that does not open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "rh-ui-test-util.h"

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (find_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_window_speaks_german (void)
{
  const char      *bookmarks = g_dgettext (GETTEXT_PACKAGE, "Bookmarks");
  RhApplication   *application;
  RhWindow        *window;
  WebKitWebView   *web_view;
  g_autofree char *badges = NULL;

  /* The catalogue is there and loaded: otherwise the rest means nothing. */
  g_assert_cmpstr (bookmarks, !=, "Bookmarks");
  g_test_message ("“Bookmarks” in German: %s", bookmarks);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (window);
  g_assert_true (rh_ui_test_wait_for_load (web_view, NULL));

  g_assert_true (find_label (GTK_WIDGET (window), bookmarks));
  g_assert_false (find_label (GTK_WIDGET (window), "Bookmarks"));

  badges = rh_ui_test_evaluate (web_view, "Array.from(document.querySelectorAll('.badge')).map(b => b.textContent).join('|')");
  g_test_message ("badges: %s", badges);
  g_assert_cmpstr (badges, !=, "");
  g_assert_null (strstr (badges, "Easy"));
  g_assert_null (strstr (badges, "Hard"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

static gboolean
has_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* A file that does not open is explained in German too: the heading, the
 * sentence and the technical message below it. */
static void
test_import_error_in_german (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *folder = g_dir_make_tmp ("rehearse-german-XXXXXX", &error);
  g_autofree char   *saved = g_build_filename (folder, "gespeichert.html", NULL);
  g_autoptr (GFile)  file = NULL;
  RhApplication     *application;
  RhWindow          *window;
  AdwMessageDialog  *dialog;
  GtkWidget         *expander;

  g_assert_no_error (error);
  g_file_set_contents (saved, "<!DOCTYPE html><html><body><p>Hallo</p></body></html>", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (saved);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  g_assert_true (rh_ui_test_wait_for_load (rh_ui_test_get_web_view (window), NULL));

  rh_window_import_files (window, &file, 1);
  g_assert_true (rh_ui_test_wait_until (has_dialog, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "„gespeichert.html“ konnte nicht geöffnet werden");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Die gespeicherte Webseite enthält keine Seite der Website: Sie wurde nicht von der Website "
                   "gespeichert oder ohne ihre Daten.");
  expander = rh_ui_test_find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, "_Details");
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (rh_ui_test_find_widget (gtk_expander_get_child (GTK_EXPANDER (expander)),
                                                                                          GTK_TYPE_LABEL))),
                                   "gespeichert.html: eine Webseite ohne Seitendaten (kein <script type=\"application/json\" "
                                   "id=\"__NUXT_DATA__\">)"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
  g_unlink (saved);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("REHEARSE_LOCALEDIR");

  /* LANGUAGE is ignored in the plain C locale. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/german/window-speaks-german", test_window_speaks_german);
  g_test_add_func ("/german/import-error", test_import_error_in_german);

  return g_test_run ();
}
