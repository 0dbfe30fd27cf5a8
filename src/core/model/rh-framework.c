/* rh-framework.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-framework-private.h"
#include "rh-sorted-array.h"
#include "rh-topic-private.h"
#include "rh-utils.h"

struct _RhFramework
{
  GObject parent_instance;

  char         *title;
  char         *slug;
  RhSortedArray topics;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhFramework, rh_framework, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SLUG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rh_framework_get_item_type (GListModel *model)
{
  return RH_TYPE_TOPIC;
}

static guint
rh_framework_get_n_items (GListModel *model)
{
  return rh_sorted_array_get_length (&RH_FRAMEWORK (model)->topics);
}

static gpointer
rh_framework_get_item (GListModel *model,
                       guint       position)
{
  gpointer item = rh_sorted_array_get (&RH_FRAMEWORK (model)->topics, position);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_framework_get_item_type;
  iface->get_n_items = rh_framework_get_n_items;
  iface->get_item = rh_framework_get_item;
}

static void
rh_framework_dispose (GObject *object)
{
  RhFramework *self = (RhFramework *) object;

  if (self->topics.items != NULL)
    {
      for (guint i = 0; i < self->topics.items->len; i++)
        _rh_topic_set_framework (g_ptr_array_index (self->topics.items, i), NULL);
    }

  rh_sorted_array_clear (&self->topics);

  G_OBJECT_CLASS (rh_framework_parent_class)->dispose (object);
}

static void
rh_framework_finalize (GObject *object)
{
  RhFramework *self = (RhFramework *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->slug, g_free);

  G_OBJECT_CLASS (rh_framework_parent_class)->finalize (object);
}

static void
rh_framework_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhFramework *self = RH_FRAMEWORK (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_framework_class_init (RhFrameworkClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rh_framework_dispose;
  object_class->finalize = rh_framework_finalize;
  object_class->get_property = rh_framework_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_framework_init (RhFramework *self)
{
  rh_sorted_array_init (&self->topics, _rh_topic_compare);
}

RhFramework *
_rh_framework_new (const char *slug,
                   const char *title)
{
  RhFramework *self = g_object_new (RH_TYPE_FRAMEWORK, NULL);

  self->slug = g_strdup (slug);
  self->title = g_strdup (title);

  return self;
}

void
_rh_framework_set_title (RhFramework *self,
                         const char  *title)
{
  if (rh_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

RhTopic *
_rh_framework_ensure_topic (RhFramework *self,
                            const char  *slug,
                            const char  *title)
{
  RhTopic *topic = rh_framework_lookup (self, slug);
  guint    position;

  if (topic != NULL)
    return topic;

  topic = _rh_topic_new (slug, title);
  _rh_topic_set_framework (topic, self);
  position = rh_sorted_array_insert (&self->topics, topic);
  g_object_unref (topic);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  return topic;
}

gboolean
_rh_framework_remove_topic (RhFramework *self,
                            RhTopic     *topic)
{
  g_autoptr (RhTopic) hold = g_object_ref (topic);
  guint               position;

  if (!rh_sorted_array_remove (&self->topics, topic, &position))
    return FALSE;

  _rh_topic_set_framework (topic, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

int
_rh_framework_compare (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const RhFramework *fa = a;
  const RhFramework *fb = b;

  return rh_compare_titles (fa->title, fa->slug, fb->title, fb->slug);
}

const char *
rh_framework_get_title (RhFramework *self)
{
  g_return_val_if_fail (RH_IS_FRAMEWORK (self), NULL);

  return self->title;
}

const char *
rh_framework_get_slug (RhFramework *self)
{
  g_return_val_if_fail (RH_IS_FRAMEWORK (self), NULL);

  return self->slug;
}

/**
 * rh_framework_lookup:
 *
 * Returns: (transfer none) (nullable): the topic with @topic_slug
 */
RhTopic *
rh_framework_lookup (RhFramework *self,
                     const char  *topic_slug)
{
  g_return_val_if_fail (RH_IS_FRAMEWORK (self), NULL);
  g_return_val_if_fail (topic_slug != NULL, NULL);

  for (guint i = 0; i < self->topics.items->len; i++)
    {
      RhTopic *topic = g_ptr_array_index (self->topics.items, i);

      if (g_strcmp0 (rh_topic_get_slug (topic), topic_slug) == 0)
        return topic;
    }

  return NULL;
}
