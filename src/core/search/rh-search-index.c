/* rh-search-index.c
 *
 * Full-text search over the library with SQLite's FTS5.
 *
 * The index is derived data and lives in the cache directory. It is
 * rebuilt only when the content changes: a SHA-256 over everything it
 * holds (paths, ids, difficulties, questions, answers, titles, and the
 * index format) is stored with it, and rh_search_index_ensure() compares
 * that with the library's. A normal start pays for the hash alone.
 *
 * Queries run on worker threads, each with its own read-only
 * connection from a small pool: WAL lets them read while a rebuild
 * writes, and a cancelled query stops within a few thousand SQLite
 * instructions through the progress handler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "rh-bookmark.h"
#include "rh-content-dirs.h"
#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-text.h"
#include "rh-sqlite.h"

/* Bump when the tables, the tokenizer or the text preparation change:
 * it is part of the content hash, so every index is rebuilt.
 */
#define INDEX_FORMAT 1

/* How many read connections stay open between queries. */
#define MAX_IDLE_READERS 4

/* Search-as-you-type never needs more than this; the rest is ignored. */

#define MAX_LIMIT 1000

/* Indexes the command line keeps for sets of files it was given. */

/* Highlight markers. Control characters are removed from the indexed
 * text, so these cannot come from the content.
 */
#define MARK_OPEN '\x02'
#define MARK_CLOSE '\x03'

/* Columns of the FTS table, in order. The first five are indexed. */
enum
{
  COL_QUESTION,
  COL_ANSWER,
  COL_SUBTOPIC,
  COL_TOPIC,
  COL_FRAMEWORK,
};

static const char schema_sql[] =
    "DROP TABLE IF EXISTS fts;"
    "DROP TABLE IF EXISTS meta;"
    "CREATE TABLE meta ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;"
    /* Titles are indexed too, so that "rebasing" finds the questions on
   * the Rebasing page; unindexed columns carry what a result shows and
   * what filters test.
   */
    "CREATE VIRTUAL TABLE fts USING fts5 ("
    "  question, answer, subtopic, topic, framework,"
    "  path UNINDEXED, question_id UNINDEXED, difficulty UNINDEXED,"
    "  framework_slug UNINDEXED, raw_question UNINDEXED,"
    "  tokenize = 'unicode61 remove_diacritics 2'"
    ");";

static const char insert_sql[] =
    "INSERT INTO fts (rowid, question, answer, subtopic, topic, framework,"
    " path, question_id, difficulty, framework_slug, raw_question)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/* Ranking, best first: how well the question itself matches
 * (rh_search_tier: the whole question, the words as a phrase, every
 * word whole, every word or its prefix), then whether the words are
 * all within the question and the titles, then the rest; within each
 * tier rh_search_bm25, with the question weighted well above the
 * titles and the answer.
 *
 * A common word matches most answers, and ranking every match costs a
 * few microseconds a row, so the first pass ranks only the rows whose
 * question holds every word, with a column filter; that usually fills
 * the page. Only when it does not is every match ranked. Only rowids
 * are sorted; snippets are made afterwards for the survivors.
 */
static const char rank_sql[] =
    "SELECT rowid FROM fts"
    " WHERE fts MATCH ?1"
    "  AND (?2 < 0 OR difficulty = ?2)"
    "  AND (?3 IS NULL OR framework_slug = ?3)"
    "  AND (?4 IS NULL OR rh_search_keep (?5, path, question_id))"
    " ORDER BY rh_search_tier (fts, ?6), rh_search_bm25 (fts, 10.0, 1.0, 4.0, 2.0, 2.0), rowid"
    " LIMIT ?7";

/* The details of all results in one statement. Asking for one rowid at
 * a time would let FTS5 look the rowid up directly, but it would then
 * expand a prefix token's doclists once per result, a millisecond each;
 * the unary + keeps the rowids away from FTS5, which matches once and
 * makes snippets only for the rows in the set.
 */
static const char details_sql[] =
    "SELECT path, question_id, difficulty, raw_question, framework, topic, subtopic,"
    "  highlight (fts, 0, char (2), char (3)),"
    "  snippet (fts, 1, char (2), char (3), '…', 24),"
    "  rowid"
    " FROM fts WHERE fts MATCH ?1 AND +rowid IN (SELECT value FROM json_each (?2))";

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *rank;
  sqlite3_stmt *details;
  GArray       *doc_sizes; /* guint32 tokens in each row, by rowid */
  gint64        data_version; /* of the index when doc_sizes was read */
  guint         generation;
} Reader;

struct _RhSearchIndex
{
  GObject parent_instance;

  char      *path;
  GMutex     write_lock; /* one ensure at a time */
  GMutex     pool_lock;
  GPtrArray *idle; /* Reader; under pool_lock */
  guint      generation; /* bumped when the file is replaced; under pool_lock */
  gint       damaged; /* atomic: a query found the file damaged */
};

