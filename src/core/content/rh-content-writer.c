/* rh-content-writer.c
 *
 * Writes pages back out: as plain page objects, as a pack, or in the
 * site's own flattened payload form, so that content round-trips and
 * test libraries look exactly like what the site serves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-writer.h"
#include "rh-question.h"

static void
add_string_member (JsonObject *object,
                   const char *name,
                   const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

static JsonNode *
sibling_to_json (const RhSiblingData *sibling)
{
  JsonObject *object = json_object_new ();
  JsonNode   *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "subtopic", sibling->title);
  json_object_set_string_member (object, "path", sibling->path);
  if (sibling->has_order)
    json_object_set_int_member (object, "order", sibling->order);
  json_node_take_object (node, object);

  return node;
}

static JsonNode *
siblings_to_json (const RhPageData *page)
{
  JsonArray *array = json_array_new ();
  JsonNode  *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < page->siblings->len; i++)
    json_array_add_element (array, sibling_to_json (&g_array_index (page->siblings, RhSiblingData, i)));
  json_node_take_array (node, array);

  return node;
}

/**
 * rh_content_writer_page_to_json:
 *
 * Returns: (transfer full): @page as the site writes a page object,
 *   with its siblings beside the questions as a pack holds them
 */
JsonNode *
rh_content_writer_page_to_json (const RhPageData *page)
{
  JsonObject *object;
  JsonArray  *questions;
  JsonNode   *node;

  g_return_val_if_fail (page != NULL, NULL);

  object = json_object_new ();
  add_string_member (object, "framework", page->framework);
  add_string_member (object, "frameworkSlug", page->framework_slug);
  add_string_member (object, "topic", page->topic);
  add_string_member (object, "topicSlug", page->topic_slug);
  add_string_member (object, "subtopic", page->title);
  add_string_member (object, "title", page->title);
  add_string_member (object, "path", page->path);
  if (page->has_order)
    json_object_set_int_member (object, "order", page->order);
  if (page->has_difficulty)
    json_object_set_string_member (object, "difficulty", rh_difficulty_to_string (page->difficulty));
  add_string_member (object, "updated", page->updated);
  add_string_member (object, "seoDescription", page->summary);

  questions = json_array_new ();
  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);
      JsonObject *q = json_object_new ();

      json_object_set_string_member (q, "id", rh_question_get_id (question));
      json_object_set_string_member (q, "difficulty", rh_difficulty_to_string (rh_question_get_difficulty (question)));
      json_object_set_string_member (q, "q", rh_question_get_question (question));
      json_object_set_string_member (q, "a", rh_question_get_answer (question));
      json_array_add_object_element (questions, q);
    }
  json_object_set_array_member (object, "questions", questions);

  if (page->siblings->len > 0)
    json_object_set_member (object, "siblings", siblings_to_json (page));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);

  return node;
}

static char *
to_text (JsonNode *root,
         gsize    *out_length)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, out_length);
}

/**
 * rh_content_writer_pack:
 * @pages: (element-type RhPageData)
 *
 * Returns: (transfer full): a rehearse-pack holding @pages
 */
char *
rh_content_writer_pack (GPtrArray  *pages,
                        const char *title,
                        gsize      *out_length)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject          *object = json_object_new ();
  JsonArray           *array = json_array_new ();

  g_return_val_if_fail (pages != NULL, NULL);

  json_object_set_string_member (object, "format", "rehearse-pack");
  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "title", title ? title : "");
  for (guint i = 0; i < pages->len; i++)
    json_array_add_element (array, rh_content_writer_page_to_json (g_ptr_array_index (pages, i)));
  json_object_set_array_member (object, "pages", array);
  json_node_take_object (root, object);

  return to_text (root, out_length);
}

typedef struct
{
  GPtrArray  *entries; /* JsonNode, filled in as each entry completes */
  GHashTable *literals; /* literal key → index */
} Flattener;

static char *
literal_key (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("n");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strconcat ("s", json_node_get_string (node), NULL);
    case G_TYPE_INT64:
      return g_strdup_printf ("i%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "t" : "f");
    default:
      return g_strdup_printf ("d%.17g", json_node_get_double (node));
    }
}

