/* rh-bookmarks-folder.c
 *
 * The Bookmarks entry at the top of the sidebar: one item in the tree,
 * and the list model of what it holds, as frameworks and topics are:
 * the bookmarks, newest first, or while there are none, a line that
 * says how to make one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"

struct _RhBookmarksFolder
{
  GObject parent_instance;

  GListModel      *bookmarks;
  GtkStringObject *hint;
};

static void rh_bookmarks_folder_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhBookmarksFolder, rh_bookmarks_folder, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rh_bookmarks_folder_list_model_init))

enum
{
  PROP_0,
  PROP_N_BOOKMARKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rh_bookmarks_folder_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
rh_bookmarks_folder_get_n_items (GListModel *model)
{
  RhBookmarksFolder *self = RH_BOOKMARKS_FOLDER (model);

  return MAX (g_list_model_get_n_items (self->bookmarks), 1);
}

static gpointer
rh_bookmarks_folder_get_item (GListModel *model,
                              guint       position)
{
  RhBookmarksFolder *self = RH_BOOKMARKS_FOLDER (model);

  if (g_list_model_get_n_items (self->bookmarks) == 0)
    return position == 0 ? g_object_ref (self->hint) : NULL;

  return g_list_model_get_item (self->bookmarks, position);
}

static void
rh_bookmarks_folder_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_bookmarks_folder_get_item_type;
  iface->get_n_items = rh_bookmarks_folder_get_n_items;
  iface->get_item = rh_bookmarks_folder_get_item;
}

/* One change for each of the bookmarks': the hint goes as the first
 * bookmark comes, and comes back as the last goes. */
static void
on_items_changed (RhBookmarksFolder *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *bookmarks)
{
  guint n_now = g_list_model_get_n_items (bookmarks);
  guint n_before = n_now - added + removed;

  if (n_before == 0 && n_now > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, n_now);
  else if (n_before > 0 && n_now == 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, 1);
  else if (n_now > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BOOKMARKS]);
}

static void
rh_bookmarks_folder_dispose (GObject *object)
{
  RhBookmarksFolder *self = (RhBookmarksFolder *) object;

  g_clear_object (&self->bookmarks);
  g_clear_object (&self->hint);

  G_OBJECT_CLASS (rh_bookmarks_folder_parent_class)->dispose (object);
}

static void
rh_bookmarks_folder_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RhBookmarksFolder *self = RH_BOOKMARKS_FOLDER (object);

  switch (prop_id)
    {
    case PROP_N_BOOKMARKS:
      g_value_set_uint (value, g_list_model_get_n_items (self->bookmarks));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_bookmarks_folder_class_init (RhBookmarksFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_bookmarks_folder_dispose;
  object_class->get_property = rh_bookmarks_folder_get_property;

  properties[PROP_N_BOOKMARKS] =
      g_param_spec_uint ("n-bookmarks", NULL, NULL, 0, G_MAXUINT, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_bookmarks_folder_init (RhBookmarksFolder *self)
{
  self->hint = gtk_string_object_new (_ ("No bookmarks yet. Click the ☆ beside a question, or press Ctrl+D, "
                                         "to keep it here."));
}

RhBookmarksFolder *
rh_bookmarks_folder_new (GListModel *bookmarks)
{
  RhBookmarksFolder *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (bookmarks), NULL);

  self = g_object_new (RH_TYPE_BOOKMARKS_FOLDER, NULL);
  self->bookmarks = g_object_ref (bookmarks);
  g_signal_connect_object (bookmarks, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * rh_bookmarks_folder_get_bookmarks:
 *
 * The folder as a list model holds these, or while there are none a
 * #GtkStringObject that says how to add one.
 *
 * Returns: (transfer none): the bookmarks, newest first
 */
GListModel *
rh_bookmarks_folder_get_bookmarks (RhBookmarksFolder *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARKS_FOLDER (self), NULL);

  return self->bookmarks;
}
