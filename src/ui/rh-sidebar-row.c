/* rh-sidebar-row.c
 *
 * One row of the library sidebar, for any level of the tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"
#include "rh-due-counts.h"
#include "rh-framework.h"
#include "rh-sidebar-row.h"

struct _RhSidebarRow
{
  GtkWidget parent_instance;

  GtkTreeExpander *expander;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkLabel        *count_label;
  GtkLabel        *difficulty_mark;
  GtkImage        *icon;
  GObject         *watched; /* a folder, whose count changes */
  GtkLabel        *due_label;
  RhDueCounts     *due_counts;
  char            *due_key; /* the row's path, or its topic's or framework's */
};

G_DEFINE_FINAL_TYPE (RhSidebarRow, rh_sidebar_row, GTK_TYPE_WIDGET)

static void
rh_sidebar_row_dispose (GObject *object)
{
  rh_sidebar_row_set_row (RH_SIDEBAR_ROW (object), NULL);
  rh_sidebar_row_set_due_counts (RH_SIDEBAR_ROW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RH_TYPE_SIDEBAR_ROW);

  G_OBJECT_CLASS (rh_sidebar_row_parent_class)->dispose (object);
}

static void
rh_sidebar_row_class_init (RhSidebarRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_sidebar_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/rh-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RhSidebarRow, expander);
  gtk_widget_class_bind_template_child (widget_class, RhSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhSidebarRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RhSidebarRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, RhSidebarRow, difficulty_mark);
  gtk_widget_class_bind_template_child (widget_class, RhSidebarRow, icon);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rhsidebarrow");
}

static void
rh_sidebar_row_init (RhSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Cards due, beside the count of questions. */
  self->due_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "due-count");
  gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "caption");
  gtk_widget_set_valign (GTK_WIDGET (self->due_label), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), FALSE);
  gtk_widget_insert_before (GTK_WIDGET (self->due_label), gtk_widget_get_parent (GTK_WIDGET (self->count_label)),
                            GTK_WIDGET (self->count_label));
}

/* Setting a tooltip asks the display where the pointer is, a round trip
 * to an X server; GTK 4.8 binds every row again whenever rows above it
 * come or go, and most of them keep the tooltip they had. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
show_due (RhSidebarRow *self)
{
  guint            n = self->due_counts != NULL && self->due_key != NULL ? rh_due_counts_lookup (self->due_counts, self->due_key) : 0;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->due_label), n > 0);
  if (n == 0)
    return;

  count = g_strdup_printf ("%u", n);
  description = g_strdup_printf (ngettext ("%u card due", "%u cards due", n), n);
  gtk_label_set_label (self->due_label, count);
  set_tooltip (GTK_WIDGET (self->due_label), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_label), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

/**
 * rh_sidebar_row_set_due_counts:
 * @counts: (nullable): where the row reads its cards due
 */
void
rh_sidebar_row_set_due_counts (RhSidebarRow *self,
                               RhDueCounts  *counts)
{
  g_return_if_fail (RH_IS_SIDEBAR_ROW (self));

  if (self->due_counts == counts)
    return;

  if (self->due_counts != NULL)
    g_signal_handlers_disconnect_by_func (self->due_counts, show_due, self);
  g_set_object (&self->due_counts, counts);
  if (counts != NULL)
    g_signal_connect_swapped (counts, "changed", G_CALLBACK (show_due), self);
  show_due (self);
}

GtkWidget *
rh_sidebar_row_new (void)
{
  return g_object_new (RH_TYPE_SIDEBAR_ROW, NULL);
}

/* Questions hold inline Markdown; the sidebar shows them as plain text. */
static char *
plain_question_text (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '`' || (*p == '*' && (p[1] == '*' || p == text || p[-1] == '*')))
        continue;
      g_string_append_c (plain, *p == '\n' ? ' ' : *p);
    }

  return g_string_free (plain, FALSE);
}

static void show_folder_count (RhSidebarRow *self);

static void
reset (RhSidebarRow *self)
{
  if (self->watched != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->watched, show_folder_count, self);
      g_clear_object (&self->watched);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
  gtk_label_set_wrap (self->title_label, FALSE);
  gtk_label_set_max_width_chars (self->title_label, -1);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->difficulty_mark), FALSE);
  g_clear_pointer (&self->due_key, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "unavailable");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (self->difficulty_mark), "easy");
  gtk_widget_remove_css_class (GTK_WIDGET (self->difficulty_mark), "medium");
  gtk_widget_remove_css_class (GTK_WIDGET (self->difficulty_mark), "hard");
  set_tooltip (GTK_WIDGET (self), NULL);
}

static const char *
difficulty_letter (RhDifficulty difficulty)
{
  switch (difficulty)
    {
    case RH_DIFFICULTY_EASY:
      /* Translators: the one-letter mark of an easy question in the sidebar */
      return C_ ("difficulty", "E");
    case RH_DIFFICULTY_MEDIUM:
      /* Translators: the one-letter mark of a medium question in the sidebar */
      return C_ ("difficulty", "M");
    case RH_DIFFICULTY_HARD:
    default:
      /* Translators: the one-letter mark of a hard question in the sidebar */
      return C_ ("difficulty", "H");
    }
}

static void
show_question (RhSidebarRow *self,
               RhQuestion   *question)
{
  RhDifficulty     difficulty = rh_question_get_difficulty (question);
  g_autofree char *text = plain_question_text (rh_question_get_question (question));

  gtk_label_set_label (self->title_label, text);
  set_tooltip (GTK_WIDGET (self), text);
  /* A letter as well as a colour: colour alone tells nothing to many. */
  gtk_label_set_label (self->difficulty_mark, difficulty_letter (difficulty));
  gtk_widget_add_css_class (GTK_WIDGET (self->difficulty_mark), rh_difficulty_to_string (difficulty));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->difficulty_mark),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rh_difficulty_to_label (difficulty),
                                  -1);
  set_tooltip (GTK_WIDGET (self->difficulty_mark), rh_difficulty_to_label (difficulty));
  gtk_widget_set_visible (GTK_WIDGET (self->difficulty_mark), TRUE);
}

