/* rh-sidebar.c
 *
 * The library as a tree: framework › topic › subtopic › question, in a
 * GtkListView over a GtkTreeListModel of the content model itself, so
 * that the sidebar follows the model as files load. The keys of every
 * GNOME tree work on it (Right and Left open and close rows or move to
 * a row's child or parent; +, - and *), which GTK 4.8's GtkTreeExpander
 * does not give, and the keyboard focus stays on the selected row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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
  GtkWidget          *context_menu;
  int                 natural_width;
  guint               focus_tick_id;
  guint               syncing : 1;
};

G_DEFINE_FINAL_TYPE (RhSidebar, rh_sidebar, GTK_TYPE_WIDGET)

enum
{
  OPEN,
  REMOVE_BOOKMARK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define LIST_ITEM_KEY "rh-sidebar-list-item"

/* The position of a row of the list view, one of its children. */
static guint
row_widget_get_position (GtkWidget *row_widget)
{
  GtkWidget   *child = gtk_widget_get_first_child (row_widget);
  GtkListItem *list_item = child ? g_object_get_data (G_OBJECT (child), LIST_ITEM_KEY) : NULL;

  return list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
}

static GtkWidget *
find_row_widget (RhSidebar *self,
                 guint      position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (row_widget_get_position (child) == position)
        return child;
    }

  return NULL;
}

/* The row with the keyboard focus, if the focus is in the list. */
static guint
get_focus_position (RhSidebar *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    {
      if (gtk_widget_get_parent (focus) == GTK_WIDGET (self->list_view))
        return row_widget_get_position (focus);
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
has_focus (RhSidebar *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->list_view) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)));
}

/* GTK 4.8's list view moves its cursor only where the focus goes: the
 * row's widget takes it, once the list has made one. */
static gboolean
focus_row (RhSidebar *self,
           guint      position)
{
  GtkWidget *row_widget = find_row_widget (self, position);

  if (row_widget == NULL)
    return FALSE;

  return gtk_widget_grab_focus (row_widget);
}

static gboolean
focus_selected_row (RhSidebar *self)
{
  guint selected = self->selection ? gtk_single_selection_get_selected (self->selection) : GTK_INVALID_LIST_POSITION;

  return selected != GTK_INVALID_LIST_POSITION && focus_row (self, selected);
}

/* A row just scrolled to has its widget once the list has been laid
 * out again, by the next frame. */
static gboolean
focus_selected_tick (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  RhSidebar *self = RH_SIDEBAR (data);

  self->focus_tick_id = 0;
  if (has_focus (self))
    focus_selected_row (self);

  return G_SOURCE_REMOVE;
}

static void
follow_selection_with_focus (RhSidebar *self)
{
  if (!has_focus (self) || focus_selected_row (self))
    return;

  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), focus_selected_tick, self, NULL);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  if (RH_IS_FRAMEWORK (item) || RH_IS_TOPIC (item))
    return g_object_ref (G_LIST_MODEL (item));

  if (RH_IS_BOOKMARKS_FOLDER (item))
    return g_object_ref (G_LIST_MODEL (item));

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
  GtkWidget *row = rh_sidebar_row_new ();

  /* The list item owns the row: no reference either way. */
  g_object_set_data (G_OBJECT (row), LIST_ITEM_KEY, list_item);
  gtk_list_item_set_child (list_item, row);
}

/* Moves the cursor as the arrow keys do: the row is selected, and so
 * opened, and takes the focus. */
static void
move_to (RhSidebar *self,
         guint      position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.select-item", "(ubb)", position, FALSE, FALSE);
  if (!focus_row (self, position))
    follow_selection_with_focus (self);
}

static void
expand_all (GtkTreeListRow *row)
{
  gtk_tree_list_row_set_expanded (row, TRUE);

  for (guint i = 0;; i++)
    {
      g_autoptr (GtkTreeListRow) child = gtk_tree_list_row_get_child_row (row, i);

      if (child == NULL)
        break;
      if (gtk_tree_list_row_is_expandable (child))
        expand_all (child);
    }
}

