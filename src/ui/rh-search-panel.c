/* rh-search-panel.c
 *
 * Search as you type over the whole library, in the sidebar. Queries run
 * on a worker thread; each keystroke cancels the query before it, so a
 * slow query never holds up typing or shows stale results. A search that
 * finds nothing offers, when the index has one, a similar search that
 * finds something ("Did you mean …?"), which one click runs; searches
 * that find something never pay for looking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-framework.h"
#include "rh-search-panel.h"
#include "rh-search-result.h"

struct _RhSearchPanel
{
  GtkWidget parent_instance;

  GtkWidget      *content;
  GtkSearchEntry *entry;
  GtkMenuButton  *filter_button;
  GtkDropDown    *difficulty_dropdown;
  GtkDropDown    *framework_dropdown;
  GtkCheckButton *bookmarked_check;
  GtkStack       *stack;
  GtkListView    *results_view;
  GtkButton      *suggestion_button;
  GtkLabel       *suggestion_label;
  AdwStatusPage  *preparing_page;
  GtkProgressBar *preparing_progress;

  RhLibrary     *library;
  RhState       *state;
  RhSearchIndex *index;
  GCancellable  *cancellable;
  gboolean       querying; /* a query of what is typed has not come back */
  GListModel    *results;
  GPtrArray     *framework_slugs; /* parallel to the framework drop-down */
  char          *searched_text; /* of the last query started */
  char          *suggestion; /* for the results shown, when there are none */
  guint          pulse_id; /* while how long is left is not known */
};

G_DEFINE_FINAL_TYPE (RhSearchPanel, rh_search_panel, GTK_TYPE_WIDGET)

enum
{
  OPEN,
  CLOSE,
  N_SIGNALS
};

enum
{
  PROP_0,
  PROP_RESULTS,
  PROP_SUGGESTION,
  N_PROPS
};

static guint       signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void
set_results (RhSearchPanel *self,
             GListModel    *results)
{
  g_autoptr (GtkSingleSelection) selection = NULL;

  if (g_set_object (&self->results, results))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
  if (self->index != NULL)
    g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (results == NULL)
    {
      gtk_list_view_set_model (self->results_view, NULL);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  selection = gtk_single_selection_new (g_object_ref (results));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (results) > 0 ? "results" : "empty");
}

static void
set_suggestion (RhSearchPanel *self,
                const char    *suggestion)
{
  if (g_strcmp0 (self->suggestion, suggestion) == 0)
    return;

  g_free (self->suggestion);
  self->suggestion = g_strdup (suggestion);

  if (suggestion != NULL)
    {
      g_autofree char *label = g_strdup_printf (_ ("Did you mean “%s”?"), suggestion);
      g_autofree char *tooltip = g_strdup_printf (_ ("Search for “%s”"), suggestion);

      gtk_label_set_label (self->suggestion_label, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggestion_button), tooltip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_button), suggestion != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTION]);
}

/* What the filter button and the check box limit the search to. */
static void
get_filter (RhSearchPanel  *self,
            RhSearchFilter *filter,
            GHashTable    **out_only_refs)
{
  guint difficulty = gtk_drop_down_get_selected (self->difficulty_dropdown);
  guint framework = gtk_drop_down_get_selected (self->framework_dropdown);

  *filter = (RhSearchFilter) RH_SEARCH_FILTER_INIT;
  *out_only_refs = NULL;

  if (difficulty != GTK_INVALID_LIST_POSITION && difficulty > 0)
    filter->difficulty = (int) difficulty - 1;
  if (framework != GTK_INVALID_LIST_POSITION && self->framework_slugs != NULL &&
      framework < self->framework_slugs->len)
    filter->framework_slug = g_ptr_array_index (self->framework_slugs, framework);
  if (gtk_check_button_get_active (self->bookmarked_check) && self->state != NULL)
    filter->only_refs = *out_only_refs = rh_state_dup_bookmark_refs (self->state);
}

static void
on_suggest_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (RhSearchPanel) self = user_data;
  g_autoptr (GError)        error = NULL;
  g_autofree char          *suggestion = NULL;

  suggestion = rh_search_index_suggest_finish (RH_SEARCH_INDEX (object), result, &error);

  /* Typed again: the results and any suggestion are the new query's. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No suggestion is no failure of the search: nothing to show. */
  if (error != NULL)
    g_debug ("No suggestion: %s", error->message);

  set_suggestion (self, suggestion);
}

