/* rh-load-cache.c
 *
 * Content files change rarely, and json-glib parses at some 40 MB/s: on a
 * large library that is most of a start. This keeps what each file held,
 * already read and checked, in one GVariant file, keyed by the file's
 * path, size, modification time and inode; a start then reads the pages
 * back from a mapped file instead of parsing JSON again. A file that
 * changed, or any doubt about the cache, means the file is parsed as
 * usual: the cache can only ever save time. Doubt means a checksum that
 * does not match, or a page that breaks a rule the content reader holds
 * every page to (rh_content_reader_check_page()).
 *
 * The file keeps what a start needs, the pages' titles, places and
 * siblings, apart from what it does not, their questions and answers: a
 * start reads only the first part, and a page's questions are read from
 * the map when the page is first looked at (rh_load_cache_realize()), so
 * that neither the time of a start nor the memory it takes grows with
 * the answers in the library. Each part carries a checksum of its bytes,
 * checked when it is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rh-content-file.h"
#include "rh-content-reader.h"
#include "rh-load-cache.h"
#include "rh-page-data.h"
#include "rh-question-private.h"
#include "rh-variant-table.h"
#include "rh-write-error.h"

/* Bumped whenever the layout below or what the loader accepts changes. */
#define CACHE_VERSION 5

#define QUESTION_TYPE "(syss)"
#define BODY_TYPE "a" QUESTION_TYPE
#define SIBLING_TYPE "(ssxb)"
#define SIBLINGS_TYPE "a" SIBLING_TYPE
/* A sibling list and its checksum: the pages of a topic share one. */
#define LIST_TYPE "(t" SIBLINGS_TYPE ")"
/* framework, its slug, topic, its slug, title, path, updated, summary,
 * order, has_order, difficulty, has_difficulty, how many questions, where
 * they are among the bodies and their checksum, where the siblings are
 * among the lists */
#define PAGE_TYPE "(ssssssmsmsxbybuutu)"
#define PAGE_BODY_CHILD 13
#define PAGE_BODY_SUM_CHILD 14
#define PAGE_SIBLINGS_CHILD 15
#define PAGES_TYPE "a" PAGE_TYPE
/* file, size, mtime, inode, checksum of the pages, pages */
#define ENTRY_TYPE "(sxxtt" PAGES_TYPE ")"
/* Version, then tables (rh-variant-table.c) of the files' names, their
 * entries in the same order, the pages' bodies and the sibling lists: a
 * start finds every entry by reading only the names. */
#define CACHE_TYPE "(u" RH_VARIANT_TABLE_TYPE RH_VARIANT_TABLE_TYPE RH_VARIANT_TABLE_TYPE RH_VARIANT_TABLE_TYPE ")"

struct _RhLoadCache
{
  char           *path;
  GVariant       *loaded; /* what the cache file held */
  RhVariantTable *names; /* its files' names */
  RhVariantTable *entry_list; /* their entries, in the same order */
  RhVariantTable *bodies; /* its questions, page by page */
  RhVariantTable *lists; /* its sibling lists */
  gint           *list_states; /* atomic, per list: 0 unchecked, 1 good, 2 damaged */
  GVariant      **list_values; /* atomic, per list once good: the siblings, which
                            * every page that lists them shares */
  gsize           n_lists;
  char          **list_topics; /* atomic, per list: the topic a page that lists it
                            * was checked in, "/framework/topic/" */
  GHashTable     *entries; /* file, in the map → its place in entry_list, plus
                        * one; never changes, so loader threads may look
                        * up at the same time */
  GHashTable     *stored; /* file → StoredEntry read afresh by this load */
  GHashTable     *used; /* the files this load asked about */
  gboolean        dirty;
};

/* A file read afresh: its page headers, with no place among the bodies
 * yet, and each page's body. */
typedef struct
{
  RhFileStamp stamp;
  GPtrArray  *headers; /* GVariant PAGE_TYPE */
  GPtrArray  *bodies; /* GVariant BODY_TYPE */
  GPtrArray  *siblings; /* GVariant SIBLINGS_TYPE */
} StoredEntry;

