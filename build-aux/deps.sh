#!/bin/sh
# Installs what Rehearse needs to build, run and test on Debian 12 or
# Ubuntu 24.04 and later, asking apt only for what is missing.
set -eu

packages="
  build-essential pkg-config meson ninja-build gettext python3 nodejs git
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libwebkitgtk-6.0-dev
  libjson-glib-dev libgtksourceview-5-dev libmd4c-dev libmd4c-html0-dev
  libsqlite3-dev libxml2-dev desktop-file-utils appstream valgrind
  xvfb xauth dbus-x11 bubblewrap xdg-dbus-proxy x11-utils xdotool clang
"

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

[ -z "$missing" ] && exit 0

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
