/* rh-search-result.c
 *
 * One question found by a search, with everything a result row shows,
 * so that the list needs no lookup in the library to draw itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-search-result.h"

struct _RhSearchResult
{
  GObject parent_instance;

  RhQuestionRef *ref;
  char          *question;
  char          *question_markup;
  char          *framework;
  char          *topic;
  char          *subtopic;
  char          *snippet;
  char          *snippet_markup;
  RhDifficulty   difficulty;
};

G_DEFINE_FINAL_TYPE (RhSearchResult, rh_search_result, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_REF,
  PROP_DIFFICULTY,
  PROP_QUESTION,
  PROP_QUESTION_MARKUP,
  PROP_FRAMEWORK,
  PROP_TOPIC,
  PROP_SUBTOPIC,
  PROP_SNIPPET,
  PROP_SNIPPET_MARKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_search_result_finalize (GObject *object)
{
  RhSearchResult *self = (RhSearchResult *) object;

  g_clear_pointer (&self->ref, rh_question_ref_unref);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->question_markup, g_free);
  g_clear_pointer (&self->framework, g_free);
  g_clear_pointer (&self->topic, g_free);
  g_clear_pointer (&self->subtopic, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->snippet_markup, g_free);

  G_OBJECT_CLASS (rh_search_result_parent_class)->finalize (object);
}

static void
rh_search_result_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RhSearchResult *self = RH_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_REF:
      g_value_set_boxed (value, self->ref);
      break;

    case PROP_DIFFICULTY:
      g_value_set_enum (value, self->difficulty);
      break;

    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;

    case PROP_QUESTION_MARKUP:
      g_value_set_string (value, self->question_markup);
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

    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;

    case PROP_SNIPPET_MARKUP:
      g_value_set_string (value, self->snippet_markup);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_search_result_class_init (RhSearchResultClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_search_result_finalize;
  object_class->get_property = rh_search_result_get_property;

  properties[PROP_REF] = g_param_spec_boxed ("ref", NULL, NULL, RH_TYPE_QUESTION_REF, flags);
  properties[PROP_DIFFICULTY] =
      g_param_spec_enum ("difficulty", NULL, NULL, RH_TYPE_DIFFICULTY, RH_DIFFICULTY_MEDIUM, flags);

  /* The question as the content has it, inline Markdown included. */
  properties[PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, NULL, flags);

  /* Pango markup: the question as plain text with the matches in <b>. */
  properties[PROP_QUESTION_MARKUP] = g_param_spec_string ("question-markup", NULL, NULL, NULL, flags);

  properties[PROP_FRAMEWORK] = g_param_spec_string ("framework", NULL, NULL, NULL, flags);
  properties[PROP_TOPIC] = g_param_spec_string ("topic", NULL, NULL, NULL, flags);
  properties[PROP_SUBTOPIC] = g_param_spec_string ("subtopic", NULL, NULL, NULL, flags);

  /* A few words of the answer around the matches, as plain text. */
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);

  /* The same as Pango markup, the matches in <b> and all else escaped. */
  properties[PROP_SNIPPET_MARKUP] = g_param_spec_string ("snippet-markup", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_search_result_init (RhSearchResult *self)
{
  self->difficulty = RH_DIFFICULTY_MEDIUM;
}

/**
 * rh_search_result_new:
 * @ref: the question found
 * @question_markup: valid Pango markup
 * @snippet_markup: valid Pango markup
 *
 * Returns: (transfer full): a result; %NULL texts read as ""
 */
RhSearchResult *
rh_search_result_new (RhQuestionRef *ref,
                      RhDifficulty   difficulty,
                      const char    *question,
                      const char    *question_markup,
                      const char    *framework,
                      const char    *topic,
                      const char    *subtopic,
                      const char    *snippet,
                      const char    *snippet_markup)
{
  RhSearchResult *self;

  g_return_val_if_fail (ref != NULL, NULL);

  self = g_object_new (RH_TYPE_SEARCH_RESULT, NULL);
  self->ref = rh_question_ref_ref (ref);
  self->difficulty = difficulty;
  self->question = g_strdup (question ? question : "");
  self->question_markup = g_strdup (question_markup ? question_markup : "");
  self->framework = g_strdup (framework ? framework : "");
  self->topic = g_strdup (topic ? topic : "");
  self->subtopic = g_strdup (subtopic ? subtopic : "");
  self->snippet = g_strdup (snippet ? snippet : "");
  self->snippet_markup = g_strdup (snippet_markup ? snippet_markup : "");

  return self;
}

/**
 * rh_search_result_get_ref:
 *
 * Returns: (transfer none): the question found
 */
RhQuestionRef *
rh_search_result_get_ref (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->ref;
}

RhDifficulty
rh_search_result_get_difficulty (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), RH_DIFFICULTY_MEDIUM);

  return self->difficulty;
}

const char *
rh_search_result_get_question (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->question;
}

const char *
rh_search_result_get_question_markup (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->question_markup;
}

const char *
rh_search_result_get_framework (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->framework;
}

const char *
rh_search_result_get_topic (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->topic;
}

const char *
rh_search_result_get_subtopic (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->subtopic;
}

const char *
rh_search_result_get_snippet (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->snippet;
}

const char *
rh_search_result_get_snippet_markup (RhSearchResult *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_RESULT (self), NULL);

  return self->snippet_markup;
}