/* Sibling lists being written, each once. */
typedef struct
{
  RhVariantTableBuilder *builder;
  GHashTable            *indices; /* GBytes of a list → its index + 1 */
} ListTable;

static void
stored_entry_free (StoredEntry *entry)
{
  g_ptr_array_unref (entry->headers);
  g_ptr_array_unref (entry->bodies);
  g_ptr_array_unref (entry->siblings);
  g_free (entry);
}

/* 64 bits over a part of the file as written. Each step is a bijection
 * of the state for a given word and of the word for a given state, so a
 * change within any one 8-byte word always changes the result, and
 * others do but for a chance of 2^-64; one multiplication per word keeps
 * it far faster than the GVariant reading it guards. Not a defence
 * against someone who can write the cache: the page rules are that. */
static guint64
checksum_bytes (const guint8 *data,
                gsize         size)
{
  const guint64 k1 = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  const guint64 k2 = G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);
  guint64       h = size * k1;
  guint64       word;
  gsize         i;

  for (i = 0; i + 8 <= size; i += 8)
    {
      memcpy (&word, data + i, 8);
      h ^= word * k2;
      h = ((h << 31) | (h >> 33)) * k1;
    }

  word = 0;
  if (size > i)
    memcpy (&word, data + i, size - i);
  h ^= word * k2;
  h = ((h << 31) | (h >> 33)) * k1;

  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;

  return h;
}

static guint64
checksum_variant (GVariant *value)
{
  return checksum_bytes (g_variant_get_data (value), g_variant_get_size (value));
}

static RhVariantTable *
open_table (GVariant           *cache,
            gsize               child,
            const GVariantType *item_type)
{
  g_autoptr (GVariant) table = g_variant_get_child_value (cache, child);

  return rh_variant_table_new (table, item_type);
}

/**
 * rh_load_cache_open:
 * @path: the cache file; it need not exist
 *
 * Reads nothing but the list of files the cache holds.
 *
 * Returns: (transfer full): the cache, empty when the file is missing,
 *   unreadable or of another version
 */
RhLoadCache *
rh_load_cache_open (const char *path)
{
  RhLoadCache            *self;
  g_autoptr (GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (RhLoadCache, 1);
  self->path = g_strdup (path);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) stored_entry_free);
  self->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped != NULL)
    {
      g_autoptr (GBytes)   bytes = g_mapped_file_get_bytes (mapped);
      g_autoptr (GVariant) cache = g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), bytes, FALSE);
      guint32              version;

      /* Serialised data from disk is checked by GVariant as it is read;
       * a damaged file reads as empty or default values, never crashes,
       * and the checksums tell those from what was written. */
      g_variant_get_child (cache, 0, "u", &version);
      if (version == CACHE_VERSION)
        {
          self->loaded = g_variant_ref_sink (g_steal_pointer (&cache));
          self->names = open_table (self->loaded, 1, G_VARIANT_TYPE_STRING);
          self->entry_list = open_table (self->loaded, 2, G_VARIANT_TYPE (ENTRY_TYPE));
          self->bodies = open_table (self->loaded, 3, G_VARIANT_TYPE (BODY_TYPE));
          self->lists = open_table (self->loaded, 4, G_VARIANT_TYPE (LIST_TYPE));
          self->n_lists = rh_variant_table_get_n_items (self->lists);
          self->list_states = g_new0 (gint, self->n_lists + 1);
          self->list_topics = g_new0 (char *, self->n_lists + 1);
          self->list_values = g_new0 (GVariant *, self->n_lists + 1);
          /* The names stay in the map, which self->names keeps. */
          for (gsize i = 0; i < rh_variant_table_get_n_items (self->names); i++)
            {
              const char *file = rh_variant_table_get_string (self->names, i);

              if (file != NULL)
                g_hash_table_replace (self->entries, (gpointer) file, GUINT_TO_POINTER (i + 1));
            }
        }
    }

  return self;
}

