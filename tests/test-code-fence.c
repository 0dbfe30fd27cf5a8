/* test-code-fence.c
 *
 * Counting fenced code blocks and those marked as fragments, as the
 * checker reports them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-code-fence.h"

typedef struct
{
  const char *markdown;
  guint       n_blocks;
  guint       n_fragments;
} FenceCase;

static const FenceCase cases[] = {
  { "", 0, 0 },
  { "No code here.", 0, 0 },
  { "```python\nprint(1)\n```\n", 1, 0 },
  { "```python fragment\ndef f(): ...\n```\n", 1, 1 },
  { "```sh run\nls\n```\n\n```output\nx\n```", 2, 0 },
  /* The marker counts only after the language. */
  { "```fragment\nx\n```\n", 1, 0 },
  { "~~~js module fragment\nx\n~~~\n", 1, 1 },
  /* A shorter or other fence does not close the block. */
  { "````python\n```\nstill code\n````\n```python fragment\n```\n", 2, 1 },
  { "~~~\n```python fragment\n~~~\n", 1, 0 },
  /* Four spaces make an indented block, not a fence. */
  { "    ```python fragment\n    x\n", 0, 0 },
  { "   ```python fragment\nx\n   ```", 1, 1 },
  /* A backtick fence's info string cannot hold a backtick. */
  { "``` a`b\n", 0, 0 },
  /* Unclosed: runs to the end, one block. */
  { "```python\nx\n", 1, 0 },
  { "``\nnot a fence\n``", 0, 0 },
  { "```python\n``` not a close\n```", 1, 0 },
};

static void
test_count (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RhCodeFenceCount count;

      rh_code_fence_count (cases[i].markdown, &count);
      g_test_message ("case %u: %s", i, cases[i].markdown);
      g_assert_cmpuint (count.n_blocks, ==, cases[i].n_blocks);
      g_assert_cmpuint (count.n_fragments, ==, cases[i].n_fragments);
    }
}

static void
test_null (void)
{
  RhCodeFenceCount count = { 7, 7 };

  rh_code_fence_count (NULL, &count);
  g_assert_cmpuint (count.n_blocks, ==, 0);
  g_assert_cmpuint (count.n_fragments, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/code-fence/count", test_count);
  g_test_add_func ("/code-fence/null", test_null);

  return g_test_run ();
}
