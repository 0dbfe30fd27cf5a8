/* rh-payload.c
 *
 * Reads the site's flattened payload (Nuxt's "devalue" form), where every
 * value inside an object or array is an index into one top-level array.
 *
 * The whole reachable graph is checked once, up front and in linear time:
 * every reference, every tag, cycles, depth and how large the payload would
 * grow if decoded as a tree, in values and in bytes of text. After that the page reader can follow
 * references lazily without any further checks, and nothing is ever
 * expanded into a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-content-error.h"
#include "rh-payload.h"

struct _RhPayload
{
  JsonNode  *root;
  JsonArray *entries;
  guint      length;
};

/* Negative references are constants rather than indices. */
enum
{
  CONSTANT_UNDEFINED = -1,
  CONSTANT_HOLE = -2,
  CONSTANT_NAN = -3,
  CONSTANT_POSITIVE_INFINITY = -4,
  CONSTANT_NEGATIVE_INFINITY = -5,
  CONSTANT_NEGATIVE_ZERO = -6,
};

typedef enum
{
  TAG_NONE,
  TAG_WRAPPER,
  TAG_EMPTY,
  TAG_DATE,
  TAG_SET,
  TAG_MAP,
} TagKind;

typedef enum
{
  STATE_UNSEEN,
  STATE_OPEN,
  STATE_DONE,
} VisitState;

typedef struct
{
  guint  index;
  guint  next_child;
  GList *values; /* an object's member values, while it is open */
  GList *cursor;
} Frame;

static TagKind
classify_tag (const char *tag)
{
  if (g_str_equal (tag, "ShallowReactive") || g_str_equal (tag, "Reactive") ||
      g_str_equal (tag, "Ref") || g_str_equal (tag, "ShallowRef"))
    return TAG_WRAPPER;
  if (g_str_equal (tag, "EmptyRef") || g_str_equal (tag, "EmptyShallowRef"))
    return TAG_EMPTY;
  if (g_str_equal (tag, "Date"))
    return TAG_DATE;
  if (g_str_equal (tag, "Set"))
    return TAG_SET;
  if (g_str_equal (tag, "Map"))
    return TAG_MAP;

  return TAG_NONE;
}

/* A tagged entry is an array whose first element is a string. */
static const char *
entry_get_tag (JsonNode *node)
{
  JsonArray *array;
  JsonNode  *first;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return NULL;

  first = json_array_get_element (array, 0);
  if (!JSON_NODE_HOLDS_VALUE (first) || json_node_get_value_type (first) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (first);
}

static gboolean
read_reference (RhPayload *self,
                JsonNode  *node,
                guint      from,
                gint64    *out_reference,
                GError   **error)
{
  gint64 reference;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_BAD_INDEX,
                   _ ("payload index %u: a reference is not an integer index"), from);
      return FALSE;
    }

  reference = json_node_get_int (node);
  if (reference >= (gint64) self->length || reference < CONSTANT_NEGATIVE_ZERO)
    {
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_BAD_INDEX,
                   _ ("payload index %u: reference %lld is out of range (the payload has %u entries)"),
                   from, (long long) reference, self->length);
      return FALSE;
    }

  *out_reference = reference;

  return TRUE;
}

/* Checks the shape of a tagged entry and says where its references start. */
static gboolean
check_tag (guint       index,
           const char *tag,
           JsonArray  *array,
           guint      *out_first_reference,
           GError    **error)
{
  guint length = json_array_get_length (array);

  switch (classify_tag (tag))
    {
    case TAG_WRAPPER:
      if (length == 2)
        {
          *out_first_reference = 1;
          return TRUE;
        }
      break;

    case TAG_EMPTY:
      if (length == 1)
        {
          *out_first_reference = length;
          return TRUE;
        }
      break;

    case TAG_DATE:
      if (length == 2)
        {
          JsonNode *date = json_array_get_element (array, 1);

          if (JSON_NODE_HOLDS_VALUE (date) && json_node_get_value_type (date) == G_TYPE_STRING)
            {
              *out_first_reference = length;
              return TRUE;
            }
        }
      break;

    case TAG_SET:
      *out_first_reference = 1;
      return TRUE;

    case TAG_MAP:
      if (length % 2 == 1)
        {
          *out_first_reference = 1;
          return TRUE;
        }
      break;

    case TAG_NONE:
    default:
      g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNKNOWN_TAG,
                   _ ("payload index %u: unsupported tag “%s”"), index, tag);
      return FALSE;
    }

  g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE,
               _ ("payload index %u: malformed “%s” entry"), index, tag);
  return FALSE;
}

/* Iterative depth-first walk over the reachable entries. Each entry's
 * decoded size and depth are memoised, so the walk is linear in the
 * payload even where shared references would expand exponentially.
 */
static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->values, g_list_free);
}

/* The next reference an open entry holds: object member values, array
 * elements, or a tag's arguments. Literals hold none.
 */
