#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite
# headless, in its own X server and D-Bus session. The last line it
# prints is "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."

build-aux/deps.sh
build-aux/build.sh

status=0
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- \
  meson test -C _build --print-errorlogs --num-processes 2 "$@" || status=$?

python3 build-aux/count-tests.py _build/meson-logs/testlog.json
exit $status
