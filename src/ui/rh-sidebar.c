/* rh-sidebar.c
 *
 * The library as a tree: framework › topic › subtopic › question, in a
 * GtkListView over a GtkTreeListModel of the content model itself, so
 * that the sidebar follows the model as files load.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"
#include "rh-framework.h"
#include "rh-sidebar-row.h"
#include "rh-sidebar.h"

struct _RhSidebar
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkListView       *list_view;

  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  RhDueCounts        *due_counts;
  guint               syncing : 1;
};

G_DEFINE_FINAL_TYPE (RhSidebar, rh_sidebar, GTK_TYPE_WIDGET)

enum
{
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  if (RH_IS_FRAMEWORK (item) || RH_IS_TOPIC (item))
    return g_object_ref (G_LIST_MODEL (item));

  if (RH_IS_BOOKMARKS_FOLDER (item))
    return g_object_ref (rh_bookmarks_folder_get_bookmarks (item));

  if (RH_IS_SUBTOPIC (item) && rh_subtopic_get_available (item) && rh_subtopic_get_n_questions (item) > 0)
    return g_object_ref (G_LIST_MODEL (item));

  return NULL;
}

static void
open_item (RhSidebar *self,
           GObject   *item)
{
  if (RH_IS_SUBTOPIC (item) && rh_subtopic_get_available (RH_SUBTOPIC (item)))
    g_signal_emit (self, signals[OPEN], 0, rh_subtopic_get_path (RH_SUBTOPIC (item)), NULL);
  else if (RH_IS_QUESTION (item) && rh_question_get_subtopic (RH_QUESTION (item)) != NULL)
    g_signal_emit (self, signals[OPEN], 0,
                   rh_subtopic_get_path (rh_question_get_subtopic (RH_QUESTION (item))),
                   rh_question_get_id (RH_QUESTION (item)));
  else if (RH_IS_BOOKMARK (item) && !rh_bookmark_get_missing (RH_BOOKMARK (item)))
    g_signal_emit (self, signals[OPEN], 0,
                   rh_question_ref_get_path (rh_bookmark_get_ref (RH_BOOKMARK (item))),
                   rh_question_ref_get_question_id (rh_bookmark_get_ref (RH_BOOKMARK (item))));
}

static void
on_selection_changed (RhSidebar          *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  GtkTreeListRow     *row;
  g_autoptr (GObject) item = NULL;

  if (self->syncing)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  open_item (self, item);
}

/* Enter on a framework or topic folds it open or closed; on a page or a
 * question it opens it, as a click does.
 */
static void
on_list_view_activate (RhSidebar   *self,
                       guint        position,
                       GtkListView *list_view)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr (GObject)        item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (RH_IS_FRAMEWORK (item) || RH_IS_TOPIC (item) || RH_IS_BOOKMARKS_FOLDER (item))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    open_item (self, item);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, rh_sidebar_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkTreeListRow     *row = gtk_list_item_get_item (list_item);
  g_autoptr (GObject) item = gtk_tree_list_row_get_item (row);
  gboolean            openable = TRUE;

  /* Pages known only as a sibling, and bookmarks of questions no
   * longer in the library, are shown, but cannot be opened. */
  if (RH_IS_SUBTOPIC (item))
    openable = rh_subtopic_get_available (RH_SUBTOPIC (item));
  else if (RH_IS_BOOKMARK (item))
    openable = !rh_bookmark_get_missing (RH_BOOKMARK (item));

  gtk_list_item_set_selectable (list_item, openable);
  gtk_list_item_set_activatable (list_item, openable);
  rh_sidebar_row_set_due_counts (RH_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), RH_SIDEBAR (user_data)->due_counts);
  rh_sidebar_row_set_row (RH_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  rh_sidebar_row_set_row (RH_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
rh_sidebar_dispose (GObject *object)
{
  RhSidebar *self = (RhSidebar *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->due_counts);

  G_OBJECT_CLASS (rh_sidebar_parent_class)->dispose (object);
}

static gboolean
rh_sidebar_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (RH_SIDEBAR (widget)->list_view));
}

static void
rh_sidebar_class_init (RhSidebarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_sidebar_dispose;
  widget_class->grab_focus = rh_sidebar_grab_focus;

  /**
   * RhSidebar::open:
   * @path: the page to show
   * @question_id: (nullable): the question to show in it
   */
  signals[OPEN] =
      g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RhSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rhsidebar");
}