static void
on_query_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (RhSearchPanel) self = user_data;
  g_autoptr (GListModel)    results = NULL;
  g_autoptr (GError)        error = NULL;

  results = rh_search_index_query_finish (RH_SEARCH_INDEX (object), result, &error);

  /* A newer keystroke already started its own query. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->querying = FALSE;
  if (results == NULL)
    {
      g_warning ("Search failed: %s", error->message);
      return;
    }

  set_results (self, results);

  /* Only a search that found nothing looks for a similar one, with the
   * same filter and cancelled by the same keystroke. */
  if (g_list_model_get_n_items (results) == 0 && self->searched_text != NULL && self->index != NULL)
    {
      g_autoptr (GHashTable) only_refs = NULL;
      RhSearchFilter         filter;

      get_filter (self, &filter, &only_refs);
      rh_search_index_suggest_async (self->index, self->searched_text, &filter, self->cancellable,
                                     on_suggest_done, g_object_ref (self));
    }
}

static void
show_repairing (RhSearchPanel *self)
{
  rh_search_panel_set_preparing (self, _ ("Indexing the library again"), -1);
  gtk_stack_set_visible_child_name (self->stack, "preparing");
}

static void
run_query (RhSearchPanel *self)
{
  g_autoptr (GHashTable) only_refs = NULL;
  RhSearchFilter         filter;
  const char            *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->searched_text);
  self->searched_text = g_strdup (text);
  set_suggestion (self, NULL);

  if (self->index == NULL || text[0] == '\0')
    {
      self->querying = FALSE;
      set_results (self, NULL);
      /* What is typed before the index is ready is searched once it is;
       * meanwhile the panel says what it waits for. */
      if (self->index == NULL && text[0] != '\0')
        gtk_stack_set_visible_child_name (self->stack, "preparing");
      return;
    }

  get_filter (self, &filter, &only_refs);

  self->cancellable = g_cancellable_new ();
  self->querying = TRUE;
  rh_search_index_query_async (self->index, text, &filter, RH_SEARCH_DEFAULT_LIMIT, self->cancellable,
                               on_query_done, g_object_ref (self));
  if (rh_search_index_get_repairing (self->index))
    show_repairing (self);
}

/* An offer for other text than the entry's is gone at the first key,
 * not once the entry's delay starts the next search.
 */
static void
on_text_changed (RhSearchPanel *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), self->searched_text) != 0)
    set_suggestion (self, NULL);
}

static void
on_search_changed (RhSearchPanel *self)
{
  /* A suggestion taken is searched at once, before the entry's delay. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), self->searched_text) == 0)
    return;

  run_query (self);
}

static void
on_suggestion_clicked (RhSearchPanel *self)
{
  g_autofree char *suggestion = g_strdup (self->suggestion);

  if (suggestion == NULL)
    return;

  /* The button goes with the empty page: typing goes on in the entry. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  rh_search_panel_set_text (self, suggestion);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  run_query (self);
}

static void
on_filter_changed (RhSearchPanel *self)
{
  gboolean filtered = gtk_drop_down_get_selected (self->difficulty_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->framework_dropdown) > 0 ||
                      gtk_check_button_get_active (self->bookmarked_check);

  /* The filter button shows that results are narrowed. */
  if (filtered)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  run_query (self);
}

