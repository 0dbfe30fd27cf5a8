#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compile-check the Python code blocks in Rehearse content packs.

Usage: check-python-blocks.py PACK.json [PACK.json ...]

Every fenced code block whose info string starts with ``python``, ``py`` or
``python3`` (case-insensitive) in a question or answer is passed to
``compile(..., "exec")``. Nothing is executed.

Fences are recognised as CommonMark describes them for top-level blocks: an
opening line indented by at most three spaces with three or more backticks or
tildes (a backtick fence's info string must not contain a backtick), closed by
a line of the same character that is at least as long, indented by at most
three spaces and followed only by spaces or tabs. An unclosed fence runs to
the end of the text. Indentation of the opening fence is removed from the
content lines. The info string's first word is the language. Fences nested in
list items or block quotes are not extracted; if one looks like a Python fence
a warning is printed so it is not silently ignored.

Compiler warnings (invalid escape sequences, ``is`` with a literal, ...) are
treated as errors.

Exit status:
  0   all blocks compile
  1   a block failed, a file is unreadable, not JSON or not a rehearse pack,
      or no Python block was found at all (a check that checks nothing fails)
  2   usage error
  77  the running Python is older than the content's target version (the
      Meson "skipped" status)

Only the standard library is used.
"""

import json
import re
import sys
import warnings

PYTHON_LANGS = frozenset({"python", "py", "python3"})
# The Python answers target 3.11 (e.g. ``except*``, ``asyncio.TaskGroup``).
MIN_PYTHON = (3, 11)
SKIP_EXIT = 77

_LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
_OPEN_FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# A fence-looking line behind list markers, block quote markers or deeper
# indentation: it is not a top-level fence, so it is only warned about.
_NESTED_FENCE_RE = re.compile(r"^[ \t>+*\-0-9.)]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class PackError(Exception):
    """The file is not a usable rehearse pack."""


def split_lines(text):
    lines = _LINE_SPLIT_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def info_word(info):
    words = info.strip().split(None, 1)
    return words[0].lower() if words else ""


def strip_indent(line, width):
    """Remove up to *width* leading spaces, as CommonMark does for fences."""
    n = 0
    while n < width and n < len(line) and line[n] == " ":
        n += 1
    return line[n:]


def find_fenced_blocks(markdown):
    """Return (blocks, suspicious) for a Markdown string.

    blocks: list of (language, source, first_line, closed)
    suspicious: list of (line_number, language) for Python-looking fences
                that are not top-level fences and were therefore skipped
    """
    lines = split_lines(markdown)
    blocks = []
    suspicious = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _OPEN_FENCE_RE.match(line)
        if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
            indent = len(m.group("indent"))
            fence = m.group("fence")
            lang = info_word(m.group("info"))
            close_re = re.compile(
                r"^ {0,3}" + re.escape(fence[0]) + "{%d,}[ \t]*$" % len(fence)
            )
            body = []
            j = i + 1
            closed = False
            while j < len(lines):
                if close_re.match(lines[j]):
                    closed = True
                    break
                body.append(strip_indent(lines[j], indent))
                j += 1
            source = "\n".join(body) + ("\n" if body else "")
            blocks.append((lang, source, i + 1, closed))
            i = j + 1
            continue
        n = _NESTED_FENCE_RE.match(line)
        if n and info_word(n.group("info")) in PYTHON_LANGS:
            suspicious.append((i + 1, info_word(n.group("info"))))
        i += 1
    return blocks, suspicious


def load_pack(filename):
    """Load and structurally validate one pack; raise PackError if unusable."""
    try:
        with open(filename, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise PackError(f"cannot read file: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise PackError(f"not valid UTF-8: {e}") from e
    try:
        pack = json.loads(text)
    except json.JSONDecodeError as e:
        raise PackError(
            f"not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from e

    def require(cond, what):
        if not cond:
            raise PackError(f"not a rehearse-pack: {what}")

    require(isinstance(pack, dict), "top level is not a JSON object")
    require(
        pack.get("format") == "rehearse-pack",
        f'"format" is {pack.get("format")!r}, expected "rehearse-pack"',
    )
    version = pack.get("version")
    require(
        isinstance(version, int) and not isinstance(version, bool) and version == 1,
        f'unsupported "version" {version!r}, expected 1',
    )
    pages = pack.get("pages")
    require(isinstance(pages, list), '"pages" is missing or not an array')
    for p, page in enumerate(pages):
        where = f"pages[{p}]"
        require(isinstance(page, dict), f"{where} is not an object")
        require(
            isinstance(page.get("path"), str) and page["path"],
            f'{where} has no "path" string',
        )
        where = f"pages[{p}] ({page['path']})"
        questions = page.get("questions")
        require(isinstance(questions, list), f'{where} has no "questions" array')
        for q, question in enumerate(questions):
            qwhere = f"{where} questions[{q}]"
            require(isinstance(question, dict), f"{qwhere} is not an object")
            require(
                isinstance(question.get("id"), str) and question["id"],
                f'{qwhere} has no "id" string',
            )
            for field in ("q", "a"):
                require(
                    isinstance(question.get(field), str),
                    f'{qwhere} ({question["id"]}) has no "{field}" string',
                )
    return pack


def describe_error(exc):
    if isinstance(exc, SyntaxError):
        msg = f"{type(exc).__name__}: {exc.msg}"
        if exc.lineno is not None:
            msg += f" (line {exc.lineno}"
            if exc.offset:
                msg += f", column {exc.offset}"
            msg += ")"
        if exc.text and exc.text.strip():
            msg += f": {exc.text.strip()}"
        return msg
    return f"{type(exc).__name__}: {exc}"


def check_source(source, name):
    """Compile *source*; return None or an error description."""
    try:
        with warnings.catch_warnings():
            # SyntaxWarning / DeprecationWarning from the compiler become
            # SyntaxError, so sloppy snippets fail instead of scrolling past.
            warnings.simplefilter("error")
            compile(source, name, "exec", dont_inherit=True)
    except Exception as e:  # SyntaxError, ValueError (NUL), RecursionError...
        return describe_error(e)
    return None


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(f"usage: {argv[0] if argv else 'check-python-blocks.py'} PACK.json...",
              file=sys.stderr)
        return 2 if len(argv) < 2 else 0

    if sys.version_info < MIN_PYTHON:
        print(
            "SKIP: Python %d.%d or newer is needed to compile the content's "
            "Python blocks (running %d.%d)"
            % (MIN_PYTHON + sys.version_info[:2]),
            file=sys.stderr,
        )
        return SKIP_EXIT

    files = argv[1:]
    n_blocks = 0
    n_failed = 0
    n_bad_files = 0

    for filename in files:
        try:
            pack = load_pack(filename)
        except PackError as e:
            print(f"ERROR {filename}: {e}")
            n_bad_files += 1
            continue

        for page in pack["pages"]:
            path = page["path"]
            for question in page["questions"]:
                qid = question["id"]
                n = 0
                for field, label in (("q", "question"), ("a", "answer")):
                    blocks, suspicious = find_fenced_blocks(question[field])
                    for line_no, lang in suspicious:
                        print(
                            f"WARNING {filename}:{path}#{qid} ({label} line "
                            f"{line_no}): '{lang}' fence inside a list or block "
                            "quote is not checked"
                        )
                    for lang, source, line_no, closed in blocks:
                        if lang not in PYTHON_LANGS:
                            continue
                        n += 1
                        n_blocks += 1
                        name = f"{filename}:{path}#{qid} block {n}"
                        if not closed:
                            print(
                                f"WARNING {name}: fence opened on {label} line "
                                f"{line_no} is never closed"
                            )
                        error = check_source(source, name)
                        if error is not None:
                            n_failed += 1
                            print(f"FAIL {name} ({label} line {line_no}): {error}")

    n_files = len(files) - n_bad_files
    summary = "checked %d Python block%s in %d file%s" % (
        n_blocks, "" if n_blocks == 1 else "s", n_files, "" if n_files == 1 else "s",
    )
    if n_failed:
        summary += f", {n_failed} failed"
    if n_bad_files:
        summary += (f", {n_bad_files} file{'' if n_bad_files == 1 else 's'}"
                    " could not be checked")
    print(summary)

    if n_blocks == 0:
        print("ERROR: no Python code blocks found, so nothing was checked")
        return 1
    if n_failed or n_bad_files:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