static JsonNode *
frame_next_child (Frame    *frame,
                  JsonNode *node,
                  guint     first_reference)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *child;

      if (frame->next_child == 0)
        frame->cursor = frame->values = json_object_get_values (json_node_get_object (node));
      if (frame->cursor == NULL)
        return NULL;
      child = frame->cursor->data;
      frame->cursor = frame->cursor->next;
      frame->next_child++;
      return child;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint      position = first_reference + frame->next_child;

      if (position >= json_array_get_length (array))
        return NULL;
      frame->next_child++;
      return json_array_get_element (array, position);
    }

  return NULL;
}

/* What the walk keeps of each entry: how many values and how many bytes
 * of text it would decode to, and how deep. */
typedef struct
{
  guint64 *sizes;
  guint64 *texts;
  guint8  *depths;
  guint64  size_limit;
  guint64  text_limit;
} Measure;

static void
fold_child (Measure *measure,
            guint    parent,
            guint64  child_size,
            guint64  child_text,
            guint    child_depth)
{
  measure->sizes[parent] = MIN (measure->sizes[parent] + child_size, measure->size_limit + 1);
  measure->texts[parent] = MIN (measure->texts[parent] + child_text, measure->text_limit + 1);
  measure->depths[parent] = MAX (measure->depths[parent], MIN (child_depth + 1, 255));
}

static gsize
string_length (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return strlen (json_node_get_string (node));

  return 0;
}

/* The text an entry holds itself: a string, or a date's (in an entry
 * that may not have been checked yet). */
static gsize
entry_text (JsonNode   *node,
            const char *tag)
{
  if (tag != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      if (classify_tag (tag) == TAG_DATE && json_array_get_length (array) == 2)
        return string_length (json_array_get_element (array, 1));
      return 0;
    }

  return string_length (node);
}

/* Iterative depth-first walk over the reachable entries. Each entry's
 * decoded size and depth are memoised, so the walk is linear in the
 * payload even where shared references would expand exponentially.
 */
static gboolean
check_graph (RhPayload *self,
             GError   **error)
{
  g_autofree guint8  *state = g_new0 (guint8, self->length);
  g_autofree guint64 *sizes = g_new0 (guint64, self->length);
  g_autofree guint64 *texts = g_new0 (guint64, self->length);
  g_autofree guint8  *depths = g_new0 (guint8, self->length);
  g_autofree guint   *first_references = g_new0 (guint, self->length);
  g_autoptr (GArray)  stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  Measure             measure = { sizes, texts, depths, 0, 0 };
  guint64             total_text = 0;
  Frame               root = {
                  0,
  };

  /* Text counts apart from values: one value can be megabytes, and the
   * page reader copies every string it reads. */
  for (guint i = 0; i < self->length; i++)
    {
      JsonNode *node = json_array_get_element (self->entries, i);

      total_text += entry_text (node, entry_get_tag (node));
    }
  measure.size_limit = (guint64) self->length * RH_CONTENT_EXPANSION_RATIO + RH_CONTENT_EXPANSION_SLACK;
  measure.text_limit = total_text * RH_CONTENT_TEXT_EXPANSION_RATIO + RH_CONTENT_TEXT_EXPANSION_SLACK;

  g_array_set_clear_func (stack, frame_clear);
  g_array_append_val (stack, root);
  state[0] = STATE_OPEN;

  while (stack->len > 0)
    {
      Frame    *frame = &g_array_index (stack, Frame, stack->len - 1);
      guint     index = frame->index;
      JsonNode *node = json_array_get_element (self->entries, index);
      JsonNode *child_node;
      gint64    child;

      if (frame->next_child == 0 && frame->values == NULL)
        {
          const char *tag = entry_get_tag (node);

          sizes[index] = 1;
          depths[index] = 1;
          if (tag != NULL && !check_tag (index, tag, json_node_get_array (node), &first_references[index], error))
            return FALSE;
          texts[index] = entry_text (node, tag);
        }

      child_node = frame_next_child (frame, node, first_references[index]);

      if (child_node == NULL)
        {
          if (depths[index] > RH_CONTENT_MAX_DEPTH)
            {
              g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_DEEP,
                           _ ("payload index %u: nesting is deeper than %u levels"),
                           index, (guint) RH_CONTENT_MAX_DEPTH);
              return FALSE;
            }

          if (sizes[index] > measure.size_limit)
            {
              g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EXPANSION,
                           _ ("payload index %u: shared references would expand to more than %llu values"),
                           index, (unsigned long long) measure.size_limit);
              return FALSE;
            }

          if (texts[index] > measure.text_limit)
            {
              g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EXPANSION,
                           _ ("payload index %u: shared references would expand to more than %llu bytes of text"),
                           index, (unsigned long long) measure.text_limit);
              return FALSE;
            }

          state[index] = STATE_DONE;
          g_array_set_size (stack, stack->len - 1);

          if (stack->len > 0)
            fold_child (&measure, g_array_index (stack, Frame, stack->len - 1).index,
                        sizes[index], texts[index], depths[index]);
          continue;
        }

      if (!read_reference (self, child_node, index, &child, error))
        return FALSE;

      if (child < 0)
        {
          fold_child (&measure, index, 1, 0, 1);
          continue;
        }

      if (state[child] == STATE_OPEN)
        {
          g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_CYCLE,
                       _ ("payload index %u: reference to index %lld makes a cycle"),
                       index, (long long) child);
          return FALSE;
        }

      if (state[child] == STATE_DONE)
        {
          fold_child (&measure, index, sizes[child], texts[child], depths[child]);
          continue;
        }

      if (stack->len >= RH_CONTENT_MAX_DEPTH)
        {
          g_set_error (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_TOO_DEEP,
                       _ ("payload index %lld: nesting is deeper than %u levels"),
                       (long long) child, (guint) RH_CONTENT_MAX_DEPTH);
          return FALSE;
        }

      {
        Frame child_frame = { (guint) child, 0, NULL, NULL };

        state[child] = STATE_OPEN;
        g_array_append_val (stack, child_frame);
      }
    }

  return TRUE;
}

