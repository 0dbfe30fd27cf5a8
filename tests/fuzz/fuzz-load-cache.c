/* fuzz-load-cache.c
 *
 * The load cache, in two ways chosen by the input's first byte:
 *
 * - raw (even): the rest of the input is a cache file; opening it,
 *   looking a file up, and saving it again must hold up, and any pages
 *   it gives back keep the loader's rules;
 * - round trip (odd): the next byte is a count k (up to 8) and then come
 *   k edits of three bytes (offset, little-endian, and a byte value);
 *   the rest is a content file. Its pages are cached and read back, and
 *   must equal what was written; then the edits damage the cache file,
 *   and whatever it still gives back must keep the loader's rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "rh-content-file.h"
#include "rh-load-cache.h"

const char fuzz_harness_name[] = "load-cache";

#define MAX_EDITS 8

static char *cache_file;
static char *content_file;
static char *raw_content_file;

static void
write_file (const char *file,
            const void *data,
            gsize       size)
{
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents_full (file, data, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    fuzz_fail ("cannot write %s: %s", file, error->message);
}

static void
check_lookup (RhLoadCache *cache,
              const char  *file)
{
  g_autoptr (GPtrArray) pages = rh_load_cache_lookup (cache, file);

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      RhPageData *page = g_ptr_array_index (pages, i);

      fuzz_check_page (page);
      fuzz_check (g_str_equal (page->source, file), "a cached page names another source");
    }
}

static void
run_raw (const uint8_t *data,
         size_t         size)
{
  g_autoptr (RhLoadCache) cache = NULL;
  g_autoptr (RhLoadCache) again = NULL;

  write_file (cache_file, data, size);
  cache = rh_load_cache_open (cache_file);
  fuzz_check (cache != NULL, "no cache from a damaged file");
  check_lookup (cache, raw_content_file);

  /* What was kept is written back in normal form, and must open again. */
  rh_load_cache_mark_used (cache, raw_content_file);
  fuzz_check (rh_load_cache_save (cache, NULL), "the cache cannot be saved");
  again = rh_load_cache_open (cache_file);
  check_lookup (again, raw_content_file);
}

static void
run_round_trip (const uint8_t *data,
                size_t         size)
{
  g_autoptr (GPtrArray)   pages = NULL;
  g_autoptr (GPtrArray)   cached = NULL;
  g_autoptr (RhLoadCache) cache = NULL;
  g_autofree char        *bytes = NULL;
  const uint8_t          *edits;
  gsize                   length;
  guint                   n_edits;

  if (size < 1)
    return;
  n_edits = MIN (data[0], MAX_EDITS);
  if (size < 1 + 3 * n_edits)
    return;
  edits = data + 1;
  data += 1 + 3 * n_edits;
  size -= 1 + 3 * n_edits;

  write_file (content_file, data, size);
  pages = rh_content_file_load (content_file, NULL);
  if (pages == NULL)
    return;

  g_unlink (cache_file);
  cache = rh_load_cache_open (cache_file);
  rh_load_cache_store (cache, content_file, pages);
  fuzz_check (rh_load_cache_is_dirty (cache), "a store that leaves the cache clean");
  fuzz_check (rh_load_cache_save (cache, NULL), "the cache cannot be saved");
  g_clear_pointer (&cache, rh_load_cache_free);

  cache = rh_load_cache_open (cache_file);
  cached = rh_load_cache_lookup (cache, content_file);
  if (pages->len == 0)
    fuzz_check (cached == NULL, "pages from the cache for a file that held none");
  else
    fuzz_check_same_pages (pages, cached);
  g_clear_pointer (&cache, rh_load_cache_free);

  if (n_edits == 0)
    return;
  if (!g_file_get_contents (cache_file, &bytes, &length, NULL) || length == 0)
    fuzz_fail ("the saved cache cannot be read back");
  for (guint i = 0; i < n_edits; i++)
    {
      guint offset = edits[3 * i] | (edits[3 * i + 1] << 8);

      bytes[offset % length] = edits[3 * i + 2];
    }
  write_file (cache_file, bytes, length);

  cache = rh_load_cache_open (cache_file);
  check_lookup (cache, content_file);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  if (cache_file == NULL)
    {
      g_autofree char  *dir = fuzz_temp_dir ();
      static const char page[] = "{\"page\":{\"framework\":\"F\",\"topic\":\"T\",\"subtopic\":\"S\",\"path\":\"/f/t/s\","
                                 "\"questions\":[{\"id\":\"q\",\"difficulty\":\"easy\",\"q\":\"Q?\",\"a\":\"A.\"}]}}";

      cache_file = g_build_filename (dir, "load-cache.gvariant", NULL);
      content_file = g_build_filename (dir, "content.json", NULL);
      raw_content_file = g_build_filename (dir, "raw-content.json", NULL);
      write_file (raw_content_file, page, sizeof page - 1);
    }

  if (size == 0)
    return 0;
  if (data[0] % 2 == 0)
    run_raw (data + 1, size - 1);
  else
    run_round_trip (data + 1, size - 1);

  return 0;
}
