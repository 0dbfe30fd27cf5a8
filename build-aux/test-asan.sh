#!/bin/sh
# The sanitizer stage: builds Rehearse a second time in _build-asan with
# AddressSanitizer (and LeakSanitizer) and UBSan, and runs there the
# suites that exercise the core, render and cli code headless, plus the
# fuzz corpus replay. The last line it prints is "N passed, N failed".
#
# Not -Dwerror here: the normal build already holds the code to no
# warnings, and the sanitizers' instrumentation makes GCC warn where
# nothing is wrong.
set -eu
cd "$(dirname "$0")/.."

build=_build-asan
if [ ! -f $build/build.ninja ]; then
  meson setup $build -Db_sanitize=address,undefined --prefix="$PWD/$build/install"
fi

# Leaks are reported with full allocation stacks, which GLib, built
# without frame pointers, gives only to the slow unwinder; suppressions
# (build-aux/lsan.supp) need them to match.
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Every allocation through malloc, so that the sanitizers see each one.
export G_SLICE=always-malloc

status=0
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- \
  meson test -C $build --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
  --suite core --suite render --suite content --suite cli --suite fuzz-replay "$@" || status=$?

python3 build-aux/count-tests.py $build/meson-logs/testlog.json
exit $status
