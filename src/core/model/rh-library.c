/* rh-library.c
 *
 * The root of the content model: frameworks, merged by slug from pages
 * that may come from many files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-content-dirs.h"
#include "rh-framework-private.h"
#include "rh-library.h"
#include "rh-subtopic-private.h"
#include "rh-topic-private.h"

struct _RhLibrary
{
  RhSortedList parent_instance;

  GHashTable *frameworks_by_slug;
  GHashTable *subtopics_by_path;
  char       *bundled_directory;
  GVariant   *last_siblings; /* the sibling list last added, from the cache */
  RhTopic    *last_siblings_topic; /* unowned: only compared */
  guint       n_questions;
};

G_DEFINE_FINAL_TYPE (RhLibrary, rh_library, RH_TYPE_SORTED_LIST)

enum
{
  PROP_0,
  PROP_N_QUESTIONS,
  PROP_N_SUBTOPICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint count_questions (RhLibrary *self);

static void
rh_library_finalize (GObject *object)
{
  RhLibrary *self = (RhLibrary *) object;

  g_clear_pointer (&self->subtopics_by_path, g_hash_table_unref);
  g_clear_pointer (&self->frameworks_by_slug, g_hash_table_unref);
  g_clear_pointer (&self->bundled_directory, g_free);
  g_clear_pointer (&self->last_siblings, g_variant_unref);

  G_OBJECT_CLASS (rh_library_parent_class)->finalize (object);
}

static void
rh_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RhLibrary *self = RH_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_N_QUESTIONS:
      g_value_set_uint (value, count_questions (self));
      break;

