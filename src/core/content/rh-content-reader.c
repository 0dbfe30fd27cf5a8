/* rh-content-reader.c
 *
 * Turns a parsed content file into pages, whichever of the three forms it
 * has: the site's flattened payload, a plain page object, or a pack. One
 * reader walks all three through a small value abstraction
 * (rh-content-value.c), so every rule about required fields and defaults
 * lives in one place and every error names the JSON path (and for
 * payloads the index) where it was found. What a page must obey once read
 * is checked by rh-content-reader-check.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-content-error.h"
#include "rh-content-reader.h"
#include "rh-content-value.h"
#include "rh-question-private.h"

#include <string.h>

#define PACK_FORMAT "rehearse-pack"
#define PACK_VERSION 1

static gboolean
read_order (RhContentValueReader *reader,
            const RhContentPlace *parent,
            const RhContentValue *object,
            gint64               *out_order,
            gboolean             *out_has_order)
{
  RhContentPlace place = { parent, "order", 0, -1 };
  RhContentValue value;

  rh_content_value_get_at (reader, object, &place, &value);

  *out_has_order = FALSE;
  *out_order = 0;

  if (rh_content_value_is_absent (&value))
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

          /* In range before the cast: converting inf, NaN or 1e300 to an
           * integer is undefined. 2^63 itself is out of range. */
          if (number >= -9223372036854775808.0 && number < 9223372036854775808.0 &&
              number == (double) (gint64) number)
            {
              *out_order = (gint64) number;
              *out_has_order = TRUE;
              return TRUE;
            }
        }
    }

  return rh_content_value_fail (reader, &place, RH_CONTENT_ERROR_WRONG_TYPE,
                                _ ("expected a whole number, found %s"), rh_content_value_describe (&value));
}

static gboolean
read_difficulty (RhContentValueReader *reader,
                 const RhContentPlace *parent,
                 const RhContentValue *object,
                 gboolean              required,
                 RhDifficulty         *out_difficulty,
                 gboolean             *out_has_difficulty)
{
  RhContentPlace place = { parent, "difficulty", 0, -1 };
  const char    *text = NULL;

  if (!rh_content_value_read_string (reader, parent, object, "difficulty", required, &text))
    return FALSE;

  *out_has_difficulty = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!rh_difficulty_from_string (text, out_difficulty))
    {
      RhContentValue value;

      rh_content_value_get_at (reader, object, &place, &value);
      return rh_content_value_fail (reader, &place, RH_CONTENT_ERROR_INVALID_VALUE,
                                    _ ("unknown difficulty “%s” (expected easy, medium or hard)"), text);
    }

  return TRUE;
}

static gboolean
read_question (RhContentValueReader *reader,
               const RhContentPlace *place,
               const RhContentValue *object,
               RhPageData           *page)
{
  const char  *id = NULL;
  const char  *question = NULL;
  const char  *answer = NULL;
  RhDifficulty difficulty = RH_DIFFICULTY_MEDIUM;
  gboolean     has_difficulty;

  if (!rh_content_value_expect_object (reader, place, object) ||
      !rh_content_value_read_string (reader, place, object, "id", TRUE, &id) ||
      !read_difficulty (reader, place, object, TRUE, &difficulty, &has_difficulty) ||
      !rh_content_value_read_string (reader, place, object, "q", TRUE, &question) ||
      !rh_content_value_read_string (reader, place, object, "a", TRUE, &answer))
    return FALSE;

  g_ptr_array_add (page->questions,
                   _rh_question_new_take (g_strdup (id), difficulty, g_strdup (question), g_strdup (answer)));

  return TRUE;
}