G_DEFINE_FINAL_TYPE (RhSearchIndex, rh_search_index, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (rh-search-index-error-quark, rh_search_index_error)
/* clang-format on */

/* A damaged index is no error of its own: the next ensure builds it again. */
static const RhSqliteErrors index_errors = {
  rh_search_index_error_quark,
  RH_SEARCH_INDEX_ERROR_FAILED,
  RH_SEARCH_INDEX_ERROR_FAILED,
  N_ ("Could not update the search index"),
  N_ ("The search was cancelled"),
};

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A copy of what the index needs, taken on the thread that owns the
 * library, so that hashing and indexing can run on another. Questions
 * are immutable and referenced; titles, which can change, are copied.
 */
typedef struct
{
  char      *path;
  char      *framework_slug;
  char      *framework;
  char      *topic;
  char      *subtopic;
  GPtrArray *questions; /* RhQuestion */
} PageSnapshot;

struct _RhSearchSnapshot
{
  GPtrArray *pages; /* PageSnapshot */
  char      *hash;
  guint      n_questions;
};

typedef RhSearchSnapshot Snapshot;

static void
page_snapshot_free (PageSnapshot *page)
{
  g_free (page->path);
  g_free (page->framework_slug);
  g_free (page->framework);
  g_free (page->topic);
  g_free (page->subtopic);
  g_ptr_array_unref (page->questions);
  g_free (page);
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_ptr_array_unref (snapshot->pages);
  g_free (snapshot->hash);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static Snapshot *
snapshot_new (RhLibrary *library)
{
  Snapshot   *snapshot = g_new0 (Snapshot, 1);
  GListModel *frameworks = G_LIST_MODEL (library);

  snapshot->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_snapshot_free);

  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr (RhFramework) framework = g_list_model_get_item (frameworks, i);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (framework)); j++)
        {
          g_autoptr (RhTopic) topic = g_list_model_get_item (G_LIST_MODEL (framework), j);

          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (topic)); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), k);
              guint                  n = g_list_model_get_n_items (G_LIST_MODEL (subtopic));
              PageSnapshot          *page;

              if (n == 0)
                continue;

              page = g_new0 (PageSnapshot, 1);
              page->path = g_strdup (rh_subtopic_get_path (subtopic));
              page->framework_slug = g_strdup (rh_framework_get_slug (framework));
              page->framework = g_strdup (rh_framework_get_title (framework));
              page->topic = g_strdup (rh_topic_get_title (topic));
              page->subtopic = g_strdup (rh_subtopic_get_title (subtopic));
              page->questions = g_ptr_array_new_full (n, g_object_unref);
              for (guint q = 0; q < n; q++)
                g_ptr_array_add (page->questions, g_list_model_get_item (G_LIST_MODEL (subtopic), q));

              snapshot->n_questions += n;
              g_ptr_array_add (snapshot->pages, page);
            }
        }
    }

  return snapshot;
}

/* Length-prefixed, so that no two different libraries feed the same
 * bytes ("ab" + "c" against "a" + "bc").
 */
static void
hash_string (GChecksum  *checksum,
             const char *text)
{
  gsize   length = text != NULL ? strlen (text) : 0;
  guint64 prefix = GUINT64_TO_LE ((guint64) length);

  g_checksum_update (checksum, (const guchar *) &prefix, sizeof prefix);
  if (length > 0)
    g_checksum_update (checksum, (const guchar *) text, length);
}

static void
hash_number (GChecksum *checksum,
             guint64    number)
{
  guint64 value = GUINT64_TO_LE (number);

  g_checksum_update (checksum, (const guchar *) &value, sizeof value);
}

static const char *
snapshot_get_hash (Snapshot *snapshot)
{
  g_autoptr (GChecksum) checksum = NULL;

  if (snapshot->hash != NULL)
    return snapshot->hash;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  hash_string (checksum, "rehearse-search-index");
  hash_number (checksum, INDEX_FORMAT);

  for (guint i = 0; i < snapshot->pages->len; i++)
    {
      PageSnapshot *page = g_ptr_array_index (snapshot->pages, i);

      hash_string (checksum, page->path);
      hash_string (checksum, page->framework_slug);
      hash_string (checksum, page->framework);
      hash_string (checksum, page->topic);
      hash_string (checksum, page->subtopic);
      hash_number (checksum, page->questions->len);

      for (guint j = 0; j < page->questions->len; j++)
        {
          RhQuestion *question = g_ptr_array_index (page->questions, j);

          hash_string (checksum, rh_question_get_id (question));
          hash_number (checksum, rh_question_get_difficulty (question));
          hash_string (checksum, rh_question_get_question (question));
          hash_string (checksum, rh_question_get_answer (question));
        }
    }

  snapshot->hash = g_strdup (g_checksum_get_string (checksum));

  return snapshot->hash;
}

static void
reader_free (Reader *reader)
{
  g_clear_pointer (&reader->rank, sqlite3_finalize);
  g_clear_pointer (&reader->details, sqlite3_finalize);
  g_clear_pointer (&reader->db, sqlite3_close);
  g_clear_pointer (&reader->doc_sizes, g_array_unref);
  g_free (reader);
}

/* Read-only connections cannot remove the -wal and -shm files they
 * made; a writer closing last does, unless another process has the
 * index open.
 */
static void
tidy_files (RhSearchIndex *self)
{
  g_autofree char *wal = rh_sqlite_file_name (self->path, RH_SQLITE_FILE_WAL);
  sqlite3         *db = NULL;

  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    return;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    sqlite3_exec (db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
rh_search_index_finalize (GObject *object)
{
  RhSearchIndex *self = (RhSearchIndex *) object;

  g_clear_pointer (&self->idle, g_ptr_array_unref);
  tidy_files (self);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->pool_lock);

  G_OBJECT_CLASS (rh_search_index_parent_class)->finalize (object);
}

static void
rh_search_index_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RhSearchIndex *self = RH_SEARCH_INDEX (object);

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
rh_search_index_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RhSearchIndex *self = RH_SEARCH_INDEX (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_search_index_class_init (RhSearchIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_search_index_finalize;
  object_class->get_property = rh_search_index_get_property;
  object_class->set_property = rh_search_index_set_property;

  properties[PROP_PATH] =
      g_param_spec_string ("path", NULL, NULL, NULL,
                           (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                            G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_search_index_init (RhSearchIndex *self)
{
  g_mutex_init (&self->write_lock);
  g_mutex_init (&self->pool_lock);
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_free);
}

/**
 * rh_search_index_get_default_path:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/rehearse/search.sqlite3`,
 *   the application's index
 */
char *
rh_search_index_get_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "rehearse", "search.sqlite3", NULL);
}

/**
 * rh_search_index_new:
 * @db_path: the index file; it and its directory are created when needed
 *
 * Does no I/O: the file is opened by rh_search_index_ensure() and by
 * queries.
 *
 * Returns: (transfer full): a search index
 */
RhSearchIndex *
rh_search_index_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (RH_TYPE_SEARCH_INDEX, "path", db_path, NULL);
}

const char *
rh_search_index_get_path (RhSearchIndex *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);

  return self->path;
}

