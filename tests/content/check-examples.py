#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the code examples in Rehearse content packs and compare their output.

Usage: check-examples.py [--timeout SECONDS] [--filter TEXT] [--verbose] PACK.json...

Every question's ``q`` and ``a`` is scanned for top-level CommonMark fenced
code blocks. The info string's first word is the language, the other words
are markers. What runs, and how, is described in docs/content-format.md
("Code blocks and examples"); in short:

  python, py, python3   python3 (3.11 or newer) on a script in a fresh
                        temporary directory
  js, javascript        node on a .cjs script; with ``module`` a .mjs script
  sql                   Python's sqlite3 module; all sql blocks of one
                        question share one fresh database
  sh, bash, shell + run bash in a fresh temporary directory that is $HOME,
                        stdout and stderr merged, git configured
  any + fragment        never run, only counted
  output                the expected output of the block right before it

An ``output`` block is compared with what the block before it printed:
trailing white space on each line and trailing blank lines are ignored,
``...`` inside a line matches any text on that line, and a line that is only
``...`` matches any number of lines.

Exit status:
  0   every block that runs ran and printed what its output block shows
  1   a block failed, a file is unreadable or not a pack, or nothing ran at
      all (a check that checks nothing fails)
  2   usage error
  77  an interpreter the packs need is missing (or python3 is older than
      3.11) and nothing failed; under CI=true a missing interpreter is a
      failure instead

