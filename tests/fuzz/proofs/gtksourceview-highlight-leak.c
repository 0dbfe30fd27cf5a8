/* gtksourceview-highlight-leak.c
 *
 * Shows that GtkSourceView 5.6 (Debian 12) itself leaks when a buffer is
 * highlighted, its text replaced, and highlighted again: with no code of
 * Rehearse's, LeakSanitizer reports two 88-byte blocks allocated under
 * gtk_source_buffer_ensure_highlight(), after the buffer is freed. This
 * is the proof behind the ensure_highlight entries of build-aux/lsan.supp
 * and build-aux/valgrind.supp. Not built by meson; to see it:
 *
 *   clang -fsanitize=address -g -o /tmp/gsv-leak tests/fuzz/proofs/gtksourceview-highlight-leak.c \
 *     $(pkg-config --cflags --libs gtksourceview-5)
 *   G_SLICE=always-malloc /tmp/gsv-leak
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtksourceview/gtksource.h>

/* A piece of an answer in the bundled JavaScript pack. */
static const char first[] =
    "err.message);\n"
    "}\n"
    "\n"
    "// race as a timeout: the slow operation itself keeps running\n"
    "console.log(await Promise.race([ok(20, 'in time'), fail(100, 'timed out')]));\n"
    "\n"
    "try {\n"
    "  await Promise.any([]);\n"
    "} catch (err) {\n"
    "  console.log(err.name, err.errors);\n"
    "}\n";

static void
highlight (GtkSourceBuffer *buffer,
           const char      *text)
{
  GtkTextIter start, end;

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);
}

int
main (void)
{
  GtkSourceLanguageManager *manager;
  GtkSourceBuffer          *buffer;

  gtk_source_init ();
  manager = gtk_source_language_manager_get_default ();
  buffer = gtk_source_buffer_new_with_language (gtk_source_language_manager_get_language (manager, "js"));
  highlight (buffer, first);
  highlight (buffer, "x");
  g_object_unref (buffer);
  gtk_source_finalize ();

  return 0;
}
