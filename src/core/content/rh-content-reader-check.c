/* rh-content-reader-check.c
 *
 * The rules every page obeys, whatever it was read from: text that is
 * clean UTF-8, slugs that agree with the path, known difficulties, unique
 * question ids and siblings in the page's own topic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-content-error.h"
#include "rh-content-reader.h"
#include "rh-json-guard.h"
#include "rh-question.h"

static gboolean
same_topic (const char *path,
            const char *page_path)
{
  const char *slash = strrchr (page_path, '/');
  gsize       prefix = slash - page_path + 1;

  return strncmp (path, page_path, prefix) == 0;
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

  if (!rh_json_guard_is_clean_text (text))
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
