/* rh-study-session.c
 *
 * One sitting of study over a scope: the day's queue as it was when the
 * session began, less what has been graded, plus the cards graded into
 * a learning step, which come back once their step is due. When nothing
 * else is left, a learning card due within the learn-ahead limit is
 * shown early rather than making the user wait; past that the session
 * is over. Every grade goes through the review log at once, and the
 * session's own grades can be taken back, latest first, which puts the
 * card back in front.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-study-queue.h"
#include "rh-study-session.h"
#include "rh-subtopic.h"

typedef struct
{
  RhQuestion *question;
  RhFsrsCard  card;
  gboolean    from_learning; /* where it was before it became current */
} Entry;

typedef struct
{
  char       *uid;
  Entry       entry; /* as it was shown */
  RhFsrsGrade grade;
  gint64      duration_ms;
  gboolean    learning; /* whether the grade sent it back to learning */
} Done;

struct _RhStudySession
{
  GObject parent_instance;

  RhLibrary      *library;
  RhReviewLog    *log;
  RhStudySettings settings;
  char           *scope;

  GArray  *pending; /* Entry, the queue's order */
  GArray  *learning; /* Entry, by due time */
  Entry    current;
  gboolean has_current;
  GArray  *done; /* Done, oldest first */

  guint  n_again;
  guint  n_finished;
  gint64 duration_ms;
};

G_DEFINE_FINAL_TYPE (RhStudySession, rh_study_session, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->question);
}

static void
done_clear (gpointer data)
{
  Done *done = data;

  g_clear_pointer (&done->uid, g_free);
  entry_clear (&done->entry);
}

static void
rh_study_session_finalize (GObject *object)
{
  RhStudySession *self = (RhStudySession *) object;

  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->learning, g_array_unref);
  g_clear_pointer (&self->done, g_array_unref);
  entry_clear (&self->current);
  g_clear_object (&self->library);
  g_clear_object (&self->log);
  g_clear_pointer (&self->scope, g_free);

  G_OBJECT_CLASS (rh_study_session_parent_class)->finalize (object);
}

static void
rh_study_session_class_init (RhStudySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_study_session_finalize;
}

static void
rh_study_session_init (RhStudySession *self)
{
  self->pending = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->pending, entry_clear);
  self->learning = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->learning, entry_clear);
  self->done = g_array_new (FALSE, TRUE, sizeof (Done));
  g_array_set_clear_func (self->done, done_clear);
}

/**
 * rh_study_session_new:
 * @scope: (nullable): as rh_study_queue_new() takes it
 * @at: now, in Unix seconds
 *
 * Starts a session on the day's queue for @scope and shows its first
 * card, if any.
 *
 * Returns: (transfer full) (nullable): the session; %NULL when the
 *   scope names nothing or the log could not be read
 */
RhStudySession *
rh_study_session_new (RhLibrary             *library,
                      RhReviewLog           *log,
                      const char            *scope,
                      gint64                 at,
                      const RhStudySettings *settings,
                      GError               **error)
{
  g_autoptr (RhStudySession) self = NULL;
  g_autoptr (RhStudyQueue)   queue = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (RH_IS_REVIEW_LOG (log), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  queue = rh_study_queue_new (library, log, scope, at, settings, error);
  if (queue == NULL)
    return NULL;

  self = g_object_new (RH_TYPE_STUDY_SESSION, NULL);
  self->library = g_object_ref (library);
  self->log = g_object_ref (log);
  self->settings = *settings;
  self->scope = g_strdup (scope != NULL ? scope : "");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      Entry entry = { g_object_ref (rh_study_queue_peek_question (queue, i)),
                      *rh_study_queue_peek_card (queue, i), FALSE };

      g_array_append_val (self->pending, entry);
    }

  rh_study_session_advance (self, at);

  return g_steal_pointer (&self);
}

const char *
rh_study_session_get_scope (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);

  return self->scope;
}

static void
insert_learning (RhStudySession *self,
                 Entry          *entry)
{
  guint position = 0;

  /* Equal due times keep the order they were graded in. */
  while (position < self->learning->len &&
         g_array_index (self->learning, Entry, position).card.due <= entry->card.due)
    position++;

  entry->from_learning = TRUE;
  g_array_insert_val (self->learning, position, *entry);
}

