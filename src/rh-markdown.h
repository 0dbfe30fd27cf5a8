/* rh-markdown.h
 *
 * Copyright 2024 The Rehearse authors
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

GQuark  rh_markdown_error_quark   (void);

char   *rh_markdown_render        (const char         *markdown,
                                   gsize               len,
                                   RhCodeHighlighter  *highlighter,
                                   GError            **error);
char   *rh_markdown_render_inline (const char         *text,
                                   gsize               len,
                                   GError            **error);

G_END_DECLS
