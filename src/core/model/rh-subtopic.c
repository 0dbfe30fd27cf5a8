/* rh-subtopic.c
 *
 * The third level of the tree: one page of the site, such as
 * Multiprocessing. Several files may hold the same page; the subtopic
 * keeps every copy and shows the union of their questions, so that a
 * page the user saved is never hidden by the bundled library's copy.
 *
 * A page with one copy that came from the load cache makes its questions
 * only when someone first looks at them (rh_sorted_list_set_pending()):
 * until then it knows how many it has, which is all the sidebar and a
 * start need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-load-cache.h"
#include "rh-question-private.h"
#include "rh-subtopic-private.h"
#include "rh-topic.h"

/* One file's copy of the page. */
typedef struct
{
  RhPageData *page;
  guint64     arrival;
  gboolean    bundled;
} Contribution;

struct _RhSubtopic
{
  RhSortedList parent_instance;

  char        *title;
  char        *path;
  char        *updated;
  char        *summary;
  char        *source;
  GArray      *contributions; /* Contribution, best first */
  GHashTable  *questions_by_id; /* made with the first question: most
                                * subtopics of a large library are never
                                * opened */
  RhTopic     *topic; /* unowned: the topic owns its subtopics */
  gint64       order;
  RhDifficulty difficulty;
  guint        has_order : 1;
  guint        available : 1;
};

G_DEFINE_FINAL_TYPE (RhSubtopic, rh_subtopic, RH_TYPE_SORTED_LIST)

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

static void
rh_subtopic_adopt (RhSortedList *list,
                   gpointer      item)
{
  _rh_question_set_subtopic (item, RH_SUBTOPIC (list));
}

static void
rh_subtopic_release (RhSortedList *list,
                     gpointer      item)
{
  _rh_question_set_subtopic (item, NULL);
}

/* The copy's questions, made from the load cache if they are still there. */
static void
contribution_realize (Contribution *contribution)
{
  RhPageData *page = contribution->page;

  if (page->question_data == NULL)
    return;

  g_ptr_array_unref (page->questions);
  page->questions = rh_load_cache_realize_page (page);
  g_clear_pointer (&page->question_data, g_variant_unref);
}

/* Questions are indexed by id once there are any; the first of an id
 * wins. Returns whether @question is the one now held for its id. */
static gboolean
index_question (RhSubtopic *self,
                RhQuestion *question)
{
  const char *id = rh_question_get_id (question);

  if (self->questions_by_id == NULL)
    self->questions_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  else if (g_hash_table_contains (self->questions_by_id, id))
    return FALSE;

  g_hash_table_insert (self->questions_by_id, (gpointer) id, question);

  return TRUE;
}

static void
forget_questions (RhSubtopic *self)
{
  if (self->questions_by_id != NULL)
    g_hash_table_remove_all (self->questions_by_id);
}

/* Only a page whose one copy came from the cache is pending. A copy
 * damaged in the cache is read from its file again, and may then hold
 * other questions than the cache said. */
