/* bench-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times rendering a typical answer, with md4c's own HTML renderer (no
 * highlighting, no URL policy) as a baseline for what parsing alone costs.
 */

#include <md4c-html.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rh-markdown.h"

#define WARM_UP_RUNS 200
#define DEFAULT_RUNS 2000

static const char typical_answer[] =
    "A **generator** is a function that uses `yield` to produce a sequence of values "
    "lazily. Each call to `next()` resumes the function where it left off, so the "
    "whole sequence never has to exist in memory at once.\n"
    "\n"
    "This makes generators a good fit for streams of data such as log files or "
    "network responses. See the [Python tutorial](https://docs.python.org/3/tutorial/classes.html#generators) "
    "for the full story, and compare with *list comprehensions*, which build the "
    "entire list up front.\n"
    "\n"
    "```python\n"
    "import itertools\n"
    "\n"
    "\n"
    "def read_records(path):\n"
    "    \"\"\"Yield one stripped line at a time.\"\"\"\n"
    "    with open(path, encoding=\"utf-8\") as f:\n"
    "        for line in f:\n"
    "            if line.strip():\n"
    "                yield line.strip()\n"
    "\n"
    "\n"
    "first_ten = list(itertools.islice(read_records(\"app.log\"), 10))\n"
    "```\n"
    "\n"
    "Note that a generator can only be iterated **once**; call the function again "
    "to start over. Generators also support `send()` and `close()`, which turn "
    "them into simple coroutines.\n";

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
summarize (double *samples,
           guint   n,
           double *median,
           double *p95)
{
  qsort (samples, n, sizeof (double), compare_doubles);
  *median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.;
  *p95 = samples[MIN (n - 1, (guint) (n * 0.95))];
}

/* g_get_monotonic_time() only has microsecond resolution, too coarse
 * for the baseline */
static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
discard_output (const MD_CHAR *text G_GNUC_UNUSED,
                MD_SIZE             size,
                void               *user_data)
{
  gsize *total = user_data;

  *total += size;
}

static double
time_render (RhCodeHighlighter *highlighter)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *html = NULL;
  double             start = now_us ();
  double             end;

  html = rh_markdown_render (typical_answer, sizeof typical_answer - 1, highlighter, &error);
  end = now_us ();

  if (html == NULL)
    g_error ("Rendering failed: %s", error->message);

  return end - start;
}

static double
time_md_html (void)
{
  gsize  total = 0;
  double start = now_us ();

  if (md_html (typical_answer, sizeof typical_answer - 1, discard_output, &total,
               MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0) != 0)
    g_error ("md_html() failed");

  return now_us () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RhCodeHighlighter) highlighter = NULL;
  g_autofree double            *render_samples = NULL;
  g_autofree double            *baseline_samples = NULL;
  guint                         runs = DEFAULT_RUNS;
  double                        render_median, render_p95;
  double                        baseline_median, baseline_p95;

  if (argc > 1)
    runs = MAX (1, (guint) g_ascii_strtoull (argv[1], NULL, 10));

  highlighter = rh_code_highlighter_new ();
  render_samples = g_new (double, runs);
  baseline_samples = g_new (double, runs);

  /* Language definitions and regexes load on first use */
  for (guint i = 0; i < WARM_UP_RUNS; i++)
    {
      time_render (highlighter);
      time_md_html ();
    }

  /* Interleaved, so both see the same machine conditions */
  for (guint i = 0; i < runs; i++)
    {
      render_samples[i] = time_render (highlighter);
      baseline_samples[i] = time_md_html ();
    }

  summarize (render_samples, runs, &render_median, &render_p95);
  summarize (baseline_samples, runs, &baseline_median, &baseline_p95);

  g_print ("render: median %.1f us, p95 %.1f us (md_html baseline median %.1f us, ratio %.1fx)\n",
           render_median, render_p95, baseline_median,
           baseline_median > 0 ? render_median / baseline_median : 0.);

  return EXIT_SUCCESS;
}
