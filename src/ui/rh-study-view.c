/* rh-study-view.c
 *
 * Studying in the window: one card at a time, its question rendered as
 * its page renders it, in a web view that runs no script and loads only
 * the card from the app's own scheme. The answer stays hidden until
 * Space, Enter or Show Answer; then Again, Hard, Good and Easy (or 1 to
 * 4) each say the interval they would give. Ctrl+Z takes the last grade
 * back. The keys are caught before the web view sees them, so they work
 * wherever the focus is in the view. At the end, a summary of the
 * session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "rh-page-view-private.h"
#include "rh-study-stats.h"
#include "rh-study-view.h"

#define CARD_URI_PREFIX "rehearse://study/card"

struct _RhStudyView
{
  GtkWidget parent_instance;

  /* From the template */
  GtkStack       *stack;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkBox         *card_box;
  GtkStack       *answer_stack;
  GtkButton      *show_answer_button;
  GtkBox         *grade_box;
  AdwStatusPage  *summary_page;
  GtkListBox     *summary_list;
  GtkButton      *continue_button;
  GtkButton      *close_button;

  WebKitWebView  *web_view;
  GtkButton      *grade_buttons[RH_FSRS_N_GRADES];
  GtkLabel       *interval_labels[RH_FSRS_N_GRADES];
  RhPageRenderer *renderer;
  RhStudySession *session;
  RhReviewLog    *log;
  gint64          shown_at; /* monotonic, µs */
  guint           serial;
  guint           revealed : 1;
  guint           dark : 1;
};

G_DEFINE_FINAL_TYPE (RhStudyView, rh_study_view, GTK_TYPE_WIDGET)

