#!/bin/sh
# Installs what is missing, builds, and starts Rehearse on its bundled
# library, from the build tree.
set -eu
cd "$(dirname "$0")/.."

build-aux/deps.sh
build-aux/build.sh
meson install -C _build --quiet >/dev/null

export XDG_DATA_DIRS="$PWD/_build/install/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$PWD/_build/install/share/glib-2.0/schemas"
exec _build/install/bin/rehearse "$@"
