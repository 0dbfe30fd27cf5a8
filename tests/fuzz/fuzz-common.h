/* fuzz-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "rh-page-data.h"

G_BEGIN_DECLS

/* libFuzzer's entry point, which every harness defines; declared here
 * so that the harnesses and the replay driver agree on it. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The name of the harness, for messages; each harness defines it. */
extern const char fuzz_harness_name[];

typedef enum
{
  FUZZ_HTML_DOCUMENT = 1 << 0, /* a whole page: <head> may hold meta, link and style */
  FUZZ_HTML_COPY_LINKS = 1 << 1, /* copy buttons link into the app */
  FUZZ_HTML_STARS = 1 << 2, /* bookmark stars link into the app */
  FUZZ_HTML_STANDALONE = 1 << 3, /* an exported file: nothing links into the app */
} FuzzHtmlFlags;

void fuzz_init (void);

G_NORETURN void fuzz_fail (const char *format,
                           ...) G_GNUC_PRINTF (1, 2);

#define fuzz_check(condition, ...) \
  G_STMT_START                     \
  {                                \
    if (G_UNLIKELY (!(condition))) \
      fuzz_fail (__VA_ARGS__);     \
  }                                \
  G_STMT_END

char *fuzz_dup_text (const uint8_t *data,
                     size_t         size);
char *fuzz_temp_dir (void);

void fuzz_check_utf8 (const char *what,
                      const char *text,
                      gssize      length);
void fuzz_check_html (const char   *html,
                      FuzzHtmlFlags flags);
void fuzz_check_page (RhPageData *page);
void fuzz_check_same_pages (GPtrArray *expected,
                            GPtrArray *actual);

G_END_DECLS
