/* rh-search-cli.c
 *
 * `rehearse --search QUERY [FILE…]`: ranked results, one per line, with
 * an index per content kept in the cache, so searching the same content
 * again pays no indexing. It exits as grep does: 0 when something
 * matched, 1 when nothing did (with a similar search offered, when the
 * index has one), 2 on an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "rh-cli-util.h"
#include "rh-search-cli.h"
#include "rh-search-index-private.h"
#include "rh-search-query.h"
#include "rh-sqlite.h"

/* Indexes kept for content searched from the command line. */
#define MAX_CLI_INDEXES 8

typedef struct
{
  char  *path;
  gint64 mtime;
} CacheFile;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const CacheFile *x = a;
  const CacheFile *y = b;

  return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1
                                                       : 0;
}

static gboolean
is_cli_index_name (const char *name)
{
  const char *hex;

  if (!g_str_has_prefix (name, "search-"))
    return FALSE;

  hex = name + strlen ("search-");
  if (strlen (hex) != 16 + strlen (".sqlite3"))
    return FALSE;

  for (guint i = 0; i < 16; i++)
    {
      if (!g_ascii_isxdigit (hex[i]))
        return FALSE;
    }

  return g_str_equal (hex + 16, ".sqlite3");
}

/* The indexes kept for sets of files given on the command line are
 * a cache: the least recently used beyond a few are removed.
 */
static void
prune_cli_indexes (const char *directory)
{
  g_autoptr (GDir)   dir = g_dir_open (directory, 0, NULL);
  g_autoptr (GArray) files = g_array_new (FALSE, FALSE, sizeof (CacheFile));
  const char        *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      CacheFile file;
      GStatBuf  st;

      if (!is_cli_index_name (name))
        continue;

      file.path = g_build_filename (directory, name, NULL);
      file.mtime = g_stat (file.path, &st) == 0 ? (gint64) st.st_mtime : 0;
      g_array_append_val (files, file);
    }

  g_array_sort (files, compare_newest_first);

  for (guint i = 0; i < files->len; i++)
    {
      CacheFile *file = &g_array_index (files, CacheFile, i);

      if (i >= MAX_CLI_INDEXES)
        rh_sqlite_remove_files (file->path);
      g_free (file->path);
    }
}

/* Nothing matched: say so, and offer a search that finds something. */
static void
report_no_match (RhSearchIndex *index,
                 const char    *query,
                 GOutputStream *err)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *suggestion = NULL;
  g_autofree char   *no_match = g_strdup_printf (_ ("No question matches “%s”"), query);
  g_autofree char   *did_you_mean = NULL;

  g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", no_match);

  /* Without a suggestion the answer is the same: nothing matched. */
  if (!(suggestion = rh_search_index_suggest (index, query, NULL, NULL, &error)))
    {
      if (error != NULL)
        g_debug ("No suggestion for “%s”: %s", query, error->message);
      return;
    }

  did_you_mean = g_strdup_printf (_ ("Did you mean “%s”?"), suggestion);
  g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", did_you_mean);
}

/**
 * rh_search_cli_run:
 * @query: what to search for
 * @files: (array length=n_files) (nullable): content files, or none for
 *   the user's library, bundled and imported
 * @out: where the results go, best first, one per line:
 *   `PATH#ID<TAB>question`; nothing when none match
 * @err: where errors go, one per line, and when nothing matches, a line
 *   that says so and perhaps another with a similar search that finds
 *   something
 *
 * The index is kept in the cache directory under the content's hash,
 * so searching the same content again costs no indexing.
 *
 * Returns: the exit status, as grep's: 0 when a question matched; 1 when
 *   none did; 2 on an error: @query has no words, a file failed (the
 *   files that loaded are still searched) or the index failed
 */
int
rh_search_cli_run (const char        *query,
                   const char *const *files,
                   guint              n_files,
                   GOutputStream     *out,
                   GOutputStream     *err)
{
  g_autoptr (GString)          lines = g_string_new (NULL);
  g_autoptr (RhLibrary)        library = NULL;
  g_autoptr (RhSearchSnapshot) snapshot = NULL;
  g_autoptr (RhSearchIndex)    index = NULL;
  g_autoptr (GListModel)       results = NULL;
  g_autoptr (GError)           error = NULL;
  g_autofree char             *match = NULL;
  g_autofree char             *directory = NULL;
  g_autofree char             *name = NULL;
  g_autofree char             *path = NULL;
  int                          load_status;
  guint                        n_results;

  g_return_val_if_fail (query != NULL, 2);
  g_return_val_if_fail (files != NULL || n_files == 0, 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), 2);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), 2);

  if (!(match = rh_search_query_make_match (query)))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", _ ("the query has no words to search for"));
      return 2;
    }

  if (!(library = rh_cli_util_load_library (files, n_files, err, &load_status)))
    return 2;

  snapshot = rh_search_snapshot_new (library);
  directory = g_build_filename (g_get_user_cache_dir (), "rehearse", NULL);
  name = g_strdup_printf ("search-%.16s.sqlite3", rh_search_snapshot_get_hash (snapshot));
  path = g_build_filename (directory, name, NULL);
  index = rh_search_index_new (path);

  if (!rh_search_index_ensure_snapshot (index, snapshot, NULL, NULL, &error))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", error->message);
      return 2;
    }

  /* Most recently used first when pruning. */
  g_utime (path, NULL);
  prune_cli_indexes (directory);

  if (!(results = rh_search_index_query (index, query, NULL, RH_SEARCH_DEFAULT_LIMIT, NULL, &error)))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "rehearse: %s\n", error->message);
      return 2;
    }

  n_results = g_list_model_get_n_items (results);
  for (guint i = 0; i < n_results; i++)
    {
      g_autoptr (RhSearchResult) result = g_list_model_get_item (results, i);

      rh_cli_util_append_line (lines, rh_search_result_get_ref (result), rh_search_result_get_question (result));
    }

  g_output_stream_write_all (out, lines->str, lines->len, NULL, NULL, NULL);

  if (n_results == 0)
    report_no_match (index, query, err);

  /* An error outweighs the results, as in grep: some content was not
   * searched.
   */
  if (load_status != 0)
    return 2;

  return n_results > 0 ? 0 : 1;
}
