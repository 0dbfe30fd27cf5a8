/* test-study-mode.c
 *
 * Study mode in the real window under Xvfb: Ctrl+R starts a session on
 * the selected page, Space shows the answer, 3 grades it Good, and the
 * review is in the log as the headless `rehearse --card … --json` sees
 * it from a process of its own; Ctrl+Z takes it back, there too. And
 * the sidebar's due counts: cards graded due by the command line show
 * on their page, topic and framework, and follow a grade in the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "rh-study-view.h"
#include "rh-subtopic.h"
#include "rh-test-util.h"
#include "rh-ui-test-util.h"

#define INDEX_URI "rehearse://library/git/basics/index"

static char *data_home;

/* Presses a key as GTK would deliver it to @widget: through the
 * shortcut controllers on it, its own and its class's. */
static gboolean
press_on (GtkWidget      *widget,
          guint           keyval,
          GdkModifierType modifiers)
{
  g_autoptr (GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GListModel                    *controllers = gtk_widget_observe_controllers (widget);
  gboolean                       handled = FALSE;

  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; !handled && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_object_unref (controllers);

  return handled;
}

/* A key pressed with the focus somewhere in the study view: the view's
 * own shortcuts see it first, in the capture phase. */
static void
press (RhWindow       *window,
       guint           keyval,
       GdkModifierType modifiers)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *study_view = rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW);

  if (focus != NULL && gtk_widget_is_ancestor (focus, study_view) && press_on (study_view, keyval, modifiers))
    return;

  g_assert_true (press_on (GTK_WIDGET (window), keyval, modifiers));
}

/* `rehearse --card KEY --json`, run as a process of its own on the same
 * data: the reviews it lists. */
static JsonArray *
card_reviews (const char *key)
{
  const char            *binary = g_getenv ("REHEARSE_BIN");
  const char            *argv[] = { binary, "--card", key, "--json", NULL };
  g_autofree char       *out = NULL;
  g_autofree char       *err = NULL;
  g_autoptr (GError)     error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  int                    status = 0;
  JsonObject            *object;

  g_assert_nonnull (binary);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "question"), ==, key);

  return json_array_ref (json_object_get_array_member (object, "reviews"));
}

static char *
current_key (RhStudyView *view)
{
  RhQuestion *question = rh_study_session_get_current (rh_study_view_get_session (view));

  g_assert_nonnull (question);

  return g_strconcat (rh_subtopic_get_path (rh_question_get_subtopic (question)), "#", rh_question_get_id (question),
                      NULL);
}

static WebKitWebView *
card_web_view (RhStudyView *view)
{
  return WEBKIT_WEB_VIEW (rh_ui_test_find_widget (GTK_WIDGET (view), WEBKIT_TYPE_WEB_VIEW));
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *expected;
} CardWait;

/* The card shows its answer, or not, as the script-free page has it. */
static gboolean
card_shows (gpointer data)
{
  CardWait        *wait = data;
  g_autofree char *shown = NULL;

  if (webkit_web_view_is_loading (wait->web_view) ||
      !g_str_has_prefix (webkit_web_view_get_uri (wait->web_view), "rehearse://study/card"))
    return FALSE;

  shown = rh_ui_test_evaluate (wait->web_view,
                               "String(document.querySelector('.question h2') !== null) + ' ' + "
                               "String(document.querySelector('.answer') !== null)");

  return g_str_equal (shown, wait->expected);
}

static void
test_grade_and_undo (void)
{
  RhApplication        *application = rh_ui_test_start_application ();
  RhWindow             *window = rh_ui_test_get_window (application);
  WebKitWebView        *page = rh_ui_test_get_web_view (window);
  RhStudyView          *view = RH_STUDY_VIEW (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW));
  GtkStack             *stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (view)));
  g_autoptr (JsonArray) reviews = NULL;
  g_autofree char      *key = NULL;
  g_autofree char      *again = NULL;
  CardWait              hidden = { NULL, "true false" };
  CardWait              shown = { NULL, "true true" };
  JsonObject           *review;

  g_assert_true (rh_ui_test_select_row (window, "The Index (Staging Area)"));
  g_assert_true (rh_ui_test_wait_for_load (page, INDEX_URI));
  g_assert_true (gtk_stack_get_visible_child (stack) != GTK_WIDGET (view));
  /* A card's web view comes with the first card, not with the window. */
  g_assert_null (card_web_view (view));

  /* Ctrl+R: a session on the selected page, its first question shown
   * without its answer. */
  press (window, GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_true (gtk_stack_get_visible_child (stack) == GTK_WIDGET (view));
  hidden.web_view = shown.web_view = card_web_view (view);
  g_assert_nonnull (hidden.web_view);
  key = current_key (view);
  g_assert_true (g_str_has_prefix (key, "/git/basics/index#"));
  g_assert_false (rh_study_view_get_revealed (view));
  g_assert_true (rh_ui_test_wait_until (card_shows, &hidden, 20000));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (view)));

  /* Grades wait for the answer. */
  reviews = card_reviews (key);
  g_assert_cmpuint (json_array_get_length (reviews), ==, 0);
  g_clear_pointer (&reviews, json_array_unref);

  /* Space shows it. */
  press (window, GDK_KEY_space, 0);
  g_assert_true (rh_study_view_get_revealed (view));
  g_assert_true (rh_ui_test_wait_until (card_shows, &shown, 20000));

  /* 3 is Good: the review is in the log, as another process reads it,
   * with the time taken; the next card is up. */
  rh_ui_test_wait_ms (300);
  press (window, GDK_KEY_3, 0);
  reviews = card_reviews (key);
  g_assert_cmpuint (json_array_get_length (reviews), ==, 1);
  review = json_array_get_object_element (reviews, 0);
  g_assert_cmpstr (json_object_get_string_member (review, "grade"), ==, "good");
  g_assert_false (json_object_get_null_member (review, "duration_ms"));
  g_assert_cmpint (json_object_get_int_member (review, "duration_ms"), >=, 300);
  g_clear_pointer (&reviews, json_array_unref);
  again = current_key (view);
  g_assert_cmpstr (again, !=, key);
  g_assert_false (rh_study_view_get_revealed (view));
  g_clear_pointer (&again, g_free);

  /* Ctrl+Z takes it back, in the log too, and shows the card again. */
  press (window, GDK_KEY_z, GDK_CONTROL_MASK);
  reviews = card_reviews (key);
  g_assert_cmpuint (json_array_get_length (reviews), ==, 0);
  again = current_key (view);
  g_assert_cmpstr (again, ==, key);
  g_assert_true (rh_ui_test_wait_until (card_shows, &hidden, 20000));

  /* Escape ends the session and brings the page back. */
  press (window, GDK_KEY_Escape, 0);
  g_assert_true (gtk_stack_get_visible_child (stack) != GTK_WIDGET (view));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