/* A bookmark's menu: right click, the Menu key or Shift+F10 on it. */
static gboolean
show_context_menu (RhSidebar *self,
                   guint      position,
                   double     x,
                   double     y)
{
  g_autoptr (GtkTreeListRow) row = self->tree ? g_list_model_get_item (G_LIST_MODEL (self->tree), position) : NULL;
  g_autoptr (GObject)        item = row ? gtk_tree_list_row_get_item (row) : NULL;
  g_autoptr (GMenu)          menu = NULL;
  g_autoptr (GMenuItem)      remove = NULL;
  RhQuestionRef             *ref;
  GtkWidget                 *row_widget;
  graphene_rect_t            bounds;
  GdkRectangle               rect;

  if (!RH_IS_BOOKMARK (item))
    return FALSE;

  ref = rh_bookmark_get_ref (RH_BOOKMARK (item));
  menu = g_menu_new ();
  remove = g_menu_item_new (_ ("_Remove Bookmark"), NULL);
  g_menu_item_set_action_and_target (remove, "sidebar.remove-bookmark", "(ss)", rh_question_ref_get_path (ref),
                                     rh_question_ref_get_question_id (ref));
  g_menu_append_item (menu, remove);

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));

  /* From the keyboard, below the row's start. */
  if (x < 0 && (row_widget = find_row_widget (self, position)) != NULL &&
      gtk_widget_compute_bounds (row_widget, GTK_WIDGET (self), &bounds))
    {
      x = bounds.origin.x + 24;
      y = bounds.origin.y + bounds.size.height;
    }
  rect = (GdkRectangle){ (int) MAX (x, 0), (int) MAX (y, 0), 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));

  return TRUE;
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    RhSidebar       *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  double     sidebar_x, sidebar_y;

  for (; picked != NULL && gtk_widget_get_parent (picked) != GTK_WIDGET (self->list_view);
       picked = gtk_widget_get_parent (picked))
    ;

  if (picked == NULL ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (self->list_view), GTK_WIDGET (self), x, y, &sidebar_x, &sidebar_y))
    return;

  if (show_context_menu (self, row_widget_get_position (picked), sidebar_x, sidebar_y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
remove_bookmark_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *path, *question_id;

  g_variant_get (parameter, "(&s&s)", &path, &question_id);
  g_signal_emit (widget, signals[REMOVE_BOOKMARK], 0, path, question_id);
}

/* Right on a closed row opens it, on an open one goes to its first
 * child; Left closes an open row, or goes to its parent. */
static gboolean
on_key_pressed (RhSidebar             *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  g_autoptr (GtkTreeListRow) row = NULL;
  g_autoptr (GtkTreeListRow) other = NULL;
  guint                      position;

  /* Alt+Left and the like are the window's; Shift is part of + and *. */
  if ((state & gtk_accelerator_get_default_mod_mask () & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  position = get_focus_position (self);
  if (position == GTK_INVALID_LIST_POSITION || self->tree == NULL ||
      (row = g_list_model_get_item (G_LIST_MODEL (self->tree), position)) == NULL)
    return FALSE;

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0))
    return show_context_menu (self, position, -1, -1);

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    {
      if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
        keyval = GDK_KEY_Right;
      else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
        keyval = GDK_KEY_Left;
    }

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (!gtk_tree_list_row_is_expandable (row))
        return TRUE;
      if (!gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if ((other = gtk_tree_list_row_get_child_row (row, 0)) != NULL)
        move_to (self, gtk_tree_list_row_get_position (other));
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_BackSpace:
      if (keyval != GDK_KEY_BackSpace && gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, FALSE);
      else if ((other = gtk_tree_list_row_get_parent (row)) != NULL)
        move_to (self, gtk_tree_list_row_get_position (other));
      return TRUE;

    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      gtk_tree_list_row_set_expanded (row, TRUE);
      return TRUE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      gtk_tree_list_row_set_expanded (row, FALSE);
      return TRUE;

    case GDK_KEY_asterisk:
    case GDK_KEY_KP_Multiply:
      expand_all (row);
      return TRUE;

    default:
      return FALSE;
    }
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
  else if (GTK_IS_STRING_OBJECT (item))
    openable = FALSE; /* the empty Bookmarks' hint */

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

  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick_id);
  self->focus_tick_id = 0;
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->due_counts);

  G_OBJECT_CLASS (rh_sidebar_parent_class)->dispose (object);
}

/* The keyboard comes back to the selected row, wherever the list's own
 * cursor was left. */