Only the standard library is used.
"""

import argparse
import difflib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

SKIP_EXIT = 77
DEFAULT_TIMEOUT = 20.0
MIN_PYTHON = (3, 11)

PYTHON_LANGS = frozenset({"python", "py", "python3"})
JS_LANGS = frozenset({"js", "javascript"})
SQL_LANGS = frozenset({"sql"})
SH_LANGS = frozenset({"sh", "bash", "shell"})
RUNNABLE_LANGS = PYTHON_LANGS | JS_LANGS | SQL_LANGS | SH_LANGS
OUTPUT_LANG = "output"

# The kinds reported in the summary, in this order.
KINDS = ("python", "js", "sql", "sh")

# The git identity and dates every `sh run` block sees, so commit hashes are
# the same on every machine and every run.
GIT_NAME = "Ada Lovelace"
GIT_EMAIL = "ada@example.com"
GIT_DATE = "2026-01-01T12:00:00+00:00"

_LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
_OPEN_FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# A fence-looking line behind list markers, block quote markers or deeper
# indentation is not a top-level fence; when its language would run, that is
# an error, so no example escapes the check by being indented.
_NESTED_FENCE_RE = re.compile(r"^[ \t>+*\-0-9.)]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_EXIT_MARKER_RE = re.compile(r"^exit=([1-9][0-9]{0,2})$")
_EQP_RE = re.compile(r"^EXPLAIN\s+QUERY\s+PLAN\b", re.IGNORECASE)
_SQL_LEADING_COMMENTS_RE = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.DOTALL)
_ES_MODULE_RE = re.compile(r"\bES ?modules?\b|\bECMAScript modules?\b|\bESM\b", re.IGNORECASE)


class PackError(Exception):
    """The file is not a usable rehearse pack."""


# --------------------------------------------------------------------------
# Fenced blocks


class Block:
    """One top-level fenced code block of a Markdown text."""

    def __init__(self, index, lang, markers, source, first_line, last_line, closed):
        self.index = index  # 1-based, counting every fenced block of the text
        self.lang = lang
        self.markers = markers
        self.source = source
        self.first_line = first_line  # the opening fence, 1-based
        self.last_line = last_line  # the closing fence (or the text's last line)
        self.closed = closed


def split_lines(text):
    lines = _LINE_SPLIT_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def info_words(info):
    words = info.split()
    if not words:
        return "", []
    return words[0].lower(), words[1:]


def strip_indent(line, width):
    """Remove up to *width* leading spaces, as CommonMark does for fences."""
    n = 0
    while n < width and n < len(line) and line[n] == " ":
        n += 1
    return line[n:]


def find_fenced_blocks(markdown):
    """Return (blocks, nested, lines) for a Markdown string.

    nested: list of (line_number, language) for fence-looking lines of a
    runnable language (or ``output``) that are not top-level fences.
    """
    lines = split_lines(markdown)
    blocks = []
    nested = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _OPEN_FENCE_RE.match(line)
        if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
            indent = len(m.group("indent"))
            fence = m.group("fence")
            lang, markers = info_words(m.group("info"))
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
            last = j + 1 if closed else len(lines)
            blocks.append(Block(len(blocks) + 1, lang, markers, source, i + 1, last, closed))
            i = j + 1
            continue
        n = _NESTED_FENCE_RE.match(line)
        if n:
            lang, _ = info_words(n.group("info"))
            if lang in RUNNABLE_LANGS or lang == OUTPUT_LANG:
                nested.append((i + 1, lang))
        i += 1
    return blocks, nested, lines


def kind_of(lang):
    if lang in PYTHON_LANGS:
        return "python"
    if lang in JS_LANGS:
        return "js"
    if lang in SQL_LANGS:
        return "sql"
    if lang in SH_LANGS:
        return "sh"
    return None


# --------------------------------------------------------------------------
# Output matching


def normalise(text):
    lines = [line.rstrip() for line in split_lines(text)]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def _line_pattern(line):
    return re.compile(".*".join(re.escape(part) for part in line.split("...")), re.DOTALL)


def output_matches(expected, actual):
    """Whether *actual* (a list of lines) matches the *expected* pattern lines."""
    patterns = []
    for line in expected:
        if line.strip() == "...":
            patterns.append(None)
        elif "..." in line:
            patterns.append(_line_pattern(line))
        else:
            patterns.append(line)

    memo = {}

    def match(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(patterns):
            result = j == len(actual)
        elif patterns[i] is None:
            # Any number of lines, zero included.
            result = any(match(i + 1, k) for k in range(j, len(actual) + 1))
        elif j == len(actual):
            result = False
        elif isinstance(patterns[i], str):
            result = patterns[i] == actual[j] and match(i + 1, j + 1)
        else:
            result = patterns[i].fullmatch(actual[j]) is not None and match(i + 1, j + 1)
        memo[key] = result
        return result

    return match(0, 0)


def unified_diff(expected, actual):
    diff = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="")
    return "\n".join("    " + line for line in diff)


# --------------------------------------------------------------------------
# Running


class Result:
    def __init__(self, output, exit_code=0, timed_out=False, error=None):
        self.output = output
        self.exit_code = exit_code
        self.timed_out = timed_out
        self.error = error  # a message when the block could not be run


def base_env(home):
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    return env


def git_env(env):
    env.update({
        "GIT_AUTHOR_NAME": GIT_NAME,
        "GIT_AUTHOR_EMAIL": GIT_EMAIL,
        "GIT_AUTHOR_DATE": GIT_DATE,
        "GIT_COMMITTER_NAME": GIT_NAME,
        "GIT_COMMITTER_EMAIL": GIT_EMAIL,
        "GIT_COMMITTER_DATE": GIT_DATE,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
        "GIT_EDITOR": "true",
        "EDITOR": "true",
        "GIT_TERMINAL_PROMPT": "0",
    })
    # The global configuration is $HOME/.gitconfig in the block's own
    # throwaway directory: never a shared path such as /dev/null, which a
    # block's `git config --global` would replace with a file. The rest is
    # given without a file, so the directory starts empty.
    config = [
        ("user.name", GIT_NAME),
        ("user.email", GIT_EMAIL),
        ("init.defaultBranch", "main"),
        ("core.pager", "cat"),
        ("color.ui", "never"),
    ]
    env["GIT_CONFIG_COUNT"] = str(len(config))
    for n, (key, value) in enumerate(config):
        env[f"GIT_CONFIG_KEY_{n}"] = key
        env[f"GIT_CONFIG_VALUE_{n}"] = value
    return env


def run_process(argv, cwd, env, timeout, merge_stderr):
    """Run *argv*; kill its whole process group on time-out."""
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as e:
        return Result("", error=f"cannot start {argv[0]}: {e.strerror or e}")
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        timed_out = True
    result = Result(out.decode("utf-8", "replace"), proc.returncode, timed_out)
    result.stderr = "" if merge_stderr or err is None else err.decode("utf-8", "replace")
    return result


def run_script(kind, block, tools, timeout):
    with tempfile.TemporaryDirectory(prefix="rehearse-example-") as tmp:
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        env = base_env(work)
        if kind == "python":
            script = os.path.join(tmp, "example.py")
            argv = [tools["python"], script]
            merge = False
        elif kind == "js":
            script = os.path.join(tmp, "example.mjs" if "module" in block.markers else "example.cjs")
            argv = [tools["js"], script]
            merge = False
        else:
            script = os.path.join(tmp, "example.sh")
            argv = [tools["sh"], "--noprofile", "--norc", script]
            merge = True
            git_env(env)
        with open(script, "w", encoding="utf-8") as f:
            f.write(block.source)
        return run_process(argv, work, env, timeout, merge)


def split_sql(script):
    """Split *script* into statements, using SQLite's own idea of complete."""
    statements = []
    start = 0
    for pos, char in enumerate(script):
        if char == ";" and sqlite3.complete_statement(script[start:pos + 1]):
            statements.append(script[start:pos + 1])
            start = pos + 1
    rest = script[start:]
    if _SQL_LEADING_COMMENTS_RE.sub("", rest, count=1).strip():
        statements.append(rest)
    return [s for s in statements if _SQL_LEADING_COMMENTS_RE.sub("", s, count=1).strip(" \t\n;")]


