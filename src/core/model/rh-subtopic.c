/* rh-subtopic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-private.h"
#include "rh-sorted-array.h"
#include "rh-subtopic-private.h"
#include "rh-topic.h"

struct _RhSubtopic
{
  GObject parent_instance;

  char        *title;
  char        *path;
  char        *updated;
  char        *summary;
  char        *source;
  GPtrArray   *questions;
  GHashTable  *questions_by_id;
  RhTopic     *topic; /* unowned: the topic owns its subtopics */
  gint64       order;
  RhDifficulty difficulty;
  guint        has_order : 1;
  guint        available : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhSubtopic, rh_subtopic, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SLUG,
  PROP_PATH,
  PROP_ORDER,
  PROP_AVAILABLE,
  PROP_DIFFICULTY,
  PROP_UPDATED,
  PROP_SUMMARY,
  PROP_SOURCE,
  PROP_N_QUESTIONS,
  PROP_TOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rh_subtopic_get_item_type (GListModel *model)
{
  return RH_TYPE_QUESTION;
}

static guint
rh_subtopic_get_n_items (GListModel *model)
{
  return RH_SUBTOPIC (model)->questions->len;
}

static gpointer
rh_subtopic_get_item (GListModel *model,
                      guint       position)
{
  RhSubtopic *self = RH_SUBTOPIC (model);

  if (position >= self->questions->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->questions, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_subtopic_get_item_type;
  iface->get_n_items = rh_subtopic_get_n_items;
  iface->get_item = rh_subtopic_get_item;
}

static void
detach_questions (RhSubtopic *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    _rh_question_set_subtopic (g_ptr_array_index (self->questions, i), NULL);
}

static void
rh_subtopic_dispose (GObject *object)
{
  RhSubtopic *self = (RhSubtopic *) object;

  if (self->questions != NULL)
    detach_questions (self);

  G_OBJECT_CLASS (rh_subtopic_parent_class)->dispose (object);
}

static void
rh_subtopic_finalize (GObject *object)
{
  RhSubtopic *self = (RhSubtopic *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->updated, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->questions_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (rh_subtopic_parent_class)->finalize (object);
}

static void
rh_subtopic_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RhSubtopic *self = RH_SUBTOPIC (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SLUG:
      g_value_set_string (value, rh_subtopic_get_slug (self));
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_ORDER:
      g_value_set_int64 (value, self->order);
      break;

    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_DIFFICULTY:
      g_value_set_enum (value, self->difficulty);
      break;

    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->questions->len);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_subtopic_class_init (RhSubtopicClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rh_subtopic_dispose;
  object_class->finalize = rh_subtopic_finalize;
  object_class->get_property = rh_subtopic_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_ORDER] = g_param_spec_int64 ("order", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, FALSE, flags);
  properties[PROP_DIFFICULTY] = g_param_spec_enum ("difficulty", NULL, NULL,
                                                   RH_TYPE_DIFFICULTY, RH_DIFFICULTY_MEDIUM, flags);
  properties[PROP_UPDATED] = g_param_spec_string ("updated", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_N_QUESTIONS] = g_param_spec_uint ("n-questions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TOPIC] = g_param_spec_object ("topic", NULL, NULL, G_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_subtopic_init (RhSubtopic *self)
{
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->questions_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->difficulty = RH_DIFFICULTY_MEDIUM;
}

RhSubtopic *
_rh_subtopic_new (const char *path,
                  const char *title,
                  gint64      order,
                  gboolean    has_order)
{
  RhSubtopic *self = g_object_new (RH_TYPE_SUBTOPIC, NULL);

  self->path = g_strdup (path);
  self->title = g_strdup (title);
  self->order = order;
  self->has_order = !!has_order;

  return self;
}

static gboolean
set_string (char **field,
            char **value)
{
  if (g_strcmp0 (*field, *value) == 0)
    {
      g_clear_pointer (value, g_free);
      return FALSE;
    }

  g_free (*field);
  *field = g_steal_pointer (value);

  return TRUE;
}

/* Steals the page's strings and questions: the page data is spent once
 * it joins the model. Notifies only what changed, after the new state
 * is in place, so that handlers see a consistent page.
 */
void
_rh_subtopic_set_page (RhSubtopic *self,
                       RhPageData *page)
{
  g_autoptr (GPtrArray) old_questions = NULL;
  guint                 old_n;
  gboolean              changed[N_PROPS] = {
                 FALSE,
  };

  g_return_if_fail (RH_IS_SUBTOPIC (self));
  g_return_if_fail (page != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  changed[PROP_TITLE] = set_string (&self->title, &page->title);
  changed[PROP_UPDATED] = set_string (&self->updated, &page->updated);
  changed[PROP_SUMMARY] = set_string (&self->summary, &page->summary);
  changed[PROP_SOURCE] = set_string (&self->source, &page->source);

  if (self->order != page->order || self->has_order != !!page->has_order)
    {
      self->order = page->order;
      self->has_order = !!page->has_order;
      changed[PROP_ORDER] = TRUE;
    }

  if (self->difficulty != page->difficulty)
    {
      self->difficulty = page->difficulty;
      changed[PROP_DIFFICULTY] = TRUE;
    }

  if (!self->available)
    {
      self->available = TRUE;
      changed[PROP_AVAILABLE] = TRUE;
    }

  detach_questions (self);
  old_n = self->questions->len;
  old_questions = g_steal_pointer (&self->questions);
  self->questions = g_steal_pointer (&page->questions);
  page->questions = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (self->questions_by_id);
  for (guint i = 0; i < self->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (self->questions, i);

      _rh_question_set_subtopic (question, self);
      g_hash_table_insert (self->questions_by_id, (gpointer) rh_question_get_id (question), question);
    }

  changed[PROP_N_QUESTIONS] = old_n != self->questions->len;

  if (old_n > 0 || self->questions->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->questions->len);

  for (guint i = 1; i < N_PROPS; i++)
    {
      if (changed[i])
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The page's file went away: it stays in its topic as known, as a
 * sibling would be, with no questions. */
void
_rh_subtopic_clear_page (RhSubtopic *self)
{
  guint old_n;

  g_return_if_fail (RH_IS_SUBTOPIC (self));

  if (!self->available)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  detach_questions (self);
  old_n = self->questions->len;
  g_ptr_array_set_size (self->questions, 0);
  g_hash_table_remove_all (self->questions_by_id);
  self->available = FALSE;
  g_clear_pointer (&self->source, g_free);

  if (old_n > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* A sibling entry only describes a page that is not loaded; a loaded
 * page knows its own title and order best.
 */
void
_rh_subtopic_set_sibling_info (RhSubtopic          *self,
                               const RhSiblingData *sibling)
{
  g_return_if_fail (RH_IS_SUBTOPIC (self));

  if (self->available)
    return;

  if (g_strcmp0 (self->title, sibling->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (sibling->title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  if (self->order != sibling->order || self->has_order != !!sibling->has_order)
    {
      self->order = sibling->order;
      self->has_order = !!sibling->has_order;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
    }
}

void
_rh_subtopic_set_topic (RhSubtopic *self,
                        RhTopic    *topic)
{
  g_return_if_fail (RH_IS_SUBTOPIC (self));

  if (self->topic == topic)
    return;

  self->topic = topic;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}

/* The site's order first; pages without one after those that have one;
 * then the title, so that the sidebar reads predictably.
 */
int
_rh_subtopic_compare (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const RhSubtopic *sa = a;
  const RhSubtopic *sb = b;

  if (sa->has_order != sb->has_order)
    return sa->has_order ? -1 : 1;

  if (sa->has_order && sa->order != sb->order)
    return sa->order < sb->order ? -1 : 1;

  return rh_compare_titles (sa->title, sa->path, sb->title, sb->path);
}

const char *
rh_subtopic_get_title (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return self->title;
}

const char *
rh_subtopic_get_slug (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return rh_path_get_slug (self->path);
}

const char *
rh_subtopic_get_path (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return self->path;
}

gint64
rh_subtopic_get_order (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), 0);

  return self->order;
}

gboolean
rh_subtopic_get_has_order (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), FALSE);

  return self->has_order;
}

gboolean
rh_subtopic_get_available (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), FALSE);

  return self->available;
}

RhDifficulty
rh_subtopic_get_difficulty (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), RH_DIFFICULTY_MEDIUM);

  return self->difficulty;
}

const char *
rh_subtopic_get_updated (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return self->updated;
}

const char *
rh_subtopic_get_summary (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return self->summary;
}

/**
 * rh_subtopic_get_source:
 *
 * Returns: (nullable): the file the page was loaded from
 */
const char *
rh_subtopic_get_source (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return self->source;
}

guint
rh_subtopic_get_n_questions (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), 0);

  return self->questions->len;
}

/**
 * rh_subtopic_get_topic:
 *
 * Returns: (transfer none) (nullable): the topic holding the subtopic
 */
RhTopic *
rh_subtopic_get_topic (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  return self->topic;
}

/**
 * rh_subtopic_lookup_question:
 *
 * Returns: (transfer none) (nullable): the question with @id
 */
RhQuestion *
rh_subtopic_lookup_question (RhSubtopic *self,
                             const char *id)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->questions_by_id, id);
}
