/* rh-html.c
 *
 * The HTML that Markdown and highlighted code come to: escaping text, and
 * decoding the character references that content writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-html.h"

/* Character references people actually write in technical answers.
 * Unknown ones are left for the browser in text (which is harmless) and
 * kept literally in attributes (so no URL can be decoded after the check). */
static const struct
{
  const char *name;
  const char *text;
} named_entities[] = {
  { "amp", "&" },
  { "lt", "<" },
  { "gt", ">" },
  { "quot", "\"" },
  { "apos", "'" },
  { "nbsp", "\xC2\xA0" },
  { "ensp", "\xE2\x80\x82" },
  { "emsp", "\xE2\x80\x83" },
  { "thinsp", "\xE2\x80\x89" },
  { "shy", "\xC2\xAD" },
  { "zwj", "\xE2\x80\x8D" },
  { "zwnj", "\xE2\x80\x8C" },
  { "Tab", "\t" },
  { "NewLine", "\n" },
  { "excl", "!" },
  { "num", "#" },
  { "dollar", "$" },
  { "percnt", "%" },
  { "lpar", "(" },
  { "rpar", ")" },
  { "ast", "*" },
  { "plus", "+" },
  { "comma", "," },
  { "period", "." },
  { "sol", "/" },
  { "colon", ":" },
  { "semi", ";" },
  { "equals", "=" },
  { "quest", "?" },
  { "commat", "@" },
  { "lsqb", "[" },
  { "lbrack", "[" },
  { "bsol", "\\" },
  { "rsqb", "]" },
  { "rbrack", "]" },
  { "Hat", "^" },
  { "lowbar", "_" },
  { "grave", "`" },
  { "lcub", "{" },
  { "lbrace", "{" },
  { "verbar", "|" },
  { "vert", "|" },
  { "rcub", "}" },
  { "rbrace", "}" },
  { "tilde", "\xCB\x9C" },
  { "copy", "\xC2\xA9" },
  { "reg", "\xC2\xAE" },
  { "trade", "\xE2\x84\xA2" },
  { "hellip", "\xE2\x80\xA6" },
  { "mdash", "\xE2\x80\x94" },
  { "ndash", "\xE2\x80\x93" },
  { "lsquo", "\xE2\x80\x98" },
  { "rsquo", "\xE2\x80\x99" },
  { "ldquo", "\xE2\x80\x9C" },
  { "rdquo", "\xE2\x80\x9D" },
  { "laquo", "\xC2\xAB" },
  { "raquo", "\xC2\xBB" },
  { "bull", "\xE2\x80\xA2" },
  { "middot", "\xC2\xB7" },
  { "deg", "\xC2\xB0" },
  { "plusmn", "\xC2\xB1" },
  { "times", "\xC3\x97" },
  { "divide", "\xC3\xB7" },
  { "micro", "\xC2\xB5" },
  { "para", "\xC2\xB6" },
  { "sect", "\xC2\xA7" },
  { "euro", "\xE2\x82\xAC" },
  { "pound", "\xC2\xA3" },
  { "yen", "\xC2\xA5" },
  { "cent", "\xC2\xA2" },
  { "sup2", "\xC2\xB2" },
  { "sup3", "\xC2\xB3" },
  { "frac12", "\xC2\xBD" },
  { "frac14", "\xC2\xBC" },
  { "frac34", "\xC2\xBE" },
  { "larr", "\xE2\x86\x90" },
  { "uarr", "\xE2\x86\x91" },
  { "rarr", "\xE2\x86\x92" },
  { "darr", "\xE2\x86\x93" },
  { "harr", "\xE2\x86\x94" },
  { "lArr", "\xE2\x87\x90" },
  { "rArr", "\xE2\x87\x92" },
  { "hArr", "\xE2\x87\x94" },
  { "ne", "\xE2\x89\xA0" },
  { "le", "\xE2\x89\xA4" },
  { "ge", "\xE2\x89\xA5" },
  { "asymp", "\xE2\x89\x88" },
  { "equiv", "\xE2\x89\xA1" },
  { "infin", "\xE2\x88\x9E" },
  { "minus", "\xE2\x88\x92" },
  { "sum", "\xE2\x88\x91" },
  { "prod", "\xE2\x88\x8F" },
  { "radic", "\xE2\x88\x9A" },
  { "forall", "\xE2\x88\x80" },
  { "exist", "\xE2\x88\x83" },
  { "isin", "\xE2\x88\x88" },
  { "notin", "\xE2\x88\x89" },
  { "empty", "\xE2\x88\x85" },
  { "and", "\xE2\x88\xA7" },
  { "or", "\xE2\x88\xA8" },
  { "not", "\xC2\xAC" },
  { "cap", "\xE2\x88\xA9" },
  { "cup", "\xE2\x88\xAA" },
  { "sub", "\xE2\x8A\x82" },
  { "sup", "\xE2\x8A\x83" },
  { "alpha", "\xCE\xB1" },
  { "beta", "\xCE\xB2" },
  { "gamma", "\xCE\xB3" },
  { "delta", "\xCE\xB4" },
  { "epsilon", "\xCE\xB5" },
  { "theta", "\xCE\xB8" },
  { "lambda", "\xCE\xBB" },
  { "mu", "\xCE\xBC" },
  { "pi", "\xCF\x80" },
  { "sigma", "\xCF\x83" },
  { "tau", "\xCF\x84" },
  { "phi", "\xCF\x86" },
  { "omega", "\xCF\x89" },
  { "Delta", "\xCE\x94" },
  { "Theta", "\xCE\x98" },
  { "Lambda", "\xCE\x9B" },
  { "Pi", "\xCE\xA0" },
  { "Sigma", "\xCE\xA3" },
  { "Omega", "\xCE\xA9" },
  { "check", "\xE2\x9C\x93" },
  { "cross", "\xE2\x9C\x97" },
  { "star", "\xE2\x98\x86" },
  { "starf", "\xE2\x98\x85" },
  { "hearts", "\xE2\x99\xA5" },
  { "dagger", "\xE2\x80\xA0" },
  { "prime", "\xE2\x80\xB2" },
  { "Prime", "\xE2\x80\xB3" },
};

