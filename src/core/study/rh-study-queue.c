/* rh-study-queue.c
 *
 * The day's queue: which questions to show now, in which order, within
 * a scope (the whole library, a framework, a topic, a page or the
 * bookmarks) and the daily limits. The order is
 *
 *   1. learning and relearning cards that are due (their due time has
 *      passed), soonest due first: their steps are minutes long, and
 *      waiting longer than a step defeats it;
 *   2. review cards due today or earlier, most overdue first, at most
 *      what is left of the day's review limit;
 *   3. questions never seen, in the library's order (the sidebar's),
 *      at most what is left of the day's new-card limit.
 *
 * Equal due times go in library order. A review card is due on the
 * study day its due time falls in, not at the second, so that a card
 * reviewed in the evening comes back that morning. The limits count the
 * reviews of the whole study day, wherever their questions are.
 *
 * Only questions in the library count: a card whose question has left
 * it stays in the log, untouched, and comes back with the question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-framework.h"
#include "rh-question-ref.h"
#include "rh-study-queue.h"
#include "rh-subtopic.h"
#include "rh-topic.h"

#define SECONDS_PER_DAY 86400

/* clang-format off */
G_DEFINE_QUARK (rh-study-queue-error-quark, rh_study_queue_error)
/* clang-format on */

typedef struct
{
  RhQuestion *question;
  RhFsrsCard  card;
  RhStudyKind kind;
  guint       position; /* in the walk: library order */
} Item;

typedef enum
{
  SCOPE_LIBRARY,
  SCOPE_FRAMEWORK,
  SCOPE_TOPIC,
  SCOPE_SUBTOPIC,
  SCOPE_BOOKMARKS,
} ScopeKind;

typedef struct
{
  ScopeKind    kind;
  RhFramework *framework;
  RhTopic     *topic;
  RhSubtopic  *subtopic;
  GHashTable  *bookmarks; /* RhQuestion *, not owned */
} Scope;

struct _RhStudyQueue
{
  GObject parent_instance;

  GArray *items; /* Item, in the order to show them */
  gint64  at;
  guint   n_new;
  guint   n_learning;
  guint   n_review;
  gint64  next_learning_due;
};

static void rh_study_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhStudyQueue, rh_study_queue, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rh_study_queue_list_model_init))

static GType
rh_study_queue_get_item_type (GListModel *model)
{
  return RH_TYPE_QUESTION;
}

static guint
rh_study_queue_get_n_items (GListModel *model)
{
  return RH_STUDY_QUEUE (model)->items->len;
}

static gpointer
rh_study_queue_get_item (GListModel *model,
                         guint       position)
{
  RhStudyQueue *self = RH_STUDY_QUEUE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_array_index (self->items, Item, position).question);
}

static void
rh_study_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_study_queue_get_item_type;
  iface->get_n_items = rh_study_queue_get_n_items;
  iface->get_item = rh_study_queue_get_item;
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->question);
}

static void
rh_study_queue_finalize (GObject *object)
{
  RhStudyQueue *self = (RhStudyQueue *) object;

  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (rh_study_queue_parent_class)->finalize (object);
}

static void
rh_study_queue_class_init (RhStudyQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_study_queue_finalize;
}

static void
rh_study_queue_init (RhStudyQueue *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
}

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->bookmarks, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scope, scope_clear)

static gboolean
unknown_scope (GError    **error,
               const char *text)
{
  g_set_error (error, RH_STUDY_QUEUE_ERROR, RH_STUDY_QUEUE_ERROR_UNKNOWN_SCOPE,
               _ ("“%s” is not a framework, topic or page of the library, nor “%s”"),
               text, RH_STUDY_SCOPE_BOOKMARKS);
  return FALSE;
}

static void
collect_bookmarks (Scope       *scope,
                   RhLibrary   *library,
                   RhReviewLog *log)
{
  g_autoptr (GHashTable) refs = rh_state_dup_bookmark_refs (rh_review_log_get_state (log));
  GHashTableIter         iter;
  gpointer               key;

  scope->bookmarks = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&iter, refs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      RhQuestionRef *ref = key;
      RhQuestion    *question = rh_library_lookup_question (library, rh_question_ref_get_path (ref),
                                                            rh_question_ref_get_question_id (ref));

      if (question != NULL)
        g_hash_table_add (scope->bookmarks, question);
    }
}

/* "" is the library; "python" or "/python" a framework, "/python/x" a
 * topic and "/python/x/y" a page.
 */