/**
 * rh_search_index_compute_hash:
 *
 * What rh_search_index_ensure() compares: a SHA-256 over everything
 * the index holds, in library order.
 *
 * Returns: (transfer full): the content hash of @library, in hex
 */
char *
rh_search_index_compute_hash (RhLibrary *library)
{
  g_autoptr (Snapshot) snapshot = NULL;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);

  snapshot = snapshot_new (library);

  return g_strdup (snapshot_get_hash (snapshot));
}

/* SQL functions ---------------------------------------------------------- */

/* rh_search_tier (fts, n_tokens): where the words are, 0 best:
 *
 *   0  the question is exactly the words typed
 *   1  it holds them as a phrase, in order (the last one may be a prefix)
 *   2  it holds every word, whole
 *   3  it holds every word, the last perhaps as a prefix
 *   4  every word is in the question or the page's titles
 *   5  some word is only in the answer
 */
#define MAX_INSTANCES 64

static gboolean
has_instance (const int *phrases,
              const int *offsets,
              int        n,
              int        phrase,
              int        offset)
{
  for (int i = 0; i < n; i++)
    {
      if (phrases[i] == phrase && offsets[i] == offset)
        return TRUE;
    }

  return FALSE;
}

static void
tier_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_args,
               sqlite3_value         **args)
{
  int      phrases[MAX_INSTANCES];
  int      offsets[MAX_INSTANCES];
  int      n_found = 0;
  guint64  whole = 0;
  guint64  any = 0;
  guint64  titled = 0;
  guint64  all;
  int      n_tokens, n_phrases, n_inst;
  int      column_size = 0;
  gboolean prefix;
  gboolean in_order = FALSE;
  gboolean exact = FALSE;

  if (n_args != 1)
    {
      sqlite3_result_error (context, "rh_search_tier: expected the number of tokens", -1);
      return;
    }

  n_tokens = sqlite3_value_int (args[0]);
  n_phrases = api->xPhraseCount (fts);
  if (n_tokens <= 0 || n_tokens > RH_SEARCH_MAX_TOKENS)
    {
      sqlite3_result_int (context, 5);
      return;
    }
  prefix = n_phrases == n_tokens + 1;
  all = (G_GUINT64_CONSTANT (1) << n_tokens) - 1;

  if (api->xInstCount (fts, &n_inst) != SQLITE_OK)
    {
      sqlite3_result_error (context, "rh_search_tier: no instances", -1);
      return;
    }

  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;

      if (api->xInst (fts, i, &phrase, &column, &offset) != SQLITE_OK || column == COL_ANSWER)
        continue;

      titled |= G_GUINT64_CONSTANT (1) << MIN (phrase, n_tokens - 1);
      if (column != COL_QUESTION)
        continue;

      if (phrase < n_tokens)
        {
          whole |= G_GUINT64_CONSTANT (1) << phrase;
          any |= G_GUINT64_CONSTANT (1) << phrase;
        }
      else
        any |= G_GUINT64_CONSTANT (1) << (n_tokens - 1);

      if (n_found < MAX_INSTANCES)
        {
          phrases[n_found] = phrase;
          offsets[n_found] = offset;
          n_found++;
        }
    }

  if (any != all)
    {
      sqlite3_result_int (context, titled == all ? 4 : 5);
      return;
    }

  /* A phrase starts wherever token 0 does and continues one offset at
   * a time; the last token may match in its prefix form.
   */
  for (int i = 0; i < n_found && !exact; i++)
    {
      gboolean whole_words = TRUE;
      int      t;

      if (phrases[i] != 0)
        continue;

      for (t = 1; t < n_tokens; t++)
        {
          int at = offsets[i] + t;

          if (has_instance (phrases, offsets, n_found, t, at))
            continue;
          if (t + 1 == n_tokens && prefix && has_instance (phrases, offsets, n_found, n_tokens, at))
            {
              whole_words = FALSE;
              continue;
            }
          break;
        }

      if (t < n_tokens)
        continue;

      in_order = TRUE;
      if (n_tokens == 1)
        whole_words = (whole & 1) != 0;

      if (whole_words && offsets[i] == 0 &&
          api->xColumnSize (fts, COL_QUESTION, &column_size) == SQLITE_OK &&
          column_size == n_tokens)
        exact = TRUE;
    }

  if (exact)
    sqlite3_result_int (context, 0);
  else if (in_order && n_tokens > 1)
    sqlite3_result_int (context, 1);
  else if (whole == all)
    sqlite3_result_int (context, 2);
  else
    sqlite3_result_int (context, 3);
}

/* rh_search_keep (keys, path, question_id): whether PATH#ID is in the
 * set bound as a pointer, for the bookmarked-only filter.
 */
