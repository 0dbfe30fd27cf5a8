/* rh-review-log.c
 *
 * The review log: every answer the user grades is one row of the state
 * database, and that log is the truth about what they know. The state
 * of each card (when it is due, its stability and difficulty) follows
 * from replaying the log through the FSRS scheduler; the cards table
 * keeps the result so that building a day's queue reads one row per
 * card rather than every review. rh_review_log_rebuild() replays the
 * whole log and puts the cache right, after a merge or a damaged write.
 *
 * Every write is its own BEGIN IMMEDIATE transaction on the state's
 * connection, and reads the card inside it: another process (the
 * command line, a second window) may have graded it meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "rh-review-log.h"
#include "rh-sqlite.h"
#include "rh-state-private.h"

G_DEFINE_BOXED_TYPE (RhReview, rh_review, rh_review_copy, rh_review_free)

/* clang-format off */
G_DEFINE_QUARK (rh-review-log-error-quark, rh_review_log_error)
/* clang-format on */

#define REVIEW_COLUMNS                                                                  \
  "id, uid, path, question_id, grade, reviewed_at, elapsed_days, duration_ms,"          \
  " desired_retention, fuzz, day_offset,"                                               \
  " state_before, due_before, last_review_before, stability_before, difficulty_before," \
  " scheduled_days_before, learning_step_before, reps_before, lapses_before,"           \
  " state_after, due_after, stability_after, difficulty_after, scheduled_days_after,"   \
  " learning_step_after, reps_after, lapses_after"

#define CARD_COLUMNS \
  "state, due, last_review, stability, difficulty, scheduled_days, learning_step, reps, lapses"

typedef enum
{
  STMT_GET_CARD,
  STMT_PUT_CARD,
  STMT_DELETE_CARD,
  STMT_ALL_CARDS,
  STMT_CARDS_UNDER,
  STMT_INSERT_REVIEW,
  STMT_LAST_REVIEW,
  STMT_REVIEW_BY_UID,
  STMT_LATER_REVIEW,
  STMT_DELETE_REVIEW,
  STMT_CARD_REVIEWS,
  STMT_ALL_REVIEWS,
  STMT_COUNT_DAY,
  STMT_COUNT_REVIEWS,
  N_STMTS
} Statement;

static const char *const statement_sql[N_STMTS] = {
  [STMT_GET_CARD] = "SELECT " CARD_COLUMNS " FROM cards WHERE path = ?1 AND question_id = ?2",
  [STMT_PUT_CARD] = "INSERT OR REPLACE INTO cards (path, question_id, " CARD_COLUMNS ")"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [STMT_DELETE_CARD] = "DELETE FROM cards WHERE path = ?1 AND question_id = ?2",
  [STMT_ALL_CARDS] = "SELECT path, question_id, " CARD_COLUMNS " FROM cards ORDER BY path, question_id",
  /* The primary key's range; paths of the same prefix that are not
   * under it (/python-extra for /python) are skipped by the caller.
   */
  [STMT_CARDS_UNDER] = "SELECT path, question_id, " CARD_COLUMNS " FROM cards"
                       " WHERE path >= ?1 AND path < ?2 ORDER BY path, question_id",
  [STMT_INSERT_REVIEW] = "INSERT INTO reviews (" REVIEW_COLUMNS ") VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                         " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
  [STMT_LAST_REVIEW] = "SELECT " REVIEW_COLUMNS " FROM reviews ORDER BY id DESC LIMIT 1",
  [STMT_REVIEW_BY_UID] = "SELECT " REVIEW_COLUMNS " FROM reviews WHERE uid = ?1",
  [STMT_LATER_REVIEW] = "SELECT 1 FROM reviews WHERE path = ?1 AND question_id = ?2"
                        " AND (reviewed_at > ?3 OR (reviewed_at = ?3 AND id > ?4)) LIMIT 1",
  [STMT_DELETE_REVIEW] = "DELETE FROM reviews WHERE id = ?1",
  [STMT_CARD_REVIEWS] = "SELECT " REVIEW_COLUMNS " FROM reviews WHERE path = ?1 AND question_id = ?2"
                        " ORDER BY reviewed_at, id",
  [STMT_ALL_REVIEWS] = "SELECT " REVIEW_COLUMNS " FROM reviews ORDER BY path, question_id, reviewed_at, id",
  [STMT_COUNT_DAY] = "SELECT state_before, count(*) FROM reviews"
                     " WHERE reviewed_at >= ?1 AND reviewed_at < ?2 GROUP BY state_before",
  [STMT_COUNT_REVIEWS] = "SELECT count(*) FROM reviews",
};

