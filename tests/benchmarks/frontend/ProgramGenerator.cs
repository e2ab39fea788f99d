using System.Text;

namespace Sox.Benchmarks.Frontend;

/// <summary>
/// Writes realistic Sox programs of a requested size: a rotation of units (functions with loops and
/// conditionals, class hierarchies, closures, switches, tables and strings, tests) whose names and constants vary
/// with the unit number, so the front end sees the mix of a real code base rather than one repeated line.
/// </summary>
public static class ProgramGenerator
{
    private static readonly Action<StringBuilder, int>[] s_units =
    [
        Loops, Classes, Closures, Switches, TablesAndStrings, Tests,
    ];

    public static string Generate(int targetLines)
    {
        var text = new StringBuilder(targetLines * 32);
        var lines = 0;
        for (var unit = 0; lines < targetLines; unit++)
        {
            var before = text.Length;
            s_units[unit % s_units.Length](text, unit);
            for (var i = before; i < text.Length; i++)
            {
                if (text[i] == '\n') lines++;
            }
        }
        return text.ToString();
    }

    public static int CountLines(string text) => text.Count(c => c == '\n');

    private static void Loops(StringBuilder s, int n) => s.Append($$"""
        // Unit {{n}}: numeric helpers.
        fn sumTo{{n}}(limit) {
          var total = 0
          for var i = 0; i < limit; i = i + 1 {
            if i % {{n % 7 + 2}} == 0 {
              total = total + i * {{n % 5 + 1}}
            } else if (i > {{n % 11}}) {
              total = total - 1
            } else {
              continue
            }
          }
          return total
        }
        fn collatz{{n}}(x) {
          var steps = 0
          while x != 1 and steps < {{100 + n % 50}} {
            if (x % 2 == 0) {
              x = x / 2
            } else { x = 3 * x + 1 }
            steps = steps + 1
          }
          return steps
        }
        var result{{n}} = sumTo{{n}}({{n % 100 + 10}}) + collatz{{n}}({{n % 37 + 3}})

        """);

    private static void Classes(StringBuilder s, int n) => s.Append($$"""
        /* Unit {{n}}: a small class hierarchy. */
        class Shape{{n}} {
          init(name) {
            this.name = name
            this.tags = []
          }
          area() { return 0 }
          describe() { return this.name + ": " + this.area() }
        }
        class Rect{{n}} < Shape{{n}} {
          init(w, h) {
            super.init("rect{{n}}")
            this.w = w
            this.h = h
          }
          area() { return this.w * this.h }
          scale(k) {
            this.w = this.w * k
            this.h = this.h * k
            return this
          }
        }
        var shape{{n}} = Rect{{n}}({{n % 9 + 1}}, {{n % 4 + 2}}).scale(2)
        print shape{{n}}.describe()

        """);

    private static void Closures(StringBuilder s, int n) => s.Append($$"""
        // Unit {{n}}: closures and higher-order functions.
        fn makeCounter{{n}}(start) {
          var count = start
          return {
            next: fn () { count = count + 1 return count },
            reset: fn () { count = start }
          }
        }
        fn mapArray{{n}}(xs, f) {
          var out = []
          foreach var i, x in xs { push(out, f(x, i)) }
          return out
        }
        var counter{{n}} = makeCounter{{n}}({{n}})
        var mapped{{n}} = mapArray{{n}}([1, 2, 3, {{n % 13}}], fn (x, i) { return x * i + counter{{n}}.next() })
        defer { counter{{n}}.reset() }

        """);

    private static void Switches(StringBuilder s, int n) => s.Append($$"""
        // Unit {{n}}: dispatch by switch.
        fn classify{{n}}(v) {
          switch type(v) {
            case "number" {
              if (v < {{n % 20}}) return "small"
              return "large"
            }
            case "string" case "array" {
              return "sized " + len(v)
            }
            default { return "other" }
          }
        }
        var kinds{{n}} = [classify{{n}}({{n % 30}}), classify{{n}}("s{{n}}"), classify{{n}}(nil)]

        """);

    private static void TablesAndStrings(StringBuilder s, int n) => s.Append($$"""
        // Unit {{n}}: tables, strings and slices.
        var config{{n}} = {
          name: "service-{{n}}",
          "max connections": {{n % 500 + 10}},
          ports: [{{8000 + n % 1000}}, {{9000 + n % 1000}}],
          nested: {enabled: {{(n % 2 == 0 ? "true" : "false")}}, ratio: {{n % 10}}.5}
        }
        fn render{{n}}(t) {
          var parts = []
          foreach var key, value in t {
            push(parts, stringUpper(key) + "=" + str(value))
          }
          var joined = arrayJoin(parts, ";")
          return joined[0:{{n % 20 + 5}}] + "\u{2026}"
        }
        var rendered{{n}} = render{{n}}(config{{n}})

        """);

    private static void Tests(StringBuilder s, int n) => s.Append($$"""
        #[test]
        fn testUnit{{n}}(t) {
          var xs[] = {{{n % 3}}, {{n % 5}}, {{n % 7}}}
          if len(xs) != 3 { t.Error("length") }
          assert(xs[0] <= 2, "first element of unit {{n}}")
        }

        """);
}
