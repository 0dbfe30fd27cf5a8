#!/usr/bin/env python3
"""Counts test cases in meson test logs and prints "N passed, N failed".

Given several logs (one per build directory, as .ci/run gives the normal
and the sanitizer builds'), it counts them all together; each must
exist. A test that appears again
in a later log of the same directory (a re-run, as build-aux/test-asan.sh
makes) counts as it did the last time.

GTest programs speak TAP, so each of their cases counts on its own; any
other test counts once. A test that crashed or timed out counts as failed
whatever it printed before.

Before that line it names each test that failed, with its failed
cases, then what it said as it failed: the last case that passed, the
lines GLib and the sanitizers mark as errors, and the end of its output.
The end of a long log then says what went wrong, not only where.

With --failed LOG..., it prints instead the names of the tests that
failed, on one line.
"""

import json
import os
import sys

FAILED = ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS")


def read_entries(log_paths):
    """The last entry of each test, keyed by (log directory, test name)."""
    entries = {}
    for log_path in log_paths:
        directory = os.path.dirname(os.path.abspath(log_path))
        with open(log_path, encoding="utf-8") as log:
            for line in log:
                entry = json.loads(line)
                entries[(directory, entry["name"])] = entry
    return list(entries.values())


# Lines worth showing from a failed test's output: TAP's verdicts, GLib's
# messages and assertions, the sanitizers' reports, Python's tracebacks.
MARKERS = ("not ok", "Bail out!", "**", "ERROR:", "CRITICAL", "WARNING", "Traceback",
           "AddressSanitizer", "runtime error:", "Assertion", "Error:")
MAX_MARKED = 12
MAX_TAIL = 8


def describe_failure(entry):
    """What a failed test printed that says why, as indented lines."""
    output = (entry.get("stdout") or "") + "\n" + (entry.get("stderr") or "")
    lines = [l.rstrip() for l in output.splitlines() if l.strip()]
    described = []
    passed = [l for l in lines if l.startswith("ok ")]
    if passed:
        described.append("last passed: " + passed[-1])
    marked = [l for l in lines if any(m in l for m in MARKERS)]
    # The cause is usually the last such line, after any noise.
    if len(marked) > MAX_MARKED:
        described.append(f"... {len(marked) - MAX_MARKED} such lines before these")
    described += marked[-MAX_MARKED:]
    described.append(f"exit code {entry.get('returncode')}, after {entry.get('duration', 0):.1f} s; it ended:")
    described += [l for l in lines[-MAX_TAIL:] if l not in marked and l not in passed[-1:]]
    return ["    " + l[:300] for l in described]


def count(entries):
    """(passed, failed, skipped, [description of each failed test])."""
    passed = failed = skipped = 0
    failures = []
    for entry in entries:
        result = entry["result"]
        lines = (entry.get("stdout") or "").splitlines()
        oks = [l for l in lines if l.startswith("ok ")]
        not_oks = [l for l in lines if l.startswith("not ok ")]
        tap = any(l.startswith("1..") for l in lines)

        if result in FAILED or not_oks:
            cases = "; ".join(l[len("not ok "):] for l in not_oks)
            failures.append("\n".join([f"{entry['name']}: {result}" + (f" ({cases})" if cases else "")]
                                       + describe_failure(entry)))
        if result in FAILED:
            failed += max(1, len(not_oks))
            passed += len([l for l in oks if "# SKIP" not in l])
        elif result == "SKIP":
            skipped += 1
        elif tap:
            skipped += len([l for l in oks if "# SKIP" in l])
            passed += len([l for l in oks if "# SKIP" not in l])
            failed += len(not_oks)
        else:
            passed += 1
    return passed, failed, skipped, failures


def main():
    if sys.argv[1:2] == ["--failed"]:
        # "project:suite / name" in the log; meson test takes the name.
        names = [e["name"].split(" / ")[-1] for e in read_entries(sys.argv[2:]) if e["result"] in FAILED]
        print(" ".join(names))
        return 0
    try:
        if len(sys.argv) < 2:
            raise OSError("no test log given")
        passed, failed, skipped, failures = count(read_entries(sys.argv[1:]))
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read the test log: {error}")
        print("0 passed, 1 failed")
        return 1
    for failure in failures:
        print(f"failed: {failure}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
