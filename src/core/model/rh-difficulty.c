/* rh-difficulty.c
 *
 * The three difficulties of a question or page, as an enum type with
 * the names content uses and the labels the window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-difficulty.h"

static const GEnumValue difficulty_values[] = {
  { RH_DIFFICULTY_EASY, "RH_DIFFICULTY_EASY", "easy" },
  { RH_DIFFICULTY_MEDIUM, "RH_DIFFICULTY_MEDIUM", "medium" },
  { RH_DIFFICULTY_HARD, "RH_DIFFICULTY_HARD", "hard" },
  { 0, NULL, NULL },
};

GType
rh_difficulty_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("RhDifficulty", difficulty_values));

  return (GType) type_id;
}

/* The site writes difficulties in lower case; anything else is an authoring
 * mistake worth reporting rather than guessing at.
 */
gboolean
rh_difficulty_from_string (const char   *text,
                           RhDifficulty *out_difficulty)
{
  g_return_val_if_fail (out_difficulty != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; difficulty_values[i].value_nick != NULL; i++)
    {
      if (strcmp (text, difficulty_values[i].value_nick) == 0)
        {
          *out_difficulty = difficulty_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rh_difficulty_to_string (RhDifficulty difficulty)
{
  g_return_val_if_fail (difficulty <= RH_DIFFICULTY_HARD, NULL);

  return difficulty_values[difficulty].value_nick;
}

const char *
rh_difficulty_to_label (RhDifficulty difficulty)
{
  g_return_val_if_fail (difficulty <= RH_DIFFICULTY_HARD, NULL);

  switch (difficulty)
    {
    case RH_DIFFICULTY_EASY:
      /* Translators: a question's difficulty */
      return _ ("Easy");
    case RH_DIFFICULTY_MEDIUM:
      /* Translators: a question's difficulty */
      return _ ("Medium");
    case RH_DIFFICULTY_HARD:
      /* Translators: a question's difficulty */
      return _ ("Hard");
    default:
      g_assert_not_reached ();
    }
}