enum
{
  CLOSE,
  GRADED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Anki's words, which differ from the difficulty's in some languages. */
static const char *const grade_titles[RH_FSRS_N_GRADES] = {
  NC_ ("grade", "Again"),
  NC_ ("grade", "Hard"),
  NC_ ("grade", "Good"),
  NC_ ("grade", "Easy"),
};

static const char *
grade_title (guint grade)
{
  return g_dpgettext2 (NULL, "grade", grade_titles[grade]);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
rh_study_view_update_actions (RhStudyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean   showing = self->session != NULL && rh_study_session_get_current (self->session) != NULL;

  gtk_widget_action_set_enabled (widget, "study.reveal", showing && !self->revealed);
  gtk_widget_action_set_enabled (widget, "study.grade", showing && self->revealed);
  gtk_widget_action_set_enabled (widget, "study.undo", self->session != NULL && rh_study_session_can_undo (self->session));
  gtk_widget_action_set_enabled (widget, "study.continue",
                                 !showing && self->session != NULL && rh_study_session_get_next_learning_due (self->session) > 0);
}

static void rh_study_view_ensure_web_view (RhStudyView *self);

static void
rh_study_view_load_card (RhStudyView *self)
{
  g_autofree char *uri = g_strdup_printf (CARD_URI_PREFIX "?n=%u", ++self->serial);

  rh_study_view_ensure_web_view (self);
  webkit_web_view_load_uri (self->web_view, uri);
}

static void
rh_study_view_update_progress (RhStudyView *self)
{
  guint left = rh_study_session_get_n_left (self->session);
  guint finished = rh_study_session_get_n_finished (self->session);
  /* Translators: cards still to study in this session */
  g_autofree char *text = g_strdup_printf (ngettext ("%u left", "%u left", left), left);

  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, left + finished > 0 ? (double) finished / (left + finished) : 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static GtkWidget *
summary_row (const char *title,
             const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static char *
format_duration (gint64 ms)
{
  gint64 seconds = (ms + 500) / 1000;

  if (seconds >= 60 && seconds < 3600 && seconds % 60 != 0)
    /* Translators: time spent, in minutes and seconds */
    return g_strdup_printf (_ ("%d min %d s"), (int) (seconds / 60), (int) (seconds % 60));

  return rh_fsrs_format_interval (seconds);
}

static char *
format_next_due (RhStudyView *self,
                 gint64       now)
{
  g_autoptr (GError) error = NULL;
  gint64             due = rh_study_session_get_next_learning_due (self->session);
  g_autofree char   *interval = NULL;

  /* Any card, due now or overdue included: there may be more to study
   * elsewhere. */
  if (due == 0 && !rh_study_stats_get_next_due (self->log, 0, &due, &error))
    g_warning ("%s", error->message);

  if (due == 0)
    return g_strdup (_ ("None scheduled"));
  if (due <= now)
    return g_strdup (_ ("Now"));

  interval = rh_fsrs_format_interval (due - now);

  /* Translators: when the next card is due, e.g. "in 10 min" */
  return g_strdup_printf (_ ("in %s"), interval);
}

static void
rh_study_view_show_summary (RhStudyView *self)
{
  guint            studied = rh_study_session_get_n_studied (self->session);
  guint            again = rh_study_session_get_n_again (self->session);
  g_autofree char *n_studied = g_strdup_printf ("%u", studied);
  g_autofree char *n_again = g_strdup_printf ("%u", again);
  g_autofree char *duration = format_duration (rh_study_session_get_duration_ms (self->session));
  g_autofree char *next = format_next_due (self, now_seconds ());
  GtkWidget       *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);

  if (rh_study_session_get_n_reviews (self->session) == 0)
    {
      adw_status_page_set_title (self->summary_page, _ ("Nothing to Study"));
      adw_status_page_set_description (self->summary_page,
                                       _ ("No card here is due now, and today’s new cards have been seen."));
    }
  else
    {
      adw_status_page_set_title (self->summary_page, _ ("Session Complete"));
      adw_status_page_set_description (self->summary_page, NULL);
      gtk_list_box_append (self->summary_list, summary_row (_ ("Cards studied"), n_studied));
      gtk_list_box_append (self->summary_list, summary_row (_ ("Answered Again"), n_again));
      gtk_list_box_append (self->summary_list, summary_row (_ ("Time spent"), duration));
    }
  gtk_list_box_append (self->summary_list, summary_row (_ ("Next cards due"), next));

  gtk_widget_set_visible (GTK_WIDGET (self->continue_button),
                          rh_study_session_get_next_learning_due (self->session) > 0);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  /* Not on Done: a Space meant for the last card would close it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_list));
}

static void
rh_study_view_show_current (RhStudyView *self)
{
  self->revealed = FALSE;

  if (rh_study_session_get_current (self->session) == NULL)
    {
      rh_study_view_update_actions (self);
      rh_study_view_show_summary (self);
      return;
    }

  rh_study_view_update_progress (self);
  rh_study_view_load_card (self);
  gtk_stack_set_visible_child_name (self->answer_stack, "question");
  gtk_stack_set_visible_child_name (self->stack, "card");
  rh_study_view_update_actions (self);
  self->shown_at = g_get_monotonic_time ();
  gtk_widget_grab_focus (GTK_WIDGET (self->show_answer_button));
}

static void
rh_study_view_update_intervals (RhStudyView *self)
{
  RhFsrsCard next[RH_FSRS_N_GRADES];
  gint64     now = now_seconds ();

  if (!rh_study_session_preview (self->session, now, next))
    return;

  for (guint i = 0; i < RH_FSRS_N_GRADES; i++)
    {
      g_autofree char *interval = rh_fsrs_format_interval (next[i].due - now);
      /* Translators: a grade button's accessible name, e.g. "Good, 2 d" */
      g_autofree char *label = g_strdup_printf (_ ("%s, %s"), grade_title (i), interval);

      gtk_label_set_label (self->interval_labels[i], interval);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
rh_study_view_reveal (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);

  if (self->session == NULL || rh_study_session_get_current (self->session) == NULL || self->revealed)
    return;

  self->revealed = TRUE;
  rh_study_view_update_intervals (self);
  rh_study_view_load_card (self);
  gtk_stack_set_visible_child_name (self->answer_stack, "grades");
  rh_study_view_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->grade_buttons[RH_FSRS_GRADE_GOOD]));
}

static void
rh_study_view_grade (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RhStudyView         *self = RH_STUDY_VIEW (widget);
  int                  grade = g_variant_get_int32 (parameter);
  gint64               duration_ms = (g_get_monotonic_time () - self->shown_at) / 1000;
  g_autoptr (RhReview) review = NULL;
  g_autoptr (GError)   error = NULL;

  if (self->session == NULL || !self->revealed || grade < RH_FSRS_GRADE_AGAIN || grade > RH_FSRS_GRADE_EASY)
    return;

  review = rh_study_session_grade (self->session, (RhFsrsGrade) grade, now_seconds (), duration_ms, &error);
  if (review == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("The grade could not be saved: %s"), error->message);

      g_signal_emit (self, signals[FAILED], 0, message);
      return;
    }

  g_signal_emit (self, signals[GRADED], 0);
  rh_study_view_show_current (self);
}

