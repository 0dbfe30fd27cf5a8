/* rh-framework.c
 *
 * The top level of the tree below the library: a framework such as
 * Python, and the list of its topics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-framework-private.h"
#include "rh-topic-private.h"
#include "rh-utils.h"

struct _RhFramework
{
  RhSortedList parent_instance;

  char *title;
  char *slug;
};

G_DEFINE_FINAL_TYPE (RhFramework, rh_framework, RH_TYPE_SORTED_LIST)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SLUG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_framework_adopt (RhSortedList *list,
                    gpointer      item)
{
  _rh_topic_set_framework (item, RH_FRAMEWORK (list));
}

static void
rh_framework_release (RhSortedList *list,
                      gpointer      item)
{
  _rh_topic_set_framework (item, NULL);
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
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  RhSortedListClass *list_class = RH_SORTED_LIST_CLASS (klass);
  const GParamFlags  flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_framework_finalize;
  object_class->get_property = rh_framework_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  list_class->item_type = RH_TYPE_TOPIC;
  list_class->compare = _rh_topic_compare;
  list_class->adopt = rh_framework_adopt;
  list_class->release = rh_framework_release;
}

static void
rh_framework_init (RhFramework *self)
{
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
  RhTopic            *topic = rh_framework_lookup (self, slug);
  g_autoptr (RhTopic) created = NULL;

  if (topic != NULL)
    return topic;

  created = _rh_topic_new (slug, title);
  rh_sorted_list_insert (RH_SORTED_LIST (self), created);

  /* The framework holds it now. */
  return created;
}

gboolean
_rh_framework_remove_topic (RhFramework *self,
                            RhTopic     *topic)
{
  return rh_sorted_list_remove (RH_SORTED_LIST (self), topic);
}

int
_rh_framework_compare (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const RhFramework *fa = a;
  const RhFramework *fb = b;

  return rh_sorted_list_compare_titles (fa->title, fa->slug, fb->title, fb->slug);
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

static gboolean
topic_has_slug (gpointer      item,
                gconstpointer slug)
{
  return g_strcmp0 (rh_topic_get_slug (item), slug) == 0;
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

  return rh_sorted_list_find (RH_SORTED_LIST (self), topic_has_slug, topic_slug);
}
