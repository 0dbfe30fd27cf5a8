/* rh-state.c
 *
 * What the user has done, as opposed to what the content says:
 * bookmarks and a few small values, in one SQLite database in the
 * user's data directory, which rh-state-database.c opens and checks.
 * None of it may be lost: every write is its own transaction, a
 * database that cannot be read is moved aside rather than replaced, and
 * questions are named by page path and id so that bookmarks outlive the
 * content they point at. On a full disk or a read-only folder the state
 * opens to be read alone: everything is shown, and every change fails
 * saying why.
 *
 * An RhState belongs to the thread that opened it (the main thread in
 * the application); its connection is opened without SQLite's mutexes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "rh-bookmarks-file.h"
#include "rh-sqlite.h"
#include "rh-state-database.h"
#include "rh-state-private.h"
#include "rh-state.h"
#include "rh-subtopic.h"
#include "rh-topic.h"
#include "rh-write-error.h"

typedef enum
{
  STMT_EXISTS,
  STMT_INSERT,
  STMT_DELETE,
  STMT_LIST,
  STMT_MERGE,
  STMT_COUNT,
  STMT_GET_VALUE,
  STMT_SET_VALUE,
  STMT_DELETE_VALUE,
  N_STMTS
} Statement;

static const char *const statement_sql[N_STMTS] = {
  [STMT_EXISTS] = "SELECT 1 FROM bookmarks WHERE path = ?1 AND question_id = ?2",
  [STMT_INSERT] =
      "INSERT INTO bookmarks (path, question_id, question, framework, topic, subtopic, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_DELETE] = "DELETE FROM bookmarks WHERE path = ?1 AND question_id = ?2",
  [STMT_LIST] =
      "SELECT path, question_id, question, framework, topic, subtopic, created_at"
      " FROM bookmarks ORDER BY created_at DESC, rowid DESC",
  /* Importing never loses what is already here: the earlier date wins,
   * and a stored text is only filled in where it was empty.
   */
  [STMT_MERGE] =
      "INSERT INTO bookmarks (path, question_id, question, framework, topic, subtopic, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (path, question_id) DO UPDATE SET"
      "  created_at = min(created_at, excluded.created_at),"
      "  question = CASE WHEN question = '' THEN excluded.question ELSE question END,"
      "  framework = CASE WHEN framework = '' THEN excluded.framework ELSE framework END,"
      "  topic = CASE WHEN topic = '' THEN excluded.topic ELSE topic END,"
      "  subtopic = CASE WHEN subtopic = '' THEN excluded.subtopic ELSE subtopic END",
  [STMT_COUNT] = "SELECT count(*) FROM bookmarks",
  [STMT_GET_VALUE] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_SET_VALUE] =
      "INSERT INTO meta (key, value) VALUES (?1, ?2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_DELETE_VALUE] = "DELETE FROM meta WHERE key = ?1",
};

struct _RhState
{
  GObject parent_instance;

  char         *path;
  sqlite3      *db;
  int           refusal; /* why nothing can be written, an errno; 0 when it can */
  sqlite3_stmt *statements[N_STMTS];
  GListStore   *bookmarks; /* RhBookmark, newest first */
  GHashTable   *by_ref; /* RhQuestionRef → RhBookmark, both owned by the store */
  GWeakRef      library; /* the one last given to rh_state_mark_missing() */
  guint64       writes; /* bookmark changes made through this object */
};

G_DEFINE_FINAL_TYPE (RhState, rh_state, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (rh-state-error-quark, rh_state_error)
/* clang-format on */

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  BOOKMARKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rh_state_finalize (GObject *object)
{
  RhState *self = (RhState *) object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);

  /* Closing the last connection checkpoints the WAL into the database
   * and removes it, so a closed state is one self-contained file.
   */
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->bookmarks);
  g_clear_pointer (&self->by_ref, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_weak_ref_clear (&self->library);

  G_OBJECT_CLASS (rh_state_parent_class)->finalize (object);
}

