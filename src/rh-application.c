/* rh-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-application.h"
#include "rh-content-dirs.h"
#include "rh-window.h"

struct _RhApplication
{
  AdwApplication  parent_instance;

  RhLibrary      *library;
  RhPageRenderer *renderer;
  GSettings      *settings;
  GPtrArray      *load_results;
  RhState        *state;
  RhSearchIndex  *search_index;
  char           *state_moved_aside;
  guint           search_ready : 1;
};

G_DEFINE_FINAL_TYPE (RhApplication, rh_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SEARCH_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_application_load_library (RhApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = rh_content_dirs_get_bundled ();

  self->load_results = rh_library_load_directory (self->library, directory, &error);
  if (self->load_results == NULL)
    {
      g_warning ("Cannot read the bundled library: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->load_results->len; i++)
    {
      const RhLoadResult *result = g_ptr_array_index (self->load_results, i);

      if (result->error != NULL)
        g_warning ("%s", result->error->message);
    }
}

static gboolean
is_bookmarked (const char *path,
               const char *question_id,
               gpointer    user_data)
{
  RhApplication *self = user_data;

  return self->state != NULL && rh_state_is_bookmarked (self->state, path, question_id);
}

/* A damaged database is moved aside, never deleted, and the app goes on
 * with a fresh one; the window says so once it is up. */
static void
rh_application_open_state (RhApplication *self)
{
  g_autofree char *path = rh_state_get_default_path ();
  g_autoptr(GError) error = NULL;

  self->state = rh_state_open_or_recover (path, &self->state_moved_aside, &error);
  if (self->state == NULL)
    {
      g_warning ("Bookmarks are not available: %s", error->message);
      return;
    }

  rh_state_mark_missing (self->state, self->library);
}

static void
on_search_index_ready (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RhApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rh_search_index_ensure_finish (RH_SEARCH_INDEX (object), result, NULL, &error))
    {
      g_warning ("Search is not available: %s", error->message);
      return;
    }

  self->search_ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_READY]);
}

static void
rh_application_open_search (RhApplication *self)
{
  g_autofree char *path = NULL;

  /* For benchmarks that compare a start with and without search. */
  if (g_strcmp0 (g_getenv ("REHEARSE_SEARCH"), "off") == 0)
    return;

  /* The index is checked against the library on a worker thread, so a
   * start never waits for it; with a valid index that is a hash. */
  path = rh_search_index_get_default_path ();
  self->search_index = rh_search_index_new (path);
  rh_search_index_ensure_async (self->search_index, self->library, NULL,
                                on_search_index_ready, g_object_ref (self));
}

static void
rh_application_startup (GApplication *application)
{
  RhApplication *self = RH_APPLICATION (application);

  G_APPLICATION_CLASS (rh_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  self->renderer = rh_page_renderer_new ();
  rh_application_load_library (self);
  rh_application_open_state (self);
  rh_page_renderer_set_bookmark_lookup (self->renderer, is_bookmarked, self, NULL);
  rh_application_open_search (self);
}

static void
rh_application_activate (GApplication *application)
{
  RhApplication *self = RH_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (rh_window_new (self));

  gtk_window_present (window);
}

static void
rh_application_dispose (GObject *object)
{
  RhApplication *self = (RhApplication *)object;

  g_clear_object (&self->library);
  g_clear_object (&self->renderer);
  g_clear_object (&self->settings);
  g_clear_object (&self->state);
  g_clear_object (&self->search_index);
  g_clear_pointer (&self->state_moved_aside, g_free);
  g_clear_pointer (&self->load_results, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_application_parent_class)->dispose (object);
}

static void
rh_application_class_init (RhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rh_application_dispose;
  object_class->get_property = rh_application_get_property;
  app_class->startup = rh_application_startup;
  app_class->activate = rh_application_activate;

  /**
   * RhApplication:search-ready:
   *
   * Whether the search index matches the library and can be queried.
   */
  properties[PROP_SEARCH_READY] =
    g_param_spec_boolean ("search-ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  RhApplication *self = user_data;
  const char *developers[] = { "The Rehearse developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Rehearse"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Rehearse developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/rehearse/rehearse",
                        "issue-url", "https://github.com/rehearse/rehearse/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Rehearse developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
rh_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RhApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

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
};

static void
rh_application_init (RhApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  self->library = rh_library_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

RhApplication *
rh_application_new (void)
{
  return g_object_new (RH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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
