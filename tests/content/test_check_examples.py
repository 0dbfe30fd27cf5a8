#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for check-examples.py, on tiny packs written for each case."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "check-examples.py")

_spec = importlib.util.spec_from_file_location("check_examples", RUNNER)
check_examples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_examples)

FENCE = "```"


def block(info, body):
    return f"{FENCE}{info}\n{body}\n{FENCE}\n"


def pack(*answers):
    """A pack with one page and one question per answer text."""
    return {
        "format": "rehearse-pack",
        "version": 1,
        "title": "Test",
        "pages": [{
            "framework": "Test", "topic": "T", "subtopic": "S",
            "path": "/test/t/s",
            "questions": [
                {"id": f"q{n}", "difficulty": "easy", "q": "Question?", "a": a}
                for n, a in enumerate(answers, 1)
            ],
        }],
    }


class RunnerTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def run_runner(self, *answers, args=(), env=None):
        path = os.path.join(self.tmp.name, "pack.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(pack(*answers), f)
        run_env = dict(os.environ)
        run_env.pop("CI", None)
        if env:
            run_env.update(env)
        proc = subprocess.run(
            [sys.executable, RUNNER, *args, path],
            capture_output=True, text=True, env=run_env, timeout=120,
        )
        self.assertEqual(proc.stderr, "")
        return proc.returncode, proc.stdout

    def assert_passes(self, *answers, **kw):
        code, out = self.run_runner(*answers, **kw)
        self.assertEqual(code, 0, out)
        self.assertNotIn("FAIL", out)
        return out

    def assert_fails(self, *answers, message, **kw):
        code, out = self.run_runner(*answers, **kw)
        self.assertEqual(code, 1, out)
        self.assertIn(message, out)
        return out


class PythonBlocks(RunnerTestCase):
    def test_matching_output_passes(self):
        out = self.assert_passes(
            "Text.\n\n" + block("python", "print(1 + 1)") + "\n" + block("output", "2"))
        self.assertIn("python: 1 run", out)
        self.assertIn("output blocks: 1 checked", out)

    def test_wrong_output_fails_with_a_diff(self):
        out = self.assert_fails(
            block("python", "print('a')\nprint('b')") + block("output", "a\nc"),
            message="the output differs")
        self.assertIn("pack.json: /test/t/s #q1: answer block 1 (python, line 1)", out)
        self.assertIn("    -c", out)
        self.assertIn("    +b", out)

    def test_trailing_whitespace_and_blank_lines_are_ignored(self):
        self.assert_passes(
            block("python", "print('a   ')\nprint()\nprint()") + block("output", "a\n\n"))

    def test_blank_lines_inside_the_output_count(self):
        self.assert_fails(
            block("python", "print('a')\nprint()\nprint('b')") + block("output", "a\nb"),
            message="the output differs")

    def test_non_zero_exit_fails(self):
        out = self.assert_fails(block("python", "raise SystemExit(3)"),
                                message="exited with status 3")
        self.assertIn("answer block 1", out)

    def test_exit_marker_accepts_that_status_only(self):
        self.assert_passes(
            block("python exit=3", "print('bye')\nraise SystemExit(3)") + block("output", "bye"))
        self.assert_fails(block("python exit=2", "raise SystemExit(3)"),
                          message="exited with status 3, expected 2")

    def test_time_out(self):
        self.assert_fails(block("python", "import time\ntime.sleep(30)"),
                          message="timed out after 1 s", args=("--timeout", "1"))

    def test_runs_in_an_empty_directory(self):
        self.assert_passes(
            block("python", "import os\nprint(os.listdir('.'))\nopen('f', 'w').close()")
            + block("output", "[]"),
            block("python", "import os\nprint(os.listdir('.'))") + block("output", "[]"))

    def test_stderr_is_not_compared(self):
        self.assert_passes(
            block("python", "import sys\nprint('err', file=sys.stderr)\nprint('out')")
            + block("output", "out"))


class Wildcards(RunnerTestCase):
    def test_inline_wildcard(self):
        self.assert_passes(
            block("python", "print('took 0.123 s at 0x7f')") + block("output", "took ... s at ..."))

    def test_inline_wildcard_does_not_span_lines(self):
        self.assert_fails(
            block("python", "print('a')\nprint('b')") + block("output", "a...b"),
            message="the output differs")

    def test_line_wildcard_spans_lines(self):
        self.assert_passes(
            block("python", "for i in range(5): print(i)") + block("output", "0\n...\n4"))

    def test_line_wildcard_matches_zero_lines(self):
        self.assert_passes(
            block("python", "print(0)\nprint(4)") + block("output", "0\n...\n4"))

    def test_line_wildcard_still_needs_the_rest(self):
        self.assert_fails(
            block("python", "print(0)\nprint(4)") + block("output", "...\n5"),
            message="the output differs")

    def test_matcher_directly(self):
        match = check_examples.output_matches
        self.assertTrue(match(["..."], []))
        self.assertTrue(match(["a", "...", "c", "..."], ["a", "b", "c", "d", "c"]))
        self.assertTrue(match(["x ... y"], ["x  y"]))
        self.assertFalse(match(["x ... y"], ["x y"]))  # the spaces are literal
        self.assertTrue(match(["a.b"], ["a.b"]))
        self.assertFalse(match(["a.b"], ["axb"]))  # no regular expressions
        self.assertFalse(match([], ["a"]))


class Fragments(RunnerTestCase):
    def test_fragment_is_not_run_but_counted(self):
        out = self.assert_passes(
            block("python fragment", "def f(x): ...\nthis is not python") +
            block("python", "print(1)") + block("output", "1"))
        self.assertIn("python: 1 run, 1 fragment", out)

    def test_output_after_fragment_fails(self):
        self.assert_fails(
            block("python fragment", "print(1)") + block("output", "1"),
            message="an output block follows a fragment")

    def test_output_with_nothing_before_it_fails(self):
        self.assert_fails(
            "Output:\n\n" + block("output", "1") + block("python", "print(1)"),
            message="an output block must come right after the code block")

    def test_output_after_text_between_fails(self):
        self.assert_fails(
            block("python", "print(1)") + "It prints:\n\n" + block("output", "1"),
            message="an output block must come right after the code block")

    def test_two_output_blocks_fail(self):
        self.assert_fails(
            block("python", "print(1)") + block("output", "1") + block("output", "1"),
            message="an output block must come right after the code block")

    def test_output_after_a_block_that_never_runs_fails(self):
        self.assert_fails(block("text", "x") + block("output", "x"),
                          message="which is never run")

    def test_unknown_marker_fails(self):
        self.assert_fails(block("python fragmnet", "x"), message="unknown marker `fragmnet`")

    def test_fence_behind_a_list_marker_fails(self):
        self.assert_fails("- " + FENCE + "python\n  print(1)\n  " + FENCE + "\n",
                          message="inside a list")

    def test_deeply_indented_fence_fails(self):
        self.assert_fails("- item\n\n    " + FENCE + "python\n    print(1)\n    " + FENCE + "\n",
                          message="inside a list")

    def test_fence_in_a_list_item_with_up_to_three_spaces_runs(self):
        out = self.assert_passes(
            "1. item\n\n   " + FENCE + "python\n   print(1)\n   " + FENCE + "\n\n   "
            + FENCE + "output\n   1\n   " + FENCE + "\n")
        self.assertIn("output blocks: 1 checked", out)

    def test_nothing_run_fails(self):
        self.assert_fails(block("python fragment", "x"), message="no example ran")


class JsBlocks(RunnerTestCase):
    def setUp(self):
        super().setUp()
        if shutil.which("node") is None and shutil.which("nodejs") is None:
            self.skipTest("node is not installed")

    def test_commonjs(self):
        self.assert_passes(
            block("js", "const path = require('node:path');\nconsole.log(path.extname('a.txt'))")
            + block("output", ".txt"))

    def test_module_runs_as_es_module(self):
        self.assert_passes(
            "This runs as an ES module (top-level `await`).\n\n"
            + block("js module", "await null;\nconsole.log(typeof require)")
            + block("output", "undefined"))

    def test_module_needs_the_text_to_say_so(self):
        self.assert_fails(block("js module", "console.log(1)") + block("output", "1"),
                          message="needs the text to say that it runs as an ES module")


class MissingInterpreter(RunnerTestCase):
    def env_without_node(self):
        bin_dir = os.path.join(self.tmp.name, "bin")
        os.mkdir(bin_dir)
        os.symlink(sys.executable, os.path.join(bin_dir, "python3"))
        return {"PATH": bin_dir}

    def test_missing_node_skips(self):
        code, out = self.run_runner(block("js", "console.log(1)"), env=self.env_without_node())
        self.assertEqual(code, 77, out)
        self.assertIn("node not found", out)

    def test_missing_node_skips_after_the_rest_passed(self):
        code, out = self.run_runner(
            block("js", "console.log(1)") + block("python", "print(1)") + block("output", "1"),
            env=self.env_without_node())
        self.assertEqual(code, 77, out)
        self.assertIn("python: 1 run", out)

    def test_missing_git_skips_shell_blocks(self):
        env = self.env_without_node()
        bash = shutil.which("bash")
        if bash is None:
            self.skipTest("bash is not installed")
        os.symlink(bash, os.path.join(env["PATH"], "bash"))
        code, out = self.run_runner(block("sh run", "echo hi") + block("output", "hi"), env=env)
        self.assertEqual(code, 77, out)
        self.assertIn("git not found", out)

    def test_missing_node_fails_under_ci(self):
        code, out = self.run_runner(block("js", "console.log(1)"),
                                    env={**self.env_without_node(), "CI": "true"})
        self.assertEqual(code, 1, out)
        self.assertIn("under CI every example must run", out)


class SqlBlocks(RunnerTestCase):
    def test_blocks_of_one_answer_share_a_database(self):
        out = self.assert_passes(
            block("sql", "CREATE TABLE t (a INTEGER, b TEXT);\nINSERT INTO t VALUES (1, 'x'), (2, NULL);")
            + "Then:\n\n"
            + block("sql", "SELECT a, b FROM t ORDER BY a;") + block("output", "a | b\n1 | x\n2 | NULL"))
        self.assertIn("sql: 2 run", out)

    def test_each_question_gets_a_fresh_database(self):
        self.assert_fails(
            block("sql", "CREATE TABLE t (a);"),
            block("sql", "SELECT * FROM t;"),
            message="no such table: t")

    def test_only_row_statements_print_and_results_are_separated(self):
        self.assert_passes(
            block("sql", "CREATE TABLE t (a);\n"
                         "INSERT INTO t VALUES (1.5), (X'00FF'), ('it''s; fine');\n"
                         "SELECT typeof(a) AS type, a FROM t;\n"
                         "SELECT count(*) AS n FROM t WHERE a IS NULL;\n"
                         "SELECT 1 AS one WHERE 0;")
            + block("output", "type | a\nreal | 1.5\nblob | X'00FF'\ntext | it's; fine\n\n"
                              "n\n0\n\none\n(no rows)"))

    def test_returning_prints(self):
        if check_examples.sqlite3.sqlite_version_info < (3, 35):
            self.skipTest("RETURNING needs SQLite 3.35")
        self.assert_passes(
            block("sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v);\n"
                         "INSERT INTO t (v) VALUES ('a') RETURNING id, v;")
            + block("output", "id | v\n1 | a"))

    def test_statement_splitting_respects_triggers_and_comments(self):
        self.assert_passes(
            block("sql", "CREATE TABLE t (a); CREATE TABLE log (m);\n"
                         "-- a comment; with a semicolon\n"
                         "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
                         "  INSERT INTO log VALUES ('one;');\n"
                         "  INSERT INTO log VALUES ('two');\n"
                         "END;\n"
                         "INSERT INTO t VALUES (1);\n"
                         "SELECT m FROM log /* trailing; */ ORDER BY m")
            + block("output", "m\none;\ntwo"))

    def test_query_plan_is_drawn_as_a_tree(self):
        self.assert_passes(
            block("sql", "CREATE TABLE t (a, b);\nCREATE INDEX t_a ON t (a);\n"
                         "EXPLAIN QUERY PLAN SELECT * FROM t WHERE a = 1;")
            + block("output", "QUERY PLAN\n`--SEARCH t USING INDEX t_a (a=?)"))

    def test_error_fails_without_marker(self):
        out = self.assert_fails(
            block("sql", "CREATE TABLE t (a UNIQUE);\nINSERT INTO t VALUES (1), (1);"),
            message="a statement failed")
        self.assertIn("Error: UNIQUE constraint failed: t.a", out)

    def test_error_marker_prints_the_error_and_goes_on(self):
        self.assert_passes(
            block("sql error", "CREATE TABLE t (a UNIQUE);\nINSERT INTO t VALUES (1);\n"
                               "INSERT INTO t VALUES (1);\nSELECT count(*) AS n FROM t;")
            + block("output", "Error: UNIQUE constraint failed: t.a\n\nn\n1"))

    def test_error_marker_without_an_error_fails(self):
        self.assert_fails(block("sql error", "SELECT 1 AS x;") + block("output", "x\n1"),
                          message="marked `error` but no statement failed")

    def test_transactions_are_as_written(self):
        self.assert_passes(
            block("sql", "CREATE TABLE t (a);\nBEGIN;\nINSERT INTO t VALUES (1);\nROLLBACK;\n"
                         "SELECT count(*) AS n FROM t;")
            + block("output", "n\n0"))

    def test_time_out(self):
        self.assert_fails(
            block("sql", "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c)\n"
                         "SELECT count(*) FROM c;"),
            message="timed out after 1 s", args=("--timeout", "1"))

    def test_split_sql(self):
        split = check_examples.split_sql
        self.assertEqual(split("SELECT 1; SELECT ';';\n-- end\n"), ["SELECT 1;", " SELECT ';';"])
        self.assertEqual(split("SELECT 1"), ["SELECT 1"])
        self.assertEqual(split(";;\n"), [])


class ShellBlocks(RunnerTestCase):
    def setUp(self):
        super().setUp()
        if shutil.which("bash") is None or shutil.which("git") is None:
            self.skipTest("bash or git is not installed")

    def test_without_run_is_not_run(self):
        out = self.assert_passes(block("sh", "exit 1") + block("python", "print(1)")
                                 + block("output", "1"))
        self.assertIn("sh: 0 run, 1 not run", out)

    def test_output_after_sh_without_run_fails(self):
        self.assert_fails(block("sh", "echo 1") + block("output", "1"),
                          message="without `run`")

    def test_stderr_is_merged_and_home_is_the_empty_directory(self):
        self.assert_passes(
            block("bash run", "echo out\necho err >&2\n[ \"$PWD\" = \"$HOME\" ] && echo home\nls -A | wc -l")
            + block("output", "out\nerr\nhome\n0"))

    def test_git_is_configured_and_hashes_are_stable(self):
        script = ("git init -q repo && cd repo\n"
                  "echo hello > f && git add f && git commit -q -m first\n"
                  "git branch --show-current\n"
                  "git log --format='%an <%ae> %ad %cd' --date=iso-strict\n"
                  "git rev-parse HEAD\n"
                  "git config --show-origin --list | grep -v '^file:.git/config' | grep -vc '^command line:' || true\n")
        first = self.assert_passes(block("sh run", script) + block("output", "main\n...\n"),
                                   args=("--verbose",))
        self.assertIn("ok ", first)
        # The same commit, byte for byte, has the same hash everywhere; find
        # it once and require it.
        out = subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True,
            cwd=self.tmp.name, env=check_examples.git_env(check_examples.base_env(self.tmp.name)),
        ).stdout.splitlines()
        self.assertEqual(out[0], "main")
        self.assertEqual(out[1], "Ada Lovelace <ada@example.com> "
                                 "2026-01-01T12:00:00+00:00 2026-01-01T12:00:00+00:00")
        self.assertEqual(out[3], "0")  # no system or global configuration is read
        expected = "\n".join(out)
        self.assert_passes(block("sh run", script) + block("output", expected))

    def test_exit_status_is_the_last_command(self):
        self.assert_fails(block("sh run", "echo a\nfalse"), message="exited with status 1")
        self.assert_passes(block("sh run exit=1", "echo a\nfalse") + block("output", "a"))

    def test_time_out_kills_background_children(self):
        self.assert_fails(block("sh run", "sleep 60 &\nsleep 60"),
                          message="timed out after 1 s", args=("--timeout", "1"))


class Packs(RunnerTestCase):
    def test_not_a_pack_fails(self):
        path = os.path.join(self.tmp.name, "bad.json")
        with open(path, "w") as f:
            f.write("[]")
        proc = subprocess.run([sys.executable, RUNNER, path], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("not a rehearse-pack", proc.stdout)

    def test_blocks_are_numbered_and_located(self):
        out = self.assert_fails(
            "Intro.\n\n" + block("text", "x") + "\n" + block("python", "print(2)")
            + block("output", "3"),
            message="answer block 2 (python, line 7)")
        self.assertIn("output block (line 10)", out)


if __name__ == "__main__":
    unittest.main()
