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
 * every page to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <string.h>

#include "rh-content-reader.h"
#include "rh-load-cache.h"
#include "rh-page-data.h"
#include "rh-question-private.h"

/* Bumped whenever the layout below or what the loader accepts changes. */
#define CACHE_VERSION 2

#define QUESTION_TYPE "(syss)"
#define SIBLING_TYPE "(ssxb)"
#define PAGE_TYPE "(ssssssmsmsxbyba" QUESTION_TYPE "a" SIBLING_TYPE ")"
#define ENTRY_TYPE "(sxxta" PAGE_TYPE ")"
/* The version, then the checksum of the serialised entries. */
#define CACHE_TYPE "(uta" ENTRY_TYPE ")"

struct _RhLoadCache
{
  char       *path;
  GVariant   *loaded; /* what the cache file held */
  GHashTable *entries; /* file → entry GVariant as loaded; never changes,
                        * so loader threads may look up at the same time */
  GHashTable *stored; /* file → entry GVariant read afresh by this load */
  GHashTable *used; /* the files this load asked about */
  gboolean    dirty;
};

typedef struct
{
  gint64  size;
  gint64  mtime;
  guint64 inode;
} FileStamp;

static gboolean
stamp_file (const char *file,
            FileStamp  *stamp)
{
  GStatBuf st;

  if (g_stat (file, &st) != 0)
    return FALSE;

  stamp->size = st.st_size;
  stamp->mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  stamp->inode = st.st_ino;

  return TRUE;
}

/* 64 bits over the entries as written. Each step is a bijection of the
 * state for a given word and of the word for a given state, so a change
 * within any one 8-byte word always changes the result, and others do
 * but for a chance of 2^-64; one multiplication per word keeps it far
 * faster than the GVariant reading it guards. Not a defence against
 * someone who can write the cache: the page rules are that. */
static guint64
checksum (const guint8 *data,
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
  return checksum (g_variant_get_data (value), g_variant_get_size (value));
}

/**
 * rh_load_cache_open:
 * @path: the cache file; it need not exist
 *
 * Returns: (transfer full): the cache, empty when the file is missing,
 *   unreadable, of another version or damaged
 */
RhLoadCache *
rh_load_cache_open (const char *path)
{
  RhLoadCache            *self;
  g_autoptr (GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (RhLoadCache, 1);
  self->path = g_strdup (path);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  self->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  self->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped != NULL)
    {
      g_autoptr (GBytes)   bytes = g_mapped_file_get_bytes (mapped);
      g_autoptr (GVariant) cache = g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), bytes, FALSE);
      g_autoptr (GVariant) entries = NULL;
      guint32              version;
      guint64              sum;

      /* Serialised data from disk is checked by GVariant as it is read, so
       * a damaged file reads as empty or default values and never crashes;
       * the checksum tells such values from real ones. */
      g_variant_get_child (cache, 0, "u", &version);
      g_variant_get_child (cache, 1, "t", &sum);
      entries = g_variant_get_child_value (cache, 2);
      if (version == CACHE_VERSION && sum == checksum_variant (entries))
        {
          self->loaded = g_variant_ref_sink (g_steal_pointer (&cache));
          for (gsize i = 0; i < g_variant_n_children (entries); i++)
            {
              GVariant   *entry = g_variant_get_child_value (entries, i);
              const char *file = NULL;

              g_variant_get_child (entry, 0, "&s", &file);
              g_hash_table_replace (self->entries, g_strdup (file), entry);
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
  g_clear_pointer (&self->loaded, g_variant_unref);
  g_free (self->path);
  g_free (self);
}

static char *
dup_nullable (GVariant *maybe)
{
  g_autoptr (GVariant) value = g_variant_get_maybe (maybe);

  return value ? g_variant_dup_string (value, NULL) : NULL;
}

static RhPageData *
page_from_variant (GVariant   *variant,
                   const char *file)
{
  g_autoptr (RhPageData)   page = rh_page_data_new ();
  g_autoptr (GVariant)     updated = NULL;
  g_autoptr (GVariant)     summary = NULL;
  g_autoptr (GVariantIter) questions = NULL;
  g_autoptr (GVariantIter) siblings = NULL;
  guint8                   difficulty;
  const char              *id, *q, *a, *title, *path;
  guint8                   question_difficulty;
  gint64                   order;
  gboolean                 has_order;

  g_variant_get (variant, "(ssssss@ms@msxbyba" QUESTION_TYPE "a" SIBLING_TYPE ")",
                 &page->framework, &page->framework_slug, &page->topic, &page->topic_slug,
                 &page->title, &page->path, &updated, &summary,
                 &page->order, &page->has_order, &difficulty, &page->has_difficulty,
                 &questions, &siblings);

  page->updated = dup_nullable (updated);
  page->summary = dup_nullable (summary);
  page->source = g_strdup (file);
  page->difficulty = difficulty;

  while (g_variant_iter_next (questions, "(&sy&s&s)", &id, &question_difficulty, &q, &a))
    g_ptr_array_add (page->questions,
                     _rh_question_new_take (g_strdup (id), question_difficulty, g_strdup (q), g_strdup (a)));

  while (g_variant_iter_next (siblings, "(&s&sxb)", &title, &path, &order, &has_order))
    {
      RhSiblingData sibling = { g_strdup (title), g_strdup (path), order, has_order };

      g_array_append_val (page->siblings, sibling);
    }

  /* The cache is only a copy: a page the loader would refuse means it
   * cannot be trusted, and the file is read afresh. */
  if (!rh_content_reader_check_page (page, NULL, NULL))
    return NULL;

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
 * rh_load_cache_lookup:
 * @file: a content file
 *
 * Safe to call from several threads at once, as long as nothing stores
 * into the cache meanwhile from another.
 *
 * Returns: (transfer full) (element-type RhPageData) (nullable): the
 *   pages @file held when it was cached, if it has not changed since
 */
GPtrArray *
rh_load_cache_lookup (RhLoadCache *self,
                      const char  *file)
{
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GVariant)  page_list = NULL;
  GVariant             *entry;
  FileStamp             stamp;
  gint64                size, mtime;
  guint64               inode;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, file);
  if (entry == NULL || !stamp_file (file, &stamp))
    return NULL;

  g_variant_get_child (entry, 1, "x", &size);
  g_variant_get_child (entry, 2, "x", &mtime);
  g_variant_get_child (entry, 3, "t", &inode);
  if (size != stamp.size || mtime != stamp.mtime || inode != stamp.inode)
    return NULL;

  page_list = g_variant_get_child_value (entry, 4);
  if (g_variant_n_children (page_list) == 0)
    return NULL;

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_page_data_free);
  for (gsize i = 0; i < g_variant_n_children (page_list); i++)
    {
      g_autoptr (GVariant) variant = g_variant_get_child_value (page_list, i);
      RhPageData          *page = page_from_variant (variant, file);

      if (page == NULL)
        return NULL;
      g_ptr_array_add (pages, page);
    }

  return g_steal_pointer (&pages);
}

