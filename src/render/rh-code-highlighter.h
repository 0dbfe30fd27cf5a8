/* rh-code-highlighter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* GtkSourceView highlights well under a megabyte a second and keeps the
 * whole block in a text buffer: a longer block is only escaped, and so is
 * all code after the first RH_CODE_HIGHLIGHTER_BUDGET bytes since the
 * budget was last reset (once a page). */
#define RH_CODE_HIGHLIGHTER_MAX_BYTES (64 * 1024)
#define RH_CODE_HIGHLIGHTER_BUDGET (256 * 1024)

#define RH_TYPE_CODE_HIGHLIGHTER (rh_code_highlighter_get_type ())

G_DECLARE_FINAL_TYPE (RhCodeHighlighter, rh_code_highlighter, RH, CODE_HIGHLIGHTER, GObject)

RhCodeHighlighter *rh_code_highlighter_new (void);
char              *rh_code_highlighter_highlight (RhCodeHighlighter *self,
                                                  const char        *code,
                                                  gsize              len,
                                                  const char        *language_name);
void               rh_code_highlighter_reset_budget (RhCodeHighlighter *self);
const char        *rh_code_highlighter_resolve_language (RhCodeHighlighter *self,
                                                         const char        *language_name);
const char        *rh_code_highlighter_get_display_name (RhCodeHighlighter *self,
                                                         const char        *language_name);
char              *rh_code_highlighter_scheme_css (RhCodeHighlighter *self,
                                                   const char        *scheme_id,
                                                   const char        *selector_prefix);
char              *rh_code_highlighter_page_css (RhCodeHighlighter *self);

G_END_DECLS
