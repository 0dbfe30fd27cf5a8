/* rh-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rh-code-highlighter.h"

G_BEGIN_DECLS

#define RH_MARKDOWN_ERROR (rh_markdown_error_quark ())

typedef enum
{
  RH_MARKDOWN_ERROR_TOO_LARGE,
  RH_MARKDOWN_ERROR_FAILED,
} RhMarkdownError;

GQuark rh_markdown_error_quark (void);

char *rh_markdown_render (const char        *markdown,
                          gsize              len,
                          RhCodeHighlighter *highlighter,
                          GError           **error);
char *rh_markdown_render_standalone (const char        *markdown,
                                     gsize              len,
                                     RhCodeHighlighter *highlighter,
                                     GError           **error);
char *rh_markdown_render_with_copy_links (const char        *markdown,
                                          gsize              len,
                                          RhCodeHighlighter *highlighter,
                                          const char        *copy_link_prefix,
                                          GError           **error);
char *rh_markdown_get_code_block (const char *markdown,
                                  gsize       len,
                                  guint       index);
char *rh_markdown_render_inline (const char *text,
                                 gsize       len,
                                 GError    **error);

G_END_DECLS
