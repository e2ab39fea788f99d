#!/usr/bin/env python3
"""What `-g` costs a compile: the compile-speed program (compile_speed.py, generate(LINES)) built to an object with
and without `-g`, at -O2 and -O0, runs alternating so that a changing machine load hits both alike.

Per run it records the CPU time of the `sox` process (user + sys, from the kernel's rusage of the child: robust to
other processes on the machine, unlike wall time), the bytes the compiler allocated (`--timings`' gc line) and,
where the machine has hardware counters, user-mode instructions (`perf stat -e instructions:u`). Prints a Markdown
table of medians and the `-g` overhead (issue 12 allows at most 15 %). Run through `build/bench --debug-cost`, or
directly: `python3 tests/benchmarks/debug_cost.py --runs 10`.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

import compile_speed

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def sox_command(driver):
    """The command that runs sox: the ReadyToRun build build/sox keeps (built first if needed), started through
    `dotnet` directly so that the driver script's up-to-date check is not part of what is measured; a sox.dll runs
    as it is (to compare two builds)."""
    if driver.endswith(".dll"):
        return ["dotnet", driver]
    subprocess.run([driver, "--help"], check=True, capture_output=True)
    dll = os.path.join(os.path.dirname(os.path.abspath(driver)), ".cache", "sox", "sox.dll")
    return ["dotnet", dll] if os.path.isfile(dll) else [driver]


def has_instruction_counter():
    if not shutil.which("perf"):
        return False
    proc = subprocess.run(["perf", "stat", "-x,", "-e", "instructions:u", "--", "true"], capture_output=True, text=True)
    return proc.returncode == 0 and "<not supported>" not in proc.stderr and "<not counted>" not in proc.stderr


def run_once(command, counter):
    """(CPU seconds, MB allocated, user instructions or None) of one compile."""
    stat = None
    if counter:
        stat = tempfile.NamedTemporaryFile(suffix=".perf", delete=False).name
        command = ["perf", "stat", "-x,", "-e", "instructions:u", "-o", stat, "--"] + command
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read()
    proc.stderr.close()
    if status != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr}")
    allocated = re.search(r"([\d.]+) MB allocated", stderr)
    instructions = None
    if stat:
        with open(stat) as f:
            m = re.search(r"^(\d+),[^,]*,instructions", f.read(), re.M)
        os.unlink(stat)
        instructions = int(m.group(1)) if m else None
    return usage.ru_utime + usage.ru_stime, float(allocated.group(1)) if allocated else None, instructions


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def report(driver, out_dir, lines, runs, levels):
    os.makedirs(out_dir, exist_ok=True)
    source, count = compile_speed.generate(lines)
    path = os.path.join(out_dir, f"generated_{lines}.sox")
    with open(path, "w") as f:
        f.write(source)
    sox = sox_command(driver)
    counter = has_instruction_counter()
    print(f"`-g` cost: generated program of {count:,} lines, `sox build -O<n> [-g] --emit obj`, {runs} alternating runs "
          f"each, medians:\n")
    print("| | CPU without `-g` | CPU with `-g` | `-g` costs (CPU) | allocated without / with | instructions:u without / with | object without / with |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for level in levels:
        samples = {False: [], True: []}
        objects = {}
        for _ in range(runs):
            for debug in (False, True):
                obj = os.path.join(out_dir, f"generated_{lines}_{level}{'_g' if debug else ''}.o")
                command = sox + ["build", path, f"-{level}", "--emit", "obj", "--timings", "-o", obj] + (["-g"] if debug else [])
                samples[debug].append(run_once(command, counter))
                objects[debug] = os.path.getsize(obj)
        cpu = {d: median([s[0] for s in samples[d]]) for d in samples}
        mb = {d: median([s[1] for s in samples[d]]) for d in samples}
        ins = {d: median([s[2] for s in samples[d]]) for d in samples}
        instructions = (f"{ins[False] / 1e9:.2f} G / {ins[True] / 1e9:.2f} G (+{(ins[True] / ins[False] - 1) * 100:.1f} %)"
                        if ins[False] and ins[True] else "no counter")
        print(f"| -{level} | {cpu[False]:.3f} s | {cpu[True]:.3f} s | +{(cpu[True] / cpu[False] - 1) * 100:.1f} % "
              f"| {mb[False]:.0f} / {mb[True]:.0f} MB | {instructions} | {objects[False]:,} / {objects[True]:,} bytes |")
    print()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sox", default=os.path.join(ROOT, "build", "sox"), help="the sox driver, or a sox.dll")
    p.add_argument("--out", default=os.path.join(ROOT, "build", ".cache", "bench"), help="build directory")
    p.add_argument("--lines", type=int, default=10000, help="lines of the generated program")
    p.add_argument("--runs", type=int, default=10, help="runs with and without -g per level (alternating)")
    p.add_argument("--levels", default="O2,O0", help="comma-separated optimisation levels")
    args = p.parse_args()
    report(args.sox, args.out, args.lines, args.runs, [x for x in args.levels.split(",") if x])


if __name__ == "__main__":
    main()
