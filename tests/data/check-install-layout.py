#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Install Rehearse as Flatpak does and check what it would export.

Usage: check-install-layout.py SOURCE_ROOT [--profile default|development]
                               [--work-dir DIR] [--keep]

flatpak-builder configures the app with --prefix=/app, builds it and
installs it into the sandbox's /app. This script does the same in a
temporary directory:

    meson setup --prefix=/app -Dprofile=PROFILE BUILD SOURCE_ROOT
    ninja -C BUILD <every target that is installed>
    meson install -C BUILD --destdir DEST --no-rebuild

and then checks DEST/app against the EXPECTED table: every file the desktop
needs is there, under the name Flatpak exports (the app id), and with the
app id inside it where the desktop matches them up. Flatpak only exports
files whose names start with the app id from share/applications,
share/icons, share/metainfo, share/dbus-1/services,
share/gnome-shell/search-providers and share/mime/packages, so any other
file there is reported too.

Rows marked "pending" are files the project has planned but not written
yet; they fail like any other missing file, with a note saying so.

It prints each check and exits 1 if any failed, 2 on a usage error, and 77
(skipped) if meson or ninja cannot be found.
"""

import argparse
import configparser
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BASE_ID = "io.github.rehearse.Rehearse"
DEVEL_SUFFIX = ".Devel"
PREFIX = "/app"
BINARY = "rehearse"

# What a Flatpak install of Rehearse must contain, relative to /app.
# {id} is the app id of the profile being built. A row with a note is
# pending: the file is planned, and the note says what is missing.
EXPECTED = [
    # path                                                   what                       pending note
    ("bin/" + BINARY,                                        "the program",             None),
    ("share/applications/{id}.desktop",                      "desktop entry",           None),
    ("share/metainfo/{id}.metainfo.xml",                     "AppStream metainfo",      None),
    ("share/icons/hicolor/scalable/apps/{id}.svg",           "application icon",        None),
    ("share/icons/hicolor/symbolic/apps/{id}-symbolic.svg",  "symbolic icon",           None),
    ("share/glib-2.0/schemas/{id}.gschema.xml",              "GSettings schema",        None),
    ("share/rehearse/content/*.json",                        "bundled question packs",  None),
    ("share/dbus-1/services/{id}.service",                   "D-Bus activation file",   None),
    ("share/gnome-shell/search-providers/{id}.search-provider.ini", "GNOME Shell search provider", None),
]

# The directories Flatpak exports to the host, and only files named after
# the app id in them.
EXPORTED_DIRS = [
    "share/applications",
    "share/icons",
    "share/metainfo",
    "share/dbus-1/services",
    "share/gnome-shell/search-providers",
    "share/mime/packages",
]

# Caches that the post-install scripts (update-desktop-database,
# gtk-update-icon-cache) leave there: Flatpak does not export them and
# regenerates its own, so they are allowed.
GENERATED_CACHES = {"mimeinfo.cache", "icon-theme.cache"}


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


def run(command, **kwargs):
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, **kwargs)
    if result.returncode != 0:
        print(result.stdout)
        raise SystemExit(f"FAIL command exited with {result.returncode}: {' '.join(command)}")
    return result.stdout


def install(source, work, profile, env):
    build = os.path.join(work, "build")
    dest = os.path.join(work, "dest")
    run(["meson", "setup", "--prefix=" + PREFIX, "-Dprofile=" + profile,
         "--buildtype=plain", build, source], env=env)

    # Build only what gets installed: the test programs and benchmarks are
    # not part of the app.
    outputs = []
    try:
        targets = json.loads(run(["meson", "introspect", "--targets", build], env=env))
        for target in targets:
            if target.get("installed"):
                outputs += [os.path.relpath(f, build) for f in target.get("filename", [])]
    except (ValueError, SystemExit) as e:
        print(f"note: introspection failed ({e}); building everything")
        outputs = []
    if outputs:
        run(["ninja", "-C", build] + outputs, env=env)
    else:
        run(["meson", "compile", "-C", build], env=env)

    run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"], env=env)
    return dest


def read_section(path, section, what, c):
    """Returns one group of a desktop-entry style file as a dict, or {}
    after a failed check when the file cannot be read or lacks it."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as e:
        c.check(False, f"{what}: can be parsed", str(e).splitlines()[0])
        return {}
    if not c.check(parser.has_section(section), f"{what}: has a [{section}] group"):
        return {}
    return dict(parser[section])


