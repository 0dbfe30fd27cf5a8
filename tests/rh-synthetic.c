/* rh-synthetic.c
 *
 * A synthetic library for benchmarks and tests, written in the site's own
 * payload form, one page per file. Answers look like real ones: several
 * paragraphs with inline code, code blocks in several languages, tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "rh-content-writer.h"
#include "rh-page-data.h"
#include "rh-question-private.h"
#include "rh-synthetic.h"

#define QUESTIONS_PER_PAGE 8
#define TOPICS_PER_FRAMEWORK 5
#define SUBTOPICS_PER_TOPIC 25

static const char *const words[] = {
  "thread",
  "process",
  "lock",
  "queue",
  "future",
  "event",
  "loop",
  "task",
  "worker",
  "pool",
  "buffer",
  "cache",
  "index",
  "request",
  "response",
  "latency",
  "throughput",
  "memory",
  "allocation",
  "reference",
  "closure",
  "iterator",
  "generator",
  "coroutine",
  "schedule",
  "deadlock",
  "mutex",
  "semaphore",
  "barrier",
  "signal",
  "handler",
  "callback",
  "promise",
  "transaction",
  "isolation",
  "replica",
  "partition",
  "shard",
  "consistency",
  "snapshot",
  "the",
  "a",
  "of",
  "to",
  "and",
  "when",
  "because",
  "while",
  "each",
  "every",
  "only",
  "never",
};

static const char *const code_blocks[][2] = {
  { "python",
    "import asyncio\n\nasync def fetch(n: int) -> int:\n    await asyncio.sleep(0.01)\n    return n * 2\n\n"
    "async def main() -> None:\n    results = await asyncio.gather(*(fetch(i) for i in range(10)))\n    print(sum(results))\n\n"
    "asyncio.run(main())\n" },
  { "c",
    "#include <pthread.h>\n#include <stdio.h>\n\nstatic int counter;\nstatic pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;\n\n"
    "static void *work (void *arg)\n{\n  pthread_mutex_lock (&lock);\n  counter++;\n  pthread_mutex_unlock (&lock);\n  return NULL;\n}\n" },
  { "javascript",
    "const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));\n\n"
    "async function retry(fn, attempts = 3) {\n  for (let i = 0; i < attempts; i++) {\n    try { return await fn(); }\n"
    "    catch (err) { await sleep(2 ** i * 100); }\n  }\n  throw new Error('gave up');\n}\n" },
  { "bash",
    "#!/bin/sh\nset -eu\nfor f in *.log; do\n  if grep -q ERROR \"$f\"; then\n    echo \"$f has errors\"\n  fi\ndone\n" },
  { "sql",
    "SELECT customer_id, COUNT(*) AS orders\nFROM orders\nWHERE created_at > NOW() - INTERVAL '30 days'\n"
    "GROUP BY customer_id\nHAVING COUNT(*) > 3\nORDER BY orders DESC;\n" },
  { "rust",
    "use std::sync::{Arc, Mutex};\nuse std::thread;\n\nfn main() {\n    let total = Arc::new(Mutex::new(0));\n"
    "    let handles: Vec<_> = (0..4).map(|_| {\n        let total = Arc::clone(&total);\n"
    "        thread::spawn(move || *total.lock().unwrap() += 1)\n    }).collect();\n"
    "    for h in handles { h.join().unwrap(); }\n}\n" },
};

/**
 * rh_synthetic_get_vocabulary:
 *
 * Returns: (array length=out_n) (transfer none): the words answers are
 *   made of, for benchmarks that search them
 */
const char *const *
rh_synthetic_get_vocabulary (guint *out_n)
{
  *out_n = G_N_ELEMENTS (words);

  return words;
}

static void
append_sentence (GString *text,
                 GRand   *rand)
{
  guint n = g_rand_int_range (rand, 8, 18);

  for (guint i = 0; i < n; i++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (i == 0)
        {
          g_string_append_c (text, g_ascii_toupper (word[0]));
          g_string_append (text, word + 1);
        }
      else if (g_rand_int_range (rand, 0, 12) == 0)
        g_string_append_printf (text, " `%s()`", word);
      else if (g_rand_int_range (rand, 0, 15) == 0)
        g_string_append_printf (text, " **%s**", word);
      else
        g_string_append_printf (text, " %s", word);
    }
  g_string_append (text, ". ");
}

static void
append_paragraph (GString *text,
                  GRand   *rand)
{
  guint n = g_rand_int_range (rand, 2, 5);

  for (guint i = 0; i < n; i++)
    append_sentence (text, rand);
  g_string_truncate (text, text->len - 1);
  g_string_append (text, "\n\n");
}

