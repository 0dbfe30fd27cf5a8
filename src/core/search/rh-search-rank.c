/* rh-search-rank.c
 *
 * Ranking search results, best first: an FTS5 function that scores each
 * match (the tier its words' places put it in, then bm25) and keeps the
 * best in a bounded heap, so that SQL sorts nothing and a row that
 * cannot make the page costs little. Row lengths, and what the filters
 * test, are read once per version of the index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rh-sqlite.h"

#include "rh-question-ref.h"
#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-rank.h"

/* Tiers, 0 best:
 *
 *   0  the question is exactly the words typed
 *   1  it holds them as a phrase, in order (the last one may be a prefix)
 *   2  it holds every word, whole
 *   3  it holds every word, the last perhaps as a prefix
 *   4  every word is in the question or the page's titles
 *   5  some word is only in the answer
 *
 * Within tiers 0 to 4, bm25 over the question and the titles alone:
 * those rows are found in fts_titles, which has no answers, and a score
 * that counts nothing else is the same in both tables. It favours the
 * question that is about the words over the one that merely has a long
 * answer mentioning them. Within tier 5, bm25 over the whole row, where
 * the word still being typed counts the same whole or as the start of a
 * longer one: the tiers above already put the whole word first, and
 * FTS5 then reads one list of rows for it instead of two.
 */
#define N_PHRASES_MAX (RH_SEARCH_MAX_TOKENS + 1)
#define MAX_OFFSETS 64

/* By column: the question well above the titles, and those above the
 * answer; fts_titles leaves the answer empty.
 */
static const double weights[] = { 10.0, 1.0, 4.0, 2.0, 2.0 };

typedef struct
{
  guint32 question; /* tokens */
  guint32 titles; /* question, subtopic, topic and framework */
  guint32 total;
} RowSizes;

struct _RhSearchRank
{
  sqlite3      *db;
  sqlite3_stmt *version_stmt;

  gint64    sizes_version; /* of the index when sizes was read */
  RowSizes *sizes; /* by rowid - 1 */
  guint     n_sizes;
  double    avgdl_titles;
  double    avgdl_total;

  /* What the filters test, read on the first filtered search. */
  gint64        facts_version;
  guint         n_facts;
  gint32       *difficulty; /* by rowid - 1 */
  guint32      *framework; /* framework_ids value, 0 for none */
  const char  **question_ids;
  GStringChunk *strings;
  GHashTable   *framework_ids; /* slug → guint, from 1 */
  GHashTable   *pages; /* path → GArray of gint64 rowids */

  /* For the rows of a pass whose scores wait: kept from query to query,
   * so that a common word's tens of thousands find room made. */
  GArray *pending; /* Pending */
  GArray *pending_freq; /* double, n_phrases a row */
};

typedef struct
{
  gint64 rowid;
  double score;
  int    tier;
} Hit;

/* A row whose score waits for the end of its pass. */
typedef struct
{
  gint64 rowid;
  int    tier;
  double length;
} Pending;

typedef enum
{
  IDF_TITLES,
  IDF_TOTAL,
} IdfKind;

struct _RhSearchScoring
{
  RhSearchRank *rank;
  int           n_tokens;
  gboolean      prefix; /* the last word is also matched as a prefix */

  /* The filter, made of the rank's facts. */
  gboolean filtering;
  gboolean nothing_allowed;
  int      difficulty; /* or RH_SEARCH_ANY_DIFFICULTY */
  guint32  framework; /* 0 for any */
  guint8  *allowed; /* bits by rowid - 1, or NULL for any */

  /* Per phrase of the query as rh_search_query_build_match() writes it,
   * over the question and the titles and over the whole row, once per
   * query. */
  int      n_phrases;
  gboolean known[2][N_PHRASES_MAX];
  double   idf[2][N_PHRASES_MAX];

  /* The pass under way, and the counting pass in it; whether their
   * match is rh_search_query_make_answers_match()'s, and whether it is
   * one word, whose rows FTS5 gives in one call. */
  RhSearchPass  pass;
  RhSearchPass  counting;
  gboolean      answers_match;
  gboolean      by_phrase;
  GCancellable *cancellable;
  guint         limit;
  GArray       *heap; /* Hit, worst first */
  GArray       *skip; /* sorted gint64 rowids */
  guint         n_visited;
  guint         n_scored;

  /* FTS5 counts a phrase's rows with a pass over all of them, which
   * costs as much as the ranking. But a pass's matches all hold each
   * phrase (or, for the last word's whole form, those counted here), so
   * they are a lower bound on those counts; one of half the rows or
   * more makes the frequency as common as any, and for a query of one
   * word the bounds are the counts. Scores wait for the end of the pass,
   * and only phrases that the bounds leave open are counted by FTS5.
   */
  sqlite3_int64 n_rows; /* of the pass's table */
  gint64        n_matches; /* rows of the pass, before filters */
  gint64        n_whole; /* of those, rows with the last word whole */
  GArray       *pending; /* the rank's */
  GArray       *pending_freq;
  guint         tier_counts[6];
};

