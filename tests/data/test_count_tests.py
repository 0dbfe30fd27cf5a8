#!/usr/bin/env python3
"""build-aux/count-tests.py: what CI's last lines say of a run.

The counts of TAP cases and plain tests across logs, a re-run that takes
the place of a failure, and, for a test that failed, the lines that say
why: the last case that passed, GLib's error, the end of its output.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

COUNT_TESTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build-aux", "count-tests.py")


def entry(name, result, stdout, stderr=None, returncode=0):
    e = {"name": name, "result": result, "stdout": stdout, "duration": 12.5, "returncode": returncode}
    if stderr is not None:
        e["stderr"] = stderr
    return e


class CountTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.directory.cleanup()

    def write_log(self, subdirectory, entries):
        os.makedirs(os.path.join(self.directory.name, subdirectory), exist_ok=True)
        path = os.path.join(self.directory.name, subdirectory, "testlog.json")
        with open(path, "w", encoding="utf-8") as log:
            for e in entries:
                log.write(json.dumps(e) + "\n")
        return path

    def run_count(self, *logs):
        done = subprocess.run([sys.executable, COUNT_TESTS, *logs], capture_output=True, text=True, check=True)
        return done.stdout.splitlines()

    def test_counts_tap_cases_and_plain_tests(self):
        log = self.write_log("a", [
            entry("p:core / test-a", "OK", "1..3\nok 1 /a\nok 2 /b\nok 3 /c # SKIP no display\n"),
            entry("p:data / plain", "OK", "fine\n"),
            entry("p:data / skipped", "SKIP", ""),
        ])
        self.assertEqual(self.run_count(log), ["3 passed, 0 failed, 2 skipped"])

    def test_failure_says_why(self):
        stdout = ("TAP version 14\n1..5\nok 1 /import/a\nok 2 /import/b\n"
                  "Bail out! Rehearse:ERROR:../tests/test-import.c:385:undo: 'remove' should not be NULL\n")
        stderr = "# waiting\n** Rehearse:ERROR:../tests/test-import.c:385: 'remove' should not be NULL\n"
        log = self.write_log("a", [entry("p:ui / test-import", "ERROR", stdout, stderr, -6)])
        lines = self.run_count(log)

        self.assertEqual(lines[0], "failed: p:ui / test-import: ERROR")
        self.assertIn("    last passed: ok 2 /import/b", lines)
        self.assertIn("    Bail out! Rehearse:ERROR:../tests/test-import.c:385:undo: 'remove' should not be NULL", lines)
        self.assertIn("    ** Rehearse:ERROR:../tests/test-import.c:385: 'remove' should not be NULL", lines)
        self.assertIn("    exit code -6, after 12.5 s; it ended:", lines)
        self.assertIn("    # waiting", lines)
        # Two passed cases count; the test that failed counts once.
        self.assertEqual(lines[-1], "2 passed, 1 failed, 0 skipped")

    def test_failed_cases_named(self):
        log = self.write_log("a", [entry("p:core / test-b", "FAIL", "1..2\nok 1 /x\nnot ok 2 /y\n", returncode=1)])
        lines = self.run_count(log)

        self.assertEqual(lines[0], "failed: p:core / test-b: FAIL (2 /y)")
        self.assertEqual(lines[-1], "1 passed, 1 failed, 0 skipped")

    def test_rerun_takes_the_place_of_a_failure(self):
        first = self.write_log("asan", [entry("p:core / test-c", "ERROR", "1..1\nBail out! leak\n", returncode=-6)])
        rerun = os.path.join(self.directory.name, "asan", "rerun.json")
        with open(rerun, "w", encoding="utf-8") as log:
            log.write(json.dumps(entry("p:core / test-c", "OK", "1..1\nok 1 /c\n")) + "\n")
        self.assertEqual(self.run_count(first, rerun), ["1 passed, 0 failed, 0 skipped"])

    def test_failed_names_for_rerun(self):
        log = self.write_log("a", [
            entry("p:core / test-a", "OK", "1..1\nok 1 /a\n"),
            entry("p:core / test-b", "TIMEOUT", "1..2\nok 1 /a\n"),
        ])
        done = subprocess.run([sys.executable, COUNT_TESTS, "--failed", log], capture_output=True, text=True, check=True)
        self.assertEqual(done.stdout.strip(), "test-b")

    def test_unreadable_log_fails(self):
        done = subprocess.run([sys.executable, COUNT_TESTS, os.path.join(self.directory.name, "missing.json")],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stdout.splitlines()[-1], "0 passed, 1 failed")


if __name__ == "__main__":
    unittest.main()