    case PROP_N_SUBTOPICS:
      g_value_set_uint (value, g_hash_table_size (self->subtopics_by_path));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_library_class_init (RhLibraryClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  RhSortedListClass *list_class = RH_SORTED_LIST_CLASS (klass);
  const GParamFlags  flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_library_finalize;
  object_class->get_property = rh_library_get_property;

  properties[PROP_N_QUESTIONS] = g_param_spec_uint ("n-questions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SUBTOPICS] = g_param_spec_uint ("n-subtopics", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  list_class->item_type = RH_TYPE_FRAMEWORK;
  list_class->compare = _rh_framework_compare;
}

static void
rh_library_init (RhLibrary *self)
{
  g_autofree char *bundled = rh_content_dirs_get_bundled ();

  self->bundled_directory = g_canonicalize_filename (bundled, NULL);
  self->frameworks_by_slug = g_hash_table_new (g_str_hash, g_str_equal);
  self->subtopics_by_path = g_hash_table_new (g_str_hash, g_str_equal);
}

RhLibrary *
rh_library_new (void)
{
  return g_object_new (RH_TYPE_LIBRARY, NULL);
}

static RhFramework *
ensure_framework (RhLibrary  *self,
                  const char *slug,
                  const char *title)
{
  RhFramework            *framework = g_hash_table_lookup (self->frameworks_by_slug, slug);
  g_autoptr (RhFramework) created = NULL;

  if (framework != NULL)
    return framework;

  created = _rh_framework_new (slug, title);
  g_hash_table_insert (self->frameworks_by_slug, (gpointer) rh_framework_get_slug (created), created);
  rh_sorted_list_insert (RH_SORTED_LIST (self), created);

  /* The library holds it now. */
  return created;
}

static void
add_sibling (RhLibrary           *self,
             RhTopic             *topic,
             const RhSiblingData *sibling)
{
  RhSubtopic *subtopic = g_hash_table_lookup (self->subtopics_by_path, sibling->path);

  if (subtopic == NULL)
    {
      g_autoptr (RhSubtopic) created = _rh_subtopic_new (sibling->path, sibling->title,
                                                         sibling->order, sibling->has_order);

      g_hash_table_insert (self->subtopics_by_path, (gpointer) rh_subtopic_get_path (created), created);
      rh_sorted_list_insert (RH_SORTED_LIST (topic), created);
      return;
    }

  if (rh_subtopic_get_available (subtopic))
    return;

  _rh_subtopic_set_sibling_info (subtopic, sibling);
  rh_sorted_list_reposition (RH_SORTED_LIST (topic), subtopic);
}

static gboolean
same_bytes (GVariant *a,
            GVariant *b)
{
  gsize         size = g_variant_get_size (a);
  gconstpointer data = g_variant_get_data (a);

  /* The pages of a topic share one list in the load cache. */
  return size == g_variant_get_size (b) &&
         (data == g_variant_get_data (b) || memcmp (data, g_variant_get_data (b), size) == 0);
}

/* The pages of a topic all list the same siblings, the whole topic: a
 * library of 12,500 pages would read 300,000 entries. Reading the same
 * list again, right after the page before read it into the same topic,
 * changes nothing: every entry is then either a page that is loaded or
 * one the list itself put there, the page before included, since it is
 * loaded. So it is read once. */
static void
add_sibling_data (RhLibrary  *self,
                  RhTopic    *topic,
                  RhPageData *page)
{
  GVariantIter  iter;
  RhSiblingData sibling;

  if (self->last_siblings != NULL && self->last_siblings_topic == topic &&
      same_bytes (self->last_siblings, page->sibling_data))
    return;

  g_variant_iter_init (&iter, page->sibling_data);
  while (g_variant_iter_next (&iter, "(&s&sxb)", &sibling.title, &sibling.path, &sibling.order, &sibling.has_order))
    {
      if (!g_str_equal (sibling.path, page->path))
        add_sibling (self, topic, &sibling);
    }

  g_clear_pointer (&self->last_siblings, g_variant_unref);
  self->last_siblings = g_variant_ref (page->sibling_data);
  self->last_siblings_topic = topic;
}

static gboolean
is_bundled (RhLibrary  *self,
            const char *source)
{
  g_autofree char *canonical = NULL;
  gsize            length = strlen (self->bundled_directory);

  if (source == NULL)
    return FALSE;

  canonical = g_canonicalize_filename (source, NULL);

  return strncmp (canonical, self->bundled_directory, length) == 0 && canonical[length] == G_DIR_SEPARATOR;
}

/* Every file's copy of a page joins the same subtopic, which shows the
 * union of their questions. */
static gboolean
add_page (RhLibrary  *self,
          RhPageData *page)
{
  RhFramework *framework;
  RhTopic     *topic;
  RhSubtopic  *subtopic;
  guint        old_n;
  gboolean     visible;

  framework = ensure_framework (self, page->framework_slug, page->framework);
  topic = _rh_framework_ensure_topic (framework, page->topic_slug, page->topic);
  subtopic = g_hash_table_lookup (self->subtopics_by_path, page->path);

  if (subtopic == NULL)
    {
      g_autoptr (RhSubtopic) created = _rh_subtopic_new (page->path, page->title,
                                                         page->order, page->has_order);

      g_hash_table_insert (self->subtopics_by_path, (gpointer) rh_subtopic_get_path (created), created);
      rh_sorted_list_insert (RH_SORTED_LIST (topic), created);
      subtopic = created;
    }

  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      if (!g_str_equal (sibling->path, page->path))
        add_sibling (self, topic, sibling);
    }
  if (page->siblings->len > 0)
    g_clear_pointer (&self->last_siblings, g_variant_unref);

  if (page->sibling_data != NULL)
    add_sibling_data (self, topic, page);

  old_n = rh_subtopic_get_n_questions (subtopic);
  visible = _rh_subtopic_add_page (subtopic, page, is_bundled (self, page->source));
  rh_sorted_list_reposition (RH_SORTED_LIST (topic), subtopic);
  self->n_questions = self->n_questions - old_n + rh_subtopic_get_n_questions (subtopic);

  return visible;
}

/**
 * rh_library_add_pages:
 * @pages: (element-type RhPageData): pages read from content; their
 *   questions move into the model
 *
 * Returns: how many of the pages show something: their title and
 *   description, or at least one question that no better copy hides
 */
guint
rh_library_add_pages (RhLibrary *self,
                      GPtrArray *pages)
{
  guint old_n_questions;
  guint old_n_subtopics;
  guint n_added = 0;

  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);
  g_return_val_if_fail (pages != NULL, 0);

