/* rh-code-fence.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RhCodeFenceCount:
 * @n_blocks: fenced code blocks
 * @n_fragments: those whose info string carries the `fragment` marker
 */
typedef struct
{
  guint n_blocks;
  guint n_fragments;
} RhCodeFenceCount;

void rh_code_fence_count (const char       *markdown,
                          RhCodeFenceCount *count);

G_END_DECLS
