/* rh-application.c
 *
 * The application: it loads the library, opens the study state and the
 * search index, and owns what every window shares. The command line,
 * D-Bus and GNOME Shell's search reach it through its actions
 * (app.open-location, app.search, app.quit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-state.h"
#include "rh-search-index.h"
#include "rh-question-ref.h"
#include "rh-page-renderer.h"
#include "rh-library-load.h"
#include "rh-application.h"
#include "rh-review-log.h"
#include "rh-ui-resources.h"
#include "rh-content-dirs.h"
#include "rh-imports.h"
#include "rh-search-provider.h"
#include "rh-startup-profile.h"
#include "rh-window.h"

struct _RhApplication
{
  AdwApplication parent_instance;

  RhLibrary        *library;
  RhPageRenderer   *renderer;
  GSettings        *settings;
  GPtrArray        *load_results;
  RhState          *state;
  RhReviewLog      *review_log;
  RhSearchIndex    *search_index;
  RhSearchProvider *search_provider;
  char             *state_moved_aside;
  GCancellable     *load_cancellable;
  double            load_fraction;
  guint             search_retries;
  guint             load_release_id;
  guint             load_held : 1;
  guint             search_ready : 1;
  guint             library_loading : 1;
};

G_DEFINE_FINAL_TYPE (RhApplication, rh_application, ADW_TYPE_APPLICATION)

/* Files the load cache does not hold are read before the first window
 * when they are about the bundled library's size; more, and the window
 * shows first while they load. */
#define SYNC_LOAD_MAX_BYTES (4 * 1024 * 1024)

/* What loads behind the window waits for its first page at most this
 * long, for when no window shows one (the Shell's search provider). */
#define LOAD_HOLD_MAX_MS 500

/* How often a failed check of the search index is tried again before
 * search is given up for this run. */
#define SEARCH_ENSURE_RETRIES 2

/* How long an instance that D-Bus started for GNOME Shell's search stays
 * without a window or a call: long enough to serve one search, keystroke
 * by keystroke, and the click on a result. */
#define SERVICE_INACTIVITY_TIMEOUT_MS 30000

enum
{
  PROP_0,
  PROP_SEARCH_READY,
  PROP_LIBRARY_LOADING,
  PROP_LIBRARY_LOAD_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  REVIEWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rh_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RhApplication *self = RH_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SEARCH_READY:
      g_value_set_boolean (value, self->search_ready);
      break;

    case PROP_LIBRARY_LOADING:
      g_value_set_boolean (value, self->library_loading);
      break;

    case PROP_LIBRARY_LOAD_FRACTION:
      g_value_set_double (value, self->load_fraction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void rh_application_open_search (RhApplication *self);

static void
rh_application_on_load_progress (guint    n_done,
                                 guint    n_files,
                                 gpointer user_data)
{
  RhApplication *self = user_data;

  self->load_fraction = n_files > 0 ? (double) n_done / n_files : 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY_LOAD_FRACTION]);
}

/* Only once every file is in is it known which bookmarks have lost
 * their question, and what the search index must hold. */
static void
rh_application_on_library_loaded (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr (RhApplication) self = user_data;
  g_autoptr (GError)        error = NULL;

  self->load_results = rh_library_load_files_cached_finish (RH_LIBRARY (object), result, &error);
  g_clear_object (&self->load_cancellable);
  if (self->load_results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }

  for (guint i = 0; i < self->load_results->len; i++)
    {
      const RhLoadResult *load_result = g_ptr_array_index (self->load_results, i);

      if (load_result->error != NULL)
        g_warning ("%s", load_result->error->message);
    }

  rh_startup_profile_mark ("library loaded in full");
  self->library_loading = FALSE;
  self->load_fraction = 1.0;
  if (self->state != NULL)
    rh_state_mark_missing (self->state, self->library);
  rh_application_open_search (self);
  rh_startup_profile_mark ("search index check started");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY_LOAD_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY_LOADING]);
}

static void
rh_application_release_after_timeout (gpointer user_data)
{
  RhApplication *self = user_data;

  self->load_release_id = 0;
  rh_application_release_library_load (self);
}

