#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check Rehearse's Flatpak manifests for what the project promises.

Usage: check-flatpak-manifest.py MANIFEST.json [MANIFEST.json ...]

For each manifest:

  * it is valid JSON, an object, and its "id" is the file name without
    ".json";
  * it builds on org.gnome.Platform / org.gnome.Sdk, with a numbered
    runtime-version of at least MIN_RUNTIME, and runs the "rehearse" command;
  * "finish-args" is exactly FINISH_ARGS, in any order and without
    duplicates; anything that widens the sandbox (network, files, X11
    without fallback, the session or system bus, all devices, ...) is named
    as such;
  * the top-level cleanup drops headers, pkg-config files and static
    libraries;
  * every module other than the app itself takes its sources pinned: git
    sources carry a 40-hex "commit", archives and files a 64-hex "sha256",
    and nothing is a bare "dir" (only the app builds from the work tree);
  * md4c is built with CMake and cleans up /include, /lib/pkgconfig and
    md2html;
  * the app module "rehearse" builds with meson from the work tree ("..");
    a manifest named *.Devel.json has an id ending in ".Devel" and passes
    -Dprofile=development, and any other manifest must not pass a profile.

When several manifests are given, they must pin the same dependencies.

It prints each check, and exits 1 with the failures listed if any failed,
2 on a usage error.
"""

import json
import os
import re
import sys

APP_COMMAND = "rehearse"
APP_MODULE = "rehearse"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
MIN_RUNTIME = 50
DEVEL_SUFFIX = ".Devel"
DEVEL_OPTION = "-Dprofile=development"

FINISH_ARGS = [
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
]

# Permissions the app must never ask for, with the reason shown on failure.
# Each entry is a prefix: "--filesystem=" catches every filesystem grant.
FORBIDDEN_PREFIXES = [
    ("--share=network", "network access (the app works offline)"),
    ("--filesystem=", "file system access (files come in through the portal)"),
    ("--socket=x11", "plain X11 (use --socket=fallback-x11 with Wayland)"),
    ("--socket=session-bus", "the whole session bus"),
    ("--socket=system-bus", "the whole system bus"),
    ("--socket=pulseaudio", "sound"),
    ("--socket=ssh-auth", "the SSH agent"),
    ("--socket=pcsc", "smart cards"),
    ("--socket=cups", "the printing socket (printing goes through the portal)"),
    ("--socket=gpg-agent", "the GPG agent"),
    ("--device=all", "every device"),
    ("--device=shm", "host shared memory"),
    ("--device=kvm", "KVM"),
    ("--device=input", "input devices"),
    ("--device=usb", "USB devices"),
    ("--talk-name=", "a D-Bus name outside the portals"),
    ("--system-talk-name=", "a system bus name"),
    ("--own-name=", "a D-Bus name besides the app id"),
    ("--allow=", "extra sandbox features (devel, multiarch, bluetooth, ...)"),
    ("--persist=", "a persistent home directory"),
    ("--env=", "environment overrides"),
    ("--add-policy=", "extra policy"),
]

TOP_CLEANUP = ["/include", "/lib/pkgconfig", "*.a", "*.la"]
MD4C_CLEANUP = ["/include", "/lib/pkgconfig"]

HEX40 = re.compile(r"[0-9a-f]{40}")
HEX64 = re.compile(r"[0-9a-f]{64}")


class Checker:
    def __init__(self):
        self.failures = []
        self.count = 0

    def check(self, ok, what, why=""):
        self.count += 1
        if ok:
            print(f"ok   {what}")
        else:
            message = f"{what}: {why}" if why else what
            print(f"FAIL {message}")
            self.failures.append(message)
        return ok


def load_modules(modules, base_dir, c, where):
    """Returns the modules as a flat list of (name, dict), following
    nested "modules" and modules kept in separate JSON files."""
    flat = []
    for index, module in enumerate(modules):
        if isinstance(module, str):
            path = os.path.join(base_dir, module)
            try:
                with open(path, encoding="utf-8") as f:
                    module = json.load(f)
            except (OSError, ValueError) as e:
                c.check(False, f"{where}: module file {path} loads", str(e))
                continue
        if not isinstance(module, dict):
            c.check(False, f"{where}: module {index} is an object", type(module).__name__)
            continue
        name = module.get("name", f"#{index}")
        flat.append((name, module))
        flat.extend(load_modules(module.get("modules", []), base_dir, c, where))
    return flat


def source_pin(source):
    """Returns (pinned, description) for one source of a dependency."""
    if isinstance(source, str):
        return False, f"sources kept in a separate file ({source}) are not checked"
    kind = source.get("type")
    if kind == "git":
        commit = source.get("commit", "")
        if HEX40.fullmatch(commit):
            return True, f"git {source.get('url', source.get('path'))} at {commit}"
        return False, f"git source {source.get('url')} has no 40-hex \"commit\" (tag/branch alone can move)"
    if kind in ("archive", "file"):
        sha = source.get("sha256", "")
        if HEX64.fullmatch(sha):
            return True, f"{kind} {source.get('url', source.get('path'))} sha256 {sha[:12]}…"
        return False, f"{kind} source {source.get('url', source.get('path'))} has no 64-hex \"sha256\""
    if kind in ("patch", "script", "inline", "shell"):
        return True, f"{kind} source (kept in the repository)"
    return False, f"source type {kind!r} cannot be pinned"


def check_manifest(path, c):
    where = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except OSError as e:
        c.check(False, f"{where}: readable", str(e))
        return None
    except ValueError as e:
        c.check(False, f"{where}: valid JSON", str(e))
        return None
    c.check(True, f"{where}: valid JSON")
    if not c.check(isinstance(manifest, dict), f"{where}: is a JSON object"):
        return None

    app_id = manifest.get("id", manifest.get("app-id"))
    expected_id = where[: -len(".json")] if where.endswith(".json") else where
    c.check(app_id == expected_id, f"{where}: id is {expected_id}", f"id is {app_id!r}")
    # The file name says which build it is meant to be, so a Devel manifest
    # whose id lost its suffix still gets the Devel checks.
    devel = expected_id.endswith(DEVEL_SUFFIX)
    if devel:
        c.check(isinstance(app_id, str) and app_id.endswith(DEVEL_SUFFIX),
                f"{where}: the Devel id ends with {DEVEL_SUFFIX}", f"id is {app_id!r}")

    c.check(manifest.get("runtime") == RUNTIME, f"{where}: runtime is {RUNTIME}",
            f"runtime is {manifest.get('runtime')!r}")
    version = manifest.get("runtime-version")
    numbered = isinstance(version, str) and re.fullmatch(r"\d+(\.\d+)?", version) is not None
    c.check(numbered and float(version) >= MIN_RUNTIME,
            f"{where}: runtime-version is a number >= {MIN_RUNTIME}",
            f"runtime-version is {version!r}")
    c.check(manifest.get("sdk") == SDK, f"{where}: sdk is {SDK}", f"sdk is {manifest.get('sdk')!r}")
    c.check(manifest.get("command") == APP_COMMAND, f"{where}: command is {APP_COMMAND}",
            f"command is {manifest.get('command')!r}")

    args = manifest.get("finish-args", [])
    if not isinstance(args, list):
        c.check(False, f"{where}: finish-args is a list", type(args).__name__)
        args = []
    for arg in args:
        for prefix, reason in FORBIDDEN_PREFIXES:
            if isinstance(arg, str) and arg.startswith(prefix):
                c.check(False, f"{where}: finish-args do not ask for {reason}", f"found {arg}")
    c.check(len(args) == len(set(map(str, args))), f"{where}: finish-args have no duplicates",
            f"{args}")
    missing = [a for a in FINISH_ARGS if a not in args]
    extra = [a for a in args if a not in FINISH_ARGS]
    c.check(not missing and not extra,
            f"{where}: finish-args are exactly {' '.join(FINISH_ARGS)}",
            "; ".join(filter(None, [
                f"missing {' '.join(missing)}" if missing else "",
                f"extra {' '.join(map(str, extra))}" if extra else "",
            ])))

    cleanup = manifest.get("cleanup", [])
    for entry in TOP_CLEANUP:
        c.check(entry in cleanup, f"{where}: cleanup removes {entry}", f"cleanup is {cleanup}")

    modules = load_modules(manifest.get("modules", []), os.path.dirname(path), c, where)
    c.check(bool(modules), f"{where}: has modules")
    pins = {}
    app_module = None
    for name, module in modules:
        if name == APP_MODULE:
            app_module = module
            continue
        sources = module.get("sources", [])
        if not c.check(bool(sources), f"{where}: module {name} has sources"):
            continue
        for source in sources:
            pinned, description = source_pin(source)
            c.check(pinned, f"{where}: module {name} is pinned ({description})"
                    if pinned else f"{where}: module {name} is pinned", description)
        pins[name] = json.dumps(module, sort_keys=True)

    md4c = dict(modules).get("md4c")
    if c.check(md4c is not None, f"{where}: builds md4c"):
        c.check(md4c.get("buildsystem") in ("cmake", "cmake-ninja"),
                f"{where}: md4c builds with cmake", f"buildsystem is {md4c.get('buildsystem')!r}")
        md4c_cleanup = md4c.get("cleanup", [])
        for entry in MD4C_CLEANUP:
            c.check(entry in md4c_cleanup, f"{where}: md4c cleanup removes {entry}",
                    f"cleanup is {md4c_cleanup}")
        c.check(any("md2html" in e for e in md4c_cleanup),
                f"{where}: md4c cleanup removes md2html", f"cleanup is {md4c_cleanup}")

    if c.check(app_module is not None, f"{where}: has the app module {APP_MODULE!r}"):
        c.check(modules[-1][1] is app_module, f"{where}: the app module is built last")
        c.check(app_module.get("buildsystem") == "meson", f"{where}: the app builds with meson",
                f"buildsystem is {app_module.get('buildsystem')!r}")
        sources = app_module.get("sources", [])
        c.check(any(isinstance(s, dict) and s.get("type") == "dir" and s.get("path") == ".."
                    for s in sources),
                f"{where}: the app builds from the work tree (dir ..)", f"sources are {sources}")
        options = app_module.get("config-opts", [])
        if devel:
            c.check(DEVEL_OPTION in options, f"{where}: the Devel build passes {DEVEL_OPTION}",
                    f"config-opts are {options}")
        else:
            c.check(not any(o.startswith("-Dprofile=") and o != "-Dprofile=default" for o in options),
                    f"{where}: the stable build keeps the default profile",
                    f"config-opts are {options}")

    return {"devel": devel, "pins": pins}


def main(argv):
    if len(argv) < 2 or any(a in ("-h", "--help") for a in argv[1:]):
        print(__doc__.strip(), file=sys.stderr)
        return 2

    c = Checker()
    results = {}
    for path in argv[1:]:
        results[path] = check_manifest(path, c)

    loaded = {p: r for p, r in results.items() if r}
    if len(loaded) > 1:
        first_path, first = next(iter(loaded.items()))
        for path, result in loaded.items():
            if path == first_path:
                continue
            c.check(result["pins"] == first["pins"],
                    f"{os.path.basename(path)}: dependencies are the same as in "
                    f"{os.path.basename(first_path)}",
                    "the manifests build different dependencies")

    print()
    if c.failures:
        print(f"{len(c.failures)} of {c.count} checks failed:")
        for failure in c.failures:
            print(f"  - {failure}")
        return 1
    print(f"All {c.count} checks passed for {len(argv) - 1} manifest(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
