/* rh-markdown-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <md4c.h>

#include "rh-code-highlighter.h"

G_BEGIN_DECLS

/* What one rendering has written and what it still holds open. */
typedef struct
{
  GString           *out;
  RhCodeHighlighter *highlighter;
  gboolean           inline_only;
  gboolean           standalone; /* for --export-html, outside the app */

  GArray *blocks; /* OpenBlock, innermost last */
  GArray *spans; /* OpenSpan, innermost last */
  guint   open_anchors;

  /* Alt text is collected as plain text; nested images only add text */
  guint    image_depth;
  GString *alt;
  char    *image_src;
  char    *image_title;

  /* Copy buttons are links into the app, one per fenced block, so they
   * work without any script; the app looks the block up by number. */
  const char *copy_link_prefix;
  guint       n_fenced;
  GPtrArray  *fenced_blocks;

  /* Code blocks are collected whole so they can be highlighted at once */
  gboolean in_code;
  gboolean code_fenced;
  char    *code_lang;
  GString *code;
} RhMarkdownState;

char *_rh_markdown_decode_attribute (const MD_ATTRIBUTE *attribute);

void _rh_markdown_code_enter (RhMarkdownState            *state,
                              const MD_BLOCK_CODE_DETAIL *detail);
void _rh_markdown_code_leave (RhMarkdownState *state);

gboolean _rh_markdown_links_enter_link (RhMarkdownState        *state,
                                        const MD_SPAN_A_DETAIL *detail);
void     _rh_markdown_links_leave_link (RhMarkdownState *state);
void     _rh_markdown_links_enter_image (RhMarkdownState          *state,
                                         const MD_SPAN_IMG_DETAIL *detail);
void     _rh_markdown_links_leave_image (RhMarkdownState *state);

char *_rh_markdown_inline_prepare (const char *text,
                                   gsize       len);

G_END_DECLS
