/* rh-bookmark.c
 *
 * One bookmarked question as the state database remembers it: which
 * question it is (an RhQuestionRef) and a copy of its text and
 * titles from when it was bookmarked, so that a question that has
 * since left the library can still be shown and removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bookmark.h"

struct _RhBookmark
{
  GObject parent_instance;

  RhQuestionRef *ref;
  char          *question;
  char          *framework;
  char          *topic;
  char          *subtopic;
  gint64         created_at;
  gboolean       missing;
};

G_DEFINE_FINAL_TYPE (RhBookmark, rh_bookmark, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_REF,
  PROP_QUESTION,
  PROP_FRAMEWORK,
  PROP_TOPIC,
  PROP_SUBTOPIC,
  PROP_CREATED_AT,
  PROP_MISSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_bookmark_finalize (GObject *object)
{
  RhBookmark *self = (RhBookmark *) object;

  g_clear_pointer (&self->ref, rh_question_ref_unref);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->framework, g_free);
  g_clear_pointer (&self->topic, g_free);
  g_clear_pointer (&self->subtopic, g_free);

  G_OBJECT_CLASS (rh_bookmark_parent_class)->finalize (object);
}

static void
rh_bookmark_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RhBookmark *self = RH_BOOKMARK (object);

  switch (prop_id)
    {
    case PROP_REF:
      g_value_set_boxed (value, self->ref);
      break;

    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;

    case PROP_FRAMEWORK:
      g_value_set_string (value, self->framework);
      break;

    case PROP_TOPIC:
      g_value_set_string (value, self->topic);
      break;

    case PROP_SUBTOPIC:
      g_value_set_string (value, self->subtopic);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_MISSING:
      g_value_set_boolean (value, self->missing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_bookmark_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RhBookmark *self = RH_BOOKMARK (object);

  switch (prop_id)
    {
    case PROP_MISSING:
      rh_bookmark_set_missing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_bookmark_class_init (RhBookmarkClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_bookmark_finalize;
  object_class->get_property = rh_bookmark_get_property;
  object_class->set_property = rh_bookmark_set_property;

  properties[PROP_REF] = g_param_spec_boxed ("ref", NULL, NULL, RH_TYPE_QUESTION_REF, flags);
  properties[PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, NULL, flags);
  properties[PROP_FRAMEWORK] = g_param_spec_string ("framework", NULL, NULL, NULL, flags);
  properties[PROP_TOPIC] = g_param_spec_string ("topic", NULL, NULL, NULL, flags);
  properties[PROP_SUBTOPIC] = g_param_spec_string ("subtopic", NULL, NULL, NULL, flags);

  /* Microseconds since the Unix epoch, UTC. */
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  /* Whether the question is absent from the library now loaded; the
   * bookmark is kept either way, since content may come back.
   */
  properties[PROP_MISSING] =
      g_param_spec_boolean ("missing", NULL, NULL, FALSE,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_bookmark_init (RhBookmark *self)
{
}

/**
 * rh_bookmark_new:
 * @ref: the question bookmarked
 * @question: (nullable): the question's text when it was bookmarked
 * @framework: (nullable): the framework's title then
 * @topic: (nullable): the topic's title then
 * @subtopic: (nullable): the page's title then
 * @created_at: microseconds since the Unix epoch, negative before 1970
 *
 * Returns: (transfer full): a bookmark; absent texts read as ""
 */
RhBookmark *
rh_bookmark_new (RhQuestionRef *ref,
                 const char    *question,
                 const char    *framework,
                 const char    *topic,
                 const char    *subtopic,
                 gint64         created_at)
{
  RhBookmark *self;

  g_return_val_if_fail (ref != NULL, NULL);

  self = g_object_new (RH_TYPE_BOOKMARK, NULL);
  self->ref = rh_question_ref_ref (ref);
  self->question = g_strdup (question ? question : "");
  self->framework = g_strdup (framework ? framework : "");
  self->topic = g_strdup (topic ? topic : "");
  self->subtopic = g_strdup (subtopic ? subtopic : "");
  self->created_at = created_at;

  return self;
}

/**
 * rh_bookmark_get_ref:
 *
 * Returns: (transfer none): the question bookmarked
 */
RhQuestionRef *
rh_bookmark_get_ref (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), NULL);

  return self->ref;
}

const char *
rh_bookmark_get_question (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), NULL);

  return self->question;
}

const char *
rh_bookmark_get_framework (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), NULL);

  return self->framework;
}

const char *
rh_bookmark_get_topic (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), NULL);

  return self->topic;
}

const char *
rh_bookmark_get_subtopic (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), NULL);

  return self->subtopic;
}

gint64
rh_bookmark_get_created_at (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), 0);

  return self->created_at;
}

gboolean
rh_bookmark_get_missing (RhBookmark *self)
{
  g_return_val_if_fail (RH_IS_BOOKMARK (self), FALSE);

  return self->missing;
}

void
rh_bookmark_set_missing (RhBookmark *self,
                         gboolean    missing)
{
  g_return_if_fail (RH_IS_BOOKMARK (self));

  missing = !!missing;
  if (self->missing == missing)
    return;

  self->missing = missing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
}
