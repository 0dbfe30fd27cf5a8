/* rh-search-provider.c
 *
 * Answers GNOME Shell's searches (org.gnome.Shell.SearchProvider2) from
 * the same search index as the window, so that questions show up in the
 * overview. A result's identifier is its `PATH#ID` key.
 *
 * Shell may start Rehearse just for a search, with --gapplication-service.
 * The application is held while a call is answered, so that such an
 * instance does not time out in the middle of one, and its inactivity
 * timeout starts again after each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-result.h"
#include "rh-search-index.h"
#include "rh-question-ref.h"
#include "rh-library.h"
#include "rh-framework.h"
#include "rh-search-provider.h"
#include "rh-shell-search-provider-generated.h"

/* The overview shows a handful of results per provider; more would only
 * cost time while the user types. */
#define MAX_RESULTS 20

/* When Shell starts Rehearse for a search, the index is still being
 * checked against the library. The first searches wait this long for it,
 * from the first one on, rather than come back empty; later ones do not
 * wait, so a missing or rebuilding index never slows typing down. */
#define INDEX_WAIT_USEC (2 * G_USEC_PER_SEC)

struct _RhSearchProvider
{
  GObject parent_instance;

  RhApplication          *application; /* weak: the application owns us */
  RhShellSearchProvider2 *skeleton;
  gint64                  index_wait_until;
};

G_DEFINE_FINAL_TYPE (RhSearchProvider, rh_search_provider, G_TYPE_OBJECT)

/* Questions hold inline Markdown; Shell shows plain text. Code spans
 * keep what is inside them, so `*args` stays as it is. */
static char *
rh_search_provider_plain_question_text (const char *text)
{
  GString *plain = g_string_new (NULL);
  gboolean in_code = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '`')
        {
          in_code = !in_code;
          continue;
        }

      /* Emphasis, unless it stands alone as in "a * b". */
      if (*p == '*' && !in_code && !(p > text && p[-1] == ' ' && p[1] == ' '))
        continue;

      g_string_append_c (plain, (*p == '\n' || *p == '\t') ? ' ' : *p);
    }

  return g_string_free (plain, FALSE);
}

static void
rh_search_provider_return_invalid_identifier (GDBusMethodInvocation *invocation,
                                              const char            *identifier)
{
  g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                         "Not a Rehearse search result: “%s”", identifier);
}

/* Searches ---------------------------------------------------------------- */

typedef struct
{
  RhApplication          *application;
  RhShellSearchProvider2 *skeleton;
  /* Owned as a D-Bus handler owns it: returning a value frees it. */
  GDBusMethodInvocation *invocation;
  char                  *text;
  gboolean               subsearch;
  gulong                 ready_handler;
  guint                  timeout_id;
} Search;

static void
rh_search_provider_search_free (Search *search)
{
  g_assert (search->invocation == NULL);
  g_assert (search->ready_handler == 0);
  g_assert (search->timeout_id == 0);

  g_application_release (G_APPLICATION (search->application));
  g_object_unref (search->application);
  g_object_unref (search->skeleton);
  g_free (search->text);
  g_free (search);
}

static void
rh_search_provider_search_return (Search            *search,
                                  const char *const *results)
{
  static const char *const none[] = { NULL };
  GDBusMethodInvocation   *invocation = g_steal_pointer (&search->invocation);

  if (results == NULL)
    results = none;

  if (search->subsearch)
    rh_shell_search_provider2_complete_get_subsearch_result_set (search->skeleton, invocation, results);
  else
    rh_shell_search_provider2_complete_get_initial_result_set (search->skeleton, invocation, results);

  rh_search_provider_search_free (search);
}

static void
rh_search_provider_on_query_done (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  Search                *search = user_data;
  g_autoptr (GListModel) results = NULL;
  g_autoptr (GPtrArray)  keys = NULL;
  g_autoptr (GError)     error = NULL;
  guint                  n_results;

  results = rh_search_index_query_finish (RH_SEARCH_INDEX (object), result, &error);
  if (results == NULL)
    {
      g_dbus_method_invocation_return_gerror (g_steal_pointer (&search->invocation), error);
      rh_search_provider_search_free (search);
      return;
    }

  n_results = g_list_model_get_n_items (results);
  keys = g_ptr_array_new_full (n_results + 1, g_free);
  for (guint i = 0; i < n_results; i++)
    {
      g_autoptr (RhSearchResult) found = g_list_model_get_item (results, i);

      g_ptr_array_add (keys, rh_question_ref_format (rh_search_result_get_ref (found)));
    }
  g_ptr_array_add (keys, NULL);

  rh_search_provider_search_return (search, (const char *const *) keys->pdata);
}

static void
rh_search_provider_search_run (Search *search)
{
  RhSearchIndex *index = rh_application_get_search_index (search->application);

  if (index == NULL)
    {
      rh_search_provider_search_return (search, NULL);
      return;
    }

  rh_search_index_query_async (index, search->text, NULL, MAX_RESULTS, NULL,
                               rh_search_provider_on_query_done, search);
}