static gboolean
resolve_scope (Scope       *scope,
               RhLibrary   *library,
               RhReviewLog *log,
               const char  *text,
               GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_auto (GStrv)   parts = NULL;
  guint            n_parts;

  memset (scope, 0, sizeof *scope);

  if (text == NULL || *text == '\0')
    {
      scope->kind = SCOPE_LIBRARY;
      return TRUE;
    }

  if (g_str_equal (text, RH_STUDY_SCOPE_BOOKMARKS))
    {
      scope->kind = SCOPE_BOOKMARKS;
      collect_bookmarks (scope, library, log);
      return TRUE;
    }

  trimmed = g_strdup (text[0] == '/' ? text + 1 : text);
  while (*trimmed != '\0' && g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  parts = g_strsplit (trimmed, "/", -1);
  n_parts = g_strv_length (parts);

  if (n_parts == 0 || n_parts > 3 || (n_parts > 1 && text[0] != '/'))
    return unknown_scope (error, text);
  for (guint i = 0; i < n_parts; i++)
    if (*parts[i] == '\0')
      return unknown_scope (error, text);

  if (n_parts == 3)
    {
      g_autofree char *path = g_strconcat ("/", trimmed, NULL);

      scope->kind = SCOPE_SUBTOPIC;
      scope->subtopic = rh_library_lookup_subtopic (library, path);
      if (scope->subtopic == NULL)
        return unknown_scope (error, text);
      return TRUE;
    }

  scope->framework = rh_library_lookup_framework (library, parts[0]);
  if (scope->framework == NULL)
    return unknown_scope (error, text);
  scope->kind = SCOPE_FRAMEWORK;

  if (n_parts == 2)
    {
      scope->kind = SCOPE_TOPIC;
      scope->topic = rh_framework_lookup (scope->framework, parts[1]);
      if (scope->topic == NULL)
        return unknown_scope (error, text);
    }

  return TRUE;
}

/* The cards the log has for one page, in id order. */
typedef struct
{
  guint first;
  guint n;
} Group;

typedef struct
{
  const char *question_id; /* in the string chunk */
  RhFsrsCard  card;
} Row;

/* Two passes: the log's cards of the scope, read once, grouped by page;
 * then the scope's questions, walked in library order, each matched to
 * its page's cards. Walking the library rather than looking every card
 * up in it touches each question once, and never a card whose question
 * has left.
 */
typedef struct
{
  /* Read from the log */
  GStringChunk *strings;
  GArray       *rows; /* Row */
  GArray       *groups; /* Group */
  GHashTable   *by_path; /* path in the chunk → group index + 1 */
  const char   *last_path;

  /* Found in the walk */
  const Scope *scope;
  GArray      *learning; /* Item, not holding a reference */
  GArray      *review; /* Item, not holding a reference */
  GArray      *new_cards; /* Item, not holding a reference */
  guint        new_limit;
  guint        position;
  gint64       at;
  gint64       day_end;
  gint64       next_learning_due;
} Gather;

static void
gather_clear (Gather *gather)
{
  g_clear_pointer (&gather->strings, g_string_chunk_free);
  g_clear_pointer (&gather->rows, g_array_unref);
  g_clear_pointer (&gather->groups, g_array_unref);
  g_clear_pointer (&gather->by_path, g_hash_table_unref);
  g_clear_pointer (&gather->learning, g_array_unref);
  g_clear_pointer (&gather->review, g_array_unref);
  g_clear_pointer (&gather->new_cards, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Gather, gather_clear)

/* The log gives cards in path order, so a page's cards come together. */
static void
read_card (const char       *path,
           const char       *question_id,
           const RhFsrsCard *card,
           gpointer          user_data)
{
  Gather *gather = user_data;
  Row     row = { g_string_chunk_insert (gather->strings, question_id), *card };

  if (gather->last_path == NULL || strcmp (path, gather->last_path) != 0)
    {
      Group group = { gather->rows->len, 0 };

      gather->last_path = g_string_chunk_insert (gather->strings, path);
      g_array_append_val (gather->groups, group);
      g_hash_table_insert (gather->by_path, (gpointer) gather->last_path, GUINT_TO_POINTER (gather->groups->len));
    }

  g_array_append_val (gather->rows, row);
  g_array_index (gather->groups, Group, gather->groups->len - 1).n++;
}

static const Row *
find_row (Gather      *gather,
          const Group *group,
          const char  *question_id)
{
  guint low = group->first;
  guint high = group->first + group->n;

  while (low < high)
    {
      guint      middle = low + (high - low) / 2;
      const Row *row = &g_array_index (gather->rows, Row, middle);
      int        order = strcmp (question_id, row->question_id);

      if (order == 0)
        return row;
      if (order < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

static void
walk_question (Gather      *gather,
               const Group *group,
               RhQuestion  *question)
{
  const Row *row = group != NULL ? find_row (gather, group, rh_question_get_id (question)) : NULL;
  Item       item = { question, { 0 }, RH_STUDY_KIND_NEW, gather->position++ };

  /* The log never leaves a card new; a stray one counts as new. */
  if (row == NULL || row->card.state == RH_FSRS_STATE_NEW)
    {
      if (gather->new_cards->len < gather->new_limit)
        {
          rh_fsrs_card_init_new (&item.card, gather->at);
          g_array_append_val (gather->new_cards, item);
        }
      return;
    }

  item.card = row->card;

  switch (row->card.state)
    {
    case RH_FSRS_STATE_LEARNING:
    case RH_FSRS_STATE_RELEARNING:
      if (row->card.due <= gather->at)
        {
          item.kind = RH_STUDY_KIND_LEARNING;
          g_array_append_val (gather->learning, item);
        }
      else if (gather->next_learning_due == 0 || row->card.due < gather->next_learning_due)
        gather->next_learning_due = row->card.due;
      break;

    case RH_FSRS_STATE_REVIEW:
      if (row->card.due < gather->day_end)
        {
          item.kind = RH_STUDY_KIND_REVIEW;
          g_array_append_val (gather->review, item);
        }
      break;

    case RH_FSRS_STATE_NEW:
    default:
      g_assert_not_reached ();
    }
}

static void
walk_subtopic (Gather     *gather,
               RhSubtopic *subtopic)
{
  RhSortedList *list = RH_SORTED_LIST (subtopic);
  guint         n = rh_sorted_list_get_length (list);
  guint         index = GPOINTER_TO_UINT (g_hash_table_lookup (gather->by_path, rh_subtopic_get_path (subtopic)));
  const Group  *group = index > 0 ? &g_array_index (gather->groups, Group, index - 1) : NULL;

  for (guint i = 0; i < n; i++)
    {
      RhQuestion *question = rh_sorted_list_peek (list, i);

      if (gather->scope->kind == SCOPE_BOOKMARKS && !g_hash_table_contains (gather->scope->bookmarks, question))
        continue;

      walk_question (gather, group, question);
    }
}

static void
walk_topic (Gather  *gather,
            RhTopic *topic)
{
  RhSortedList *list = RH_SORTED_LIST (topic);

  for (guint i = 0; i < rh_sorted_list_get_length (list); i++)
    walk_subtopic (gather, rh_sorted_list_peek (list, i));
}

static void
walk_framework (Gather      *gather,
                RhFramework *framework)
{
  RhSortedList *list = RH_SORTED_LIST (framework);

  for (guint i = 0; i < rh_sorted_list_get_length (list); i++)
    walk_topic (gather, rh_sorted_list_peek (list, i));
}

static void
walk_scope (Gather    *gather,
            RhLibrary *library)
{
  const Scope *scope = gather->scope;

  switch (scope->kind)
    {
    case SCOPE_SUBTOPIC:
      walk_subtopic (gather, scope->subtopic);
      break;

    case SCOPE_TOPIC:
      walk_topic (gather, scope->topic);
      break;

    case SCOPE_FRAMEWORK:
      walk_framework (gather, scope->framework);
      break;

    case SCOPE_BOOKMARKS:
      if (g_hash_table_size (scope->bookmarks) == 0)
        break;
      G_GNUC_FALLTHROUGH;

    case SCOPE_LIBRARY:
      for (guint i = 0; i < rh_sorted_list_get_length (RH_SORTED_LIST (library)); i++)
        walk_framework (gather, rh_sorted_list_peek (RH_SORTED_LIST (library), i));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The log's cards that the scope can hold: a page's, a topic's or a
 * framework's by their path prefix, or all of them.
 */
static char *
dup_scope_prefix (const Scope *scope)
{
  switch (scope->kind)
    {
    case SCOPE_SUBTOPIC:
      return g_strdup (rh_subtopic_get_path (scope->subtopic));

    case SCOPE_TOPIC:
      return g_strdup_printf ("/%s/%s", rh_framework_get_slug (rh_topic_get_framework (scope->topic)),
                              rh_topic_get_slug (scope->topic));

    case SCOPE_FRAMEWORK:
      return g_strdup_printf ("/%s", rh_framework_get_slug (scope->framework));

    case SCOPE_LIBRARY:
    case SCOPE_BOOKMARKS:
    default:
      return NULL;
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const Item *x = a;
  const Item *y = b;

  if (x->card.due != y->card.due)
    return x->card.due < y->card.due ? -1 : 1;

  return x->position < y->position ? -1 : x->position > y->position;
}

static void
append_items (RhStudyQueue *self,
              GArray       *items,
              guint         limit)
{
  for (guint i = 0; i < items->len && i < limit; i++)
    {
      Item item = g_array_index (items, Item, i);

      g_object_ref (item.question);
      g_array_append_val (self->items, item);
    }
}

/**
 * rh_study_queue_new:
 * @library: the library as loaded
 * @log: the review log, and through it the bookmarks
 * @scope: (nullable): %NULL or "" for the whole library; a framework's
 *   slug (`python` or `/python`), a topic (`/python/concurrency`), a
 *   page's path (`/python/concurrency/asyncio`), or
 *   %RH_STUDY_SCOPE_BOOKMARKS
 * @at: now, in Unix seconds
 * @settings: the daily limits and where the study day starts
 *
 * Works out what is due at @at; see the top of rh-study-queue.c for the
 * order. The queue is a snapshot: build a new one after grading.
 *
 * Returns: (transfer full) (nullable): the queue, a #GListModel of
 *   #RhQuestion; %NULL with %RH_STUDY_QUEUE_ERROR_UNKNOWN_SCOPE when
 *   @scope names nothing in @library
 */
RhStudyQueue *
rh_study_queue_new (RhLibrary             *library,
                    RhReviewLog           *log,
                    const char            *scope_text,
                    gint64                 at,
                    const RhStudySettings *settings,
                    GError               **error)
{
  g_autoptr (RhStudyQueue) self = NULL;
  g_auto (Scope)           scope = { 0 };
  g_auto (Gather)          gather = { 0 };
  g_autofree char         *prefix = NULL;
  gint64                   day_start;
  guint                    new_done = 0;
  guint                    review_done = 0;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (RH_IS_REVIEW_LOG (log), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resolve_scope (&scope, library, log, scope_text, error))
    return NULL;

  day_start = rh_study_settings_get_day_start (settings, at);
  if (!rh_review_log_count_day (log, day_start, &new_done, &review_done, error))
    return NULL;

  gather.strings = g_string_chunk_new (64 * 1024);
  gather.rows = g_array_new (FALSE, FALSE, sizeof (Row));
  gather.groups = g_array_new (FALSE, FALSE, sizeof (Group));
  gather.by_path = g_hash_table_new (g_str_hash, g_str_equal);
  prefix = dup_scope_prefix (&scope);
  if (!rh_review_log_foreach_card (log, prefix, read_card, &gather, error))
    return NULL;

  gather.scope = &scope;
  gather.learning = g_array_new (FALSE, FALSE, sizeof (Item));
  gather.review = g_array_new (FALSE, FALSE, sizeof (Item));
  gather.new_cards = g_array_new (FALSE, FALSE, sizeof (Item));
  gather.new_limit = settings->new_cards_per_day - MIN (new_done, settings->new_cards_per_day);
  gather.at = at;
  gather.day_end = day_start + SECONDS_PER_DAY;
  walk_scope (&gather, library);

  g_array_sort (gather.learning, compare_due);
  g_array_sort (gather.review, compare_due);

  self = g_object_new (RH_TYPE_STUDY_QUEUE, NULL);
  self->at = at;
  self->n_learning = gather.learning->len;
  self->n_review = MIN (gather.review->len, settings->reviews_per_day - MIN (review_done, settings->reviews_per_day));
  self->n_new = gather.new_cards->len;
  self->next_learning_due = gather.next_learning_due;
  append_items (self, gather.learning, self->n_learning);
  append_items (self, gather.review, self->n_review);
  append_items (self, gather.new_cards, self->n_new);

  return g_steal_pointer (&self);
}

gint64
rh_study_queue_get_at (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);

  return self->at;
}

guint
rh_study_queue_get_n_new (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);

  return self->n_new;
}

guint
rh_study_queue_get_n_learning (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);

  return self->n_learning;
}

guint
rh_study_queue_get_n_review (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);

  return self->n_review;
}

/**
 * rh_study_queue_get_next_learning_due:
 *
 * Returns: when the next learning card in the scope that is not due yet
 *   will be, in Unix seconds; 0 when there is none
 */
gint64
rh_study_queue_get_next_learning_due (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);

  return self->next_learning_due;
}

/**
 * rh_study_queue_peek_question:
 *
 * Returns: (transfer none): the question at @position
 */
RhQuestion *
rh_study_queue_peek_question (RhStudyQueue *self,
                              guint         position)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_array_index (self->items, Item, position).question;
}

RhStudyKind
rh_study_queue_get_kind (RhStudyQueue *self,
                         guint         position)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), RH_STUDY_KIND_NEW);
  g_return_val_if_fail (position < self->items->len, RH_STUDY_KIND_NEW);

  return g_array_index (self->items, Item, position).kind;
}

/**
 * rh_study_queue_peek_card:
 *
 * Returns: (transfer none): the card at @position as it was when the
 *   queue was built; a new card due at the queue's time for a question
 *   never seen
 */
const RhFsrsCard *
rh_study_queue_peek_card (RhStudyQueue *self,
                          guint         position)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return &g_array_index (self->items, Item, position).card;
}

const char *
rh_study_kind_to_string (RhStudyKind kind)
{
  static const char *const names[] = { "new", "learning", "review" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);

  return names[kind];
}
