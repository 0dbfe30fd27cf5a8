/* test-checker.c
 *
 * `rehearse --check`: the tree, the JSON report and the exit status, both
 * through the module and through the installed command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rh-check-cli.h"
#include "rh-test-util.h"

static const char *expected_tree =
    "Git › Branching & History › Branches: not available\n"
    "Git › Branching & History › Rebasing: 2 questions\n"
    "Git › Branching & History › Cherry-picking: not available\n";

static void
test_tree (void)
{
  g_autofree char          *fixture = rh_test_fixture_path ("rebasing.payload.json");
  const char               *files[] = { fixture };
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err = g_memory_output_stream_new_resizable ();
  g_autofree char          *report = NULL;
  g_autofree char          *errors = NULL;
  int                       status;

  status = rh_check_cli_run (files, 1, FALSE, out, err);
  report = rh_test_take_output (out);
  errors = rh_test_take_output (err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (report, ==, expected_tree);
  g_assert_cmpstr (errors, ==, "");
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_json (void)
{
  g_autofree char          *fixture = rh_test_fixture_path ("rebasing.payload.json");
  g_autofree char          *bad = rh_test_write_temp ("checker-bad.json", "[{\"data\":0}]", -1);
  const char               *files[] = { fixture, bad };
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err = g_memory_output_stream_new_resizable ();
  g_autofree char          *report = NULL;
  g_autofree char          *errors = NULL;
  g_autoptr (JsonNode)      root = NULL;
  JsonObject               *object, *file, *framework, *topic, *subtopic, *question;
  JsonArray                *subtopics;
  int                       status;

  status = rh_check_cli_run (files, 2, TRUE, out, err);
  report = rh_test_take_output (out);
  errors = rh_test_take_output (err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (errors, "checker-bad.json: payload index 0: reference to index 0 makes a cycle"));

  root = parse (report);
  object = json_node_get_object (root);

  file = json_array_get_object_element (json_object_get_array_member (object, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, fixture);
  g_assert_true (json_object_get_boolean_member (file, "ok"));
  g_assert_true (json_object_get_null_member (file, "error"));
  file = json_array_get_object_element (json_object_get_array_member (object, "files"), 1);
  g_assert_false (json_object_get_boolean_member (file, "ok"));
  g_assert_nonnull (strstr (json_object_get_string_member (file, "error"), "makes a cycle"));

  framework = json_array_get_object_element (json_object_get_array_member (object, "frameworks"), 0);
  g_assert_cmpstr (json_object_get_string_member (framework, "title"), ==, "Git");
  g_assert_cmpstr (json_object_get_string_member (framework, "slug"), ==, "git");
  topic = json_array_get_object_element (json_object_get_array_member (framework, "topics"), 0);
  g_assert_cmpstr (json_object_get_string_member (topic, "title"), ==, "Branching & History");
  g_assert_cmpstr (json_object_get_string_member (topic, "slug"), ==, "branching");
  subtopics = json_object_get_array_member (topic, "subtopics");
  g_assert_cmpuint (json_array_get_length (subtopics), ==, 3);

  subtopic = json_array_get_object_element (subtopics, 0);
  g_assert_cmpstr (json_object_get_string_member (subtopic, "path"), ==, "/git/branching/branches");
  g_assert_false (json_object_get_boolean_member (subtopic, "available"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (subtopic, "questions")), ==, 0);

  subtopic = json_array_get_object_element (subtopics, 1);
  g_assert_cmpstr (json_object_get_string_member (subtopic, "title"), ==, "Rebasing");
  g_assert_cmpstr (json_object_get_string_member (subtopic, "slug"), ==, "rebasing");
  g_assert_true (json_object_get_boolean_member (subtopic, "available"));
  question = json_array_get_object_element (json_object_get_array_member (subtopic, "questions"), 0);
  g_assert_cmpstr (json_object_get_string_member (question, "id"), ==, "rebase-vs-merge");
  g_assert_cmpstr (json_object_get_string_member (question, "difficulty"), ==, "medium");
  g_assert_cmpstr (json_object_get_string_member (question, "q"), ==,
                   "What is the difference between `git rebase` and `git merge`?");
  /* Exactly as decoded: leading text, inner newlines and the final one. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (question, "a"),
                                   "Both bring the commits of one branch into another. **Merge** keeps history as it happened and adds a\n"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (question, "a"), "recover by hand.\n"));
}

static void
test_no_files (void)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) err = g_memory_output_stream_new_resizable ();
  g_autofree char          *report = NULL;
  g_autofree char          *errors = NULL;

  g_assert_cmpint (rh_check_cli_run (NULL, 0, FALSE, out, err), ==, 1);
  report = rh_test_take_output (out);
  errors = rh_test_take_output (err);
  g_assert_cmpstr (report, ==, "");
  g_assert_nonnull (strstr (errors, "No content files given"));
}

static char *
run_command (const char *const *argv,
             int               *out_status,
             char             **out_stderr)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GError)              error = NULL;
  char                           *out = NULL;

  /* No display at all: the checker must not need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, out_stderr, &error);
  g_assert_no_error (error);
  *out_status = g_subprocess_get_exit_status (process);

  return out;
}

static void
test_command_line (void)
{
  const char      *binary = g_getenv ("REHEARSE_BIN");
  g_autofree char *fixture = rh_test_fixture_path ("rebasing.payload.json");
  g_autofree char *bad = rh_test_write_temp ("cli-bad.json", "{\"format\":\"rehearse-pack\",\"version\":1,\"pages\":[{}]}", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  int              status;

  if (binary == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  {
    const char *argv[] = { binary, "--check", fixture, NULL };

    out = run_command (argv, &status, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, expected_tree);
    g_assert_cmpstr (err, ==, "");
  }

  {
    const char          *argv[] = { binary, "--check", "--json", fixture, bad, NULL };
    g_autoptr (JsonNode) root = NULL;

    out2 = run_command (argv, &status, &err2);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err2, "cli-bad.json: pages[0].path: required field “path” is missing"));
    root = parse (out2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "files")), ==, 2);
  }
}

/* `rehearse --check DIR`: every content file under the folder, a saved
 * web page among them, each error on its own line as for files. */
