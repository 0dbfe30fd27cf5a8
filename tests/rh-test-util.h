/* rh-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char      *rh_test_fixture_path (const char *name);
char      *rh_test_write_temp (const char *name,
                               const char *contents,
                               gssize      length);
GPtrArray *rh_test_load_string (const char *contents,
                                GError    **error);

char *rh_test_take_output (GOutputStream *stream);

void     rh_test_remove_tree (const char *path);
char    *rh_test_use_temporary_home (const char *name);
gboolean rh_test_skip_unless_slow (void);

G_END_DECLS