struct _RhReviewLog
{
  GObject parent_instance;

  RhState      *state;
  sqlite3      *db; /* the state's, which this holds a reference to */
  sqlite3_stmt *statements[N_STMTS];
};

G_DEFINE_FINAL_TYPE (RhReviewLog, rh_review_log, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * rh_review_copy:
 *
 * Returns: (transfer full): a copy of @self
 */
RhReview *
rh_review_copy (const RhReview *self)
{
  RhReview *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->uid = g_strdup (self->uid);
  copy->path = g_strdup (self->path);
  copy->question_id = g_strdup (self->question_id);

  return copy;
}

void
rh_review_free (RhReview *self)
{
  if (self == NULL)
    return;

  g_free (self->uid);
  g_free (self->path);
  g_free (self->question_id);
  g_free (self);
}

static void
rh_review_log_finalize (GObject *object)
{
  RhReviewLog *self = (RhReviewLog *) object;

  /* Before the state goes: it cannot close a connection with these. */
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (rh_review_log_parent_class)->finalize (object);
}

static void
rh_review_log_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RhReviewLog *self = RH_REVIEW_LOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_review_log_class_init (RhReviewLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_review_log_finalize;
  object_class->get_property = rh_review_log_get_property;

  properties[PROP_STATE] =
      g_param_spec_object ("state", NULL, NULL, RH_TYPE_STATE,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_review_log_init (RhReviewLog *self)
{
}

static const RhSqliteErrors review_log_errors = {
  rh_review_log_error_quark,
  RH_REVIEW_LOG_ERROR_FAILED,
  RH_REVIEW_LOG_ERROR_FAILED,
  N_ ("Could not write the review log"),
  NULL,
  RH_REVIEW_LOG_ERROR_FAILED,
  RH_REVIEW_LOG_ERROR_FAILED,
};

/* SQLite's own words follow a translated sentence saying what failed,
 * or, when the disk refused the write, why in the user's. */
static gboolean
set_sqlite_error (RhReviewLog *self,
                  GError     **error,
                  int          rc,
                  const char  *doing)
{
  return rh_sqlite_set_error (error, &review_log_errors, self->db, rc, doing);
}

static gboolean
read_error (RhReviewLog *self,
            GError     **error,
            int          rc)
{
  return set_sqlite_error (self, error, rc, _ ("Could not read the review log"));
}

static gboolean
write_error (RhReviewLog *self,
             GError     **error,
             int          rc)
{
  return set_sqlite_error (self, error, rc, _ ("Could not write the review log"));
}

static gboolean
exec (RhReviewLog *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return write_error (self, error, rc);

  return TRUE;
}

static gboolean
begin (RhReviewLog *self,
       GError     **error)
{
  g_autoptr (GError) refusal = NULL;

  /* A state on a full disk or a read-only folder is read alone. */
  if (!rh_state_check_writable (self->state, _ ("Could not write the review log"), &refusal))
    {
      g_set_error_literal (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_FAILED, refusal->message);
      return FALSE;
    }

  /* IMMEDIATE takes the write lock before the card is read, so no other
   * process can grade it between the read and the write.
   */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (RhReviewLog *self,
        GError     **error)
{
  if (exec (self, "COMMIT", error))
    return TRUE;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return FALSE;
}

static void
rollback (RhReviewLog *self)
{
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Statements come back reset, with their bindings cleared. */
static sqlite3_stmt *
statement (RhReviewLog *self,
           Statement    which)
{
  sqlite3_stmt *stmt = self->statements[which];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return stmt;
}

static gboolean
step_done (RhReviewLog  *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return write_error (self, error, rc);

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_key (sqlite3_stmt *stmt,
          const char   *path,
          const char   *question_id)
{
  bind_text (stmt, 1, path);
  bind_text (stmt, 2, question_id);
}

/* Reads the card columns from @column on, in CARD_COLUMNS's order. */
static gboolean
card_from_columns (sqlite3_stmt *stmt,
                   int           column,
                   RhFsrsCard   *card)
{
  if (!rh_fsrs_state_from_string ((const char *) sqlite3_column_text (stmt, column), &card->state))
    return FALSE;

  card->due = sqlite3_column_int64 (stmt, column + 1);
  card->last_review = sqlite3_column_int64 (stmt, column + 2);
  card->stability = sqlite3_column_double (stmt, column + 3);
  card->difficulty = sqlite3_column_double (stmt, column + 4);
  card->scheduled_days = (guint) sqlite3_column_int64 (stmt, column + 5);
  card->learning_step = (guint) sqlite3_column_int64 (stmt, column + 6);
  card->reps = (guint) sqlite3_column_int64 (stmt, column + 7);
  card->lapses = (guint) sqlite3_column_int64 (stmt, column + 8);

  return TRUE;
}

static gboolean
invalid_card (GError    **error,
              const char *path,
              const char *question_id)
{
  g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_INVALID,
               _ ("The stored card of %s#%s is not valid"), path, question_id);
  return FALSE;
}

static gboolean
read_card (RhReviewLog *self,
           const char  *path,
           const char  *question_id,
           RhFsrsCard  *out_card,
           gboolean    *out_found,
           GError     **error)
{
  sqlite3_stmt *stmt = statement (self, STMT_GET_CARD);
  gboolean      valid = TRUE;
  int           rc;

  bind_key (stmt, path, question_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    valid = card_from_columns (stmt, 0, out_card);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return read_error (self, error, rc);
  if (!valid)
    return invalid_card (error, path, question_id);

  *out_found = rc == SQLITE_ROW;

  return TRUE;
}

static gboolean
write_card (RhReviewLog      *self,
            const char       *path,
            const char       *question_id,
            const RhFsrsCard *card,
            GError          **error)
{
  sqlite3_stmt *stmt = statement (self, STMT_PUT_CARD);

  bind_key (stmt, path, question_id);
  bind_text (stmt, 3, rh_fsrs_state_to_string (card->state));
  sqlite3_bind_int64 (stmt, 4, card->due);
  sqlite3_bind_int64 (stmt, 5, card->last_review);
  sqlite3_bind_double (stmt, 6, card->stability);
  sqlite3_bind_double (stmt, 7, card->difficulty);
  sqlite3_bind_int64 (stmt, 8, card->scheduled_days);
  sqlite3_bind_int64 (stmt, 9, card->learning_step);
  sqlite3_bind_int64 (stmt, 10, card->reps);
  sqlite3_bind_int64 (stmt, 11, card->lapses);

  return step_done (self, stmt, error);
}

static gboolean
delete_card (RhReviewLog *self,
             const char  *path,
             const char  *question_id,
             GError     **error)
{
  sqlite3_stmt *stmt = statement (self, STMT_DELETE_CARD);

  bind_key (stmt, path, question_id);

  return step_done (self, stmt, error);
}

/* Column 0 is the row's id, which only this machine knows. */
static RhReview *
review_from_row (sqlite3_stmt *stmt,
                 gint64       *out_id,
                 GError      **error)
{
  g_autoptr (RhReview) review = g_new0 (RhReview, 1);

  *out_id = sqlite3_column_int64 (stmt, 0);
  review->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  review->path = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  review->question_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  review->reviewed_at = sqlite3_column_int64 (stmt, 5);
  review->elapsed_days = (guint) sqlite3_column_int64 (stmt, 6);
  review->duration_ms = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  review->desired_retention = sqlite3_column_double (stmt, 8);
  review->interval_fuzz = sqlite3_column_int64 (stmt, 9) != 0;
  review->day_offset = (int) sqlite3_column_int64 (stmt, 10);

  if (!rh_fsrs_grade_from_string ((const char *) sqlite3_column_text (stmt, 4), &review->grade) ||
      !rh_fsrs_state_from_string ((const char *) sqlite3_column_text (stmt, 11), &review->before.state) ||
      !rh_fsrs_state_from_string ((const char *) sqlite3_column_text (stmt, 20), &review->after.state))
    {
      g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_INVALID,
                   _ ("The review %s in the log is not valid"), review->uid);
      return NULL;
    }

  review->before.due = sqlite3_column_int64 (stmt, 12);
  review->before.last_review = sqlite3_column_int64 (stmt, 13);
  review->before.stability = sqlite3_column_double (stmt, 14);
  review->before.difficulty = sqlite3_column_double (stmt, 15);
  review->before.scheduled_days = (guint) sqlite3_column_int64 (stmt, 16);
  review->before.learning_step = (guint) sqlite3_column_int64 (stmt, 17);
  review->before.reps = (guint) sqlite3_column_int64 (stmt, 18);
  review->before.lapses = (guint) sqlite3_column_int64 (stmt, 19);

  review->after.due = sqlite3_column_int64 (stmt, 21);
  review->after.last_review = review->reviewed_at;
  review->after.stability = sqlite3_column_double (stmt, 22);
  review->after.difficulty = sqlite3_column_double (stmt, 23);
  review->after.scheduled_days = (guint) sqlite3_column_int64 (stmt, 24);
  review->after.learning_step = (guint) sqlite3_column_int64 (stmt, 25);
  review->after.reps = (guint) sqlite3_column_int64 (stmt, 26);
  review->after.lapses = (guint) sqlite3_column_int64 (stmt, 27);

  return g_steal_pointer (&review);
}

static gboolean
insert_review (RhReviewLog    *self,
               const RhReview *review,
               GError        **error)
{
  sqlite3_stmt     *stmt = statement (self, STMT_INSERT_REVIEW);
  const RhFsrsCard *before = &review->before;
  const RhFsrsCard *after = &review->after;

  bind_text (stmt, 1, review->uid);
  bind_text (stmt, 2, review->path);
  bind_text (stmt, 3, review->question_id);
  bind_text (stmt, 4, rh_fsrs_grade_to_string (review->grade));
  sqlite3_bind_int64 (stmt, 5, review->reviewed_at);
  sqlite3_bind_int64 (stmt, 6, review->elapsed_days);
  if (review->duration_ms >= 0)
    sqlite3_bind_int64 (stmt, 7, review->duration_ms);
  sqlite3_bind_double (stmt, 8, review->desired_retention);
  sqlite3_bind_int (stmt, 9, review->interval_fuzz ? 1 : 0);
  sqlite3_bind_int (stmt, 10, review->day_offset);

  bind_text (stmt, 11, rh_fsrs_state_to_string (before->state));
  sqlite3_bind_int64 (stmt, 12, before->due);
  /* A new card has no previous review; 0 would read as 1970. */
  if (before->state != RH_FSRS_STATE_NEW || before->reps > 0)
    sqlite3_bind_int64 (stmt, 13, before->last_review);
  sqlite3_bind_double (stmt, 14, before->stability);
  sqlite3_bind_double (stmt, 15, before->difficulty);
  sqlite3_bind_int64 (stmt, 16, before->scheduled_days);
  sqlite3_bind_int64 (stmt, 17, before->learning_step);
  sqlite3_bind_int64 (stmt, 18, before->reps);
  sqlite3_bind_int64 (stmt, 19, before->lapses);

  bind_text (stmt, 20, rh_fsrs_state_to_string (after->state));
  sqlite3_bind_int64 (stmt, 21, after->due);
  sqlite3_bind_double (stmt, 22, after->stability);
  sqlite3_bind_double (stmt, 23, after->difficulty);
  sqlite3_bind_int64 (stmt, 24, after->scheduled_days);
  sqlite3_bind_int64 (stmt, 25, after->learning_step);
  sqlite3_bind_int64 (stmt, 26, after->reps);
  sqlite3_bind_int64 (stmt, 27, after->lapses);

  return step_done (self, stmt, error);
}

static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (time);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : g_strdup_printf ("%" G_GINT64_FORMAT, time);
}

/* One step of a replay: the card after @review, scheduled with the
 * settings the review recorded rather than today's.
 */
static gboolean
replay_review (RhFsrsCard     *card,
               gboolean        first,
               const RhReview *review,
               GError        **error)
{
  RhStudySettings settings;
  RhFsrsParams    params;

  rh_study_settings_init_default (&settings);
  settings.desired_retention = review->desired_retention;
  settings.interval_fuzz = review->interval_fuzz;
  settings.day_offset = review->day_offset;

  if (first)
    rh_fsrs_card_init_new (card, review->reviewed_at);

  rh_study_settings_get_fsrs_params (&settings, &params);
  if (!rh_fsrs_params_is_valid (&params) ||
      !rh_fsrs_review (&params, card, review->reviewed_at, review->grade, card, NULL))
    {
      g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_INVALID,
                   _ ("The review %s in the log cannot be replayed"), review->uid);
      return FALSE;
    }

  return TRUE;
}

static gboolean
replay_card (RhReviewLog *self,
             const char  *path,
             const char  *question_id,
             RhFsrsCard  *out_card,
             gboolean    *out_found,
             GError     **error)
{
  sqlite3_stmt *stmt = statement (self, STMT_CARD_REVIEWS);
  RhFsrsCard    card = { 0 };
  guint         n = 0;
  int           rc;

  bind_key (stmt, path, question_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RhReview) review = NULL;
      gint64               id;

      if (!(review = review_from_row (stmt, &id, error)) ||
          !replay_review (&card, n == 0, review, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      n++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return read_error (self, error, rc);

  *out_card = card;
  *out_found = n > 0;

  return TRUE;
}

/**
 * rh_review_log_new:
 * @state: the open state database, which the log keeps a reference to
 *
 * Returns: (transfer full) (nullable): the log, on @state's connection
 *   and thread
 */
RhReviewLog *
rh_review_log_new (RhState *state,
                   GError **error)
{
  g_autoptr (RhReviewLog) self = NULL;

  g_return_val_if_fail (RH_IS_STATE (state), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RH_TYPE_REVIEW_LOG, NULL);
  self->state = g_object_ref (state);
  self->db = _rh_state_get_db (state);

  for (guint i = 0; i < N_STMTS; i++)
    {
      int rc = sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->statements[i], NULL);

      if (rc != SQLITE_OK)
        {
          g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_FAILED,
                       _ ("The state database does not have the review log’s tables: %s"),
                       sqlite3_errmsg (self->db));
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * rh_review_log_get_state:
 *
 * Returns: (transfer none): the state database the log lives in
 */
RhState *
rh_review_log_get_state (RhReviewLog *self)
{
  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), NULL);

  return self->state;
}

/**
 * rh_review_log_grade:
 * @path: the question's page path
 * @question_id: the question's id
 * @grade: how well the user answered
 * @at: when, in Unix seconds
 * @duration_ms: how long the answer took, or -1 when not known
 * @settings: retention, fuzz and study day to schedule with
 *
 * Records one review and updates the card, in one transaction. A card
 * never reviewed starts as new, due at @at. The log must stay in time
 * order for each card, so @at may not be earlier than the card's last
 * review (%RH_REVIEW_LOG_ERROR_OUT_OF_ORDER): a caller that reads the
 * clock should pass no less than the card's last_review.
 *
 * Returns: (transfer full) (nullable): the review recorded, with the
 *   card before and after it
 */
RhReview *
rh_review_log_grade (RhReviewLog           *self,
                     const char            *path,
                     const char            *question_id,
                     RhFsrsGrade            grade,
                     gint64                 at,
                     gint64                 duration_ms,
                     const RhStudySettings *settings,
                     GError               **error)
{
  g_autoptr (RhReview) review = NULL;
  RhFsrsParams         params;
  gboolean             found = FALSE;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), NULL);
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (question_id != NULL && *question_id != '\0', NULL);
  g_return_val_if_fail ((guint) grade <= RH_FSRS_GRADE_EASY, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rh_study_settings_is_valid (settings))
    {
      g_set_error_literal (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_INVALID,
                           _ ("The study settings are not valid"));
      return NULL;
    }
  rh_study_settings_get_fsrs_params (settings, &params);

  review = g_new0 (RhReview, 1);
  review->uid = g_uuid_string_random ();
  review->path = g_strdup (path);
  review->question_id = g_strdup (question_id);
  review->grade = grade;
  review->reviewed_at = at;
  review->duration_ms = duration_ms >= 0 ? duration_ms : -1;
  review->desired_retention = settings->desired_retention;
  review->interval_fuzz = settings->interval_fuzz;
  review->day_offset = settings->day_offset;

  if (!begin (self, error))
    return NULL;

  if (!read_card (self, path, question_id, &review->before, &found, error))
    goto fail;

  if (!found)
    rh_fsrs_card_init_new (&review->before, at);
  else if (at < review->before.last_review)
    {
      g_autofree char *last = format_time (review->before.last_review);
      g_autofree char *when = format_time (at);

      g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_OUT_OF_ORDER,
                   _ ("%s#%s was last reviewed at %s, later than %s"), path, question_id, last, when);
      goto fail;
    }

  if (!rh_fsrs_review (&params, &review->before, at, grade, &review->after, &review->elapsed_days))
    {
      invalid_card (error, path, question_id);
      goto fail;
    }

  if (!insert_review (self, review, error) ||
      !write_card (self, path, question_id, &review->after, error))
    goto fail;

  if (!commit (self, error))
    return NULL;

  return g_steal_pointer (&review);

fail:
  rollback (self);

  return NULL;
}

/**
 * rh_review_log_undo:
 * @uid: (nullable): the review to take back, or %NULL for the last one
 *   recorded on this machine
 *
 * Deletes a review from the log and puts its card back as the rest of
 * the log has it; a card left with no review is new again. Only a
 * card's latest review can be taken back (%RH_REVIEW_LOG_ERROR_NOT_LAST):
 * the ones after it were scheduled from it.
 *
 * Returns: (transfer full) (nullable): the review taken back
 */
RhReview *
rh_review_log_undo (RhReviewLog *self,
                    const char  *uid,
                    GError     **error)
{
  g_autoptr (RhReview) review = NULL;
  sqlite3_stmt        *stmt;
  RhFsrsCard           card;
  gboolean             found;
  gboolean             later;
  gint64               id = 0;
  int                  rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!begin (self, error))
    return NULL;

  stmt = statement (self, uid != NULL ? STMT_REVIEW_BY_UID : STMT_LAST_REVIEW);
  if (uid != NULL)
    bind_text (stmt, 1, uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    review = review_from_row (stmt, &id, error);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      read_error (self, error, rc);
      goto fail;
    }
  if (rc == SQLITE_DONE)
    {
      if (uid != NULL)
        g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO,
                     _ ("There is no review %s in the log"), uid);
      else
        g_set_error_literal (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOTHING_TO_UNDO,
                             _ ("There is no review to undo"));
      goto fail;
    }
  if (review == NULL)
    goto fail;

  stmt = statement (self, STMT_LATER_REVIEW);
  bind_key (stmt, review->path, review->question_id);
  sqlite3_bind_int64 (stmt, 3, review->reviewed_at);
  sqlite3_bind_int64 (stmt, 4, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      read_error (self, error, rc);
      goto fail;
    }
  later = rc == SQLITE_ROW;
  if (later)
    {
      g_set_error (error, RH_REVIEW_LOG_ERROR, RH_REVIEW_LOG_ERROR_NOT_LAST,
                   _ ("%s#%s was reviewed again after the review %s"),
                   review->path, review->question_id, review->uid);
      goto fail;
    }

  stmt = statement (self, STMT_DELETE_REVIEW);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error) ||
      !replay_card (self, review->path, review->question_id, &card, &found, error))
    goto fail;

  if (found ? !write_card (self, review->path, review->question_id, &card, error)
            : !delete_card (self, review->path, review->question_id, error))
    goto fail;

  if (!commit (self, error))
    return NULL;

  return g_steal_pointer (&review);