static void
rh_study_view_undo (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhStudyView         *self = RH_STUDY_VIEW (widget);
  g_autoptr (RhReview) review = NULL;
  g_autoptr (GError)   error = NULL;

  if (self->session == NULL)
    return;

  review = rh_study_session_undo (self->session, &error);
  if (review == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("The grade could not be taken back: %s"), error->message);

      g_signal_emit (self, signals[FAILED], 0, message);
      return;
    }

  g_signal_emit (self, signals[GRADED], 0);
  rh_study_view_show_current (self);
}

static void
rh_study_view_continue (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);
  gint64       due;

  if (self->session == NULL || (due = rh_study_session_get_next_learning_due (self->session)) == 0)
    return;

  rh_study_session_advance (self->session, MAX (due, now_seconds ()));
  rh_study_view_show_current (self);
}

static void
rh_study_view_close (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

/* Only the card itself loads; a web link in an answer goes to the
 * browser when clicked, and nothing else goes anywhere. */
static gboolean
rh_study_view_on_decide_policy (WebKitWebView           *web_view,
                                WebKitPolicyDecision    *decision,
                                WebKitPolicyDecisionType type,
                                RhStudyView             *self)
{
  WebKitNavigationAction *action;
  const char             *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitURIRequest *request = webkit_response_policy_decision_get_request (WEBKIT_RESPONSE_POLICY_DECISION (decision));

      if (g_str_has_prefix (webkit_uri_request_get_uri (request), "rehearse:"))
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && g_str_has_prefix (uri, CARD_URI_PREFIX))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED &&
      (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
    }

  return TRUE;
}

static const GdkRGBA light_background = { 0.98, 0.98, 0.98, 1.0 };
static const GdkRGBA dark_background = { 0.14, 0.14, 0.14, 1.0 };

/* The card's web view is made for the first card: most starts never
 * study, and a web view costs one. */
static void
rh_study_view_ensure_web_view (RhStudyView *self)
{
  WebKitSettings *settings;

  if (self->web_view != NULL)
    return;

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", _rh_page_view_get_network_session (), NULL);
  settings = webkit_web_view_get_settings (self->web_view);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);
  webkit_web_view_set_background_color (self->web_view, self->dark ? &dark_background : &light_background);

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (rh_study_view_on_decide_policy), self, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Card"), -1);
  gtk_box_append (self->card_box, GTK_WIDGET (self->web_view));
}

static void
rh_study_view_setup_grades (RhStudyView *self)
{
  static const char *const classes[RH_FSRS_N_GRADES] = { "again", "hard", "good", "easy" };

  for (guint i = 0; i < RH_FSRS_N_GRADES; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *title = gtk_label_new (grade_title (i));
      GtkWidget *interval = gtk_label_new (NULL);
      /* Translators: a grade button's tooltip: the grade and its key */
      g_autofree char *tooltip = g_strdup_printf (_ ("%s (%u)"), grade_title (i), i + 1);

      gtk_widget_add_css_class (title, "heading");
      gtk_widget_add_css_class (interval, "caption");
      gtk_widget_add_css_class (interval, "numeric");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), interval);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "grade-button");
      gtk_widget_add_css_class (button, classes[i]);
      gtk_widget_set_size_request (button, 72, -1);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "study.grade");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) i);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, grade_title (i), -1);
      gtk_box_append (self->grade_box, button);

      self->grade_buttons[i] = GTK_BUTTON (button);
      self->interval_labels[i] = GTK_LABEL (interval);
    }
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action,
              GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers), gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* In the capture phase: the web view would take Space and Enter for
 * itself. A disabled action lets the key through, so Space still
 * presses a focused button once the answer shows. */