/* The card as the log has it now: another process may have graded it
 * since the queue was built. */
static void
refresh_current (RhStudySession *self,
                 gint64          at)
{
  RhSubtopic        *subtopic = rh_question_get_subtopic (self->current.question);
  gboolean           found = FALSE;
  RhFsrsCard         card;
  g_autoptr (GError) error = NULL;

  if (subtopic == NULL)
    return;

  if (!rh_review_log_lookup_card (self->log, rh_subtopic_get_path (subtopic), rh_question_get_id (self->current.question),
                                  &card, &found, &error))
    {
      g_warning ("Could not read a card: %s", error->message);
      return;
    }

  if (found)
    self->current.card = card;
  else
    rh_fsrs_card_init_new (&self->current.card, at);
}

/* Takes the element out of @array without clearing it. */
static Entry
steal_entry (GArray *array,
             guint   position)
{
  Entry entry = g_array_index (array, Entry, position);

  g_array_index (array, Entry, position).question = NULL;
  g_array_remove_index (array, position);

  return entry;
}

/**
 * rh_study_session_advance:
 * @at: now, in Unix seconds
 *
 * Picks the card to show if none is shown: a learning card whose step
 * is due, else the queue's next, else a learning card due within
 * %RH_STUDY_SESSION_LEARN_AHEAD. With none, the session is over for
 * now; a later call may find a learning card due by then.
 */
void
rh_study_session_advance (RhStudySession *self,
                          gint64          at)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  if (self->has_current)
    return;

  if (self->learning->len > 0 && g_array_index (self->learning, Entry, 0).card.due <= at)
    self->current = steal_entry (self->learning, 0);
  else if (self->pending->len > 0)
    self->current = steal_entry (self->pending, 0);
  else if (self->learning->len > 0 &&
           g_array_index (self->learning, Entry, 0).card.due <= at + RH_STUDY_SESSION_LEARN_AHEAD)
    self->current = steal_entry (self->learning, 0);
  else
    return;

  self->has_current = TRUE;
  refresh_current (self, at);
}

/**
 * rh_study_session_get_current:
 *
 * Returns: (transfer none) (nullable): the question to show, or %NULL
 *   once nothing is left to show now
 */
RhQuestion *
rh_study_session_get_current (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);

  return self->has_current ? self->current.question : NULL;
}

/**
 * rh_study_session_get_current_card:
 *
 * Returns: (nullable): the current question's card
 */
const RhFsrsCard *
rh_study_session_get_current_card (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);

  return self->has_current ? &self->current.card : NULL;
}

/**
 * rh_study_session_preview:
 * @out_next: (out caller-allocates): the card each grade would leave
 *
 * Returns: %FALSE when no card is shown
 */
gboolean
rh_study_session_preview (RhStudySession *self,
                          gint64          at,
                          RhFsrsCard      out_next[RH_FSRS_N_GRADES])
{
  RhFsrsParams params;

  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);

  if (!self->has_current)
    return FALSE;

  rh_study_settings_get_fsrs_params (&self->settings, &params);

  /* The log refuses a review earlier than the last one: so does this. */
  return rh_fsrs_preview (&params, &self->current.card, MAX (at, self->current.card.last_review), out_next, NULL);
}

static gboolean
is_learning (RhFsrsState state)
{
  return state == RH_FSRS_STATE_LEARNING || state == RH_FSRS_STATE_RELEARNING;
}

/**
 * rh_study_session_grade:
 * @at: now, in Unix seconds
 * @duration_ms: how long the answer took, or -1
 *
 * Records the grade of the current card in the log, sends the card to
 * a learning step or out of the session, and shows the next.
 *
 * Returns: (transfer full) (nullable): the review recorded
 */
