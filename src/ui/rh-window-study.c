/* rh-window-study.c
 *
 * The window's side of studying: the Study button and Ctrl+R, which
 * start a session over the selected framework, topic or page (or, from
 * the button's menu, the bookmarks or the whole library); a page's
 * "Study This Page" link; the study view in place of the page while a
 * session runs; the sidebar's due counts; and the statistics and
 * preferences windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"
#include "rh-framework.h"
#include "rh-preferences-window.h"
#include "rh-stats-view.h"
#include "rh-study-queue.h"
#include "rh-window-private.h"

static RhApplication *
get_application (RhWindow *self)
{
  return RH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static char *
framework_scope (RhFramework *framework)
{
  return g_strconcat ("/", rh_framework_get_slug (framework), NULL);
}

static char *
topic_scope (RhTopic *topic)
{
  return g_strconcat ("/", rh_framework_get_slug (rh_topic_get_framework (topic)), "/", rh_topic_get_slug (topic), NULL);
}

/* The page a scope names, or its topic, or its framework; with none,
 * the page on screen. */
static GObject *
selected_scope_item (RhWindow *self)
{
  g_autoptr (GObject) item = rh_sidebar_get_selected_item (self->sidebar);
  RhLibrary          *library = rh_application_get_library (get_application (self));
  const char         *path;

  if (item != NULL && RH_IS_QUESTION (item) && rh_question_get_subtopic (RH_QUESTION (item)) != NULL)
    return g_object_ref (G_OBJECT (rh_question_get_subtopic (RH_QUESTION (item))));
  if (item != NULL && RH_IS_BOOKMARK (item))
    return G_OBJECT (rh_bookmarks_folder_new (NULL));
  if (item != NULL)
    return g_steal_pointer (&item);

  path = rh_page_view_get_path (self->page_view);
  if (path != NULL && rh_library_lookup_subtopic (library, path) != NULL)
    return g_object_ref (G_OBJECT (rh_library_lookup_subtopic (library, path)));

  return NULL;
}

/* "" is the whole library. */
static char *
scope_of_item (GObject *item)
{
  if (item == NULL)
    return g_strdup ("");
  if (RH_IS_FRAMEWORK (item))
    return framework_scope (RH_FRAMEWORK (item));
  if (RH_IS_TOPIC (item))
    return topic_scope (RH_TOPIC (item));
  if (RH_IS_SUBTOPIC (item))
    return g_strdup (rh_subtopic_get_path (RH_SUBTOPIC (item)));
  if (RH_IS_BOOKMARKS_FOLDER (item))
    return g_strdup (RH_STUDY_SCOPE_BOOKMARKS);

  return g_strdup ("");
}

static char *
describe_scope (RhWindow   *self,
                const char *scope)
{
  RhLibrary     *library = rh_application_get_library (get_application (self));
  g_auto (GStrv) parts = NULL;
  RhFramework   *framework;
  RhTopic       *topic;
  RhSubtopic    *subtopic;

  if (scope == NULL || *scope == '\0')
    return g_strdup (_ ("Whole Library"));
  if (g_str_equal (scope, RH_STUDY_SCOPE_BOOKMARKS))
    return g_strdup (_ ("Bookmarks"));

  if ((subtopic = rh_library_lookup_subtopic (library, scope)) != NULL)
    {
      topic = rh_subtopic_get_topic (subtopic);
      framework = topic ? rh_topic_get_framework (topic) : NULL;
      if (framework != NULL)
        return g_strdup_printf ("%s › %s › %s", rh_framework_get_title (framework), rh_topic_get_title (topic),
                                rh_subtopic_get_title (subtopic));
      return g_strdup (rh_subtopic_get_title (subtopic));
    }

  parts = g_strsplit (scope[0] == '/' ? scope + 1 : scope, "/", 3);
  framework = parts[0] != NULL ? rh_library_lookup_framework (library, parts[0]) : NULL;
  if (framework == NULL)
    return g_strdup (scope);
  if (parts[1] == NULL)
    return g_strdup (rh_framework_get_title (framework));
  topic = rh_framework_lookup (framework, parts[1]);
  if (topic == NULL)
    return g_strdup (scope);

  return g_strdup_printf ("%s › %s", rh_framework_get_title (framework), rh_topic_get_title (topic));
}