void
rh_load_cache_free (RhLoadCache *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->stored, g_hash_table_unref);
  g_clear_pointer (&self->used, g_hash_table_unref);
  g_clear_pointer (&self->names, rh_variant_table_free);
  g_clear_pointer (&self->entry_list, rh_variant_table_free);
  g_clear_pointer (&self->bodies, rh_variant_table_free);
  g_clear_pointer (&self->lists, rh_variant_table_free);
  for (gsize i = 0; self->list_topics != NULL && i < self->n_lists; i++)
    g_free (self->list_topics[i]);
  g_clear_pointer (&self->list_topics, g_free);
  for (gsize i = 0; self->list_values != NULL && i < self->n_lists; i++)
    g_clear_pointer (&self->list_values[i], g_variant_unref);
  g_clear_pointer (&self->list_values, g_free);
  g_clear_pointer (&self->list_states, g_free);
  g_clear_pointer (&self->loaded, g_variant_unref);
  g_free (self->path);
  g_free (self);
}

/* @file's entry, if its name and the entry's own agree: a damaged list
 * of names finds nothing, never another file's pages. */
static GVariant *
get_entry (RhLoadCache *self,
           const char  *file)
{
  guint                place = GPOINTER_TO_UINT (g_hash_table_lookup (self->entries, file));
  g_autoptr (GVariant) entry = NULL;
  const char          *name;

  if (place == 0 || (entry = rh_variant_table_get (self->entry_list, place - 1)) == NULL)
    return NULL;

  g_variant_get_child (entry, 0, "&s", &name);
  if (strcmp (name, file) != 0)
    return NULL;

  return g_steal_pointer (&entry);
}

static char *
dup_nullable (GVariant *maybe)
{
  g_autoptr (GVariant) value = g_variant_get_maybe (maybe);

  return value ? g_variant_dup_string (value, NULL) : NULL;
}

/* Each list is checked once, by whichever thread reads it first. */
static GVariant *
get_sibling_list (RhLoadCache *self,
                  guint32      index)
{
  g_autoptr (GVariant) list = NULL;
  GVariant            *siblings;
  guint64              sum;
  gint                 state;

  if (self->lists == NULL || index >= self->n_lists)
    return NULL;

  siblings = g_atomic_pointer_get (&self->list_values[index]);
  if (siblings != NULL)
    return g_variant_ref (siblings);

  if ((list = rh_variant_table_get (self->lists, index)) == NULL)
    return NULL;

  g_variant_get (list, "(t@" SIBLINGS_TYPE ")", &sum, &siblings);
  state = g_atomic_int_get (&self->list_states[index]);
  if (state == 0)
    {
      state = checksum_variant (siblings) == sum ? 1 : 2;
      g_atomic_int_set (&self->list_states[index], state);
    }

  if (state != 1)
    {
      g_clear_pointer (&siblings, g_variant_unref);
      return NULL;
    }

  /* The first thread to get here keeps its copy for all. */
  if (!g_atomic_pointer_compare_and_exchange (&self->list_values[index], NULL, siblings))
    {
      g_variant_unref (siblings);
      siblings = g_atomic_pointer_get (&self->list_values[index]);
    }

  return g_variant_ref (siblings);
}

static char *
topic_of (const char *path)
{
  const char *slash = strrchr (path, '/');

  return g_strndup (path, slash != NULL ? (gsize) (slash - path + 1) : 0);
}

/* The rules for siblings hold a list to the topic of the page that lists
 * it: a list is checked once for each topic that uses it, which is one. */
static gboolean
check_siblings (RhLoadCache *self,
                RhPageData  *page,
                guint32      index)
{
  g_autofree char *topic = topic_of (page->path);
  const char      *checked = g_atomic_pointer_get (&self->list_topics[index]);
  RhPageData       listing = *page;
  GArray          *siblings;
  GVariantIter     iter;
  RhSiblingData    sibling;
  gboolean         ok;

  if (checked != NULL && g_str_equal (checked, topic))
    return TRUE;

  siblings = g_array_new (FALSE, TRUE, sizeof (RhSiblingData));
  g_variant_iter_init (&iter, page->sibling_data);
  while (g_variant_iter_next (&iter, "(&s&sxb)", &sibling.title, &sibling.path, &sibling.order, &sibling.has_order))
    g_array_append_val (siblings, sibling);

  listing.siblings = siblings;
  ok = rh_content_reader_check_page (&listing, NULL, NULL);
  g_array_unref (siblings);

  if (ok && g_atomic_pointer_compare_and_exchange (&self->list_topics[index], NULL, topic))
    topic = NULL;

  return ok;
}