static void
open_result (RhSearchPanel *self,
             guint          position)
{
  g_autoptr (RhSearchResult) result = NULL;
  RhQuestionRef             *ref;

  if (self->results == NULL || (result = g_list_model_get_item (self->results, position)) == NULL)
    return;

  ref = rh_search_result_get_ref (result);
  g_signal_emit (self, signals[OPEN], 0,
                 rh_question_ref_get_path (ref),
                 rh_question_ref_get_question_id (ref),
                 gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_result_activate (RhSearchPanel *self,
                    guint          position)
{
  open_result (self, position);
}

/* Enter in the entry opens the best result. */
static void
on_entry_activate (RhSearchPanel *self)
{
  open_result (self, 0);
}

static void
on_stop_search (RhSearchPanel *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

#define LIST_ITEM_KEY "rh-search-panel-list-item"

/* GTK 4.8's list view has no cursor to set: the first row's widget
 * takes the focus itself, and is selected, as arrow keys do. */
static gboolean
focus_first_result (RhSearchPanel *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget   *box = gtk_widget_get_first_child (child);
      GtkListItem *list_item = box ? g_object_get_data (G_OBJECT (box), LIST_ITEM_KEY) : NULL;

      if (list_item != NULL && gtk_list_item_get_position (list_item) == 0 && gtk_widget_grab_focus (child))
        {
          gtk_widget_activate_action (GTK_WIDGET (self->results_view), "list.select-item", "(ubb)", 0, FALSE, FALSE);
          return TRUE;
        }
    }

  return gtk_widget_grab_focus (GTK_WIDGET (self->results_view));
}

static gboolean
on_entry_key_pressed (RhSearchPanel  *self,
                      guint           keyval,
                      guint           keycode,
                      GdkModifierType state)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && self->results != NULL &&
      g_list_model_get_n_items (self->results) > 0)
    return focus_first_result (self);

  /* With nothing found, to the search that finds something. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && self->suggestion != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->suggestion_button));
      return TRUE;
    }

  /* With nothing below to go to (no results yet, or none found), the
   * keyboard stays where the typing is, rather than moving on to a
   * widget out of sight. */
  return keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down;
}

static GtkWidget *
crumb_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
setup_result_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *breadcrumb = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *difficulty = gtk_label_new (NULL);
  GtkWidget *question = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  /* One label for each part, so that a part gives way at its own end,
   * never in the middle of a word of another: the framework and the
   * topic first, the page last. */
  gtk_widget_set_hexpand (breadcrumb, TRUE);
  gtk_widget_add_css_class (breadcrumb, "caption");
  gtk_widget_add_css_class (breadcrumb, "dim-label");
  gtk_box_append (GTK_BOX (breadcrumb), crumb_label ("crumb"));
  gtk_box_append (GTK_BOX (breadcrumb), gtk_label_new ("›"));
  gtk_box_append (GTK_BOX (breadcrumb), crumb_label ("crumb"));
  gtk_box_append (GTK_BOX (breadcrumb), gtk_label_new ("›"));
  gtk_box_append (GTK_BOX (breadcrumb), crumb_label ("crumb-page"));
  gtk_widget_add_css_class (difficulty, "caption");
  gtk_widget_add_css_class (difficulty, "difficulty-label");
  gtk_box_append (GTK_BOX (top), breadcrumb);
  gtk_box_append (GTK_BOX (top), difficulty);

  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (question), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (question), 3);
  gtk_label_set_ellipsize (GTK_LABEL (question), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (question, "search-question");

  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "caption");
  gtk_widget_add_css_class (snippet, "dim-label");

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), question);
  gtk_box_append (GTK_BOX (box), snippet);
  /* The list item owns the box: no reference either way. */
  g_object_set_data (G_OBJECT (box), LIST_ITEM_KEY, list_item);
  gtk_list_item_set_child (list_item, box);
}

/* The page's name shows whole when it can: it gives way only once the
 * framework and the topic are down to a few letters. */
#define PAGE_CRUMB_MAX_CHARS 24
#define CRUMB_MIN_CHARS 3

static void
set_crumb (GtkWidget  *label,
           const char *text,
           int         min_chars)
{
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), min_chars));
}

