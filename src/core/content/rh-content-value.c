/* rh-content-value.c
 *
 * The values the content reader walks, whichever form a file has: plain
 * JSON, or the site's payload, where a member holds the index of its
 * value. Absent and null read alike, the JSON path to a value is kept on
 * the stack and only written out in an error, and members are read with
 * their type checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-content-error.h"
#include "rh-content-value.h"
#include "rh-json-guard.h"

static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;

  for (const char *p = name; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static void
append_place (GString              *text,
              const RhContentPlace *place)
{
  if (place == NULL)
    return;

  append_place (text, place->parent);

  if (place->member == NULL)
    g_string_append_printf (text, "[%u]", place->element);
  else if (is_identifier (place->member))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "." : "", place->member);
  else
    {
      g_autofree char *quoted = g_strescape (place->member, NULL);

      g_string_append_printf (text, "[\"%s\"]", quoted);
    }
}

static gint64
place_get_index (const RhContentPlace *place)
{
  for (; place != NULL; place = place->parent)
    {
      if (place->index >= 0)
        return place->index;
    }

  return -1;
}

G_GNUC_PRINTF (4, 5)
gboolean
rh_content_value_fail (RhContentValueReader *reader,
                       const RhContentPlace *place,
                       int                   code,
                       const char           *format,
                       ...)
{
  g_autoptr (GString) where = g_string_new (NULL);
  g_autofree char    *message = NULL;
  va_list             args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  append_place (where, place);

  if (reader->payload != NULL)
    {
      gint64           index = place_get_index (place);
      g_autofree char *path = where->len > 0 ? g_strdup (where->str) : g_strdup (_ ("root"));

      g_string_printf (where, _ ("payload index %lld (%s)"), (long long) MAX (index, 0), path);
    }
  else if (where->len == 0)
    g_string_assign (where, _ ("root"));

  g_set_error (reader->error, RH_CONTENT_ERROR, code, "%s: %s", where->str, message);

  return FALSE;
}

/* A required member that @place names is absent. */
gboolean
rh_content_value_fail_missing (RhContentValueReader *reader,
                               const RhContentPlace *place)
{
  return rh_content_value_fail (reader, place, RH_CONTENT_ERROR_MISSING_FIELD,
                                _ ("required field “%s” is missing"), place->member);
}

const char *
rh_content_value_describe (const RhContentValue *value)
{
  switch (value->kind)
    {
    case RH_PAYLOAD_ABSENT:
      return _ ("nothing");
    case RH_PAYLOAD_NULL:
      return _ ("null");
    case RH_PAYLOAD_NUMBER:
      return _ ("a non-finite number");
    case RH_PAYLOAD_DATE:
      return _ ("a date");
    case RH_PAYLOAD_SET:
      return _ ("a set");
    case RH_PAYLOAD_MAP:
      return _ ("a map");
    case RH_PAYLOAD_VALUE:
    default:
      break;
    }

  return rh_json_guard_describe (value->node);
}

void
rh_content_value_from_node (RhContentValueReader *reader,
                            JsonNode             *node,
                            RhContentValue       *out)
{
  if (reader->payload != NULL)
    {
      rh_payload_resolve (reader->payload, node, out);
      return;
    }

  out->index = -1;
  out->node = node;
  if (node == NULL)
    out->kind = RH_PAYLOAD_ABSENT;
  else if (JSON_NODE_HOLDS_NULL (node))
    out->kind = RH_PAYLOAD_NULL;
  else
    out->kind = RH_PAYLOAD_VALUE;
}

gboolean
rh_content_value_is_object (const RhContentValue *value)
{
  return value->kind == RH_PAYLOAD_VALUE && JSON_NODE_HOLDS_OBJECT (value->node);
}

static gboolean
is_array (const RhContentValue *value)
{
  return value->kind == RH_PAYLOAD_VALUE && JSON_NODE_HOLDS_ARRAY (value->node);
}

