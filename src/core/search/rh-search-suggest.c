/* rh-search-suggest.c
 *
 * "Did you mean …?" for a search that found nothing: each word of the
 * query that the index does not hold is replaced by the nearest word it
 * does. The words come from SQLite's own fts5vocab table over the index,
 * folded by the index's own tokenizer, so case and diacritics compare as
 * the index compares them; nearness is the optimal string alignment
 * distance (Levenshtein with transpositions), bounded by the word's
 * length, and among words as near, the one in more questions wins.
 * A last word still being typed is compared with the beginnings of
 * words too, after whole words.
 *
 * Reading the vocabulary walks the whole index, so it is read once per
 * version of the index and kept with the connection; and none of this
 * runs unless a search came back empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-sqlite.h"

#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-suggest.h"
#include "rh-search-tokenizer.h"

/* The characters of a term kept for comparing: a word within the bound
 * of a term, or of one of its prefixes, never needs more.
 */
#define MAX_TERM_CHARS (RH_SEARCH_SUGGEST_MAX_WORD + 2)

/* A growing last word is compared with the terms' prefixes too, once it
 * is long enough to say something.
 */
#define MIN_PREFIX_WORD 4

typedef struct
{
  const char *text;
  guint       offset; /* into chars */
  guint       n_stored; /* at most MAX_TERM_CHARS */
  guint       n_chars;
  gint64      n_docs;
} Term;

struct _RhSearchSuggest
{
  sqlite3           *db;
  RhSearchTokenizer *tokenizer;
  gboolean           has_vocab_table;
  gint64             data_version; /* of the index when terms were read */
  GStringChunk      *strings;
  GArray            *terms; /* Term, in the index's order, which is strcmp()'s */
  GArray            *chars; /* gunichar: every term's characters in turn */
};

typedef struct
{
  const char *typed;
  gunichar    chars[RH_SEARCH_SUGGEST_MAX_WORD];
  guint       n_chars;
  guint       bound;
  gboolean    prefix; /* compared with the terms' prefixes too */
  gboolean    correct; /* not in the index, and long enough to correct */
  const Term *best;
  guint       best_distance;
  gboolean    best_whole; /* not only a beginning of the best term */
} Word;

/**
 * rh_search_suggest_get_bound:
 * @n_chars: the length of a word
 *
 * One typo in a short word already makes another word, so the bound
 * grows with the length: none below three characters, one edit up to
 * five, two from six on.
 *
 * Returns: how many edits a suggestion for the word may be away
 */
guint
rh_search_suggest_get_bound (guint n_chars)
{
  return n_chars < 3 ? 0 : n_chars < 6 ? 1
                                       : 2;
}

/* The optimal string alignment distance from @a to @b, whose first
 * @n_stored of @n characters are given, and in @out_prefix (when not
 * NULL) from @a to the nearest prefix of @b. Anything above @bound is
 * bound + 1: a row of the matrix whose every cell is above it ends the
 * walk, since no later row can come back below.
 */
static guint
osa_distance (const gunichar *a,
              guint           m,
              const gunichar *b,
              guint           n_stored,
              guint           n,
              guint           bound,
              guint          *out_prefix)
{
  guint  rows[3][MAX_TERM_CHARS + 1];
  guint *before = rows[0];
  guint *previous = rows[1];
  guint *current = rows[2];
  guint  over = bound + 1;
  guint  columns;
  guint  prefix = over;

  g_assert (m <= RH_SEARCH_SUGGEST_MAX_WORD && bound <= 2);

  /* Beyond m + bound characters no prefix of b can be within the bound. */
  columns = MIN (n_stored, m + bound);

  for (guint j = 0; j <= columns; j++)
    previous[j] = j;

  for (guint i = 1; i <= m; i++)
    {
      guint  row_min = i;
      guint *spare;

      current[0] = i;
      for (guint j = 1; j <= columns; j++)
        {
          guint value = MIN (previous[j], current[j - 1]) + 1;

          value = MIN (value, previous[j - 1] + (a[i - 1] != b[j - 1]));
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            value = MIN (value, before[j - 2] + 1);
          current[j] = value;
          row_min = MIN (row_min, value);
        }

      if (row_min > bound)
        {
          if (out_prefix != NULL)
            *out_prefix = over;
          return over;
        }

      spare = before;
      before = previous;
      previous = current;
      current = spare;
    }

  for (guint j = 0; j <= columns; j++)
    prefix = MIN (prefix, previous[j]);
  if (out_prefix != NULL)
    *out_prefix = prefix;

  /* n ≤ m + bound means all of b was stored and compared. */
  return n <= m + bound ? MIN (previous[n], over) : over;
}