static void
rh_state_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhState *self = RH_STATE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_state_class_init (RhStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_state_finalize;
  object_class->get_property = rh_state_get_property;

  properties[PROP_PATH] =
      g_param_spec_string ("path", NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhState::bookmarks-changed:
   *
   * Emitted after a change to the bookmarks has been committed to disk
   * and the list model updated.
   */
  signals[BOOKMARKS_CHANGED] =
      g_signal_new ("bookmarks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_state_init (RhState *self)
{
  self->bookmarks = g_list_store_new (RH_TYPE_BOOKMARK);
  self->by_ref = g_hash_table_new (rh_question_ref_hash, rh_question_ref_equal);
  g_weak_ref_init (&self->library, NULL);
}

/* Statements come back reset, with their bindings cleared. */
static sqlite3_stmt *
statement (RhState  *self,
           Statement which)
{
  sqlite3_stmt *stmt = self->statements[which];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_ref (sqlite3_stmt        *stmt,
          const RhQuestionRef *ref)
{
  bind_text (stmt, 1, rh_question_ref_get_path (ref));
  bind_text (stmt, 2, rh_question_ref_get_question_id (ref));
}

/* For STMT_INSERT and STMT_MERGE. */
static void
bind_bookmark (sqlite3_stmt *stmt,
               RhBookmark   *bookmark)
{
  bind_ref (stmt, rh_bookmark_get_ref (bookmark));
  bind_text (stmt, 3, rh_bookmark_get_question (bookmark));
  bind_text (stmt, 4, rh_bookmark_get_framework (bookmark));
  bind_text (stmt, 5, rh_bookmark_get_topic (bookmark));
  bind_text (stmt, 6, rh_bookmark_get_subtopic (bookmark));
  sqlite3_bind_int64 (stmt, 7, rh_bookmark_get_created_at (bookmark));
}

static RhBookmark *
bookmark_from_row (sqlite3_stmt *stmt)
{
  g_autoptr (RhQuestionRef) ref = rh_question_ref_new ((const char *) sqlite3_column_text (stmt, 0),
                                                       (const char *) sqlite3_column_text (stmt, 1));

  return rh_bookmark_new (ref,
                          (const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3),
                          (const char *) sqlite3_column_text (stmt, 4),
                          (const char *) sqlite3_column_text (stmt, 5),
                          sqlite3_column_int64 (stmt, 6));
}

static gboolean
is_missing (RhLibrary  *library,
            RhBookmark *bookmark)
{
  RhQuestionRef *ref = rh_bookmark_get_ref (bookmark);

  return rh_library_lookup_question (library, rh_question_ref_get_path (ref),
                                     rh_question_ref_get_question_id (ref)) == NULL;
}

static gboolean
open_database (RhState *self,
               GError **error)
{
  if (!(self->db = rh_state_database_open (self->path, &self->refusal, error)))
    return FALSE;

  /* Preparing every statement now checks the tables they need. */
  for (guint i = 0; i < N_STMTS; i++)
    {
      int rc = sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->statements[i], NULL);

      if (rc != SQLITE_OK)
        {
          g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT,
                       _ ("The state database does not have the expected tables: %s"),
                       sqlite3_errmsg (self->db));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_bookmarks (sqlite3      *db,
                sqlite3_stmt *list,
                GPtrArray    *items,
                GError      **error)
{
  int rc;

  sqlite3_reset (list);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    g_ptr_array_add (items, bookmark_from_row (list));
  sqlite3_reset (list);

  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &rh_state_database_errors, db, rc, _ ("Could not read the bookmarks"));

  return TRUE;
}

/* Puts @items, as the database lists them, in place of the model's. */
static void
replace_bookmarks (RhState   *self,
                   GPtrArray *items)
{
  g_autoptr (GHashTable) was_missing = rh_question_ref_set_new ();
  g_autoptr (RhLibrary)  library = g_weak_ref_get (&self->library);
  guint                  n_old;

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));
  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr (RhBookmark) old = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);

      if (rh_bookmark_get_missing (old))
        g_hash_table_add (was_missing, rh_question_ref_ref (rh_bookmark_get_ref (old)));
    }

  g_hash_table_remove_all (self->by_ref);
  for (guint i = 0; i < items->len; i++)
    {
      RhBookmark    *bookmark = g_ptr_array_index (items, i);
      RhQuestionRef *ref = rh_bookmark_get_ref (bookmark);

      if (library != NULL)
        rh_bookmark_set_missing (bookmark, is_missing (library, bookmark));
      else
        rh_bookmark_set_missing (bookmark, g_hash_table_contains (was_missing, ref));

      g_hash_table_insert (self->by_ref, ref, bookmark);
    }

  g_list_store_splice (self->bookmarks, 0, n_old, items->pdata, items->len);
}

static gboolean
load_bookmarks (RhState *self,
                GError **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!read_bookmarks (self->db, statement (self, STMT_LIST), items, error))
    return FALSE;

  replace_bookmarks (self, items);

  return TRUE;
}

/**
 * rh_state_get_default_path:
 *
 * Inside Flatpak the user data directory is the application's own.
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/rehearse/state.sqlite3`
 */
char *
rh_state_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rehearse", "state.sqlite3", NULL);
}

