/* test-roundtrip.c
 *
 * Pages written out in the site's payload form, or as a pack, and loaded
 * back, give the same model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-checker.h"
#include "rh-content-file.h"
#include "rh-content-writer.h"
#include "rh-library.h"
#include "rh-question.h"
#include "rh-synthetic.h"
#include "rh-test-util.h"

static char *
model_as_json (GPtrArray *pages)
{
  g_autoptr (RhLibrary) library = rh_library_new ();
  g_autoptr (GPtrArray) results = g_ptr_array_new ();
  g_autoptr (GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_page_data_free);

  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (copies, rh_page_data_copy (g_ptr_array_index (pages, i)));
  rh_library_add_pages (library, copies);

  return rh_checker_format_json (library, results);
}

static void
assert_same_pages (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      RhPageData *pa = g_ptr_array_index (a, i);
      RhPageData *pb = g_ptr_array_index (b, i);

      g_assert_cmpstr (pa->path, ==, pb->path);
      g_assert_cmpstr (pa->framework, ==, pb->framework);
      g_assert_cmpstr (pa->topic, ==, pb->topic);
      g_assert_cmpstr (pa->title, ==, pb->title);
      g_assert_cmpstr (pa->updated, ==, pb->updated);
      g_assert_cmpstr (pa->summary, ==, pb->summary);
      g_assert_cmpint (pa->order, ==, pb->order);
      g_assert_cmpint (pa->has_order, ==, pb->has_order);
      g_assert_cmpint (pa->difficulty, ==, pb->difficulty);
      g_assert_cmpuint (pa->questions->len, ==, pb->questions->len);
      for (guint j = 0; j < pa->questions->len; j++)
        g_assert_true (rh_question_equal (g_ptr_array_index (pa->questions, j), g_ptr_array_index (pb->questions, j)));
      g_assert_cmpuint (pa->siblings->len, ==, pb->siblings->len);
      for (guint j = 0; j < pa->siblings->len; j++)
        {
          g_assert_cmpstr (g_array_index (pa->siblings, RhSiblingData, j).path, ==,
                           g_array_index (pb->siblings, RhSiblingData, j).path);
          g_assert_cmpint (g_array_index (pa->siblings, RhSiblingData, j).order, ==,
                           g_array_index (pb->siblings, RhSiblingData, j).order);
        }
    }
}

static GPtrArray *
load_text (const char *name,
           const char *text,
           gsize       length)
{
  g_autofree char   *path = rh_test_write_temp (name, text, length);
  g_autoptr (GError) error = NULL;
  GPtrArray         *pages = rh_content_file_load (path, &error);

  g_assert_no_error (error);

  return pages;
}

static void
test_example_payload_roundtrip (void)
{
  g_autofree char      *fixture = rh_test_fixture_path ("rebasing.payload.json");
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) original = rh_content_file_load (fixture, &error);
  g_autoptr (GPtrArray) again = NULL;
  g_autofree char      *payload = NULL;
  g_autofree char      *model_a = NULL;
  g_autofree char      *model_b = NULL;
  gsize                 length;

  g_assert_no_error (error);
  payload = rh_content_writer_payload (original, &length);
  g_assert_true (payload[0] == '[');
  again = load_text ("roundtrip-example.json", payload, length);

  assert_same_pages (original, again);
  model_a = model_as_json (original);
  model_b = model_as_json (again);
  g_assert_cmpstr (model_a, ==, model_b);
}

static void
test_synthetic_payload_roundtrip (void)
{
  g_autoptr (GPtrArray) pages = rh_synthetic_pages (200, 7, 7);
  g_autoptr (GPtrArray) again = NULL;
  g_autofree char      *payload = NULL;
  g_autofree char      *model_a = NULL;
  g_autofree char      *model_b = NULL;
  gsize                 length;

  /* Many pages in one payload share literals across pages. */
  payload = rh_content_writer_payload (pages, &length);
  again = load_text ("roundtrip-synthetic.json", payload, length);
  assert_same_pages (pages, again);
  model_a = model_as_json (pages);
  model_b = model_as_json (again);
  g_assert_cmpstr (model_a, ==, model_b);
}

static void
test_pack_roundtrip (void)
{
  g_autoptr (GPtrArray) pages = rh_synthetic_pages (50, 8, 3);
  g_autoptr (GPtrArray) again = NULL;
  g_autofree char      *pack = NULL;
  gsize                 length;

  pack = rh_content_writer_pack (pages, "Synthetic", &length);
  g_assert_true (g_str_has_prefix (pack, "{\"format\":\"rehearse-pack\",\"version\":1"));
  again = load_text ("roundtrip-pack.json", pack, length);
  assert_same_pages (pages, again);
}

/* Literals are stored once, as the site does. */
static void
test_payload_shares_literals (void)
{
  g_autoptr (GPtrArray) pages = rh_synthetic_pages (16, 8, 1);
  g_autofree char      *payload = rh_content_writer_payload (pages, NULL);
  const char           *first = strstr (payload, "\"hard\"");

  g_assert_nonnull (first);
  g_assert_null (strstr (first + 1, "\"hard\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roundtrip/example-payload", test_example_payload_roundtrip);
  g_test_add_func ("/roundtrip/synthetic-payload", test_synthetic_payload_roundtrip);
  g_test_add_func ("/roundtrip/pack", test_pack_roundtrip);
  g_test_add_func ("/roundtrip/payload-shares-literals", test_payload_shares_literals);

  return g_test_run ();
}