static int
compare_hits (const Hit *a,
              const Hit *b)
{
  if (a->tier != b->tier)
    return a->tier < b->tier ? -1 : 1;
  if (a->score != b->score)
    return a->score < b->score ? -1 : 1;

  return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

static int
compare_hits_cb (gconstpointer a,
                 gconstpointer b)
{
  return compare_hits (a, b);
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Keeps the best @limit hits in a heap whose top is the worst of them. */
static void
heap_sift_down (GArray *heap,
                guint   i)
{
  Hit *hits = (Hit *) heap->data;

  for (;;)
    {
      guint worst = i;
      guint left = 2 * i + 1;
      guint right = left + 1;
      Hit   swap;

      if (left < heap->len && compare_hits (&hits[left], &hits[worst]) > 0)
        worst = left;
      if (right < heap->len && compare_hits (&hits[right], &hits[worst]) > 0)
        worst = right;
      if (worst == i)
        return;

      swap = hits[i];
      hits[i] = hits[worst];
      hits[worst] = swap;
      i = worst;
    }
}

static void
heap_offer (GArray    *heap,
            guint      limit,
            const Hit *hit)
{
  Hit *hits;

  if (heap->len < limit)
    {
      guint i = heap->len;

      g_array_append_val (heap, *hit);
      hits = (Hit *) heap->data;
      while (i > 0 && compare_hits (&hits[(i - 1) / 2], &hits[i]) < 0)
        {
          Hit swap = hits[i];

          hits[i] = hits[(i - 1) / 2];
          hits[(i - 1) / 2] = swap;
          i = (i - 1) / 2;
        }
      return;
    }

  hits = (Hit *) heap->data;
  if (limit == 0 || compare_hits (hit, &hits[0]) >= 0)
    return;

  hits[0] = *hit;
  heap_sift_down (heap, 0);
}

typedef struct
{
  gint64 n_hits;
  gint64 enough;
} Count;

static int
count_rows_cb (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               void                   *data)
{
  Count *count = data;

  /* SQLITE_DONE ends the phrase's rows early, without an error. */
  return ++count->n_hits >= count->enough ? SQLITE_DONE : SQLITE_OK;
}

/* FTS5's bm25() inverse document frequency: a phrase in half the rows
 * or more scores as if in all of them, so counting can stop there.
 */
static double
idf_of (gint64 n_rows,
        gint64 n_hits)
{
  double value = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));

  return value > 0.0 ? value : 1e-6;
}

/* FTS5's bm25(), over the phrases other than @skip. */
static double
bm25 (const double *idf,
      const double *freq,
      int           n_phrases,
      int           skip,
      double        length,
      double        avgdl)
{
  const double k1 = 1.2;
  const double b = 0.75;
  double       score = 0.0;

  for (int i = 0; i < n_phrases; i++)
    {
      if (i != skip)
        score += idf[i] * (freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1.0 - b + b * length / avgdl));
    }

  return score;
}

static gboolean
row_allowed (RhSearchScoring *scoring,
             gint64           rowid)
{
  RhSearchRank *rank = scoring->rank;
  guint         i;

  if (!scoring->filtering)
    return TRUE;

  /* The facts cover every row; the index numbers them from 1. */
  if (rowid < 1 || (guint64) rowid > rank->n_facts)
    return FALSE;
  i = rowid - 1;

  return (scoring->difficulty == RH_SEARCH_ANY_DIFFICULTY || rank->difficulty[i] == scoring->difficulty) &&
         (scoring->framework == 0 || rank->framework[i] == scoring->framework) &&
         (scoring->allowed == NULL || (scoring->allowed[i / 8] & (1u << (i % 8))) != 0);
}

/* The row's lengths in tokens, from the sizes read with the index, or
 * else from FTS5; fts_titles has no answer, so its total is its titles.
 */
static int
row_sizes (RhSearchScoring        *scoring,
           const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           gint64                  rowid,
           RowSizes               *out_sizes)
{
  RhSearchRank *rank = scoring->rank;
  int           n = 0;
  int           rc;

  if (rowid > 0 && (guint64) rowid <= rank->n_sizes)
    {
      *out_sizes = rank->sizes[rowid - 1];
      return SQLITE_OK;
    }

  memset (out_sizes, 0, sizeof *out_sizes);
  for (int column = RH_SEARCH_COLUMN_QUESTION; column <= RH_SEARCH_COLUMN_FRAMEWORK; column++)
    {
      if ((rc = api->xColumnSize (fts, column, &n)) != SQLITE_OK)
        return rc;
      if (column == RH_SEARCH_COLUMN_QUESTION)
        out_sizes->question = n;
      if (column != RH_SEARCH_COLUMN_ANSWER)
        out_sizes->titles += n;
      out_sizes->total += n;
    }

  return SQLITE_OK;
}

static gboolean
has_offset (const int *offsets,
            int        n,
            int        offset)
{
  for (int i = 0; i < n && offsets[i] <= offset; i++)
    {
      if (offsets[i] == offset)
        return TRUE;
    }

  return FALSE;
}