static void
rh_search_provider_search_stop_waiting (Search *search)
{
  g_clear_signal_handler (&search->ready_handler, search->application);
  g_clear_handle_id (&search->timeout_id, g_source_remove);
}

static void
rh_search_provider_on_search_ready (Search     *search,
                                    GParamSpec *pspec,
                                    GObject    *application)
{
  rh_search_provider_search_stop_waiting (search);
  rh_search_provider_search_run (search);
}

static gboolean
rh_search_provider_on_wait_timeout (gpointer user_data)
{
  Search *search = user_data;

  search->timeout_id = 0;
  rh_search_provider_search_stop_waiting (search);
  rh_search_provider_search_run (search);

  return G_SOURCE_REMOVE;
}

static void
rh_search_provider_search_start (RhSearchProvider      *self,
                                 GDBusMethodInvocation *invocation,
                                 const char *const     *terms,
                                 gboolean               subsearch)
{
  Search *search;
  gint64  now;

  search = g_new0 (Search, 1);
  search->application = g_object_ref (self->application);
  search->skeleton = g_object_ref (self->skeleton);
  search->invocation = invocation;
  search->text = g_strjoinv (" ", (char **) terms);
  search->subsearch = subsearch;
  g_application_hold (G_APPLICATION (search->application));

  if (rh_application_get_search_index (self->application) != NULL)
    {
      rh_search_provider_search_run (search);
      return;
    }

  now = g_get_monotonic_time ();
  if (self->index_wait_until == 0)
    self->index_wait_until = now + INDEX_WAIT_USEC;

  if (now >= self->index_wait_until)
    {
      rh_search_provider_search_return (search, NULL);
      return;
    }

  search->ready_handler = g_signal_connect_swapped (search->application, "notify::search-ready",
                                                    G_CALLBACK (rh_search_provider_on_search_ready), search);
  search->timeout_id = g_timeout_add ((guint) ((self->index_wait_until - now) / 1000) + 1,
                                      rh_search_provider_on_wait_timeout, search);
}

/* Method handlers --------------------------------------------------------- */

static gboolean
rh_search_provider_handle_get_initial_result_set (RhShellSearchProvider2 *skeleton,
                                                  GDBusMethodInvocation  *invocation,
                                                  const char *const      *terms,
                                                  RhSearchProvider       *self)
{
  if (self->application == NULL)
    return G_DBUS_METHOD_INVOCATION_UNHANDLED;

  rh_search_provider_search_start (self, invocation, terms, FALSE);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The new terms refine the old ones. Searching again is as quick as
 * filtering, and ranks the results for what the user typed now. */
static gboolean
rh_search_provider_handle_get_subsearch_result_set (RhShellSearchProvider2 *skeleton,
                                                    GDBusMethodInvocation  *invocation,
                                                    const char *const      *previous_results,
                                                    const char *const      *terms,
                                                    RhSearchProvider       *self)
{
  if (self->application == NULL)
    return G_DBUS_METHOD_INVOCATION_UNHANDLED;

  rh_search_provider_search_start (self, invocation, terms, TRUE);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static GVariant *
rh_search_provider_build_meta (RhLibrary  *library,
                               const char *identifier,
                               GVariant   *icon)
{
  g_auto (GVariantBuilder)  meta = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr (RhQuestionRef) ref = rh_question_ref_parse (identifier);
  RhQuestion               *question = NULL;

  if (ref != NULL)
    question = rh_library_lookup_question (library, rh_question_ref_get_path (ref),
                                           rh_question_ref_get_question_id (ref));

  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (identifier));
  g_variant_builder_add (&meta, "{sv}", "gicon", icon);

  if (question != NULL)
    {
      RhSubtopic      *subtopic = rh_question_get_subtopic (question);
      RhTopic         *topic = subtopic ? rh_subtopic_get_topic (subtopic) : NULL;
      RhFramework     *framework = topic ? rh_topic_get_framework (topic) : NULL;
      g_autofree char *name = rh_search_provider_plain_question_text (rh_question_get_question (question));

      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
      if (framework != NULL)
        {
          g_autofree char *description = g_strdup_printf ("%s › %s › %s",
                                                          rh_framework_get_title (framework),
                                                          rh_topic_get_title (topic),
                                                          rh_subtopic_get_title (subtopic));

          g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
        }
    }
  else
    {
      /* Shell drops every result of a provider when one has no meta or
       * no name, so a question that is gone is named by its key. */
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (identifier));
    }

  return g_variant_builder_end (&meta);
}

static gboolean
rh_search_provider_handle_get_result_metas (RhShellSearchProvider2 *skeleton,
                                            GDBusMethodInvocation  *invocation,
                                            const char *const      *identifiers,
                                            RhSearchProvider       *self)
{
  g_auto (GVariantBuilder) metas = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (GIcon)        icon = NULL;
  g_autoptr (GVariant)     serialized_icon = NULL;
  RhLibrary               *library;

  if (self->application == NULL)
    return G_DBUS_METHOD_INVOCATION_UNHANDLED;

  g_application_hold (G_APPLICATION (self->application));

  library = rh_application_get_library (self->application);
  icon = g_themed_icon_new (APP_ID);
  serialized_icon = g_icon_serialize (icon);

  for (guint i = 0; identifiers[i] != NULL; i++)
    g_variant_builder_add_value (&metas, rh_search_provider_build_meta (library, identifiers[i], serialized_icon));

  rh_shell_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                       g_variant_builder_end (&metas));

  g_application_release (G_APPLICATION (self->application));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The timestamp of the user's click lets the window take the focus. */
