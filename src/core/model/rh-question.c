/* rh-question.c
 *
 * One question and its answer: immutable once built, and shared between
 * the model, search and study.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-question-private.h"

struct _RhQuestion
{
  GObject parent_instance;

  char        *id;
  char        *question;
  char        *answer;
  GVariant    *owner; /* when set, the strings are its own, not ours */
  RhSubtopic  *subtopic; /* unowned: the subtopic owns its questions */
  RhDifficulty difficulty;
};

G_DEFINE_FINAL_TYPE (RhQuestion, rh_question, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_DIFFICULTY,
  PROP_QUESTION,
  PROP_ANSWER,
  PROP_SUBTOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_question_finalize (GObject *object)
{
  RhQuestion *self = (RhQuestion *) object;

  if (self->owner == NULL)
    {
      g_free (self->id);
      g_free (self->question);
      g_free (self->answer);
    }
  self->id = self->question = self->answer = NULL;
  g_clear_pointer (&self->owner, g_variant_unref);

  G_OBJECT_CLASS (rh_question_parent_class)->finalize (object);
}

static void
rh_question_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RhQuestion *self = RH_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DIFFICULTY:
      g_value_set_enum (value, self->difficulty);
      break;

    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;

    case PROP_ANSWER:
      g_value_set_string (value, self->answer);
      break;

    case PROP_SUBTOPIC:
      g_value_set_object (value, self->subtopic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_question_class_init (RhQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_question_finalize;
  object_class->get_property = rh_question_get_property;

  properties[PROP_ID] =
      g_param_spec_string ("id", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DIFFICULTY] =
      g_param_spec_enum ("difficulty", NULL, NULL,
                         RH_TYPE_DIFFICULTY, RH_DIFFICULTY_MEDIUM,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUESTION] =
      g_param_spec_string ("question", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ANSWER] =
      g_param_spec_string ("answer", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTOPIC] =
      g_param_spec_object ("subtopic", NULL, NULL, G_TYPE_OBJECT,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_question_init (RhQuestion *self)
{
  self->difficulty = RH_DIFFICULTY_MEDIUM;
}

RhQuestion *
_rh_question_new_take (char        *id,
                       RhDifficulty difficulty,
                       char        *question,
                       char        *answer)
{
  RhQuestion *self = g_object_new (RH_TYPE_QUESTION, NULL);

  self->id = id;
  self->difficulty = difficulty;
  self->question = question;
  self->answer = answer;

  return self;
}

/* The strings stay where @owner has them, in the mapped load cache for
 * one: a library of 100,000 questions then keeps its answers out of the
 * heap. */
RhQuestion *
_rh_question_new_borrowed (GVariant    *owner,
                           const char  *id,
                           RhDifficulty difficulty,
                           const char  *question,
                           const char  *answer)
{
  RhQuestion *self = g_object_new (RH_TYPE_QUESTION, NULL);

  self->owner = g_variant_ref (owner);
  self->id = (char *) id;
  self->difficulty = difficulty;
  self->question = (char *) question;
  self->answer = (char *) answer;

  return self;
}

RhQuestion *
rh_question_new (const char  *id,
                 RhDifficulty difficulty,
                 const char  *question,
                 const char  *answer)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  return _rh_question_new_take (g_strdup (id), difficulty, g_strdup (question), g_strdup (answer));
}

const char *
rh_question_get_id (RhQuestion *self)
{
  g_return_val_if_fail (RH_IS_QUESTION (self), NULL);

  return self->id;
}

RhDifficulty
rh_question_get_difficulty (RhQuestion *self)
{
  g_return_val_if_fail (RH_IS_QUESTION (self), RH_DIFFICULTY_MEDIUM);

  return self->difficulty;
}

const char *
rh_question_get_question (RhQuestion *self)
{
  g_return_val_if_fail (RH_IS_QUESTION (self), NULL);

  return self->question;
}

const char *
rh_question_get_answer (RhQuestion *self)
{
  g_return_val_if_fail (RH_IS_QUESTION (self), NULL);

  return self->answer;
}

/**
 * rh_question_get_subtopic:
 *
 * Returns: (transfer none) (nullable): the subtopic page holding the question
 */
RhSubtopic *
rh_question_get_subtopic (RhQuestion *self)
{
  g_return_val_if_fail (RH_IS_QUESTION (self), NULL);

  return self->subtopic;
}

void
_rh_question_set_subtopic (RhQuestion *self,
                           RhSubtopic *subtopic)
{
  g_return_if_fail (RH_IS_QUESTION (self));

  if (self->subtopic == subtopic)
    return;

  self->subtopic = subtopic;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTOPIC]);
}

gboolean
rh_question_equal (RhQuestion *a,
                   RhQuestion *b)
{
  g_return_val_if_fail (RH_IS_QUESTION (a), FALSE);
  g_return_val_if_fail (RH_IS_QUESTION (b), FALSE);

  return a->difficulty == b->difficulty &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->question, b->question) == 0 &&
         g_strcmp0 (a->answer, b->answer) == 0;
}