def check_desktop(path, app_id, root, c):
    entry = read_section(path, "Desktop Entry", "desktop entry", c)
    c.check(entry.get("Icon") == app_id, "desktop entry: Icon is the app id",
            f"Icon={entry.get('Icon')}")
    command = (entry.get("Exec") or "").split()
    c.check(bool(command) and command[0] in (BINARY, f"{PREFIX}/bin/{BINARY}"),
            f"desktop entry: Exec runs {BINARY}", f"Exec={entry.get('Exec')}")
    c.check(os.path.exists(os.path.join(root, "bin", command[0].split("/")[-1])) if command else False,
            "desktop entry: the program it runs is installed")
    return entry.get("DBusActivatable") == "true"


def check_metainfo(path, app_id, c):
    component = ET.parse(path).getroot()
    c.check(component.findtext("id") == app_id, "metainfo: id is the app id",
            f"id is {component.findtext('id')!r}")
    launchable = component.find("launchable[@type='desktop-id']")
    c.check(launchable is not None and launchable.text == app_id + ".desktop",
            "metainfo: launches the installed desktop entry",
            f"launchable is {launchable.text if launchable is not None else None!r}")
    c.check(component.findtext("provides/binary") == BINARY,
            f"metainfo: provides the {BINARY} binary")


def check_schema(path, app_id, c):
    schemas = ET.parse(path).getroot().findall("schema")
    expected_path = "/" + app_id.replace(".", "/") + "/"
    c.check(any(s.get("id") == app_id for s in schemas), "GSettings schema: id is the app id",
            f"ids are {[s.get('id') for s in schemas]}")
    c.check(all(s.get("path") in (None, expected_path) for s in schemas),
            f"GSettings schema: path is {expected_path}",
            f"paths are {[s.get('path') for s in schemas]}")


def check_icon(path, what, c):
    try:
        root = ET.parse(path).getroot()
        ok = root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
        c.check(ok, f"{what}: is an SVG", f"root element is {root.tag}")
    except ET.ParseError as e:
        c.check(False, f"{what}: is an SVG", str(e))


def check_dbus_service(path, app_id, c):
    service = read_section(path, "D-BUS Service", "D-Bus service", c)
    c.check(service.get("Name") == app_id, "D-Bus service: Name is the app id",
            f"Name={service.get('Name')}")
    c.check((service.get("Exec") or "").startswith(f"{PREFIX}/bin/{BINARY}"),
            f"D-Bus service: Exec runs {PREFIX}/bin/{BINARY}", f"Exec={service.get('Exec')}")


def check_search_provider(path, app_id, root, c):
    provider = read_section(path, "Shell Search Provider", "search provider", c)
    desktop_id = provider.get("DesktopId")
    c.check(desktop_id == app_id + ".desktop",
            "search provider: DesktopId is the desktop entry", f"DesktopId={desktop_id}")
    c.check(bool(desktop_id) and os.path.isfile(os.path.join(root, "share/applications", desktop_id)),
            "search provider: its desktop entry is installed")
    bus_name = provider.get("BusName")
    c.check(bus_name == app_id, "search provider: BusName is the app id", f"BusName={bus_name}")
    # Shell starts the app through D-Bus activation when it is not running.
    c.check(bool(bus_name) and os.path.isfile(os.path.join(root, "share/dbus-1/services", f"{bus_name}.service")),
            "search provider: a D-Bus service file starts its BusName")
    # GApplication's object path is the app id with dots as slashes; the
    # provider is exported below it (rh_application_dbus_register()).
    object_path = provider.get("ObjectPath")
    expected_path = "/" + app_id.replace(".", "/") + "/SearchProvider"
    c.check(object_path == expected_path, f"search provider: ObjectPath is {expected_path}",
            f"ObjectPath={object_path}")
    c.check(provider.get("Version") == "2", "search provider: Version is 2 (org.gnome.Shell.SearchProvider2)",
            f"Version={provider.get('Version')}")