/* At most @max characters of @text, which must be valid UTF-8; returns
 * how many there are in all.
 */
static guint
decode (const char *text,
        gunichar   *out,
        guint       max)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      if (n < max)
        out[n] = g_utf8_get_char (p);
    }

  return n;
}

/**
 * rh_search_suggest_distance:
 * @word: what was typed, at most %RH_SEARCH_SUGGEST_MAX_WORD characters
 * @term: a word of the index
 * @bound: at most 2; distances above it are not told apart
 * @out_prefix_distance: (out) (optional): the distance from @word to the
 *   nearest prefix of @term, for a word still being typed
 *
 * The optimal string alignment distance: insertions, deletions,
 * substitutions and transpositions of neighbours, by character, each
 * costing one, with no substring edited twice. The strings are compared
 * as they are: fold them first.
 *
 * Returns: the distance from @word to @term, or @bound + 1 if greater
 */
guint
rh_search_suggest_distance (const char *word,
                            const char *term,
                            guint       bound,
                            guint      *out_prefix_distance)
{
  gunichar a[RH_SEARCH_SUGGEST_MAX_WORD];
  gunichar b[MAX_TERM_CHARS];
  guint    m, n;

  g_return_val_if_fail (word != NULL && g_utf8_validate (word, -1, NULL), bound + 1);
  g_return_val_if_fail (term != NULL && g_utf8_validate (term, -1, NULL), bound + 1);
  g_return_val_if_fail (bound <= 2, bound + 1);

  m = decode (word, a, G_N_ELEMENTS (a));
  n = decode (term, b, G_N_ELEMENTS (b));
  g_return_val_if_fail (m <= RH_SEARCH_SUGGEST_MAX_WORD, bound + 1);

  return osa_distance (a, m, b, MIN (n, MAX_TERM_CHARS), n, bound, out_prefix_distance);
}

/**
 * rh_search_suggest_new:
 * @db: a connection to the index; read only is enough
 *
 * Returns: (transfer full): suggestions for @db, to be freed before @db
 *   is closed
 */
RhSearchSuggest *
rh_search_suggest_new (sqlite3 *db)
{
  RhSearchSuggest *suggest;

  g_return_val_if_fail (db != NULL, NULL);

  suggest = g_new0 (RhSearchSuggest, 1);
  suggest->db = db;
  suggest->data_version = -1;

  return suggest;
}

static void
clear_vocabulary (RhSearchSuggest *suggest)
{
  g_clear_pointer (&suggest->terms, g_array_unref);
  g_clear_pointer (&suggest->chars, g_array_unref);
  g_clear_pointer (&suggest->strings, g_string_chunk_free);
}

void
rh_search_suggest_free (RhSearchSuggest *suggest)
{
  g_return_if_fail (suggest != NULL);

  g_clear_pointer (&suggest->tokenizer, rh_search_tokenizer_free);
  clear_vocabulary (suggest);
  g_free (suggest);
}

/* The tokenizer the index was built with, so that a word is folded
 * exactly as the index folded its text.
 */
static gboolean
ensure_tokenizer (RhSearchSuggest *suggest,
                  GError         **error)
{
  if (suggest->tokenizer != NULL)
    return TRUE;

  if ((suggest->tokenizer = rh_search_tokenizer_new (suggest->db)) == NULL)
    {
      g_set_error_literal (error, RH_SEARCH_INDEX_ERROR, RH_SEARCH_INDEX_ERROR_FAILED,
                           _ ("Could not look for a similar search"));
      return FALSE;
    }

  return TRUE;
}

