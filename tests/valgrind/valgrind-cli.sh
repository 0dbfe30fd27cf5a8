#!/bin/sh
# Runs the headless commands on the bundled library under valgrind's
# memcheck: rehearse --check, --export-html and --search. Each fails on
# a memory error or on a definite leak that build-aux/valgrind.supp does
# not explain. Speaks TAP, one case per command.
#
#   valgrind-cli.sh REHEARSE SUPPRESSIONS
#
# The bundled library is $REHEARSE_CONTENT_DIR, as in every test.
set -u

rehearse=$1
suppressions=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-valgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# A search index and study data of its own, never the user's.
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
# Every allocation through malloc, and freed memory cleared, so that
# memcheck sees what GLib would otherwise keep in its slices.
export G_SLICE=always-malloc G_DEBUG=gc-friendly

n=0
failed=0
echo "1..3"

check () {
  name=$1
  shift
  n=$((n + 1))
  if valgrind --quiet --tool=memcheck --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=40 \
    --suppressions="$suppressions" --gen-suppressions=all \
    "$rehearse" "$@" >"$work/out" 2>"$work/err"; then
    echo "ok $n - $name"
  else
    status=$?
    echo "not ok $n - $name (exit status $status)"
    sed 's/^/# /' "$work/err" | head -200
    failed=$((failed + 1))
  fi
}

# --check wants its files named; the others read the library itself.
# shellcheck disable=SC2086
check "rehearse --check" --check "$REHEARSE_CONTENT_DIR"/*.json
check "rehearse --export-html" --export-html="$work/html"
check "rehearse --search" --search=lock

[ "$failed" -eq 0 ]