static void
keep_function (sqlite3_context *context,
               int              n_args,
               sqlite3_value  **args)
{
  GHashTable      *keys = sqlite3_value_pointer (args[0], "RhSearchKeys");
  const char      *path = (const char *) sqlite3_value_text (args[1]);
  const char      *id = (const char *) sqlite3_value_text (args[2]);
  g_autofree char *key = NULL;

  if (keys == NULL || path == NULL || id == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  key = rh_bookmark_make_key (path, id);
  sqlite3_result_int (context, g_hash_table_contains (keys, key));
}

/* rh_search_bm25 (fts, weight…): FTS5's own bm25(), formula for
 * formula, except where a row's length comes from. FTS5 looks it up
 * with one SQL statement a row, which is most of the cost of ranking
 * thousands of matches; here it comes from an array the reader fills
 * once per version of the index.
 */
typedef struct
{
  int     n_phrases;
  double  avgdl;
  double *idf;
  double *freq;
} Bm25Data;

static void
bm25_data_free (gpointer data)
{
  Bm25Data *bm25 = data;

  g_free (bm25->idf);
  g_free (bm25->freq);
  g_free (bm25);
}

static int
count_rows_cb (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               void                   *data)
{
  (*(gint64 *) data)++;

  return SQLITE_OK;
}

/* Per query, as FTS5 does it: the average row length, and each
 * phrase's inverse document frequency.
 */
static Bm25Data *
bm25_get_data (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               int                    *out_rc)
{
  Bm25Data     *data = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;
  int           rc;

  *out_rc = SQLITE_OK;
  if (data != NULL)
    return data;

  if ((rc = api->xRowCount (fts, &n_rows)) != SQLITE_OK ||
      (rc = api->xColumnTotalSize (fts, -1, &n_tokens)) != SQLITE_OK)
    {
      *out_rc = rc;
      return NULL;
    }

  data = g_new0 (Bm25Data, 1);
  data->n_phrases = api->xPhraseCount (fts);
  data->avgdl = n_rows > 0 ? MAX ((double) n_tokens / n_rows, 1.0) : 1.0;
  data->idf = g_new0 (double, data->n_phrases);
  data->freq = g_new0 (double, data->n_phrases);

  for (int i = 0; i < data->n_phrases; i++)
    {
      gint64 n_hits = 0;
      double idf;

      if ((rc = api->xQueryPhrase (fts, i, &n_hits, count_rows_cb)) != SQLITE_OK)
        {
          bm25_data_free (data);
          *out_rc = rc;
          return NULL;
        }

      /* Very common terms would score below zero; FTS5 clamps them. */
      idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
      data->idf[i] = idf > 0.0 ? idf : 1e-6;
    }

  if ((rc = api->xSetAuxdata (fts, data, bm25_data_free)) != SQLITE_OK)
    {
      *out_rc = rc;
      return NULL;
    }

  return data;
}

static void
bm25_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_args,
               sqlite3_value         **args)
{
  const double  k1 = 1.2;
  const double  b = 0.75;
  Reader       *reader = api->xUserData (fts);
  Bm25Data     *data;
  sqlite3_int64 rowid = api->xRowid (fts);
  double        score = 0.0;
  double        length;
  int           n_inst;
  int           rc;

  if (!(data = bm25_get_data (api, fts, &rc)) ||
      (rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  memset (data->freq, 0, sizeof (double) * data->n_phrases);
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
      data->freq[phrase] += column < n_args ? sqlite3_value_double (args[column]) : 1.0;
    }

  if (reader->doc_sizes != NULL && rowid > 0 && (guint64) rowid <= reader->doc_sizes->len)
    length = g_array_index (reader->doc_sizes, guint32, rowid - 1);
  else
    {
      int n_tokens = 0;

      if ((rc = api->xColumnSize (fts, -1, &n_tokens)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
      length = n_tokens;
    }

  for (int i = 0; i < data->n_phrases; i++)
    score += data->idf[i] * (data->freq[i] * (k1 + 1.0)) /
             (data->freq[i] + k1 * (1.0 - b + b * length / data->avgdl));

  /* Lower is better, as with bm25(). */
  sqlite3_result_double (context, -score);
}

/* The FTS5 varint, as SQLite writes it: big-endian groups of seven
 * bits, high bit set on all but the last; a ninth byte has all eight.
 */
static const guchar *
read_varint (const guchar *p,
             const guchar *end,
             guint64      *out_value)
{
  guint64 value = 0;

  for (guint i = 0; i < 9 && p < end; i++, p++)
    {
      if (i == 8)
        {
          *out_value = (value << 8) | *p;
          return p + 1;
        }

      value = (value << 7) | (*p & 0x7f);
      if ((*p & 0x80) == 0)
        {
          *out_value = value;
          return p + 1;
        }
    }

  return NULL;
}

/* Reads every row's length from the FTS5 docsize table (one varint per
 * indexed column), again whenever the index has changed since.
 */
static void
reader_load_sizes (Reader *reader)
{
  sqlite3_stmt *stmt = NULL;
  gint64        version = -1;

  if (sqlite3_prepare_v2 (reader->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (reader->doc_sizes != NULL && version == reader->data_version)
    return;

  g_clear_pointer (&reader->doc_sizes, g_array_unref);
  reader->data_version = version;

  if (sqlite3_prepare_v2 (reader->db, "SELECT id, sz FROM fts_docsize ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return;

  reader->doc_sizes = g_array_new (FALSE, TRUE, sizeof (guint32));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64        id = sqlite3_column_int64 (stmt, 0);
      const guchar *p = sqlite3_column_blob (stmt, 1);
      const guchar *end = p + sqlite3_column_bytes (stmt, 1);
      guint64       total = 0;
      guint64       value;

      /* Rowids are dense from 1; anything else goes to FTS5's lookup. */
      if (id < 1 || id > G_MAXINT32)
        continue;

      while (p != NULL && p < end && (p = read_varint (p, end, &value)) != NULL)
        total += value;

      if ((guint64) id > reader->doc_sizes->len)
        g_array_set_size (reader->doc_sizes, id);
      g_array_index (reader->doc_sizes, guint32, id - 1) = (guint32) MIN (total, G_MAXUINT32);
    }
  sqlite3_finalize (stmt);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api     *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

static int
register_functions (Reader *reader)
{
  fts5_api *api = get_fts5_api (reader->db);
  int       rc;

  if (api == NULL)
    return SQLITE_ERROR;

  if ((rc = api->xCreateFunction (api, "rh_search_tier", NULL, tier_function, NULL)) != SQLITE_OK ||
      (rc = api->xCreateFunction (api, "rh_search_bm25", reader, bm25_function, NULL)) != SQLITE_OK)
    return rc;

  return sqlite3_create_function_v2 (reader->db, "rh_search_keep", 3, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                     NULL, keep_function, NULL, NULL, NULL);
}

/* Building ---------------------------------------------------------------- */

static void
discard_files (RhSearchIndex *self)
{
  /* Derived data: a damaged index is simply built again. */
  rh_sqlite_remove_files (self->path);

  g_mutex_lock (&self->pool_lock);
  self->generation++;
  g_ptr_array_set_size (self->idle, 0);
  g_mutex_unlock (&self->pool_lock);
}

/* Opens the index for writing and reads the hash stored in it. A file
 * that SQLite cannot read is discarded and started again.
 */
static sqlite3 *
open_writer (RhSearchIndex *self,
             char         **out_stored_hash,
             GError       **error)
{
  *out_stored_hash = NULL;

  if (!rh_sqlite_make_directory (self->path, &index_errors, error))
    return NULL;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      sqlite3      *db = NULL;
      sqlite3_stmt *stmt = NULL;
      int           rc;

      /* Another process may be rebuilding the same file. */
      rc = rh_sqlite_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 30000, &db);
      if (rc == SQLITE_OK)
        {
          /* A rebuilt index is not worth an fsync per commit; a crash
           * at worst leaves an index that fails to open or to match,
           * and that is rebuilt.
           */
          rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
        }

      if (rc == SQLITE_OK)
        {
          rc = sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'content-hash'", -1, &stmt, NULL);
          if (rc == SQLITE_OK)
            {
              rc = sqlite3_step (stmt);
              if (rc == SQLITE_ROW)
                *out_stored_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
            }
          else if ((rc & 0xff) == SQLITE_ERROR)
            rc = SQLITE_OK; /* no meta table: never built */
          sqlite3_finalize (stmt);
        }

      if (rc == SQLITE_OK)
        return db;

      if (!rh_sqlite_is_damage (rc) || attempt > 0)
        {
          rh_sqlite_set_error (error, &index_errors, db, rc, _ ("Could not open the search index"));
          sqlite3_close (db);
          return NULL;
        }

      g_debug ("Search index %s is damaged (%s); building it again", self->path, sqlite3_errstr (rc));
      sqlite3_close (db);
      g_clear_pointer (out_stored_hash, g_free);
      discard_files (self);
    }

  g_return_val_if_reached (NULL);
}

static gboolean
rebuild (sqlite3      *db,
         Snapshot     *snapshot,
         gboolean     *out_damaged,
         GCancellable *cancellable,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64        rowid = 0;
  int           rc;

  *out_damaged = FALSE;

  if (!rh_sqlite_exec (db, "BEGIN IMMEDIATE", &index_errors, error))
    return FALSE;

  if (!rh_sqlite_exec (db, schema_sql, &index_errors, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db, insert_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rh_sqlite_set_error (error, &index_errors, db, rc, _ ("Could not build the search index"));
      goto fail;
    }

  for (guint i = 0; i < snapshot->pages->len; i++)
    {
      PageSnapshot *page = g_ptr_array_index (snapshot->pages, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      for (guint j = 0; j < page->questions->len; j++)
        {
          RhQuestion *question = g_ptr_array_index (page->questions, j);
          const char *text = rh_question_get_question (question);

          sqlite3_bind_int64 (stmt, 1, ++rowid);
          sqlite3_bind_text (stmt, 2, rh_search_text_prepare (text, FALSE), -1, g_free);
          sqlite3_bind_text (stmt, 3, rh_search_text_prepare (rh_question_get_answer (question), TRUE), -1, g_free);
          sqlite3_bind_text (stmt, 4, page->subtopic, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, page->topic, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, page->framework, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, page->path, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, rh_question_get_id (question), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 9, rh_question_get_difficulty (question));
          sqlite3_bind_text (stmt, 10, page->framework_slug, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 11, text, -1, SQLITE_STATIC);

          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              rh_sqlite_set_error (error, &index_errors, db, rc, _ ("Could not build the search index"));
              goto fail;
            }
        }
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  /* One b-tree per term instead of many segments: queries read less. */
  if (!rh_sqlite_exec (db, "INSERT INTO fts (fts) VALUES ('optimize')", &index_errors, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES ('content-hash', ?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, snapshot_get_hash (snapshot), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      rh_sqlite_set_error (error, &index_errors, db, rc, _ ("Could not build the search index"));
      goto fail;
    }

  if (!rh_sqlite_exec (db, "COMMIT", &index_errors, error))
    goto fail;

  return TRUE;

fail:
  *out_damaged = rh_sqlite_is_damage (sqlite3_extended_errcode (db));
  g_clear_pointer (&stmt, sqlite3_finalize);
  rh_sqlite_rollback (db);

  return FALSE;
}

static gboolean
ensure_snapshot (RhSearchIndex *self,
                 Snapshot      *snapshot,
                 gboolean      *out_rebuilt,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *hash;
  gboolean    damaged;
  gboolean    ok = FALSE;

  if (out_rebuilt != NULL)
    *out_rebuilt = FALSE;

  hash = snapshot_get_hash (snapshot);

  g_mutex_lock (&self->write_lock);

  /* A query found the file damaged since the last time. */
  damaged = g_atomic_int_compare_and_exchange (&self->damaged, TRUE, FALSE);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char   *stored = NULL;
      g_autoptr (GError) local_error = NULL;
      sqlite3           *db;

      if (damaged)
        discard_files (self);

      if (!(db = open_writer (self, &stored, &local_error)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }

      if (g_strcmp0 (stored, hash) == 0)
        ok = TRUE;
      else
        {
          g_debug ("Indexing %u questions into %s", snapshot->n_questions, self->path);
          ok = rebuild (db, snapshot, &damaged, cancellable, &local_error);
          if (ok && out_rebuilt != NULL)
            *out_rebuilt = TRUE;
        }

      /* Closing the last connection checkpoints and removes the WAL. */
      sqlite3_close (db);

      /* Damage deeper than the header shows only now: start afresh. */
      if (ok || !damaged || attempt > 0)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
    }

  g_mutex_unlock (&self->write_lock);

  return ok;
}

/**
 * rh_search_index_ensure:
 * @out_rebuilt: (out) (optional): whether the index was built
 *
 * Makes the index match @library, building it in one transaction when
 * the content hash stored with it differs (or it does not exist, or is
 * damaged). When it matches, this costs the hash and one small read.
 * Queries made meanwhile see the previous index.
 *
 * Returns: %TRUE when the index matches @library
 */
gboolean
rh_search_index_ensure (RhSearchIndex *self,
                        RhLibrary     *library,
                        gboolean      *out_rebuilt,
                        GError       **error)
{
  g_autoptr (Snapshot) snapshot = NULL;

  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), FALSE);
  g_return_val_if_fail (RH_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  snapshot = snapshot_new (library);

  return ensure_snapshot (self, snapshot, out_rebuilt, NULL, error);
}

static void
ensure_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError  *error = NULL;
  gboolean rebuilt = FALSE;

  if (ensure_snapshot (source_object, task_data, &rebuilt, cancellable, &error))
    g_task_return_int (task, rebuilt);
  else
    g_task_return_error (task, error);
}

/**
 * rh_search_index_ensure_async:
 *
 * Like rh_search_index_ensure(), with the hashing and any building on
 * a worker thread. @library is read on this thread before returning
 * and may change afterwards.
 */
void
rh_search_index_ensure_async (RhSearchIndex      *self,
                              RhLibrary          *library,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (RH_IS_SEARCH_INDEX (self));
  g_return_if_fail (RH_IS_LIBRARY (library));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_search_index_ensure_async);
  g_task_set_task_data (task, snapshot_new (library), (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, ensure_thread);
}

gboolean
rh_search_index_ensure_finish (RhSearchIndex *self,
                               GAsyncResult  *result,
                               gboolean      *out_rebuilt,
                               GError       **error)
{
  gssize rebuilt;

  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rh_search_index_ensure_async, FALSE);

  rebuilt = g_task_propagate_int (G_TASK (result), error);
  if (out_rebuilt != NULL)
    *out_rebuilt = rebuilt > 0;

  return rebuilt >= 0;
}

/* Querying ------------------------------------------------------------------ */

static Reader *
acquire_reader (RhSearchIndex *self,
                GError       **error)
{
  Reader *reader = NULL;
  guint   generation;
  int     rc;

  g_mutex_lock (&self->pool_lock);
  if (self->idle->len > 0)
    reader = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  generation = self->generation;
  g_mutex_unlock (&self->pool_lock);

  if (reader != NULL)
    return reader;

  reader = g_new0 (Reader, 1);
  reader->generation = generation;

  /* Read-only and unshared: each query thread has a connection of its
   * own, so SQLite's per-connection mutex is not needed.
   */
  rc = rh_sqlite_open (self->path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, 5000, &reader->db);
  if (rc == SQLITE_OK)
    rc = register_functions (reader);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN)
        g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY,
                             _ ("The search index has not been built yet"));
      else
        rh_sqlite_set_error (error, &index_errors, reader->db, rc, _ ("Could not open the search index"));
      reader_free (reader);
      return NULL;
    }

  return reader;
}

static void
release_reader (RhSearchIndex *self,
                Reader        *reader,
                gboolean       reusable)
{
  g_mutex_lock (&self->pool_lock);
  if (reusable && reader->generation == self->generation && self->idle->len < MAX_IDLE_READERS)
    {
      g_ptr_array_add (self->idle, reader);
      reader = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  if (reader != NULL)
    reader_free (reader);
}

static int
progress_handler (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* Splits FTS5-highlighted text into plain text and Pango markup. The
 * content is untrusted, so everything between markers is escaped.
 */
static void
split_marked (const char *marked,
              char      **out_plain,
              char      **out_markup)
{
  GString    *plain = g_string_new (NULL);
  GString    *markup = g_string_new (NULL);
  gboolean    open = FALSE;
  const char *start = marked != NULL ? marked : "";

  for (const char *p = start;; p++)
    {
      if (*p != MARK_OPEN && *p != MARK_CLOSE && *p != '\0')
        continue;

      if (p > start)
        {
          g_autofree char *escaped = g_markup_escape_text (start, p - start);

          g_string_append_len (plain, start, p - start);
          g_string_append (markup, escaped);
        }

      if (*p == '\0')
        break;

      if (*p == MARK_OPEN && !open)
        g_string_append (markup, "<b>");
      else if (*p == MARK_CLOSE && open)
        g_string_append (markup, "</b>");
      open = *p == MARK_OPEN;
      start = p + 1;
    }

  if (open)
    g_string_append (markup, "</b>");

  *out_plain = g_string_free (plain, FALSE);
  *out_markup = g_string_free (markup, FALSE);
}

static RhSearchResult *
result_from_row (sqlite3_stmt *stmt)
{
  g_autofree char *question_plain = NULL;
  g_autofree char *question_markup = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *snippet_markup = NULL;
  int              difficulty = sqlite3_column_int (stmt, 2);

  split_marked ((const char *) sqlite3_column_text (stmt, 7), &question_plain, &question_markup);
  split_marked ((const char *) sqlite3_column_text (stmt, 8), &snippet, &snippet_markup);

  return rh_search_result_new ((const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               CLAMP (difficulty, RH_DIFFICULTY_EASY, RH_DIFFICULTY_HARD),
                               (const char *) sqlite3_column_text (stmt, 3),
                               question_markup,
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 5),
                               (const char *) sqlite3_column_text (stmt, 6),
                               snippet,
                               snippet_markup);
}

static gboolean
reader_prepare (Reader  *reader,
                GError **error)
{
  int rc;

  if (reader->details != NULL)
    return TRUE;

  rc = sqlite3_prepare_v3 (reader->db, rank_sql, -1, SQLITE_PREPARE_PERSISTENT, &reader->rank, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (reader->db, details_sql, -1, SQLITE_PREPARE_PERSISTENT, &reader->details, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  /* Before the first build there is no table to prepare against. */
  if ((rc & 0xff) == SQLITE_ERROR)
    g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_NOT_READY,
                         _ ("The search index has not been built yet"));
  else
    rh_sqlite_set_error (error, &index_errors, reader->db, rc, _ ("Could not search"));

  g_clear_pointer (&reader->rank, sqlite3_finalize);
  g_clear_pointer (&reader->details, sqlite3_finalize);

  return FALSE;
}

/* Adds the rowids of one ranking pass to @rowids, skipping those an
 * earlier pass found, until there are @limit.
 */
static gboolean
rank_pass (Reader               *reader,
           const char           *match,
           guint                 n_tokens,
           const RhSearchFilter *filter,
           guint                 limit,
           GArray               *rowids,
           GHashTable           *seen,
           GError              **error)
{
  sqlite3_stmt *stmt = reader->rank;
  int           rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, filter->difficulty);
  if (filter->framework_slug != NULL)
    sqlite3_bind_text (stmt, 3, filter->framework_slug, -1, SQLITE_STATIC);
  if (filter->only_keys != NULL)
    {
      sqlite3_bind_int (stmt, 4, 1);
      sqlite3_bind_pointer (stmt, 5, filter->only_keys, "RhSearchKeys", NULL);
    }
  sqlite3_bind_int (stmt, 6, n_tokens);

  /* Every earlier result may come again. */
  sqlite3_bind_int (stmt, 7, limit + rowids->len);

  while (rowids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (seen, &rowid))
        continue;

      g_array_append_val (rowids, rowid);
      g_hash_table_add (seen, g_memdup2 (&rowid, sizeof rowid));
    }

  if (rowids->len >= limit)
    rc = SQLITE_DONE;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &index_errors, reader->db, rc, _ ("Could not search"));

  return TRUE;
}

/* Runs on any thread, with a reader of its own. */
static gboolean
reader_query (Reader               *reader,
              const char           *match,
              guint                 n_tokens,
              const RhSearchFilter *filter,
              guint                 limit,
              GPtrArray            *results,
              GError              **error)
{
  g_autoptr (GArray)     rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr (GString)    rowid_list = g_string_new (NULL);
  g_autofree char       *question_match = NULL;
  int                    rc;

  if (!reader_prepare (reader, error))
    return FALSE;

  reader_load_sizes (reader);

  /* Every question holding all the words, then, if the page is not
   * full, every match.
   */
  question_match = g_strdup_printf ("question : (%s)", match);
  if (!rank_pass (reader, question_match, n_tokens, filter, limit, rowids, seen, error) ||
      (rowids->len < limit && !rank_pass (reader, match, n_tokens, filter, limit, rowids, seen, error)))
    return FALSE;

  if (rowids->len == 0)
    return TRUE;

  for (guint i = 0; i < rowids->len; i++)
    g_string_append_printf (rowid_list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "[", g_array_index (rowids, gint64, i));
  g_string_append_c (rowid_list, ']');

  sqlite3_bind_text (reader->details, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (reader->details, 2, rowid_list->str, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (reader->details)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (reader->details, 9);

      g_hash_table_insert (by_rowid, g_memdup2 (&rowid, sizeof rowid), result_from_row (reader->details));
    }
  sqlite3_reset (reader->details);
  sqlite3_clear_bindings (reader->details);

  if (rc != SQLITE_DONE)
    return rh_sqlite_set_error (error, &index_errors, reader->db, rc, _ ("Could not search"));

  /* Back into the ranking's order. */
  for (guint i = 0; i < rowids->len; i++)
    {
      RhSearchResult *result = g_hash_table_lookup (by_rowid, &g_array_index (rowids, gint64, i));

      if (result != NULL)
        g_ptr_array_add (results, g_object_ref (result));
    }

  return TRUE;
}

static GListModel *
run_query (RhSearchIndex        *self,
           const char           *text,
           const RhSearchFilter *filter,
           guint                 limit,
           GCancellable         *cancellable,
           GError              **error)
{
  static const RhSearchFilter no_filter = RH_SEARCH_FILTER_INIT;
  g_autoptr (GListStore)      store = g_list_store_new (RH_TYPE_SEARCH_RESULT);
  g_autoptr (GPtrArray)       results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError)          local_error = NULL;
  g_autofree char            *match = NULL;
  RhParsedQuery               parsed;
  Reader                     *reader;
  guint                       n_tokens;
  gboolean                    ok;

  rh_search_query_parse (text, &parsed);
  match = rh_search_query_build_match (&parsed);
  n_tokens = parsed.tokens->len;
  g_ptr_array_unref (parsed.tokens);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (match == NULL)
    return G_LIST_MODEL (g_steal_pointer (&store));

  if (filter == NULL)
    filter = &no_filter;
  if (limit == 0)
    limit = RH_SEARCH_DEFAULT_LIMIT;
  limit = MIN (limit, MAX_LIMIT);

  if (!(reader = acquire_reader (self, error)))
    return NULL;

  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 1000, progress_handler, cancellable);

  /* One read transaction, so that a rebuild committing between the
   * ranking and the details cannot change what a rowid means.
   */
  ok = sqlite3_exec (reader->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
       reader_query (reader, match, n_tokens, filter, limit, results, &local_error);

  if (!ok && local_error == NULL)
    rh_sqlite_set_error (&local_error, &index_errors, reader->db, sqlite3_errcode (reader->db), _ ("Could not search"));

  /* The next ensure builds a damaged index again. */
  if (!ok && rh_sqlite_is_damage (sqlite3_extended_errcode (reader->db)))
    g_atomic_int_set (&self->damaged, TRUE);

  rh_sqlite_rollback (reader->db);

  sqlite3_progress_handler (reader->db, 0, NULL, NULL);

  release_reader (self, reader, ok || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED));

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_list_store_splice (store, 0, 0, results->pdata, results->len);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rh_search_index_query:
 * @text: what the user typed; never parsed as query syntax
 * @filter: (nullable): what to limit the search to
 * @limit: how many results at most, 0 for %RH_SEARCH_DEFAULT_LIMIT
 *
 * Searches on this thread; see rh_search_index_query_async() for the
 * user interface. Text with no words gives no results, not an error.
 * Fails with %RH_SEARCH_INDEX_ERROR_NOT_READY before the first build.
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #RhSearchResult, best first
 */
GListModel *
rh_search_index_query (RhSearchIndex        *self,
                       const char           *text,
                       const RhSearchFilter *filter,
                       guint                 limit,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_query (self, text, filter, limit, cancellable, error);
}

typedef struct
{
  char          *text;
  char          *framework_slug;
  GHashTable    *only_keys;
  RhSearchFilter filter;
  guint          limit;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->text);
  g_free (data->framework_slug);
  g_clear_pointer (&data->only_keys, g_hash_table_unref);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData  *data = task_data;
  GError     *error = NULL;
  GListModel *results;

  results = run_query (source_object, data->text, &data->filter, data->limit, cancellable, &error);
  if (results != NULL)
    g_task_return_pointer (task, results, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rh_search_index_query_async:
 * @filter: (nullable): copied, keys included, before this returns
 * @cancellable: (nullable): cancel it when the user types again: the
 *   stale query stops early and finishes with %G_IO_ERROR_CANCELLED
 *
 * Searches on a worker thread with a read-only connection of its own.
 */
void
rh_search_index_query_async (RhSearchIndex        *self,
                             const char           *text,
                             const RhSearchFilter *filter,
                             guint                 limit,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  QueryData        *data;

  g_return_if_fail (RH_IS_SEARCH_INDEX (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (QueryData, 1);
  data->text = g_strdup (text);
  data->limit = limit;
  data->filter.difficulty = filter != NULL ? filter->difficulty : RH_SEARCH_ANY_DIFFICULTY;
  data->filter.framework_slug = data->framework_slug = g_strdup (filter != NULL ? filter->framework_slug : NULL);

  /* The caller may change its set while the worker reads ours. */
  if (filter != NULL && filter->only_keys != NULL)
    {
      GHashTableIter iter;
      gpointer       key;

      data->only_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, filter->only_keys);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (data->only_keys, g_strdup (key));
      data->filter.only_keys = data->only_keys;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_search_index_query_async);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * rh_search_index_query_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #RhSearchResult, best first
 */
GListModel *
rh_search_index_query_finish (RhSearchIndex *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RH_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rh_search_index_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Command line ------------------------------------------------------------ */

/* For the command line, which hashes the library once to name its index
 * and must not hash it again to check it. */
RhSearchSnapshot *
_rh_search_snapshot_new (RhLibrary *library)
{
  return snapshot_new (library);
}

void
_rh_search_snapshot_free (RhSearchSnapshot *snapshot)
{
  snapshot_free (snapshot);
}

const char *
_rh_search_snapshot_get_hash (RhSearchSnapshot *snapshot)
{
  return snapshot_get_hash (snapshot);
}

gboolean
_rh_search_index_ensure_snapshot (RhSearchIndex    *self,
                                  RhSearchSnapshot *snapshot,
                                  gboolean         *out_rebuilt,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  return ensure_snapshot (self, snapshot, out_rebuilt, cancellable, error);
}
