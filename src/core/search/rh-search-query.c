/* rh-search-query.c
 *
 * What the user typed, turned into an FTS5 query that can never be FTS5
 * syntax of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-query.h"
#include "rh-search-tokenizer.h"

typedef struct
{
  const char *text;
  GPtrArray  *tokens;
  int         last_end;
} ParseData;

static int
add_token (void             *data,
           int               flags,
           const char *token G_GNUC_UNUSED,
           int               n_token,
           int               start,
           int               end)
{
  ParseData *parse = data;

  /* A token that folds to nothing (marks alone) would be an empty
   * phrase to FTS5. */
  if ((flags & FTS5_TOKEN_COLOCATED) != 0 || n_token == 0 || end <= start)
    return SQLITE_OK;

  /* The words as typed: FTS5 folds each again, as it did here. */
  if (parse->tokens->len < RH_SEARCH_MAX_TOKENS)
    {
      g_ptr_array_add (parse->tokens, g_strndup (parse->text + start, end - start));
      parse->last_end = end;
    }

  return SQLITE_OK;
}

/* Words are split by the index's own tokenizer, so that typing exactly
 * what a question says finds it, whatever the characters. */
void
rh_search_query_parse (const char    *text,
                       RhParsedQuery *parsed)
{
  ParseData parse = { text, NULL, -1 };
  int       length;

  parsed->tokens = g_ptr_array_new_with_free_func (g_free);
  parsed->prefix = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  length = (int) MIN (strlen (text), G_MAXINT);
  parse.tokens = parsed->tokens;
  if (!rh_search_tokenizer_tokenize_shared (FTS5_TOKENIZE_DOCUMENT, text, length, add_token, &parse))
    {
      g_ptr_array_set_size (parsed->tokens, 0);
      return;
    }

  /* Typing "multipro" means multiprocessing; "lock " means lock. */
  parsed->prefix = parsed->tokens->len > 0 && parse.last_end == length;
}

static void
append_quoted (GString    *out,
               const char *token)
{
  g_string_append_c (out, '"');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Every token is quoted, so no user text is ever FTS5 syntax: all are
 * required, and the last also matches as a prefix. The exact form of
 * the last token comes first, as its own phrase, so that the ranking
 * can tell "lock" from "locking":
 *
 *   "thread" AND ("lock" OR "lock"*)
 *
 * Phrases are numbered in that order: token i is phrase i, and the
 * prefix form, when present, is phrase n_tokens.
 */
char *
rh_search_query_build_match (const RhParsedQuery *parsed)
{
  GString *out;
  guint    n = parsed->tokens->len;

  if (n == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const char *token = g_ptr_array_index (parsed->tokens, i);

      if (i > 0)
        g_string_append (out, " AND ");

      if (i + 1 == n && parsed->prefix)
        {
          g_string_append_c (out, '(');
          append_quoted (out, token);
          g_string_append (out, " OR ");
          append_quoted (out, token);
          g_string_append (out, "*)");
        }
      else
        append_quoted (out, token);
    }

  return g_string_free (out, FALSE);
}

/**
 * rh_search_query_make_match:
 * @text: what the user typed
 *
 * Turns user text into a safe FTS5 query: words are split as the index
 * splits them and quoted, all are required, and the last one, unless
 * followed by a space or punctuation, also matches as a prefix.
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when
 *   @text has no words
 */
char *
rh_search_query_make_match (const char *text)
{
  return rh_search_query_make_match_full (text, NULL);
}

/**
 * rh_search_query_make_match_full:
 * @out_n_tokens: (out) (optional): how many words the query holds
 *
 * rh_search_query_make_match(), and the number of words, which the
 * ranking takes.
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when
 *   @text has no words
 */
char *
rh_search_query_make_match_full (const char *text,
                                 guint      *out_n_tokens)
{
  RhParsedQuery parsed;
  char         *match;

  rh_search_query_parse (text, &parsed);
  match = rh_search_query_build_match (&parsed);
  if (out_n_tokens != NULL)
    *out_n_tokens = parsed.tokens->len;
  g_ptr_array_unref (parsed.tokens);

  return match;
}

/**
 * rh_search_query_get_phrases:
 * @match: a query from rh_search_query_build_match() or
 *   rh_search_query_make_answers_match()
 * @out_prefix: (out): whether the last phrase is a prefix
 *
 * The phrases of @match, unquoted, in FTS5's numbering of them.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the phrases,
 *   or %NULL when @match is not quoted words of which only the last may
 *   be a prefix
 */
GPtrArray *
rh_search_query_get_phrases (const char *match,
                             gboolean   *out_prefix)
{
  g_autoptr (GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  gboolean              prefix = FALSE;

  g_return_val_if_fail (match != NULL, NULL);
  g_return_val_if_fail (out_prefix != NULL, NULL);

  *out_prefix = FALSE;

  for (const char *p = match; *p != '\0';)
    {
      g_autoptr (GString) phrase = NULL;

      if (*p != '"')
        {
          p++;
          continue;
        }

      /* Nothing follows the prefix. */
      if (prefix)
        return NULL;

      phrase = g_string_new (NULL);
      for (p++;; p++)
        {
          if (*p == '\0')
            return NULL;
          if (*p == '"' && p[1] == '"')
            p++;
          else if (*p == '"')
            break;
          g_string_append_c (phrase, *p);
        }
      p++;

      prefix = *p == '*';
      g_ptr_array_add (phrases, g_string_free (g_steal_pointer (&phrase), FALSE));
    }

  if (phrases->len == 0)
    return NULL;

  *out_prefix = prefix;

  return g_steal_pointer (&phrases);
}

/**
 * rh_search_query_make_answers_match:
 * @match: a query from rh_search_query_build_match() whose last word is
 *   also a prefix
 *
 * The same rows without the last word's whole form, `"thread" AND
 * "lock"*`: scores over whole rows do without it, and FTS5 then reads
 * one list for the word instead of two.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @match
 *   has no prefix
 */
char *
rh_search_query_make_answers_match (const char *match)
{
  g_autoptr (GPtrArray) phrases = NULL;
  GString              *out;
  gboolean              prefix = FALSE;

  g_return_val_if_fail (match != NULL, NULL);

  /* The last word twice: whole, then as a prefix. */
  if ((phrases = rh_search_query_get_phrases (match, &prefix)) == NULL || !prefix || phrases->len < 2 ||
      !g_str_equal (g_ptr_array_index (phrases, phrases->len - 2), g_ptr_array_index (phrases, phrases->len - 1)))
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i + 2 < phrases->len; i++)
    {
      append_quoted (out, g_ptr_array_index (phrases, i));
      g_string_append (out, " AND ");
    }
  append_quoted (out, g_ptr_array_index (phrases, phrases->len - 1));
  g_string_append_c (out, '*');

  return g_string_free (out, FALSE);
}