static RhPageData *
page_from_variant (RhLoadCache       *self,
                   GVariant          *variant,
                   const char        *file,
                   const RhFileStamp *stamp)
{
  g_autoptr (RhPageData) page = rh_page_data_new ();
  g_autoptr (GVariant)   updated = NULL;
  g_autoptr (GVariant)   summary = NULL;
  guint8                 difficulty;
  guint32                n_questions, body, siblings;
  guint64                body_sum;

  g_variant_get (variant, "(ssssss@ms@msxbybuutu)",
                 &page->framework, &page->framework_slug, &page->topic, &page->topic_slug,
                 &page->title, &page->path, &updated, &summary,
                 &page->order, &page->has_order, &difficulty, &page->has_difficulty,
                 &n_questions, &body, &body_sum, &siblings);

  page->updated = dup_nullable (updated);
  page->summary = dup_nullable (summary);
  page->source = g_strdup (file);
  page->stamp = *stamp;
  page->has_stamp = TRUE;

  /* The cache is only a copy: a page the loader would refuse means it
   * cannot be trusted, and the file is read afresh. Its questions are
   * held to the rules when they are made (rh_load_cache_realize()). */
  page->difficulty = difficulty;
  if (self->bodies == NULL || !(page->sibling_data = get_sibling_list (self, siblings)) ||
      !rh_content_reader_check_page (page, NULL, NULL) || !check_siblings (self, page, siblings) ||
      !(page->question_data = rh_variant_table_get (self->bodies, body)))
    return NULL;

  /* The questions stay in the map; rh_load_cache_realize() checks them
   * against body_sum when they are first needed. */
  page->question_data_sum = body_sum;
  page->n_question_data = n_questions;

  /* Siblings stay in the map too: the library reads them from there,
   * and only once for the pages of a topic that all list the same. */
  return g_steal_pointer (&page);
}

/**
 * rh_load_cache_mark_used:
 *
 * Keeps @file's entry when the cache is saved; entries of files no load
 * asked about drop out. Main thread only.
 */
void
rh_load_cache_mark_used (RhLoadCache *self,
                         const char  *file)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file != NULL);

  g_hash_table_add (self->used, g_strdup (file));
}

/**
 * rh_load_cache_get_size:
 * @file: a content file
 *
 * Tells how large @file was when it was cached, without looking at it.
 *
 * Returns: its size in bytes, or -1 if the cache has no entry for it
 */
gint64
rh_load_cache_get_size (RhLoadCache *self,
                        const char  *file)
{
  g_autoptr (GVariant) entry = NULL;
  gint64               size;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (file != NULL, -1);

  entry = get_entry (self, file);
  if (entry == NULL)
    return -1;

  g_variant_get_child (entry, 1, "x", &size);

  return size;
}

/**
 * rh_load_cache_lookup:
 * @file: a content file
 *
 * Looks at @file's size, modification time and inode, never at what it
 * holds. Safe to call from several threads at once, and while another
 * thread stores into the cache: a lookup reads only what was loaded.
 *
 * Returns: (transfer full) (element-type RhPageData) (nullable): the
 *   pages @file held when it was cached, if it has not changed since,
 *   with their questions left in the cache
 */