static void
rh_sidebar_init (RhSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

GtkWidget *
rh_sidebar_new (void)
{
  return g_object_new (RH_TYPE_SIDEBAR, NULL);
}

/**
 * rh_sidebar_set_models:
 * @bookmarks: (nullable): the bookmarks to list above the library
 */
void
rh_sidebar_set_models (RhSidebar  *self,
                       RhLibrary  *library,
                       GListModel *bookmarks)
{
  g_autoptr (GListStore) sections = g_list_store_new (G_TYPE_LIST_MODEL);
  GtkFlattenListModel   *roots;

  g_return_if_fail (RH_IS_SIDEBAR (self));
  g_return_if_fail (RH_IS_LIBRARY (library));
  g_return_if_fail (!bookmarks || G_IS_LIST_MODEL (bookmarks));

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);

  if (bookmarks != NULL)
    {
      g_autoptr (GListStore)        folder_section = g_list_store_new (RH_TYPE_BOOKMARKS_FOLDER);
      g_autoptr (RhBookmarksFolder) folder = rh_bookmarks_folder_new (bookmarks);

      g_list_store_append (folder_section, folder);
      g_list_store_append (sections, folder_section);
    }
  g_list_store_append (sections, library);
  roots = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&sections)));

  /* Frameworks start open: a library has few, and their topics are
   * what people scan for. */
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (roots), FALSE, FALSE, create_child_model, NULL, NULL);
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i > 0; i--)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i - 1);
      g_autoptr (GObject)        item = gtk_tree_list_row_get_item (row);

      if (RH_IS_FRAMEWORK (item))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static gboolean
item_matches (GObject    *item,
              const char *path,
              const char *question_id,
              gboolean   *out_exact)
{
  g_autofree char *framework_slug = NULL;
  g_autofree char *topic_slug = NULL;

  *out_exact = FALSE;

  if (!rh_path_split (path, &framework_slug, &topic_slug, NULL))
    return FALSE;

  if (RH_IS_FRAMEWORK (item))
    return g_str_equal (rh_framework_get_slug (RH_FRAMEWORK (item)), framework_slug);

  if (RH_IS_TOPIC (item))
    {
      RhFramework *framework = rh_topic_get_framework (RH_TOPIC (item));

      return framework != NULL &&
             g_str_equal (rh_framework_get_slug (framework), framework_slug) &&
             g_str_equal (rh_topic_get_slug (RH_TOPIC (item)), topic_slug);
    }

  if (RH_IS_SUBTOPIC (item))
    {
      gboolean same = g_str_equal (rh_subtopic_get_path (RH_SUBTOPIC (item)), path);

      *out_exact = same && question_id == NULL;
      return same;
    }

  if (RH_IS_QUESTION (item))
    {
      RhSubtopic *subtopic = rh_question_get_subtopic (RH_QUESTION (item));

      *out_exact = subtopic != NULL && question_id != NULL &&
                   g_str_equal (rh_subtopic_get_path (subtopic), path) &&
                   g_str_equal (rh_question_get_id (RH_QUESTION (item)), question_id);
      return *out_exact;
    }

  return FALSE;
}

/**
 * rh_sidebar_select:
 * @question_id: (nullable)
 *
 * Selects the row for a page, or a question in it, opening the rows
 * above it, without asking for the page to be opened again.
 *
 * Returns: %TRUE if the row was found
 */
gboolean
rh_sidebar_select (RhSidebar  *self,
                   const char *path,
                   const char *question_id)
{
  GListModel *rows;

  g_return_val_if_fail (RH_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->tree == NULL)
    return FALSE;

  rows = G_LIST_MODEL (self->tree);

  /* Children appear right after their parent once it is expanded, so
   * one pass down the flattened list finds the row. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (GObject)        item = gtk_tree_list_row_get_item (row);
      gboolean                   exact;

      if (!item_matches (item, path, question_id, &exact))
        continue;

      if (exact)
        {
          self->syncing = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->syncing = FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }

      /* Rows opened above the selected one move it, and the selection
       * says so: that is not the user choosing it again. */
      self->syncing = TRUE;
      gtk_tree_list_row_set_expanded (row, TRUE);
      self->syncing = FALSE;
    }

  return FALSE;
}

/**
 * rh_sidebar_get_selected_item:
 *
 * Returns: (transfer full) (nullable): the selected framework, topic,
 *   subtopic or question
 */
GObject *
rh_sidebar_get_selected_item (RhSidebar *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (RH_IS_SIDEBAR (self), NULL);

  if (self->selection == NULL ||
      (row = gtk_single_selection_get_selected_item (self->selection)) == NULL)
    return NULL;

  return gtk_tree_list_row_get_item (row);
}

/**
 * rh_sidebar_set_due_counts:
 * @counts: (nullable): the cards due, for the rows to show; rows bound
 *   from now on show them
 */
void
rh_sidebar_set_due_counts (RhSidebar   *self,
                           RhDueCounts *counts)
{
  g_return_if_fail (RH_IS_SIDEBAR (self));

  g_set_object (&self->due_counts, counts);
}
