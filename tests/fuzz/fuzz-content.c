/* fuzz-content.c
 *
 * Content bytes to pages, through the one entry point every form goes
 * through (payload, page, pack, and any form added there later): a file
 * is refused with an error that names it, in valid UTF-8, or read into
 * pages that keep every rule the loader promises. Two limits hold
 * whatever the form: nothing nested deeper than RH_CONTENT_MAX_DEPTH is
 * parsed, and the text loaded is at most RH_CONTENT_EXPANSION_RATIO
 * times the file (plus some slack), so a small file cannot take all
 * memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fuzz-common.h"
#include "rh-content-error.h"
#include "rh-content-file.h"
#include "rh-question.h"

const char fuzz_harness_name[] = "content";

#define TEXT_SLACK (64 * 1024)

static gsize
length_of (const char *text)
{
  return text != NULL ? strlen (text) : 0;
}

static guint64
text_size (const RhPageData *page)
{
  guint64 size = length_of (page->framework) + length_of (page->framework_slug) + length_of (page->topic) +
                 length_of (page->topic_slug) + length_of (page->title) + length_of (page->path) +
                 length_of (page->updated) + length_of (page->summary);

  for (guint i = 0; i < page->questions->len; i++)
    {
      RhQuestion *question = g_ptr_array_index (page->questions, i);

      size += length_of (rh_question_get_id (question)) + length_of (rh_question_get_question (question)) +
              length_of (rh_question_get_answer (question));
    }
  for (guint i = 0; i < page->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (page->siblings, RhSiblingData, i);

      size += length_of (sibling->title) + length_of (sibling->path);
    }

  return size;
}

/* How deeply json-glib, which reads the file after the guard, nests
 * what it parsed; without recursion, so that this check cannot be what
 * runs out of stack. */
static guint
json_depth (JsonNode *root)
{
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (JsonNode *));
  g_autoptr (GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint              deepest = 0;
  guint              one = 1;

  g_array_append_val (nodes, root);
  g_array_append_val (depths, one);
  while (nodes->len > 0)
    {
      JsonNode         *node = g_array_index (nodes, JsonNode *, nodes->len - 1);
      guint             depth = g_array_index (depths, guint, depths->len - 1);
      guint             child_depth = depth + 1;
      g_autoptr (GList) members = NULL;

      g_array_set_size (nodes, nodes->len - 1);
      g_array_set_size (depths, depths->len - 1);

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          deepest = MAX (deepest, depth);
          members = json_array_get_elements (json_node_get_array (node));
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          deepest = MAX (deepest, depth);
          members = json_object_get_values (json_node_get_object (node));
        }

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_array_append_val (nodes, l->data);
          g_array_append_val (depths, child_depth);
        }
    }

  return deepest;
}

static void
check_depth (const uint8_t *data,
             size_t         size)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode              *root;

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root != NULL)
    fuzz_check (json_depth (root) <= RH_CONTENT_MAX_DEPTH,
                "json-glib parsed nesting %u levels deep, past the guard's %u", json_depth (root), RH_CONTENT_MAX_DEPTH);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes)    bytes = g_bytes_new (data, size);
  g_autoptr (GError)    error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  guint64               loaded = 0;

  fuzz_init ();

  pages = rh_content_file_load_bytes (bytes, "fuzz.json", &error);
  if (pages == NULL)
    {
      fuzz_check (error != NULL, "no pages and no error");
      fuzz_check_utf8 ("the error message", error->message, -1);
      fuzz_check (g_str_has_prefix (error->message, "fuzz.json: "), "the error does not name the file: %s",
                  error->message);
      /* Refused before json-glib saw it, or by json-glib: either way no
       * tree was built, so there is no depth to check. */
      return 0;
    }

  fuzz_check (error == NULL, "pages and an error");
  check_depth (data, size);
  for (guint i = 0; i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      fuzz_check_page (page);
      fuzz_check (g_str_equal (page->source, "fuzz.json"), "a page does not name its source");
      loaded += text_size (page);
    }
  fuzz_check (loaded <= (guint64) size * RH_CONTENT_EXPANSION_RATIO + TEXT_SLACK,
              "%zu bytes of content loaded as %" G_GUINT64_FORMAT " bytes of text", size, loaded);

  return 0;
}