GPtrArray *
rh_load_cache_lookup (RhLoadCache *self,
                      const char  *file)
{
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GVariant)  page_list = NULL;
  g_autoptr (GVariant)  entry = NULL;
  RhFileStamp           stamp, cached;
  guint64               sum;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  entry = get_entry (self, file);
  if (entry == NULL || !rh_file_stamp_get (file, &stamp))
    return NULL;

  g_variant_get_child (entry, 1, "x", &cached.size);
  g_variant_get_child (entry, 2, "x", &cached.mtime);
  g_variant_get_child (entry, 3, "t", &cached.inode);
  if (!rh_file_stamp_equal (&stamp, &cached))
    return NULL;

  g_variant_get_child (entry, 4, "t", &sum);
  page_list = g_variant_get_child_value (entry, 5);
  if (g_variant_n_children (page_list) == 0 || checksum_variant (page_list) != sum)
    return NULL;

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_page_data_free);
  for (gsize i = 0; i < g_variant_n_children (page_list); i++)
    {
      g_autoptr (GVariant) variant = g_variant_get_child_value (page_list, i);
      RhPageData          *page = page_from_variant (self, variant, file, &stamp);

      if (page == NULL)
        return NULL;
      g_ptr_array_add (pages, page);
    }

  return g_steal_pointer (&pages);
}

/**
 * rh_load_cache_realize:
 * @page: a page from rh_load_cache_lookup(), its questions still in the
 *   cache
 *
 * Makes the questions that @page left in the cache, their strings where
 * the map has them. Checks them first: questions that are not as they
 * were written, or that the loader would refuse, make none. Safe on any
 * thread.
 *
 * Returns: (transfer full) (element-type RhQuestion) (nullable): the
 *   page's questions, or %NULL if the cache is damaged there
 */
GPtrArray *
rh_load_cache_realize (const RhPageData *page)
{
  g_autoptr (GPtrArray) questions = NULL;
  g_autoptr (GArray)    no_siblings = NULL;
  GVariant             *data;
  RhPageData            made;
  GVariantIter          iter;
  const char           *id, *question, *answer;
  guint8                difficulty;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (page->question_data != NULL, NULL);

  data = page->question_data;
  if (!g_variant_is_of_type (data, G_VARIANT_TYPE (BODY_TYPE)) || g_variant_n_children (data) != page->n_question_data ||
      checksum_variant (data) != page->question_data_sum)
    return NULL;

  questions = g_ptr_array_new_full (page->n_question_data, g_object_unref);
  g_variant_iter_init (&iter, data);
  while (g_variant_iter_next (&iter, "(&sy&s&s)", &id, &difficulty, &question, &answer))
    g_ptr_array_add (questions, _rh_question_new_borrowed (data, id, difficulty, question, answer));

  /* The page's own fields were checked by rh_load_cache_lookup(). */
  no_siblings = g_array_new (FALSE, TRUE, sizeof (RhSiblingData));
  made = *page;
  made.questions = questions;
  made.siblings = no_siblings;
  if (!rh_content_reader_check_page (&made, NULL, NULL))
    return NULL;

  return g_steal_pointer (&questions);
}

/**
 * rh_load_cache_realize_page:
 * @page: a page from rh_load_cache_lookup(), its questions still in the
 *   cache
 *
 * rh_load_cache_realize(), and when the cache is damaged there, the
 * page's questions as its file now holds them: a damaged cache costs
 * time, never shows what the file does not hold. Safe on any thread.
 *
 * Returns: (transfer full) (element-type RhQuestion): the page's
 *   questions; none if its file no longer holds it
 */
GPtrArray *
rh_load_cache_realize_page (const RhPageData *page)
{
  g_autoptr (GPtrArray) pages = NULL;
  GPtrArray            *questions;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (page->question_data != NULL, NULL);

  questions = rh_load_cache_realize (page);
  if (questions != NULL)
    return questions;

  g_debug ("The load cache is damaged at %s; reading %s again", page->path, page->source);
  pages = page->source != NULL ? rh_content_file_load (page->source, NULL) : NULL;
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      RhPageData *fresh = g_ptr_array_index (pages, i);

      if (g_strcmp0 (fresh->path, page->path) == 0)
        return g_ptr_array_ref (fresh->questions);
    }

  return g_ptr_array_new_with_free_func (g_object_unref);
}

