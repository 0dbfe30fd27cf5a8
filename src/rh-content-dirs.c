/* rh-content-dirs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-content-dirs.h"

/**
 * rh_content_dirs_get_bundled:
 *
 * REHEARSE_CONTENT_DIR lets the tests and a run from the source tree
 * use the library in the tree instead of an installed one.
 *
 * Returns: (transfer full): the directory of the bundled library
 */
char *
rh_content_dirs_get_bundled (void)
{
  const char *override = g_getenv ("REHEARSE_CONTENT_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_strdup (CONTENTDIR);
}
