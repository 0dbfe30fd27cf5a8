/* test-library.c
 *
 * Merging pages from many files into one tree, siblings that are known
 * but not available, replacement, and the GListModel contract.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-library-load.h"
#include "rh-library.h"
#include "rh-question.h"
#include "rh-test-util.h"

static char *
page_json (const char *path,
           const char *title,
           int         order,
           const char *updated,
           const char *siblings,
           guint       n_questions)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_auto (GStrv)      parts = g_strsplit (path + 1, "/", 3);

  g_string_append_printf (text, "{\"page\":{\"framework\":\"%c%s\",\"topic\":\"Topic %s\",\"subtopic\":\"%s\",\"path\":\"%s\",",
                          g_ascii_toupper (parts[0][0]), parts[0] + 1, parts[1], title, path);
  if (order >= 0)
    g_string_append_printf (text, "\"order\":%d,", order);
  if (updated != NULL)
    g_string_append_printf (text, "\"updated\":\"%s\",", updated);
  g_string_append (text, "\"questions\":[");
  for (guint i = 0; i < n_questions; i++)
    g_string_append_printf (text, "%s{\"id\":\"q%u\",\"difficulty\":\"easy\",\"q\":\"Q%u\",\"a\":\"A%u\"}",
                            i ? "," : "", i, i, i);
  g_string_append (text, "]}");
  if (siblings != NULL)
    g_string_append_printf (text, ",\"siblings\":%s", siblings);
  g_string_append (text, "}");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
load (RhLibrary         *library,
      const char *const *files)
{
  return rh_library_load_files (library, files, g_strv_length ((char **) files));
}

static char *
write_page (const char *name,
            const char *path,
            const char *title,
            int         order,
            const char *updated,
            const char *siblings,
            guint       n_questions)
{
  g_autofree char *json = page_json (path, title, order, updated, siblings, n_questions);

  return rh_test_write_temp (name, json, -1);
}

static char *
titles_of (GListModel *model)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autofree char    *title = NULL;

      g_object_get (item, "title", &title, NULL);
      g_string_append_printf (text, "%s%s", i ? "|" : "", title);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define SIBLINGS_ABC                                                   \
  "[{\"subtopic\":\"Alpha\",\"path\":\"/py/conc/alpha\",\"order\":1}," \
  "{\"subtopic\":\"Beta\",\"path\":\"/py/conc/beta\",\"order\":2},"    \
  "{\"subtopic\":\"Gamma\",\"path\":\"/py/conc/gamma\",\"order\":3}]"

static void
test_merge_by_slug (void)
{
  g_autoptr (RhLibrary)   library = rh_library_new ();
  g_autofree char        *a = write_page ("merge-a.json", "/py/conc/beta", "Beta", 2, NULL, NULL, 2);
  g_autofree char        *b = write_page ("merge-b.json", "/py/conc/alpha", "Alpha", 1, NULL, NULL, 3);
  g_autofree char        *c = write_page ("merge-c.json", "/py/other/x", "X", 1, NULL, NULL, 1);
  g_autofree char        *d = write_page ("merge-d.json", "/go/chan/select", "Select", 1, NULL, NULL, 1);
  const char             *files[] = { a, b, c, d, NULL };
  g_autoptr (GPtrArray)   results = load (library, files);
  g_autoptr (RhFramework) first = NULL;
  g_autoptr (RhFramework) python = NULL;
  g_autoptr (RhTopic)     conc = NULL;
  g_autofree char        *framework_titles = NULL;
  g_autofree char        *topic_titles = NULL;
  g_autofree char        *subtopic_titles = NULL;

  g_assert_cmpuint (results->len, ==, 4);
  for (guint i = 0; i < results->len; i++)
    g_assert_null (((RhLoadResult *) g_ptr_array_index (results, i))->error);

  /* Frameworks by title, topics by title, subtopics by order. */
  framework_titles = titles_of (G_LIST_MODEL (library));
  g_assert_cmpstr (framework_titles, ==, "Go|Py");
  python = g_list_model_get_item (G_LIST_MODEL (library), 1);
  topic_titles = titles_of (G_LIST_MODEL (python));
  g_assert_cmpstr (topic_titles, ==, "Topic conc|Topic other");
  conc = g_list_model_get_item (G_LIST_MODEL (python), 0);
  subtopic_titles = titles_of (G_LIST_MODEL (conc));
  g_assert_cmpstr (subtopic_titles, ==, "Alpha|Beta");

  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 7);
  g_assert_cmpuint (rh_library_get_n_subtopics (library), ==, 4);
  g_assert_true (rh_topic_get_framework (conc) == python);
  g_assert_nonnull (rh_library_lookup_question (library, "/py/conc/alpha", "q2"));
  g_assert_null (rh_library_lookup_question (library, "/py/conc/alpha", "q3"));
  g_assert_true (rh_subtopic_get_topic (rh_library_lookup_subtopic (library, "/py/conc/beta")) == conc);
  first = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpstr (rh_framework_get_slug (first), ==, "go");
}

