using Sox.Toolchain.Tests.Cli;
namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>The sample program the feature tests ask about, and helpers to find places in it.</summary>
internal static class Fixtures
{
    public const string Shapes = """
        // Shapes and their areas.
        // A second comment line.
        import (
          m "math"
        )
        import util "util"

        /* A block
           comment */
        var count = 0

        class Shape {
          init(name) {
            this.name = name
          }
          area() {
            return 0
          }
        }

        class Circle < Shape {
          init(r) {
            super.init("circle")
            this.r = r
          }
          area() { return 3.14 * this.r * this.r }
        }

        fn total(shapes) {
          var sum = 0
          foreach var s in shapes {
            sum = sum + s.area()
          }
          return sum
        }

        #[test]
        fn circle_area() {
          assert(Circle(1).area() > 3, "area")
          print len("x") + count + m.pi
        }

        """;

    public const string MathModule = "return {pi: 3.14159}\n";

    public const string Util = "fn twice(x) { return 2 * x }\nreturn {twice: twice}\n";

    /// <summary>Writes the sample with its imports into <paramref name="workspace"/>.</summary>
    public static void WriteShapes(TempProject workspace)
    {
        workspace.Write("shapes.sox", Shapes);
        workspace.Write("math.sox", MathModule);
        workspace.Write("util.sox", Util);
    }

    /// <summary>The 0-based line and character of the <paramref name="occurrence"/>-th <paramref name="snippet"/> (plus <paramref name="offset"/>).</summary>
    public static (int Line, int Character) Find(string text, string snippet, int occurrence = 1, int offset = 0)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(snippet, index + 1, StringComparison.Ordinal);
            if (index < 0) Assert.Fail($"'{snippet}' #{occurrence} is not in the fixture");
        }
        index += offset;
        var line = text[..index].Count(c => c == '\n');
        return (line, index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1));
    }

    public static int LineOf(string text, string snippet, int occurrence = 1) => Find(text, snippet, occurrence).Line;

    /// <summary>Applies LSP text edits (non-overlapping) to <paramref name="text"/>.</summary>
    public static string Apply(string text, System.Text.Json.Nodes.JsonArray edits)
    {
        var lines = new Sox.LanguageServer.TextLines(text);
        var spans = edits.Select(e => (
            Start: lines.ToOffset(new Sox.LanguageServer.Protocol.Position((int)e!["range"]!["start"]!["line"]!, (int)e["range"]!["start"]!["character"]!)),
            End: lines.ToOffset(new Sox.LanguageServer.Protocol.Position((int)e["range"]!["end"]!["line"]!, (int)e["range"]!["end"]!["character"]!)),
            Text: (string)e["newText"]!)).OrderByDescending(s => s.Start).ToList();
        foreach (var (start, end, newText) in spans) text = text[..start] + newText + text[end..];
        return text;
    }
}
