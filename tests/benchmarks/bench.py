#!/usr/bin/env python3
"""Runtime benchmarks: each program in runtime/ as Sox (-O2), C (gcc -O2), lua5.4 and luajit.

Prints a Markdown table of median wall times, ratios and peak memory, then the compile-speed report
(compile_speed.py); `--debug-cost` prints only what `-g` costs a compile (debug_cost.py). Run through build/bench; `build/bench --help` lists the options.
"""
import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

import compile_speed
import debug_cost

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNTIME_DIR = os.path.join(HERE, "runtime")
BENCHMARKS = ["fib", "loop", "methods", "binary_trees", "strings", "closures"]
# The classic Lox benchmark set's shapes (runtime/lox/), loops at the top level over global variables as the
# originals have them; each prints a result so every runtime's output can be compared.
LOX_BENCHMARKS = ["lox/" + name for name in ["binary_trees", "equality", "fib", "instantiation", "invocation",
                                             "method_call", "properties", "string_equality", "trees", "zoo"]]
TIME = "/usr/bin/time"  # GNU time: the child's peak RSS (%M); a Python fork would add our own RSS to it


def parse_args():
    p = argparse.ArgumentParser(prog="build/bench", description=__doc__)
    p.add_argument("--runs", type=int, default=5, help="runs per program and runtime (median reported)")
    p.add_argument("--only", default="", help="comma-separated benchmark names")
    p.add_argument("--sox", default=os.path.join(ROOT, "build", "sox"), help="the sox driver to build with")
    p.add_argument("--out", default=os.path.join(ROOT, "build", ".cache", "bench"), help="build directory")
    p.add_argument("--no-lua", action="store_true", help="skip lua5.4 and luajit")
    p.add_argument("--no-compile-speed", action="store_true", help="skip the compile-speed report")
    p.add_argument("--compile-speed-only", action="store_true", help="only the compile-speed report")
    p.add_argument("--lines", type=int, default=10000, help="lines of the compile-speed program")
    p.add_argument("--debug-cost", action="store_true",
                   help="only what -g costs a compile of the compile-speed program (debug_cost.py; --runs alternating runs, "
                        "at least 10 advised)")
    return p.parse_args()


def build(args, name):
    """Returns {runtime: argv} for every runtime available for `name`."""
    src = os.path.join(RUNTIME_DIR, name)
    os.makedirs(os.path.dirname(os.path.join(args.out, name)), exist_ok=True)
    sox_exe = os.path.join(args.out, name + ".sox.exe")
    c_exe = os.path.join(args.out, name + ".c.exe")
    subprocess.run([args.sox, "build", src + ".sox", "-O2", "-o", sox_exe], check=True)
    subprocess.run(["gcc", "-O2", "-o", c_exe, src + ".c", "-lm"], check=True)
    commands = {"sox": [sox_exe], "c": [c_exe]}
    if not args.no_lua:
        for lua in ("lua5.4", "luajit"):
            if shutil.which(lua):
                commands[lua] = [lua, src + ".lua"]
    return commands


def run_once(argv):
    """(wall seconds, peak KiB or None, stdout, CPU seconds or None) of one run."""
    have_time = os.access(TIME, os.X_OK)
    full = [TIME, "-f", "%M %U %S", "-o", "/dev/stderr"] + argv if have_time else argv
    start = time.perf_counter()
    proc = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed with {proc.returncode}:\n{proc.stderr}")
    if not have_time:
        return elapsed, None, proc.stdout, None
    peak, user, system = proc.stderr.strip().splitlines()[-1].split()
    return elapsed, int(peak), proc.stdout, float(user) + float(system)


def measure(commands, runs):
    """{runtime: (median wall s, max peak KiB, stdout, median CPU s)}; runtimes interleave so load drifts hit
    all alike."""
    samples = {rt: [] for rt in commands}
    for _ in range(runs):
        for rt, argv in commands.items():
            samples[rt].append(run_once(argv))
    result = {}
    for rt, runs_of in samples.items():
        outputs = {out for _, _, out, _ in runs_of}
        if len(outputs) != 1:
            sys.exit(f"{rt} printed different results in different runs")
        peaks = [p for _, p, _, _ in runs_of if p is not None]
        cpus = [c for _, _, _, c in runs_of if c is not None]
        result[rt] = (statistics.median(t for t, _, _, _ in runs_of), max(peaks) if peaks else None, outputs.pop(),
                      statistics.median(cpus) if cpus else None)
    return result


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}"