def named_after(name, app_id):
    return name == app_id or name.startswith(app_id + ".") or name.startswith(app_id + "-")


def check_layout(dest, app_id, c):
    root = dest + PREFIX
    outside = [p for p in os.listdir(dest) if "/" + p != PREFIX]
    c.check(not outside, f"everything is installed under {PREFIX}",
            f"also installed: {', '.join('/' + p for p in outside)}")

    found = {}
    for pattern, what, pending in EXPECTED:
        relative = pattern.format(id=app_id)
        matches = sorted(glob.glob(os.path.join(root, relative)))
        if matches:
            c.check(True, f"{what}: {PREFIX}/{relative}"
                    + (f" ({len(matches)} files)" if len(matches) > 1 else ""))
        else:
            c.check(False, f"{what}: {PREFIX}/{relative}",
                    f"MISSING ({pending})" if pending else "MISSING")
        found[pattern] = matches

    def first(pattern):
        return (found.get(pattern) or [None])[0]

    desktop = first("share/applications/{id}.desktop")
    dbus_activatable = False
    if desktop:
        dbus_activatable = check_desktop(desktop, app_id, root, c)
    metainfo = first("share/metainfo/{id}.metainfo.xml")
    if metainfo:
        check_metainfo(metainfo, app_id, c)
    schema = first("share/glib-2.0/schemas/{id}.gschema.xml")
    if schema:
        check_schema(schema, app_id, c)
    for pattern, what in (("share/icons/hicolor/scalable/apps/{id}.svg", "application icon"),
                          ("share/icons/hicolor/symbolic/apps/{id}-symbolic.svg", "symbolic icon")):
        if first(pattern):
            check_icon(first(pattern), what, c)
    service = first("share/dbus-1/services/{id}.service")
    if service:
        check_dbus_service(service, app_id, c)
    elif dbus_activatable:
        print("note: the desktop entry is DBusActivatable, so the D-Bus service file above is "
              "needed before the app starts from GNOME Shell")
    provider = first("share/gnome-shell/search-providers/{id}.search-provider.ini")
    if provider:
        check_search_provider(provider, app_id, root, c)

    strays = []
    for exported in EXPORTED_DIRS:
        for dirpath, _, files in os.walk(os.path.join(root, exported)):
            for name in files:
                if name in GENERATED_CACHES or named_after(name, app_id):
                    continue
                strays.append(os.path.relpath(os.path.join(dirpath, name), dest))
    c.check(not strays, f"every file in the exported directories is named after {app_id}",
            "Flatpak would not export: " + ", ".join("/" + s for s in strays))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", help="the source root (where the top-level meson.build is)")
    parser.add_argument("--profile", choices=["default", "development"], default="default")
    parser.add_argument("--work-dir", help="where to build and install (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the build and install directories")
    args = parser.parse_args()

    if not os.path.isfile(os.path.join(args.source, "meson.build")):
        print(f"{args.source} has no meson.build", file=sys.stderr)
        return 2
    for tool in ("meson", "ninja"):
        if shutil.which(tool) is None:
            print(f"SKIP {tool} is not installed")
            return 77

    app_id = BASE_ID + (DEVEL_SUFFIX if args.profile == "development" else "")
    env = {k: v for k, v in os.environ.items()
           if k != "DESTDIR" and not k.startswith("MESON") and k != "MALLOC_PERTURB_"}

    work = args.work_dir or tempfile.mkdtemp(prefix="rehearse-install-")
    os.makedirs(work, exist_ok=True)
    print(f"Installing the {args.profile} profile ({app_id}) with prefix {PREFIX} in {work}")
    c = Checker()
    try:
        dest = install(os.path.abspath(args.source), work, args.profile, env)
        print()
        check_layout(dest, app_id, c)
    finally:
        if args.keep or args.work_dir:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    if c.failures:
        print(f"{len(c.failures)} of {c.count} checks failed:")
        for failure in c.failures:
            print(f"  - {failure}")
        return 1
    print(f"All {c.count} checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