static void
test_command_line_folder (void)
{
  const char        *binary = g_getenv ("REHEARSE_BIN");
  g_autoptr (GError) error = NULL;
  g_autofree char   *folder = g_dir_make_tmp ("rehearse-check-XXXXXX", &error);
  g_autofree char   *saved_fixture = rh_test_fixture_path ("rebasing.saved.html");
  g_autofree char   *saved = NULL;
  g_autofree char   *sub = NULL;
  g_autofree char   *path = NULL;
  g_autofree char   *empty = NULL;
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  g_autofree char   *expected_err = NULL;
  int                status;

  if (binary == NULL)
    {
      g_test_skip ("REHEARSE_BIN is not set");
      return;
    }

  g_assert_no_error (error);
  g_file_get_contents (saved_fixture, &saved, NULL, &error);
  g_assert_no_error (error);
  sub = g_build_filename (folder, "git", "branching", NULL);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  path = g_build_filename (sub, "Rebasing.HTML", NULL);
  g_file_set_contents (path, saved, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (folder, "broken.json", NULL);
  g_file_set_contents (path, "[{\"data\":", -1, &error);
  g_assert_no_error (error);
  empty = g_build_filename (folder, "empty", NULL);
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);

  {
    const char *argv[] = { binary, "--check", folder, empty, NULL };

    out = run_command (argv, &status, &err);
  }
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, expected_tree);
  expected_err = g_strdup_printf ("%s: no .json, .html or .htm files in this folder\n"
                                  "%s: line 1, column 9: unexpected end of file, expected character `}'\n",
                                  empty, path);
  if (g_strcmp0 (err, expected_err) != 0)
    g_error ("stderr “%s”, expected “%s”", err, expected_err);

  rh_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checker/tree", test_tree);
  g_test_add_func ("/checker/json", test_json);
  g_test_add_func ("/checker/no-files", test_no_files);
  g_test_add_func ("/checker/command-line", test_command_line);
  g_test_add_func ("/checker/command-line-folder", test_command_line_folder);

  return g_test_run ();
}