/* What one pass over a row's phrase instances tells. */
typedef struct
{
  double  freq_titles[N_PHRASES_MAX];
  double  freq_total[N_PHRASES_MAX];
  int     offsets[N_PHRASES_MAX][MAX_OFFSETS]; /* in the question */
  int     n_offsets[N_PHRASES_MAX];
  guint64 whole; /* tokens in the question, whole */
  guint64 any; /* tokens in the question, whole or as the prefix */
  guint64 titled; /* tokens in the question or the titles */
} Instances;

/* The phrase of the query that phrase @p of the statement's match is. */
static int
query_phrase (RhSearchScoring *scoring,
              int              p)
{
  return scoring->answers_match && scoring->prefix && p == scoring->n_tokens - 1 ? scoring->n_tokens : p;
}

static int
read_instances (RhSearchScoring        *scoring,
                const Fts5ExtensionApi *api,
                Fts5Context            *fts,
                int                     n_phrases,
                gboolean                titles,
                Instances              *inst)
{
  int n_tokens = scoring->n_tokens;

  /* Tier 5 needs the frequencies alone. */
  for (int p = 0; p < n_phrases && !titles; p++)
    {
      Fts5PhraseIter iter;
      int            column, offset;
      int            rc;
      double         freq = 0.0;

      if ((rc = api->xPhraseFirst (fts, p, &iter, &column, &offset)) != SQLITE_OK)
        return rc;
      for (; column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
        freq += column < (int) G_N_ELEMENTS (weights) ? weights[column] : 1.0;
      inst->freq_total[query_phrase (scoring, p)] = freq;
    }
  if (!titles && scoring->answers_match && scoring->prefix)
    inst->freq_total[n_tokens - 1] = 0.0;

  for (int p = 0; p < n_phrases && titles; p++)
    {
      Fts5PhraseIter iter;
      int            column, offset;
      int            rc;
      guint64        token = G_GUINT64_CONSTANT (1) << MIN (p, n_tokens - 1);

      inst->freq_titles[p] = 0.0;
      inst->freq_total[p] = 0.0;
      inst->n_offsets[p] = 0;

      if ((rc = api->xPhraseFirst (fts, p, &iter, &column, &offset)) != SQLITE_OK)
        return rc;

      for (; column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
        {
          double weight = column < (int) G_N_ELEMENTS (weights) ? weights[column] : 1.0;

          inst->freq_total[p] += weight;
          if (!titles || column == RH_SEARCH_COLUMN_ANSWER)
            continue;

          inst->freq_titles[p] += weight;
          inst->titled |= token;
          if (column != RH_SEARCH_COLUMN_QUESTION)
            continue;

          if (p < n_tokens)
            inst->whole |= token;
          inst->any |= token;
          if (inst->n_offsets[p] < MAX_OFFSETS)
            inst->offsets[p][inst->n_offsets[p]++] = offset;
        }
    }

  return SQLITE_OK;
}

static int
tier_of (const Instances *inst,
         gboolean         prefix,
         int              n_tokens,
         guint32          question_size)
{
  guint64  all = (G_GUINT64_CONSTANT (1) << n_tokens) - 1;
  gboolean in_order = FALSE;

  if (inst->any != all)
    return inst->titled == all ? 4 : 5;

  /* A phrase starts wherever token 0 does and continues one offset at
   * a time; the last token may match in its prefix form.
   */
  for (int i = 0; i < inst->n_offsets[0]; i++)
    {
      int      start = inst->offsets[0][i];
      gboolean whole_words = TRUE;
      int      t;

      for (t = 1; t < n_tokens; t++)
        {
          int at = start + t;

          if (has_offset (inst->offsets[t], inst->n_offsets[t], at))
            continue;
          if (t + 1 == n_tokens && prefix && has_offset (inst->offsets[n_tokens], inst->n_offsets[n_tokens], at))
            {
              whole_words = FALSE;
              continue;
            }
          break;
        }

      if (t < n_tokens)
        continue;

      in_order = TRUE;
      if (whole_words && start == 0 && question_size == (guint32) n_tokens)
        return 0;
    }

  if (in_order && n_tokens > 1)
    return 1;

  return inst->whole == all ? 2 : 3;
}

/* The phrase that scores of @kind leave out, or -1. */
static int
skipped_phrase (RhSearchScoring *scoring,
                IdfKind          kind)
{
  return kind == IDF_TOTAL && scoring->prefix ? scoring->n_tokens - 1 : -1;
}

static IdfKind
idf_kind (int tier)
{
  return tier <= 4 ? IDF_TITLES : IDF_TOTAL;
}

static gboolean
idf_known (RhSearchScoring *scoring,
           IdfKind          kind)
{
  for (int q = 0; q < scoring->n_phrases; q++)
    {
      if (!scoring->known[kind][q] && q != skipped_phrase (scoring, kind))
        return FALSE;
    }

  return TRUE;
}

/* A counting pass: FTS5 counts, over the table and columns of the
 * match, the rows of each phrase not known yet.
 */
static int
count_phrases (RhSearchScoring        *scoring,
               const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               int                     n_phrases,
               IdfKind                 kind)
{
  sqlite3_int64 n_rows = 0;
  int           rc;

  if ((rc = api->xRowCount (fts, &n_rows)) != SQLITE_OK)
    return rc;

  for (int p = 0; p < n_phrases; p++)
    {
      Count count = { 0, (n_rows + 1) / 2 };
      int   q = query_phrase (scoring, p);

      if (scoring->known[kind][q] || q == skipped_phrase (scoring, kind))
        continue;
      if ((rc = api->xQueryPhrase (fts, p, &count, count_rows_cb)) != SQLITE_OK)
        return rc;
      scoring->idf[kind][q] = idf_of (n_rows, count.n_hits);
      scoring->known[kind][q] = TRUE;
    }

  return SQLITE_OK;
}

static int
score_row (RhSearchScoring        *scoring,
           const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           gboolean               *out_kept)
{
  RhSearchRank *rank = scoring->rank;
  gint64        rowid = api->xRowid (fts);
  int           n_phrases = api->xPhraseCount (fts);
  int           n_tokens = scoring->n_tokens;
  Instances     inst;
  RowSizes      sizes;
  Hit           hit = { rowid, 0.0, 5 };
  gboolean      allowed;
  IdfKind       kind;
  int           rc;

  *out_kept = FALSE;

  if (n_phrases != (scoring->answers_match ? n_tokens : scoring->n_phrases))
    return SQLITE_ERROR;

  if (scoring->counting != RH_SEARCH_PASS_NONE)
    {
      /* One row is enough to count with. */
      if ((rc = count_phrases (scoring, api, fts, n_phrases,
                               scoring->counting == RH_SEARCH_PASS_TITLE_COUNTS ? IDF_TITLES : IDF_TOTAL)) != SQLITE_OK)
        return rc;
      scoring->counting = RH_SEARCH_PASS_NONE;
      *out_kept = TRUE;
      return SQLITE_OK;
    }

  scoring->n_visited++;
  if (scoring->n_matches++ == 0 && (rc = api->xRowCount (fts, &scoring->n_rows)) != SQLITE_OK)
    return rc;

  allowed = row_allowed (scoring, rowid) &&
            (scoring->skip == NULL || scoring->skip->len == 0 ||
             bsearch (&rowid, scoring->skip->data, scoring->skip->len, sizeof (gint64), compare_rowids) == NULL);

  if (!allowed)
    {
      /* Still a row of the last word's whole form, if it is one. */
      if (scoring->prefix && !scoring->answers_match)
        {
          Fts5PhraseIter iter;
          int            column, offset;

          if ((rc = api->xPhraseFirst (fts, n_tokens - 1, &iter, &column, &offset)) != SQLITE_OK)
            return rc;
          scoring->n_whole += column >= 0;
        }
      return SQLITE_OK;
    }

  inst.whole = inst.any = inst.titled = 0;
  if ((rc = read_instances (scoring, api, fts, n_phrases, scoring->pass != RH_SEARCH_PASS_ANSWERS, &inst)) != SQLITE_OK ||
      (rc = row_sizes (scoring, api, fts, rowid, &sizes)) != SQLITE_OK)
    return rc;
  if (scoring->prefix && !scoring->answers_match)
    scoring->n_whole += inst.freq_total[n_tokens - 1] > 0.0;

  /* The titles pass found every row of the lower tiers, in a table of
   * the same text; the rest are of tier 5.
   */
  if (scoring->pass != RH_SEARCH_PASS_ANSWERS)
    hit.tier = tier_of (&inst, scoring->prefix, n_tokens, sizes.question);
  kind = idf_kind (hit.tier);

  /* A page full of better tiers needs no score. */
  if (hit.tier > 0)
    {
      guint n_better = 0;

      for (int t = 0; t < hit.tier; t++)
        n_better += scoring->tier_counts[t];
      if (n_better >= scoring->limit)
        return SQLITE_OK;
    }

  scoring->tier_counts[hit.tier]++;
  *out_kept = TRUE;

  if (!idf_known (scoring, kind))
    {
      Pending pending = { rowid, hit.tier, kind == IDF_TITLES ? sizes.titles : sizes.total };

      /* fts_titles holds no answers, and over fts the question and titles
       * are counted before the pass. */
      if (kind == IDF_TITLES ? scoring->pass != RH_SEARCH_PASS_TITLES : scoring->pass == RH_SEARCH_PASS_TITLES)
        return SQLITE_INTERNAL;

      g_array_append_val (scoring->pending, pending);
      g_array_append_vals (scoring->pending_freq, kind == IDF_TITLES ? inst.freq_titles : inst.freq_total,
                           scoring->n_phrases);
      return SQLITE_OK;
    }

  hit.score = -bm25 (scoring->idf[kind], kind == IDF_TITLES ? inst.freq_titles : inst.freq_total,
                     scoring->n_phrases, skipped_phrase (scoring, kind), kind == IDF_TITLES ? sizes.titles : sizes.total,
                     kind == IDF_TITLES ? rank->avgdl_titles : rank->avgdl_total);
  scoring->n_scored++;
  heap_offer (scoring->heap, scoring->limit, &hit);

  return SQLITE_OK;
}

/* Each row of a match of one phrase, as FTS5 gives them to a callback:
 * no round through SQL for each, which costs about as much as reading
 * the row. No progress handler runs meanwhile, so cancelling is checked
 * here.
 */
static int
score_phrase_row_cb (const Fts5ExtensionApi *api,
                     Fts5Context            *fts,
                     void                   *data)
{
  RhSearchScoring *scoring = data;
  gboolean         kept;

  if ((scoring->n_visited & 0xfff) == 0 && g_cancellable_is_cancelled (scoring->cancellable))
    return SQLITE_INTERRUPT;

  return score_row (scoring, api, fts, &kept);
}

/* rh_search_rank (fts, scoring): scores the row for the pass under way
 * in the RhSearchScoring bound as a pointer; true when it was kept.
 */
static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_args,
               sqlite3_value         **args)
{
  RhSearchScoring *scoring = n_args == 1 ? sqlite3_value_pointer (args[0], "RhSearchScoring") : NULL;
  gboolean         kept = FALSE;
  int              rc;

  if (scoring == NULL)
    {
      sqlite3_result_error (context, "rh_search_rank: expected the scoring", -1);
      return;
    }

  if (scoring->by_phrase && scoring->counting == RH_SEARCH_PASS_NONE)
    {
      scoring->by_phrase = FALSE;
      rc = api->xQueryPhrase (fts, 0, scoring, score_phrase_row_cb);
      kept = TRUE;
    }
  else
    rc = score_row (scoring, api, fts, &kept);

  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  sqlite3_result_int (context, kept);
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

static gint64
read_version (RhSearchRank *rank)
{
  gint64 version = -1;

  if (rank->version_stmt == NULL &&
      sqlite3_prepare_v3 (rank->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &rank->version_stmt,
                          NULL) != SQLITE_OK)
    return -1;

  if (sqlite3_step (rank->version_stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (rank->version_stmt, 0);
  sqlite3_reset (rank->version_stmt);

  return version;
}

/**
 * rh_search_rank_load_sizes:
 *
 * Reads every row's length from the FTS5 docsize table (one varint per
 * indexed column), again whenever the index has changed since; called
 * in the read transaction of each query. Without them, ranking asks
 * FTS5 for each row's.
 */
void
rh_search_rank_load_sizes (RhSearchRank *rank)
{
  sqlite3_stmt *stmt = NULL;
  gint64        version;
  guint64       sum_titles = 0;
  guint64       sum_total = 0;
  GArray       *sizes;

  g_return_if_fail (rank != NULL);

  version = read_version (rank);
  if (rank->sizes != NULL && version == rank->sizes_version)
    return;

  g_clear_pointer (&rank->sizes, g_free);
  rank->n_sizes = 0;
  rank->sizes_version = version;

  if (sqlite3_prepare_v2 (rank->db, "SELECT id, sz FROM fts_docsize ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return;

  sizes = g_array_new (FALSE, TRUE, sizeof (RowSizes));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64        id = sqlite3_column_int64 (stmt, 0);
      const guchar *p = sqlite3_column_blob (stmt, 1);
      const guchar *end = p + sqlite3_column_bytes (stmt, 1);
      RowSizes      row = { 0, 0, 0 };
      guint64       value;

      /* Rowids are dense from 1; anything else goes to FTS5's lookup. */
      if (id < 1 || id > G_MAXINT32)
        continue;

      for (int column = 0; p != NULL && p < end && (p = read_varint (p, end, &value)) != NULL; column++)
        {
          guint32 n = (guint32) MIN (value, G_MAXUINT32 / 8);

          if (column == RH_SEARCH_COLUMN_QUESTION)
            row.question = n;
          if (column != RH_SEARCH_COLUMN_ANSWER)
            row.titles += n;
          row.total += n;
        }

      if ((guint64) id > sizes->len)
        g_array_set_size (sizes, id);
      g_array_index (sizes, RowSizes, id - 1) = row;
      sum_titles += row.titles;
      sum_total += row.total;
    }
  sqlite3_finalize (stmt);

  /* As FTS5 does it: the average over the rows of the table. */
  rank->n_sizes = sizes->len;
  rank->avgdl_titles = sizes->len > 0 ? MAX ((double) sum_titles / sizes->len, 1.0) : 1.0;
  rank->avgdl_total = sizes->len > 0 ? MAX ((double) sum_total / sizes->len, 1.0) : 1.0;
  rank->sizes = (RowSizes *) (void *) g_array_free (sizes, FALSE);
}

static void
clear_facts (RhSearchRank *rank)
{
  rank->n_facts = 0;
  rank->facts_version = -1;
  g_clear_pointer (&rank->difficulty, g_free);
  g_clear_pointer (&rank->framework, g_free);
  g_clear_pointer (&rank->question_ids, g_free);
  g_clear_pointer (&rank->framework_ids, g_hash_table_unref);
  g_clear_pointer (&rank->pages, g_hash_table_unref);
  g_clear_pointer (&rank->strings, g_string_chunk_free);
}

/* What the filters test, for every row: one read of the table. */
static gboolean
load_facts (RhSearchRank *rank,
            GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64        version = read_version (rank);
  GArray       *difficulty, *framework, *question_ids;
  int           rc;

  if (rank->strings != NULL && version == rank->facts_version)
    return TRUE;

  clear_facts (rank);

  rc = sqlite3_prepare_v2 (rank->db, "SELECT rowid, difficulty, framework_slug, path, question_id FROM fts", -1,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    return rh_sqlite_set_error (error, &rh_search_index_errors, rank->db, rc, _ ("Could not search"));

  rank->strings = g_string_chunk_new (64 * 1024);
  rank->framework_ids = g_hash_table_new (g_str_hash, g_str_equal);
  rank->pages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  difficulty = g_array_new (FALSE, TRUE, sizeof (gint32));
  framework = g_array_new (FALSE, TRUE, sizeof (guint32));
  question_ids = g_array_new (FALSE, TRUE, sizeof (const char *));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64      rowid = sqlite3_column_int64 (stmt, 0);
      const char *slug = (const char *) sqlite3_column_text (stmt, 2);
      const char *path = (const char *) sqlite3_column_text (stmt, 3);
      const char *id = (const char *) sqlite3_column_text (stmt, 4);
      GArray     *rows;
      guint       i;

      if (rowid < 1 || rowid > G_MAXINT32)
        continue;
      i = rowid - 1;
      if (i >= difficulty->len)
        {
          g_array_set_size (difficulty, i + 1);
          g_array_set_size (framework, i + 1);
          g_array_set_size (question_ids, i + 1);
        }

      g_array_index (difficulty, gint32, i) = sqlite3_column_int (stmt, 1);
      if (slug != NULL)
        {
          guint value = GPOINTER_TO_UINT (g_hash_table_lookup (rank->framework_ids, slug));

          if (value == 0)
            {
              value = g_hash_table_size (rank->framework_ids) + 1;
              g_hash_table_insert (rank->framework_ids, g_string_chunk_insert_const (rank->strings, slug),
                                   GUINT_TO_POINTER (value));
            }
          g_array_index (framework, guint32, i) = value;
        }

      if (path == NULL || id == NULL)
        continue;

      g_array_index (question_ids, const char *, i) = g_string_chunk_insert (rank->strings, id);
      if ((rows = g_hash_table_lookup (rank->pages, path)) == NULL)
        {
          rows = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (rank->pages, g_string_chunk_insert_const (rank->strings, path), rows);
        }
      g_array_append_val (rows, rowid);
    }
  sqlite3_finalize (stmt);

  rank->n_facts = difficulty->len;
  rank->difficulty = (gint32 *) (void *) g_array_free (difficulty, FALSE);
  rank->framework = (guint32 *) (void *) g_array_free (framework, FALSE);
  rank->question_ids = (const char **) (void *) g_array_free (question_ids, FALSE);

  if (rc != SQLITE_DONE)
    {
      rh_sqlite_set_error (error, &rh_search_index_errors, rank->db, rc, _ ("Could not search"));
      clear_facts (rank);
      return FALSE;
    }

  rank->facts_version = version;

  return TRUE;
}

/**
 * rh_search_rank_new:
 * @db: a connection to the index
 *
 * Returns: (transfer full): the ranking for @db, to be freed before @db
 *   is closed
 */
RhSearchRank *
rh_search_rank_new (sqlite3 *db)
{
  RhSearchRank *rank;

  g_return_val_if_fail (db != NULL, NULL);

  rank = g_new0 (RhSearchRank, 1);
  rank->db = db;
  rank->sizes_version = -1;
  rank->facts_version = -1;
  rank->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  rank->pending_freq = g_array_new (FALSE, FALSE, sizeof (double));

  return rank;
}

void
rh_search_rank_free (RhSearchRank *rank)
{
  g_return_if_fail (rank != NULL);

  g_clear_pointer (&rank->version_stmt, sqlite3_finalize);
  g_clear_pointer (&rank->sizes, g_free);
  g_clear_pointer (&rank->pending, g_array_unref);
  g_clear_pointer (&rank->pending_freq, g_array_unref);
  clear_facts (rank);
  g_free (rank);
}

/**
 * rh_search_rank_register:
 *
 * Adds rh_search_rank() to the connection.
 *
 * Returns: an SQLite result code
 */
int
rh_search_rank_register (RhSearchRank *rank)
{
  fts5_api *api;

  g_return_val_if_fail (rank != NULL, SQLITE_MISUSE);

  if ((api = rh_sqlite_get_fts5_api (rank->db)) == NULL)
    return SQLITE_ERROR;

  return api->xCreateFunction (api, "rh_search_rank", NULL, rank_function, NULL);
}

/* The rows of the questions in @refs, by their path and id; the set
 * has the last word, by its own lookup.
 */
static guint8 *
allowed_rows (RhSearchRank *rank,
              GHashTable   *refs,
              gboolean     *out_any)
{
  guint8        *allowed = g_malloc0 (rank->n_facts / 8 + 1);
  GHashTableIter iter;
  gpointer       key;

  *out_any = FALSE;

  g_hash_table_iter_init (&iter, refs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const RhQuestionRef *ref = key;
      GArray              *rows = g_hash_table_lookup (rank->pages, rh_question_ref_get_path (ref));

      for (guint j = 0; rows != NULL && j < rows->len; j++)
        {
          guint i = g_array_index (rows, gint64, j) - 1;

          if (g_str_equal (rank->question_ids[i], rh_question_ref_get_question_id (ref)) &&
              g_hash_table_contains (refs, ref))
            {
              allowed[i / 8] |= 1u << (i % 8);
              *out_any = TRUE;
            }
        }
    }

  return allowed;
}

/**
 * rh_search_scoring_new:
 * @n_tokens: how many words the query has
 * @filter: what to limit the results to
 *
 * The ranking of one query, in the read transaction it runs in: the
 * filter made ready, then one or more passes.
 *
 * Returns: (transfer full) (nullable): the scoring, or %NULL when the
 *   filter could not be read
 */
RhSearchScoring *
rh_search_scoring_new (RhSearchRank         *rank,
                       guint                 n_tokens,
                       gboolean              prefix,
                       const RhSearchFilter *filter,
                       GCancellable         *cancellable,
                       GError              **error)
{
  RhSearchScoring *scoring;

  g_return_val_if_fail (rank != NULL, NULL);
  g_return_val_if_fail (n_tokens > 0 && n_tokens <= RH_SEARCH_MAX_TOKENS, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  rh_search_rank_load_sizes (rank);

  scoring = g_new0 (RhSearchScoring, 1);
  scoring->rank = rank;
  scoring->n_tokens = n_tokens;
  scoring->prefix = prefix;
  scoring->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  scoring->n_phrases = n_tokens + (prefix ? 1 : 0);
  scoring->difficulty = filter->difficulty < 0 ? RH_SEARCH_ANY_DIFFICULTY : filter->difficulty;
  scoring->heap = g_array_new (FALSE, FALSE, sizeof (Hit));
  scoring->pending = g_array_set_size (rank->pending, 0);
  scoring->pending_freq = g_array_set_size (rank->pending_freq, 0);
  scoring->filtering = filter->difficulty >= 0 || filter->framework_slug != NULL || filter->only_refs != NULL;

  if (!scoring->filtering)
    return scoring;

  if (!load_facts (rank, error))
    {
      rh_search_scoring_free (scoring);
      return NULL;
    }

  if (filter->framework_slug != NULL)
    {
      scoring->framework = GPOINTER_TO_UINT (g_hash_table_lookup (rank->framework_ids, filter->framework_slug));
      scoring->nothing_allowed |= scoring->framework == 0;
    }

  if (filter->only_refs != NULL)
    {
      gboolean any = FALSE;

      scoring->allowed = allowed_rows (rank, filter->only_refs, &any);
      scoring->nothing_allowed |= !any;
    }

  return scoring;
}

void
rh_search_scoring_free (RhSearchScoring *scoring)
{
  g_return_if_fail (scoring != NULL);

  g_clear_pointer (&scoring->heap, g_array_unref);
  g_clear_pointer (&scoring->skip, g_array_unref);
  g_clear_object (&scoring->cancellable);
  g_free (scoring->allowed);
  g_free (scoring);
}

/**
 * rh_search_scoring_allows_nothing:
 *
 * Returns: whether the filter leaves no row at all
 */
gboolean
rh_search_scoring_allows_nothing (RhSearchScoring *scoring)
{
  g_return_val_if_fail (scoring != NULL, TRUE);

  return scoring->nothing_allowed;
}

/* The idf kind that the pending rows of the pass wait for. */
static IdfKind
pending_kind (RhSearchScoring *scoring)
{
  return scoring->pass == RH_SEARCH_PASS_TITLES ? IDF_TITLES : IDF_TOTAL;
}

/* What the pass's own counts settle. */
static void
settle_counts (RhSearchScoring *scoring)
{
  IdfKind kind = pending_kind (scoring);

  for (int q = 0; q < scoring->n_phrases; q++)
    {
      gboolean whole_form = scoring->prefix && q == scoring->n_tokens - 1;
      gint64   bound = whole_form ? scoring->n_whole : scoring->n_matches;

      if (scoring->known[kind][q] || q == skipped_phrase (scoring, kind))
        continue;

      /* The whole form of the last word is counted by the titles pass
       * alone, which matches it. */
      if (whole_form && scoring->answers_match)
        continue;

      if (scoring->n_tokens == 1 || 2 * bound >= scoring->n_rows)
        {
          scoring->idf[kind][q] = idf_of (scoring->n_rows, bound);
          scoring->known[kind][q] = TRUE;
        }
    }
}

/**
 * rh_search_scoring_begin:
 * @pass: which rows the statement run next matches, and how to score
 *   them
 * @limit: how many of the best to keep
 * @skip: (nullable) (element-type gint64): rowids to pass over, sorted
 *
 * Readies the scoring for one statement that calls rh_search_rank() on
 * each match, with the scoring bound as a pointer of type
 * "RhSearchScoring". A counting pass needs a statement that stops at
 * its first row; it may come before a ranking pass, or after one and
 * before rh_search_scoring_end(), and ignores @limit and @skip.
 *
 * Returns: whether the statement is to stop at its first row, whose
 *   call ranks them all
 */
gboolean
rh_search_scoring_begin (RhSearchScoring *scoring,
                         RhSearchPass     pass,
                         guint            limit,
                         GArray          *skip)
{
  g_return_val_if_fail (scoring != NULL, FALSE);

  /* A counting pass keeps the ranking pass's rows waiting for it. */
  if (pass == RH_SEARCH_PASS_TITLE_COUNTS || pass == RH_SEARCH_PASS_TOTAL_COUNTS)
    {
      scoring->counting = pass;
      return TRUE;
    }

  scoring->pass = pass;
  scoring->counting = RH_SEARCH_PASS_NONE;
  scoring->answers_match = pass == RH_SEARCH_PASS_ANSWERS;
  /* A prefix's rows cost FTS5 as much either way. */
  scoring->by_phrase = pass != RH_SEARCH_PASS_EVERY && scoring->n_phrases == 1;
  scoring->limit = limit;
  scoring->n_rows = scoring->n_matches = scoring->n_whole = 0;
  memset (scoring->tier_counts, 0, sizeof scoring->tier_counts);
  g_array_set_size (scoring->pending, 0);
  g_array_set_size (scoring->pending_freq, 0);
  g_array_set_size (scoring->heap, 0);
  g_clear_pointer (&scoring->skip, g_array_unref);
  if (skip != NULL)
    scoring->skip = g_array_ref (skip);

  return scoring->by_phrase;
}

/**
 * rh_search_scoring_needs_counts:
 *
 * After a ranking pass: whether some of its rows wait for FTS5 to count
 * phrases' rows, with a counting pass over the same table and match.
 *
 * Returns: %RH_SEARCH_PASS_TITLE_COUNTS or %RH_SEARCH_PASS_TOTAL_COUNTS
 *   for the counting pass to run, or %RH_SEARCH_PASS_NONE
 */
RhSearchPass
rh_search_scoring_needs_counts (RhSearchScoring *scoring)
{
  g_return_val_if_fail (scoring != NULL, RH_SEARCH_PASS_NONE);

  if (scoring->pending->len == 0)
    return RH_SEARCH_PASS_NONE;

  settle_counts (scoring);
  if (idf_known (scoring, pending_kind (scoring)))
    return RH_SEARCH_PASS_NONE;

  return pending_kind (scoring) == IDF_TITLES ? RH_SEARCH_PASS_TITLE_COUNTS : RH_SEARCH_PASS_TOTAL_COUNTS;
}

/**
 * rh_search_scoring_end:
 * @out_rowids: (element-type gint64): where the rowids kept go, best
 *   first
 *
 * Ends a ranking pass, and scores its rows that waited for counts.
 *
 * Returns: %FALSE if rows still wait for counts, which is a mistake of
 *   the caller's
 */
gboolean
rh_search_scoring_end (RhSearchScoring *scoring,
                       GArray          *out_rowids)
{
  RhSearchRank *rank = scoring->rank;
  IdfKind       kind;

  g_return_val_if_fail (scoring != NULL, FALSE);
  g_return_val_if_fail (out_rowids != NULL, FALSE);

  if (scoring->pending->len > 0)
    {
      kind = pending_kind (scoring);
      settle_counts (scoring);
      g_return_val_if_fail (idf_known (scoring, kind), FALSE);

      for (guint i = 0; i < scoring->pending->len; i++)
        {
          const Pending *pending = &g_array_index (scoring->pending, Pending, i);
          const double  *freq = &g_array_index (scoring->pending_freq, double, i * scoring->n_phrases);
          Hit            hit = { pending->rowid, 0.0, pending->tier };

          hit.score = -bm25 (scoring->idf[kind], freq, scoring->n_phrases, skipped_phrase (scoring, kind),
                             pending->length, kind == IDF_TITLES ? rank->avgdl_titles : rank->avgdl_total);
          scoring->n_scored++;
          heap_offer (scoring->heap, scoring->limit, &hit);
        }

      /* Room for an unusually large query is not worth keeping. */
      if (scoring->pending_freq->len > 1024 * 1024)
        {
          g_array_unref (rank->pending);
          g_array_unref (rank->pending_freq);
          scoring->pending = rank->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
          scoring->pending_freq = rank->pending_freq = g_array_new (FALSE, FALSE, sizeof (double));
        }
      g_array_set_size (scoring->pending, 0);
      g_array_set_size (scoring->pending_freq, 0);
    }

  g_array_sort (scoring->heap, compare_hits_cb);
  for (guint i = 0; i < scoring->heap->len; i++)
    g_array_append_val (out_rowids, g_array_index (scoring->heap, Hit, i).rowid);
  g_array_set_size (scoring->heap, 0);
  g_clear_pointer (&scoring->skip, g_array_unref);

  return TRUE;
}

/**
 * rh_search_scoring_get_counts:
 * @out_visited: (out) (optional): matches the passes went through
 * @out_scored: (out) (optional): and those they scored
 */
void
rh_search_scoring_get_counts (RhSearchScoring *scoring,
                              guint           *out_visited,
                              guint           *out_scored)
{
  g_return_if_fail (scoring != NULL);

  if (out_visited != NULL)
    *out_visited = scoring->n_visited;
  if (out_scored != NULL)
    *out_scored = scoring->n_scored;
}