static void
show_subtopic (RhSidebarRow *self,
               RhSubtopic   *subtopic)
{
  gtk_label_set_label (self->title_label, rh_subtopic_get_title (subtopic));

  if (rh_subtopic_get_available (subtopic))
    {
      g_autofree char *count = g_strdup_printf ("%u", rh_subtopic_get_n_questions (subtopic));
      guint            n = rh_subtopic_get_n_questions (subtopic);
      g_autofree char *description = g_strdup_printf (ngettext ("%u question", "%u questions", n), n);

      gtk_label_set_label (self->count_label, count);
      set_tooltip (GTK_WIDGET (self->count_label), description);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "unavailable");
      set_tooltip (GTK_WIDGET (self), _ ("Not in your library: open a file with this page to read it"));
    }
}

static void
show_folder_count (RhSidebarRow *self)
{
  GListModel      *bookmarks = rh_bookmarks_folder_get_bookmarks (RH_BOOKMARKS_FOLDER (self->watched));
  guint            n = g_list_model_get_n_items (bookmarks);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *description = g_strdup_printf (ngettext ("%u bookmark", "%u bookmarks", n), n);

  gtk_label_set_label (self->count_label, count);
  set_tooltip (GTK_WIDGET (self->count_label), description);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
}

static void
show_folder (RhSidebarRow      *self,
             RhBookmarksFolder *folder)
{
  gtk_label_set_label (self->title_label, _ ("Bookmarks"));
  gtk_image_set_from_icon_name (self->icon, "starred-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "heading");

  self->watched = g_object_ref (G_OBJECT (folder));
  g_signal_connect_swapped (folder, "notify::n-bookmarks", G_CALLBACK (show_folder_count), self);
  show_folder_count (self);
}

static void
show_bookmark (RhSidebarRow *self,
               RhBookmark   *bookmark)
{
  g_autofree char *text = plain_question_text (rh_bookmark_get_question (bookmark));
  g_autofree char *tooltip = NULL;

  gtk_label_set_label (self->title_label, text);

  /* Which page it is on, as the library says it: "Python › Multiprocessing". */
  if (rh_bookmark_get_subtopic (bookmark) != NULL)
    {
      g_autofree char *page = rh_bookmark_get_framework (bookmark) != NULL
                                  ? g_strdup_printf ("%s › %s", rh_bookmark_get_framework (bookmark),
                                                     rh_bookmark_get_subtopic (bookmark))
                                  : g_strdup (rh_bookmark_get_subtopic (bookmark));

      gtk_label_set_label (self->subtitle_label, page);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }

  if (rh_bookmark_get_missing (bookmark))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "unavailable");
      /* Translators: a bookmarked question that is no longer in the library */
      tooltip = g_strdup_printf (_ ("%s\nNo longer in your library: the bookmark is kept in case it comes back"), text);
    }
  else
    tooltip = g_strdup_printf ("%s\n%s › %s › %s", text,
                               rh_bookmark_get_framework (bookmark) ? rh_bookmark_get_framework (bookmark) : "",
                               rh_bookmark_get_topic (bookmark) ? rh_bookmark_get_topic (bookmark) : "",
                               rh_bookmark_get_subtopic (bookmark) ? rh_bookmark_get_subtopic (bookmark) : "");

  set_tooltip (GTK_WIDGET (self), tooltip);
}

void
rh_sidebar_row_set_row (RhSidebarRow   *self,
                        GtkTreeListRow *row)
{
  g_autoptr (GObject) item = NULL;

  g_return_if_fail (RH_IS_SIDEBAR_ROW (self));

  gtk_tree_expander_set_list_row (self->expander, row);
  reset (self);

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);

  if (RH_IS_FRAMEWORK (item))
    {
      gtk_label_set_label (self->title_label, rh_framework_get_title (RH_FRAMEWORK (item)));
      gtk_widget_add_css_class (GTK_WIDGET (self), "heading");
      self->due_key = g_strconcat ("/", rh_framework_get_slug (RH_FRAMEWORK (item)), NULL);
    }
  else if (RH_IS_TOPIC (item))
    {
      gtk_label_set_label (self->title_label, rh_topic_get_title (RH_TOPIC (item)));
      self->due_key = g_strconcat ("/", rh_framework_get_slug (rh_topic_get_framework (RH_TOPIC (item))), "/",
                                   rh_topic_get_slug (RH_TOPIC (item)), NULL);
    }
  else if (RH_IS_SUBTOPIC (item))
    {
      show_subtopic (self, RH_SUBTOPIC (item));
      self->due_key = g_strdup (rh_subtopic_get_path (RH_SUBTOPIC (item)));
    }
  else if (RH_IS_QUESTION (item))
    show_question (self, RH_QUESTION (item));
  else if (RH_IS_BOOKMARKS_FOLDER (item))
    show_folder (self, RH_BOOKMARKS_FOLDER (item));
  else if (RH_IS_BOOKMARK (item))
    show_bookmark (self, RH_BOOKMARK (item));
  else if (GTK_IS_STRING_OBJECT (item))
    {
      /* The empty Bookmarks' hint, in full. */
      gtk_label_set_label (self->title_label, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (self->title_label, TRUE);
      gtk_label_set_max_width_chars (self->title_label, 30);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
    }

  show_due (self);
}
