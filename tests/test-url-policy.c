/* test-url-policy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rh-url-policy.h"

typedef struct
{
  const char *url;
  gboolean    is_image;
  RhUrlKind   kind;
} ClassifyCase;

static const ClassifyCase classify_cases[] = {
  /* Allowed links */
  { "http://example.com/", FALSE, RH_URL_KIND_WEB },
  { "https://example.com/path?q=1&r=2#frag", FALSE, RH_URL_KIND_WEB },
  { "HTTPS://EXAMPLE.COM", FALSE, RH_URL_KIND_WEB },
  { "  https://example.com  ", FALSE, RH_URL_KIND_WEB },
  { "https://example.com/?next=javascript:alert(1)", FALSE, RH_URL_KIND_WEB },
  { "https://example.com/%3A%2F", FALSE, RH_URL_KIND_WEB },
  { "mailto:someone@example.com", FALSE, RH_URL_KIND_MAILTO },
  { "MailTo:someone@example.com", FALSE, RH_URL_KIND_MAILTO },
  { "#section-2", FALSE, RH_URL_KIND_FRAGMENT },
  { "rehearse://library/python/concurrency/multiprocessing#q-pool", FALSE, RH_URL_KIND_APP },
  { "Rehearse://library/git/branching/rebasing", FALSE, RH_URL_KIND_APP },
  { " rehearse://lib\trary/go/channels/select", FALSE, RH_URL_KIND_APP },

  /* The app's own links act when clicked: never from content */
  { "rehearse://action/bookmark?q=pool", FALSE, RH_URL_KIND_DROP },
  { "REHEARSE://action/copy?q=pool&block=0", FALSE, RH_URL_KIND_DROP },
  { "rehearse://resource/page.css", FALSE, RH_URL_KIND_DROP },
  { "rehearse://library", FALSE, RH_URL_KIND_DROP },
  { "rehearse://library@action/bookmark?q=pool", FALSE, RH_URL_KIND_DROP },
  { "rehearse://library.action/bookmark?q=pool", FALSE, RH_URL_KIND_DROP },
  { "rehearse://LIBRARY/python/core/x", FALSE, RH_URL_KIND_DROP },
  { "rehearse://%6Cibrary/python/core/x", FALSE, RH_URL_KIND_DROP },
  { "rehearse:%2F%2Flibrary/python/core/x", FALSE, RH_URL_KIND_DROP },
  { "rehearse:/library/python/core/x", FALSE, RH_URL_KIND_DROP },
  { "rehearse:question/42", FALSE, RH_URL_KIND_DROP },
  { "Rehearse://deck/python", FALSE, RH_URL_KIND_DROP },
  { "rehearse&#58;//action/bookmark?q=pool", FALSE, RH_URL_KIND_DROP },
  { "rehearse://library/x/y/z", TRUE, RH_URL_KIND_DROP },

  /* Relative */
  { "docs/page.html", FALSE, RH_URL_KIND_RELATIVE },
  { "/absolute/path", FALSE, RH_URL_KIND_RELATIVE },
  { "./javascript:alert(1)", FALSE, RH_URL_KIND_RELATIVE },
  { "//evil.example.com/x", FALSE, RH_URL_KIND_RELATIVE },

  /* Dangerous or unknown schemes */
  { "", FALSE, RH_URL_KIND_DROP },
  { "   ", FALSE, RH_URL_KIND_DROP },
  { "javascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { " JaVaScRiPt:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "\x01\x02javascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "\njavascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "java\tscript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "java\nscript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "java\rscript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "jav&#x09;ascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "jav&#9;ascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "jav&#0000009ascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "jav&Tab;ascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "&#106;avascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)", FALSE, RH_URL_KIND_DROP },
  { "javascript&colon;alert(1)", FALSE, RH_URL_KIND_DROP },
  { "javascript&#58;alert(1)", FALSE, RH_URL_KIND_DROP },
  { "java%73cript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "javascript%3Aalert(1)", FALSE, RH_URL_KIND_DROP },
  { "%6A%61%76%61%73%63%72%69%70%74:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "&amp;#106;avascript:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "java&zwnj;script:alert(1)", FALSE, RH_URL_KIND_DROP },
  { "vbscript:msgbox(1)", FALSE, RH_URL_KIND_DROP },
  { "VBScript:msgbox(1)", FALSE, RH_URL_KIND_DROP },
  { "file:///etc/passwd", FALSE, RH_URL_KIND_DROP },
  { "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", FALSE, RH_URL_KIND_DROP },
  { "data:image/png;base64,iVBORw0KGgo=", FALSE, RH_URL_KIND_DROP },
  { "ftp://example.com/file", FALSE, RH_URL_KIND_DROP },
  { "about:blank", FALSE, RH_URL_KIND_DROP },
  { "blob:https://example.com/uuid", FALSE, RH_URL_KIND_DROP },
  { "webkit-pdfjs-viewer://x", FALSE, RH_URL_KIND_DROP },

  /* Images */
  { "data:image/png;base64,iVBORw0KGgo=", TRUE, RH_URL_KIND_DATA_IMAGE },
  { "DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=", TRUE, RH_URL_KIND_DATA_IMAGE },
  { "data:image/jpeg;base64,/9j/4AAQSkZJRg==", TRUE, RH_URL_KIND_DATA_IMAGE },
  { "data:image/gif;base64,R0lGODlhAQABAAAAACw=", TRUE, RH_URL_KIND_DATA_IMAGE },
  { "data:image/webp;base64,UklGRhoAAABXRUJQ", TRUE, RH_URL_KIND_DATA_IMAGE },
  { " data:image/png;base64,iVBORw0KGgo=", TRUE, RH_URL_KIND_DATA_IMAGE },
  { "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", TRUE, RH_URL_KIND_DROP },
  { "data:image/svg+xml,<svg onload=alert(1)>", TRUE, RH_URL_KIND_DROP },
  { "data:image/png,rawbytes", TRUE, RH_URL_KIND_DROP },
  { "data:image/png;base64,", TRUE, RH_URL_KIND_DROP },
  { "data:image/png;base64,abc\"onerror=alert(1)", TRUE, RH_URL_KIND_DROP },
  { "data:image/png;base64,ab==cd", TRUE, RH_URL_KIND_DROP },
  { "data:text/html;base64,PHNjcmlwdD4=", TRUE, RH_URL_KIND_DROP },
  { "https://example.com/cat.png", TRUE, RH_URL_KIND_WEB },
  { "cat.png", TRUE, RH_URL_KIND_RELATIVE },
  { "#anchor", TRUE, RH_URL_KIND_DROP },
  { "javascript:alert(1)", TRUE, RH_URL_KIND_DROP },
  { "file:///home/user/cat.png", TRUE, RH_URL_KIND_DROP },
  { "rehearse:image/1", TRUE, RH_URL_KIND_DROP },
  { "mailto:someone@example.com", TRUE, RH_URL_KIND_DROP },
};

typedef struct
{
  const char *url;
  const char *expected;
} SanitizeCase;

static const SanitizeCase sanitize_link_cases[] = {
  { "https://example.com/", "https://example.com/" },
  { "  https://example.com/a b \t", "https://example.com/a b" },
  { "https://exa\nmple.com/", "https://example.com/" },
  { "mailto:a@example.com", "mailto:a@example.com" },
  { "#top", "#top" },
  { "rehearse://library/py/t/s#q-a", "rehearse://library/py/t/s#q-a" },
  { "rehearse://action/bookmark?q=a", NULL },
  { "rehearse:question/1", NULL },
  { "relative/page", NULL },
  { "javascript:alert(1)", NULL },
  { " JaVaScRiPt:alert(1)", NULL },
  { "java\tscript:alert(1)", NULL },
  { "jav&#x09;ascript:alert(1)", NULL },
  { "data:image/png;base64,iVBORw0KGgo=", NULL },
  { "vbscript:x", NULL },
  { "file:///etc/passwd", NULL },
  { "unknown-scheme:thing", NULL },
};

static const SanitizeCase sanitize_image_cases[] = {
  { "data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo=" },
  { "\tdata:image/gif;base64,R0lGOD==\n", "data:image/gif;base64,R0lGOD==" },
  { "https://example.com/cat.png", NULL },
  { "data:image/svg+xml;base64,PHN2Zz4=", NULL },
  { "cat.png", NULL },
};

static const char *
kind_to_string (RhUrlKind kind)
{
  switch (kind)
    {
    case RH_URL_KIND_DROP:
      return "drop";
    case RH_URL_KIND_RELATIVE:
      return "relative";
    case RH_URL_KIND_FRAGMENT:
      return "fragment";
    case RH_URL_KIND_WEB:
      return "web";
    case RH_URL_KIND_MAILTO:
      return "mailto";
    case RH_URL_KIND_APP:
      return "app";
    case RH_URL_KIND_DATA_IMAGE:
      return "data-image";
    default:
      return "invalid";
    }
}

static void
test_classify (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (classify_cases); i++)
    {
      const ClassifyCase *c = &classify_cases[i];
      RhUrlKind           kind = rh_url_policy_classify (c->url, c->is_image);

      if (kind != c->kind)
        {
          g_autofree char *escaped = g_strescape (c->url, NULL);

          g_test_message ("“%s” (%s): expected %s, got %s",
                          escaped, c->is_image ? "image" : "link",
                          kind_to_string (c->kind), kind_to_string (kind));
        }
      g_assert_cmpstr (kind_to_string (kind), ==, kind_to_string (c->kind));
    }
}

static void
test_sanitize_link (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sanitize_link_cases); i++)
    {
      g_autofree char *result = rh_url_policy_sanitize_link (sanitize_link_cases[i].url);

      g_assert_cmpstr (result, ==, sanitize_link_cases[i].expected);
    }
}

