/* rh-search-highlight.c
 *
 * The highlighted question and the answer's snippet of a search result,
 * as FTS5's highlight() and snippet() make them, from the row's text
 * alone. Those functions need the row to be matched again, and FTS5
 * cannot match one row without reading the whole of each word's list,
 * which costs more than the ranking; here the text is split by the
 * index's own tokenizer and compared with the query's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-highlight.h"
#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-search-tokenizer.h"

typedef struct
{
  char    *token; /* folded, as the index holds it */
  gsize    length;
  gboolean prefix;
} Phrase;

typedef struct
{
  int     start; /* bytes */
  int     end;
  guint64 phrases; /* which phrases it is an instance of */
} Token;

struct _RhSearchHighlight
{
  RhSearchTokenizer *tokenizer;
  GArray            *phrases; /* Phrase */
  GArray            *tokens; /* Token, of the text being marked */
  const char        *text;
};

static void
phrase_clear (gpointer data)
{
  Phrase *phrase = data;

  g_free (phrase->token);
}

/**
 * rh_search_highlight_new:
 * @db: a connection to the index, whose tokenizer is used
 *
 * Returns: (transfer full) (nullable): a highlighter, or %NULL when the
 *   tokenizer cannot be had
 */
RhSearchHighlight *
rh_search_highlight_new (sqlite3 *db)
{
  g_autoptr (RhSearchTokenizer) tokenizer = NULL;
  RhSearchHighlight            *self;

  g_return_val_if_fail (db != NULL, NULL);

  if ((tokenizer = rh_search_tokenizer_new (db)) == NULL)
    return NULL;

  self = g_new0 (RhSearchHighlight, 1);
  self->tokenizer = g_steal_pointer (&tokenizer);
  self->phrases = g_array_new (FALSE, TRUE, sizeof (Phrase));
  g_array_set_clear_func (self->phrases, phrase_clear);
  self->tokens = g_array_new (FALSE, FALSE, sizeof (Token));

  return self;
}

void
rh_search_highlight_free (RhSearchHighlight *self)
{
  g_return_if_fail (self != NULL);

  rh_search_tokenizer_free (self->tokenizer);
  g_array_unref (self->phrases);
  g_array_unref (self->tokens);
  g_free (self);
}

/**
 * rh_search_highlight_set_match:
 * @match: a query from rh_search_query_build_match()
 *
 * Takes the phrases that later calls mark.
 *
 * Returns: whether each phrase of @match is one token, as FTS5 sees
 *   it; if not, the marks here could differ from FTS5's, and its own
 *   functions are the ones to use
 */
gboolean
rh_search_highlight_set_match (RhSearchHighlight *self,
                               const char        *match)
{
  g_autoptr (GPtrArray) texts = NULL;
  gboolean              prefix = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  g_array_set_size (self->phrases, 0);

  /* A token per bit of Token.phrases. */
  texts = rh_search_query_get_phrases (match, &prefix);
  if (texts == NULL || texts->len > 64)
    return FALSE;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      gboolean    is_prefix = prefix && i + 1 == texts->len;
      char       *folded;
      Phrase      phrase;

      folded = rh_search_tokenizer_fold (self->tokenizer, text,
                                         FTS5_TOKENIZE_QUERY | (is_prefix ? FTS5_TOKENIZE_PREFIX : 0));
      if (folded == NULL)
        {
          g_array_set_size (self->phrases, 0);
          return FALSE;
        }

      phrase.length = strlen (folded);
      phrase.token = folded;
      phrase.prefix = is_prefix;
      g_array_append_val (self->phrases, phrase);
    }

  return TRUE;
}

static int
add_token (void       *data,
           int         flags,
           const char *token,
           int         n_token,
           int         start,
           int         end)
{
  RhSearchHighlight *self = data;
  Token              entry = { start, end, 0 };

  /* FTS5 gives colocated tokens no position of their own. */
  if ((flags & FTS5_TOKEN_COLOCATED) != 0)
    return SQLITE_OK;

  for (guint i = 0; i < self->phrases->len; i++)
    {
      const Phrase *phrase = &g_array_index (self->phrases, Phrase, i);

      if ((phrase->prefix ? (gsize) n_token >= phrase->length : (gsize) n_token == phrase->length) &&
          memcmp (token, phrase->token, phrase->length) == 0)
        entry.phrases |= G_GUINT64_CONSTANT (1) << i;
    }

  g_array_append_val (self->tokens, entry);

  return SQLITE_OK;
}

static gboolean
tokenize (RhSearchHighlight *self,
          const char        *text)
{
  g_array_set_size (self->tokens, 0);
  self->text = text;

  return rh_search_tokenizer_tokenize (self->tokenizer, FTS5_TOKENIZE_DOCUMENT, text, -1, add_token, self);
}

/* The text of tokens @from to @to (inclusive) with each token that is a
 * phrase instance between @open and @close, beginning at byte @offset.
 * Every phrase is one token, so FTS5's coalesced instances are single
 * tokens too.
 */
static gsize
append_marked (RhSearchHighlight *self,
               GString           *out,
               gsize              offset,
               guint              from,
               guint              to,
               const char        *open,
               const char        *close)
{
  for (guint i = from; i <= to && i < self->tokens->len; i++)
    {
      const Token *token = &g_array_index (self->tokens, Token, i);

      if (token->phrases == 0)
        continue;

      g_string_append_len (out, self->text + offset, token->start - offset);
      g_string_append (out, open);
      g_string_append_len (out, self->text + token->start, token->end - token->start);
      g_string_append (out, close);
      offset = token->end;
    }

  return offset;
}