static void
rh_study_view_setup_shortcuts (RhStudyView *self)
{
  GtkEventController    *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  static const guint     digits[RH_FSRS_N_GRADES] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };
  static const guint     keypad[RH_FSRS_N_GRADES] = { GDK_KEY_KP_1, GDK_KEY_KP_2, GDK_KEY_KP_3, GDK_KEY_KP_4 };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_LOCAL);
  add_shortcut (shortcuts, GDK_KEY_space, 0, "study.reveal", NULL);
  add_shortcut (shortcuts, GDK_KEY_Return, 0, "study.reveal", NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, 0, "study.reveal", NULL);
  for (guint i = 0; i < RH_FSRS_N_GRADES; i++)
    {
      add_shortcut (shortcuts, digits[i], 0, "study.grade", g_variant_new_int32 ((gint32) i));
      add_shortcut (shortcuts, keypad[i], 0, "study.grade", g_variant_new_int32 ((gint32) i));
    }
  add_shortcut (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "study.undo", NULL);
  add_shortcut (shortcuts, GDK_KEY_Escape, 0, "study.close", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
rh_study_view_dispose (GObject *object)
{
  RhStudyView *self = (RhStudyView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_STUDY_VIEW);
  self->web_view = NULL;
  g_clear_object (&self->session);
  g_clear_object (&self->log);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (rh_study_view_parent_class)->dispose (object);
}

static void
rh_study_view_class_init (RhStudyViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_study_view_dispose;

  /**
   * RhStudyView::close:
   *
   * The user ended the session.
   */
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  /**
   * RhStudyView::graded:
   *
   * A grade was recorded or taken back.
   */
  signals[GRADED] = g_signal_new ("graded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /**
   * RhStudyView::failed:
   * @message: what went wrong, in a sentence
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-study-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, stack);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, card_box);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, answer_stack);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, show_answer_button);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, grade_box);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, summary_list);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, continue_button);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, close_button);

  gtk_widget_class_install_action (widget_class, "study.reveal", NULL, rh_study_view_reveal);
  gtk_widget_class_install_action (widget_class, "study.grade", "i", rh_study_view_grade);
  gtk_widget_class_install_action (widget_class, "study.undo", NULL, rh_study_view_undo);
  gtk_widget_class_install_action (widget_class, "study.continue", NULL, rh_study_view_continue);
  gtk_widget_class_install_action (widget_class, "study.close", NULL, rh_study_view_close);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rhstudyview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rh_study_view_init (RhStudyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rh_study_view_setup_grades (self);
  rh_study_view_setup_shortcuts (self);
  rh_study_view_update_actions (self);
}

GtkWidget *
rh_study_view_new (void)
{
  return g_object_new (RH_TYPE_STUDY_VIEW, NULL);
}

void
rh_study_view_set_renderer (RhStudyView    *self,
                            RhPageRenderer *renderer)
{
  g_return_if_fail (RH_IS_STUDY_VIEW (self));
  g_return_if_fail (renderer == NULL || RH_IS_PAGE_RENDERER (renderer));

  g_set_object (&self->renderer, renderer);
}

void
rh_study_view_set_dark (RhStudyView *self,
                        gboolean     dark)
{
  g_return_if_fail (RH_IS_STUDY_VIEW (self));

  if (self->dark == !!dark)
    return;

  self->dark = !!dark;
  if (self->web_view != NULL)
    webkit_web_view_set_background_color (self->web_view, dark ? &dark_background : &light_background);
  if (self->session != NULL && rh_study_session_get_current (self->session) != NULL)
    rh_study_view_load_card (self);
}

/**
 * rh_study_view_start:
 * @session: a session just begun
 * @log: the log it grades into, for when the next cards are due
 *
 * Shows the session's first card, or its summary if it has none.
 */
void
rh_study_view_start (RhStudyView    *self,
                     RhStudySession *session,
                     RhReviewLog    *log)
{
  g_return_if_fail (RH_IS_STUDY_VIEW (self));
  g_return_if_fail (RH_IS_STUDY_SESSION (session));
  g_return_if_fail (RH_IS_REVIEW_LOG (log));

  g_set_object (&self->session, session);
  g_set_object (&self->log, log);
  rh_study_view_show_current (self);
}

/**
 * rh_study_view_stop:
 *
 * Ends the session; what it graded stays graded.
 */
void
rh_study_view_stop (RhStudyView *self)
{
  g_return_if_fail (RH_IS_STUDY_VIEW (self));

  g_clear_object (&self->session);
  self->revealed = FALSE;
  rh_study_view_update_actions (self);
  if (self->web_view != NULL)
    webkit_web_view_load_uri (self->web_view, "about:blank");
}

/**
 * rh_study_view_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
RhStudySession *
rh_study_view_get_session (RhStudyView *self)
{
  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);

  return self->session;
}

gboolean
rh_study_view_get_revealed (RhStudyView *self)
{
  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), FALSE);

  return self->revealed;
}

char *
_rh_study_view_render_card (RhStudyView *self)
{
  RhQuestion *question;

  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);

  if (self->renderer == NULL || self->session == NULL ||
      (question = rh_study_session_get_current (self->session)) == NULL)
    return NULL;

  return rh_page_renderer_render_card (self->renderer, question, self->revealed,
                                       self->dark ? RH_PAGE_RENDER_DARK : RH_PAGE_RENDER_DEFAULT);
}

const char *
_rh_study_view_get_stylesheet (RhStudyView *self)
{
  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);

  return self->renderer != NULL ? rh_page_renderer_get_stylesheet (self->renderer) : NULL;
}