static GVariant *
body_to_variant (const RhPageData *page)
{
  GVariantBuilder questions;

  g_variant_builder_init (&questions, G_VARIANT_TYPE (BODY_TYPE));
  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);

      g_variant_builder_add (&questions, QUESTION_TYPE,
                             rh_question_get_id (question),
                             (guint8) rh_question_get_difficulty (question),
                             rh_question_get_question (question),
                             rh_question_get_answer (question));
    }

  return g_variant_ref_sink (g_variant_builder_end (&questions));
}

static GVariant *
siblings_to_variant (const RhPageData *page)
{
  GVariantBuilder siblings;

  g_variant_builder_init (&siblings, G_VARIANT_TYPE (SIBLINGS_TYPE));
  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      g_variant_builder_add (&siblings, SIBLING_TYPE, sibling->title, sibling->path, sibling->order,
                             sibling->has_order);
    }

  return g_variant_ref_sink (g_variant_builder_end (&siblings));
}

/* With no place among the bodies and lists yet: save_entry() gives it
 * those. */
static GVariant *
header_to_variant (const RhPageData *page,
                   guint             n_questions,
                   guint64           body_sum)
{
  return g_variant_ref_sink (g_variant_new (PAGE_TYPE,
                                            page->framework, page->framework_slug, page->topic, page->topic_slug,
                                            page->title, page->path, page->updated, page->summary,
                                            page->order, page->has_order, (guint8) page->difficulty,
                                            page->has_difficulty, n_questions, 0, body_sum, 0));
}

/* A value built from parts keeps a GVariant of its own for each, ten
 * times its size, until it is first serialised: at once, then, since
 * all of a large library's wait here for the cache to be written. */
static GVariant *
serialised (GVariant *value)
{
  g_variant_get_data (value);

  return value;
}

/**
 * rh_load_cache_store:
 * @pages: (element-type RhPageData): what @file held, freshly read
 *
 * Records @pages for @file as it is now; call before the pages join the
 * model, which takes their questions.
 */
void
rh_load_cache_store (RhLoadCache *self,
                     const char  *file,
                     GPtrArray   *pages)
{
  RhFileStamp stamp;

  g_return_if_fail (self != NULL);
  g_return_if_fail (file != NULL);

  if (rh_file_stamp_get (file, &stamp))
    rh_load_cache_store_stamped (self, file, pages, &stamp);
  else
    g_hash_table_add (self->used, g_strdup (file));
}

/**
 * rh_load_cache_store_stamped:
 * @pages: (element-type RhPageData): what @file held, freshly read
 * @stamp: @file's stamp from before it was read, and after
 *
 * Like rh_load_cache_store(), with the stamp the loader took.
 */
void
rh_load_cache_store_stamped (RhLoadCache       *self,
                             const char        *file,
                             GPtrArray         *pages,
                             const RhFileStamp *stamp)
{
  StoredEntry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (file != NULL);
  g_return_if_fail (pages != NULL);
  g_return_if_fail (stamp != NULL);

  g_hash_table_add (self->used, g_strdup (file));

  entry = g_new0 (StoredEntry, 1);
  entry->stamp = *stamp;
  entry->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  entry->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  entry->siblings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (guint i = 0; i < pages->len; i++)
    {
      const RhPageData *page = g_ptr_array_index (pages, i);
      GVariant         *body;

      /* A page still in an older cache is not rewritten here. */
      if (page->question_data != NULL)
        {
          stored_entry_free (entry);
          return;
        }

      body = body_to_variant (page);
      g_ptr_array_add (entry->bodies, body);
      g_ptr_array_add (entry->siblings, serialised (siblings_to_variant (page)));
      g_ptr_array_add (entry->headers,
                       serialised (header_to_variant (page, page->questions->len, checksum_variant (body))));
    }

  g_hash_table_replace (self->stored, g_strdup (file), entry);
  self->dirty = TRUE;
}

/**
 * rh_load_cache_lend_bodies:
 * @pages: (element-type RhPageData): the pages just stored for @file
 *
 * Leaves the questions of @pages in the bodies stored for them, as the
 * pages of a file found in the cache leave theirs in the map, and drops
 * the questions as read: the model then holds each answer once, in the
 * form the cache writes, rather than twice until the cache is saved.
 * rh_load_cache_realize() makes them again when they are needed.
 */