/* `rehearse --grade KEY GRADE --at AT`, as another process would. */
static void
grade_elsewhere (const char *key,
                 const char *grade,
                 gint64      at)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (at);
  g_autofree char      *iso = g_date_time_format_iso8601 (time);
  const char           *argv[] = { g_getenv ("REHEARSE_BIN"), "--grade", key, grade, "--at", iso, NULL };
  g_autoptr (GError)    error = NULL;
  int                   status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static GtkWidget *
find_due_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "due-count"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_due_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_has_title (GtkWidget  *row,
               const char *title)
{
  if (GTK_IS_LABEL (row) && gtk_widget_has_css_class (row, "due-count"))
    return FALSE;
  if (GTK_IS_LABEL (row) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (row)), title) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (row_has_title (child, title))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_type_is_a (G_OBJECT_TYPE (child), g_type_from_name ("RhSidebarRow")) && row_has_title (child, title))
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  RhWindow   *window;
  const char *title;
  const char *expected; /* NULL for no count shown */
} DueWait;

/* What the row titled @title shows as due, as a sighted user reads it. */
static gboolean
row_shows_due (gpointer data)
{
  DueWait   *wait = data;
  GtkWidget *row = find_row (GTK_WIDGET (wait->window), wait->title);
  GtkWidget *label = row != NULL ? find_due_label (row) : NULL;

  if (label == NULL)
    return FALSE;
  if (wait->expected == NULL)
    return !gtk_widget_get_visible (label);

  return gtk_widget_get_visible (label) && g_str_equal (gtk_label_get_label (GTK_LABEL (label)), wait->expected);
}

static void
test_due_counts (void)
{
  gint64         now = g_get_real_time () / G_USEC_PER_SEC;
  RhApplication *application;
  RhWindow      *window;
  RhStudyView   *view;
  DueWait        stash = { NULL, "Stash", "2" };
  DueWait        basics = { NULL, "Basics", "2" };
  DueWait        git = { NULL, "Git", "2" };
  DueWait        index = { NULL, "The Index (Staging Area)", NULL };

  /* Two of Stash's cards failed an hour ago: due again now. */
  grade_elsewhere ("/git/basics/stash#stash-basics", "again", now - 3600);
  grade_elsewhere ("/git/basics/stash#stash-internals", "again", now - 3590);

  application = rh_ui_test_start_application ();
  window = rh_ui_test_get_window (application);
  view = RH_STUDY_VIEW (rh_ui_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW));
  stash.window = basics.window = git.window = index.window = window;
  g_assert_true (rh_ui_test_wait_for_load (rh_ui_test_get_web_view (window), NULL));

  g_assert_true (rh_ui_test_wait_until (row_shows_due, &stash, 10000));
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &basics, 10000));
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &git, 10000));
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &index, 10000));

  /* Studying Stash shows the due cards first; Good sends the first to
   * its next step, ten minutes away, and every count drops by one. */
  g_assert_true (rh_ui_test_select_row (window, "Stash"));
  press (window, GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_cmpint (rh_study_session_get_current_card (rh_study_view_get_session (view))->state, ==,
                   RH_FSRS_STATE_LEARNING);
  press (window, GDK_KEY_Return, 0);
  press (window, GDK_KEY_3, 0);
  stash.expected = basics.expected = git.expected = "1";
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &stash, 5000));
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &basics, 5000));
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &git, 5000));

  /* Undone, it is due again. */
  press (window, GDK_KEY_z, GDK_CONTROL_MASK);
  stash.expected = "2";
  g_assert_true (rh_ui_test_wait_until (row_shows_due, &stash, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (application);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A fresh home for the study data of this run, which the command
   * line run from here reads too. */
  data_home = rh_test_use_temporary_home ("study-mode");

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/study-mode/grade-and-undo", test_grade_and_undo);
  g_test_add_func ("/study-mode/due-counts", test_due_counts);

  status = g_test_run ();
  rh_test_remove_tree (data_home);
  g_free (data_home);

  return status;
}
