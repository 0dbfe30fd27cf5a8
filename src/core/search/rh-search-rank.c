/* rh-search-rank.c
 *
 * The SQL functions that rank search results, best first: which tier
 * the words' places put a question in, FTS5's bm25 with row lengths
 * read once per version of the index, and the bookmarked-only filter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rh-sqlite.h"

#include "rh-question-ref.h"
#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-rank.h"

struct _RhSearchRank
{
  sqlite3 *db;
  GArray  *doc_sizes; /* guint32 tokens in each row, by rowid */
  gint64   data_version; /* of the index when doc_sizes was read */
};

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

      if (api->xInst (fts, i, &phrase, &column, &offset) != SQLITE_OK || column == RH_SEARCH_COLUMN_ANSWER)
        continue;

      titled |= G_GUINT64_CONSTANT (1) << MIN (phrase, n_tokens - 1);
      if (column != RH_SEARCH_COLUMN_QUESTION)
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
          api->xColumnSize (fts, RH_SEARCH_COLUMN_QUESTION, &column_size) == SQLITE_OK &&
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

/* rh_search_keep (refs, path, question_id): whether the question is in
 * the set bound as a pointer, for the bookmarked-only filter.
 */
static void
keep_function (sqlite3_context *context,
               int              n_args,
               sqlite3_value  **args)
{
  GHashTable               *refs = sqlite3_value_pointer (args[0], "RhSearchRefs");
  const char               *path = (const char *) sqlite3_value_text (args[1]);
  const char               *id = (const char *) sqlite3_value_text (args[2]);
  g_autoptr (RhQuestionRef) ref = NULL;

  if (refs == NULL || path == NULL || id == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  ref = rh_question_ref_new (path, id);
  sqlite3_result_int (context, g_hash_table_contains (refs, ref));
}

/* rh_search_bm25 (fts, weight…): FTS5's own bm25(), formula for
 * formula, except where a row's length comes from. FTS5 looks it up
 * with one SQL statement a row, which is most of the cost of ranking
 * thousands of matches; here it comes from an array that
 * rh_search_rank_load_sizes() fills once per version of the index.
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
  RhSearchRank *rank = api->xUserData (fts);
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

  if (rank->doc_sizes != NULL && rowid > 0 && (guint64) rowid <= rank->doc_sizes->len)
    length = g_array_index (rank->doc_sizes, guint32, rowid - 1);
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

/**
 * rh_search_rank_load_sizes:
 *
 * Reads every row's length from the FTS5 docsize table (one varint per
 * indexed column), again whenever the index has changed since; called
 * in the read transaction of each query.
 */
void
rh_search_rank_load_sizes (RhSearchRank *rank)
{
  sqlite3_stmt *stmt = NULL;
  gint64        version = -1;

  g_return_if_fail (rank != NULL);

  if (sqlite3_prepare_v2 (rank->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rank->doc_sizes != NULL && version == rank->data_version)
    return;

  g_clear_pointer (&rank->doc_sizes, g_array_unref);
  rank->data_version = version;

  if (sqlite3_prepare_v2 (rank->db, "SELECT id, sz FROM fts_docsize ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return;

  rank->doc_sizes = g_array_new (FALSE, TRUE, sizeof (guint32));
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

      if ((guint64) id > rank->doc_sizes->len)
        g_array_set_size (rank->doc_sizes, id);
      g_array_index (rank->doc_sizes, guint32, id - 1) = (guint32) MIN (total, G_MAXUINT32);
    }
  sqlite3_finalize (stmt);
}

/**
 * rh_search_rank_new:
 * @db: a connection to the index
 *
 * Returns: (transfer full): the ranking for @db, to be freed once @db is
 *   closed
 */
RhSearchRank *
rh_search_rank_new (sqlite3 *db)
{
  RhSearchRank *rank;

  g_return_val_if_fail (db != NULL, NULL);

  rank = g_new0 (RhSearchRank, 1);
  rank->db = db;
  rank->data_version = -1;

  return rank;
}

void
rh_search_rank_free (RhSearchRank *rank)
{
  g_return_if_fail (rank != NULL);

  g_clear_pointer (&rank->doc_sizes, g_array_unref);
  g_free (rank);
}

/**
 * rh_search_rank_register:
 *
 * Adds rh_search_tier(), rh_search_bm25() and rh_search_keep() to the
 * connection.
 *
 * Returns: an SQLite result code
 */
int
rh_search_rank_register (RhSearchRank *rank)
{
  fts5_api *api;
  int       rc;

  g_return_val_if_fail (rank != NULL, SQLITE_MISUSE);

  if ((api = rh_sqlite_get_fts5_api (rank->db)) == NULL)
    return SQLITE_ERROR;

  if ((rc = api->xCreateFunction (api, "rh_search_tier", NULL, tier_function, NULL)) != SQLITE_OK ||
      (rc = api->xCreateFunction (api, "rh_search_bm25", rank, bm25_function, NULL)) != SQLITE_OK)
    return rc;

  return sqlite3_create_function_v2 (rank->db, "rh_search_keep", 3, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                     NULL, keep_function, NULL, NULL, NULL);
}
