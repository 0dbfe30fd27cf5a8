/* rh-url-policy.c
 *
 * Which link destinations an answer may keep: web and mail links, pages
 * of the library, and nothing that runs, loads or acts in the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rh-url-policy.h"

#include <string.h>

/* Number of decoding rounds applied when looking for a hidden scheme.
 * Nobody writes legitimate URLs that need more than one; the extra
 * rounds only exist to see through layered encodings. */
#define MAX_DEOBFUSCATION_ROUNDS 4

static gboolean
is_ignorable_edge (guchar c)
{
  /* What the URL standard strips from both ends: C0 controls and space */
  return c <= 0x20;
}

static gboolean
is_ignorable_inside (guchar c)
{
  /* What the URL standard removes anywhere, so "java\tscript:" works */
  return c == '\t' || c == '\n' || c == '\r';
}

/* The URL as a browser would see it, minus the characters it would
 * silently drop. This is also what we hand back to the renderer, so the
 * page never gets something that parses differently from what we checked. */
static char *
clean_url (const char *url)
{
  const char *start = url;
  const char *end = url + strlen (url);
  GString    *out;

  while (start < end && is_ignorable_edge ((guchar) *start))
    start++;
  while (end > start && is_ignorable_edge ((guchar) end[-1]))
    end--;

  out = g_string_sized_new (end - start);
  for (const char *p = start; p < end; p++)
    {
      if (!is_ignorable_inside ((guchar) *p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Returns the lower-cased scheme, or NULL when @url has none, following
 * the URL standard's scheme syntax: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
static char *
get_scheme (const char *url)
{
  if (!g_ascii_isalpha (url[0]))
    return NULL;

  for (const char *p = url + 1; *p != '\0'; p++)
    {
      if (*p == ':')
        return g_ascii_strdown (url, p - url);

      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
        return NULL;
    }

  return NULL;
}

/* Decodes a character reference at @p (pointing at '&'). Browsers accept
 * numeric references without the trailing semicolon, so we do too. Named
 * references are not looked up: ":", "&" and tab are the only ones that
 * matter for hiding a scheme; everything else is removed, which can only
 * make a URL look more suspicious, never less. */
static gboolean
decode_reference (const char *p,
                  GString    *out,
                  gsize      *consumed)
{
  const char *q = p + 1;

  if (*q == '#')
    {
      gboolean    hex = FALSE;
      guint64     value = 0;
      const char *digits;

      q++;
      if (*q == 'x' || *q == 'X')
        {
          hex = TRUE;
          q++;
        }

      digits = q;
      while (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q))
        {
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
          q++;
        }

      if (q == digits)
        return FALSE;

      if (*q == ';')
        q++;

      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;

      g_string_append_unichar (out, (gunichar) value);
      *consumed = q - p;
      return TRUE;
    }

  if (g_ascii_isalpha (*q))
    {
      const char *name = q;
      gsize       name_len;

      while (g_ascii_isalnum (*q))
        q++;
      name_len = q - name;
      if (*q == ';')
        q++;

      if (name_len == 5 && strncmp (name, "colon", 5) == 0)
        g_string_append_c (out, ':');
      else if (name_len == 3 && strncmp (name, "amp", 3) == 0)
        g_string_append_c (out, '&');
      else if (name_len == 3 && g_ascii_strncasecmp (name, "tab", 3) == 0)
        g_string_append_c (out, '\t');

      *consumed = q - p;
      return TRUE;
    }

  return FALSE;
}

static char *
deobfuscate_once (const char *url)
{
  GString *out = g_string_sized_new (strlen (url));

  for (const char *p = url; *p != '\0';)
    {
      gsize consumed = 0;

      if (*p == '&' && decode_reference (p, out, &consumed))
        {
          p += consumed;
          continue;
        }

      if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) << 4 | g_ascii_xdigit_value (p[2])));
          p += 3;
          continue;
        }

      /* Controls and spaces can never be part of a real scheme, but a
       * sloppy consumer might skip them, so they must not split one. */
      if ((guchar) *p <= 0x20 || *p == 0x7f)
        {
          p++;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/* The scheme some lenient decoder could find in @url after undoing entity
 * and percent encoding, e.g. "jav&#x09;ascript:" or "java%73cript:". */
static char *
get_hidden_scheme (const char *url)
{
  g_autofree char *current = g_strdup (url);

  for (guint i = 0; i < MAX_DEOBFUSCATION_ROUNDS; i++)
    {
      g_autofree char *next = deobfuscate_once (current);
      gboolean         stable = g_str_equal (next, current);

      g_free (current);
      current = g_steal_pointer (&next);
      if (stable)
        break;
    }

  return get_scheme (current);
}

static gboolean
is_base64_payload (const char *p)
{
  gboolean seen_padding = FALSE;

  if (*p == '\0')
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p == '=')
        seen_padding = TRUE;
      else if (seen_padding)
        return FALSE;
      else if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/')
        return FALSE;
    }

  return TRUE;
}

