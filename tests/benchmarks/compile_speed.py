"""Compile-speed report: a generated Sox program of about N lines through `sox build --emit obj --timings`.

The program rotates realistic units (functions with loops and conditionals, classes with inheritance and
`super`, closures, switches, tables with string built-ins) whose names and constants vary per unit, like
tests/benchmarks/frontend/ProgramGenerator.cs, so every compiler phase sees varied code. Prints the median time
of each phase the driver reports with the megabytes it allocated, the passes and backend steps inside them, the
median wall time of the whole `sox` process (which adds .NET start-up) and its CPU time on all threads.
"""
import os
import re
import statistics
import subprocess
import sys
import time


def _functions(n):
    return f"""// Unit {n}: functions, loops and conditionals.
fn gcd{n}(a, b) {{
  while b != 0 {{
    var t = b
    b = a % b
    a = t
  }}
  return a
}}
fn sumTo{n}(limit) {{
  var total = 0
  for var i = 0; i < limit; i = i + 1 {{
    if i % {n % 7 + 2} == 0 {{ total = total + i }} else {{ total = total - 1 }}
  }}
  return total
}}
var result{n} = gcd{n}({n * 6 + 12}, {n % 50 + 18}) + sumTo{n}({n % 40 + 3})

"""


def _classes(n):
    return f"""// Unit {n}: a small class hierarchy.
class Shape{n} {{
  init(name) {{ this.name = name }}
  describe() {{ return this.name + " with area " + str(this.area()) }}
  area() {{ return 0 }}
}}
class Rect{n} < Shape{n} {{
  init(w, h) {{
    super.init("rect{n}")
    this.w = w
    this.h = h
  }}
  area() {{ return this.w * this.h }}
  scale(k) {{
    this.w = this.w * k
    this.h = this.h * k
    return this
  }}
}}
var shape{n} = Rect{n}({n % 9 + 1}, {n % 4 + 2}).scale(2)
var described{n} = shape{n}.describe()

"""


def _closures(n):
    return f"""// Unit {n}: closures and higher-order functions.
fn makeCounter{n}(start) {{
  var count = start
  return {{
    next: fn () {{ count = count + 1 return count }},
    reset: fn () {{ count = start }}
  }}
}}
fn mapArray{n}(xs, f) {{
  var out = []
  foreach var i, x in xs {{ push(out, f(x, i)) }}
  return out
}}
var counter{n} = makeCounter{n}({n})
var mapped{n} = mapArray{n}([1, 2, 3, {n % 13}], fn (x, i) {{ return x * i + counter{n}.next() }})

"""


def _switches(n):
    return f"""// Unit {n}: dispatch by switch.
fn classify{n}(v) {{
  switch type(v) {{
    case "number" {{
      if (v < {n % 20}) return "small"
      return "large"
    }}
    case "string" case "array" {{
      return "sized " + len(v)
    }}
    default {{ return "other" }}
  }}
}}
var kinds{n} = [classify{n}({n % 30}), classify{n}("s{n}"), classify{n}(nil)]

"""


def _tables(n):
    return f"""// Unit {n}: tables, strings and slices.
var config{n} = {{
  name: "service-{n}",
  "max connections": {n % 500 + 10},
  ports: [{8000 + n % 1000}, {9000 + n % 1000}],
  nested: {{enabled: {"true" if n % 2 == 0 else "false"}, ratio: {n % 10}.5}}
}}
fn render{n}(t) {{
  var parts = []
  foreach var key, value in t {{
    push(parts, stringUpper(key) + "=" + str(value))
  }}
  var joined = arrayJoin(parts, ";")
  return joined[0:{n % 20 + 5}]
}}
var rendered{n} = render{n}(config{n})

"""


UNITS = [_functions, _classes, _closures, _switches, _tables]


def generate(lines):
    parts, count, n = [], 0, 0
    while count < lines:
        unit = UNITS[n % len(UNITS)](n)
        parts.append(unit)
        count += unit.count("\n")
        n += 1
    return "".join(parts), count


def report(sox, out_dir, lines, runs):
    os.makedirs(out_dir, exist_ok=True)
    source, count = generate(lines)
    path = os.path.join(out_dir, f"generated_{lines}.sox")
    with open(path, "w") as f:
        f.write(source)
    obj = os.path.join(out_dir, f"generated_{lines}.o")
    phases, allocated, walls, cpus = {}, {}, [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sox, "build", path, "-O2", "--emit", "obj", "--timings", "-o", obj],
                              capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"compiling the generated program failed:\n{proc.stderr}")
        for line in proc.stderr.splitlines():
            # "phase   12.3 ms   4.5 MB"; indented names are the passes and backend steps inside the phase above them
            # (thread time summed over functions compiled in parallel, so they can add up to more than the phase).
            m = re.match(r"^(\s*\S.*?)\s+([\d.]+) ms(?:\s+([\d.]+) MB)?$", line)
            if m and not line.startswith("jit"):
                phases.setdefault(m.group(1), []).append(float(m.group(2)))
                if m.group(3) is not None:
                    allocated.setdefault(m.group(1), []).append(float(m.group(3)))
            m = re.search(r"process CPU (\d+) ms", line)
            if m:
                cpus.append(float(m.group(1)))
    print(f"Compile speed: generated program of {count:,} lines ({len(source):,} bytes), "
          f"`sox build -O2 --emit obj --timings`, median of {runs} runs:\n")
    print("| phase (indented: steps inside it, thread time) | median ms | allocated MB |")
    print("|---|---:|---:|")
    for name, values in phases.items():
        label = name.replace("  ", "&nbsp;&nbsp;", 1) if name.startswith("  ") else name
        mb = f"{statistics.median(allocated[name]):.1f}" if name in allocated else ""
        print(f"| {label} | {statistics.median(values):.1f} | {mb} |")
    print(f"| whole `sox` process (with .NET start-up) | {statistics.median(walls) * 1000:.1f} | |")
    if cpus:
        print(f"| `sox` process CPU time (all threads) | {statistics.median(cpus):.1f} | |")
    print()