/**
 * rh_state_open:
 * @path: the database file, created with its directory when absent
 *
 * Opens the database, checks it and brings its schema up to date, one
 * transaction per version. Fails with %RH_STATE_ERROR_CORRUPT when the
 * file is not a readable Rehearse database, and with
 * %RH_STATE_ERROR_TOO_NEW when a newer Rehearse wrote it; in neither
 * case is the file changed.
 *
 * When the disk is full, or the file or its folder read-only, an
 * existing database is opened to be read alone (see
 * rh_state_is_read_only()); failing that, the error is
 * %RH_STATE_ERROR_DISK_FULL or %RH_STATE_ERROR_READ_ONLY.
 *
 * Returns: (transfer full) (nullable): the state
 */
RhState *
rh_state_open (const char *path,
               GError    **error)
{
  g_autoptr (RhState) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RH_TYPE_STATE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error) || !load_bookmarks (self, error))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* One that says what is wrong with the disk names the file. */
      if (error != NULL && strstr ((*error)->message, display) == NULL)
        g_prefix_error (error, "%s: ", display);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * rh_state_open_or_recover:
 * @out_moved_aside: (out) (optional) (nullable): where the damaged file
 *   went, or %NULL when nothing was moved
 *
 * Opens the database like rh_state_open(), and when the file cannot be
 * read as one (garbage, truncated, some other kind of file, or failing
 * its check) moves it and its `-wal` and `-shm` files aside as
 * `PATH.corrupt-YYYYMMDD-HHMMSS` and starts a fresh one. Nothing is
 * ever deleted. Other failures, a newer schema among them, are errors.
 *
 * Returns: (transfer full) (nullable): the state
 */
RhState *
rh_state_open_or_recover (const char *path,
                          char      **out_moved_aside,
                          GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char   *aside = NULL;
  RhState           *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_moved_aside != NULL)
    *out_moved_aside = NULL;

  if ((self = rh_state_open (path, &local_error)))
    return self;

  if (!g_error_matches (local_error, RH_STATE_ERROR, RH_STATE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("%s", local_error->message);

  if (!rh_state_database_move_aside (path, &aside, error))
    return NULL;

  if (!(self = rh_state_open (path, error)))
    return NULL;

  if (out_moved_aside != NULL)
    *out_moved_aside = g_steal_pointer (&aside);

  return self;
}

const char *
rh_state_get_path (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return self->path;
}

/**
 * rh_state_is_read_only:
 *
 * Returns: whether the state was opened to be read alone, because the
 *   disk is full or the file or its folder read-only; every change then
 *   fails, saying so
 */
gboolean
rh_state_is_read_only (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), FALSE);

  return self->refusal != 0;
}

/**
 * rh_state_check_writable:
 * @doing: a translated sentence saying what is to be written, such as
 *   "Could not save the bookmarks"
 *
 * Fails when the state can only be read, with an error that follows
 * @doing with why: "in FILE: the disk is full" (%RH_STATE_ERROR_DISK_FULL),
 * or "the folder FOLDER is read-only" (%RH_STATE_ERROR_READ_ONLY). The
 * reason is the one found when the state was opened: freeing space
 * takes a new start.
 *
 * Returns: %TRUE when the state can be written
 */
gboolean
rh_state_check_writable (RhState    *self,
                         const char *doing,
                         GError    **error)
{
  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (doing != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->refusal == 0)
    return TRUE;

  return rh_write_error_set (error, RH_STATE_ERROR,
                             rh_sqlite_get_refusal_code (&rh_state_database_errors, self->refusal),
                             doing, self->path, self->refusal);
}

/* The review log keeps its own statements on this connection, so that
 * its writes share the state's file, lock and transactions.
 */
sqlite3 *
_rh_state_get_db (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return self->db;
}

/**
 * rh_state_is_bookmarked:
 *
 * Answers from memory, kept in step with every committed write, so
 * that rows of a question list can ask freely.
 */
gboolean
rh_state_is_bookmarked (RhState             *self,
                        const RhQuestionRef *ref)
{
  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);

  return g_hash_table_contains (self->by_ref, ref);
}

static guint
insertion_position (RhState *self,
                    gint64   created_at)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));

  /* A new row has the largest rowid, so among equal dates it is the
   * newest and goes first, as the database orders it.
   */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RhBookmark) item = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);

      if (rh_bookmark_get_created_at (item) <= created_at)
        return i;
    }

  return n;
}

