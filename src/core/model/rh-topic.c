/* rh-topic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-sorted-array.h"
#include "rh-subtopic-private.h"
#include "rh-topic-private.h"
#include "rh-utils.h"

struct _RhTopic
{
  GObject parent_instance;

  char         *title;
  char         *slug;
  RhFramework  *framework; /* unowned */
  RhSortedArray subtopics;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhTopic, rh_topic, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SLUG,
  PROP_FRAMEWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rh_topic_get_item_type (GListModel *model)
{
  return RH_TYPE_SUBTOPIC;
}

static guint
rh_topic_get_n_items (GListModel *model)
{
  return rh_sorted_array_get_length (&RH_TOPIC (model)->subtopics);
}

static gpointer
rh_topic_get_item (GListModel *model,
                   guint       position)
{
  gpointer item = rh_sorted_array_get (&RH_TOPIC (model)->subtopics, position);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_topic_get_item_type;
  iface->get_n_items = rh_topic_get_n_items;
  iface->get_item = rh_topic_get_item;
}

static void
rh_topic_dispose (GObject *object)
{
  RhTopic *self = (RhTopic *) object;

  if (self->subtopics.items != NULL)
    {
      for (guint i = 0; i < self->subtopics.items->len; i++)
        _rh_subtopic_set_topic (g_ptr_array_index (self->subtopics.items, i), NULL);
    }

  rh_sorted_array_clear (&self->subtopics);

  G_OBJECT_CLASS (rh_topic_parent_class)->dispose (object);
}

static void
rh_topic_finalize (GObject *object)
{
  RhTopic *self = (RhTopic *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->slug, g_free);

  G_OBJECT_CLASS (rh_topic_parent_class)->finalize (object);
}

static void
rh_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhTopic *self = RH_TOPIC (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_FRAMEWORK:
      g_value_set_object (value, self->framework);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_class_init (RhTopicClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rh_topic_dispose;
  object_class->finalize = rh_topic_finalize;
  object_class->get_property = rh_topic_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, flags);
  properties[PROP_FRAMEWORK] = g_param_spec_object ("framework", NULL, NULL, G_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_topic_init (RhTopic *self)
{
  rh_sorted_array_init (&self->subtopics, _rh_subtopic_compare);
}

RhTopic *
_rh_topic_new (const char *slug,
               const char *title)
{
  RhTopic *self = g_object_new (RH_TYPE_TOPIC, NULL);

  self->slug = g_strdup (slug);
  self->title = g_strdup (title);

  return self;
}

void
_rh_topic_set_title (RhTopic    *self,
                     const char *title)
{
  if (rh_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
_rh_topic_set_framework (RhTopic     *self,
                         RhFramework *framework)
{
  if (self->framework == framework)
    return;

  self->framework = framework;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMEWORK]);
}

void
_rh_topic_add_subtopic (RhTopic    *self,
                        RhSubtopic *subtopic)
{
  guint position = rh_sorted_array_insert (&self->subtopics, subtopic);

  _rh_subtopic_set_topic (subtopic, self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

gboolean
_rh_topic_remove_subtopic (RhTopic    *self,
                           RhSubtopic *subtopic)
{
  g_autoptr (RhSubtopic) hold = g_object_ref (subtopic);
  guint                  position;

  if (!rh_sorted_array_remove (&self->subtopics, subtopic, &position))
    return FALSE;

  _rh_subtopic_set_topic (subtopic, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

int
_rh_topic_compare (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const RhTopic *ta = a;
  const RhTopic *tb = b;

  return rh_compare_titles (ta->title, ta->slug, tb->title, tb->slug);
}

const char *
rh_topic_get_title (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);

  return self->title;
}

const char *
rh_topic_get_slug (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);

  return self->slug;
}

/**
 * rh_topic_get_framework:
 *
 * Returns: (transfer none) (nullable): the framework holding the topic
 */
RhFramework *
rh_topic_get_framework (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);

  return self->framework;
}

/**
 * rh_topic_lookup:
 *
 * Returns: (transfer none) (nullable): the subtopic at @path
 */
RhSubtopic *
rh_topic_lookup (RhTopic    *self,
                 const char *path)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < self->subtopics.items->len; i++)
    {
      RhSubtopic *subtopic = g_ptr_array_index (self->subtopics.items, i);

      if (g_strcmp0 (rh_subtopic_get_path (subtopic), path) == 0)
        return subtopic;
    }

  return NULL;
}
