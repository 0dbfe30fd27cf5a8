/* rh-markdown-links.c
 *
 * Links and images in Markdown answers, through the URL policy: links the
 * policy allows, inline images only from data URLs, and remote images
 * offered as links rather than loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-html.h"
#include "rh-markdown-private.h"
#include "rh-page-data.h"
#include "rh-url-policy.h"

/* A link's or an image's title attribute, when it has a title */
static void
append_title (GString    *out,
              const char *title)
{
  if (title[0] == '\0')
    return;

  g_string_append (out, " title=\"");
  rh_html_append_text (out, title);
  g_string_append_c (out, '"');
}

/**
 * _rh_markdown_links_enter_link:
 *
 * Opens a link that the URL policy allows, unless it would nest in
 * another or sit in a title.
 *
 * Returns: whether an `<a>` went out, to be closed with
 *   _rh_markdown_links_leave_link()
 */
/* `rehearse://library/a/b/c#q-id` as the export writes it: every page
 * is `FRAMEWORK/TOPIC/SUBTOPIC.html` under one folder (rh-export.c), so
 * from any page another is `../../a/b/c.html#q-id`. Anything but a page
 * path of three slugs leads nowhere there, and is no link. */
static char *
library_link_as_file (const char *url)
{
  const char      *path = url + strlen ("rehearse://library");
  const char      *fragment = strchr (path, '#');
  g_autofree char *page = g_strndup (path, fragment != NULL ? (gsize) (fragment - path) : strlen (path));

  if (!rh_path_split (page, NULL, NULL, NULL))
    return NULL;

  return g_strconcat ("../..", page, ".html", fragment != NULL ? fragment : "", NULL);
}

gboolean
_rh_markdown_links_enter_link (RhMarkdownState        *state,
                               const MD_SPAN_A_DETAIL *detail)
{
  g_autofree char *href = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  gboolean         written = FALSE;

  /* Titles are links themselves in the question list, and anchors
   * cannot nest (a link around a remote image placeholder, say). */
  if (!state->inline_only && state->open_anchors == 0)
    {
      href = _rh_markdown_decode_attribute (&detail->href);
      url = rh_url_policy_sanitize_link (href);
    }

  /* Outside the app a library page is a file of the export. */
  if (url != NULL && state->standalone && rh_url_policy_classify (url, FALSE) == RH_URL_KIND_APP)
    {
      char *file = library_link_as_file (url);

      g_free (url);
      url = file;
    }

  if (url != NULL)
    {
      GString *out = state->out;

      g_string_append (out, "<a href=\"");
      rh_html_append_text (out, url);
      g_string_append_c (out, '"');

      if (rh_url_policy_classify (url, FALSE) == RH_URL_KIND_WEB)
        g_string_append (out, " class=\"external\" rel=\"noopener noreferrer\"");

      title = _rh_markdown_decode_attribute (&detail->title);
      append_title (out, title);

      g_string_append_c (out, '>');
      state->open_anchors++;
      written = TRUE;
    }

  return written;
}

static void
write_image (RhMarkdownState *state)
{
  GString    *out = state->out;
  const char *alt = state->alt->str;
  const char *src = state->image_src;
  const char *title = state->image_title;

  if (state->inline_only)
    {
      rh_html_append_text (out, alt);
      return;
    }

  switch (rh_url_policy_classify (src, TRUE))
    {
    case RH_URL_KIND_DATA_IMAGE:
      {
        g_autofree char *url = rh_url_policy_sanitize_image (src);

        g_string_append (out, "<img src=\"");
        rh_html_append_text (out, url);
        g_string_append (out, "\" alt=\"");
        rh_html_append_text (out, alt);
        g_string_append_c (out, '"');
        append_title (out, title);
        g_string_append_c (out, '>');
      }
      break;

    case RH_URL_KIND_WEB:
      {
        /* Loading it would leak that the page was viewed; offer a link */
        g_autofree char *url = rh_url_policy_sanitize_link (src);
        const char      *label = alt[0] != '\0' ? alt : url;

        if (state->open_anchors > 0)
          {
            g_string_append (out, "<span class=\"remote-image\">");
            rh_html_append_text (out, label);
            g_string_append (out, "</span>");
            break;
          }

        g_string_append (out, "<a class=\"external remote-image\" rel=\"noopener noreferrer\" href=\"");
        rh_html_append_text (out, url);
        g_string_append_c (out, '"');
        append_title (out, title);
        g_string_append_c (out, '>');
        rh_html_append_text (out, label);
        g_string_append (out, "</a>");
      }
      break;

    case RH_URL_KIND_DROP:
    case RH_URL_KIND_RELATIVE:
    case RH_URL_KIND_FRAGMENT:
    case RH_URL_KIND_MAILTO:
    case RH_URL_KIND_APP:
    default:
      rh_html_append_text (out, alt);
      break;
    }
}

void
_rh_markdown_links_leave_link (RhMarkdownState *state)
{
  g_string_append (state->out, "</a>");
  state->open_anchors--;
}

/**
 * _rh_markdown_links_enter_image:
 *
 * Starts an image: until _rh_markdown_links_leave_image(), text is its
 * alt text.
 */
void
_rh_markdown_links_enter_image (RhMarkdownState          *state,
                                const MD_SPAN_IMG_DETAIL *detail)
{
  state->image_depth = 1;
  g_string_truncate (state->alt, 0);
  g_clear_pointer (&state->image_src, g_free);
  g_clear_pointer (&state->image_title, g_free);
  state->image_src = _rh_markdown_decode_attribute (&detail->src);
  state->image_title = _rh_markdown_decode_attribute (&detail->title);
}

/* Images inside an image only add to its alt text. */
void
_rh_markdown_links_leave_image (RhMarkdownState *state)
{
  if (--state->image_depth == 0)
    write_image (state);
}