static void
test_siblings_not_available (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autofree char      *beta = write_page ("sib-beta.json", "/py/conc/beta", "Beta", 2, NULL, SIBLINGS_ABC, 2);
  g_autofree char      *gamma = write_page ("sib-gamma.json", "/py/conc/gamma", "Gamma", 3, NULL, SIBLINGS_ABC, 1);
  const char           *first[] = { beta, NULL };
  const char           *second[] = { gamma, NULL };
  g_autoptr (GPtrArray) results = load (library, first);
  g_autoptr (GPtrArray) more = NULL;
  RhSubtopic           *alpha;
  RhSubtopic           *gamma_subtopic;
  RhTopic              *topic;
  g_autofree char      *titles = NULL;

  alpha = rh_library_lookup_subtopic (library, "/py/conc/alpha");
  gamma_subtopic = rh_library_lookup_subtopic (library, "/py/conc/gamma");
  g_assert_nonnull (alpha);
  g_assert_false (rh_subtopic_get_available (alpha));
  g_assert_cmpuint (rh_subtopic_get_n_questions (alpha), ==, 0);
  g_assert_false (rh_subtopic_get_available (gamma_subtopic));
  g_assert_true (rh_subtopic_get_available (rh_library_lookup_subtopic (library, "/py/conc/beta")));

  topic = rh_subtopic_get_topic (alpha);
  titles = titles_of (G_LIST_MODEL (topic));
  g_assert_cmpstr (titles, ==, "Alpha|Beta|Gamma");
  g_assert_true (rh_library_get_first_available (library) == rh_library_lookup_subtopic (library, "/py/conc/beta"));

  /* Loading a page known only as a sibling makes it available in place. */
  more = load (library, second);
  g_assert_true (rh_library_lookup_subtopic (library, "/py/conc/gamma") == gamma_subtopic);
  g_assert_true (rh_subtopic_get_available (gamma_subtopic));
  g_assert_cmpuint (rh_subtopic_get_n_questions (gamma_subtopic), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (topic)), ==, 3);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->count++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_replace (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autofree char      *v1 = write_page ("replace-1.json", "/py/conc/beta", "Beta", 2, "2026-01-01", NULL, 2);
  g_autofree char      *v2 = write_page ("replace-2.json", "/py/conc/beta", "Beta", 2, "2026-03-01", NULL, 4);
  g_autofree char      *old = write_page ("replace-0.json", "/py/conc/beta", "Beta", 2, "2025-12-01", NULL, 1);
  const char           *files_v1[] = { v1, NULL };
  const char           *files_v1_again[] = { v1, NULL };
  const char           *files_v2[] = { v2, NULL };
  const char           *files_old[] = { old, NULL };
  g_autoptr (GPtrArray) r1 = load (library, files_v1);
  g_autoptr (GPtrArray) r2 = NULL;
  g_autoptr (GPtrArray) r3 = NULL;
  g_autoptr (GPtrArray) r4 = NULL;
  RhSubtopic           *beta = rh_library_lookup_subtopic (library, "/py/conc/beta");
  ItemsChanged          record = {
             0,
  };
  guint n_question_notifies = 0;

  g_signal_connect (beta, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_signal_connect (beta, "notify::n-questions", G_CALLBACK (on_notify), &n_question_notifies);

  /* The same page again replaces itself: no duplicate. */
  r2 = load (library, files_v1_again);
  g_assert_cmpuint (rh_library_get_n_subtopics (library), ==, 1);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 2);
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpuint (n_question_notifies, ==, 0);

  /* A newer copy replaces it, in place, with notifications. */
  r3 = load (library, files_v2);
  g_assert_true (rh_library_lookup_subtopic (library, "/py/conc/beta") == beta);
  g_assert_cmpuint (rh_subtopic_get_n_questions (beta), ==, 4);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 4);
  g_assert_cmpstr (rh_subtopic_get_updated (beta), ==, "2026-03-01");
  g_assert_cmpuint (record.count, ==, 2);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 2);
  g_assert_cmpuint (record.added, ==, 4);
  g_assert_cmpuint (n_question_notifies, ==, 1);

  /* An older copy does not. */
  r4 = load (library, files_old);
  g_assert_null (((RhLoadResult *) g_ptr_array_index (r4, 0))->error);
  g_assert_cmpuint (rh_subtopic_get_n_questions (beta), ==, 4);
  g_assert_cmpstr (rh_subtopic_get_updated (beta), ==, "2026-03-01");
}

