/* test-restore.c
 *
 * Starting again brings the reader back where they were. A real
 * `rehearse` process ($REHEARSE_BIN) is driven as a user would: a page
 * opened over D-Bus, the page scrolled with the keyboard and the app
 * quit with Ctrl+Q, keys typed through the X server with xdotool. What
 * it left in the settings keyfile then opens, in a new start of the
 * app, the same question scrolled to the same place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "rh-page-view.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

#define LOCATION "/python/concurrency/multiprocessing#process-vs-pool"
#define LOCATION_URI "rehearse://library/python/concurrency/multiprocessing#q-process-vs-pool"

static char *home;

/* The app's D-Bus object path and its settings' path, without the
 * leading slash: io/github/rehearse/Rehearse. */
static char *
app_path (void)
{
  return g_strdelimit (g_strdup (APP_ID), ".", '/');
}

/* What the keyfile backend has written for @key, or %NULL. */
static GVariant *
read_setting (const char *key)
{
  g_autofree char     *file = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autofree char     *group = app_path ();
  g_autofree char     *text = NULL;

  if (!g_key_file_load_from_file (keyfile, file, G_KEY_FILE_NONE, NULL) ||
      (text = g_key_file_get_value (keyfile, group, key, NULL)) == NULL)
    return NULL;

  return g_variant_parse (NULL, text, NULL, NULL, NULL);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* For what another process does: nothing wakes this one's main loop
 * when a file changes, so look every tenth of a second. */
static gboolean
poll_until (RhTestCondition condition,
            gpointer        data,
            guint           timeout_ms)
{
  guint    ticker = g_timeout_add (100, wake_up, NULL);
  gboolean done = rh_ui_test_wait_until (condition, data, timeout_ms);

  g_source_remove (ticker);

  return done;
}

static char *
read_last_page (void)
{
  g_autoptr (GVariant) value = read_setting ("last-page");

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ? g_variant_dup_string (value, NULL) : NULL;
}

static double
read_last_scroll (void)
{
  g_autoptr (GVariant) value = read_setting ("last-scroll");

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE) ? g_variant_get_double (value) : -1.0;
}

static gboolean
has_last_page (gpointer data)
{
  g_autofree char *page = read_last_page ();

  return page != NULL && *page != '\0';
}

static gboolean
last_page_is_location (gpointer data)
{
  g_autofree char *page = read_last_page ();

  return g_strcmp0 (page, LOCATION) == 0;
}

static gboolean
last_scroll_is_above (gpointer data)
{
  return read_last_scroll () > *(double *) data;
}