/* Like the site, literals are stored once and shared by every
 * reference; containers get an entry each, the parent before its
 * children, so the root lands at index 0.
 */
static gint64
flatten_value (Flattener *flattener,
               JsonNode  *value)
{
  gint64 index;

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject       *source = json_node_get_object (value);
      g_autoptr (GList) names = json_object_get_members (source);
      JsonObject       *object = json_object_new ();

      index = flattener->entries->len;
      g_ptr_array_add (flattener->entries, NULL);

      for (const GList *l = names; l != NULL; l = l->next)
        json_object_set_int_member (object, l->data,
                                    flatten_value (flattener, json_object_get_member (source, l->data)));

      g_ptr_array_index (flattener->entries, index) = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
    }
  else if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *source = json_node_get_array (value);
      JsonArray *array = json_array_new ();

      index = flattener->entries->len;
      g_ptr_array_add (flattener->entries, NULL);

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_int_element (array, flatten_value (flattener, json_array_get_element (source, i)));

      g_ptr_array_index (flattener->entries, index) = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
    }
  else
    {
      g_autofree char *key = literal_key (value);
      gpointer         existing;

      if (g_hash_table_lookup_extended (flattener->literals, key, NULL, &existing))
        return GPOINTER_TO_SIZE (existing);

      index = flattener->entries->len;
      g_ptr_array_add (flattener->entries, json_node_copy (value));
      g_hash_table_insert (flattener->literals, g_steal_pointer (&key), GSIZE_TO_POINTER (index));
    }

  return index;
}

/**
 * rh_content_writer_flatten:
 * @value: a JSON tree
 *
 * Returns: (transfer full): @value in the site's flattened form
 */
JsonNode *
rh_content_writer_flatten (JsonNode *value)
{
  g_autoptr (GHashTable) literals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray)  entries = g_ptr_array_new ();
  Flattener              flattener = { entries, literals };
  g_autoptr (JsonArray)  array = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  flatten_value (&flattener, value);

  array = json_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, g_ptr_array_index (entries, i));

  /* The node takes a reference of its own. */
  return json_node_init_array (json_node_alloc (), array);
}

/* The site wraps its data in Vue's ShallowReactive; a flattened tree
 * cannot say that, so the wrapper goes in after flattening.
 */
static void
wrap_data_shallow_reactive (JsonNode *flat)
{
  JsonArray  *entries = json_node_get_array (flat);
  JsonObject *root = json_array_get_object_element (entries, 0);
  gint64      data = json_object_get_int_member (root, "data");
  JsonArray  *wrapper = json_array_new ();

  json_array_add_string_element (wrapper, "ShallowReactive");
  json_array_add_int_element (wrapper, data);
  json_array_add_array_element (entries, wrapper);
  json_object_set_int_member (root, "data", json_array_get_length (entries) - 1);
}

/**
 * rh_content_writer_payload:
 * @pages: (element-type RhPageData)
 *
 * Returns: (transfer full): @pages as one site payload
 */
char *
rh_content_writer_payload (GPtrArray *pages,
                           gsize     *out_length)
{
  g_autoptr (JsonNode) tree = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) flat = NULL;
  JsonObject          *root = json_object_new ();
  JsonObject          *data = json_object_new ();

  g_return_val_if_fail (pages != NULL, NULL);

  for (guint i = 0; i < pages->len; i++)
    {
      const RhPageData *page = g_ptr_array_index (pages, i);
      g_autofree char  *key = g_strconcat ("qa-", page->path, NULL);
      JsonObject       *entry = json_object_new ();
      JsonNode         *page_node = rh_content_writer_page_to_json (page);

      /* In the site's form siblings sit beside the page, not inside. */
      json_object_remove_member (json_node_get_object (page_node), "siblings");
      json_object_set_member (entry, "page", page_node);
      json_object_set_member (entry, "siblings", siblings_to_json (page));
      json_object_set_null_member (entry, "blog");
      json_object_set_object_member (data, key, entry);
    }

  json_object_set_object_member (root, "data", data);
  json_object_set_int_member (root, "prerenderedAt", 1777777777777);
  json_node_take_object (tree, root);

  flat = rh_content_writer_flatten (tree);
  wrap_data_shallow_reactive (flat);

  return to_text (flat, out_length);
}
