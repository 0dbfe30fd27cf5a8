/* rh-page-view-scripts.c
 *
 * What the page view asks of an open page through the app's own scripts
 * (data/resources/page-*.js): where it is scrolled to, its search
 * highlights, its stars and the question at its top; and where the
 * reader stopped scrolling, which the page says by itself. The scripts run in
 * a script world of their own, so the page neither sees nor calls them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rh-page-view-private.h"

#define SCRIPT_WORLD "rehearse"
#define SCRIPT_RESOURCE_PREFIX "/io/github/rehearse/Rehearse/"

static const char *const rh_page_view_scripts[] = {
  "page-view.js",
  "page-stars.js",
  "page-highlight.js",
};

/* Calls into the app's scripts with @arguments (a{sv}, floating), as
 * named values rather than as code. WebKit takes only strings and
 * numbers there: booleans go as numbers, lists as JSON text. */
void
_rh_page_view_scripts_call (RhPageView         *self,
                            const char         *body,
                            GVariant           *arguments,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  webkit_web_view_call_async_javascript_function (self->web_view, body, -1, arguments, SCRIPT_WORLD, NULL,
                                                  cancellable, callback, user_data);
}

static void
rh_page_view_on_scrolled (WebKitUserContentManager *manager,
                          JSCValue                 *value,
                          RhPageView               *self)
{
  if (jsc_value_is_number (value))
    _rh_page_view_set_scroll_y (self, jsc_value_to_double (value));
}

void
_rh_page_view_scripts_init (RhPageView *self)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (self->web_view);

  /* Only the app's own world may post: the page cannot reach it. */
  g_signal_connect_object (manager, "script-message-received::scrolled", G_CALLBACK (rh_page_view_on_scrolled),
                           self, 0);
  webkit_user_content_manager_register_script_message_handler (manager, "scrolled", SCRIPT_WORLD);

  for (guint i = 0; i < G_N_ELEMENTS (rh_page_view_scripts); i++)
    {
      g_autofree char             *path = g_strconcat (SCRIPT_RESOURCE_PREFIX, rh_page_view_scripts[i], NULL);
      g_autoptr (GBytes)           bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr (WebKitUserScript) script = NULL;

      g_assert (bytes != NULL);
      /* Resources end with a NUL byte, so the data is a string. */
      script = webkit_user_script_new_for_world (g_bytes_get_data (bytes, NULL), WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                 WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, SCRIPT_WORLD, NULL, NULL);
      webkit_user_content_manager_add_script (manager, script);
    }
}

/**
 * rh_page_view_scroll_to:
 *
 * Scrolls to @y, now or, while a page is loading, once it has loaded.
 */
void
rh_page_view_scroll_to (RhPageView *self,
                        double      y)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  if (webkit_web_view_is_loading (self->web_view))
    {
      self->pending_scroll = y;
      self->has_pending_scroll = TRUE;
      return;
    }

  _rh_page_view_scripts_call (self, "rehearse.scrollTo (y);", g_variant_new_parsed ("{'y': <%d>}", y), NULL, NULL, NULL);
}

static void
rh_page_view_on_scroll_evaluated (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr (GTask)    task = user_data;
  g_autoptr (JSCValue) value = NULL;
  GError              *error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    {
      double *y = g_new (double, 1);

      *y = jsc_value_is_number (value) ? jsc_value_to_double (value) : 0.0;
      g_task_return_pointer (task, y, g_free);
    }
}

void
rh_page_view_get_scroll_async (RhPageView         *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  _rh_page_view_scripts_call (self, "return rehearse.scrollY ();", NULL, cancellable, rh_page_view_on_scroll_evaluated, task);
}

double
rh_page_view_get_scroll_finish (RhPageView   *self,
                                GAsyncResult *result,
                                GError      **error)
{
  g_autofree double *y = NULL;

  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), 0.0);

  y = g_task_propagate_pointer (G_TASK (result), error);

  return y ? *y : 0.0;
}