/**
 * rh_html_append_escaped:
 *
 * Appends @len bytes of @text with the five characters that matter in
 * HTML text and attribute values escaped. Runs of plain text are copied
 * whole: code blocks and answers are mostly plain text.
 */
void
rh_html_append_escaped (GString    *out,
                        const char *text,
                        gsize       len)
{
  const char *end = text + len;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&':
          entity = "&amp;";
          break;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '"':
          entity = "&quot;";
          break;
        case '\'':
          entity = "&#39;";
          break;
        default:
          continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

/**
 * rh_html_append_text:
 * @text: a nul-terminated string
 *
 * rh_html_append_escaped() for all of @text.
 */
void
rh_html_append_text (GString    *out,
                     const char *text)
{
  rh_html_append_escaped (out, text, strlen (text));
}

/**
 * rh_html_decode_entity:
 * @text: a character reference, `&name;`, `&#NNN;` or `&#xHHH;`
 * @size: its length in bytes, the `&` and `;` included
 * @out: where the character it stands for is appended, unescaped
 *
 * Returns: %FALSE for unknown names and malformed references, which
 *   append nothing
 */
gboolean
rh_html_decode_entity (const char *text,
                       gsize       size,
                       GString    *out)
{
  g_return_val_if_fail (text != NULL || size == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (size < 3 || text[0] != '&' || text[size - 1] != ';')
    return FALSE;

  if (text[1] == '#')
    {
      gboolean    hex = size > 3 && (text[2] == 'x' || text[2] == 'X');
      const char *digits = text + (hex ? 3 : 2);
      const char *end = text + size - 1;
      guint64     value = 0;

      if (digits == end)
        return FALSE;

      for (const char *p = digits; p < end; p++)
        {
          int digit = hex ? g_ascii_xdigit_value (*p) : g_ascii_digit_value (*p);

          if (digit < 0)
            return FALSE;
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) + digit;
        }

      /* As CommonMark says, and never a nul in the output */
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;

      g_string_append_unichar (out, (gunichar) value);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    {
      const char *name = named_entities[i].name;

      if (strlen (name) == size - 2 && memcmp (name, text + 1, size - 2) == 0)
        {
          g_string_append (out, named_entities[i].text);
          return TRUE;
        }
    }

  return FALSE;
}