static void
bind_result_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  RhSearchResult  *result = gtk_list_item_get_item (list_item);
  GtkWidget       *box = gtk_list_item_get_child (list_item);
  GtkWidget       *top = gtk_widget_get_first_child (box);
  GtkWidget       *breadcrumb = gtk_widget_get_first_child (top);
  GtkWidget       *framework = gtk_widget_get_first_child (breadcrumb);
  GtkWidget       *topic = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (framework));
  GtkWidget       *page = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (topic));
  GtkWidget       *difficulty_label = gtk_widget_get_next_sibling (breadcrumb);
  GtkWidget       *question = gtk_widget_get_next_sibling (top);
  GtkWidget       *snippet = gtk_widget_get_next_sibling (question);
  RhDifficulty     difficulty = rh_search_result_get_difficulty (result);
  g_autofree char *crumbs = NULL;

  crumbs = g_strdup_printf ("%s › %s › %s",
                            rh_search_result_get_framework (result),
                            rh_search_result_get_topic (result),
                            rh_search_result_get_subtopic (result));
  set_crumb (framework, rh_search_result_get_framework (result), CRUMB_MIN_CHARS);
  set_crumb (topic, rh_search_result_get_topic (result), CRUMB_MIN_CHARS);
  set_crumb (page, rh_search_result_get_subtopic (result), PAGE_CRUMB_MAX_CHARS);
  gtk_widget_set_tooltip_text (breadcrumb, crumbs);
  gtk_label_set_label (GTK_LABEL (difficulty_label), rh_difficulty_to_label (difficulty));
  gtk_widget_remove_css_class (difficulty_label, "easy");
  gtk_widget_remove_css_class (difficulty_label, "medium");
  gtk_widget_remove_css_class (difficulty_label, "hard");
  gtk_widget_add_css_class (difficulty_label, rh_difficulty_to_string (difficulty));
  /* Both markups come escaped from the index, matches in bold. */
  gtk_label_set_markup (GTK_LABEL (question), rh_search_result_get_question_markup (result));
  gtk_label_set_markup (GTK_LABEL (snippet), rh_search_result_get_snippet_markup (result));
  gtk_widget_set_visible (snippet, rh_search_result_get_snippet (result)[0] != '\0');
}

static void
rh_search_panel_dispose (GObject *object)
{
  RhSearchPanel *self = (RhSearchPanel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_SEARCH_PANEL);
  g_clear_object (&self->results);
  g_clear_object (&self->library);
  g_clear_object (&self->state);
  g_clear_object (&self->index);
  g_clear_pointer (&self->framework_slugs, g_ptr_array_unref);
  g_clear_pointer (&self->searched_text, g_free);
  g_clear_pointer (&self->suggestion, g_free);

  G_OBJECT_CLASS (rh_search_panel_parent_class)->dispose (object);
}

static void
rh_search_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RhSearchPanel *self = RH_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;

    case PROP_SUGGESTION:
      g_value_set_string (value, self->suggestion);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
rh_search_panel_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (RH_SEARCH_PANEL (widget)->entry));
}

static void
rh_search_panel_class_init (RhSearchPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_search_panel_dispose;
  object_class->get_property = rh_search_panel_get_property;
  widget_class->grab_focus = rh_search_panel_grab_focus;

  properties[PROP_RESULTS] =
      g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RhSearchPanel:suggestion:
   *
   * A similar search that finds something, offered when the search
   * typed found nothing; %NULL otherwise.
   */
  properties[PROP_SUGGESTION] =
      g_param_spec_string ("suggestion", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhSearchPanel::open:
   * @path: the page of the result
   * @question_id: the question
   * @query: what was searched for, to highlight in the page
   */
  signals[OPEN] =
      g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[CLOSE] =
      g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, content);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, entry);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, difficulty_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, framework_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, bookmarked_check);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, results_view);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, suggestion_button);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, preparing_page);
  gtk_widget_class_bind_template_child (widget_class, RhSearchPanel, preparing_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rhsearchpanel");
}

static void
rh_search_panel_init (RhSearchPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_result_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_result_row), NULL);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);

  /* Down from the entry goes to the results, as in GNOME Shell. */
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  }
}

/* The drop-down follows the library's frameworks as they come and go,
 * one change at a time: a library loading behind the window adds them
 * by the hundred, and a new model each time would cost a list of rows
 * each time, and reset the filter the user chose. */
static void
on_frameworks_changed (RhSearchPanel *self,
                       guint          position,
                       guint          removed,
                       guint          added,
                       GListModel    *frameworks)
{
  GtkStringList          *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->framework_dropdown));
  g_autofree const char **titles = g_new0 (const char *, added + 1);
  g_autoptr (GPtrArray)   items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    {
      RhFramework *framework = g_list_model_get_item (frameworks, position + i);

      g_ptr_array_add (items, framework);
      titles[i] = rh_framework_get_title (framework);
    }

  /* Place 0 is "Any". */
  g_ptr_array_remove_range (self->framework_slugs, position + 1, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->framework_slugs, (gint) (position + 1 + i),
                        g_strdup (rh_framework_get_slug (g_ptr_array_index (items, i))));
  gtk_string_list_splice (names, position + 1, removed, titles);
}

