/* test-german.c
 *
 * The real window in German: LANGUAGE=de with the translations from the
 * build tree, and German in the sidebar and in the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
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

  return g_test_run ();
}
