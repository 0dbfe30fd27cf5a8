/* bench-bookmarks.c
 *
 * A bookmarks file at the entry limit, exported and imported the way the
 * window does it: asynchronously, with the main loop ticking every 5 ms
 * to see how long it stood still. Without arguments, writes the file
 * into a temporary folder and imports it into a fresh state database;
 * with --write FILE or --import FILE, does only that half, so that
 * `/usr/bin/time -v bench-bookmarks --import FILE` gives the peak
 * memory of an import alone.
 *
 *   bench-bookmarks [--entries N] [--question-chars C] [--write FILE | --import FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "rh-bench-util.h"
#include "rh-bookmarks-file.h"
#include "rh-state.h"
#include "rh-test-util.h"

typedef struct
{
  GAsyncResult *result;
  double        last_tick;
  double        longest_gap;
  guint         reports;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
on_tick (gpointer user_data)
{
  Wait  *wait = user_data;
  double now = rh_bench_now_ms ();

  wait->longest_gap = MAX (wait->longest_gap, now - wait->last_tick);
  wait->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  ((Wait *) user_data)->reports++;
}

static void
run_loop (Wait *wait)
{
  guint tick = g_timeout_add (5, on_tick, wait);

  wait->last_tick = rh_bench_now_ms ();
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  on_tick (wait);
  g_source_remove (tick);
}

static void
write_file (const char *file,
            guint       entries,
            guint       question_chars)
{
  g_autoptr (GPtrArray)  items = g_ptr_array_new_full (entries, g_object_unref);
  g_autoptr (GListStore) store = g_list_store_new (RH_TYPE_BOOKMARK);
  g_autofree char       *question = g_strnfill (question_chars, 'q');
  g_autofree char       *data = NULL;
  g_autoptr (GError)     error = NULL;
  gsize                  length;
  double                 start;

  for (guint i = 0; i < entries; i++)
    {
      g_autofree char          *path = g_strdup_printf ("/framework-%u/topic-%u/page-%u", i % 7, i % 53, i % 997);
      g_autofree char          *id = g_strdup_printf ("question-%u", i);
      g_autoptr (RhQuestionRef) ref = rh_question_ref_new (path, id);

      g_ptr_array_add (items, rh_bookmark_new (ref, question, "Framework", "A topic", "A page",
                                               G_GINT64_CONSTANT (1700000000123456) - (gint64) i * 1000003));
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  start = rh_bench_now_ms ();
  if (!(data = rh_bookmarks_file_format (G_LIST_MODEL (store), &length, &error)) ||
      !g_file_set_contents (file, data, length, &error))
    g_error ("%s", error->message);
  g_print ("format and write %u bookmarks: %.0f ms, %.1f MiB\n", entries, rh_bench_now_ms () - start,
           length / 1048576.0);
}

static void
import_file (const char *database,
             const char *file)
{
  g_autoptr (RhState) state = NULL;
  g_autoptr (GError)  error = NULL;
  g_autofree char    *exported = g_strconcat (database, ".exported.json", NULL);
  Wait                wait = { 0 };
  struct rusage       usage;
  double              start;
  guint               added = 0;

  if (!(state = rh_state_open (database, &error)))
    g_error ("%s", error->message);

  start = rh_bench_now_ms ();
  rh_state_import_bookmarks_async (state, file, NULL, on_progress, &wait, on_done, &wait);
  run_loop (&wait);
  if (!rh_state_import_bookmarks_finish (state, wait.result, &added, &error))
    g_error ("%s", error->message);
  g_print ("import of %u bookmarks: %.0f ms, %u progress reports, main loop still for at most %.0f ms\n", added,
           rh_bench_now_ms () - start, wait.reports, wait.longest_gap);
  g_clear_object (&wait.result);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS after the import: %.0f MiB\n", usage.ru_maxrss / 1024.0);

  wait = (Wait){ 0 };
  start = rh_bench_now_ms ();
  rh_state_export_bookmarks_async (state, exported, NULL, on_done, &wait);
  run_loop (&wait);
  if (!rh_state_export_bookmarks_finish (state, wait.result, &error))
    g_error ("%s", error->message);
  g_print ("export of %u bookmarks: %.0f ms, main loop still for at most %.0f ms\n", added,
           rh_bench_now_ms () - start, wait.longest_gap);
  g_clear_object (&wait.result);
  g_unlink (exported);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError)         error = NULL;
  g_autofree char           *write = NULL;
  g_autofree char           *import = NULL;
  g_autofree char           *directory = NULL;
  g_autofree char           *database = NULL;
  int                        entries = RH_BOOKMARKS_FILE_MAX_ENTRIES;
  int                        question_chars = 100;
  const GOptionEntry         options[] = {
            { "entries", 0, 0, G_OPTION_ARG_INT, &entries, "Bookmarks in the file", "N" },
            { "question-chars", 0, 0, G_OPTION_ARG_INT, &question_chars, "Characters in each question", "C" },
            { "write", 0, 0, G_OPTION_ARG_FILENAME, &write, "Only write the file", "FILE" },
            { "import", 0, 0, G_OPTION_ARG_FILENAME, &import, "Only import the file", "FILE" },
            { NULL },
  };

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (!(directory = g_dir_make_tmp ("rehearse-bench-bookmarks-XXXXXX", &error)))
    g_error ("%s", error->message);
  database = g_build_filename (directory, "state.sqlite3", NULL);

  if (write != NULL)
    write_file (write, (guint) entries, (guint) question_chars);
  else if (import != NULL)
    import_file (database, import);
  else
    {
      g_autofree char *file = g_build_filename (directory, "bookmarks.json", NULL);

      write_file (file, (guint) entries, (guint) question_chars);
      import_file (database, file);
    }

  rh_test_remove_tree (directory);

  return 0;
}