static void
test_reorder_on_replace (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autofree char      *a = write_page ("reorder-a.json", "/py/conc/alpha", "Alpha", 1, NULL, NULL, 1);
  g_autofree char      *b = write_page ("reorder-b.json", "/py/conc/beta", "Beta", 2, NULL, NULL, 1);
  g_autofree char      *a2 = write_page ("reorder-a2.json", "/py/conc/alpha", "Alpha", 5, NULL, NULL, 1);
  const char           *files[] = { a, b, NULL };
  const char           *update[] = { a2, NULL };
  g_autoptr (GPtrArray) r1 = load (library, files);
  g_autoptr (GPtrArray) r2 = NULL;
  RhTopic              *topic = rh_subtopic_get_topic (rh_library_lookup_subtopic (library, "/py/conc/alpha"));
  ItemsChanged          record = {
             0,
  };
  g_autofree char *titles = NULL;

  g_signal_connect (topic, "items-changed", G_CALLBACK (on_items_changed), &record);
  r2 = load (library, update);
  titles = titles_of (G_LIST_MODEL (topic));
  g_assert_cmpstr (titles, ==, "Beta|Alpha");
  g_assert_cmpuint (record.count, ==, 2);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);
}

/* Pages without an order follow those with one, by title. */
static void
test_missing_order (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autofree char      *a = write_page ("order-a.json", "/py/conc/zeta", "Zeta", -1, NULL, NULL, 1);
  g_autofree char      *b = write_page ("order-b.json", "/py/conc/eta", "Eta", -1, NULL, NULL, 1);
  g_autofree char      *c = write_page ("order-c.json", "/py/conc/omega", "Omega", 9, NULL, NULL, 1);
  const char           *files[] = { a, b, c, NULL };
  g_autoptr (GPtrArray) results = load (library, files);
  g_autofree char      *titles = titles_of (G_LIST_MODEL (rh_subtopic_get_topic (rh_library_lookup_subtopic (library, "/py/conc/eta"))));

  g_assert_cmpstr (titles, ==, "Omega|Eta|Zeta");
}

static void
test_bad_file_does_not_stop_others (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autofree char      *good = write_page ("good.json", "/py/conc/alpha", "Alpha", 1, NULL, NULL, 2);
  g_autofree char      *bad = rh_test_write_temp ("bad.json", "{\"page\":{\"framework\":", -1);
  g_autofree char      *good2 = write_page ("good2.json", "/py/conc/beta", "Beta", 2, NULL, NULL, 1);
  const char           *files[] = { good, bad, "/nonexistent.json", good2, NULL };
  g_autoptr (GPtrArray) results = load (library, files);
  RhLoadResult         *result;

  g_assert_cmpuint (results->len, ==, 4);
  result = g_ptr_array_index (results, 1);
  g_assert_nonnull (result->error);
  g_assert_true (g_str_has_prefix (result->error->message, bad));
  g_assert_nonnull (((RhLoadResult *) g_ptr_array_index (results, 2))->error);
  result = g_ptr_array_index (results, 3);
  g_assert_null (result->error);
  g_assert_cmpuint (result->n_pages, ==, 1);
  g_assert_cmpuint (result->n_questions, ==, 1);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 3);
}

/* Enough files to use every loader thread: the result must not depend
 * on which thread finished first.
 */