static gboolean
read_questions (RhContentValueReader *reader,
                const RhContentPlace *parent,
                const RhContentValue *page_object,
                RhPageData           *page)
{
  RhContentPlace place = { parent, "questions", 0, -1 };
  RhContentValue value;
  guint          length;

  if (!rh_content_value_read_array (reader, page_object, &place, TRUE, &value, &length))
    return FALSE;

  g_ptr_array_set_size (page->questions, 0);

  for (guint i = 0; i < length; i++)
    {
      RhContentPlace element_place = { &place, NULL, i, -1 };
      RhContentValue element;

      rh_content_value_get_at (reader, &value, &element_place, &element);
      if (!read_question (reader, &element_place, &element, page))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_siblings (RhContentValueReader *reader,
               const RhContentPlace *parent,
               const RhContentValue *container,
               RhPageData           *page)
{
  RhContentPlace place = { parent, "siblings", 0, -1 };
  RhContentValue value;
  guint          length;

  if (!rh_content_value_read_array (reader, container, &place, FALSE, &value, &length))
    return FALSE;

  for (guint i = 0; i < length; i++)
    {
      RhContentPlace element_place = { &place, NULL, i, -1 };
      RhSiblingData  sibling = {
         NULL,
      };
      const char    *title = NULL;
      const char    *path = NULL;
      RhContentValue element;

      rh_content_value_get_at (reader, &value, &element_place, &element);
      if (!rh_content_value_expect_object (reader, &element_place, &element) ||
          !rh_content_value_read_string (reader, &element_place, &element, "subtopic", TRUE, &title) ||
          !rh_content_value_read_string (reader, &element_place, &element, "path", TRUE, &path) ||
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
fail_at_fault (RhContentValueReader *reader,
               const RhContentPlace *page_place,
               const RhContentValue *page_object,
               const RhContentPlace *container_place,
               const RhContentValue *container,
               const RhPageFault    *fault,
               const GError         *error)
{
  gboolean              in_siblings = fault->part == RH_PAGE_PART_SIBLING;
  const char           *list_name = in_siblings ? "siblings" : "questions";
  RhContentPlace        list_place = { in_siblings ? container_place : page_place, list_name, 0, -1 };
  RhContentPlace        element_place = { &list_place, NULL, fault->index, -1 };
  RhContentPlace        field_place = { page_place, fault->field, 0, -1 };
  const RhContentValue *object = page_object;
  RhContentValue        list, element, field;

  if (fault->part != RH_PAGE_PART_PAGE)
    {
      rh_content_value_get_at (reader, in_siblings ? container : page_object, &list_place, &list);
      rh_content_value_get_at (reader, &list, &element_place, &element);
      field_place.parent = &element_place;
      object = &element;
    }
  else if (g_str_equal (fault->field, "title"))
    {
      RhContentValue subtopic;

      /* The title was read from "subtopic" when there is one. */
      rh_content_value_get_member (reader, page_object, "subtopic", &subtopic);
      if (!rh_content_value_is_absent (&subtopic))
        field_place.member = "subtopic";
    }

  rh_content_value_get_at (reader, object, &field_place, &field);

  return rh_content_value_fail (reader, &field_place, error->code, "%s", error->message);
}

/* @page_place locates the page object, @container the object that may
 * hold its siblings (the page's parent in the site's form, else the page).
 */
static RhPageData *
read_page (RhContentValueReader *reader,
           const RhContentPlace *page_place,
           const RhContentValue *page_object,
           const RhContentPlace *container_place,
           const RhContentValue *container,
           const char           *source)
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

  if (!rh_content_value_expect_object (reader, page_place, page_object) ||
      !rh_content_value_read_string (reader, page_place, page_object, "path", TRUE, &path) ||
      !rh_content_value_read_string (reader, page_place, page_object, "framework", TRUE, &framework) ||
      !rh_content_value_read_string (reader, page_place, page_object, "topic", TRUE, &topic) ||
      !rh_content_value_read_string (reader, page_place, page_object, "subtopic", FALSE, &title))
    return NULL;

  /* The site names the page by its subtopic, falling back to its title. */
  if (title == NULL && !rh_content_value_read_string (reader, page_place, page_object, "title", TRUE, &title))
    return NULL;

  if (!rh_content_value_read_string (reader, page_place, page_object, "frameworkSlug", FALSE, &framework_slug) ||
      !rh_content_value_read_string (reader, page_place, page_object, "topicSlug", FALSE, &topic_slug) ||
      !read_order (reader, page_place, page_object, &page->order, &page->has_order) ||
      !read_difficulty (reader, page_place, page_object, FALSE, &page->difficulty, &page->has_difficulty) ||
      !rh_content_value_read_string (reader, page_place, page_object, "updated", FALSE, &updated) ||
      !rh_content_value_read_string (reader, page_place, page_object, "seoDescription", FALSE, &summary))
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
read_pack (RhContentValueReader *reader,
           const RhContentValue *root,
           const char           *source,
           GPtrArray            *pages)
{
  RhContentPlace format_place = { NULL, "format", 0, -1 };
  RhContentPlace version_place = { NULL, "version", 0, -1 };
  RhContentPlace pages_place = { NULL, "pages", 0, -1 };
  const char    *format = NULL;
  RhContentValue version;
  RhContentValue value;
  guint          length;

  if (!rh_content_value_read_string (reader, NULL, root, "format", TRUE, &format))
    return FALSE;
  if (!g_str_equal (format, PACK_FORMAT))
    return rh_content_value_fail (reader, &format_place, RH_CONTENT_ERROR_UNKNOWN_FORMAT,
                                  _ ("unknown format “%s” (expected “%s”)"), format, PACK_FORMAT);

  rh_content_value_get_at (reader, root, &version_place, &version);
  if (rh_content_value_is_absent (&version))
    return rh_content_value_fail_missing (reader, &version_place);
  if (version.kind != RH_PAYLOAD_VALUE || !JSON_NODE_HOLDS_VALUE (version.node) ||
      json_node_get_value_type (version.node) != G_TYPE_INT64)
    return rh_content_value_fail (reader, &version_place, RH_CONTENT_ERROR_WRONG_TYPE,
                                  _ ("expected a whole number, found %s"), rh_content_value_describe (&version));
  if (json_node_get_int (version.node) != PACK_VERSION)
    return rh_content_value_fail (reader, &version_place, RH_CONTENT_ERROR_UNSUPPORTED_VERSION,
                                  _ ("pack version %lld is not supported (this version of Rehearse reads version %d)"),
                                  (long long) json_node_get_int (version.node), PACK_VERSION);

  if (!rh_content_value_read_array (reader, root, &pages_place, TRUE, &value, &length))
    return FALSE;

  for (guint i = 0; i < length; i++)
    {
      RhContentPlace page_place = { &pages_place, NULL, i, -1 };
      RhPageData    *page;
      RhContentValue page_object;

      rh_content_value_get_at (reader, &value, &page_place, &page_object);
      page = read_page (reader, &page_place, &page_object, &page_place, &page_object, source);
      if (page == NULL)
        return FALSE;
      g_ptr_array_add (pages, page);
    }

  return TRUE;
}

static gboolean
read_payload (RhContentValueReader *reader,
              const RhContentValue *root,
              const char           *source,
              GPtrArray            *pages)
{
  RhContentPlace    data_place = { NULL, "data", 0, -1 };
  g_autoptr (GList) names = NULL;
  JsonObject       *data_object;
  RhContentValue    data;

  rh_content_value_get_at (reader, root, &data_place, &data);

  if (rh_content_value_is_absent (&data))
    return rh_content_value_fail_missing (reader, &data_place);
  if (!rh_content_value_expect_object (reader, &data_place, &data))
    return FALSE;

  data_object = json_node_get_object (data.node);
  names = json_object_get_members (data_object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char    *name = l->data;
      RhContentPlace entry_place = { &data_place, name, 0, -1 };
      RhContentPlace page_place = { &entry_place, "page", 0, -1 };
      RhPageData    *page;
      RhContentValue entry;
      RhContentValue page_object;

      if (!g_str_has_prefix (name, "qa-"))
        continue;

      rh_content_value_get_at (reader, &data, &entry_place, &entry);
      if (!rh_content_value_is_object (&entry))
        continue;

      rh_content_value_get_at (reader, &entry, &page_place, &page_object);
      if (rh_content_value_is_absent (&page_object))
        continue;

      page = read_page (reader, &page_place, &page_object, &entry_place, &entry, source);
      if (page == NULL)
        return FALSE;
      g_ptr_array_add (pages, page);
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
  RhContentValueReader  reader = { NULL, error };
  JsonObject           *object;
  gboolean              ok;
  RhContentValue        value;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      if (!(payload = rh_payload_new (root, error)))
        return NULL;

      reader.payload = payload;
      rh_payload_get_root (payload, &value);
      ok = read_payload (&reader, &value, source, pages);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      rh_content_value_from_node (&reader, root, &value);
      object = json_node_get_object (root);

      if (json_object_has_member (object, "format"))
        ok = read_pack (&reader, &value, source, pages);
      else if (json_object_has_member (object, "data"))
        ok = read_payload (&reader, &value, source, pages);
      else if (json_object_has_member (object, "page"))
        {
          RhContentPlace page_place = { NULL, "page", 0, -1 };
          RhContentValue page_object;
          RhPageData    *page;

          rh_content_value_get_at (&reader, &value, &page_place, &page_object);
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
