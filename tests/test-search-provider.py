#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Search Rehearse over D-Bus the way GNOME Shell does.

Usage: test-search-provider.py [APP_ID]

Starts $REHEARSE_BIN --gapplication-service, as D-Bus activation does when
Shell first searches, and calls org.gnome.Shell.SearchProvider2 on it with
gdbus: the initial and refined result sets, the result metas, activating a
result (a window shows its page) and launching a search in the app. Then
app.quit must end the service.

The app gets fresh, empty data and cache directories, so its search index
is built from scratch: the first searches may come back empty until it is
ready. It runs on a private session bus when there is none, or when
another instance already owns APP_ID, and under xvfb-run when there is no
display.

Prints TAP; exits 1 on a failed check and 77 (skipped) without gdbus,
dbus-run-session or a display.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

APP_ID = sys.argv[1] if len(sys.argv) > 1 else "io.github.rehearse.Rehearse"
APP_PATH = "/" + APP_ID.replace(".", "/")
PROVIDER_PATH = APP_PATH + "/SearchProvider"
PROVIDER = "org.gnome.Shell.SearchProvider2"

FIRST = "/python/concurrency/multiprocessing#process-vs-pool"
NARROWED = "/python/concurrency/multiprocessing#pool-map-variants"
FIRST_NAME = "When would you use multiprocessing.Process and when multiprocessing.Pool?"
FIRST_DESCRIPTION = "Python › Concurrency & Parallelism › Multiprocessing"
PAGE_TITLE = "Multiprocessing"

# How long the app may take for what a person would wait for, generous
# for slow CI machines.
START_TIMEOUT = 20
INDEX_TIMEOUT = 30
WINDOW_TIMEOUT = 20
EXIT_TIMEOUT = 15

REEXEC_MARK = "REHEARSE_SEARCH_PROVIDER_TEST_BUS"


class Failure(Exception):
    pass


# GVariant text, as gdbus prints it ------------------------------------------

class VariantParser:
    """Reads the subset of GVariant text format that gdbus prints for
    these methods: tuples, arrays, dictionaries, variants, strings,
    numbers and booleans, with optional type annotations."""

    ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
    TYPE_KEYWORDS = {"boolean", "byte", "int16", "uint16", "int32", "uint32", "int64",
                     "uint64", "handle", "double", "string", "objectpath", "signature"}

    def __init__(self, text):
        self.text = text
        self.pos = 0

    def parse(self):
        value = self.value()
        self.skip_space()
        if self.pos != len(self.text):
            self.fail("trailing text")
        return value

    def fail(self, what):
        raise ValueError(f"{what} at {self.pos} in {self.text!r}")

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self):
        self.skip_space()
        if self.pos >= len(self.text):
            self.fail("unexpected end")
        return self.text[self.pos]

    def expect(self, char):
        if self.peek() != char:
            self.fail(f"expected {char!r}")
        self.pos += 1

    def word(self):
        start = self.pos
        while self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] in "_.+-"):
            self.pos += 1
        return self.text[start:self.pos]

    def value(self):
        char = self.peek()
        if char == "@":
            # A type annotation such as "@as []": the value follows.
            while self.pos < len(self.text) and not self.text[self.pos].isspace():
                self.pos += 1
            return self.value()
        if char == "(":
            return tuple(self.sequence("(", ")"))
        if char == "[":
            return self.sequence("[", "]")
        if char == "{":
            return self.dictionary()
        if char == "<":
            self.pos += 1
            value = self.value()
            self.expect(">")
            return value
        if char in "'\"":
            return self.string()
        word = self.word()
        if not word:
            self.fail("unexpected character")
        if word in ("true", "false"):
            return word == "true"
        if word in self.TYPE_KEYWORDS:
            return self.value()
        try:
            return int(word, 0)
        except ValueError:
            return float(word)

    def sequence(self, opening, closing):
        self.expect(opening)
        items = []
        if self.peek() == closing:
            self.pos += 1
            return items
        while True:
            items.append(self.value())
            char = self.peek()
            self.pos += 1
            if char == closing:
                return items
            if char != ",":
                self.fail(f"expected ',' or {closing!r}")
            if self.peek() == closing:  # as in the one-element tuple "(x,)"
                self.pos += 1
                return items

    def dictionary(self):
        self.expect("{")
        entries = {}
        if self.peek() == "}":
            self.pos += 1
            return entries
        while True:
            key = self.value()
            self.expect(":")
            entries[key] = self.value()
            char = self.peek()
            self.pos += 1
            if char == "}":
                return entries
            if char != ",":
                self.fail("expected ',' or '}'")

    def string(self):
        quote = self.text[self.pos]
        self.pos += 1
        out = []
        while True:
            if self.pos >= len(self.text):
                self.fail("unterminated string")
            char = self.text[self.pos]
            self.pos += 1
            if char == quote:
                return "".join(out)
            if char != "\\":
                out.append(char)
                continue
            escape = self.text[self.pos]
            self.pos += 1
            if escape in "uU":
                length = 4 if escape == "u" else 8
                out.append(chr(int(self.text[self.pos:self.pos + length], 16)))
                self.pos += length
            else:
                out.append(self.ESCAPES.get(escape, escape))


