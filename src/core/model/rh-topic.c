/* rh-topic.c
 *
 * The second level of the tree: a topic such as Concurrency & Parallelism,
 * and the list of its subtopics in the site's order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-subtopic-private.h"
#include "rh-topic-private.h"
#include "rh-utils.h"

struct _RhTopic
{
  RhSortedList parent_instance;

  char        *title;
  char        *slug;
  RhFramework *framework; /* unowned */
};

G_DEFINE_FINAL_TYPE (RhTopic, rh_topic, RH_TYPE_SORTED_LIST)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SLUG,
  PROP_FRAMEWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_topic_adopt (RhSortedList *list,
                gpointer      item)
{
  _rh_subtopic_set_topic (item, RH_TOPIC (list));
}

static void
rh_topic_release (RhSortedList *list,
                  gpointer      item)
{
  _rh_subtopic_set_topic (item, NULL);
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
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  RhSortedListClass *list_class = RH_SORTED_LIST_CLASS (klass);
  const GParamFlags  flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_topic_finalize;
  object_class->get_property = rh_topic_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, flags);
  properties[PROP_FRAMEWORK] = g_param_spec_object ("framework", NULL, NULL, G_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  list_class->item_type = RH_TYPE_SUBTOPIC;
  list_class->compare = _rh_subtopic_compare;
  list_class->adopt = rh_topic_adopt;
  list_class->release = rh_topic_release;
}

static void
rh_topic_init (RhTopic *self)
{
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

int
_rh_topic_compare (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const RhTopic *ta = a;
  const RhTopic *tb = b;

  return rh_sorted_list_compare_titles (ta->title, ta->slug, tb->title, tb->slug);
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

static gboolean
subtopic_has_path (gpointer      item,
                   gconstpointer path)
{
  return g_strcmp0 (rh_subtopic_get_path (item), path) == 0;
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

  return rh_sorted_list_find (RH_SORTED_LIST (self), subtopic_has_path, path);
}