static void
test_parallel_load_is_deterministic (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RhLibrary) one = rh_library_new ();
  g_autoptr (RhLibrary) two = rh_library_new ();
  g_autoptr (GPtrArray) r1 = NULL;
  g_autoptr (GPtrArray) r2 = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("par-%u.json", i);
      g_autofree char *path = g_strdup_printf ("/f%u/t/s%u", i % 3, i);
      g_autofree char *title = g_strdup_printf ("S%02u", i);

      /* Two files carry the same page, newer second: the later wins. */
      if (i == 39)
        g_ptr_array_add (files, write_page (name, "/f0/t/s0", "S00", 0, "2027-01-01", NULL, 7));
      else
        g_ptr_array_add (files, write_page (name, path, title, i, "2026-01-01", NULL, 1 + i % 4));
    }

  r1 = rh_library_load_files (one, (const char *const *) files->pdata, files->len);
  r2 = rh_library_load_files (two, (const char *const *) files->pdata, files->len);

  g_assert_cmpuint (rh_library_get_n_questions (one), ==, rh_library_get_n_questions (two));
  g_assert_cmpuint (rh_subtopic_get_n_questions (rh_library_lookup_subtopic (one, "/f0/t/s0")), ==, 7);
  for (guint i = 0; i < r1->len; i++)
    g_assert_cmpstr (((RhLoadResult *) g_ptr_array_index (r1, i))->file, ==, g_ptr_array_index (files, i));
}

static void
test_remove_source (void)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autofree char      *beta = write_page ("remove-beta.json", "/py/conc/beta", "Beta", 2, NULL, SIBLINGS_ABC, 2);
  g_autofree char      *gamma = write_page ("remove-gamma.json", "/py/conc/gamma", "Gamma", 3, NULL, SIBLINGS_ABC, 3);
  const char           *files[] = { beta, gamma, NULL };
  g_autoptr (GPtrArray) results = load (library, files);
  guint                 n_pages, n_questions;

  rh_library_count_source (library, gamma, &n_pages, &n_questions);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpuint (n_questions, ==, 3);

  /* Beta still lists Gamma as a sibling: Gamma stays, known but empty. */
  g_assert_cmpuint (rh_library_remove_source (library, gamma), ==, 1);
  g_assert_nonnull (rh_library_lookup_subtopic (library, "/py/conc/gamma"));
  g_assert_false (rh_subtopic_get_available (rh_library_lookup_subtopic (library, "/py/conc/gamma")));
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 2);

  /* With Beta gone too, nothing is left to read: the topic goes. */
  g_assert_cmpuint (rh_library_remove_source (library, beta), ==, 1);
  g_assert_null (rh_library_lookup_subtopic (library, "/py/conc/alpha"));
  g_assert_null (rh_library_lookup_framework (library, "py"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 0);
  g_assert_cmpuint (rh_library_get_n_subtopics (library), ==, 0);
}

static char *
beta_page (const char *title,
           const char *updated,
           const char *questions)
{
  return g_strdup_printf ("{\"page\":{\"framework\":\"Py\",\"topic\":\"Conc\",\"subtopic\":\"%s\","
                          "\"path\":\"/py/conc/beta\",\"updated\":\"%s\",\"questions\":[%s]}}",
                          title, updated, questions);
}

#define QUESTION(id, answer) "{\"id\":\"" id "\",\"difficulty\":\"easy\",\"q\":\"Q " id "\",\"a\":\"" answer "\"}"

static char *
ids_and_answers (GListModel *model)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RhQuestion) question = g_list_model_get_item (model, i);

      g_assert_true (rh_question_get_subtopic (question) == (RhSubtopic *) model);
      g_string_append_printf (text, "%s%s=%s", i ? " " : "", rh_question_get_id (question),
                              rh_question_get_answer (question));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every file with a page's path adds its questions to that page. What the
 * user opened wins over the bundled library, however old; between the
 * user's files the newer `updated` wins; the winner gives the title. */