static char *
make_answer (GRand *rand)
{
  GString *text = g_string_new (NULL);
  guint    shape = g_rand_int_range (rand, 0, 4);

  append_paragraph (text, rand);
  append_paragraph (text, rand);

  if (shape != 3)
    {
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (code_blocks));

      g_string_append_printf (text, "```%s\n%s```\n\n", code_blocks[k][0], code_blocks[k][1]);
    }

  if (shape == 1 || shape == 3)
    {
      g_string_append (text, "| approach | cost | when |\n|---|---|---|\n");
      for (guint i = 0; i < 3; i++)
        g_string_append_printf (text, "| `%s` | %s | %s %s |\n",
                                words[g_rand_int_range (rand, 0, 30)],
                                words[g_rand_int_range (rand, 0, 30)],
                                words[g_rand_int_range (rand, 40, G_N_ELEMENTS (words))],
                                words[g_rand_int_range (rand, 0, 30)]);
      g_string_append_c (text, '\n');
    }

  /* A closing paragraph on most answers: about 1.4 KB a question, as
   * on the site. */
  if (g_rand_int_range (rand, 0, 3) == 0)
    append_paragraph (text, rand);

  return g_string_free (text, FALSE);
}

/**
 * rh_synthetic_pages:
 *
 * Returns: (transfer full) (element-type RhPageData): pages holding
 *   @n_questions questions in all, the same for the same @seed
 */
GPtrArray *
rh_synthetic_pages (guint   n_questions,
                    guint   questions_per_page,
                    guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray        *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) rh_page_data_free);
  guint             n_pages = (n_questions + questions_per_page - 1) / questions_per_page;
  guint             made = 0;

  for (guint p = 0; p < n_pages; p++)
    {
      RhPageData *page = rh_page_data_new ();
      guint       framework = p / (TOPICS_PER_FRAMEWORK * SUBTOPICS_PER_TOPIC);
      guint       topic = (p / SUBTOPICS_PER_TOPIC) % TOPICS_PER_FRAMEWORK;
      guint       subtopic = p % SUBTOPICS_PER_TOPIC;
      guint       first_sibling = p - subtopic;

      page->framework = g_strdup_printf ("Framework %u", framework + 1);
      page->framework_slug = g_strdup_printf ("framework-%u", framework + 1);
      page->topic = g_strdup_printf ("Topic %u.%u", framework + 1, topic + 1);
      page->topic_slug = g_strdup_printf ("topic-%u", topic + 1);
      page->title = g_strdup_printf ("Subtopic %u", subtopic + 1);
      page->path = g_strdup_printf ("/%s/%s/subtopic-%u", page->framework_slug, page->topic_slug, subtopic + 1);
      page->order = subtopic + 1;
      page->has_order = TRUE;
      page->difficulty = g_rand_int_range (rand, 0, 3);
      page->has_difficulty = TRUE;
      page->updated = g_strdup ("2026-06-18");
      page->summary = g_strdup_printf ("Interview questions on %s.", page->title);

      for (guint q = 0; q < questions_per_page && made < n_questions; q++, made++)
        {
          g_autoptr (GString) question = g_string_new ("How does ");

          g_string_append_printf (question, "`%s` interact with the %s %s (question %u)?",
                                  words[g_rand_int_range (rand, 0, 40)],
                                  words[g_rand_int_range (rand, 0, 40)],
                                  words[g_rand_int_range (rand, 0, 40)], made + 1);
          g_ptr_array_add (page->questions,
                           _rh_question_new_take (g_strdup_printf ("q-%u", q + 1),
                                                  g_rand_int_range (rand, 0, 3),
                                                  g_string_free (g_steal_pointer (&question), FALSE),
                                                  make_answer (rand)));
        }

      /* Every page lists its whole topic, as the site does, so a partial
       * library has siblings that are known but not available.
       */
      for (guint s = 0; s < SUBTOPICS_PER_TOPIC && first_sibling + s < n_pages; s++)
        {
          RhSiblingData sibling = {
            NULL,
          };

          sibling.title = g_strdup_printf ("Subtopic %u", s + 1);
          sibling.path = g_strdup_printf ("/%s/%s/subtopic-%u", page->framework_slug, page->topic_slug, s + 1);
          sibling.order = s + 1;
          sibling.has_order = TRUE;
          g_array_append_val (page->siblings, sibling);
        }

      g_ptr_array_add (pages, page);
    }

  return pages;
}

/**
 * rh_synthetic_write_library:
 *
 * Writes one site payload file per page into @directory.
 */
gboolean
rh_synthetic_write_library (const char *directory,
                            guint       n_questions,
                            guint32     seed,
                            gsize      *out_bytes,
                            GError    **error)
{
  g_autoptr (GPtrArray) pages = rh_synthetic_pages (n_questions, QUESTIONS_PER_PAGE, seed);
  gsize                 total = 0;

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", directory, g_strerror (errno));
      return FALSE;
    }

  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      g_autofree char      *name = g_strdup_printf ("page-%05u.json", i);
      g_autofree char      *path = g_build_filename (directory, name, NULL);
      g_autofree char      *data = NULL;
      gsize                 length;

      g_ptr_array_add (one, g_ptr_array_index (pages, i));
      data = rh_content_writer_payload (one, &length);
      if (!g_file_set_contents (path, data, length, error))
        return FALSE;
      total += length;
    }

  if (out_bytes != NULL)
    *out_bytes = total;

  return TRUE;
}
