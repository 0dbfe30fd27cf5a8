/* rh-bookmarks-folder.c
 *
 * The Bookmarks entry at the top of the sidebar: one item in the tree
 * whose children are the bookmarks, newest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bookmark.h"
#include "rh-bookmarks-folder.h"

struct _RhBookmarksFolder
{
  GObject parent_instance;

  GListModel *bookmarks;
};

G_DEFINE_FINAL_TYPE (RhBookmarksFolder, rh_bookmarks_folder, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_BOOKMARKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_items_changed (RhBookmarksFolder *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *bookmarks)
{
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BOOKMARKS]);
}

static void
rh_bookmarks_folder_dispose (GObject *object)
{
  RhBookmarksFolder *self = (RhBookmarksFolder *) object;

  g_clear_object (&self->bookmarks);

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
 * Returns: (transfer none): the bookmarks, newest first
 */
GListModel *
rh_bookmarks_folder_get_bookmarks (RhBookmarksFolder *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARKS_FOLDER (self), NULL);

  return self->bookmarks;
}
