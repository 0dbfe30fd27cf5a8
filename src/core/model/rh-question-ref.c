/* rh-question-ref.c
 *
 * Which question: a page path and a question id, the identity that
 * bookmarks, search results, the window, GNOME Shell's search and the
 * command line share. Written as `PATH#ID`; page paths are slugs and
 * never hold a `#`, so the text splits back at its first one even when
 * the id has some.
 *
 * Immutable and counted atomically, so that a search on a worker thread
 * can hand its results to the main one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-question-ref.h"

struct _RhQuestionRef
{
  char *path;
  char *question_id;
};

G_DEFINE_BOXED_TYPE (RhQuestionRef, rh_question_ref, rh_question_ref_ref, rh_question_ref_unref)

/**
 * rh_question_ref_new:
 * @path: a page path
 * @question_id: a question on that page
 *
 * Returns: (transfer full): a reference to the question
 */
RhQuestionRef *
rh_question_ref_new (const char *path,
                     const char *question_id)
{
  RhQuestionRef *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  self = g_atomic_rc_box_new0 (RhQuestionRef);
  self->path = g_strdup (path);
  self->question_id = g_strdup (question_id);

  return self;
}

/* The page path before the first '#' of @text, and what follows it. */
static const char *
split (const char *text,
       gsize      *out_path_length)
{
  const char *hash = strchr (text, '#');

  *out_path_length = hash != NULL ? (gsize) (hash - text) : strlen (text);

  return hash != NULL ? hash + 1 : NULL;
}

/**
 * rh_question_ref_parse:
 * @text: (nullable): `PATH#ID`, from anywhere: a setting, a D-Bus call
 *
 * Returns: (transfer full) (nullable): the question @text names, or
 *   %NULL when it is not valid UTF-8 or lacks a path, a `#` or an id
 */
RhQuestionRef *
rh_question_ref_parse (const char *text)
{
  g_autofree char *path = NULL;

  return rh_question_ref_parse_location (text, &path);
}

/**
 * rh_question_ref_parse_location:
 * @location: (nullable): a page, `PATH`, or a question on it, `PATH#ID`
 * @out_path: (out) (transfer full) (optional): the page path, or %NULL
 *   when @location is %NULL or not valid UTF-8
 *
 * Returns: (transfer full) (nullable): the question @location names,
 *   or %NULL when it names a page alone
 */
RhQuestionRef *
rh_question_ref_parse_location (const char *location,
                                char      **out_path)
{
  RhQuestionRef *self;
  const char    *id;
  gsize          path_length;

  if (out_path != NULL)
    *out_path = NULL;

  if (location == NULL || !g_utf8_validate (location, -1, NULL))
    return NULL;

  id = split (location, &path_length);
  if (out_path != NULL)
    *out_path = g_strndup (location, path_length);

  if (path_length == 0 || id == NULL || *id == '\0')
    return NULL;

  self = g_atomic_rc_box_new0 (RhQuestionRef);
  self->path = g_strndup (location, path_length);
  self->question_id = g_strdup (id);

  return self;
}

/**
 * rh_question_ref_format:
 *
 * Returns: (transfer full): `PATH#ID`, which rh_question_ref_parse()
 *   reads back
 */
char *
rh_question_ref_format (const RhQuestionRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return rh_question_ref_format_location (self->path, self->question_id);
}

/**
 * rh_question_ref_format_location:
 * @question_id: (nullable): a question on the page, or %NULL for the
 *   page alone
 *
 * Returns: (transfer full): `PATH` or `PATH#ID`, which
 *   rh_question_ref_parse_location() reads back
 */
char *
rh_question_ref_format_location (const char *path,
                                 const char *question_id)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (question_id == NULL)
    return g_strdup (path);

  return g_strconcat (path, "#", question_id, NULL);
}

RhQuestionRef *
rh_question_ref_ref (RhQuestionRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
clear (RhQuestionRef *self)
{
  g_free (self->path);
  g_free (self->question_id);
}

void
rh_question_ref_unref (RhQuestionRef *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) clear);
}

const char *
rh_question_ref_get_path (const RhQuestionRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
rh_question_ref_get_question_id (const RhQuestionRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->question_id;
}

/**
 * rh_question_ref_equal:
 * @a: (type RhQuestionRef)
 * @b: (type RhQuestionRef)
 *
 * For #GHashTable, with rh_question_ref_hash().
 *
 * Returns: whether @a and @b name the same question
 */
gboolean
rh_question_ref_equal (gconstpointer a,
                       gconstpointer b)
{
  const RhQuestionRef *x = a;
  const RhQuestionRef *y = b;

  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  return x == y || (g_str_equal (x->path, y->path) && g_str_equal (x->question_id, y->question_id));
}

/**
 * rh_question_ref_hash:
 * @self: (type RhQuestionRef)
 */
guint
rh_question_ref_hash (gconstpointer self)
{
  const RhQuestionRef *ref = self;

  g_return_val_if_fail (ref != NULL, 0);

  return g_str_hash (ref->path) * 31 + g_str_hash (ref->question_id);
}

/**
 * rh_question_ref_set_new:
 *
 * Returns: (transfer full) (element-type RhQuestionRef): an empty set,
 *   which owns what is added to it
 */
GHashTable *
rh_question_ref_set_new (void)
{
  return g_hash_table_new_full (rh_question_ref_hash, rh_question_ref_equal,
                                (GDestroyNotify) rh_question_ref_unref, NULL);
}

/**
 * rh_question_ref_set_copy:
 * @refs: (element-type RhQuestionRef): a table keyed by #RhQuestionRef
 *
 * Returns: (transfer full) (element-type RhQuestionRef): a set of the
 *   keys of @refs, such as another thread can keep
 */
GHashTable *
rh_question_ref_set_copy (GHashTable *refs)
{
  GHashTable    *set;
  GHashTableIter iter;
  gpointer       ref;

  g_return_val_if_fail (refs != NULL, NULL);

  set = rh_question_ref_set_new ();
  g_hash_table_iter_init (&iter, refs);
  while (g_hash_table_iter_next (&iter, &ref, NULL))
    g_hash_table_add (set, rh_question_ref_ref (ref));

  return set;
}
