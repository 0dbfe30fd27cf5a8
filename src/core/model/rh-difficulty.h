/* rh-difficulty.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RH_DIFFICULTY_EASY,
  RH_DIFFICULTY_MEDIUM,
  RH_DIFFICULTY_HARD,
} RhDifficulty;

#define RH_TYPE_DIFFICULTY (rh_difficulty_get_type ())

GType       rh_difficulty_get_type (void) G_GNUC_CONST;
gboolean    rh_difficulty_from_string (const char   *text,
                                       RhDifficulty *out_difficulty);
const char *rh_difficulty_to_string (RhDifficulty difficulty);
const char *rh_difficulty_to_label (RhDifficulty difficulty);

G_END_DECLS