fail:
  rollback (self);

  return NULL;
}

/**
 * rh_review_log_lookup_card:
 * @out_card: (out): the card; a new one due now when there is none
 * @out_found: (out): whether the question was ever reviewed
 *
 * Reads the cache, which the log's writes keep in step.
 *
 * Returns: %TRUE unless the database could not be read
 */
gboolean
rh_review_log_lookup_card (RhReviewLog *self,
                           const char  *path,
                           const char  *question_id,
                           RhFsrsCard  *out_card,
                           gboolean    *out_found,
                           GError     **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);
  g_return_val_if_fail (out_card != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_card (self, path, question_id, out_card, &found, error))
    return FALSE;

  if (!found)
    rh_fsrs_card_init_new (out_card, g_get_real_time () / G_USEC_PER_SEC);
  if (out_found != NULL)
    *out_found = found;

  return TRUE;
}

/**
 * rh_review_log_list_reviews:
 *
 * Returns: (transfer full) (element-type RhReview) (nullable): the
 *   question's reviews, oldest first
 */
GPtrArray *
rh_review_log_list_reviews (RhReviewLog *self,
                            const char  *path,
                            const char  *question_id,
                            GError     **error)
{
  g_autoptr (GPtrArray) reviews = NULL;
  sqlite3_stmt         *stmt;
  int                   rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (question_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_review_free);
  stmt = statement (self, STMT_CARD_REVIEWS);
  bind_key (stmt, path, question_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhReview *review;
      gint64    id;

      if (!(review = review_from_row (stmt, &id, error)))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (reviews, review);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      read_error (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&reviews);
}

/**
 * rh_review_log_foreach_card:
 * @under: (nullable): a page path, or a prefix of page paths such as
 *   `/python` or `/python/concurrency`; %NULL for every card
 * @func: (scope call): called for each card
 *
 * Walks the cache of every card ever reviewed, whether or not its
 * question is still in the library, in the order of their page paths
 * and then their ids (byte by byte, as strcmp() orders them).
 */
gboolean
rh_review_log_foreach_card (RhReviewLog        *self,
                            const char         *under,
                            RhReviewLogCardFunc func,
                            gpointer            user_data,
                            GError            **error)
{
  g_autofree char *end = NULL;
  sqlite3_stmt    *stmt;
  gsize            under_length = under != NULL ? strlen (under) : 0;
  int              rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (under != NULL)
    {
      /* '0' follows '/': the range holds every path that starts with
       * @under, and the paths under it among them.
       */
      end = g_strconcat (under, "0", NULL);
      stmt = statement (self, STMT_CARDS_UNDER);
      bind_text (stmt, 1, under);
      bind_text (stmt, 2, end);
    }
  else
    stmt = statement (self, STMT_ALL_CARDS);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *path = (const char *) sqlite3_column_text (stmt, 0);
      const char *question_id = (const char *) sqlite3_column_text (stmt, 1);
      RhFsrsCard  card;

      if (under != NULL && path[under_length] != '\0' && path[under_length] != '/')
        continue;

      if (!card_from_columns (stmt, 2, &card))
        {
          invalid_card (error, path, question_id);
          sqlite3_reset (stmt);
          return FALSE;
        }
      func (path, question_id, &card, user_data);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return read_error (self, error, rc);

  return TRUE;
}

/**
 * rh_review_log_count_day:
 * @day_start: when the study day began, from
 *   rh_study_settings_get_day_start()
 * @out_n_new: (out) (optional): questions seen the first time that day
 * @out_n_review: (out) (optional): reviews of cards in review that day
 *
 * What counts against the daily limits, whatever the questions' place:
 * learning steps count against neither.
 */
gboolean
rh_review_log_count_day (RhReviewLog *self,
                         gint64       day_start,
                         guint       *out_n_new,
                         guint       *out_n_review,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  guint         n_new = 0;
  guint         n_review = 0;
  int           rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = statement (self, STMT_COUNT_DAY);
  sqlite3_bind_int64 (stmt, 1, day_start);
  sqlite3_bind_int64 (stmt, 2, day_start + 86400);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhFsrsState state;

      if (!rh_fsrs_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        continue;
      if (state == RH_FSRS_STATE_NEW)
        n_new = (guint) sqlite3_column_int64 (stmt, 1);
      else if (state == RH_FSRS_STATE_REVIEW)
        n_review = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return read_error (self, error, rc);

  if (out_n_new != NULL)
    *out_n_new = n_new;
  if (out_n_review != NULL)
    *out_n_review = n_review;

  return TRUE;
}

gboolean
rh_review_log_get_n_reviews (RhReviewLog *self,
                             gint64      *out_n_reviews,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), FALSE);
  g_return_val_if_fail (out_n_reviews != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = statement (self, STMT_COUNT_REVIEWS);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_n_reviews = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return read_error (self, error, rc);

  return TRUE;
}

/**
 * rh_review_log_replay_card:
 * @out_card: (out): the card as the log has it
 * @out_found: (out): whether the log has any review of it
 *
 * Works the card out from its reviews alone, ignoring the cache, each
 * review scheduled with the settings it recorded. It equals what
 * rh_review_log_lookup_card() reads, unless the cache is damaged.
 */
gboolean
rh_review_log_replay_card (RhReviewLog *self,
                           const char  *path,
                           const char  *question_id,
                           RhFsrsCard  *out_card,
                           gboolean    *out_found,
                           GError     **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);
  g_return_val_if_fail (out_card != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!replay_card (self, path, question_id, out_card, &found, error))
    return FALSE;

  if (out_found != NULL)
    *out_found = found;

  return TRUE;
}

