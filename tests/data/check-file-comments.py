#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every C source file of src/ opens with a comment saying what it is for.

Usage: check-file-comments.py SRC_DIR

The opening comment must hold more than the file's name and the licence
line. Prints TAP, one test per file.
"""

import os
import re
import sys

OPENING_RE = re.compile(r"\A/\*(.*?)\*/", re.S)


def purpose_lines(text, name):
    match = OPENING_RE.match(text)
    if not match:
        return []
    lines = [line.strip(" *\t") for line in match.group(1).splitlines()]
    return [l for l in lines if l and l != name and not l.startswith("SPDX-License-Identifier")]


def main():
    src = sys.argv[1]
    files = []
    for root, _dirs, names in os.walk(src):
        files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".c")]
    files.sort()
    if not files:
        print("Bail out! no sources under", src)
        return 1

    print(f"1..{len(files)}")
    failed = 0
    for number, path in enumerate(files, 1):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        relative = os.path.relpath(path, src)
        if purpose_lines(text, os.path.basename(path)):
            print(f"ok {number} {relative}")
        else:
            failed += 1
            print(f"not ok {number} {relative}")
            print(f"# {relative}: the opening comment does not say what the file is for")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