# The app and the bus --------------------------------------------------------

class App:
    def __init__(self, binary, env):
        self.process = subprocess.Popen([binary, "--gapplication-service"], env=env)

    def running(self):
        return self.process.poll() is None

    def stop(self):
        if self.running():
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def gdbus_call(dest, path, method, *args):
    """Calls a method and returns its out arguments as a tuple; raises
    Failure with the D-Bus error otherwise."""
    result = subprocess.run(["gdbus", "call", "--session", "--dest", dest, "--object-path", path,
                             "--method", method, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30)
    if result.returncode != 0:
        raise Failure(f"{method} failed: {result.stderr.strip()}")
    try:
        return VariantParser(result.stdout.strip()).parse()
    except ValueError as e:
        raise Failure(f"{method} returned what gdbus printed as {result.stdout.strip()!r}: {e}")


def name_has_owner(name):
    (owned,) = gdbus_call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus.NameHasOwner", name)
    return owned


def strv(items):
    return "[" + ", ".join(repr(item) for item in items) + "]"


class Tap:
    def __init__(self):
        self.count = 0

    def ok(self, what):
        self.count += 1
        print(f"ok {self.count} - {what}", flush=True)

    def not_ok(self, what, why):
        self.count += 1
        print(f"not ok {self.count} - {what}", flush=True)
        for line in str(why).splitlines():
            print(f"# {line}", flush=True)


def wait_for(predicate, timeout, interval=0.1):
    """Polls predicate until it returns something true or timeout seconds
    pass; returns its last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(interval)


def window_titles():
    """The names of the top-level X11 windows, or None without X11 tools."""
    if not os.environ.get("DISPLAY") or shutil.which("xwininfo") is None:
        return None
    result = subprocess.run(["xwininfo", "-root", "-tree"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    titles = []
    for line in result.stdout.splitlines():
        # 0x200004 "Multiprocessing": ("rehearse" "rehearse")  1100x760+0+0  +0+0
        start = line.find('"')
        end = line.find('":', start + 1)
        if start >= 0 and end > start:
            titles.append(line[start + 1:end])
    return titles


def app_has_window():
    result = subprocess.run(["gdbus", "introspect", "--session", "--dest", APP_ID,
                             "--object-path", APP_PATH],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return "node window" in result.stdout


# The checks -----------------------------------------------------------------

def run_checks(app, tap):
    provider = lambda method, *args: gdbus_call(APP_ID, PROVIDER_PATH, f"{PROVIDER}.{method}", *args)

    def check_running(when):
        if not app.running():
            raise Failure(f"the app exited with status {app.process.returncode} {when}")

    start = time.monotonic()
    if not wait_for(lambda: not app.running() or name_has_owner(APP_ID), START_TIMEOUT) or not app.running():
        check_running("before it owned its name")
        raise Failure(f"the app did not own {APP_ID} on the bus within {START_TIMEOUT} s")
    tap.ok(f"rehearse --gapplication-service owns {APP_ID} ({time.monotonic() - start:.1f} s)")

    # Shell's first keystrokes: the index may still be building.
    terms = ["multiprocessing", "pool"]
    tries = 0
    results = []
    deadline = time.monotonic() + INDEX_TIMEOUT
    while time.monotonic() < deadline:
        check_running("while searching")
        tries += 1
        (results,) = provider("GetInitialResultSet", strv(terms))
        if results:
            break
        time.sleep(0.5)
    if not results:
        raise Failure(f"GetInitialResultSet({terms}) was still empty after {INDEX_TIMEOUT} s")
    if results[0] != FIRST:
        raise Failure(f"GetInitialResultSet({terms}) put {results[0]!r} first, not {FIRST!r}: {results}")
    tap.ok(f"GetInitialResultSet({terms}) puts {FIRST} first, of {len(results)} "
           f"(after {tries} {'try' if tries == 1 else 'tries'})")

    malformed = [r for r in results if "#" not in r or not r.startswith("/")]
    if malformed:
        raise Failure(f"result identifiers are not PATH#ID: {malformed}")
    tap.ok("every result identifier is PATH#ID")

    narrower = terms + ["map"]
    (narrowed,) = provider("GetSubsearchResultSet", strv(results), strv(narrower))
    if NARROWED not in narrowed:
        raise Failure(f"GetSubsearchResultSet(…, {narrower}) lacks {NARROWED}: {narrowed}")
    if len(narrowed) > len(results):
        raise Failure(f"GetSubsearchResultSet(…, {narrower}) found more than before: {narrowed}")
    tap.ok(f"GetSubsearchResultSet(…, {narrower}) narrows to {len(narrowed)}, {NARROWED} among them")

    (none,) = provider("GetInitialResultSet", strv(["qqqzzzxxyy"]))
    if none:
        raise Failure(f"a search for nonsense found {none}")
    tap.ok("a search for nonsense finds nothing")

    (metas,) = provider("GetResultMetas", strv([FIRST]))
    if len(metas) != 1:
        raise Failure(f"GetResultMetas([{FIRST!r}]) returned {len(metas)} metas: {metas}")
    meta = metas[0]
    expected = {"id": FIRST, "name": FIRST_NAME, "description": FIRST_DESCRIPTION}
    wrong = {key: meta.get(key) for key, value in expected.items() if meta.get(key) != value}
    if wrong:
        raise Failure(f"GetResultMetas: expected {expected}, got {wrong}")
    gicon = meta.get("gicon")
    if not (isinstance(gicon, tuple) and len(gicon) == 2 and gicon[0] == "themed" and APP_ID in gicon[1]):
        raise Failure(f"GetResultMetas: gicon is not the themed icon {APP_ID}: {gicon!r}")
    tap.ok(f"GetResultMetas gives the name {FIRST_NAME!r}, the description "
           f"{FIRST_DESCRIPTION!r} and the app icon")

    # Shell drops all of a provider's results when it gets fewer metas
    # than it asked for.
    (metas,) = provider("GetResultMetas", strv([FIRST, "/no/such/page#nothing", NARROWED]))
    if [m.get("id") for m in metas] != [FIRST, "/no/such/page#nothing", NARROWED] or \
       not all(m.get("name") for m in metas):
        raise Failure(f"GetResultMetas does not name every identifier, in order: {metas}")
    tap.ok("GetResultMetas names every identifier in order, even one not in the library")

    if app_has_window():
        raise Failure("the service showed a window before a result was activated")
    check_running("after the searches")
    provider("ActivateResult", FIRST, strv(terms), "0")
    if not wait_for(app_has_window, WINDOW_TIMEOUT):
        raise Failure(f"ActivateResult({FIRST!r}) showed no window within {WINDOW_TIMEOUT} s")
    tap.ok(f"ActivateResult({FIRST}) shows a window")

    titles = window_titles()
    if titles is None:
        tap.ok("# SKIP the window title needs X11 and xwininfo (x11-utils)")
    else:
        if not wait_for(lambda: PAGE_TITLE in window_titles(), WINDOW_TIMEOUT):
            raise Failure(f"no window is titled {PAGE_TITLE!r}: {window_titles()}")
        tap.ok(f"the window shows the page {PAGE_TITLE!r}")

    try:
        provider("ActivateResult", "not-a-result", strv(terms), "0")
        raise Failure("ActivateResult accepted an identifier without '#'")
    except Failure as e:
        if "InvalidArgs" not in str(e):
            raise
    tap.ok("ActivateResult refuses an identifier that is not PATH#ID")

    provider("LaunchSearch", strv(["asyncio", "gather"]), "0")
    check_running("after LaunchSearch")
    if not app_has_window():
        raise Failure("the window went away after LaunchSearch")
    tap.ok("LaunchSearch brings the window up")

    gdbus_call(APP_ID, APP_PATH, "org.gtk.Actions.Activate", "quit", "[]", "{}")
    try:
        status = app.process.wait(EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Failure(f"the app was still running {EXIT_TIMEOUT} s after app.quit")
    if status != 0:
        raise Failure(f"the app exited with status {status} after app.quit")
    tap.ok("app.quit ends the service")


def reexec(command, why):
    print(f"# {why}: running again under {command[0]}", flush=True)
    os.environ[REEXEC_MARK] = command[0]
    os.execvp(command[0], command + [sys.executable, os.path.abspath(__file__)] + sys.argv[1:])


def main():
    binary = os.environ.get("REHEARSE_BIN")
    if not binary or not os.access(binary, os.X_OK):
        print(f"Bail out! REHEARSE_BIN does not name the rehearse program: {binary!r}")
        return 1
    if shutil.which("gdbus") is None:
        print("1..0 # SKIP gdbus is not installed")
        return 77

    # The app needs a display for its window; without one, borrow Xvfb.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        if shutil.which("xvfb-run") is None or os.environ.get(REEXEC_MARK):
            print("1..0 # SKIP there is no display and no xvfb-run")
            return 77
        reexec(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"], "no display")

    # A bus of our own when there is none or when a running Rehearse
    # already owns the name: never talk to the user's app.
    private = os.environ.get(REEXEC_MARK) == "dbus-run-session"
    if not private:
        why = None
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            why = "no session bus"
        else:
            try:
                if name_has_owner(APP_ID):
                    why = f"{APP_ID} is already running on this bus"
            except Failure as e:
                why = f"the session bus does not answer ({e})"
        if why:
            if shutil.which("dbus-run-session") is None:
                print(f"1..0 # SKIP {why}, and dbus-run-session is not installed")
                return 77
            reexec(["dbus-run-session", "--"], why)

    home = tempfile.mkdtemp(prefix="rehearse-search-provider-")
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[name] = os.path.join(home, name.lower())
        os.makedirs(env[name])
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("NO_AT_BRIDGE", "1")

    tap = Tap()
    app = App(binary, env)
    status = 0
    try:
        run_checks(app, tap)
    except (Failure, subprocess.TimeoutExpired) as e:
        tap.not_ok("search provider", e)
        status = 1
    finally:
        app.stop()
        shutil.rmtree(home, ignore_errors=True)

    print(f"1..{tap.count}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