/**
 * _rh_window_study_start:
 * @scope: (nullable): as rh_study_queue_new() takes it
 *
 * Starts a session and shows it in place of the page.
 */
void
_rh_window_study_start (RhWindow   *self,
                        const char *scope)
{
  RhApplication             *application = get_application (self);
  RhReviewLog               *log = rh_application_get_review_log (application);
  g_autoptr (RhStudySession) session = NULL;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *title = NULL;
  RhStudySettings            settings;
  gint64                     now = g_get_real_time () / G_USEC_PER_SEC;

  if (log == NULL)
    {
      _rh_window_show_toast (self, _ ("Studying needs the study data, which could not be opened"));
      return;
    }

  rh_application_get_study_settings (application, now, &settings);
  session = rh_study_session_new (rh_application_get_library (application), log, scope, now, &settings, &error);
  if (session == NULL)
    {
      _rh_window_show_toast (self, error->message);
      return;
    }

  title = describe_scope (self, scope);
  self->studying = TRUE;
  rh_study_view_start (self->study_view, session, log);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->study_view));
  adw_window_title_set_title (self->page_title, _ ("Study"));
  adw_window_title_set_subtitle (self->page_title, title);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Study"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), FALSE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
study_stop (RhWindow *self)
{
  if (!self->studying)
    return;

  self->studying = FALSE;
  rh_study_view_stop (self->study_view);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->page_view));
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), TRUE);
  /* The window's own handler puts the page's title back. */
  g_object_notify (G_OBJECT (self->page_view), "path");
  gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
}

/* Ctrl+R and the button: the sidebar's selection. */
static void
study (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  RhWindow           *self = RH_WINDOW (widget);
  g_autoptr (GObject) item = selected_scope_item (self);
  g_autofree char    *scope = scope_of_item (item);

  _rh_window_study_start (self, scope);
}

static void
study_scope (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _rh_window_study_start (RH_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
append_scope (GMenu      *menu,
              const char *label,
              const char *scope)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "win.study-scope", g_variant_new_string (scope));
  g_menu_append_item (menu, item);
}

/* The menu names what is selected now, and everything above it. */
static void
update_menu (RhWindow *self)
{
  g_autoptr (GObject) item = selected_scope_item (self);
  g_autoptr (GMenu)   places = g_menu_new ();
  g_autoptr (GMenu)   wide = g_menu_new ();
  RhSubtopic         *subtopic = item && RH_IS_SUBTOPIC (item) ? RH_SUBTOPIC (item) : NULL;
  RhTopic            *topic = subtopic ? rh_subtopic_get_topic (subtopic) : item && RH_IS_TOPIC (item) ? RH_TOPIC (item)
                                                                                                       : NULL;
  RhFramework        *framework = topic ? rh_topic_get_framework (topic) : item && RH_IS_FRAMEWORK (item) ? RH_FRAMEWORK (item)
                                                                                                          : NULL;

  g_menu_remove_all (self->study_menu);

  if (subtopic != NULL)
    {
      /* Translators: a study scope in the Study button's menu */
      g_autofree char *label = g_strdup_printf (_ ("Page: %s"), rh_subtopic_get_title (subtopic));

      append_scope (places, label, rh_subtopic_get_path (subtopic));
    }
  if (topic != NULL)
    {
      /* Translators: a study scope in the Study button's menu */
      g_autofree char *label = g_strdup_printf (_ ("Topic: %s"), rh_topic_get_title (topic));
      g_autofree char *scope = topic_scope (topic);

      append_scope (places, label, scope);
    }
  if (framework != NULL)
    {
      /* Translators: a study scope in the Study button's menu */
      g_autofree char *label = g_strdup_printf (_ ("Framework: %s"), rh_framework_get_title (framework));
      g_autofree char *scope = framework_scope (framework);

      append_scope (places, label, scope);
    }

  append_scope (wide, _ ("Bookmarks"), RH_STUDY_SCOPE_BOOKMARKS);
  append_scope (wide, _ ("Whole Library"), "");

  if (g_menu_model_get_n_items (G_MENU_MODEL (places)) > 0)
    g_menu_append_section (self->study_menu, NULL, G_MENU_MODEL (places));
  g_menu_append_section (self->study_menu, NULL, G_MENU_MODEL (wide));
}