static void
rh_application_load_library (RhApplication *self)
{
  g_autofree char      *directory = rh_content_dirs_get_bundled ();
  g_autofree char      *cache_file = rh_content_dirs_get_cache_file ();
  g_autoptr (GPtrArray) files = rh_content_dirs_list_files (directory);
  g_autoptr (GPtrArray) imported = rh_imports_list_files ();

  /* What the user imported loads after the bundled library, so a newer
   * copy of a bundled page replaces it. Files unchanged since the last
   * start are read back from the cache rather than parsed again. */
  for (guint i = 0; i < imported->len; i++)
    g_ptr_array_add (files, g_strdup (g_ptr_array_index (imported, i)));

  if (files->len == 0)
    g_warning ("The bundled library in %s is empty or missing", directory);

  self->library_loading = TRUE;
  self->load_cancellable = g_cancellable_new ();
  rh_library_load_hold (self->library);
  self->load_held = TRUE;
  self->load_release_id = g_timeout_add_once (LOAD_HOLD_MAX_MS, rh_application_release_after_timeout, self);
  rh_library_load_files_cached_async (self->library, (const char *const *) files->pdata, files->len, cache_file,
                                      SYNC_LOAD_MAX_BYTES, self->load_cancellable,
                                      rh_application_on_load_progress, self, NULL,
                                      rh_application_on_library_loaded, g_object_ref (self));
}

static gboolean
rh_application_is_bookmarked (const char *path,
                              const char *question_id,
                              gpointer    user_data)
{
  RhApplication            *self = user_data;
  g_autoptr (RhQuestionRef) ref = NULL;

  if (self->state == NULL)
    return FALSE;

  ref = rh_question_ref_new (path, question_id);

  return rh_state_is_bookmarked (self->state, ref);
}

/* A damaged database is moved aside, never deleted, and the app goes on
 * with a fresh one; the window says so once it is up. */
static void
rh_application_open_state (RhApplication *self)
{
  g_autofree char   *path = rh_state_get_default_path ();
  g_autoptr (GError) error = NULL;

  self->state = rh_state_open_or_recover (path, &self->state_moved_aside, &error);
  if (self->state == NULL)
    {
      g_warning ("Bookmarks are not available: %s", error->message);
      return;
    }
}

static void
rh_application_on_search_index_ready (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr (RhApplication) self = user_data;
  g_autoptr (GError)        error = NULL;

  if (!rh_search_index_ensure_finish (RH_SEARCH_INDEX (object), result, NULL, &error))
    {
      /* A file that another process, or an instance before this one,
       * was writing at that moment can fail to read; the index is only
       * a cache of the library, so it is checked (and built) again. */
      if (self->search_retries++ < SEARCH_ENSURE_RETRIES)
        {
          g_message ("Checking the search index again: %s", error->message);
          rh_search_index_ensure_async (self->search_index, self->library, NULL,
                                        rh_application_on_search_index_ready, g_object_ref (self));
          return;
        }

      g_warning ("Search is not available: %s", error->message);
      return;
    }

  rh_startup_profile_mark ("search index ready");
  self->search_ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_READY]);
}

static void
rh_application_open_search (RhApplication *self)
{
  g_autofree char *path = rh_search_index_get_default_path ();

  /* The index is checked against the library on a worker thread, so a
   * start never waits for it; with a valid index that is a hash. */
  self->search_index = rh_search_index_new (path);
  rh_search_index_ensure_async (self->search_index, self->library, NULL,
                                rh_application_on_search_index_ready, g_object_ref (self));
}

