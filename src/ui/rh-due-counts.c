/* rh-due-counts.c
 *
 * How many cards are due under each framework, topic and page, for the
 * sidebar: one query per page from the review log
 * (rh_study_stats_count_due_by_path()), summed up the path here. It
 * follows every window's grades through RhApplication::reviews-changed,
 * and the clock once a minute, as learning steps fall due.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-due-counts.h"
#include "rh-study-stats.h"

#define REFRESH_SECONDS 60

struct _RhDueCounts
{
  GObject parent_instance;

  RhApplication *application; /* weak */
  GHashTable    *counts; /* path or prefix → count */
  guint          timeout;
};

G_DEFINE_FINAL_TYPE (RhDueCounts, rh_due_counts, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rh_due_counts_dispose (GObject *object)
{
  RhDueCounts *self = (RhDueCounts *) object;

  g_clear_handle_id (&self->timeout, g_source_remove);
  if (self->application != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->application, self);
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }

  G_OBJECT_CLASS (rh_due_counts_parent_class)->dispose (object);
}

static void
rh_due_counts_finalize (GObject *object)
{
  RhDueCounts *self = (RhDueCounts *) object;

  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (rh_due_counts_parent_class)->finalize (object);
}

static void
rh_due_counts_class_init (RhDueCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_due_counts_dispose;
  object_class->finalize = rh_due_counts_finalize;

  /**
   * RhDueCounts::changed:
   *
   * The counts were read again; they may or may not differ.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
rh_due_counts_init (RhDueCounts *self)
{
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
add_count (GHashTable *counts,
           const char *key,
           gsize       length,
           guint       n)
{
  g_autofree char *prefix = g_strndup (key, length);
  guint            old = GPOINTER_TO_UINT (g_hash_table_lookup (counts, prefix));

  g_hash_table_replace (counts, g_steal_pointer (&prefix), GUINT_TO_POINTER (old + n));
}

/**
 * rh_due_counts_refresh:
 *
 * Reads the counts again and says so through #RhDueCounts::changed.
 */
void
rh_due_counts_refresh (RhDueCounts *self)
{
  RhReviewLog           *log;
  RhStudySettings        settings;
  g_autoptr (GHashTable) by_path = NULL;
  g_autoptr (GError)     error = NULL;
  GHashTableIter         iter;
  gpointer               key, value;
  gint64                 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (RH_IS_DUE_COUNTS (self));

  g_hash_table_remove_all (self->counts);

  if (self->application != NULL && (log = rh_application_get_review_log (self->application)) != NULL)
    {
      rh_application_get_study_settings (self->application, now, &settings);
      by_path = rh_study_stats_count_due_by_path (log, now, &settings, &error);
      if (by_path == NULL)
        g_warning ("Could not count the cards due: %s", error->message);
    }

  if (by_path != NULL)
    {
      /* "/python/concurrency/asyncio" counts for itself, for
       * "/python/concurrency" and for "/python". */
      g_hash_table_iter_init (&iter, by_path);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *path = key;

          for (const char *p = path + 1; *p != '\0'; p++)
            if (*p == '/')
              add_count (self->counts, path, p - path, GPOINTER_TO_UINT (value));
          add_count (self->counts, path, strlen (path), GPOINTER_TO_UINT (value));
        }
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rh_due_counts_on_timeout (gpointer user_data)
{
  rh_due_counts_refresh (RH_DUE_COUNTS (user_data));

  return G_SOURCE_CONTINUE;
}

RhDueCounts *
rh_due_counts_new (RhApplication *application)
{
  RhDueCounts *self;

  g_return_val_if_fail (RH_IS_APPLICATION (application), NULL);

  self = g_object_new (RH_TYPE_DUE_COUNTS, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  g_signal_connect_swapped (application, "reviews-changed", G_CALLBACK (rh_due_counts_refresh), self);
  self->timeout = g_timeout_add_seconds (REFRESH_SECONDS, rh_due_counts_on_timeout, self);
  rh_due_counts_refresh (self);

  return self;
}

/**
 * rh_due_counts_lookup:
 * @key: a page path, or a topic's or a framework's (`/python/concurrency`,
 *   `/python`)
 *
 * Returns: the cards due under @key
 */
guint
rh_due_counts_lookup (RhDueCounts *self,
                      const char  *key)
{
  g_return_val_if_fail (RH_IS_DUE_COUNTS (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));
}