def fmt_ms(x):
    return "—" if x is None else f"{x * 1000:.0f}"


def fmt_mb(kib):
    return "—" if kib is None else f"{kib / 1024:.1f}"


def report_runtime(args):
    names = [n for n in args.only.split(",") if n] or BENCHMARKS + LOX_BENCHMARKS
    rows = []
    for name in names:
        commands = build(args, name)
        results = measure(commands, args.runs)
        expected = results["c"][2]
        for rt, (_, _, out, _) in results.items():
            if out != expected:
                sys.exit(f"{name}: {rt} printed\n{out}\nbut C printed\n{expected}")
        rows.append((name, results))
        print(f"  {name}: done", file=sys.stderr)

    runtimes = ["sox", "c", "lua5.4", "luajit"]
    present = [rt for rt in runtimes if any(rt in r for _, r in rows)]
    t = lambda r, rt: r[rt][0] if rt in r else None
    m = lambda r, rt: r[rt][1] if rt in r else None
    ratio = lambda r, rt: t(r, "sox") / t(r, rt) if t(r, rt) else None

    print(f"Median wall time of {args.runs} runs (ms), Sox time divided by the other runtime's, peak RSS (MB):\n")
    head = ["benchmark"] + [f"{rt} ms" for rt in present] + [f"sox/{rt}" for rt in present if rt != "sox"]
    head += [f"{rt} MB" for rt in present]
    print("| " + " | ".join(head) + " |")
    print("|---" + "|---:" * (len(head) - 1) + "|")
    for name, r in rows:
        cells = [name] + [fmt_ms(t(r, rt)) for rt in present]
        cells += [fmt_ratio(ratio(r, rt)) for rt in present if rt != "sox"]
        cells += [fmt_mb(m(r, rt)) for rt in present]
        print("| " + " | ".join(cells) + " |")
    geo = ["geometric mean"] + [fmt_ms(geomean([t(r, rt) for _, r in rows])) for rt in present]
    geo += [fmt_ratio(geomean([ratio(r, rt) for _, r in rows])) for rt in present if rt != "sox"]
    geo += [fmt_mb(geomean([m(r, rt) for _, r in rows])) for rt in present]
    print("| " + " | ".join(geo) + " |")
    print()

    # CPU time (user + sys) moves less than wall time when other jobs share the machine.
    c = lambda r, rt: r[rt][3] if rt in r else None
    cratio = lambda r, rt: c(r, "sox") / c(r, rt) if c(r, rt) and c(r, "sox") else None
    print(f"Median CPU time (user + sys) of the same runs (ms) and Sox's ratio:\n")
    head = ["benchmark"] + [f"{rt} cpu ms" for rt in present] + [f"sox/{rt}" for rt in present if rt != "sox"]
    print("| " + " | ".join(head) + " |")
    print("|---" + "|---:" * (len(head) - 1) + "|")
    for name, r in rows:
        cells = [name] + [fmt_ms(c(r, rt)) for rt in present]
        cells += [fmt_ratio(cratio(r, rt)) for rt in present if rt != "sox"]
        print("| " + " | ".join(cells) + " |")
    geo = ["geometric mean"] + [fmt_ms(geomean([c(r, rt) for _, r in rows])) for rt in present]
    geo += [fmt_ratio(geomean([cratio(r, rt) for _, r in rows])) for rt in present if rt != "sox"]
    print("| " + " | ".join(geo) + " |")
    print()


def describe_machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    versions = []
    for tool, flag in (("gcc", "--version"), ("lua5.4", "-v"), ("luajit", "-v")):
        if shutil.which(tool):
            out = subprocess.run([tool, flag], capture_output=True, text=True)
            versions.append((out.stdout or out.stderr).splitlines()[0])
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {cpu}; load average {load}")
    print("Tools: " + "; ".join(versions) + "\n")


def main():
    args = parse_args()
    describe_machine()
    if args.debug_cost:
        debug_cost.report(args.sox, args.out, args.lines, args.runs, ["O2", "O0"])
        return
    if not args.compile_speed_only:
        report_runtime(args)
    if not args.no_compile_speed:
        compile_speed.report(args.sox, args.out, args.lines, args.runs)


if __name__ == "__main__":
    main()