  old_n_questions = self->n_questions;
  old_n_subtopics = g_hash_table_size (self->subtopics_by_path);

  for (guint i = 0; i < pages->len; i++)
    n_added += add_page (self, g_ptr_array_index (pages, i));

  if (old_n_questions != self->n_questions)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
  if (old_n_subtopics != g_hash_table_size (self->subtopics_by_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBTOPICS]);

  return n_added;
}

/**
 * rh_library_lookup_framework:
 *
 * Returns: (transfer none) (nullable): the framework with @slug
 */
RhFramework *
rh_library_lookup_framework (RhLibrary  *self,
                             const char *slug)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  return g_hash_table_lookup (self->frameworks_by_slug, slug);
}

/**
 * rh_library_lookup_subtopic:
 *
 * Returns: (transfer none) (nullable): the subtopic at @path, loaded or
 *   known only as a sibling
 */
RhSubtopic *
rh_library_lookup_subtopic (RhLibrary  *self,
                            const char *path)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_hash_table_lookup (self->subtopics_by_path, path);
}

/**
 * rh_library_lookup_question:
 *
 * Returns: (transfer none) (nullable): the question @id on the page @path
 */
RhQuestion *
rh_library_lookup_question (RhLibrary  *self,
                            const char *path,
                            const char *id)
{
  RhSubtopic *subtopic;

  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  subtopic = g_hash_table_lookup (self->subtopics_by_path, path);

  return subtopic != NULL ? rh_subtopic_lookup_question (subtopic, id) : NULL;
}

/* Counted afresh: a page whose copy in the load cache turns out damaged
 * when it is first opened is read from its file, and may hold another
 * number of questions than the cache said. */
static guint
count_questions (RhLibrary *self)
{
  GHashTableIter iter;
  gpointer       value;
  guint          n = 0;

  g_hash_table_iter_init (&iter, self->subtopics_by_path);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += rh_subtopic_get_n_questions (value);

  return n;
}

guint
rh_library_get_n_questions (RhLibrary *self)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);

  return count_questions (self);
}

guint
rh_library_get_n_subtopics (RhLibrary *self)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);

  return g_hash_table_size (self->subtopics_by_path);
}

/**
 * rh_library_get_first_available:
 *
 * Returns: (transfer none) (nullable): the first page, in sidebar order,
 *   that can be opened
 */
RhSubtopic *
rh_library_get_first_available (RhLibrary *self)
{
  g_return_val_if_fail (RH_IS_LIBRARY (self), NULL);

  for (guint i = 0; i < rh_sorted_list_get_length (RH_SORTED_LIST (self)); i++)
    {
      GListModel *framework = rh_sorted_list_peek (RH_SORTED_LIST (self), i);

      for (guint j = 0; j < g_list_model_get_n_items (framework); j++)
        {
          g_autoptr (GListModel) topic = g_list_model_get_item (framework, j);

          for (guint k = 0; k < g_list_model_get_n_items (topic); k++)
            {
              g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (topic, k);

              if (rh_subtopic_get_available (subtopic))
                return subtopic;
            }
        }
    }

  return NULL;
}

static gboolean
topic_has_available (RhTopic *topic)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (topic)); i++)
    {
      g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), i);

      if (rh_subtopic_get_available (subtopic))
        return TRUE;
    }

  return FALSE;
}

static void
remove_subtopic (RhLibrary  *self,
                 RhSubtopic *subtopic)
{
  RhTopic *topic = rh_subtopic_get_topic (subtopic);

  g_hash_table_remove (self->subtopics_by_path, rh_subtopic_get_path (subtopic));
  if (topic != NULL)
    rh_sorted_list_remove (RH_SORTED_LIST (topic), subtopic);
}

