#!/usr/bin/env python3
"""Counts test cases in a meson test log and prints "N passed, N failed".

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
    try:
        passed, failed, skipped = count(sys.argv[1])
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read the test log: {error}")
        print("0 passed, 1 failed")
        return 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