static void
remember_added (RhState    *self,
                RhBookmark *bookmark)
{
  g_autoptr (RhLibrary) library = g_weak_ref_get (&self->library);

  if (library != NULL)
    rh_bookmark_set_missing (bookmark, is_missing (library, bookmark));

  g_list_store_insert (self->bookmarks, insertion_position (self, rh_bookmark_get_created_at (bookmark)), bookmark);
  g_hash_table_insert (self->by_ref, rh_bookmark_get_ref (bookmark), bookmark);
}

static void
forget_removed (RhState             *self,
                const RhQuestionRef *ref)
{
  RhBookmark *bookmark = g_hash_table_lookup (self->by_ref, ref);
  guint       position;

  if (bookmark == NULL)
    return;

  if (g_list_store_find (self->bookmarks, bookmark, &position))
    {
      g_hash_table_remove (self->by_ref, ref);
      g_list_store_remove (self->bookmarks, position);
    }
}

static gboolean
step_done (RhState      *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &rh_state_database_errors, self->db, rc, _ ("Could not save the bookmarks"));

  return TRUE;
}

/* Adds @added, or removes @ref's bookmark when @added is %NULL, in one
 * transaction.
 */
static gboolean
set_bookmarked (RhState             *self,
                const RhQuestionRef *ref,
                RhBookmark          *added,
                GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean      exists;
  int           rc;

  if (!rh_state_check_writable (self, _ ("Could not save the bookmarks"), error) ||
      !rh_sqlite_begin (self->db, &rh_state_database_errors, error))
    return FALSE;

  /* Ask the database rather than memory: it is the truth, and another
   * process may have written since.
   */
  stmt = statement (self, STMT_EXISTS);
  bind_ref (stmt, ref);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rh_sqlite_set_error (error, &rh_state_database_errors, self->db, rc, _ ("Could not read the bookmarks"));
      return rh_sqlite_rollback (self->db);
    }
  exists = rc == SQLITE_ROW;

  if (exists == (added != NULL))
    {
      if (!rh_sqlite_commit (self->db, &rh_state_database_errors, error))
        return FALSE;

      /* Another process changed it: catch up with the database. */
      if (exists != rh_state_is_bookmarked (self, ref))
        {
          if (!load_bookmarks (self, error))
            return FALSE;
          g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);
        }

      return TRUE;
    }

  if (added != NULL)
    {
      stmt = statement (self, STMT_INSERT);
      bind_bookmark (stmt, added);
    }
  else
    {
      stmt = statement (self, STMT_DELETE);
      bind_ref (stmt, ref);
    }

  if (!step_done (self, stmt, error))
    return rh_sqlite_rollback (self->db);

  if (!rh_sqlite_commit (self->db, &rh_state_database_errors, error))
    return FALSE;
  self->writes++;

  /* Memory follows only what is committed, and drops what another
   * process removed.
   */
  forget_removed (self, ref);
  if (added != NULL)
    remember_added (self, added);

  g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);

  return TRUE;
}

/**
 * rh_state_add_bookmark:
 * @bookmark: a bookmark made with rh_bookmark_new(), which the list
 *   will hold
 *
 * Adds one bookmark in its own transaction. One that exists is kept as
 * it is, with its date.
 *
 * Returns: %TRUE once the change is committed
 */
