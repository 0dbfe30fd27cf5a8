#!/bin/sh
# Configures (once) and builds Rehearse in _build/.
set -eu
cd "$(dirname "$0")/.."

options=""
[ "${CI:-}" = "true" ] && options="-Dwerror=true"

if [ ! -f _build/build.ninja ]; then
  # shellcheck disable=SC2086
  meson setup _build --prefix="$PWD/_build/install" $options
fi
meson compile -C _build
