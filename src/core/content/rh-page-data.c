/* rh-page-data.c
 *
 * One page as a content file holds it, in plain structs, between reading
 * the file and merging it into the model; and the slugs of a page path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rh-page-data.h"
#include "rh-question.h"

G_DEFINE_BOXED_TYPE (RhPageData, rh_page_data, rh_page_data_copy, rh_page_data_free)

static void
sibling_data_clear (gpointer data)
{
  RhSiblingData *sibling = data;

  g_clear_pointer (&sibling->title, g_free);
  g_clear_pointer (&sibling->path, g_free);
}

RhPageData *
rh_page_data_new (void)
{
  RhPageData *self = g_new0 (RhPageData, 1);

  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->siblings = g_array_new (FALSE, TRUE, sizeof (RhSiblingData));
  g_array_set_clear_func (self->siblings, sibling_data_clear);
  self->difficulty = RH_DIFFICULTY_MEDIUM;

  return self;
}

RhPageData *
rh_page_data_copy (const RhPageData *self)
{
  RhPageData *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = rh_page_data_new ();
  copy->framework = g_strdup (self->framework);
  copy->framework_slug = g_strdup (self->framework_slug);
  copy->topic = g_strdup (self->topic);
  copy->topic_slug = g_strdup (self->topic_slug);
  copy->title = g_strdup (self->title);
  copy->path = g_strdup (self->path);
  copy->updated = g_strdup (self->updated);
  copy->summary = g_strdup (self->summary);
  copy->source = g_strdup (self->source);
  copy->order = self->order;
  copy->has_order = self->has_order;
  copy->difficulty = self->difficulty;
  copy->has_difficulty = self->has_difficulty;
  copy->sibling_data = self->sibling_data != NULL ? g_variant_ref (self->sibling_data) : NULL;
  copy->question_data = self->question_data != NULL ? g_variant_ref (self->question_data) : NULL;
  copy->question_data_sum = self->question_data_sum;
  copy->n_question_data = self->n_question_data;
  copy->stamp = self->stamp;
  copy->has_stamp = self->has_stamp;

  /* Questions are immutable once built, so sharing them is safe. */
  for (guint i = 0; i < self->questions->len; i++)
    g_ptr_array_add (copy->questions, g_object_ref (g_ptr_array_index (self->questions, i)));

  for (guint i = 0; i < self->siblings->len; i++)
    {
      const RhSiblingData *sibling = &g_array_index (self->siblings, RhSiblingData, i);
      RhSiblingData        sibling_copy = *sibling;

      sibling_copy.title = g_strdup (sibling->title);
      sibling_copy.path = g_strdup (sibling->path);
      g_array_append_val (copy->siblings, sibling_copy);
    }

  return copy;
}

void
rh_page_data_free (RhPageData *self)
{
  if (self == NULL)
    return;

  g_free (self->framework);
  g_free (self->framework_slug);
  g_free (self->topic);
  g_free (self->topic_slug);
  g_free (self->title);
  g_free (self->path);
  g_free (self->updated);
  g_free (self->summary);
  g_free (self->source);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->siblings, g_array_unref);
  g_clear_pointer (&self->question_data, g_variant_unref);
  g_clear_pointer (&self->sibling_data, g_variant_unref);
  g_free (self);
}

/**
 * rh_page_data_get_n_questions:
 *
 * Returns: how many questions the page holds, made yet or still in the
 *   load cache
 */
guint
rh_page_data_get_n_questions (const RhPageData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->question_data != NULL ? self->n_question_data : self->questions->len;
}

/**
 * rh_file_stamp_get:
 *
 * Returns: whether @file could be looked at
 */
gboolean
rh_file_stamp_get (const char  *file,
                   RhFileStamp *stamp)
{
  GStatBuf st;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  if (g_stat (file, &st) != 0)
    return FALSE;

  stamp->size = st.st_size;
  stamp->mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  stamp->inode = st.st_ino;

  return TRUE;
}

gboolean
rh_file_stamp_equal (const RhFileStamp *a,
                     const RhFileStamp *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->size == b->size && a->mtime == b->mtime && a->inode == b->inode;
}

/**
 * rh_path_get_slug:
 * @path: a page path such as `/python/concurrency/multiprocessing`
 *
 * Returns: (transfer none): the last segment of @path
 */
const char *
rh_path_get_slug (const char *path)
{
  const char *slash;

  g_return_val_if_fail (path != NULL, NULL);

  slash = strrchr (path, '/');

  return slash != NULL ? slash + 1 : path;
}

static gboolean
is_slug_segment (const char *start,
                 gsize       len)
{
  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = start[i];

      if (!(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-' || c == '_' || c == '.'))
        return FALSE;
    }

  /* "." and ".." would turn a page path into a file system walk
   * wherever paths become file names, as in the static export. */
  return !(start[0] == '.');
}

/**
 * rh_path_split:
 *
 * Splits a page path of the form `/framework/topic/subtopic`, whose
 * segments are lower-case slugs.
 *
 * Returns: %TRUE if @path has that form
 */
gboolean
rh_path_split (const char *path,
               char      **framework_slug,
               char      **topic_slug,
               char      **subtopic_slug)
{
  const char *segments[3];
  gsize       lengths[3];
  const char *p;

  g_return_val_if_fail (path != NULL, FALSE);

  if (path[0] != '/')
    return FALSE;

  p = path + 1;
  for (guint i = 0; i < 3; i++)
    {
      const char *end = strchr (p, '/');

      if (i < 2 && end == NULL)
        return FALSE;
      if (i == 2)
        {
          if (end != NULL)
            return FALSE;
          end = p + strlen (p);
        }

      if (!is_slug_segment (p, end - p))
        return FALSE;

      segments[i] = p;
      lengths[i] = end - p;
      p = end + 1;
    }

  if (framework_slug != NULL)
    *framework_slug = g_strndup (segments[0], lengths[0]);
  if (topic_slug != NULL)
    *topic_slug = g_strndup (segments[1], lengths[1]);
  if (subtopic_slug != NULL)
    *subtopic_slug = g_strndup (segments[2], lengths[2]);

  return TRUE;
}