void
rh_load_cache_lend_bodies (RhLoadCache *self,
                           const char  *file,
                           GPtrArray   *pages)
{
  StoredEntry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (file != NULL);
  g_return_if_fail (pages != NULL);

  entry = g_hash_table_lookup (self->stored, file);
  if (entry == NULL || entry->bodies->len != pages->len)
    return;

  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);
      GVariant   *body = g_ptr_array_index (entry->bodies, i);

      if (page->question_data != NULL || g_variant_n_children (body) != page->questions->len)
        continue;

      g_variant_get_child (g_ptr_array_index (entry->headers, i), PAGE_BODY_SUM_CHILD, "t", &page->question_data_sum);
      page->question_data = g_variant_ref (body);
      page->n_question_data = page->questions->len;
      g_ptr_array_set_size (page->questions, 0);
    }
}

gboolean
rh_load_cache_is_dirty (RhLoadCache *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->dirty;
}

/* The index of @siblings among the lists being written, added if new. */
static guint
list_table_add (ListTable *table,
                GVariant  *siblings)
{
  g_autoptr (GBytes) bytes = g_variant_get_data_as_bytes (siblings);
  gpointer           found = g_hash_table_lookup (table->indices, bytes);

  guint index;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  index = rh_variant_table_builder_add (table->builder, g_variant_new ("(t@" SIBLINGS_TYPE ")",
                                                                       checksum_variant (siblings), siblings));
  g_hash_table_insert (table->indices, g_steal_pointer (&bytes), GUINT_TO_POINTER (index + 1));

  return index;
}

/* Gives each page its place among the bodies and lists being written. */
static void
save_entry (const char            *file,
            const RhFileStamp     *stamp,
            GPtrArray             *headers,
            GPtrArray             *bodies,
            GPtrArray             *siblings,
            RhVariantTableBuilder *names,
            RhVariantTableBuilder *entries,
            RhVariantTableBuilder *all_bodies,
            ListTable             *lists)
{
  g_autoptr (GVariant) page_list = NULL;
  GVariantBuilder      pages;

  g_variant_builder_init (&pages, G_VARIANT_TYPE (PAGES_TYPE));
  for (guint i = 0; i < headers->len; i++)
    {
      GVariant *header = g_ptr_array_index (headers, i);
      gsize     n = g_variant_n_children (header);
      GVariant *children[32];

      g_assert (n <= G_N_ELEMENTS (children));
      for (gsize c = 0; c < n; c++)
        {
          if (c == PAGE_BODY_CHILD)
            children[c] = g_variant_ref_sink (g_variant_new_uint32 (rh_variant_table_builder_get_n_items (all_bodies) + i));
          else if (c == PAGE_SIBLINGS_CHILD)
            children[c] = g_variant_ref_sink (g_variant_new_uint32 (list_table_add (lists, g_ptr_array_index (siblings, i))));
          else
            children[c] = g_variant_get_child_value (header, c);
        }
      g_variant_builder_add_value (&pages, g_variant_new_tuple (children, n));
      for (gsize c = 0; c < n; c++)
        g_variant_unref (children[c]);
    }
  for (guint i = 0; i < bodies->len; i++)
    rh_variant_table_builder_add (all_bodies, g_ptr_array_index (bodies, i));

  page_list = g_variant_ref_sink (g_variant_builder_end (&pages));
  rh_variant_table_builder_add (names, g_variant_new_string (file));
  rh_variant_table_builder_add (entries, g_variant_new ("(sxxtt@" PAGES_TYPE ")", file, stamp->size, stamp->mtime,
                                                        stamp->inode, checksum_variant (page_list), page_list));
}

/* An entry kept from the cache as it was loaded, its bodies and sibling
 * lists with it. */