def format_sql_value(value):
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return "X'" + value.hex().upper() + "'"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def format_query_plan(rows):
    """Render EXPLAIN QUERY PLAN rows as the sqlite3 shell draws them."""
    children = {}
    for row in rows:
        node_id, parent, detail = row[0], row[1], row[3]
        children.setdefault(parent, []).append((node_id, detail))
    lines = ["QUERY PLAN"]

    def render(parent, prefix, depth):
        kids = children.get(parent, [])
        for n, (node_id, detail) in enumerate(kids):
            last = n == len(kids) - 1
            lines.append(prefix + ("`--" if last else "|--") + str(detail))
            if depth < 64 and node_id != parent:
                render(node_id, prefix + ("   " if last else "|  "), depth + 1)

    render(0, "", 0)
    return lines


class SqlSession:
    """One fresh SQLite database shared by the sql blocks of one question."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="rehearse-sql-")
        # Autocommit: BEGIN, COMMIT and ROLLBACK happen exactly as written.
        self.conn = sqlite3.connect(
            os.path.join(self.tmp.name, "example.db"), isolation_level=None
        )

    def close(self):
        self.conn.close()
        self.tmp.cleanup()

    def run(self, block, timeout):
        allow_errors = "error" in block.markers
        out = []
        n_errors = 0
        deadline = time.monotonic() + timeout
        timed_out = [False]

        def progress():
            if time.monotonic() > deadline:
                timed_out[0] = True
                return 1
            return 0

        self.conn.set_progress_handler(progress, 1000)
        try:
            for statement in split_sql(block.source):
                try:
                    cursor = self.conn.execute(statement)
                    rows = cursor.fetchall() if cursor.description is not None else None
                except sqlite3.Error as e:
                    if timed_out[0]:
                        return Result("\n".join(out), timed_out=True)
                    message = f"Error: {e}"
                    if not allow_errors:
                        text = "\n".join(out + [message])
                        return Result(text, exit_code=1)
                    n_errors += 1
                    if out:
                        out.append("")
                    out.append(message)
                    continue
                if rows is None:
                    continue
                if out:
                    out.append("")
                body = _SQL_LEADING_COMMENTS_RE.sub("", statement, count=1)
                if _EQP_RE.match(body):
                    out.extend(format_query_plan(rows))
                    continue
                out.append(" | ".join(d[0] for d in cursor.description))
                for row in rows:
                    out.append(" | ".join(format_sql_value(v) for v in row))
                if not rows:
                    out.append("(no rows)")
        finally:
            self.conn.set_progress_handler(None, 0)
        result = Result("\n".join(out) + ("\n" if out else ""))
        if allow_errors and n_errors == 0:
            result.error = "the block is marked `error` but no statement failed"
        return result


# --------------------------------------------------------------------------
# Packs


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
        raise PackError(f"not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from e

    def require(cond, what):
        if not cond:
            raise PackError(f"not a rehearse-pack: {what}")

    require(isinstance(pack, dict), "top level is not a JSON object")
    require(pack.get("format") == "rehearse-pack",
            f'"format" is {pack.get("format")!r}, expected "rehearse-pack"')
    version = pack.get("version")
    require(isinstance(version, int) and not isinstance(version, bool) and version == 1,
            f'unsupported "version" {version!r}, expected 1')
    pages = pack.get("pages")
    require(isinstance(pages, list), '"pages" is missing or not an array')
    for p, page in enumerate(pages):
        where = f"pages[{p}]"
        require(isinstance(page, dict), f"{where} is not an object")
        require(isinstance(page.get("path"), str) and page["path"], f'{where} has no "path" string')
        where = f"pages[{p}] ({page['path']})"
        questions = page.get("questions")
        require(isinstance(questions, list), f'{where} has no "questions" array')
        for q, question in enumerate(questions):
            qwhere = f"{where} questions[{q}]"
            require(isinstance(question, dict), f"{qwhere} is not an object")
            require(isinstance(question.get("id"), str) and question["id"],
                    f'{qwhere} has no "id" string')
            for field in ("q", "a"):
                require(isinstance(question.get(field), str),
                        f'{qwhere} ({question["id"]}) has no "{field}" string')
    return pack


# --------------------------------------------------------------------------
# Checking


class Checker:
    def __init__(self, tools, missing, timeout, verbose, out=sys.stdout):
        self.tools = tools  # kind -> program path, for the kinds that can run
        self.missing = missing  # kind -> why it cannot run
        self.timeout = timeout
        self.verbose = verbose
        self.out = out
        self.counts = {kind: {"run": 0, "fragment": 0, "not run": 0, "skipped": 0}
                       for kind in KINDS}
        self.outputs_checked = 0
        self.unshown = 0
        self.failures = 0

    def say(self, text):
        print(text, file=self.out)

    def fail(self, where, message, detail=None):
        self.failures += 1
        self.say(f"FAIL {where}: {message}")
        if detail:
            self.say(detail)

    def check_question(self, filename, path, question):
        qid = question["id"]
        sql = None
        try:
            for field, label in (("q", "question"), ("a", "answer")):
                text = question[field]
                blocks, nested, lines = find_fenced_blocks(text)
                for line_no, lang in nested:
                    self.fail(f"{filename}: {path} #{qid}: {label} line {line_no}",
                              f"`{lang}` fence inside a list, a block quote or deeper "
                              "indentation is not checked; make it a top-level block")
                for n, block in enumerate(blocks):
                    where = (f"{filename}: {path} #{qid}: {label} block {block.index} "
                             f"({block.lang or 'no language'}, line {block.first_line})")
                    if not block.closed:
                        self.fail(where, "the fence is never closed")
                        continue
                    if block.lang == OUTPUT_LANG:
                        self.check_orphan_output(where, blocks, n, lines)
                        continue
                    following = self.output_after(blocks, n, lines)
                    kind = kind_of(block.lang)
                    if "fragment" in block.markers:
                        if kind:
                            self.counts[kind]["fragment"] += 1
                        if following is not None:
                            self.fail(where, "an output block follows a fragment, "
                                      "so what it shows is never checked")
                        continue
                    if kind is None:
                        if following is not None:
                            self.fail(where, f"an output block follows a "
                                      f"`{block.lang or 'plain'}` block, which is never run")
                        continue
                    problem = self.marker_problem(kind, block, text)
                    if problem:
                        self.fail(where, problem)
                        continue
                    if kind == "sh" and "run" not in block.markers:
                        self.counts[kind]["not run"] += 1
                        if following is not None:
                            self.fail(where, "an output block follows a shell block "
                                      "without `run`, so what it shows is never checked")
                        continue
                    if kind in self.missing:
                        self.counts[kind]["skipped"] += 1
                        continue
                    self.counts[kind]["run"] += 1
                    if kind == "sql":
                        if sql is None:
                            sql = SqlSession()
                        result = sql.run(block, self.timeout)
                    else:
                        result = run_script(kind, block, self.tools, self.timeout)
                    self.judge(where, kind, block, result, following)
        finally:
            if sql is not None:
                sql.close()

    def marker_problem(self, kind, block, text):
        allowed = {"fragment"}
        if kind == "sh":
            allowed |= {"run"}
        if kind == "js":
            allowed |= {"module"}
        if kind == "sql":
            allowed |= {"error"}
        for marker in block.markers:
            if marker in allowed:
                continue
            if kind != "sql" and _EXIT_MARKER_RE.match(marker):
                continue
            return f"unknown marker `{marker}` for a {kind} block"
        if "module" in block.markers and not _ES_MODULE_RE.search(text):
            return "a `js module` block needs the text to say that it runs as an ES module"
        return None

    def output_after(self, blocks, n, lines):
        """The output block right after blocks[n] (only blank lines between), or None."""
        if n + 1 >= len(blocks):
            return None
        nxt = blocks[n + 1]
        if nxt.lang != OUTPUT_LANG:
            return None
        between = lines[blocks[n].last_line:nxt.first_line - 1]
        if any(line.strip() for line in between):
            return None
        return nxt

    def check_orphan_output(self, where, blocks, n, lines):
        if n > 0 and self.output_after(blocks, n - 1, lines) is blocks[n] \
                and blocks[n - 1].lang != OUTPUT_LANG:
            return  # checked, or reported, with the block before it
        self.fail(where, "an output block must come right after the code block "
                  "whose output it shows (only blank lines between)")

    def judge(self, where, kind, block, result, following):
        if result.error and result.exit_code == 0 and not result.timed_out \
                and kind != "sql":
            self.fail(where, result.error)
            return
        if result.timed_out:
            self.fail(where, f"timed out after {self.timeout:g} s",
                      self.indent(result.output))
            return
        expected_exit = 0
        for marker in block.markers:
            m = _EXIT_MARKER_RE.match(marker)
            if m:
                expected_exit = int(m.group(1))
        if result.exit_code != expected_exit:
            if kind == "sql":
                message = "a statement failed (mark the block `error` if that is meant)"
            elif expected_exit:
                message = f"exited with status {result.exit_code}, expected {expected_exit}"
            else:
                message = f"exited with status {result.exit_code}"
            detail = result.output
            stderr = getattr(result, "stderr", "")
            if stderr:
                detail = (detail + "\n" if detail else "") + "--- stderr ---\n" + stderr
            self.fail(where, message, self.indent(detail))
            return
        if result.error:
            self.fail(where, result.error)
            return
        if following is None:
            if normalise(result.output):
                # Not an error: the conventions only ask that printed output
                # which is shown be checked. It is usually output shown in a
                # comment instead of an output block, though.
                self.unshown += 1
                self.say(f"NOTE {where}: prints output but no output block follows")
            elif self.verbose:
                self.say(f"ok {where} (no output block)")
            return
        self.outputs_checked += 1
        expected = normalise(following.source)
        actual = normalise(result.output)
        if output_matches(expected, actual):
            if self.verbose:
                self.say(f"ok {where}")
            return
        self.fail(where, "the output differs from the output block "
                  f"(line {following.first_line})", unified_diff(expected, actual))

    @staticmethod
    def indent(text):
        lines = normalise(text)
        if not lines:
            return None
        return "\n".join("    " + line for line in lines[-40:])

    def total_run(self):
        return sum(c["run"] for c in self.counts.values())

    def summary(self, versions):
        parts = []
        for kind in KINDS:
            c = self.counts[kind]
            if not any(c.values()):
                continue
            text = f"{kind}: {c['run']} run"
            if c["fragment"]:
                text += f", {c['fragment']} fragment{'' if c['fragment'] == 1 else 's'}"
            if c["not run"]:
                text += f", {c['not run']} not run (no `run` marker)"
            if c["skipped"]:
                text += f", {c['skipped']} skipped ({self.missing[kind]})"
            if kind in versions and c["run"]:
                text += f" [{versions[kind]}]"
            parts.append(text)
        text = f"output blocks: {self.outputs_checked} checked"
        if self.unshown:
            text += f", {self.unshown} printing block{'' if self.unshown == 1 else 's'} without one"
        parts.append(text)
        return "; ".join(parts)


def find_tools():
    """Return (tools, missing, versions) for the interpreters on PATH."""
    tools, missing, versions = {}, {}, {}
    python = shutil.which("python3")
    if python is None:
        missing["python"] = "python3 not found"
    else:
        try:
            out = subprocess.run(
                [python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                capture_output=True, text=True, timeout=30, check=True,
            ).stdout.strip()
            version = tuple(int(x) for x in out.split("."))
        except (OSError, subprocess.SubprocessError, ValueError):
            version = None
        if version is None:
            missing["python"] = "python3 does not start"
        elif version[:2] < MIN_PYTHON:
            missing["python"] = "python3 is %s, %d.%d is needed" % ((out,) + MIN_PYTHON)
        else:
            tools["python"] = python
            versions["python"] = "Python " + out
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        missing["js"] = "node not found"
    else:
        tools["js"] = node
        try:
            versions["js"] = "node " + subprocess.run(
                [node, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    bash = shutil.which("bash")
    git = shutil.which("git")
    if bash is None:
        missing["sh"] = "bash not found"
    elif git is None:
        # Shell examples are mostly git examples; without git they would
        # fail for a reason that is not theirs.
        missing["sh"] = "git not found"
    else:
        tools["sh"] = bash
        try:
            versions["sh"] = subprocess.run(
                [git, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    versions["sql"] = "SQLite " + sqlite3.sqlite_version
    return tools, missing, versions


def under_ci():
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def main(argv):
    parser = argparse.ArgumentParser(
        prog="check-examples.py",
        description="Run the code examples in Rehearse content packs.",
    )
    parser.add_argument("packs", nargs="+", metavar="PACK.json")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds each block may run (default %(default)g)")
    parser.add_argument("--filter", metavar="TEXT",
                        help="only check questions whose 'PATH#ID' contains TEXT")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="also name every block that passed")
    args = parser.parse_args(argv[1:])

    tools, missing, versions = find_tools()
    checker = Checker(tools, missing, args.timeout, args.verbose)
    bad_files = 0
    for filename in args.packs:
        try:
            pack = load_pack(filename)
        except PackError as e:
            print(f"FAIL {filename}: {e}")
            bad_files += 1
            continue
        for page in pack["pages"]:
            for question in page["questions"]:
                if args.filter and args.filter not in f"{page['path']}#{question['id']}":
                    continue
                checker.check_question(filename, page["path"], question)

    print(checker.summary(versions))
    skipped = {kind for kind in KINDS if checker.counts[kind]["skipped"]}
    failures = checker.failures + bad_files
    if skipped and under_ci():
        for kind in sorted(skipped):
            print(f"FAIL: {missing[kind]}, and under CI every example must run")
        failures += len(skipped)
    if failures:
        print(f"{failures} failure{'' if failures == 1 else 's'}")
        return 1
    if skipped:
        print("SKIP: " + "; ".join(missing[kind] for kind in sorted(skipped)))
        return SKIP_EXIT
    if checker.total_run() == 0:
        print("FAIL: no example ran, so nothing was checked")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
