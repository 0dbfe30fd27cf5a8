/* rh-content-reader.c
 *
 * Turns a parsed content file into pages, whichever of the three forms it
 * has: the site's flattened payload, a plain page object, or a pack. One
 * reader walks all three through a small value abstraction, so every rule
 * about required fields and defaults lives in one place and every error
 * names the JSON path (and for payloads the index) where it was found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-content-error.h"
#include "rh-content-reader.h"
#include "rh-json-guard.h"
#include "rh-payload.h"
#include "rh-question-private.h"

#include <string.h>

#define PACK_FORMAT "rehearse-pack"
#define PACK_VERSION 1

typedef struct
{
  RhPayloadKind kind;
  gint64        index; /* payload index, or -1 in plain JSON */
  JsonNode     *node;
} Value;

/* A JSON path, kept on the C stack while descending and only turned
 * into text when something goes wrong.
 */
typedef struct _Place Place;
struct _Place
{
  const Place *parent;
  const char  *member; /* NULL for an array element */
  guint        element;
  gint64       index; /* payload index of the value here, or -1 */
};

typedef struct
{
  RhPayload *payload;
  GError   **error;
} Reader;

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
append_place (GString     *text,
              const Place *place)
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
place_get_index (const Place *place)
{
  for (; place != NULL; place = place->parent)
    {
      if (place->index >= 0)
        return place->index;
    }

  return -1;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Reader      *reader,
      const Place *place,
      int          code,
      const char  *format,
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

static const char *
describe (const Value *value)
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

static void
value_from_node (Reader   *reader,
                 JsonNode *node,
                 Value    *out)
{
  if (reader->payload != NULL)
    {
      RhPayloadValue resolved;

      rh_payload_resolve (reader->payload, node, &resolved);
      out->kind = resolved.kind;
      out->index = resolved.index;
      out->node = resolved.node;
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

static gboolean
is_object (const Value *value)
{
  return value->kind == RH_PAYLOAD_VALUE && JSON_NODE_HOLDS_OBJECT (value->node);
}

static gboolean
is_array (const Value *value)
{
  return value->kind == RH_PAYLOAD_VALUE && JSON_NODE_HOLDS_ARRAY (value->node);
}

static gboolean
is_string (const Value *value)
{
  return (value->kind == RH_PAYLOAD_VALUE || value->kind == RH_PAYLOAD_DATE) &&
         JSON_NODE_HOLDS_VALUE (value->node) &&
         json_node_get_value_type (value->node) == G_TYPE_STRING;
}

static gboolean
is_absent (const Value *value)
{
  return value->kind == RH_PAYLOAD_ABSENT || value->kind == RH_PAYLOAD_NULL;
}

/* Looks a member up; absent and null members both read as absent, which
 * is how the site writes optional fields.
 */
static void
get_member (Reader      *reader,
            const Value *object,
            const char  *name,
            Value       *out)
{
  JsonNode *node = json_object_get_member (json_node_get_object (object->node), name);

  if (node == NULL)
    {
      out->kind = RH_PAYLOAD_ABSENT;
      out->index = -1;
      out->node = NULL;
      return;
    }

  value_from_node (reader, node, out);
}

static gboolean
expect_object (Reader      *reader,
               const Place *place,
               const Value *value)
{
  if (is_object (value))
    return TRUE;

  return fail (reader, place, RH_CONTENT_ERROR_WRONG_TYPE,
               _ ("expected an object, found %s"), describe (value));
}

static gboolean
expect_array (Reader      *reader,
              const Place *place,
              const Value *value)
{
  if (is_array (value))
    return TRUE;

  return fail (reader, place, RH_CONTENT_ERROR_WRONG_TYPE,
               _ ("expected an array, found %s"), describe (value));
}

/* Reads a member that must be a string. Optional members that are
 * absent leave *out untouched and succeed.
 */
static gboolean
read_string (Reader      *reader,
             const Place *parent,
             const Value *object,
             const char  *name,
             gboolean     required,
             const char **out)
{
  Place place = { parent, name, 0, -1 };
  Value value;

  get_member (reader, object, name, &value);
  place.index = value.index >= 0 ? value.index : -1;

  if (is_absent (&value))
    {
      if (!required)
        return TRUE;
      return fail (reader, &place, RH_CONTENT_ERROR_MISSING_FIELD,
                   _ ("required field “%s” is missing"), name);
    }

  if (!is_string (&value))
    return fail (reader, &place, RH_CONTENT_ERROR_WRONG_TYPE,
                 _ ("expected a string, found %s"), describe (&value));

  *out = json_node_get_string (value.node);

  return TRUE;
}

static gboolean
read_order (Reader      *reader,
            const Place *parent,
            const Value *object,
            gint64      *out_order,
            gboolean    *out_has_order)
{
  Place place = { parent, "order", 0, -1 };
  Value value;

  get_member (reader, object, "order", &value);
  place.index = value.index;

  *out_has_order = FALSE;
  *out_order = 0;

  if (is_absent (&value))
    return TRUE;

  if (value.kind == RH_PAYLOAD_VALUE && JSON_NODE_HOLDS_VALUE (value.node))
    {
      GType type = json_node_get_value_type (value.node);

      if (type == G_TYPE_INT64)
        {
          *out_order = json_node_get_int (value.node);
          *out_has_order = TRUE;
          return TRUE;
        }

      if (type == G_TYPE_DOUBLE)
        {
          double number = json_node_get_double (value.node);

          if (number == (double) (gint64) number)
            {
              *out_order = (gint64) number;
              *out_has_order = TRUE;
              return TRUE;
            }
        }
    }

  return fail (reader, &place, RH_CONTENT_ERROR_WRONG_TYPE,
               _ ("expected a whole number, found %s"), describe (&value));
}

static gboolean
read_difficulty (Reader       *reader,
                 const Place  *parent,
                 const Value  *object,
                 gboolean      required,
                 RhDifficulty *out_difficulty,
                 gboolean     *out_has_difficulty)
{
  Place       place = { parent, "difficulty", 0, -1 };
  const char *text = NULL;

  if (!read_string (reader, parent, object, "difficulty", required, &text))
    return FALSE;

  *out_has_difficulty = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!rh_difficulty_from_string (text, out_difficulty))
    {
      Value value;

      get_member (reader, object, "difficulty", &value);
      place.index = value.index;
      return fail (reader, &place, RH_CONTENT_ERROR_INVALID_VALUE,
                   _ ("unknown difficulty “%s” (expected easy, medium or hard)"), text);
    }

  return TRUE;
}

static gboolean
read_question (Reader      *reader,
               const Place *place,
               const Value *object,
               RhPageData  *page)
{
  const char  *id = NULL;
  const char  *question = NULL;
  const char  *answer = NULL;
  RhDifficulty difficulty = RH_DIFFICULTY_MEDIUM;
  gboolean     has_difficulty;

  if (!expect_object (reader, place, object) ||
      !read_string (reader, place, object, "id", TRUE, &id) ||
      !read_difficulty (reader, place, object, TRUE, &difficulty, &has_difficulty) ||
      !read_string (reader, place, object, "q", TRUE, &question) ||
      !read_string (reader, place, object, "a", TRUE, &answer))
    return FALSE;

  g_ptr_array_add (page->questions,
                   _rh_question_new_take (g_strdup (id), difficulty, g_strdup (question), g_strdup (answer)));

  return TRUE;
}

static gboolean
read_questions (Reader      *reader,
                const Place *parent,
                const Value *page_object,
                RhPageData  *page)
{
  Place      place = { parent, "questions", 0, -1 };
  JsonArray *array;
  Value      value;
  guint      length;

  get_member (reader, page_object, "questions", &value);
  place.index = value.index;

  if (is_absent (&value))
    return fail (reader, &place, RH_CONTENT_ERROR_MISSING_FIELD,
                 _ ("required field “%s” is missing"), "questions");
  if (!expect_array (reader, &place, &value))
    return FALSE;

  array = json_node_get_array (value.node);
  length = json_array_get_length (array);
  g_ptr_array_set_size (page->questions, 0);

  for (guint i = 0; i < length; i++)
    {
      Place element_place = { &place, NULL, i, -1 };
      Value element;

      value_from_node (reader, json_array_get_element (array, i), &element);
      element_place.index = element.index;

      if (!read_question (reader, &element_place, &element, page))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_siblings (Reader      *reader,
               const Place *parent,
               const Value *container,
               RhPageData  *page)
{
  Place      place = { parent, "siblings", 0, -1 };
  JsonArray *array;
  Value      value;
  guint      length;

  get_member (reader, container, "siblings", &value);
  place.index = value.index;

  if (is_absent (&value))
    return TRUE;
  if (!expect_array (reader, &place, &value))
    return FALSE;

  array = json_node_get_array (value.node);
  length = json_array_get_length (array);

  for (guint i = 0; i < length; i++)
    {
      Place         element_place = { &place, NULL, i, -1 };
      RhSiblingData sibling = {
        NULL,
      };
      const char *title = NULL;
      const char *path = NULL;
      Value       element;

      value_from_node (reader, json_array_get_element (array, i), &element);
      element_place.index = element.index;

      if (!expect_object (reader, &element_place, &element) ||
          !read_string (reader, &element_place, &element, "subtopic", TRUE, &title) ||
          !read_string (reader, &element_place, &element, "path", TRUE, &path) ||
          !read_order (reader, &element_place, &element, &sibling.order, &sibling.has_order))
        return FALSE;

      sibling.title = g_strdup (title);
      sibling.path = g_strdup (path);
      g_array_append_val (page->siblings, sibling);
    }

  return TRUE;
}

/* Names the place of what rh_content_reader_check_page() found wrong,
 * with the payload index of the very value where there is one. */
static gboolean
fail_at_fault (Reader            *reader,
               const Place       *page_place,
               const Value       *page_object,
               const Place       *container_place,
               const Value       *container,
               const RhPageFault *fault,
               const GError      *error)
{
  gboolean     in_siblings = fault->part == RH_PAGE_PART_SIBLING;
  const char  *list_name = in_siblings ? "siblings" : "questions";
  Place        list_place = { in_siblings ? container_place : page_place, list_name, 0, -1 };
  Place        element_place = { &list_place, NULL, fault->index, -1 };
  Place        field_place = { page_place, fault->field, 0, -1 };
  const Value *object = page_object;
  Value        list, element, field;

  if (fault->part != RH_PAGE_PART_PAGE)
    {
      get_member (reader, in_siblings ? container : page_object, list_name, &list);
      list_place.index = list.index;
      value_from_node (reader, json_array_get_element (json_node_get_array (list.node), fault->index), &element);
      element_place.index = element.index;
      field_place.parent = &element_place;
      object = &element;
    }
  else if (g_str_equal (fault->field, "title"))
    {
      Value subtopic;

      /* The title was read from "subtopic" when there is one. */
      get_member (reader, page_object, "subtopic", &subtopic);
      if (!is_absent (&subtopic))
        field_place.member = "subtopic";
    }

  get_member (reader, object, field_place.member, &field);
  field_place.index = field.index;

  return fail (reader, &field_place, error->code, "%s", error->message);
}

/* @page_place locates the page object, @container the object that may
 * hold its siblings (the page's parent in the site's form, else the page).
 */
static RhPageData *
read_page (Reader      *reader,
           const Place *page_place,
           const Value *page_object,
           const Place *container_place,
           const Value *container,
           const char  *source)
{
  g_autoptr (RhPageData) page = rh_page_data_new ();
  g_autoptr (GError)     check_error = NULL;
  RhPageFault            fault;
  const char            *framework = NULL;
  const char            *framework_slug = NULL;
  const char            *topic = NULL;
  const char            *topic_slug = NULL;
  const char            *title = NULL;
  const char            *path = NULL;
  const char            *updated = NULL;
  const char            *summary = NULL;

  if (!expect_object (reader, page_place, page_object) ||
      !read_string (reader, page_place, page_object, "path", TRUE, &path) ||
      !read_string (reader, page_place, page_object, "framework", TRUE, &framework) ||
      !read_string (reader, page_place, page_object, "topic", TRUE, &topic) ||
      !read_string (reader, page_place, page_object, "subtopic", FALSE, &title))
    return NULL;

  /* The site names the page by its subtopic, falling back to its title. */
  if (title == NULL && !read_string (reader, page_place, page_object, "title", TRUE, &title))
    return NULL;

  if (!read_string (reader, page_place, page_object, "frameworkSlug", FALSE, &framework_slug) ||
      !read_string (reader, page_place, page_object, "topicSlug", FALSE, &topic_slug) ||
      !read_order (reader, page_place, page_object, &page->order, &page->has_order) ||
      !read_difficulty (reader, page_place, page_object, FALSE, &page->difficulty, &page->has_difficulty) ||
      !read_string (reader, page_place, page_object, "updated", FALSE, &updated) ||
      !read_string (reader, page_place, page_object, "seoDescription", FALSE, &summary))
    return NULL;

  /* Slugs given beside the path only repeat it; the check holds them to it. */
  rh_path_split (path, framework_slug == NULL ? &page->framework_slug : NULL,
                 topic_slug == NULL ? &page->topic_slug : NULL, NULL);
  if (framework_slug != NULL)
    page->framework_slug = g_strdup (framework_slug);
  if (topic_slug != NULL)
    page->topic_slug = g_strdup (topic_slug);

  page->framework = g_strdup (framework);
  page->topic = g_strdup (topic);
  page->title = g_strdup (title);
  page->path = g_strdup (path);
  page->updated = g_strdup (updated);
  page->summary = g_strdup (summary);
  page->source = g_strdup (source);

  if (!read_questions (reader, page_place, page_object, page) ||
      !read_siblings (reader, container_place, container, page))
    return NULL;

  if (!rh_content_reader_check_page (page, &fault, &check_error))
    {
      fail_at_fault (reader, page_place, page_object, container_place, container, &fault, check_error);
      return NULL;
    }

  return g_steal_pointer (&page);
}

static gboolean
read_pack (Reader      *reader,
           const Value *root,
           const char  *source,
           GPtrArray   *pages)
{
  Place       format_place = { NULL, "format", 0, -1 };
  Place       version_place = { NULL, "version", 0, -1 };
  Place       pages_place = { NULL, "pages", 0, -1 };
  const char *format = NULL;
  JsonArray  *array;
  Value       version;
  Value       value;

  if (!read_string (reader, NULL, root, "format", TRUE, &format))
    return FALSE;
  if (!g_str_equal (format, PACK_FORMAT))
    return fail (reader, &format_place, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                 _ ("unknown format “%s” (expected “%s”)"), format, PACK_FORMAT);

  get_member (reader, root, "version", &version);
  if (is_absent (&version))
    return fail (reader, &version_place, RH_CONTENT_ERROR_MISSING_FIELD,
                 _ ("required field “%s” is missing"), "version");
  if (version.kind != RH_PAYLOAD_VALUE || !JSON_NODE_HOLDS_VALUE (version.node) ||
      json_node_get_value_type (version.node) != G_TYPE_INT64)
    return fail (reader, &version_place, RH_CONTENT_ERROR_WRONG_TYPE,
                 _ ("expected a whole number, found %s"), describe (&version));
  if (json_node_get_int (version.node) != PACK_VERSION)
    return fail (reader, &version_place, RH_CONTENT_ERROR_UNSUPPORTED_VERSION,
                 _ ("pack version %lld is not supported (this version of Rehearse reads version %d)"),
                 (long long) json_node_get_int (version.node), PACK_VERSION);

  get_member (reader, root, "pages", &value);
  if (is_absent (&value))
    return fail (reader, &pages_place, RH_CONTENT_ERROR_MISSING_FIELD,
                 _ ("required field “%s” is missing"), "pages");
  if (!expect_array (reader, &pages_place, &value))
    return FALSE;

  array = json_node_get_array (value.node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Place       page_place = { &pages_place, NULL, i, -1 };
      RhPageData *page;
      Value       page_object;

      value_from_node (reader, json_array_get_element (array, i), &page_object);
      page = read_page (reader, &page_place, &page_object, &page_place, &page_object, source);
      if (page == NULL)
        return FALSE;
      g_ptr_array_add (pages, page);
    }

  return TRUE;
}

static gboolean
read_payload (Reader      *reader,
              const Value *root,
              const char  *source,
              GPtrArray   *pages)
{
  Place             data_place = { NULL, "data", 0, -1 };
  g_autoptr (GList) names = NULL;
  JsonObject       *data_object;
  Value             data;

  get_member (reader, root, "data", &data);
  data_place.index = data.index;

  if (is_absent (&data))
    return fail (reader, &data_place, RH_CONTENT_ERROR_MISSING_FIELD,
                 _ ("required field “%s” is missing"), "data");
  if (!expect_object (reader, &data_place, &data))
    return FALSE;

  data_object = json_node_get_object (data.node);
  names = json_object_get_members (data_object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      Place       entry_place = { &data_place, name, 0, -1 };
      Place       page_place = { &entry_place, "page", 0, -1 };
      RhPageData *page;
      Value       entry;
      Value       page_object;

      if (!g_str_has_prefix (name, "qa-"))
        continue;

      get_member (reader, &data, name, &entry);
      entry_place.index = entry.index;
      if (!is_object (&entry))
        continue;

      get_member (reader, &entry, "page", &page_object);
      page_place.index = page_object.index;
      if (is_absent (&page_object))
        continue;

      page = read_page (reader, &page_place, &page_object, &entry_place, &entry, source);
      if (page == NULL)
        return FALSE;
      g_ptr_array_add (pages, page);
    }

  return TRUE;
}

static gboolean
same_topic (const char *path,
            const char *page_path)
{
  const char *slash = strrchr (page_path, '/');
  gsize       prefix = slash - page_path + 1;

  return strncmp (path, page_path, prefix) == 0;
}

#define EVERY_BYTE(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* Text is UTF-8 with no control character but tab and line breaks, as
 * the JSON guard lets through; anything else that reaches a page came
 * from somewhere that was not checked. The load cache reads every page
 * through here, so runs of printable ASCII go eight bytes at a time. */
static gboolean
is_clean_text (const char *text)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + strlen (text);

  while (p < end)
    {
      guint length;

      if (end - p >= 8)
        {
          guint64 word;
          guint64 flipped;

          memcpy (&word, p, 8);
          flipped = word ^ EVERY_BYTE (0x7f);
          /* No high bit, no byte below 0x20, no 0x7f: the usual tests
           * for a byte below n, exact on bytes below 0x80. */
          if ((word & EVERY_BYTE (0x80)) == 0 &&
              ((word - EVERY_BYTE (0x20)) & ~word & EVERY_BYTE (0x80)) == 0 &&
              ((flipped - EVERY_BYTE (0x01)) & ~flipped & EVERY_BYTE (0x80)) == 0)
            {
              p += 8;
              continue;
            }
        }

      if (*p < 0x80)
        {
          if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
            return FALSE;
          p++;
          continue;
        }

      /* U+0080 to U+009F are C2 80 to C2 9F. */
      length = g_utf8_skip[*p];
      if (length < 2 || (gsize) (end - p) < length || !g_utf8_validate_len ((const char *) p, length, NULL) ||
          (*p == 0xc2 && p[1] <= 0x9f))
        return FALSE;
      p += length;
    }

  return TRUE;
}

G_GNUC_PRINTF (7, 8)
static gboolean
set_fault (RhPageFault *fault,
           RhPagePart   part,
           guint        index,
           const char  *field,
           GError     **error,
           int          code,
           const char  *format,
           ...)
{
  va_list args;

  if (fault != NULL)
    {
      fault->part = part;
      fault->index = index;
      fault->field = field;
    }

  if (error != NULL)
    {
      va_start (args, format);
      *error = g_error_new_valist (RH_CONTENT_ERROR, code, format, args);
      va_end (args);
    }

  return FALSE;
}

static gboolean
check_text (const char  *text,
            gboolean     required,
            RhPagePart   part,
            guint        index,
            const char  *field,
            RhPageFault *fault,
            GError     **error)
{
  if (text == NULL || *text == '\0')
    return !required || set_fault (fault, part, index, field, error, RH_CONTENT_ERROR_MISSING_FIELD, _ ("must not be empty"));

  if (!is_clean_text (text))
    return set_fault (fault, part, index, field, error, RH_CONTENT_ERROR_INVALID_VALUE, _ ("holds a control character or is not UTF-8"));

  return TRUE;
}

static gboolean
check_slug (const char  *slug,
            const char  *path_slug,
            const char  *field,
            RhPageFault *fault,
            GError     **error)
{
  if (slug != NULL && g_str_equal (slug, path_slug))
    return TRUE;

  return set_fault (fault, RH_PAGE_PART_PAGE, 0, field, error,
                    RH_CONTENT_ERROR_INVALID_VALUE, _ ("“%s” does not match the page path, which says “%s”"), slug ? slug : "", path_slug);
}

static gboolean
check_path (const char  *path,
            RhPagePart   part,
            guint        index,
            char       **framework_slug,
            char       **topic_slug,
            RhPageFault *fault,
            GError     **error)
{
  if (path != NULL && rh_path_split (path, framework_slug, topic_slug, NULL))
    return TRUE;

  return set_fault (fault, part, index, "path", error, RH_CONTENT_ERROR_INVALID_VALUE,
                    _ ("“%s” is not a page path of the form /framework/topic/subtopic in lower-case slugs"),
                    path ? path : "");
}

/**
 * rh_content_reader_check_page:
 * @fault: (out) (optional): where the first problem is
 *
 * The rules every page obeys, whatever it was read from: the content
 * reader applies them to what it reads, the load cache to what it reads
 * back, so that a page that could not come from a content file never
 * reaches the model.
 *
 * Returns: %TRUE if @page obeys them
 */
gboolean
rh_content_reader_check_page (const RhPageData *page,
                              RhPageFault      *fault,
                              GError          **error)
{
  g_autoptr (GHashTable) seen_ids = NULL;
  g_autofree char       *framework_slug = NULL;
  g_autofree char       *topic_slug = NULL;

  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_path (page->path, RH_PAGE_PART_PAGE, 0, &framework_slug, &topic_slug, fault, error) ||
      !check_text (page->framework, TRUE, RH_PAGE_PART_PAGE, 0, "framework", fault, error) ||
      !check_text (page->topic, TRUE, RH_PAGE_PART_PAGE, 0, "topic", fault, error) ||
      !check_text (page->title, TRUE, RH_PAGE_PART_PAGE, 0, "title", fault, error) ||
      !check_slug (page->framework_slug, framework_slug, "frameworkSlug", fault, error) ||
      !check_slug (page->topic_slug, topic_slug, "topicSlug", fault, error) ||
      !check_text (page->updated, FALSE, RH_PAGE_PART_PAGE, 0, "updated", fault, error) ||
      !check_text (page->summary, FALSE, RH_PAGE_PART_PAGE, 0, "seoDescription", fault, error))
    return FALSE;

  if ((guint) page->difficulty > RH_DIFFICULTY_HARD)
    return set_fault (fault, RH_PAGE_PART_PAGE, 0, "difficulty", error, RH_CONTENT_ERROR_INVALID_VALUE, _ ("unknown difficulty"));

  seen_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);
      const char *id = rh_question_get_id (question);
      gpointer    first;

      if (!check_text (id, TRUE, RH_PAGE_PART_QUESTION, i, "id", fault, error) ||
          !check_text (rh_question_get_question (question), TRUE, RH_PAGE_PART_QUESTION, i, "q", fault, error) ||
          !check_text (rh_question_get_answer (question), TRUE, RH_PAGE_PART_QUESTION, i, "a", fault, error))
        return FALSE;

      if ((guint) rh_question_get_difficulty (question) > RH_DIFFICULTY_HARD)
        return set_fault (fault, RH_PAGE_PART_QUESTION, i, "difficulty", error, RH_CONTENT_ERROR_INVALID_VALUE, _ ("unknown difficulty"));

      if (g_hash_table_lookup_extended (seen_ids, id, NULL, &first))
        return set_fault (fault, RH_PAGE_PART_QUESTION, i, "id", error,
                          RH_CONTENT_ERROR_DUPLICATE_ID,
                          _ ("duplicate question id “%s” (first used by questions[%u])"),
                          id, GPOINTER_TO_UINT (first));
      g_hash_table_insert (seen_ids, (gpointer) id, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      if (!check_text (sibling->title, TRUE, RH_PAGE_PART_SIBLING, i, "subtopic", fault, error) ||
          !check_path (sibling->path, RH_PAGE_PART_SIBLING, i, NULL, NULL, fault, error))
        return FALSE;

      if (!same_topic (sibling->path, page->path))
        return set_fault (fault, RH_PAGE_PART_SIBLING, i, "path", error,
                          RH_CONTENT_ERROR_INVALID_VALUE, _ ("sibling “%s” is not in the page’s topic"), sibling->path);
    }

  return TRUE;
}

/**
 * rh_content_reader_read:
 * @root: a parsed content file
 * @source: (nullable): the file's path, recorded on each page
 *
 * Tells the form of @root by its content and reads every page in it. A
 * file is read whole or not at all: one bad page refuses the file.
 *
 * Returns: (transfer full) (element-type RhPageData): the pages
 */
GPtrArray *
rh_content_reader_read (JsonNode   *root,
                        const char *source,
                        GError    **error)
{
  g_autoptr (GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_page_data_free);
  g_autoptr (RhPayload) payload = NULL;
  Reader                reader = { NULL, error };
  JsonObject           *object;
  gboolean              ok;
  Value                 value;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      RhPayloadValue payload_root;

      if (!(payload = rh_payload_new (root, error)))
        return NULL;

      reader.payload = payload;
      rh_payload_get_root (payload, &payload_root);
      value.kind = payload_root.kind;
      value.index = payload_root.index;
      value.node = payload_root.node;
      ok = read_payload (&reader, &value, source, pages);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      value_from_node (&reader, root, &value);
      object = json_node_get_object (root);

      if (json_object_has_member (object, "format"))
        ok = read_pack (&reader, &value, source, pages);
      else if (json_object_has_member (object, "data"))
        ok = read_payload (&reader, &value, source, pages);
      else if (json_object_has_member (object, "page"))
        {
          Place       page_place = { NULL, "page", 0, -1 };
          Value       page_object;
          RhPageData *page;

          get_member (&reader, &value, "page", &page_object);
          page = read_page (&reader, &page_place, &page_object, NULL, &value, source);
          if ((ok = page != NULL))
            g_ptr_array_add (pages, page);
        }
      else if (json_object_has_member (object, "questions") || json_object_has_member (object, "path"))
        {
          RhPageData *page = read_page (&reader, NULL, &value, NULL, &value, source);

          if ((ok = page != NULL))
            g_ptr_array_add (pages, page);
        }
      else
        {
          g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                               _ ("root: not Rehearse content (expected a site payload, a page or a rehearse-pack)"));
          ok = FALSE;
        }
    }
  else
    {
      g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                           _ ("root: not Rehearse content (expected a site payload, a page or a rehearse-pack)"));
      ok = FALSE;
    }

  if (!ok)
    return NULL;

  if (pages->len == 0)
    {
      g_set_error_literal (error, RH_CONTENT_ERROR, RH_CONTENT_ERROR_NO_PAGES,
                           _ ("the file holds no pages"));
      return NULL;
    }

  return g_steal_pointer (&pages);
}