/* A topic with no page left to read goes, and a framework with no topic. */
static void
prune_topic (RhLibrary *self,
             RhTopic   *topic)
{
  g_autoptr (RhTopic) hold = g_object_ref (topic);
  RhFramework        *framework = rh_topic_get_framework (topic);

  if (topic_has_available (topic))
    return;

  while (g_list_model_get_n_items (G_LIST_MODEL (topic)) > 0)
    {
      g_autoptr (RhSubtopic) subtopic = g_list_model_get_item (G_LIST_MODEL (topic), 0);

      remove_subtopic (self, subtopic);
    }

  if (framework == NULL)
    return;

  _rh_framework_remove_topic (framework, topic);
  if (g_list_model_get_n_items (G_LIST_MODEL (framework)) == 0)
    {
      g_hash_table_remove (self->frameworks_by_slug, rh_framework_get_slug (framework));
      rh_sorted_list_remove (RH_SORTED_LIST (self), framework);
    }
}

/**
 * rh_library_remove_source:
 * @source: a file the library loaded pages from
 *
 * Takes the copies of pages that @source held out of the library. A page
 * that other files also hold keeps their questions; one left with no copy
 * stays in its topic as known but not available, as the site's sibling
 * lists would have it; a topic left with nothing to read goes.
 *
 * Returns: how many pages @source held
 */
guint
rh_library_remove_source (RhLibrary  *self,
                          const char *source)
{
  g_autoptr (GPtrArray) pages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter        iter;
  gpointer              value;
  guint                 old_n_subtopics;

  g_return_val_if_fail (RH_IS_LIBRARY (self), 0);
  g_return_val_if_fail (source != NULL, 0);

  g_clear_pointer (&self->last_siblings, g_variant_unref);
  g_hash_table_iter_init (&iter, self->subtopics_by_path);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (_rh_subtopic_count_source (value, source, NULL))
        g_ptr_array_add (pages, g_object_ref (value));
    }

  old_n_subtopics = g_hash_table_size (self->subtopics_by_path);

  for (guint i = 0; i < pages->len; i++)
    {
      RhSubtopic *subtopic = g_ptr_array_index (pages, i);
      RhTopic    *topic = rh_subtopic_get_topic (subtopic);
      guint       old_n = rh_subtopic_get_n_questions (subtopic);

      _rh_subtopic_remove_source (subtopic, source);
      self->n_questions = self->n_questions - old_n + rh_subtopic_get_n_questions (subtopic);
      if (topic != NULL)
        {
          rh_sorted_list_reposition (RH_SORTED_LIST (topic), subtopic);
          if (!g_ptr_array_find (topics, topic, NULL))
            g_ptr_array_add (topics, g_object_ref (topic));
        }
    }

  for (guint i = 0; i < topics->len; i++)
    prune_topic (self, g_ptr_array_index (topics, i));

  if (pages->len > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
  if (old_n_subtopics != g_hash_table_size (self->subtopics_by_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBTOPICS]);

  return pages->len;
}

/**
 * rh_library_count_source:
 *
 * Counts the pages, and their questions, that @source holds.
 */
void
rh_library_count_source (RhLibrary  *self,
                         const char *source,
                         guint      *out_n_pages,
                         guint      *out_n_questions)
{
  GHashTableIter iter;
  gpointer       value;
  guint          n_pages = 0;
  guint          n_questions = 0;

  g_return_if_fail (RH_IS_LIBRARY (self));
  g_return_if_fail (source != NULL);

  g_hash_table_iter_init (&iter, self->subtopics_by_path);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint n;

      if (_rh_subtopic_count_source (value, source, &n))
        {
          n_pages++;
          n_questions += n;
        }
    }

  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  if (out_n_questions != NULL)
    *out_n_questions = n_questions;
}
