/* rh-search-snapshot.c
 *
 * A copy of what the search index needs, taken on the thread that owns
 * the library so that hashing and indexing can run on another, and the
 * content hash that tells whether an index still matches.
 *
 * The hash is made from what the pages are made of, the files they came
 * from as the load cache keys them, rather than from every answer: a
 * start with an index that matches then reads nothing of the library's
 * questions. A page that did not come from a file it could stamp is
 * hashed by its questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-index-private.h"
#include "rh-load-cache.h"
#include "rh-search-snapshot.h"
#include "rh-subtopic-private.h"

static void
page_free (RhSearchSnapshotPage *page)
{
  g_clear_pointer (&page->questions, g_ptr_array_unref);
  g_clear_pointer (&page->pending.sibling_data, g_variant_unref);
  g_clear_pointer (&page->pending.question_data, g_variant_unref);
  g_free (page);
}

RhSearchSnapshot *
rh_search_snapshot_ref (RhSearchSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  g_atomic_ref_count_inc (&snapshot->ref_count);

  return snapshot;
}

void
rh_search_snapshot_unref (RhSearchSnapshot *snapshot)
{
  g_return_if_fail (snapshot != NULL);

  if (!g_atomic_ref_count_dec (&snapshot->ref_count))
    return;

  g_ptr_array_unref (snapshot->pages);
  g_string_chunk_free (snapshot->strings);
  g_free (snapshot->hash);
  g_free (snapshot);
}

/* The few strings that many pages share are held once. */
static char *
chunk_insert_shared (GStringChunk *strings,
                     const char   *text)
{
  return text != NULL ? g_string_chunk_insert_const (strings, text) : NULL;
}

static char *
chunk_insert (GStringChunk *strings,
              const char   *text)
{
  return text != NULL ? g_string_chunk_insert (strings, text) : NULL;
}

/* What rh_load_cache_realize_page() reads of a page, with the strings
 * in @strings: the frameworks and topics of 100,000 questions are a few
 * hundred strings, held once. */
static void
copy_pending (GStringChunk     *strings,
              const RhPageData *pending,
              const char       *path,
              RhPageData       *copy)
{
  *copy = *pending;
  copy->framework = chunk_insert_shared (strings, pending->framework);
  copy->framework_slug = chunk_insert_shared (strings, pending->framework_slug);
  copy->topic = chunk_insert_shared (strings, pending->topic);
  copy->topic_slug = chunk_insert_shared (strings, pending->topic_slug);
  copy->title = chunk_insert (strings, pending->title);
  copy->path = g_strcmp0 (pending->path, path) == 0 ? (char *) path : chunk_insert (strings, pending->path);
  copy->updated = chunk_insert (strings, pending->updated);
  copy->summary = chunk_insert (strings, pending->summary);
  copy->source = chunk_insert (strings, pending->source);
  copy->questions = NULL;
  copy->siblings = NULL;
  copy->sibling_data = NULL;
  copy->question_data = pending->question_data != NULL ? g_variant_ref (pending->question_data) : NULL;
}

/**
 * rh_search_snapshot_new:
 *
 * Questions are immutable and referenced; titles, which can change,
 * are copied. Pages whose questions are still in the load cache stay
 * so: rh_search_snapshot_page_get_questions() makes them, on any thread.
 * The index keeps the snapshot it was last built from, to build a
 * damaged index again without the library.
 *
 * Returns: (transfer full): what @library holds for the index, now
 */
RhSearchSnapshot *
rh_search_snapshot_new (RhLibrary *library)
{
  RhSearchSnapshot *snapshot;
  GStringChunk     *strings;
  GListModel       *frameworks;

  g_return_val_if_fail (RH_IS_LIBRARY (library), NULL);

  snapshot = g_new0 (RhSearchSnapshot, 1);
  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  snapshot->strings = strings = g_string_chunk_new (64 * 1024);
  frameworks = G_LIST_MODEL (library);

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
              RhSearchSnapshotPage  *page;
              const RhPageData      *pending;
              g_autofree char       *content_key = NULL;

              if (n == 0)
                continue;

              page = g_new0 (RhSearchSnapshotPage, 1);
              page->path = g_string_chunk_insert (strings, rh_subtopic_get_path (subtopic));
              page->framework_slug = chunk_insert_shared (strings, rh_framework_get_slug (framework));
              page->framework = chunk_insert_shared (strings, rh_framework_get_title (framework));
              page->topic = chunk_insert_shared (strings, rh_topic_get_title (topic));
              page->subtopic = g_string_chunk_insert (strings, rh_subtopic_get_title (subtopic));
              content_key = _rh_subtopic_dup_content_key (subtopic);
              page->content_key = content_key != NULL ? g_string_chunk_insert (strings, content_key) : NULL;
              page->n_questions = n;
              pending = _rh_subtopic_peek_pending (subtopic);
              if (pending != NULL && page->content_key != NULL)
                copy_pending (strings, pending, page->path, &page->pending);
              else
                {
                  page->questions = g_ptr_array_new_full (n, g_object_unref);
                  for (guint q = 0; q < n; q++)
                    g_ptr_array_add (page->questions, g_list_model_get_item (G_LIST_MODEL (subtopic), q));
                  page->n_questions = page->questions->len;
                }

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

/**
 * rh_search_snapshot_get_hash:
 *
 * A SHA-256 over everything the index holds, and the index format,
 * made on the first call.
 *
 * Returns: the content hash, in hex
 */
const char *
rh_search_snapshot_get_hash (RhSearchSnapshot *snapshot)
{
  g_autoptr (GChecksum) checksum = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);

  if (snapshot->hash != NULL)
    return snapshot->hash;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  hash_string (checksum, "rehearse-search-index");
  hash_number (checksum, RH_SEARCH_INDEX_FORMAT);
  /* What a page's content key stands for depends on how files are read
   * and merged: a new version of Rehearse indexes afresh. */
  hash_string (checksum, PACKAGE_VERSION);

  for (guint i = 0; i < snapshot->pages->len; i++)
    {
      RhSearchSnapshotPage *page = g_ptr_array_index (snapshot->pages, i);

      hash_string (checksum, page->path);
      hash_string (checksum, page->framework_slug);
      hash_string (checksum, page->framework);
      hash_string (checksum, page->topic);
      hash_string (checksum, page->subtopic);
      hash_number (checksum, page->n_questions);

      if (page->content_key != NULL)
        {
          hash_number (checksum, 1);
          hash_string (checksum, page->content_key);
          continue;
        }

      hash_number (checksum, 0);
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

/**
 * rh_search_snapshot_page_get_questions:
 *
 * Safe on any thread.
 *
 * Returns: (transfer full) (element-type RhQuestion): the page's questions
 */
GPtrArray *
rh_search_snapshot_page_get_questions (RhSearchSnapshotPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  if (page->questions == NULL)
    return rh_load_cache_realize_page (&page->pending);

  return g_ptr_array_ref (page->questions);
}