static void
rh_application_read_icon_theme_thread (GTask        *task,
                                       gpointer      icon_theme,
                                       gpointer      task_data,
                                       GCancellable *cancellable)
{
  g_autoptr (GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (icon_theme, "open-menu-symbolic", NULL, 16, 1,
                                                                  GTK_TEXT_DIR_NONE, 0);
}

/* The icon theme reads its index files at the first lookup, which would
 * be the window's first header bar button. GTK lets an icon theme set up
 * on the main thread be looked up from others, so the reading happens
 * on a worker while the window is built. */
static void
rh_application_read_icon_theme (void)
{
  GdkDisplay       *display = gdk_display_get_default ();
  g_autoptr (GTask) task = NULL;

  if (display == NULL)
    return;

  task = g_task_new (gtk_icon_theme_get_for_display (display), NULL, NULL, NULL);
  g_task_set_name (task, "rh-application-read-icon-theme");
  g_task_run_in_thread (task, rh_application_read_icon_theme_thread);
}

static void
rh_application_startup (GApplication *application)
{
  RhApplication *self = RH_APPLICATION (application);

  G_APPLICATION_CLASS (rh_application_parent_class)->startup (application);

  rh_startup_profile_mark ("startup");
  self->settings = g_settings_new (APP_ID);
  self->renderer = rh_page_renderer_new ();
  rh_startup_profile_mark ("renderer made");
  /* After the renderer: GtkSourceView adds its icons to the theme, which
   * makes it read again. */
  rh_application_read_icon_theme ();
  rh_application_load_library (self);
  rh_startup_profile_mark ("library loaded");
  rh_application_open_state (self);
  rh_startup_profile_mark ("state opened");
  rh_page_renderer_set_bookmark_lookup (self->renderer, rh_application_is_bookmarked, self, NULL);
}

/* The settings backend writes in the background: what the windows
 * saved reaches the disk before the process ends. */
static void
rh_application_shutdown (GApplication *application)
{
  RhApplication *self = RH_APPLICATION (application);

  /* A load still going on stops at the file it is reading: its threads
   * hold the library. */
  rh_application_release_library_load (self);
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      while (self->library_loading && self->load_cancellable != NULL)
        g_main_context_iteration (NULL, TRUE);
    }

  g_settings_sync ();

  G_APPLICATION_CLASS (rh_application_parent_class)->shutdown (application);
}

static void
rh_application_activate (GApplication *application)
{
  RhApplication *self = RH_APPLICATION (application);
  GtkWindow     *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  rh_startup_profile_mark ("activate");
  if (window == NULL)
    window = GTK_WINDOW (rh_window_new (self));
  rh_startup_profile_mark ("window made");

  gtk_window_present (window);
  rh_startup_profile_mark ("window presented");
}

static void
rh_application_open (GApplication *application,
                     GFile       **files,
                     int           n_files,
                     const char   *hint)
{
  RhApplication *self = RH_APPLICATION (application);
  GtkWindow     *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (rh_window_new (self));

  gtk_window_present (window);
  rh_window_import_files (RH_WINDOW (window), files, n_files);
}

/* `--open PATH[#ID]` reaches the running instance as an action. */
static int
rh_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  const char        *location = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_variant_dict_lookup (options, "open", "&s", &location))
    return -1;

  if (location[0] != '/')
    {
      g_printerr ("rehearse: %s\n", _ ("--open takes a page path such as /python/concurrency/multiprocessing#process-vs-pool"));
      return 2;
    }

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("rehearse: %s\n", error->message);
      return 1;
    }

  g_action_group_activate_action (G_ACTION_GROUP (application), "open-location", g_variant_new_string (location));

  return 0;
}

static void
rh_application_open_location_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  RhApplication            *self = user_data;
  g_autofree char          *path = NULL;
  g_autoptr (RhQuestionRef) ref = rh_question_ref_parse_location (g_variant_get_string (parameter, NULL), &path);

  rh_application_open_location (self, path, ref != NULL ? rh_question_ref_get_question_id (ref) : NULL);
}

/* The window to show a search in: the last one used, or a new one. */
static RhWindow *
rh_application_get_study_window (RhApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RH_IS_WINDOW (l->data))
        return RH_WINDOW (l->data);
    }

  return rh_window_new (self);
}

/* `app.search` with the text: GNOME Shell's click on the app's icon
 * among its search results comes this way. */
static void
rh_application_search_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  RhApplication *self = user_data;
  RhWindow      *window = rh_application_get_study_window (self);

  gtk_window_present (GTK_WINDOW (window));
  rh_window_search (window, g_variant_get_string (parameter, NULL));
}

/* GNOME Shell looks for the search provider where the search provider
 * .ini file says: the application's path with /SearchProvider. Search
 * is an extra, so the app goes on without it if that fails. */
static gboolean
rh_application_dbus_register (GApplication    *application,
                              GDBusConnection *connection,
                              const char      *object_path,
                              GError         **error)
{
  RhApplication     *self = RH_APPLICATION (application);
  g_autofree char   *provider_path = g_strconcat (object_path, "/SearchProvider", NULL);
  g_autoptr (GError) provider_error = NULL;

  if (!G_APPLICATION_CLASS (rh_application_parent_class)->dbus_register (application, connection, object_path, error))
    return FALSE;

  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (application, SERVICE_INACTIVITY_TIMEOUT_MS);

  g_clear_object (&self->search_provider);
  self->search_provider = rh_search_provider_new (self);
  if (!rh_search_provider_register (self->search_provider, connection, provider_path, &provider_error))
    {
      g_warning ("GNOME Shell cannot search Rehearse: %s", provider_error->message);
      g_clear_object (&self->search_provider);
    }

  return TRUE;
}