static void
test_sanitize_image (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sanitize_image_cases); i++)
    {
      g_autofree char *result = rh_url_policy_sanitize_image (sanitize_image_cases[i].url);

      g_assert_cmpstr (result, ==, sanitize_image_cases[i].expected);
    }
}

/* Whatever the input, a kept link must never be able to run script once a
 * browser has stripped what it ignores. */
static void
test_kept_links_are_safe (void)
{
  static const char *const prefixes[] = { "", " ", "\t", "\x01", "\x1f" };
  static const char *const schemes[] = {
    "javascript:",
    "JAVASCRIPT:",
    "vbscript:",
    "data:",
    "file:",
    "jav\tascript:",
    "javas\ncript:",
    "java\x0dscript:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (schemes); j++)
      {
        g_autofree char *url = g_strconcat (prefixes[i], schemes[j], "alert(1)", NULL);
        g_autofree char *link = rh_url_policy_sanitize_link (url);

        g_assert_null (link);
        g_assert_cmpint (rh_url_policy_classify (url, FALSE), ==, RH_URL_KIND_DROP);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/url-policy/classify", test_classify);
  g_test_add_func ("/url-policy/sanitize-link", test_sanitize_link);
  g_test_add_func ("/url-policy/sanitize-image", test_sanitize_image);
  g_test_add_func ("/url-policy/kept-links-are-safe", test_kept_links_are_safe);

  return g_test_run ();
}