static gboolean
rh_sidebar_grab_focus (GtkWidget *widget)
{
  RhSidebar *self = RH_SIDEBAR (widget);

  return focus_selected_row (self) || gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Tab into the sidebar, too. */
static gboolean
rh_sidebar_focus (GtkWidget       *widget,
                  GtkDirectionType direction)
{
  RhSidebar *self = RH_SIDEBAR (widget);

  if (gtk_widget_get_focus_child (widget) == NULL && focus_selected_row (self))
    return TRUE;

  return GTK_WIDGET_CLASS (rh_sidebar_parent_class)->focus (widget, direction);
}

/* As wide as the user made it when there is room; narrower, down to
 * what the rows need, when the window is. */
static void
rh_sidebar_measure (GtkWidget     *widget,
                    GtkOrientation orientation,
                    int            for_size,
                    int           *minimum,
                    int           *natural,
                    int           *minimum_baseline,
                    int           *natural_baseline)
{
  RhSidebar *self = RH_SIDEBAR (widget);

  gtk_widget_measure (GTK_WIDGET (self->scroller), orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, self->natural_width);
}

static void
rh_sidebar_allocate (GtkWidget *widget,
                     int        width,
                     int        height,
                     int        baseline)
{
  RhSidebar *self = RH_SIDEBAR (widget);

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
rh_sidebar_class_init (RhSidebarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_sidebar_dispose;
  widget_class->grab_focus = rh_sidebar_grab_focus;
  widget_class->focus = rh_sidebar_focus;

  /**
   * RhSidebar::open:
   * @path: the page to show
   * @question_id: (nullable): the question to show in it
   */
  signals[OPEN] =
      g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * RhSidebar::remove-bookmark:
   * @path: the bookmarked question's page
   * @question_id: the question
   *
   * The user asked, from a bookmark's menu, to remove it.
   */
  signals[REMOVE_BOOKMARK] =
      g_signal_new ("remove-bookmark", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "sidebar.remove-bookmark", "(ss)", remove_bookmark_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RhSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
  gtk_widget_class_set_css_name (widget_class, "rhsidebar");
}

static void
rh_sidebar_init (RhSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkGesture         *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, rh_sidebar_measure, rh_sidebar_allocate));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* Before the list view's own bindings, which take Left and Right for
   * moving across, a no-op in a list. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
rh_sidebar_new (void)
{
  return g_object_new (RH_TYPE_SIDEBAR, NULL);
}

/**
 * rh_sidebar_set_natural_width:
 * @width: the width the user gave the sidebar, or -1
 *
 * How wide the sidebar would be, when the window has room for it. It
 * can be narrower, so that a wide sidebar does not keep the window from
 * being made narrow.
 */
void
rh_sidebar_set_natural_width (RhSidebar *self,
                              int        width)
{
  g_return_if_fail (RH_IS_SIDEBAR (self));

  if (self->natural_width == width)
    return;

  self->natural_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Frameworks start open while a library has few: their topics are
 * what people scan for. A library of many starts closed, as a shelf of
 * books does, with only the page's own framework open. */
#define SIDEBAR_OPEN_FRAMEWORKS_MAX 12

/* Rows are visited last first: expanding one inserts its children
 * after it, and the places before it stay put. */
static void
expand_frameworks (GListModel *tree,
                   guint       position,
                   guint       removed,
                   guint       added,
                   RhLibrary  *library)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (library)) > SIDEBAR_OPEN_FRAMEWORKS_MAX)
    return;

  for (guint i = position + added; i > position; i--)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (tree, i - 1);
      g_autoptr (GObject)        item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

      if (RH_IS_FRAMEWORK (item) && gtk_tree_list_row_get_depth (row) == 0 && !gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
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

  /* So do the frameworks that arrive while the library loads. */
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (roots), FALSE, FALSE, create_child_model, NULL, NULL);
  expand_frameworks (G_LIST_MODEL (self->tree), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tree)), library);
  g_signal_connect_object (self->tree, "items-changed", G_CALLBACK (expand_frameworks), library, 0);

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

  /* A bookmark just opened stays selected, rather than its question in
   * the library below: the keyboard goes on through the bookmarks. */
  {
    g_autoptr (GObject) selected = rh_sidebar_get_selected_item (self);

    if (RH_IS_BOOKMARK (selected) && question_id != NULL)
      {
        RhQuestionRef *ref = rh_bookmark_get_ref (RH_BOOKMARK (selected));

        if (g_str_equal (rh_question_ref_get_path (ref), path) &&
            g_strcmp0 (rh_question_ref_get_question_id (ref), question_id) == 0)
          return TRUE;
      }
  }

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
          /* Back, forward or a link moved the page while the keyboard
           * was in the list: it moves along. */
          follow_selection_with_focus (self);
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