RhReview *
rh_study_session_grade (RhStudySession *self,
                        RhFsrsGrade     grade,
                        gint64          at,
                        gint64          duration_ms,
                        GError        **error)
{
  RhReview   *review;
  RhSubtopic *subtopic;
  Done        done = { 0 };

  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->has_current || (subtopic = rh_question_get_subtopic (self->current.question)) == NULL)
    {
      g_set_error_literal (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_INVALID, _ ("There is no card to grade"));
      return NULL;
    }

  review = rh_review_log_grade (self->log, rh_subtopic_get_path (subtopic), rh_question_get_id (self->current.question),
                                grade, MAX (at, self->current.card.last_review), duration_ms, &self->settings, error);
  if (review == NULL)
    return NULL;

  done.uid = g_strdup (review->uid);
  done.entry = self->current;
  done.entry.question = g_object_ref (self->current.question);
  done.grade = grade;
  done.duration_ms = MAX (duration_ms, 0);
  done.learning = is_learning (review->after.state);
  g_array_append_val (self->done, done);

  if (done.learning)
    {
      Entry entry = { g_steal_pointer (&self->current.question), review->after, TRUE };

      insert_learning (self, &entry);
    }
  else
    {
      g_clear_object (&self->current.question);
      self->n_finished++;
    }
  self->has_current = FALSE;

  if (grade == RH_FSRS_GRADE_AGAIN)
    self->n_again++;
  self->duration_ms += done.duration_ms;

  rh_study_session_advance (self, at);

  return review;
}

gboolean
rh_study_session_can_undo (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);

  return self->done->len > 0;
}

static void
put_back_current (RhStudySession *self)
{
  if (!self->has_current)
    return;

  if (self->current.from_learning)
    insert_learning (self, &self->current);
  else
    g_array_prepend_val (self->pending, self->current);

  self->current.question = NULL;
  self->has_current = FALSE;
}

/**
 * rh_study_session_undo:
 *
 * Takes the session's latest grade back, in the log too, and shows its
 * card again as it was.
 *
 * Returns: (transfer full) (nullable): the review taken back; %NULL
 *   when there is none (%RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO) or the
 *   log refused
 */
RhReview *
rh_study_session_undo (RhStudySession *self,
                       GError        **error)
{
  RhReview *review;
  Done     *done;

  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->done->len == 0)
    {
      g_set_error_literal (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO,
                           _ ("There is no review to undo"));
      return NULL;
    }

  done = &g_array_index (self->done, Done, self->done->len - 1);
  review = rh_review_log_undo (self->log, done->uid, error);
  if (review == NULL)
    return NULL;

  put_back_current (self);

  if (done->learning)
    {
      for (guint i = 0; i < self->learning->len; i++)
        if (g_array_index (self->learning, Entry, i).question == done->entry.question)
          {
            g_array_remove_index (self->learning, i);
            break;
          }
    }
  else
    self->n_finished--;

  if (done->grade == RH_FSRS_GRADE_AGAIN)
    self->n_again--;
  self->duration_ms -= done->duration_ms;

  self->current = done->entry;
  done->entry.question = NULL;
  self->has_current = TRUE;
  g_array_set_size (self->done, self->done->len - 1);

  return review;
}

/**
 * rh_study_session_get_n_left:
 *
 * Returns: the cards still to show, the current one and those in a
 *   learning step included
 */
guint
rh_study_session_get_n_left (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  return self->pending->len + self->learning->len + (self->has_current ? 1 : 0);
}

/**
 * rh_study_session_get_n_finished:
 *
 * Returns: the cards graded out of the session
 */
guint
rh_study_session_get_n_finished (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  return self->n_finished;
}

/**
 * rh_study_session_get_n_studied:
 *
 * Returns: the cards graded at least once in the session
 */
guint
rh_study_session_get_n_studied (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  /* A graded card has either left the session or waits in learning,
   * unless it is the one shown again now. */
  return self->n_finished + self->learning->len + (self->has_current && self->current.from_learning ? 1 : 0);
}

/**
 * rh_study_session_get_n_reviews:
 *
 * Returns: the grades given in the session, a card graded twice
 *   counting twice
 */
guint
rh_study_session_get_n_reviews (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  return self->done->len;
}

guint
rh_study_session_get_n_again (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  return self->n_again;
}

/**
 * rh_study_session_get_duration_ms:
 *
 * Returns: the time taken over the session's answers
 */
gint64
rh_study_session_get_duration_ms (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  return self->duration_ms;
}

/**
 * rh_study_session_get_next_learning_due:
 *
 * Returns: when the session's next learning card falls due, or 0 when
 *   it holds none
 */
gint64
rh_study_session_get_next_learning_due (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);

  return self->learning->len > 0 ? g_array_index (self->learning, Entry, 0).card.due : 0;
}
