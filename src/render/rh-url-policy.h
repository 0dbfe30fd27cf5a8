/* rh-url-policy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RhUrlKind:
 * @RH_URL_KIND_DROP: not allowed; the URL must not reach the page
 * @RH_URL_KIND_RELATIVE: no scheme; kept as text for links, dropped for images
 * @RH_URL_KIND_FRAGMENT: an in-page reference such as `#section`
 * @RH_URL_KIND_WEB: `http:` or `https:`
 * @RH_URL_KIND_MAILTO: `mailto:`
 * @RH_URL_KIND_APP: a page of the library, `rehearse://library/…`; no
 *   other `rehearse:` URL is allowed, least of all the app's actions
 * @RH_URL_KIND_DATA_IMAGE: an inline base64 raster image (images only)
 *
 * What a URL found in Markdown content may be used for.
 */
typedef enum
{
  RH_URL_KIND_DROP,
  RH_URL_KIND_RELATIVE,
  RH_URL_KIND_FRAGMENT,
  RH_URL_KIND_WEB,
  RH_URL_KIND_MAILTO,
  RH_URL_KIND_APP,
  RH_URL_KIND_DATA_IMAGE,
} RhUrlKind;

RhUrlKind rh_url_policy_classify (const char *url,
                                  gboolean    is_image);
char     *rh_url_policy_sanitize_link (const char *url);
char     *rh_url_policy_sanitize_image (const char *url);

G_END_DECLS