/**
 * rh_page_view_highlight:
 * @words: (nullable): what was searched for; %NULL or empty clears
 *
 * Highlights the words in the page, now or once the page has loaded.
 */
void
rh_page_view_highlight (RhPageView *self,
                        const char *words)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  if (webkit_web_view_is_loading (self->web_view))
    {
      g_free (self->pending_highlight);
      self->pending_highlight = g_strdup (words);
      return;
    }

  /* The words reach the script as an argument, never as code. */
  _rh_page_view_scripts_call (self, "return rehearse.highlight (query);",
                              g_variant_new_parsed ("{'query': <%s>}", words ? words : ""), NULL, NULL, NULL);
}

/**
 * rh_page_view_set_starred:
 *
 * Updates a question's star in place, without reloading the page.
 */
void
rh_page_view_set_starred (RhPageView *self,
                          const char *question_id,
                          gboolean    starred)
{
  g_return_if_fail (RH_IS_PAGE_VIEW (self));
  g_return_if_fail (question_id != NULL);

  _rh_page_view_scripts_call (self, "return rehearse.setStarred (id, starred !== 0, label);",
                              g_variant_new_parsed ("{'id': <%s>, 'starred': <%i>, 'label': <%s>}", question_id, starred,
                                                    starred ? _ ("Remove Bookmark") : _ ("Bookmark")),
                              NULL, NULL, NULL);
}

/**
 * _rh_page_view_scripts_sync_stars:
 *
 * Sets every star of the open page from the state, without a reload, so
 * that the reader keeps their place.
 */
void
_rh_page_view_scripts_sync_stars (RhPageView *self)
{
  RhSubtopic          *subtopic = NULL;
  g_autoptr (JsonNode) starred = NULL;
  g_autofree char     *starred_json = NULL;
  JsonArray           *ids;
  guint                n_questions;

  if (self->state != NULL && self->library != NULL && self->path != NULL)
    subtopic = rh_library_lookup_subtopic (self->library, self->path);
  if (subtopic == NULL)
    return;

  ids = json_array_new ();
  n_questions = g_list_model_get_n_items (G_LIST_MODEL (subtopic));
  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr (RhQuestion)    question = g_list_model_get_item (G_LIST_MODEL (subtopic), i);
      const char               *id = rh_question_get_id (question);
      g_autoptr (RhQuestionRef) ref = rh_question_ref_new (self->path, id);

      if (rh_state_is_bookmarked (self->state, ref))
        json_array_add_string_element (ids, id);
    }

  starred = json_node_init_array (json_node_alloc (), ids);
  json_array_unref (ids);
  starred_json = json_to_string (starred, FALSE);
  _rh_page_view_scripts_call (self, "return rehearse.syncStars (JSON.parse (starred), starredLabel, unstarredLabel);",
                              g_variant_new_parsed ("{'starred': <%s>, 'starredLabel': <%s>, 'unstarredLabel': <%s>}",
                                                    starred_json, _ ("Remove Bookmark"), _ ("Bookmark")),
                              NULL, NULL, NULL);
}

static void
rh_page_view_on_top_question_evaluated (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  g_autoptr (GTask)    task = user_data;
  g_autoptr (JSCValue) value = NULL;
  GError              *error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else if (jsc_value_is_string (value))
    g_task_return_pointer (task, jsc_value_to_string (value), g_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

/**
 * rh_page_view_get_top_question_async:
 *
 * Finds the question at the top of the view: the first whose section
 * is still on screen.
 */
void
rh_page_view_get_top_question_async (RhPageView         *self,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (RH_IS_PAGE_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  _rh_page_view_scripts_call (self, "return rehearse.topQuestion ();", NULL, cancellable, rh_page_view_on_top_question_evaluated, task);
}

/**
 * rh_page_view_get_top_question_finish:
 *
 * Returns: (transfer full) (nullable): the question's id
 */
char *
rh_page_view_get_top_question_finish (RhPageView   *self,
                                      GAsyncResult *result,
                                      GError      **error)
{
  g_return_val_if_fail (RH_IS_PAGE_VIEW (self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