/* @word as the index holds it, or NULL unless it is one token. */
static char *
fold (RhSearchSuggest *suggest,
      const char      *word)
{
  return rh_search_tokenizer_fold (suggest->tokenizer, word, FTS5_TOKENIZE_QUERY);
}

static gint64
read_data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64        version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Term *) a)->text, ((const Term *) b)->text);
}

static gboolean
load_vocabulary (RhSearchSuggest *suggest,
                 GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64        version = read_data_version (suggest->db);
  gboolean      sorted = TRUE;
  int           rc;

  if (suggest->terms != NULL && version == suggest->data_version)
    return TRUE;

  clear_vocabulary (suggest);

  /* A table of the temporary schema: the index file stays as it was
   * built, and a read-only connection may still make it.
   */
  if (!suggest->has_vocab_table)
    {
      rc = sqlite3_exec (suggest->db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.rh_search_vocab"
                                      " USING fts5vocab (main, fts, row)",
                         NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return rh_sqlite_set_error (error, &rh_search_index_errors, suggest->db, rc, _ ("Could not look for a similar search"));
      suggest->has_vocab_table = TRUE;
    }

  rc = sqlite3_prepare_v2 (suggest->db, "SELECT term, doc FROM temp.rh_search_vocab", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rh_sqlite_set_error (error, &rh_search_index_errors, suggest->db, rc, _ ("Could not look for a similar search"));

  suggest->strings = g_string_chunk_new (64 * 1024);
  suggest->terms = g_array_new (FALSE, FALSE, sizeof (Term));
  suggest->chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      gunichar    chars[MAX_TERM_CHARS];
      Term        term;

      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        continue;

      term.text = g_string_chunk_insert (suggest->strings, text);
      term.offset = suggest->chars->len;
      term.n_chars = decode (text, chars, MAX_TERM_CHARS);
      term.n_stored = MIN (term.n_chars, MAX_TERM_CHARS);
      term.n_docs = sqlite3_column_int64 (stmt, 1);
      g_array_append_vals (suggest->chars, chars, term.n_stored);

      if (suggest->terms->len > 0 && strcmp (g_array_index (suggest->terms, Term, suggest->terms->len - 1).text, text) >= 0)
        sorted = FALSE;
      g_array_append_val (suggest->terms, term);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      clear_vocabulary (suggest);
      return rh_sqlite_set_error (error, &rh_search_index_errors, suggest->db, rc, _ ("Could not look for a similar search"));
    }

  /* The lookups below search by strcmp(); FTS5 keeps terms in memcmp()
   * order, which is the same for UTF-8, but nothing depends on it.
   */
  if (!sorted)
    g_array_sort (suggest->terms, compare_terms);

  suggest->data_version = version;

  return TRUE;
}

/* The first term not before @text. */
static guint
lower_bound (GArray     *terms,
             const char *text)
{
  guint low = 0;
  guint high = terms->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (strcmp (g_array_index (terms, Term, middle).text, text) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static gboolean
is_known (RhSearchSuggest *suggest,
          const char      *folded,
          gboolean         as_prefix)
{
  guint       i = lower_bound (suggest->terms, folded);
  const char *term;

  if (i >= suggest->terms->len)
    return FALSE;

  term = g_array_index (suggest->terms, Term, i).text;

  return as_prefix ? g_str_has_prefix (term, folded) : g_str_equal (term, folded);
}

static gboolean
is_number (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isdigit (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Nearer first; as near, a whole word before one that only begins as
 * typed, then the word in more questions.
 */
static void
consider (RhSearchSuggest *suggest,
          Word            *word,
          const Term      *term)
{
  const gunichar *chars = &g_array_index (suggest->chars, gunichar, term->offset);
  guint           distance, prefix_distance;
  gboolean        whole = TRUE;

  if (term->n_chars + word->bound < word->n_chars)
    return;
  if (!word->prefix && term->n_chars > word->n_chars + word->bound)
    return;

  distance = osa_distance (word->chars, word->n_chars, chars, term->n_stored, term->n_chars, word->bound,
                           word->prefix ? &prefix_distance : NULL);
  if (word->prefix && prefix_distance < distance)
    {
      distance = prefix_distance;
      whole = FALSE;
    }

  if (distance > word->bound)
    return;

  if (word->best == NULL || distance < word->best_distance ||
      (distance == word->best_distance &&
       (whole > word->best_whole || (whole == word->best_whole && term->n_docs > word->best->n_docs))))
    {
      word->best = term;
      word->best_distance = distance;
      word->best_whole = whole;
    }
}

/**
 * rh_search_suggest_run:
 * @text: what the user typed, split into words as searching splits it
 * @out_suggestion: (out) (transfer full) (nullable): @text with each word
 *   that the index does not hold replaced by its nearest word, the others
 *   as typed; %NULL when no word could be corrected
 *
 * The last word, when it may still be growing, is also compared with the
 * beginnings of words, and counts as held when it begins one. A word
 * with no word near enough is left as it is. Whether the suggestion
 * finds anything is for the caller to try.
 *
 * Returns: %FALSE with @error set when the index cannot be read
 */
gboolean
rh_search_suggest_run (RhSearchSuggest *suggest,
                       const char      *text,
                       GCancellable    *cancellable,
                       char           **out_suggestion,
                       GError         **error)
{
  g_autoptr (GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_autofree Word      *words = NULL;
  g_autoptr (GString)   suggestion = NULL;
  RhParsedQuery         parsed;
  guint                 n_words;
  guint                 n_correct = 0;
  gboolean              changed = FALSE;

  g_return_val_if_fail (suggest != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_suggestion != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_suggestion = NULL;

  rh_search_query_parse (text, &parsed);
  n_words = parsed.tokens->len;

  if (n_words == 0 || !ensure_tokenizer (suggest, error) || !load_vocabulary (suggest, error))
    {
      gboolean ok = n_words == 0;

      g_ptr_array_unref (parsed.tokens);
      return ok;
    }

  words = g_new0 (Word, n_words);
  for (guint i = 0; i < n_words; i++)
    {
      Word *word = &words[i];
      char *form;

      word->typed = g_ptr_array_index (parsed.tokens, i);
      form = fold (suggest, word->typed);
      g_ptr_array_add (folded, form);

      /* Several tokens, digits or a very long word: left as typed. */
      if (form == NULL || is_number (form) || g_utf8_strlen (form, -1) > RH_SEARCH_SUGGEST_MAX_WORD)
        continue;

      word->n_chars = decode (form, word->chars, RH_SEARCH_SUGGEST_MAX_WORD);
      word->bound = rh_search_suggest_get_bound (word->n_chars);
      word->prefix = i + 1 == n_words && parsed.prefix && word->n_chars >= MIN_PREFIX_WORD;
      word->correct = word->bound > 0 && !is_known (suggest, form, FALSE) &&
                      !(i + 1 == n_words && parsed.prefix && is_known (suggest, form, TRUE));
      n_correct += word->correct;
    }

  if (n_correct > 0)
    {
      for (guint t = 0; t < suggest->terms->len; t++)
        {
          const Term *term = &g_array_index (suggest->terms, Term, t);

          if (t % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              g_ptr_array_unref (parsed.tokens);
              return FALSE;
            }

          for (guint i = 0; i < n_words; i++)
            {
              if (words[i].correct)
                consider (suggest, &words[i], term);
            }
        }
    }

  suggestion = g_string_new (NULL);
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (suggestion, ' ');

      if (words[i].correct && words[i].best != NULL)
        {
          g_string_append (suggestion, words[i].best->text);
          changed = TRUE;
        }
      else
        g_string_append (suggestion, words[i].typed);
    }

  g_ptr_array_unref (parsed.tokens);

  if (changed)
    *out_suggestion = g_string_free (g_steal_pointer (&suggestion), FALSE);

  return TRUE;
}

/**
 * rh_search_suggest_get_n_terms:
 *
 * Returns: how many words the vocabulary read last held
 */
guint
rh_search_suggest_get_n_terms (RhSearchSuggest *suggest)
{
  g_return_val_if_fail (suggest != NULL, 0);

  return suggest->terms != NULL ? suggest->terms->len : 0;
}
