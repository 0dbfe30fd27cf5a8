#!/usr/bin/env python3
"""Builds the fuzz tree and runs every libFuzzer harness, then prints a table.

    tests/fuzz/run-fuzzers.py [--seconds 60 | --runs N] [--harness NAME ...]
                              [--build-dir _build-fuzz] [--keep-going] [--jobs 1]

The fuzz tree is configured once with clang, -Dfuzzing=true and
-Db_sanitize=address,undefined, and only the harnesses are built. Each
harness starts from its seeds in tests/fuzz/corpus/NAME and keeps what it
finds in BUILD/fuzz-corpus/NAME (never in the source tree: add an input
to the seeds by hand when it is worth keeping). Inputs that break a rule
or crash go to BUILD/fuzz-artifacts/NAME.

By default a harness stops at its first failure, and UBSan halts on
error. With --keep-going, libFuzzer runs in fork mode and goes on after
crashes, and UBSan reports without halting; the table then counts what
was found. The table gives, per harness, the executions, the executions a
second, libFuzzer's coverage (cov: edges; ft: features) and the outcome.
The exit status is 1 if any harness found something.
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "fuzz"

HARNESSES = {
    # name: dictionary
    "content": "content.dict",
    "page-render": "content.dict",
    "markdown": "markdown.dict",
    "bookmarks": "content.dict",
    "search-query": None,
    "search-text": "markdown.dict",
    "load-cache": "content.dict",
}

STATUS_LINE = re.compile(r"^#(\d+)\s.*?cov: (\d+) ft: (\d+)")
FORK_LINE = re.compile(
    r"^#(\d+): cov: (\d+) ft: (\d+) corp: \d+ exec/s:? (\d+) oom/timeout/crash: (\d+)/(\d+)/(\d+) time: (\d+)s"
)
FINAL_STAT = re.compile(r"^stat::(\w+):\s+(\d+)")


def configure_and_build(build_dir, names):
    env = dict(os.environ, CC=os.environ.get("FUZZ_CC", "clang"))
    if not (build_dir / "build.ninja").exists():
        subprocess.run(
            ["meson", "setup", str(build_dir), "-Dfuzzing=true", "-Db_sanitize=address,undefined",
             "-Dbuildtype=debugoptimized"],
            cwd=ROOT, env=env, check=True,
        )
    targets = [f"fuzz-{name}" for name in names]
    subprocess.run(["meson", "compile", "-C", str(build_dir)] + targets, cwd=ROOT, check=True)


# Harnesses that reach GtkSourceView, whose own leak is suppressed in
# build-aux/lsan.supp. A suppression only matches with full allocation
# stacks, which GLib (built without frame pointers) gives only to the
# slow unwinder, and that costs these malloc-heavy harnesses some 99% of
# their speed. They fuzz without leak checks; their corpus is replayed
# with leak checks in CI's sanitizer build, and valgrind checks the
# export.
NO_LEAK_CHECKS = {"page-render", "markdown"}


def sanitizer_env(name, keep_going, build_dir):
    env = dict(os.environ)
    suppressions = build_dir / "fuzz-lsan.supp"
    suppressions.write_text((ROOT / "build-aux" / "lsan.supp").read_text() + "\n" +
                            (FUZZ / "lsan-fuzz.supp").read_text())
    leaks = 0 if name in NO_LEAK_CHECKS else 1
    env["ASAN_OPTIONS"] = f"detect_leaks={leaks}:abort_on_error=1:symbolize=1"
    env["LSAN_OPTIONS"] = f"suppressions={suppressions}:print_suppressions=0"
    env["UBSAN_OPTIONS"] = f"halt_on_error={0 if keep_going else 1}:print_stacktrace=1"
    # Every allocation through malloc, so that ASan sees each one.
    env["G_SLICE"] = "always-malloc"
    env["GSETTINGS_BACKEND"] = "memory"
    env["NO_AT_BRIDGE"] = "1"
    return env


def run_harness(build_dir, name, args):
    binary = build_dir / "tests" / "fuzz" / f"fuzz-{name}"
    corpus = build_dir / "fuzz-corpus" / name
    artifacts = build_dir / "fuzz-artifacts" / name
    log_path = build_dir / "fuzz-logs" / f"{name}.log"
    for directory in (corpus, artifacts, log_path.parent):
        directory.mkdir(parents=True, exist_ok=True)

    command = [
        str(binary),
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_limit_mb}",
    ]
    if args.runs:
        command.append(f"-runs={args.runs}")
    else:
        command.append(f"-max_total_time={args.seconds}")
    if args.max_len:
        command.append(f"-max_len={args.max_len}")
    if HARNESSES[name]:
        command.append(f"-dict={FUZZ / 'dict' / HARNESSES[name]}")
    if args.keep_going:
        command += [f"-fork={args.jobs}", "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1"]
    elif args.jobs > 1:
        command += [f"-workers={args.jobs}", f"-jobs={args.jobs}"]
    command += [str(corpus), str(FUZZ / "corpus" / name)]

    before = set(artifacts.iterdir())
    start = time.monotonic()
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        process = subprocess.run(command, cwd=artifacts, env=sanitizer_env(name, args.keep_going, build_dir),
                                 stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - start
    found = sorted(set(artifacts.iterdir()) - before)

    result = {"name": name, "exit": process.returncode, "seconds": elapsed, "log": log_path,
              "artifacts": found, "execs": 0, "exec_s": 0, "cov": 0, "ft": 0, "crashes": 0,
              "ubsan": set(), "reasons": []}
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if m := FORK_LINE.match(line):
                # Fork mode counts every job's executions in #N; its
                # exec/s is the last job's alone.
                result["execs"] = int(m.group(1))
                result["cov"], result["ft"] = int(m.group(2)), int(m.group(3))
                result["exec_s"] = int(m.group(1)) // max(int(m.group(8)), 1)
                result["crashes"] = sum(int(m.group(i)) for i in (5, 6, 7))
            elif m := STATUS_LINE.match(line):
                result["execs"] = int(m.group(1))
                result["cov"], result["ft"] = int(m.group(2)), int(m.group(3))
            elif m := FINAL_STAT.match(line):
                if m.group(1) == "number_of_executed_units":
                    result["execs"] = int(m.group(2))
                elif m.group(1) == "average_exec_per_sec":
                    result["exec_s"] = int(m.group(2))
            if "runtime error:" in line:
                result["ubsan"].add(line.strip().split(" runtime error:")[0])
            if ("invariant broken:" in line or line.startswith("SUMMARY:")) and line.strip() not in result["reasons"]:
                result["reasons"].append(line.strip())
    return result


def outcome(result):
    if result["artifacts"] or result["exit"] != 0:
        what = f"{len(result['artifacts'])} found"
        return what if result["artifacts"] else f"exit {result['exit']}"
    return "ok"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=str(ROOT / "_build-fuzz"))
    parser.add_argument("--harness", action="append", choices=sorted(HARNESSES), help="run only these (repeatable)")
    parser.add_argument("--seconds", type=int, default=60, help="time per harness (default 60)")
    parser.add_argument("--runs", type=int, help="executions per harness, instead of a time")
    parser.add_argument("--jobs", type=int, default=1, help="processes per harness (default 1)")
    parser.add_argument("--keep-going", action="store_true", help="fork mode: go on after crashes")
    parser.add_argument("--timeout", type=int, default=10, help="seconds before one input counts as a hang")
    parser.add_argument("--rss-limit-mb", type=int, default=2048)
    # libFuzzer would otherwise take the largest seed (up to 200 KB) as
    # its limit and mutate inputs that large, at a hundredth of the
    # speed; the seeds themselves are still replayed whole by the suite.
    parser.add_argument("--max-len", type=int, default=4096, help="largest input libFuzzer makes (default 4096)")
    parser.add_argument("--no-build", action="store_true", help="use the harnesses as built")
    args = parser.parse_args()

    if shutil.which(os.environ.get("FUZZ_CC", "clang")) is None:
        sys.exit("clang is needed (apt-get install clang)")
    build_dir = pathlib.Path(args.build_dir).resolve()
    names = args.harness or list(HARNESSES)
    if not args.no_build:
        configure_and_build(build_dir, names)

    results = []
    for name in names:
        print(f"fuzzing {name} ...", flush=True)
        results.append(run_harness(build_dir, name, args))

    header = f"{'harness':<14} {'executions':>11} {'exec/s':>8} {'cov':>6} {'ft':>7} {'seconds':>8}  outcome"
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['name']:<14} {r['execs']:>11} {r['exec_s']:>8} {r['cov']:>6} {r['ft']:>7} "
              f"{r['seconds']:>8.0f}  {outcome(r)}")
    print()

    failed = False
    for r in results:
        if not r["artifacts"] and r["exit"] == 0 and not r["ubsan"]:
            continue
        failed = True
        print(f"{r['name']}: log {r['log']}")
        for reason in r["reasons"][:10]:
            print(f"  {reason}")
        for place in sorted(r["ubsan"]):
            print(f"  UBSan: {place}")
        for artifact in r["artifacts"][:10]:
            print(f"  reproducer: {artifact}")
        if len(r["artifacts"]) > 10:
            print(f"  … and {len(r['artifacts']) - 10} more in {r['artifacts'][0].parent}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
