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
# Everything, not only what the chosen suites link: the tests read the
# compiled settings schema and translations too.
meson compile -C $build

asan="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Every allocation through malloc, so that the sanitizers see each one.
export G_SLICE=always-malloc

run () {
  xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- \
    meson test -C $build --print-errorlogs --num-processes 2 "$@"
}

rm -f $build/meson-logs/rerun.json
status=0
ASAN_OPTIONS="$asan" run --timeout-multiplier 3 \
  --suite core --suite render --suite content --suite cli --suite fuzz-replay || status=$?

# GLib is built without frame pointers, so the fast unwinder stops each
# allocation's stack at g_malloc(), where no suppression can match. The
# slow unwinder sees the whole stack but makes some tests ten times
# slower; so the tests that failed run once more with it, and what they
# give then stands: a leak that build-aux/lsan.supp explains passes, any
# other failure fails again, now with full stacks.
if [ $status -ne 0 ]; then
  failed=$(python3 build-aux/count-tests.py --failed $build/meson-logs/testlog.json)
  if [ -n "$failed" ]; then
    echo "Again with full allocation stacks: $failed"
    status=0
    # shellcheck disable=SC2086
    ASAN_OPTIONS="$asan:fast_unwind_on_malloc=0" run --no-rebuild --timeout-multiplier 10 \
      --logbase rerun $failed || status=$?
  fi
fi

python3 build-aux/count-tests.py $build/meson-logs/testlog.json \
  $(test -f $build/meson-logs/rerun.json && echo $build/meson-logs/rerun.json)
exit $status