static GVariant *
page_to_variant (const RhPageData *page)
{
  GVariantBuilder questions;
  GVariantBuilder siblings;

  g_variant_builder_init (&questions, G_VARIANT_TYPE ("a" QUESTION_TYPE));
  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);

      g_variant_builder_add (&questions, QUESTION_TYPE,
                             rh_question_get_id (question),
                             (guint8) rh_question_get_difficulty (question),
                             rh_question_get_question (question),
                             rh_question_get_answer (question));
    }

  g_variant_builder_init (&siblings, G_VARIANT_TYPE ("a" SIBLING_TYPE));
  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      g_variant_builder_add (&siblings, SIBLING_TYPE, sibling->title, sibling->path, sibling->order,
                             sibling->has_order);
    }

  return g_variant_new (PAGE_TYPE,
                        page->framework, page->framework_slug, page->topic, page->topic_slug,
                        page->title, page->path, page->updated, page->summary,
                        page->order, page->has_order, (guint8) page->difficulty, page->has_difficulty,
                        &questions, &siblings);
}

/**
 * rh_load_cache_store:
 * @pages: (element-type RhPageData): what @file held, freshly read
 *
 * Records @pages for @file; call before the pages join the model, which
 * takes their questions.
 */
void
rh_load_cache_store (RhLoadCache *self,
                     const char  *file,
                     GPtrArray   *pages)
{
  GVariantBuilder page_list;
  FileStamp       stamp;

  g_return_if_fail (self != NULL);
  g_return_if_fail (file != NULL);
  g_return_if_fail (pages != NULL);

  g_hash_table_add (self->used, g_strdup (file));
  if (!stamp_file (file, &stamp))
    return;

  g_variant_builder_init (&page_list, G_VARIANT_TYPE ("a" PAGE_TYPE));
  for (guint i = 0; i < pages->len; i++)
    g_variant_builder_add_value (&page_list, page_to_variant (g_ptr_array_index (pages, i)));

  g_hash_table_replace (self->stored, g_strdup (file),
                        g_variant_ref_sink (g_variant_new ("(sxxt@a" PAGE_TYPE ")", file, stamp.size, stamp.mtime,
                                                           stamp.inode, g_variant_builder_end (&page_list))));
  self->dirty = TRUE;
}

gboolean
rh_load_cache_is_dirty (RhLoadCache *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->dirty;
}

/**
 * rh_load_cache_save:
 *
 * Writes the cache atomically, so a crash leaves the old one or the new.
 */
gboolean
rh_load_cache_save (RhLoadCache *self,
                    GError     **error)
{
  g_autoptr (GVariant) cache = NULL;
  g_autoptr (GVariant) list = NULL;
  g_autofree char     *directory = NULL;
  GVariantBuilder      entries;
  GHashTableIter       iter;
  gpointer             key, value;

  g_return_val_if_fail (self != NULL, FALSE);

  g_variant_builder_init (&entries, G_VARIANT_TYPE ("a" ENTRY_TYPE));
  /* Files read afresh replace what was cached; files no longer loaded
   * drop out. */
  g_hash_table_iter_init (&iter, self->stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_variant_builder_add_value (&entries, value);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (self->used, key) && !g_hash_table_contains (self->stored, key))
        g_variant_builder_add_value (&entries, value);
    }

  list = g_variant_ref_sink (g_variant_builder_end (&entries));
  cache = g_variant_ref_sink (g_variant_new ("(ut@a" ENTRY_TYPE ")", CACHE_VERSION, checksum_variant (list), list));

  directory = g_path_get_dirname (self->path);
  g_mkdir_with_parents (directory, 0700);

  if (!g_file_set_contents (self->path, g_variant_get_data (cache), g_variant_get_size (cache), error))
    return FALSE;

  self->dirty = FALSE;

  return TRUE;
}