gboolean
rh_state_add_bookmark (RhState    *self,
                       RhBookmark *bookmark,
                       GError    **error)
{
  RhQuestionRef *ref;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (RH_IS_BOOKMARK (bookmark), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ref = rh_bookmark_get_ref (bookmark);
  g_return_val_if_fail (*rh_question_ref_get_path (ref) != '\0', FALSE);
  g_return_val_if_fail (*rh_question_ref_get_question_id (ref) != '\0', FALSE);

  return set_bookmarked (self, ref, bookmark, error);
}

/**
 * rh_state_remove_bookmark:
 *
 * Removes one bookmark in its own transaction; removing one that is not
 * there changes nothing.
 *
 * Returns: %TRUE once the change is committed
 */
gboolean
rh_state_remove_bookmark (RhState             *self,
                          const RhQuestionRef *ref,
                          GError             **error)
{
  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_bookmarked (self, ref, NULL, error);
}

/**
 * rh_state_toggle_bookmark:
 * @question: a question in a loaded library
 * @out_bookmarked: (out) (optional): whether it is bookmarked now
 *
 * Bookmarks @question, or removes its bookmark, by its page path and
 * id; its text and titles are copied, not referenced.
 *
 * Returns: %TRUE once the change is committed
 */
gboolean
rh_state_toggle_bookmark (RhState    *self,
                          RhQuestion *question,
                          gboolean   *out_bookmarked,
                          GError    **error)
{
  g_autoptr (RhQuestionRef) ref = NULL;
  g_autoptr (RhBookmark)    bookmark = NULL;
  RhSubtopic               *subtopic;
  RhTopic                  *topic;
  RhFramework              *framework;
  gboolean                  bookmarked;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (RH_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (rh_question_get_subtopic (question) != NULL, FALSE);

  subtopic = rh_question_get_subtopic (question);
  topic = rh_subtopic_get_topic (subtopic);
  framework = topic != NULL ? rh_topic_get_framework (topic) : NULL;
  ref = rh_question_ref_new (rh_subtopic_get_path (subtopic), rh_question_get_id (question));
  bookmarked = !rh_state_is_bookmarked (self, ref);

  if (bookmarked)
    {
      /* Copies for the list, cut to what a bookmarks file holds, so that
       * every bookmark can be exported.
       */
      g_autofree char *text = rh_bookmarks_file_shorten (rh_question_get_question (question),
                                                         RH_BOOKMARKS_FILE_MAX_QUESTION);
      g_autofree char *framework_title = rh_bookmarks_file_shorten (
          framework != NULL ? rh_framework_get_title (framework) : NULL, RH_BOOKMARKS_FILE_MAX_TITLE);
      g_autofree char *topic_title = rh_bookmarks_file_shorten (topic != NULL ? rh_topic_get_title (topic) : NULL,
                                                                RH_BOOKMARKS_FILE_MAX_TITLE);
      g_autofree char *subtopic_title = rh_bookmarks_file_shorten (rh_subtopic_get_title (subtopic),
                                                                   RH_BOOKMARKS_FILE_MAX_TITLE);

      bookmark = rh_bookmark_new (ref, text, framework_title, topic_title, subtopic_title, g_get_real_time ());
      if (!rh_state_add_bookmark (self, bookmark, error))
        return FALSE;
    }
  else if (!rh_state_remove_bookmark (self, ref, error))
    return FALSE;

  if (out_bookmarked != NULL)
    *out_bookmarked = bookmarked;

  return TRUE;
}

/**
 * rh_state_list_bookmarks:
 *
 * The model is live: the state updates it after every committed change,
 * and rh_state_mark_missing() sets each item's #RhBookmark:missing.
 *
 * Returns: (transfer full): a #GListModel of #RhBookmark, newest first
 */
GListModel *
rh_state_list_bookmarks (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return g_object_ref (G_LIST_MODEL (self->bookmarks));
}

/**
 * rh_state_dup_bookmark_refs:
 *
 * A copy, so that it can go to a search on another thread.
 *
 * Returns: (transfer full) (element-type RhQuestionRef): the set of the
 *   bookmarked questions, for #RhSearchFilter's only_refs
 */
GHashTable *
rh_state_dup_bookmark_refs (RhState *self)
{
  g_return_val_if_fail (RH_IS_STATE (self), NULL);

  return rh_question_ref_set_copy (self->by_ref);
}

/**
 * rh_state_mark_missing:
 * @library: the library now loaded
 *
 * Sets #RhBookmark:missing on every bookmark whose question @library
 * lacks, and remembers @library (weakly) for bookmarks added later.
 * Nothing is deleted: the content may come back.
 *
 * Returns: how many bookmarks are missing
 */
guint
rh_state_mark_missing (RhState   *self,
                       RhLibrary *library)
{
  guint n_missing = 0;

  g_return_val_if_fail (RH_IS_STATE (self), 0);
  g_return_val_if_fail (RH_IS_LIBRARY (library), 0);

  g_weak_ref_set (&self->library, library);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)); i++)
    {
      g_autoptr (RhBookmark) bookmark = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i);
      gboolean               missing = is_missing (library, bookmark);

      rh_bookmark_set_missing (bookmark, missing);
      n_missing += missing;
    }

  return n_missing;
}

static gboolean
write_bookmarks_file (GListModel *bookmarks,
                      const char *file,
                      GError    **error)
{
  g_autofree char *data = NULL;
  gsize            length;

  /* Nothing is written that would not read back, and a file already
   * there stays as it was.
   */
  if (!(data = rh_bookmarks_file_format (bookmarks, &length, error)) ||
      !g_file_set_contents (file, data, length, error))
    {
      g_prefix_error (error, _ ("Could not export the bookmarks: "));
      return FALSE;
    }

  return TRUE;
}

/**
 * rh_state_export_bookmarks:
 * @file: where to write, replaced atomically
 *
 * Writes every bookmark, newest first, as
 * `{"format": "rehearse-bookmarks", "version": 1, "bookmarks": [...]}`,
 * or refuses, writing nothing, when the file would be beyond what an
 * import reads (see rh_bookmarks_file_format()).
 */