static void
on_study_menu_shown (RhWindow *self)
{
  update_menu (self);
}

static void
on_study_close (RhWindow *self)
{
  study_stop (self);
}

static void
on_study_graded (RhWindow *self)
{
  rh_application_reviews_changed (get_application (self));
}

static void
on_study_failed (RhWindow   *self,
                 const char *message)
{
  RhState           *state = rh_application_get_state (get_application (self));
  g_autoptr (GError) refusal = NULL;

  /* The study data opened on a full disk or a read-only folder. */
  if (state != NULL && !rh_state_check_writable (state, message, &refusal))
    {
      _rh_window_show_refusal (self, refusal->code, _ ("the change was not saved"), message, FALSE);
      return;
    }

  _rh_window_show_toast (self, message);
}

/* Opening a page from the sidebar or a link ends the session. */
static void
on_page_path_changed (RhWindow *self)
{
  study_stop (self);
}

static void
on_dark_changed (RhWindow        *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  rh_study_view_set_dark (self->study_view, adw_style_manager_get_dark (style_manager));
}

static void
show_statistics (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RhWindow      *self = RH_WINDOW (widget);
  RhApplication *application = get_application (self);
  GtkWidget     *window;

  if (rh_application_get_review_log (application) == NULL)
    {
      _rh_window_show_toast (self, _ ("Studying needs the study data, which could not be opened"));
      return;
    }

  window = rh_stats_view_new_window (application, GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_preferences (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhWindow  *self = RH_WINDOW (widget);
  GtkWidget *window = rh_preferences_window_new (rh_application_get_settings (get_application (self)));

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * _rh_window_study_handle_link:
 * @params: a `rehearse://action/study?…` link's parameters
 */
void
_rh_window_study_handle_link (RhWindow   *self,
                              GHashTable *params)
{
  const char *scope = params != NULL ? g_hash_table_lookup (params, "scope") : NULL;

  if (scope != NULL)
    _rh_window_study_start (self, scope);
}

void
_rh_window_study_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (RH_TYPE_STUDY_VIEW);

  gtk_widget_class_bind_template_child_full (widget_class, "content_stack", FALSE,
                                             G_STRUCT_OFFSET (RhWindow, content_stack));
  gtk_widget_class_bind_template_child_full (widget_class, "study_view", FALSE, G_STRUCT_OFFSET (RhWindow, study_view));
  gtk_widget_class_bind_template_child_full (widget_class, "study_button", FALSE,
                                             G_STRUCT_OFFSET (RhWindow, study_button));
  gtk_widget_class_bind_template_child_full (widget_class, "study_menu", FALSE, G_STRUCT_OFFSET (RhWindow, study_menu));

  gtk_widget_class_install_action (widget_class, "win.study", NULL, study);
  gtk_widget_class_install_action (widget_class, "win.study-scope", "s", study_scope);
  gtk_widget_class_install_action (widget_class, "win.statistics", NULL, show_statistics);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, show_preferences);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.study", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

void
_rh_window_study_setup (RhWindow *self)
{
  RhApplication   *application = get_application (self);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  gboolean         available = rh_application_get_review_log (application) != NULL;
  GtkPopover      *popover = adw_split_button_get_popover (self->study_button);

  self->due_counts = rh_due_counts_new (application);
  rh_sidebar_set_due_counts (self->sidebar, self->due_counts);

  rh_study_view_set_renderer (self->study_view, rh_application_get_renderer (application));
  rh_study_view_set_dark (self->study_view, adw_style_manager_get_dark (style_manager));
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->study_view, "close", G_CALLBACK (on_study_close), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->study_view, "graded", G_CALLBACK (on_study_graded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->study_view, "failed", G_CALLBACK (on_study_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "notify::path", G_CALLBACK (on_page_path_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_menu (self);
  if (popover != NULL)
    g_signal_connect_object (popover, "show", G_CALLBACK (on_study_menu_shown), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.study", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.study-scope", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.statistics", available);
}

void
_rh_window_study_dispose (RhWindow *self)
{
  g_clear_object (&self->due_counts);
}