static void
rh_search_provider_present_window (RhSearchProvider *self,
                                   guint32           timestamp)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self->application));

  if (window != NULL)
    gtk_window_present_with_time (window, timestamp);
}

static gboolean
rh_search_provider_handle_activate_result (RhShellSearchProvider2 *skeleton,
                                           GDBusMethodInvocation  *invocation,
                                           const char             *identifier,
                                           const char *const      *terms,
                                           guint32                 timestamp,
                                           RhSearchProvider       *self)
{
  g_autoptr (RhQuestionRef) ref = NULL;

  if (self->application == NULL)
    return G_DBUS_METHOD_INVOCATION_UNHANDLED;

  if (!(ref = rh_question_ref_parse (identifier)))
    {
      rh_search_provider_return_invalid_identifier (invocation, identifier);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  g_application_hold (G_APPLICATION (self->application));

  rh_application_open_location (self->application, rh_question_ref_get_path (ref),
                                rh_question_ref_get_question_id (ref));
  rh_search_provider_present_window (self, timestamp);
  rh_shell_search_provider2_complete_activate_result (skeleton, invocation);

  g_application_release (G_APPLICATION (self->application));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The app opens its search itself, through app.search: the provider
 * knows nothing of windows. */
static gboolean
rh_search_provider_handle_launch_search (RhShellSearchProvider2 *skeleton,
                                         GDBusMethodInvocation  *invocation,
                                         const char *const      *terms,
                                         guint32                 timestamp,
                                         RhSearchProvider       *self)
{
  g_autofree char *text = NULL;

  if (self->application == NULL)
    return G_DBUS_METHOD_INVOCATION_UNHANDLED;

  g_application_hold (G_APPLICATION (self->application));

  text = g_strjoinv (" ", (char **) terms);
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "search", g_variant_new_string (text));
  rh_search_provider_present_window (self, timestamp);
  rh_shell_search_provider2_complete_launch_search (skeleton, invocation);

  g_application_release (G_APPLICATION (self->application));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* GObject ----------------------------------------------------------------- */

static void
rh_search_provider_dispose (GObject *object)
{
  RhSearchProvider *self = (RhSearchProvider *) object;

  if (self->skeleton != NULL)
    {
      rh_search_provider_unregister (self);
      g_signal_handlers_disconnect_by_data (self->skeleton, self);
      g_clear_object (&self->skeleton);
    }

  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (rh_search_provider_parent_class)->dispose (object);
}

static void
rh_search_provider_class_init (RhSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_search_provider_dispose;
}

static void
rh_search_provider_init (RhSearchProvider *self)
{
  self->skeleton = rh_shell_search_provider2_skeleton_new ();

  g_signal_connect_object (self->skeleton, "handle-get-initial-result-set",
                           G_CALLBACK (rh_search_provider_handle_get_initial_result_set), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-subsearch-result-set",
                           G_CALLBACK (rh_search_provider_handle_get_subsearch_result_set), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-result-metas",
                           G_CALLBACK (rh_search_provider_handle_get_result_metas), self, 0);
  g_signal_connect_object (self->skeleton, "handle-activate-result",
                           G_CALLBACK (rh_search_provider_handle_activate_result), self, 0);
  g_signal_connect_object (self->skeleton, "handle-launch-search",
                           G_CALLBACK (rh_search_provider_handle_launch_search), self, 0);
}

/**
 * rh_search_provider_new:
 *
 * Returns: (transfer full): a search provider for @application, not yet
 *   on the bus
 */
RhSearchProvider *
rh_search_provider_new (RhApplication *application)
{
  RhSearchProvider *self;

  g_return_val_if_fail (RH_IS_APPLICATION (application), NULL);

  self = g_object_new (RH_TYPE_SEARCH_PROVIDER, NULL);
  g_set_weak_pointer (&self->application, application);

  return self;
}

/**
 * rh_search_provider_register:
 * @object_path: where the search provider .ini file says it is
 *
 * Exports the provider on @connection.
 *
 * Returns: %TRUE on success
 */
gboolean
rh_search_provider_register (RhSearchProvider *self,
                             GDBusConnection  *connection,
                             const char       *object_path,
                             GError          **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (g_variant_is_object_path (object_path), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, object_path, error);
}

/**
 * rh_search_provider_unregister:
 *
 * Takes the provider off the bus, if it is on it.
 */
void
rh_search_provider_unregister (RhSearchProvider *self)
{
  GDBusInterfaceSkeleton *skeleton;

  g_return_if_fail (RH_IS_SEARCH_PROVIDER (self));

  skeleton = G_DBUS_INTERFACE_SKELETON (self->skeleton);
  if (g_dbus_interface_skeleton_get_connection (skeleton) != NULL)
    g_dbus_interface_skeleton_unexport (skeleton);
}