static void
rh_subtopic_realize (RhSortedList *list)
{
  RhSubtopic           *self = RH_SUBTOPIC (list);
  g_autoptr (GPtrArray) questions = g_ptr_array_new ();
  Contribution         *contribution;
  guint                 expected;

  g_return_if_fail (self->contributions->len == 1);

  contribution = &g_array_index (self->contributions, Contribution, 0);
  expected = contribution->page->n_question_data;
  contribution_realize (contribution);

  forget_questions (self);
  for (guint i = 0; i < contribution->page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (contribution->page->questions, i);

      if (index_question (self, question))
        g_ptr_array_add (questions, question);
    }

  rh_sorted_list_fill (list, questions);

  /* Those who counted the questions were told otherwise: say so. */
  if (questions->len != expected)
    {
      g_list_model_items_changed (G_LIST_MODEL (list), 0, expected, questions->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
    }
}

static void
contribution_clear (gpointer data)
{
  Contribution *contribution = data;

  g_clear_pointer (&contribution->page, rh_page_data_free);
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
  g_clear_pointer (&self->contributions, g_array_unref);
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
      g_value_set_uint (value, rh_subtopic_get_n_questions (self));
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
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  RhSortedListClass *list_class = RH_SORTED_LIST_CLASS (klass);
  const GParamFlags  flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

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

  /* Questions keep the order of their pages. */
  list_class->item_type = RH_TYPE_QUESTION;
  list_class->adopt = rh_subtopic_adopt;
  list_class->release = rh_subtopic_release;
  list_class->realize = rh_subtopic_realize;
}

static void
rh_subtopic_init (RhSubtopic *self)
{
  self->contributions = g_array_new (FALSE, TRUE, sizeof (Contribution));
  g_array_set_clear_func (self->contributions, contribution_clear);
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
set_string (char      **field,
            const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* What the user opened wins over the bundled library; between files of
 * the same kind the newer `updated` wins, and then the one loaded last. */
static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const Contribution *ca = a;
  const Contribution *cb = b;
  int                 ret;

  if (ca->bundled != cb->bundled)
    return ca->bundled ? 1 : -1;

  ret = g_strcmp0 (cb->page->updated ? cb->page->updated : "", ca->page->updated ? ca->page->updated : "");
  if (ret != 0)
    return ret;

  return ca->arrival < cb->arrival ? 1 : (ca->arrival > cb->arrival ? -1 : 0);
}

/* Shows the union of the copies' questions, the best copy's first, and
 * the best copy's title and description. Notifies only what changed,
 * after the new state is in place, so that handlers see a consistent
 * page.
 */
static void
rh_subtopic_merge (RhSubtopic *self)
{
  g_autoptr (GPtrArray) questions = g_ptr_array_new ();
  const RhPageData     *best = NULL;
  guint                 old_n = rh_subtopic_get_n_questions (self);
  guint                 new_n;
  gboolean              lazy;
  gboolean              changed[N_PROPS] = {
                 FALSE,
  };

  g_array_sort (self->contributions, compare_contributions);
  forget_questions (self);

  /* The union of several copies needs their questions; one copy left in
   * the cache can wait. */
  lazy = self->contributions->len == 1 &&
         g_array_index (self->contributions, Contribution, 0).page->question_data != NULL;
  for (guint i = 0; !lazy && i < self->contributions->len; i++)
    contribution_realize (&g_array_index (self->contributions, Contribution, i));

  for (guint i = 0; !lazy && i < self->contributions->len; i++)
    {
      const RhPageData *page = g_array_index (self->contributions, Contribution, i).page;

      for (guint j = 0; j < page->questions->len; j++)
        {
          RhQuestion *question = g_ptr_array_index (page->questions, j);

          if (index_question (self, question))
            g_ptr_array_add (questions, question);
        }
    }

  if (self->contributions->len > 0)
    best = g_array_index (self->contributions, Contribution, 0).page;

  g_object_freeze_notify (G_OBJECT (self));

  if (best != NULL)
    {
      changed[PROP_TITLE] = set_string (&self->title, best->title);
      changed[PROP_UPDATED] = set_string (&self->updated, best->updated);
      changed[PROP_SUMMARY] = set_string (&self->summary, best->summary);

      if (self->order != best->order || self->has_order != !!best->has_order)
        {
          self->order = best->order;
          self->has_order = !!best->has_order;
          changed[PROP_ORDER] = TRUE;
        }

      if (self->difficulty != best->difficulty)
        {
          self->difficulty = best->difficulty;
          changed[PROP_DIFFICULTY] = TRUE;
        }
    }

  changed[PROP_SOURCE] = set_string (&self->source, best != NULL ? best->source : NULL);

  if (self->available != (best != NULL))
    {
      self->available = best != NULL;
      changed[PROP_AVAILABLE] = TRUE;
    }

  if (lazy)
    {
      new_n = best->n_question_data;
      rh_sorted_list_set_pending (RH_SORTED_LIST (self), new_n);
    }
  else
    {
      new_n = questions->len;
      rh_sorted_list_replace_all (RH_SORTED_LIST (self), questions);
    }
  changed[PROP_N_QUESTIONS] = old_n != new_n;

  for (guint i = 1; i < N_PROPS; i++)
    {
      if (changed[i])
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
find_source (RhSubtopic *self,
             const char *source,
             guint      *out_index)
{
  for (guint i = 0; i < self->contributions->len; i++)
    {
      if (g_strcmp0 (g_array_index (self->contributions, Contribution, i).page->source, source) == 0)
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether the copy from @source shows anything: the page's own title and
 * description, or at least one question. */
static gboolean
source_is_visible (RhSubtopic *self,
                   const char *source)
{
  guint             index;
  const RhPageData *page;

  if (!find_source (self, source, &index))
    return FALSE;
  if (index == 0)
    return TRUE;

  page = g_array_index (self->contributions, Contribution, index).page;
  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);

      if (self->questions_by_id != NULL &&
          g_hash_table_lookup (self->questions_by_id, rh_question_get_id (question)) == question)
        return TRUE;
    }

  return FALSE;
}

/**
 * _rh_subtopic_add_page:
 * @page: a copy of this page; its contents move into the subtopic
 * @bundled: whether @page comes from the bundled library
 *
 * Adds one file's copy of the page. A copy from a file already added
 * replaces the one before: loading a file again is a reload.
 *
 * Returns: whether the copy shows anything, or is hidden entirely by
 *   better copies
 */
gboolean
_rh_subtopic_add_page (RhSubtopic *self,
                       RhPageData *page,
                       gboolean    bundled)
{
  static guint64 arrivals;
  Contribution   contribution = {
      0,
  };
  RhPageData *taken = rh_page_data_new ();
  RhPageData  emptied = *taken;
  guint       index;

  g_return_val_if_fail (RH_IS_SUBTOPIC (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  /* The page data is spent once it joins the model: take its contents
   * and leave it empty. */
  *taken = *page;
  *page = emptied;

  contribution.page = taken;
  contribution.bundled = !!bundled;
  contribution.arrival = ++arrivals;

  if (find_source (self, taken->source, &index))
    g_array_remove_index (self->contributions, index);
  g_array_append_val (self->contributions, contribution);

  rh_subtopic_merge (self);

  return source_is_visible (self, taken->source);
}

/**
 * _rh_subtopic_remove_source:
 *
 * Takes out the copy that came from @source. A page with no copy left
 * stays in its topic as known, as a sibling would be, with no questions.
 *
 * Returns: whether the subtopic had a copy from @source
 */
gboolean
_rh_subtopic_remove_source (RhSubtopic *self,
                            const char *source)
{
  guint index;

  g_return_val_if_fail (RH_IS_SUBTOPIC (self), FALSE);

  if (!find_source (self, source, &index))
    return FALSE;

  g_array_remove_index (self->contributions, index);
  rh_subtopic_merge (self);

  return TRUE;
}

/**
 * _rh_subtopic_count_source:
 * @out_n_questions: (out) (optional): how many questions the copy holds
 *
 * Returns: whether the subtopic has a copy from @source
 */
gboolean
_rh_subtopic_count_source (RhSubtopic *self,
                           const char *source,
                           guint      *out_n_questions)
{
  guint index;

  g_return_val_if_fail (RH_IS_SUBTOPIC (self), FALSE);

  if (!find_source (self, source, &index))
    return FALSE;

  if (out_n_questions != NULL)
    *out_n_questions = rh_page_data_get_n_questions (g_array_index (self->contributions, Contribution, index).page);

  return TRUE;
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

  return rh_sorted_list_compare_titles (sa->title, sa->path, sb->title, sb->path);
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
 * Returns: (nullable): the file of the copy whose title and description
 *   the page shows
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

  return rh_sorted_list_get_length (RH_SORTED_LIST (self));
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

  rh_sorted_list_ensure_items (RH_SORTED_LIST (self));

  return self->questions_by_id != NULL ? g_hash_table_lookup (self->questions_by_id, id) : NULL;
}

/**
 * _rh_subtopic_peek_pending:
 *
 * Returns: (transfer none) (nullable): the one copy of the page, when its
 *   questions are still in the load cache
 */
const RhPageData *
_rh_subtopic_peek_pending (RhSubtopic *self)
{
  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  if (!rh_sorted_list_is_pending (RH_SORTED_LIST (self)) || self->contributions->len != 1)
    return NULL;

  return g_array_index (self->contributions, Contribution, 0).page;
}

/**
 * _rh_subtopic_dup_content_key:
 *
 * What the questions the page shows are made of: its copies, best first,
 * each as its file and that file's size, modification time and inode
 * when it was read. Files do not change behind a stamp (the load cache
 * relies on it as well), so the same key means the same questions.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL if a copy did
 *   not come from a file that could be stamped
 */
char *
_rh_subtopic_dup_content_key (RhSubtopic *self)
{
  g_autoptr (GString) key = NULL;

  g_return_val_if_fail (RH_IS_SUBTOPIC (self), NULL);

  key = g_string_new (NULL);
  for (guint i = 0; i < self->contributions->len; i++)
    {
      const Contribution *contribution = &g_array_index (self->contributions, Contribution, i);
      const RhPageData   *page = contribution->page;

      if (!page->has_stamp || page->source == NULL)
        return NULL;

      g_string_append_printf (key, "%zu:%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT " %d;",
                              strlen (page->source), page->source, page->stamp.size, page->stamp.mtime,
                              page->stamp.inode, contribution->bundled);
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}