static void
rh_application_dbus_unregister (GApplication    *application,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  RhApplication *self = RH_APPLICATION (application);

  if (self->search_provider != NULL)
    rh_search_provider_unregister (self->search_provider);
  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (rh_application_parent_class)->dbus_unregister (application, connection, object_path);
}

static void
rh_application_dispose (GObject *object)
{
  RhApplication *self = (RhApplication *) object;

  if (self->library != NULL)
    rh_application_release_library_load (self);
  g_clear_object (&self->library);
  g_clear_object (&self->renderer);
  g_clear_object (&self->settings);
  g_clear_object (&self->review_log);
  g_clear_object (&self->state);
  g_clear_object (&self->search_index);
  g_clear_object (&self->search_provider);
  g_clear_pointer (&self->state_moved_aside, g_free);
  g_clear_pointer (&self->load_results, g_ptr_array_unref);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (rh_application_parent_class)->dispose (object);
}

static void
rh_application_class_init (RhApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rh_application_dispose;
  object_class->get_property = rh_application_get_property;
  app_class->startup = rh_application_startup;
  app_class->shutdown = rh_application_shutdown;
  app_class->activate = rh_application_activate;
  app_class->open = rh_application_open;
  app_class->handle_local_options = rh_application_handle_local_options;
  app_class->dbus_register = rh_application_dbus_register;
  app_class->dbus_unregister = rh_application_dbus_unregister;

  /* The window's templates and the shortcuts window live in a static
   * library: referring to them keeps the linker from dropping them, and
   * with them their registration. */
  g_assert (rh_ui_get_resource () != NULL);

  /**
   * RhApplication:search-ready:
   *
   * Whether the search index matches the library and can be queried.
   */
  properties[PROP_SEARCH_READY] =
      g_param_spec_boolean ("search-ready", NULL, NULL, FALSE,
                            (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhApplication:library-loading:
   *
   * Whether files of the library are still being read: until they are,
   * the library shows what is in and grows, and search waits.
   */
  properties[PROP_LIBRARY_LOADING] =
      g_param_spec_boolean ("library-loading", NULL, NULL, FALSE,
                            (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhApplication:library-load-fraction:
   *
   * How much of what loads in the background is in, from 0 to 1.
   */
  properties[PROP_LIBRARY_LOAD_FRACTION] =
      g_param_spec_double ("library-load-fraction", NULL, NULL, 0.0, 1.0, 0.0,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhApplication::reviews-changed:
   *
   * A window graded a card or took a grade back: due counts and
   * statistics in every window follow.
   */
  signals[REVIEWS_CHANGED] = g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  RhApplication *self = user_data;
  const char    *developers[] = { "The Rehearse developers", NULL };
  GtkWidget     *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _ ("Rehearse"),
                        "application-icon", APP_ID,
                        "developer-name", _ ("The Rehearse developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/rehearse/rehearse",
                        "issue-url", "https://github.com/rehearse/rehearse/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Rehearse developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _ ("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
rh_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RhApplication *self = user_data;
  GList         *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* A service instance would otherwise stay on, waiting for searches. */
  g_application_set_inactivity_timeout (G_APPLICATION (self), 0);
  if (windows == NULL)
    g_application_quit (G_APPLICATION (self));

  /* Closing each window lets it save its state first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "about", rh_application_about },
  { "quit", rh_application_quit },
  { "open-location", rh_application_open_location_action, "s" },
  { "search", rh_application_search_action, "s" },
};

/* The headless commands are parsed before GTK starts (rh-cli.c); they
 * are listed here so that --help shows them. */
static const GOptionEntry app_options[] = {
  { "open", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Open the app at a page, or a question in it"), N_ ("PATH[#ID]") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Load content files without a window and print the library tree"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("With --check, --grade, --study or --card, print JSON"), NULL },
  { "export-html", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_ ("Write every page as a standalone HTML file into DIR, from FILEs or the library"), N_ ("DIR") },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Print the questions that match QUERY, best first, from FILEs or the library"), N_ ("QUERY") },
  { "bookmarks", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Print the bookmarked questions, newest first"), NULL },
  { "grade", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Record a review of a question, graded again, hard, good or easy, and print its schedule"), N_ ("PATH#ID") },
  { "study", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Print what is due to study in the library or in a framework, topic, page or the bookmarks"), NULL },
  { "card", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Print a question’s schedule and its reviews, oldest first"), N_ ("PATH#ID") },
  { "at", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("With --grade or --study, the time in ISO 8601 instead of now"), N_ ("TIME") },
  { NULL }
};

static void
rh_application_init (RhApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  self->library = rh_library_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), app_options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _ ("[FILE…]"));
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

RhApplication *
rh_application_new (void)
{
  return g_object_new (RH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/rehearse/Rehearse",
                       NULL);
}

/**
 * rh_application_get_library:
 *
 * Returns: (transfer none): the library every window shows
 */
RhLibrary *
rh_application_get_library (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  return self->library;
}

/**
 * rh_application_get_renderer:
 *
 * Returns: (transfer none): the page renderer shared by every window
 */
RhPageRenderer *
rh_application_get_renderer (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  return self->renderer;
}

/**
 * rh_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
rh_application_get_settings (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * rh_application_get_state:
 *
 * Returns: (transfer none) (nullable): the study state, or %NULL when the
 *   database could not be opened at all
 */
RhState *
rh_application_get_state (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  return self->state;
}

/**
 * rh_application_release_library_load:
 *
 * Lets the part of the library that loads behind the window go on; it
 * waits for the window's first page, and at most half a second. Once is
 * enough; later calls do nothing.
 */
void
rh_application_release_library_load (RhApplication *self)
{
  g_return_if_fail (RH_IS_APPLICATION (self));

  if (!self->load_held)
    return;

  self->load_held = FALSE;
  g_clear_handle_id (&self->load_release_id, g_source_remove);
  rh_library_load_release (self->library);
}

/**
 * rh_application_get_library_loading:
 *
 * Returns: whether files of the library are still being read
 */
gboolean
rh_application_get_library_loading (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), FALSE);

  return self->library_loading;
}

/**
 * rh_application_get_search_index:
 *
 * Returns: (transfer none) (nullable): the search index, once
 *   #RhApplication:search-ready
 */
RhSearchIndex *
rh_application_get_search_index (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  return self->search_ready ? self->search_index : NULL;
}

/**
 * rh_application_take_state_notice:
 *
 * Returns: (transfer full) (nullable): where a damaged database was moved,
 *   once, for the first window to tell the user
 */
char *
rh_application_take_state_notice (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->state_moved_aside);
}

/**
 * rh_application_open_location:
 * @path: a page path
 * @question_id: (nullable): a question on that page
 *
 * Shows a page, or a question in it, in the window (creating it if
 * needed) and brings the window forward: what `--open` and a search
 * result in GNOME Shell do.
 */
void
rh_application_open_location (RhApplication *self,
                              const char    *path,
                              const char    *question_id)
{
  GtkWindow *window;

  g_return_if_fail (RH_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (rh_window_new (self));

  rh_window_open (RH_WINDOW (window), path, question_id);
  gtk_window_present (window);
}

/**
 * rh_application_get_review_log:
 *
 * Returns: (transfer none) (nullable): the review log, on the state's
 *   connection; %NULL without a state database
 */
RhReviewLog *
rh_application_get_review_log (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  if (self->review_log == NULL && self->state != NULL)
    {
      g_autoptr (GError) error = NULL;

      self->review_log = rh_review_log_new (self->state, &error);
      if (self->review_log == NULL)
        g_warning ("Studying is not available: %s", error->message);
    }

  return self->review_log;
}

/**
 * rh_application_get_study_settings:
 * @at: now, in Unix seconds, for where the local study day starts
 * @out_settings: (out caller-allocates): the user's study settings
 */
void
rh_application_get_study_settings (RhApplication   *self,
                                   gint64           at,
                                   RhStudySettings *out_settings)
{
  g_return_if_fail (RH_IS_APPLICATION (self));
  g_return_if_fail (out_settings != NULL);

  rh_study_settings_init_default (out_settings);
  if (self->settings != NULL)
    rh_study_settings_load (out_settings, self->settings);
  out_settings->day_offset = rh_study_settings_get_day_offset (NULL, at);
}

void
rh_application_reviews_changed (RhApplication *self)
{
  g_return_if_fail (RH_IS_APPLICATION (self));

  g_signal_emit (self, signals[REVIEWS_CHANGED], 0);
}
