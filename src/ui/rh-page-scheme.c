/* rh-page-scheme.c
 *
 * Serves the app's own `rehearse:` scheme to WebKit: the rendered pages
 * under rehearse://library/…, the study view's card under
 * rehearse://study/…, and their stylesheet under rehearse://resource/…, each with a content security policy that lets
 * no script, frame or remote resource in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rh-page-scheme.h"
#include "rh-page-view-private.h"
#include "rh-study-view.h"

/* Takes @bytes. Pages change with stars and colours and are never kept;
 * the stylesheet's address changes with it, so it may be kept. */
static void
rh_page_scheme_finish_with_bytes (WebKitURISchemeRequest *request,
                                  GBytes                 *bytes,
                                  const char             *content_type,
                                  gboolean                cacheable)
{
  g_autoptr (GBytes)                  owned = bytes;
  g_autoptr (GInputStream)            stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (WebKitURISchemeResponse) response = NULL;
  SoupMessageHeaders                 *headers;

  response = webkit_uri_scheme_response_new (stream, g_bytes_get_size (bytes));
  webkit_uri_scheme_response_set_content_type (response, content_type);

  /* The policy goes in a header as well as in the page, so it also
   * covers anything the page's own markup could not. */
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Content-Security-Policy",
                               "default-src 'none'; style-src rehearse:; img-src rehearse: data:; "
                               "script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; "
                               "form-action 'none'");
  soup_message_headers_append (headers, "Cache-Control", cacheable ? "max-age=86400, immutable" : "no-store");
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
rh_page_scheme_finish_with_error (WebKitURISchemeRequest *request,
                                  const char             *message)
{
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);

  webkit_uri_scheme_request_finish_error (request, error);
}

/* Each page view renders its own pages, in its own colours. */
static RhPageView *
rh_page_scheme_get_page_view (WebKitURISchemeRequest *request)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget     *page_view = web_view ? gtk_widget_get_ancestor (GTK_WIDGET (web_view), RH_TYPE_PAGE_VIEW) : NULL;

  return page_view ? RH_PAGE_VIEW (page_view) : NULL;
}

static void
rh_page_scheme_serve_page (RhPageView             *page_view,
                           WebKitURISchemeRequest *request,
                           const char             *path)
{
  char *html = _rh_page_view_render_page (page_view, path);

  if (html == NULL)
    {
      rh_page_scheme_finish_with_error (request, _ ("There is no such page in the library"));
      return;
    }

  rh_page_scheme_finish_with_bytes (request, g_bytes_new_take (html, strlen (html)), "text/html; charset=utf-8",
                                    FALSE);
}

static RhStudyView *
rh_page_scheme_get_study_view (WebKitURISchemeRequest *request)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget     *study_view = web_view ? gtk_widget_get_ancestor (GTK_WIDGET (web_view), RH_TYPE_STUDY_VIEW) : NULL;

  return study_view ? RH_STUDY_VIEW (study_view) : NULL;
}

static void
rh_page_scheme_serve_card (RhStudyView            *study_view,
                           WebKitURISchemeRequest *request)
{
  char *html = _rh_study_view_render_card (study_view);

  if (html == NULL)
    {
      rh_page_scheme_finish_with_error (request, _ ("There is no card to show"));
      return;
    }

  rh_page_scheme_finish_with_bytes (request, g_bytes_new_take (html, strlen (html)), "text/html; charset=utf-8",
                                    FALSE);
}

static void
rh_page_scheme_serve_resource (const char             *css,
                               WebKitURISchemeRequest *request,
                               const char             *name)
{
  if (g_strcmp0 (name, "/page.css") != 0 || css == NULL)
    {
      rh_page_scheme_finish_with_error (request, _ ("There is no such resource"));
      return;
    }

  rh_page_scheme_finish_with_bytes (request, g_bytes_new_static (css, strlen (css)), "text/css; charset=utf-8", TRUE);
}

static void
rh_page_scheme_handle_request (WebKitURISchemeRequest *request,
                               gpointer                user_data)
{
  RhPageView      *page_view = rh_page_scheme_get_page_view (request);
  RhStudyView     *study_view = page_view == NULL ? rh_page_scheme_get_study_view (request) : NULL;
  g_autoptr (GUri) uri = NULL;
  const char      *host;

  if ((page_view == NULL && study_view == NULL) ||
      !(uri = g_uri_parse (webkit_uri_scheme_request_get_uri (request), G_URI_FLAGS_NONE, NULL)))
    {
      rh_page_scheme_finish_with_error (request, _ ("Invalid address"));
      return;
    }

  host = g_uri_get_host (uri);
  if (g_strcmp0 (host, "library") == 0 && page_view != NULL)
    rh_page_scheme_serve_page (page_view, request, g_uri_get_path (uri));
  else if (g_strcmp0 (host, "study") == 0 && study_view != NULL)
    rh_page_scheme_serve_card (study_view, request);
  else if (g_strcmp0 (host, "resource") == 0)
    rh_page_scheme_serve_resource (page_view != NULL ? _rh_page_view_get_stylesheet (page_view)
                                                     : _rh_study_view_get_stylesheet (study_view),
                                   request, g_uri_get_path (uri));
  else
    rh_page_scheme_finish_with_error (request, _ ("Invalid address"));
}

/**
 * rh_page_scheme_register:
 *
 * Registers the scheme with WebKit's default context, once; every web
 * view of the process shares it.
 */
void
rh_page_scheme_register (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      WebKitWebContext      *context = webkit_web_context_get_default ();
      WebKitSecurityManager *security = webkit_web_context_get_security_manager (context);

      webkit_web_context_register_uri_scheme (context, RH_PAGE_SCHEME, rh_page_scheme_handle_request, NULL, NULL);
      /* Secure, so its pages are a secure context; local, so no web
       * page could ever link into it. */
      webkit_security_manager_register_uri_scheme_as_secure (security, RH_PAGE_SCHEME);
      webkit_security_manager_register_uri_scheme_as_local (security, RH_PAGE_SCHEME);
      g_once_init_leave (&registered, 1);
    }
}