static gboolean
has_owner (gpointer data)
{
  GDBusConnection     *bus = data;
  g_autoptr (GVariant) reply = NULL;
  gboolean             owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* The X window of the process @pid, once it shows one. */
static char *
find_window (GPid pid)
{
  g_autofree char   *pid_text = g_strdup_printf ("%d", (int) pid);
  g_autofree char   *output = NULL;
  g_autoptr (GError) error = NULL;
  int                status;
  const char        *argv[] = { "xdotool", "search", "--sync", "--onlyvisible", "--pid", pid_text, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strstrip (output);
  /* The first visible one: the app has a single window. */
  if (strchr (output, '\n') != NULL)
    *strchr (output, '\n') = '\0';

  return g_steal_pointer (&output);
}

static void
send_keys (const char *window,
           const char *keys)
{
  g_auto (GStrv)           names = g_strsplit (keys, " ", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv)           args = NULL;

  g_strv_builder_addv (builder, (const char *[]){ "windowfocus", "--sync", window, "key", "--delay", "100", NULL });
  g_strv_builder_addv (builder, (const char **) names);
  args = g_strv_builder_end (builder);
  g_assert_true (rh_ui_test_run_xdotool ((const char *const *) args));
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  WebKitWebView *web_view;
  double         y;
} ScrollWait;

static gboolean
page_is_scrolled_to (gpointer data)
{
  ScrollWait      *wait = data;
  g_autofree char *y = rh_ui_test_evaluate (wait->web_view, "String(window.scrollY)");

  return ABS (g_ascii_strtod (y, NULL) - wait->y) < 2;
}

/* Activates an app action of the running instance over D-Bus, as
 * `rehearse --open` and GNOME Shell do. */
static void
activate_remote (GDBusConnection *bus,
                 const char      *action,
                 GVariant        *parameter)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError)   error = NULL;
  g_autofree char     *path = app_path ();
  g_autofree char     *object_path = g_strconcat ("/", path, NULL);
  GVariantBuilder      parameters;

  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", parameter);
  reply = g_dbus_connection_call_sync (bus, APP_ID, object_path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", action, &parameters, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* A test that fails leaves no app behind it, holding its output open. */
static void
end_with_test (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
test_restore_after_quit (void)
{
  const char                     *binary = g_getenv ("REHEARSE_BIN");
  g_autoptr (GDBusConnection)     bus = NULL;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GError)              error = NULL;
  g_autofree char                *window = NULL;
  g_autofree char                *page = NULL;
  RhApplication                  *application;
  RhWindow                       *restored;
  WebKitWebView                  *web_view;
  RhPageView                     *page_view;
  ScrollWait                      wait;
  double                          at_question, scrolled, settled;
  gboolean                        exited = FALSE;

  if (!rh_ui_test_can_send_keys () || binary == NULL)
    {
      g_test_skip ("needs REHEARSE_BIN, X11 and xdotool");
      return;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (has_owner (bus));

  g_subprocess_launcher_set_child_setup (launcher, end_with_test, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  g_assert_no_error (error);
  g_assert_true (poll_until (has_owner, bus, 20000));
  window = find_window (atoi (g_subprocess_get_identifier (process)));
  /* The first start opens the library's first page, and says so. A
   * loaded machine, an index built afresh: WebKit may take its time. */
  g_assert_true (poll_until (has_last_page, NULL, 30000));

  /* Opened from outside, the question's own place: the page scrolls to
   * it, and says so. */
  activate_remote (bus, "open-location", g_variant_new_string (LOCATION));
  g_assert_true (poll_until (last_page_is_location, NULL, 30000));
  at_question = 0;
  g_assert_true (poll_until (last_scroll_is_above, &at_question, 30000));
  at_question = read_last_scroll ();
  g_test_message ("scrolled to the question: %.0f", at_question);

  /* Then further, with the keyboard: F6 into the page, two pages down. */
  send_keys (window, "F6 Next Next");
  g_assert_true (poll_until (last_scroll_is_above, &at_question, 30000));
  do
    {
      scrolled = read_last_scroll ();
      rh_ui_test_wait_ms (800);
      settled = read_last_scroll ();
    }
  while (settled != scrolled);
  g_test_message ("scrolled on to: %.0f", settled);

  send_keys (window, "ctrl+q");
  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  g_assert_true (rh_ui_test_wait_until (is_true, &exited, 20000));
  g_assert_true (g_subprocess_get_successful (process));

  page = read_last_page ();
  g_assert_cmpstr (page, ==, LOCATION);
  g_assert_cmpfloat (read_last_scroll (), ==, settled);

  /* A new start, with what the quit left behind. */
  application = rh_ui_test_start_application ();
  restored = rh_ui_test_get_window (application);
  web_view = rh_ui_test_get_web_view (restored);
  page_view = RH_PAGE_VIEW (rh_ui_test_find_widget (GTK_WIDGET (restored), RH_TYPE_PAGE_VIEW));
  g_assert_true (rh_ui_test_wait_for_load (web_view, LOCATION_URI));
  g_assert_cmpstr (rh_page_view_get_question_id (page_view), ==, "process-vs-pool");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (restored)), ==, "Multiprocessing");
  wait.web_view = web_view;
  wait.y = settled;
  g_assert_true (rh_ui_test_wait_until (page_is_scrolled_to, &wait, 10000));

  gtk_window_destroy (GTK_WINDOW (restored));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  int              status;

  /* Settings that outlive a process, in this run's own home, read by
   * the app the test starts and by the one it starts itself. */
  home = rh_test_use_temporary_home ("restore");
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/restore/after-quit", test_restore_after_quit);

  status = g_test_run ();
  rh_test_remove_tree (home);
  g_free (home);

  return status;
}