/**
 * rh_payload_new:
 * @root: the parsed file, which must be a JSON array
 *
 * Returns: (transfer full) (nullable): the payload, or %NULL with @error
 *   set when any reachable part of it is malformed
 */
RhPayload *
rh_payload_new (JsonNode *root,
                GError  **error)
{
  g_autoptr (RhPayload) self = NULL;
  JsonNode             *first;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (JSON_NODE_HOLDS_ARRAY (root), NULL);

  self = g_new0 (RhPayload, 1);
  self->root = json_node_ref (root);
  self->entries = json_node_get_array (root);
  self->length = json_array_get_length (self->entries);

  if (self->length == 0)
    {
      g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_EMPTY,
                           _ ("the payload array is empty"));
      return NULL;
    }

  first = json_array_get_element (self->entries, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    {
      g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_WRONG_TYPE,
                           _ ("payload index 0: the root entry is not an object"));
      return NULL;
    }

  if (!check_graph (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
rh_payload_free (RhPayload *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->root, json_node_unref);
  g_free (self);
}

guint
rh_payload_get_length (RhPayload *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

static void
resolve_index (RhPayload      *self,
               gint64          index,
               RhPayloadValue *out_value)
{
  /* The graph check has ruled out cycles, so this ends. */
  for (;;)
    {
      JsonNode   *node;
      const char *tag;

      out_value->index = index;
      out_value->node = NULL;

      switch (index)
        {
        case CONSTANT_UNDEFINED:
        case CONSTANT_HOLE:
          out_value->kind = RH_PAYLOAD_ABSENT;
          return;
        case CONSTANT_NAN:
        case CONSTANT_POSITIVE_INFINITY:
        case CONSTANT_NEGATIVE_INFINITY:
        case CONSTANT_NEGATIVE_ZERO:
          out_value->kind = RH_PAYLOAD_NUMBER;
          return;
        default:
          break;
        }

      node = json_array_get_element (self->entries, index);
      out_value->node = node;

      if (JSON_NODE_HOLDS_NULL (node))
        {
          out_value->kind = RH_PAYLOAD_NULL;
          return;
        }

      tag = entry_get_tag (node);
      if (tag == NULL)
        {
          out_value->kind = RH_PAYLOAD_VALUE;
          return;
        }

      switch (classify_tag (tag))
        {
        case TAG_WRAPPER:
          index = json_array_get_int_element (json_node_get_array (node), 1);
          break;
        case TAG_EMPTY:
          out_value->kind = RH_PAYLOAD_NULL;
          return;
        case TAG_DATE:
          out_value->kind = RH_PAYLOAD_DATE;
          out_value->node = json_array_get_element (json_node_get_array (node), 1);
          return;
        case TAG_SET:
          out_value->kind = RH_PAYLOAD_SET;
          return;
        case TAG_MAP:
          out_value->kind = RH_PAYLOAD_MAP;
          return;
        case TAG_NONE:
        default:
          g_assert_not_reached ();
        }
    }
}

gboolean
rh_payload_get_root (RhPayload      *self,
                     RhPayloadValue *out_value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  resolve_index (self, 0, out_value);

  return TRUE;
}

/**
 * rh_payload_resolve:
 * @reference: a reference node found inside an entry
 *
 * Follows @reference, through any of Vue's reactivity wrappers, to the
 * value it stands for. Only valid on references the graph check has seen.
 */
void
rh_payload_resolve (RhPayload      *self,
                    JsonNode       *reference,
                    RhPayloadValue *out_value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (reference != NULL);
  g_return_if_fail (out_value != NULL);

  resolve_index (self, json_node_get_int (reference), out_value);
}
