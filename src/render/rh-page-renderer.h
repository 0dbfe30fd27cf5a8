/* rh-page-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rh-code-highlighter.h"
#include "rh-subtopic.h"

G_BEGIN_DECLS

typedef enum
{
  RH_PAGE_RENDER_DEFAULT = 0,
  RH_PAGE_RENDER_DARK = 1 << 0,
  /* A file that stands alone: styles inlined, no app links or buttons. */
  RH_PAGE_RENDER_STANDALONE = 1 << 1,
} RhPageRenderFlags;

#define RH_PAGE_URI_PREFIX "rehearse://library"
#define RH_RESOURCE_URI_PREFIX "rehearse://resource/"
#define RH_ACTION_URI_PREFIX "rehearse://action/"

/* Whether a question is bookmarked, for the star beside it. */
typedef gboolean (*RhBookmarkLookup) (const char *path,
                                      const char *question_id,
                                      gpointer    user_data);

#define RH_TYPE_PAGE_RENDERER (rh_page_renderer_get_type ())

G_DECLARE_FINAL_TYPE (RhPageRenderer, rh_page_renderer, RH, PAGE_RENDERER, GObject)

RhPageRenderer    *rh_page_renderer_new (void);
RhCodeHighlighter *rh_page_renderer_get_highlighter (RhPageRenderer *self);
char              *rh_page_renderer_render (RhPageRenderer   *self,
                                            RhSubtopic       *subtopic,
                                            RhPageRenderFlags flags);
char              *rh_page_renderer_render_with_index (RhPageRenderer   *self,
                                                       RhSubtopic       *subtopic,
                                                       RhPageRenderFlags flags,
                                                       const char       *index_href);
char              *rh_page_renderer_render_answer (RhPageRenderer *self,
                                                   RhQuestion     *question);
char              *rh_page_renderer_render_card (RhPageRenderer   *self,
                                                 RhQuestion       *question,
                                                 gboolean          show_answer,
                                                 RhPageRenderFlags flags);
const char        *rh_page_renderer_get_stylesheet (RhPageRenderer *self);
void               rh_page_renderer_set_fonts (RhPageRenderer *self,
                                               const char     *document_font,
                                               const char     *monospace_font);
void               rh_page_renderer_set_bookmark_lookup (RhPageRenderer  *self,
                                                         RhBookmarkLookup lookup,
                                                         gpointer         user_data,
                                                         GDestroyNotify   destroy);
char              *rh_page_study_link_for_path (const char *path);
char              *rh_page_uri_for_path (const char *path,
                                         const char *question_id);

G_END_DECLS