/**
 * rh_search_highlight_text:
 *
 * Returns: (transfer full): @text with every instance of a phrase
 *   between @open and @close, as FTS5's highlight() marks it
 */
char *
rh_search_highlight_text (RhSearchHighlight *self,
                          const char        *text,
                          const char        *open,
                          const char        *close)
{
  GString *out;
  gsize    offset;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!tokenize (self, text))
    return NULL;

  out = g_string_new (NULL);
  offset = self->tokens->len > 0 ? append_marked (self, out, 0, 0, self->tokens->len - 1, open, close) : 0;
  g_string_append (out, text + offset);

  return g_string_free (out, FALSE);
}

static int
count_bits (guint64 bits)
{
  int n = 0;

  for (; bits != 0; bits &= bits - 1)
    n++;

  return n;
}

/* FTS5's score of the @n_tokens tokens from @start: a thousand for each
 * phrase found, one for each repeat; and where a window holding those
 * instances in its middle would start.
 */
static int
score_window (RhSearchHighlight *self,
              gint64             start,
              int                n_tokens,
              gint64            *out_adjusted)
{
  guint64 seen = 0;
  gint64  first = -1;
  gint64  last = 0;
  gint64  end = start + n_tokens;
  gint64  n_doc = self->tokens->len;
  int     score = 0;

  for (gint64 i = MAX (start, 0); i < end && i < n_doc; i++)
    {
      guint64 phrases = g_array_index (self->tokens, Token, i).phrases;

      if (phrases == 0)
        continue;

      score += 1000 * count_bits (phrases & ~seen) + count_bits (phrases & seen);
      seen |= phrases;
      if (first < 0)
        first = i;
      last = i + 1;
    }

  if (out_adjusted != NULL)
    {
      gint64 adjusted = first - (n_tokens - (last - first)) / 2;

      if (adjusted + n_tokens > n_doc)
        adjusted = n_doc - n_tokens;
      *out_adjusted = MAX (adjusted, 0);
    }

  return score;
}

/* Whether the token at @i begins a sentence, as FTS5's snippet() tells:
 * the first token, and any after whitespace that follows '.' or ':'.
 */
static gboolean
starts_sentence (RhSearchHighlight *self,
                 guint              i)
{
  int at = g_array_index (self->tokens, Token, i).start - 1;

  if (i == 0)
    return TRUE;

  while (at >= 0 && strchr (" \t\n\r", self->text[at]) != NULL && self->text[at] != '\0')
    at--;

  return at >= 0 && at != g_array_index (self->tokens, Token, i).start - 1 &&
         (self->text[at] == '.' || self->text[at] == ':');
}

/**
 * rh_search_highlight_snippet:
 * @n_tokens: how many tokens at most, more than zero
 *
 * Returns: (transfer full): the part of @text that FTS5's snippet()
 *   would choose for the column holding @text, marked as it marks it
 */
char *
rh_search_highlight_snippet (RhSearchHighlight *self,
                             const char        *text,
                             const char        *open,
                             const char        *close,
                             const char        *ellipsis,
                             int                n_tokens)
{
  g_autoptr (GArray) firsts = NULL;
  GString           *out;
  gint64             best_start = 0;
  gint64             range_end;
  int                best_score = 0;
  int                n_doc;
  gsize              offset = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (n_tokens > 0, NULL);

  if (!tokenize (self, text))
    return NULL;

  n_doc = self->tokens->len;
  firsts = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; i < n_doc; i++)
    {
      if (starts_sentence (self, i))
        g_array_append_val (firsts, i);
    }

  /* Each instance in turn, in FTS5's order: the window around it, and
   * the one from the start of its sentence, which is worth a bonus.
   * Instances of several phrases on one token score alike, so each
   * token is tried once.
   */
  for (int i = 0; i < n_doc; i++)
    {
      gint64 adjusted = 0;
      int    score;
      guint  j;

      if (g_array_index (self->tokens, Token, i).phrases == 0)
        continue;

      score = score_window (self, i, n_tokens, &adjusted);
      if (score > best_score)
        {
          best_score = score;
          best_start = adjusted;
        }

      if (firsts->len == 0 || n_doc <= n_tokens)
        continue;

      for (j = 0; j + 1 < firsts->len; j++)
        {
          if (g_array_index (firsts, int, j + 1) > i)
            break;
        }

      if (g_array_index (firsts, int, j) < i)
        {
          int first = g_array_index (firsts, int, j);

          score = score_window (self, first, n_tokens, NULL) + (first == 0 ? 120 : 100);
          if (score > best_score)
            {
              best_score = score;
              best_start = first;
            }
        }
    }

  out = g_string_new (NULL);
  range_end = best_start + n_tokens - 1;

  if (best_start > 0)
    {
      g_string_append (out, ellipsis);
      if (best_start < n_doc)
        offset = g_array_index (self->tokens, Token, best_start).start;
    }

  if (best_start < n_doc)
    {
      guint last = (guint) MIN (range_end, (gint64) n_doc - 1);

      offset = append_marked (self, out, offset, (guint) best_start, last, open, close);
      if (range_end < n_doc)
        {
          int end = g_array_index (self->tokens, Token, last).end;

          g_string_append_len (out, text + offset, end - offset);
          offset = end;
        }
    }

  if (range_end >= n_doc - 1)
    g_string_append (out, text + offset);
  else
    g_string_append (out, ellipsis);

  return g_string_free (out, FALSE);
}