static void
test_merge_by_question (void)
{
  g_autofree char      *anchor = rh_test_write_temp ("merge-anchor", "", 0);
  g_autofree char      *top = g_path_get_dirname (anchor);
  g_autofree char      *bundled_dir = g_build_filename (top, "bundled", NULL);
  g_autofree char      *bundled = g_build_filename (bundled_dir, "beta.json", NULL);
  g_autofree char      *bundled_json = beta_page ("Beta (bundled)", "2026-09-01",
                                                  QUESTION ("a", "bundled a") "," QUESTION ("b", "bundled b"));
  g_autofree char      *older_json = beta_page ("Beta", "2026-01-01",
                                                QUESTION ("b", "user b") "," QUESTION ("c", "user c"));
  g_autofree char      *newer_json = beta_page ("Beta, newer", "2026-05-01", QUESTION ("c", "newer c"));
  g_autofree char      *older = rh_test_write_temp ("merge-older.json", older_json, -1);
  g_autofree char      *newer = rh_test_write_temp ("merge-newer.json", newer_json, -1);
  g_autoptr (RhLibrary) library = NULL;
  g_autoptr (GPtrArray) r1 = NULL;
  g_autoptr (GPtrArray) r2 = NULL;
  g_autoptr (GPtrArray) r3 = NULL;
  g_autofree char      *merged = NULL;
  g_autoptr (GError)    error = NULL;
  RhSubtopic           *beta;
  const char           *bundled_files[] = { bundled, NULL };
  const char           *older_files[] = { older, NULL };
  const char           *newer_files[] = { newer, NULL };
  g_autofree char      *saved_content_dir = g_strdup (g_getenv ("REHEARSE_CONTENT_DIR"));

  g_assert_cmpint (g_mkdir_with_parents (bundled_dir, 0700), ==, 0);
  g_file_set_contents (bundled, bundled_json, -1, &error);
  g_assert_no_error (error);
  g_setenv ("REHEARSE_CONTENT_DIR", bundled_dir, TRUE);
  library = rh_library_new ();

  r1 = load (library, bundled_files);
  beta = rh_library_lookup_subtopic (library, "/py/conc/beta");
  merged = ids_and_answers (G_LIST_MODEL (beta));
  g_assert_cmpstr (merged, ==, "a=bundled a b=bundled b");
  g_clear_pointer (&merged, g_free);

  /* The user's page is older than the bundled one, and still wins. */
  r2 = load (library, older_files);
  g_assert_true (rh_library_lookup_subtopic (library, "/py/conc/beta") == beta);
  merged = ids_and_answers (G_LIST_MODEL (beta));
  g_assert_cmpstr (merged, ==, "b=user b c=user c a=bundled a");
  g_clear_pointer (&merged, g_free);
  g_assert_cmpstr (rh_subtopic_get_title (beta), ==, "Beta");
  g_assert_cmpstr (rh_subtopic_get_source (beta), ==, older);
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 3);

  r3 = load (library, newer_files);
  merged = ids_and_answers (G_LIST_MODEL (beta));
  g_assert_cmpstr (merged, ==, "c=newer c b=user b a=bundled a");
  g_clear_pointer (&merged, g_free);
  g_assert_cmpstr (rh_subtopic_get_title (beta), ==, "Beta, newer");
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 3);

  /* Taking a file out brings back what it hid. */
  g_assert_cmpuint (rh_library_remove_source (library, newer), ==, 1);
  merged = ids_and_answers (G_LIST_MODEL (beta));
  g_assert_cmpstr (merged, ==, "b=user b c=user c a=bundled a");
  g_clear_pointer (&merged, g_free);

  g_assert_cmpuint (rh_library_remove_source (library, older), ==, 1);
  merged = ids_and_answers (G_LIST_MODEL (beta));
  g_assert_cmpstr (merged, ==, "a=bundled a b=bundled b");
  g_assert_cmpstr (rh_subtopic_get_title (beta), ==, "Beta (bundled)");
  g_assert_cmpuint (rh_library_get_n_questions (library), ==, 2);

  if (saved_content_dir != NULL)
    g_setenv ("REHEARSE_CONTENT_DIR", saved_content_dir, TRUE);
  else
    g_unsetenv ("REHEARSE_CONTENT_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/merge-by-slug", test_merge_by_slug);
  g_test_add_func ("/library/siblings-not-available", test_siblings_not_available);
  g_test_add_func ("/library/replace", test_replace);
  g_test_add_func ("/library/reorder-on-replace", test_reorder_on_replace);
  g_test_add_func ("/library/missing-order", test_missing_order);
  g_test_add_func ("/library/bad-file-does-not-stop-others", test_bad_file_does_not_stop_others);
  g_test_add_func ("/library/parallel-load-is-deterministic", test_parallel_load_is_deterministic);
  g_test_add_func ("/library/remove-source", test_remove_source);
  g_test_add_func ("/library/merge-by-question", test_merge_by_question);

  return g_test_run ();
}