typedef struct
{
  char      *path;
  char      *question_id;
  RhFsrsCard card;
  gboolean delete;
} Fix;

static void
fix_clear (gpointer data)
{
  Fix *fix = data;

  g_free (fix->path);
  g_free (fix->question_id);
}

static char *
make_key (const char *path,
          const char *question_id)
{
  /* Paths never hold a newline. */
  return g_strconcat (path, "\n", question_id, NULL);
}

static void
remember_card (const char       *path,
               const char       *question_id,
               const RhFsrsCard *card,
               gpointer          user_data)
{
  g_hash_table_insert (user_data, make_key (path, question_id), g_memdup2 (card, sizeof *card));
}

static void
check_replayed (GHashTable       *cached,
                GArray           *fixes,
                const char       *path,
                const char       *question_id,
                const RhFsrsCard *card)
{
  g_autofree char  *key = make_key (path, question_id);
  const RhFsrsCard *stored = g_hash_table_lookup (cached, key);

  if (stored == NULL || !rh_review_log_card_equal (stored, card))
    {
      Fix fix = { g_strdup (path), g_strdup (question_id), *card, FALSE };

      g_array_append_val (fixes, fix);
    }
  g_hash_table_remove (cached, key);
}

/**
 * rh_review_log_rebuild:
 * @out_n_fixed: (out) (optional): how many cards of the cache were
 *   wrong, missing or left over
 *
 * Replays the whole log, in one transaction, and writes every card of
 * the cache that differs from it; a card with no review left goes.
 * With a sound cache it writes nothing.
 */