static void
set_framework_filter_source (RhSearchPanel *self,
                             RhLibrary     *library)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->framework_slugs, g_ptr_array_unref);
  self->framework_slugs = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (names, _ ("Any"));
  g_ptr_array_add (self->framework_slugs, NULL);
  gtk_drop_down_set_model (self->framework_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->framework_dropdown, 0);

  on_frameworks_changed (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (library)), G_LIST_MODEL (library));
  g_signal_connect_object (library, "items-changed", G_CALLBACK (on_frameworks_changed), self, G_CONNECT_SWAPPED);
}

void
rh_search_panel_set_sources (RhSearchPanel *self,
                             RhLibrary     *library,
                             RhState       *state)
{
  g_return_if_fail (RH_IS_SEARCH_PANEL (self));
  g_return_if_fail (RH_IS_LIBRARY (library));
  g_return_if_fail (!state || RH_IS_STATE (state));

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_func (self->library, on_frameworks_changed, self);
  g_set_object (&self->library, library);
  g_set_object (&self->state, state);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bookmarked_check), state != NULL);
  set_framework_filter_source (self, library);
}

/**
 * rh_search_panel_set_index:
 * @index: (nullable): the index, once it matches the library
 */
/* A query met a damaged index, which is being built again: the search
 * waits for it, and says so rather than seem to hang. */
static void
on_index_repairing (RhSearchPanel *self)
{
  if (self->querying && rh_search_index_get_repairing (self->index))
    show_repairing (self);
}

void
rh_search_panel_set_index (RhSearchPanel *self,
                           RhSearchIndex *index)
{
  g_return_if_fail (RH_IS_SEARCH_PANEL (self));

  if (index != NULL)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->index == index)
    return;

  if (self->index != NULL)
    g_signal_handlers_disconnect_by_func (self->index, on_index_repairing, self);
  g_set_object (&self->index, index);
  if (index != NULL)
    g_signal_connect_object (index, "notify::repairing", G_CALLBACK (on_index_repairing), self,
                             G_CONNECT_SWAPPED);
  run_query (self);
}

static gboolean
pulse_preparing (gpointer user_data)
{
  RhSearchPanel *self = user_data;

  gtk_progress_bar_pulse (self->preparing_progress);

  return G_SOURCE_CONTINUE;
}

/**
 * rh_search_panel_set_preparing:
 * @description: what search waits for
 * @fraction: how much of it is done, from 0 to 1, or below 0 when that
 *   is not known
 *
 * Says what a search typed before the index is ready waits for.
 */
void
rh_search_panel_set_preparing (RhSearchPanel *self,
                               const char    *description,
                               double         fraction)
{
  g_return_if_fail (RH_IS_SEARCH_PANEL (self));
  g_return_if_fail (description != NULL);

  adw_status_page_set_description (self->preparing_page, description);
  if (fraction < 0)
    {
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (150, pulse_preparing, self);
      return;
    }

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->preparing_progress, CLAMP (fraction, 0.0, 1.0));
}

void
rh_search_panel_focus_entry (RhSearchPanel *self)
{
  g_return_if_fail (RH_IS_SEARCH_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

const char *
rh_search_panel_get_text (RhSearchPanel *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_PANEL (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
rh_search_panel_set_text (RhSearchPanel *self,
                          const char    *text)
{
  g_return_if_fail (RH_IS_SEARCH_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/**
 * rh_search_panel_get_results:
 *
 * Returns: (transfer none) (nullable): the results shown
 */
GListModel *
rh_search_panel_get_results (RhSearchPanel *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_PANEL (self), NULL);

  return self->results;
}

/**
 * rh_search_panel_get_suggestion:
 *
 * Returns: (transfer none) (nullable): the similar search offered, when
 *   the search typed found nothing
 */
const char *
rh_search_panel_get_suggestion (RhSearchPanel *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_PANEL (self), NULL);

  return self->suggestion;
}
