#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that no layer of src/ includes a header of a higher layer.

Usage: check-layers.py SRC_DIR

The layers, bottom up, are core, render, ui and cli (src/main.c sits on
top). Each may include its own headers and those of the layers below it,
and only the system libraries it is allowed: core GLib, GIO, json-glib,
SQLite and libxml2 (for saved web pages); render also GTK, GtkSourceView
and md4c; ui also libadwaita and WebKitGTK. Prints TAP, one test per
source file.
"""

import os
import re
import sys

LAYERS = ["core", "render", "ui", "cli"]

# System headers that only the named layer (and those above it) may use.
# The rest (the C library, GLib, GIO, json-glib, SQLite and libxml2's
# <libxml/...>) are the core layer's, and so every layer's.
SYSTEM_FLOOR = [
    (re.compile(r"^(gtk|gdk|gsk)/"), "render"),
    (re.compile(r"^gtksourceview/"), "render"),
    (re.compile(r"^md4c"), "render"),
    (re.compile(r"^adwaita\.h$"), "ui"),
    (re.compile(r"^webkit/"), "ui"),
]

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)


def main():
    src = sys.argv[1]
    owner = {}
    files = []
    for layer in LAYERS:
        for root, _dirs, names in os.walk(os.path.join(src, layer)):
            for name in sorted(names):
                path = os.path.join(root, name)
                if name.endswith(".h"):
                    owner[name] = layer
                if name.endswith((".c", ".h")):
                    files.append((layer, path))

    if not files:
        print("Bail out! no sources under", src)
        return 1

    print(f"1..{len(files)}")
    failed = 0
    for number, (layer, path) in enumerate(files, 1):
        rank = LAYERS.index(layer)
        problems = []
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for match in INCLUDE_RE.finditer(text):
            name = match.group(2)
            line = text.count("\n", 0, match.start()) + 1
            header_layer = owner.get(os.path.basename(name))
            if match.group(1) == '"' and header_layer is not None:
                if LAYERS.index(header_layer) > rank:
                    problems.append(f"line {line}: includes {name} from the {header_layer} layer")
                continue
            for pattern, floor in SYSTEM_FLOOR:
                if pattern.search(name) and LAYERS.index(floor) > rank:
                    problems.append(f"line {line}: includes <{name}>, which the {layer} layer may not use")
        relative = os.path.relpath(path, src)
        if problems:
            failed += 1
            print(f"not ok {number} {relative}")
            for problem in problems:
                print(f"# {relative}: {problem}")
        else:
            print(f"ok {number} {relative}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