static void
save_loaded_entry (RhLoadCache           *self,
                   GVariant              *entry,
                   RhVariantTableBuilder *names,
                   RhVariantTableBuilder *entries,
                   RhVariantTableBuilder *all_bodies,
                   ListTable             *lists)
{
  g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GPtrArray) siblings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GVariant)  page_list = g_variant_get_child_value (entry, 5);
  const char           *file;
  RhFileStamp           stamp;

  g_variant_get (entry, "(&sxxtt@" PAGES_TYPE ")", &file, &stamp.size, &stamp.mtime, &stamp.inode, NULL, NULL);
  for (gsize i = 0; i < g_variant_n_children (page_list); i++)
    {
      GVariant *header = g_variant_get_child_value (page_list, i);
      GVariant *list, *body_value;
      guint32   body, list_index;

      g_ptr_array_add (headers, header);
      g_variant_get_child (header, PAGE_BODY_CHILD, "u", &body);
      g_variant_get_child (header, PAGE_SIBLINGS_CHILD, "u", &list_index);
      if (self->bodies == NULL || !(list = get_sibling_list (self, list_index)))
        return;
      g_ptr_array_add (siblings, list);
      if (!(body_value = rh_variant_table_get (self->bodies, body)))
        return;
      g_ptr_array_add (bodies, body_value);
    }

  save_entry (file, &stamp, headers, bodies, siblings, names, entries, all_bodies, lists);
}

/**
 * rh_load_cache_save:
 *
 * Writes the cache atomically, so a crash leaves the old one or the new.
 * Pages read from the old file go on reading from it: it is replaced,
 * never written over. A full disk or a read-only folder leaves the old
 * one, and an error that says so.
 */
gboolean
rh_load_cache_save (RhLoadCache *self,
                    GError     **error)
{
  g_autoptr (GVariant)              cache = NULL;
  g_autoptr (GError)                local_error = NULL;
  g_autofree char                  *directory = NULL;
  g_autoptr (RhVariantTableBuilder) names = rh_variant_table_builder_new ();
  g_autoptr (RhVariantTableBuilder) entries = rh_variant_table_builder_new ();
  g_autoptr (RhVariantTableBuilder) bodies = rh_variant_table_builder_new ();
  g_autoptr (RhVariantTableBuilder) list_builder = rh_variant_table_builder_new ();
  ListTable                         lists;
  GHashTableIter                    iter;
  gpointer                          key, value;

  g_return_val_if_fail (self != NULL, FALSE);

  lists.builder = list_builder;
  lists.indices = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);

  /* Files read afresh replace what was cached; files no longer loaded
   * drop out. */
  g_hash_table_iter_init (&iter, self->stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StoredEntry *stored = value;

      save_entry (key, &stored->stamp, stored->headers, stored->bodies, stored->siblings, names, entries, bodies,
                  &lists);
    }

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (GVariant) entry = NULL;

      if (g_hash_table_contains (self->used, key) && !g_hash_table_contains (self->stored, key) &&
          (entry = get_entry (self, key)) != NULL)
        save_loaded_entry (self, entry, names, entries, bodies, &lists);
    }

  g_hash_table_unref (lists.indices);
  cache = g_variant_ref_sink (g_variant_new ("(u@" RH_VARIANT_TABLE_TYPE "@" RH_VARIANT_TABLE_TYPE
                                             "@" RH_VARIANT_TABLE_TYPE "@" RH_VARIANT_TABLE_TYPE ")",
                                             CACHE_VERSION, rh_variant_table_builder_end (names),
                                             rh_variant_table_builder_end (entries), rh_variant_table_builder_end (bodies),
                                             rh_variant_table_builder_end (list_builder)));

  directory = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      return rh_write_error_set (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                                 _ ("Could not save the library’s cache"), directory, saved_errno);
    }

  if (!g_file_set_contents (self->path, g_variant_get_data (cache), g_variant_get_size (cache), &local_error))
    {
      int refusal = rh_write_error_get_errno (local_error);

      if (refusal != 0)
        return rh_write_error_set (error, G_FILE_ERROR, local_error->code, _ ("Could not save the library’s cache"),
                                   self->path, refusal);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->dirty = FALSE;

  return TRUE;
}