static gboolean
is_string (const RhContentValue *value)
{
  return (value->kind == RH_PAYLOAD_VALUE || value->kind == RH_PAYLOAD_DATE) &&
         JSON_NODE_HOLDS_VALUE (value->node) &&
         json_node_get_value_type (value->node) == G_TYPE_STRING;
}

gboolean
rh_content_value_is_absent (const RhContentValue *value)
{
  return value->kind == RH_PAYLOAD_ABSENT || value->kind == RH_PAYLOAD_NULL;
}

/* Looks a member up; absent and null members both read as absent, which
 * is how the site writes optional fields.
 */
void
rh_content_value_get_member (RhContentValueReader *reader,
                             const RhContentValue *object,
                             const char           *name,
                             RhContentValue       *out)
{
  JsonNode *node = json_object_get_member (json_node_get_object (object->node), name);

  if (node == NULL)
    {
      out->kind = RH_PAYLOAD_ABSENT;
      out->index = -1;
      out->node = NULL;
      return;
    }

  rh_content_value_from_node (reader, node, out);
}

/* Looks up the member or the element of @container that @place names,
 * and records in @place the payload index of the value found.
 */
void
rh_content_value_get_at (RhContentValueReader *reader,
                         const RhContentValue *container,
                         RhContentPlace       *place,
                         RhContentValue       *out)
{
  if (place->member != NULL)
    rh_content_value_get_member (reader, container, place->member, out);
  else
    rh_content_value_from_node (reader, json_array_get_element (json_node_get_array (container->node), place->element),
                                out);

  place->index = out->index;
}

gboolean
rh_content_value_expect_object (RhContentValueReader *reader,
                                const RhContentPlace *place,
                                const RhContentValue *value)
{
  if (rh_content_value_is_object (value))
    return TRUE;

  return rh_content_value_fail (reader, place, RH_CONTENT_ERROR_WRONG_TYPE,
                                _ ("expected an object, found %s"), rh_content_value_describe (value));
}

static gboolean
expect_array (RhContentValueReader *reader,
              const RhContentPlace *place,
              const RhContentValue *value)
{
  if (is_array (value))
    return TRUE;

  return rh_content_value_fail (reader, place, RH_CONTENT_ERROR_WRONG_TYPE,
                                _ ("expected an array, found %s"), rh_content_value_describe (value));
}

/* Looks up the member that @place names, which must be an array, and
 * its length. An optional member that is absent reads as no elements.
 */
gboolean
rh_content_value_read_array (RhContentValueReader *reader,
                             const RhContentValue *object,
                             RhContentPlace       *place,
                             gboolean              required,
                             RhContentValue       *out,
                             guint                *out_length)
{
  *out_length = 0;

  rh_content_value_get_at (reader, object, place, out);

  if (rh_content_value_is_absent (out))
    return !required || rh_content_value_fail_missing (reader, place);
  if (!expect_array (reader, place, out))
    return FALSE;

  *out_length = json_array_get_length (json_node_get_array (out->node));

  return TRUE;
}

/* Reads a member that must be a string. Optional members that are
 * absent leave *out untouched and succeed.
 */
gboolean
rh_content_value_read_string (RhContentValueReader *reader,
                              const RhContentPlace *parent,
                              const RhContentValue *object,
                              const char           *name,
                              gboolean              required,
                              const char          **out)
{
  RhContentPlace place = { parent, name, 0, -1 };
  RhContentValue value;

  rh_content_value_get_at (reader, object, &place, &value);

  if (rh_content_value_is_absent (&value))
    return !required || rh_content_value_fail_missing (reader, &place);

  if (!is_string (&value))
    return rh_content_value_fail (reader, &place, RH_CONTENT_ERROR_WRONG_TYPE,
                                  _ ("expected a string, found %s"), rh_content_value_describe (&value));

  *out = json_node_get_string (value.node);

  return TRUE;
}