gboolean
rh_state_export_bookmarks (RhState    *self,
                           const char *file,
                           GError    **error)
{
  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_bookmarks_file (G_LIST_MODEL (self->bookmarks), file, error);
}

typedef struct
{
  char       *file;
  GListStore *bookmarks;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->file);
  g_clear_object (&data->bookmarks);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError     *error = NULL;

  if (write_bookmarks_file (G_LIST_MODEL (data->bookmarks), data->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rh_state_export_bookmarks_async:
 *
 * Like rh_state_export_bookmarks(), the file formatted and written on
 * another thread from a copy of the list taken now.
 */
void
rh_state_export_bookmarks_async (RhState            *self,
                                 const char         *file,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask)     task = NULL;
  g_autoptr (GPtrArray) items = NULL;
  ExportData           *data;
  guint                 n;

  g_return_if_fail (RH_IS_STATE (self));
  g_return_if_fail (file != NULL);

  /* The bookmarks themselves are not changed once made, so the worker
   * may read them; only the list is the main thread's.
   */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks));
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->bookmarks), i));

  data = g_new0 (ExportData, 1);
  data->file = g_strdup (file);
  data->bookmarks = g_list_store_new (RH_TYPE_BOOKMARK);
  g_list_store_splice (data->bookmarks, 0, 0, items->pdata, items->len);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_state_export_bookmarks_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rh_state_export_bookmarks_finish (RhState      *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
count_bookmarks (sqlite3      *db,
                 sqlite3_stmt *count,
                 gint64       *out_count,
                 GError      **error)
{
  int rc;

  sqlite3_reset (count);
  rc = sqlite3_step (count);
  if (rc == SQLITE_ROW)
    *out_count = sqlite3_column_int64 (count, 0);
  sqlite3_reset (count);

  if (rc != SQLITE_ROW)
    return rh_sqlite_set_error (error, &rh_state_database_errors, db, rc, _ ("Could not read the bookmarks"));

  return TRUE;
}

static void
prefix_file (GError    **error,
             const char *file)
{
  g_autofree char *display = g_filename_display_name (file);

  g_prefix_error (error, "%s: ", display);
}

/* Merges @bookmarks, read from @file, in one transaction on @db, with
 * @merge and @count prepared from STMT_MERGE and STMT_COUNT; when @list
 * is given, also reads every bookmark into @out_items before the commit,
 * so that they are what the import left.
 */
static gboolean
merge_bookmarks (sqlite3      *db,
                 sqlite3_stmt *merge,
                 sqlite3_stmt *count,
                 sqlite3_stmt *list,
                 const char   *file,
                 GPtrArray    *bookmarks,
                 guint        *out_added,
                 GPtrArray    *out_items,
                 GError      **error)
{
  gint64 before = 0;
  gint64 after = 0;

  if (!rh_sqlite_begin (db, &rh_state_database_errors, error))
    return FALSE;

  if (!count_bookmarks (db, count, &before, error))
    return rh_sqlite_rollback (db);

  /* Backwards, so that entries with the same date (hand-written files
   * without dates) list in the file's order, the first one newest.
   */
  for (guint i = bookmarks->len; i-- > 0;)
    {
      int rc;

      sqlite3_reset (merge);
      sqlite3_clear_bindings (merge);
      bind_bookmark (merge, g_ptr_array_index (bookmarks, i));
      rc = sqlite3_step (merge);
      sqlite3_reset (merge);
      if (rc != SQLITE_DONE)
        {
          rh_sqlite_set_error (error, &rh_state_database_errors, db, rc, _ ("Could not save the bookmarks"));
          return rh_sqlite_rollback (db);
        }
    }

  if (!count_bookmarks (db, count, &after, error))
    return rh_sqlite_rollback (db);

  /* More than a bookmarks file may hold could never be exported again. */
  if (after > RH_BOOKMARKS_FILE_MAX_ENTRIES && after > before)
    {
      g_set_error (error, RH_STATE_ERROR, RH_STATE_ERROR_FAILED,
                   _ ("importing would make %'u bookmarks, more than the %'u Rehearse keeps"), (guint) after,
                   (guint) RH_BOOKMARKS_FILE_MAX_ENTRIES);
      prefix_file (error, file);
      return rh_sqlite_rollback (db);
    }

  if (list != NULL && !read_bookmarks (db, list, out_items, error))
    return rh_sqlite_rollback (db);

  if (!rh_sqlite_commit (db, &rh_state_database_errors, error))
    return FALSE;

  *out_added = (guint) (after - before);

  return TRUE;
}

/**
 * rh_state_import_bookmarks:
 * @file: a file written by rh_state_export_bookmarks()
 * @out_added: (out) (optional): how many bookmarks were new
 *
 * Merges the file's bookmarks into these: nothing is replaced, and a
 * bookmark in both keeps the earlier date. The whole file is checked
 * first and written in one transaction, so a bad file changes nothing;
 * its error names the file and the place, such as
 * `FILE: bookmarks[3].path: expected a string, found a number`. An
 * import that would leave more than %RH_BOOKMARKS_FILE_MAX_ENTRIES
 * bookmarks is refused as well.
 */
gboolean
rh_state_import_bookmarks (RhState    *self,
                           const char *file,
                           guint      *out_added,
                           GError    **error)
{
  g_autoptr (GPtrArray) bookmarks = NULL;
  guint                 added = 0;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_added != NULL)
    *out_added = 0;

  if (!(bookmarks = rh_bookmarks_file_read (file, error)))
    {
      prefix_file (error, file);
      return FALSE;
    }

  if (!merge_bookmarks (self->db, statement (self, STMT_MERGE), statement (self, STMT_COUNT), NULL, file, bookmarks,
                        &added, NULL, error))
    return FALSE;
  self->writes++;

  if (out_added != NULL)
    *out_added = added;

  /* Dates may have moved, so the model is read again as a whole. */
  if (bookmarks->len > 0)
    {
      if (!load_bookmarks (self, error))
        return FALSE;
      g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);
    }

  return TRUE;
}