gboolean
rh_review_log_rebuild (RhReviewLog *self,
                       guint       *out_n_fixed,
                       GError     **error)
{
  g_autoptr (GHashTable) cached = NULL;
  g_autoptr (GArray)     fixes = NULL;
  g_autofree char       *path = NULL;
  g_autofree char       *question_id = NULL;
  GHashTableIter         iter;
  gpointer               key;
  sqlite3_stmt          *stmt;
  RhFsrsCard             card = { 0 };
  int                    rc;

  g_return_val_if_fail (RH_IS_REVIEW_LOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_fixed != NULL)
    *out_n_fixed = 0;

  cached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixes = g_array_new (FALSE, FALSE, sizeof (Fix));
  g_array_set_clear_func (fixes, fix_clear);

  if (!begin (self, error))
    return FALSE;

  if (!rh_review_log_foreach_card (self, NULL, remember_card, cached, error))
    goto fail;

  /* In card order, each card's reviews oldest first. */
  stmt = statement (self, STMT_ALL_REVIEWS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RhReview) review = NULL;
      gboolean             first;
      gint64               id;

      if (!(review = review_from_row (stmt, &id, error)))
        {
          sqlite3_reset (stmt);
          goto fail;
        }

      first = path == NULL || !g_str_equal (path, review->path) || !g_str_equal (question_id, review->question_id);
      if (first && path != NULL)
        check_replayed (cached, fixes, path, question_id, &card);
      if (first)
        {
          g_free (path);
          g_free (question_id);
          path = g_strdup (review->path);
          question_id = g_strdup (review->question_id);
        }

      if (!replay_review (&card, first, review, error))
        {
          sqlite3_reset (stmt);
          goto fail;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      read_error (self, error, rc);
      goto fail;
    }
  if (path != NULL)
    check_replayed (cached, fixes, path, question_id, &card);

  /* What is left in the cache has no review behind it. */
  g_hash_table_iter_init (&iter, cached);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_auto (GStrv) parts = g_strsplit (key, "\n", 2);
      Fix            fix = { g_strdup (parts[0]), g_strdup (parts[1]), { 0 }, TRUE };

      g_array_append_val (fixes, fix);
    }

  for (guint i = 0; i < fixes->len; i++)
    {
      const Fix *fix = &g_array_index (fixes, Fix, i);

      if (fix->delete ? !delete_card (self, fix->path, fix->question_id, error)
                      : !write_card (self, fix->path, fix->question_id, &fix->card, error))
        goto fail;
    }

  if (!commit (self, error))
    return FALSE;

  if (out_n_fixed != NULL)
    *out_n_fixed = fixes->len;

  return TRUE;

fail:
  rollback (self);

  return FALSE;
}

/**
 * rh_review_log_card_equal:
 *
 * Returns: whether @a and @b are the same card, field by field and
 *   bit for bit: a replay must give back exactly what was stored
 */
gboolean
rh_review_log_card_equal (const RhFsrsCard *a,
                          const RhFsrsCard *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->state == b->state &&
         a->due == b->due &&
         a->last_review == b->last_review &&
         a->stability == b->stability &&
         a->difficulty == b->difficulty &&
         a->scheduled_days == b->scheduled_days &&
         a->learning_step == b->learning_step &&
         a->reps == b->reps &&
         a->lapses == b->lapses;
}