/* Only raster formats: SVG can carry script and external references. */
static gboolean
is_data_image (const char *url)
{
  static const char *const prefixes[] = {
    "data:image/png;base64,",
    "data:image/jpeg;base64,",
    "data:image/gif;base64,",
    "data:image/webp;base64,",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (url, prefixes[i], len) == 0)
        return is_base64_payload (url + len);
    }

  return FALSE;
}

/* After the scheme: //library/ and a path, the one host whose URIs only
 * show a page. The host is compared as written: rehearse is not a special
 * scheme, so nothing folds its case or reads @ or \ differently. */
static gboolean
is_library_page (const char *rest)
{
  return g_str_has_prefix (rest, "//library/");
}

static RhUrlKind
classify_clean (const char *clean,
                gboolean    is_image)
{
  g_autofree char *scheme = NULL;
  g_autofree char *hidden_scheme = NULL;

  if (clean[0] == '\0')
    return RH_URL_KIND_DROP;

  scheme = get_scheme (clean);
  hidden_scheme = get_hidden_scheme (clean);

  /* If decoding reveals a different scheme, somebody is trying to get
   * something past a filter; there is no honest reason for that. */
  if (g_strcmp0 (scheme, hidden_scheme) != 0)
    return RH_URL_KIND_DROP;

  if (scheme == NULL)
    {
      if (clean[0] == '#')
        return is_image ? RH_URL_KIND_DROP : RH_URL_KIND_FRAGMENT;

      return RH_URL_KIND_RELATIVE;
    }

  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    return RH_URL_KIND_WEB;

  if (g_str_equal (scheme, "data"))
    return is_image && is_data_image (clean) ? RH_URL_KIND_DATA_IMAGE : RH_URL_KIND_DROP;

  if (is_image)
    return RH_URL_KIND_DROP;

  if (g_str_equal (scheme, "mailto"))
    return RH_URL_KIND_MAILTO;

  /* The app's own links (copy, bookmark) are rehearse://action/… and
   * act when clicked; content may only point at pages of the library. */
  if (g_str_equal (scheme, "rehearse") && is_library_page (clean + strlen ("rehearse:")))
    return RH_URL_KIND_APP;

  return RH_URL_KIND_DROP;
}

/**
 * rh_url_policy_classify:
 * @url: a URL as written in the content, entities already decoded
 * @is_image: whether @url is an image source rather than a link target
 *
 * Decides what @url may be used for. Surrounding whitespace and control
 * characters are ignored the same way browsers ignore them, and URLs whose
 * scheme only appears after entity or percent decoding are dropped.
 *
 * Returns: the kind of @url
 */
RhUrlKind
rh_url_policy_classify (const char *url,
                        gboolean    is_image)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (url != NULL, RH_URL_KIND_DROP);

  clean = clean_url (url);
  return classify_clean (clean, is_image);
}

/**
 * rh_url_policy_sanitize_link:
 * @url: a link target as written in the content
 *
 * Returns: (transfer full) (nullable): the URL to put in an `href`
 *   attribute (still to be HTML-escaped), or %NULL when the link must be
 *   rendered as plain text
 */
char *
rh_url_policy_sanitize_link (const char *url)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  clean = clean_url (url);
  switch (classify_clean (clean, FALSE))
    {
    case RH_URL_KIND_WEB:
    case RH_URL_KIND_MAILTO:
    case RH_URL_KIND_FRAGMENT:
    case RH_URL_KIND_APP:
      return g_steal_pointer (&clean);

    case RH_URL_KIND_DROP:
    case RH_URL_KIND_RELATIVE:
    case RH_URL_KIND_DATA_IMAGE:
    default:
      return NULL;
    }
}

/**
 * rh_url_policy_sanitize_image:
 * @url: an image source as written in the content
 *
 * Only inline raster images are ever loaded; remote images are the
 * renderer's business (it turns them into links).
 *
 * Returns: (transfer full) (nullable): the URL to put in an `src`
 *   attribute (still to be HTML-escaped), or %NULL
 */
char *
rh_url_policy_sanitize_image (const char *url)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  clean = clean_url (url);
  if (classify_clean (clean, TRUE) == RH_URL_KIND_DATA_IMAGE)
    return g_steal_pointer (&clean);

  return NULL;
}