/* Shared by the importing thread, which writes the counts, and the main
 * thread, which passes them on.
 */
typedef struct
{
  char               *file;
  char               *database;
  RhStateProgressFunc progress;
  gpointer            progress_data;
  GSource            *progress_source;
  gint                done;
  gint                total;
  guint               shown_done;
  guint               shown_total;
  guint64             writes; /* the state's, when the import began */
  guint               added; /* set by the thread */
  GPtrArray          *items; /* likewise: every bookmark, as listed */
} ImportData;

static void
import_data_free (ImportData *data)
{
  if (data->progress_source != NULL)
    g_source_destroy (data->progress_source);
  g_clear_pointer (&data->progress_source, g_source_unref);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data->file);
  g_free (data->database);
  g_free (data);
}

static void
import_show_progress (ImportData *data)
{
  guint done = (guint) g_atomic_int_get (&data->done);
  guint total = (guint) g_atomic_int_get (&data->total);

  if (data->progress == NULL || (done == data->shown_done && total == data->shown_total))
    return;

  data->shown_done = done;
  data->shown_total = total;
  data->progress (done, total, data->progress_data);
}

static gboolean
on_import_progress_tick (gpointer user_data)
{
  import_show_progress (user_data);

  return G_SOURCE_CONTINUE;
}

static void
import_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  ImportData *data = user_data;

  g_atomic_int_set (&data->total, (gint) total);
  g_atomic_int_set (&data->done, (gint) done);
}

/* The write goes through a connection of this thread's own, as another
 * process's would: SQLite's locks keep it apart from the state's, which
 * waits for it if the user changes a bookmark meanwhile.
 */
