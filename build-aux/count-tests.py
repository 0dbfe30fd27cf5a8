#!/usr/bin/env python3
"""Counts test cases in meson test logs and prints "N passed, N failed".

Given several logs (one per build directory, as .ci/run gives the normal
and the sanitizer builds'), it counts them all together.

GTest programs speak TAP, so each of their cases counts on its own; any
other test counts once. A test that crashed or timed out counts as failed
whatever it printed before.
"""

import json
import sys


def count(log_path):
    passed = failed = skipped = 0
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            entry = json.loads(line)
            result = entry["result"]
            lines = (entry.get("stdout") or "").splitlines()
            oks = [l for l in lines if l.startswith("ok ")]
            not_oks = [l for l in lines if l.startswith("not ok ")]
            tap = any(l.startswith("1..") for l in lines)

            if result in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS"):
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
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    try:
        for log_path in sys.argv[1:]:
            p, f, s = count(log_path)
            passed, failed, skipped = passed + p, failed + f, skipped + s
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read the test log: {error}")
        print(f"{passed} passed, {failed + 1} failed")
        return 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