static gboolean
import_write (ImportData *data,
              GPtrArray  *bookmarks,
              GError    **error)
{
  static const Statement needed[] = { STMT_MERGE, STMT_COUNT, STMT_LIST };
  sqlite3_stmt          *stmts[G_N_ELEMENTS (needed)] = { NULL };
  int                    refusal = 0;
  sqlite3               *db = rh_state_database_open (data->database, &refusal, error);
  gboolean               done = FALSE;

  if (db == NULL)
    return FALSE;

  /* The disk may have filled, or the folder turned read-only, since the
   * state was opened. */
  if (refusal != 0)
    {
      rh_write_error_set (error, RH_STATE_ERROR, rh_sqlite_get_refusal_code (&rh_state_database_errors, refusal),
                          _ ("Could not import the bookmarks"), data->database, refusal);
      sqlite3_close (db);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      int rc = sqlite3_prepare_v2 (db, statement_sql[needed[i]], -1, &stmts[i], NULL);

      if (rc != SQLITE_OK)
        {
          rh_sqlite_set_error (error, &rh_state_database_errors, db, rc, _ ("Could not read the bookmarks"));
          goto out;
        }
    }

  data->items = g_ptr_array_new_full (bookmarks->len, g_object_unref);
  done = merge_bookmarks (db, stmts[0], stmts[1], stmts[2], data->file, bookmarks, &data->added, data->items, error);

out:
  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    sqlite3_finalize (stmts[i]);
  sqlite3_close (db);

  return done;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData           *data = task_data;
  GError               *error = NULL;
  g_autoptr (GPtrArray) bookmarks = rh_bookmarks_file_read_full (data->file, cancellable, import_progress, data, &error);

  if (bookmarks == NULL)
    {
      prefix_file (&error, data->file);
      g_task_return_error (task, error);
      return;
    }

  /* The last chance to stop: from here on, the import completes. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!import_write (data, bookmarks, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RhState          *self = g_task_get_source_object (task);
  ImportData       *data = g_task_get_task_data (task);
  GError           *error = NULL;

  g_source_destroy (data->progress_source);
  import_show_progress (data);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Dates may have moved, so the model is replaced as a whole: by what
   * the import read back, unless this object wrote meanwhile and its
   * own change might be missing from it.
   */
  self->writes++;
  if (g_atomic_int_get (&data->total) > 0)
    {
      if (self->writes != data->writes + 1)
        {
          if (!load_bookmarks (self, &error))
            {
              g_task_return_error (task, error);
              return;
            }
        }
      else
        replace_bookmarks (self, data->items);
      g_signal_emit (self, signals[BOOKMARKS_CHANGED], 0);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * rh_state_import_bookmarks_async:
 * @progress: (nullable): told on this thread, some ten times a second
 *   while the file is read, of the entries checked and the entries in
 *   the file (0 until it is parsed); @progress_data must live until
 *   @callback is called
 *
 * Like rh_state_import_bookmarks(), with the file read, checked and
 * written on another thread; only the list of bookmarks is updated on
 * this one. Cancelling stops the import until the writing starts; once
 * it has, the import completes.
 */
void
rh_state_import_bookmarks_async (RhState            *self,
                                 const char         *file,
                                 GCancellable       *cancellable,
                                 RhStateProgressFunc progress,
                                 gpointer            progress_data,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask)  task = NULL;
  g_autoptr (GTask)  importing = NULL;
  g_autoptr (GError) error = NULL;
  ImportData        *data;

  g_return_if_fail (RH_IS_STATE (self));
  g_return_if_fail (file != NULL);

  if (!rh_state_check_writable (self, _ ("Could not import the bookmarks"), &error))
    {
      g_task_report_error (self, callback, user_data, rh_state_import_bookmarks_async, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ImportData, 1);
  data->file = g_strdup (file);
  data->database = g_strdup (self->path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->writes = self->writes;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_state_import_bookmarks_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  data->progress_source = g_timeout_source_new (100);
  g_source_set_callback (data->progress_source, on_import_progress_tick, data, NULL);
  g_source_attach (data->progress_source, g_task_get_context (task));

  /* A task of its own, so that the outer one completes only once the
   * list is up to date. It may not be cancelled once the writing starts,
   * so it checks for itself.
   */
  importing = g_task_new (NULL, cancellable, on_import_done, g_object_ref (task));
  g_task_set_check_cancellable (importing, FALSE);
  g_task_set_task_data (importing, data, NULL);
  g_task_run_in_thread (importing, import_thread);
}

/**
 * rh_state_import_bookmarks_finish:
 * @out_added: (out) (optional): how many bookmarks were new
 */
gboolean
rh_state_import_bookmarks_finish (RhState      *self,
                                  GAsyncResult *result,
                                  guint        *out_added,
                                  GError      **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_added != NULL)
    *out_added = 0;

  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  if (out_added != NULL)
    *out_added = ((ImportData *) g_task_get_task_data (task))->added;

  return TRUE;
}

/**
 * rh_state_dup_value:
 *
 * Small named values, such as the last page read.
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
rh_state_dup_value (RhState    *self,
                    const char *key)
{
  sqlite3_stmt *stmt;
  char         *value = NULL;

  g_return_val_if_fail (RH_IS_STATE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = statement (self, STMT_GET_VALUE);
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/**
 * rh_state_set_value:
 * @value: (nullable): the value, or %NULL to remove @key
 */
gboolean
rh_state_set_value (RhState    *self,
                    const char *key,
                    const char *value,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RH_IS_STATE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rh_state_check_writable (self, _ (rh_state_database_errors.writing), error) ||
      !rh_sqlite_begin (self->db, &rh_state_database_errors, error))
    return FALSE;

  stmt = statement (self, value != NULL ? STMT_SET_VALUE : STMT_DELETE_VALUE);
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);

  if (!step_done (self, stmt, error))
    return rh_sqlite_rollback (self->db);

  return rh_sqlite_commit (self->db, &rh_state_database_errors, error);
}
