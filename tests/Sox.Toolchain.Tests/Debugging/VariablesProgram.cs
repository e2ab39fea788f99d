using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Runtime;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// The program the variable tests debug: parameters (a number, a string, <c>this</c>), locals holding an array, a
/// table, an instance and a closure, and a local captured by that closure (41, incremented to 42 inside it). The line
/// numbers are the tests' breakpoints: <see cref="InClosure"/> (the closure's <c>return</c>), <see cref="AfterCapture"/>
/// (back in <c>show</c> after the closure ran), <see cref="InInitializer"/> (<c>Point.init</c>).
/// </summary>
internal static class VariablesProgram
{
    public const string Source = """
        class Point {
          init(x, y) {
            this.x = x
            this.y = y
          }
        }
        fn show(n, s) {
          var arr = [1, 2, [3]]
          var t = {"k": 1}
          var p = Point(n, s)
          var count = 41
          var inc = fn () {
            count = count + 1
            return count
          }
          inc()
          print count
          return p
        }
        show(3.5, "abc")
        """;

    public const int InInitializer = 4, InClosure = 14, AfterCapture = 17;

    /// <summary>The gdb command that loads the SDK's pretty printer from the repository.</summary>
    public static string SourcePrinter => "source " + Path.Combine(RuntimeBuild.RepoRoot, "Sox.Sdk", "debugger", "sox_gdb.py");

    /// <summary>Builds the program for <paramref name="target"/> with <c>-g</c>: an executable, or with
    /// <paramref name="emitObject"/> its object; returns the path.</summary>
    public static string Build(TempProject project, string target, OptimizationLevel level, bool emitObject = false)
    {
        var main = project.Write("vars.sox", Source + "\n");
        var output = Path.Combine(project.Root, (emitObject ? "vars.o" : "vars") + (level == OptimizationLevel.O0 ? "0" : "2"));
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = main,
            OutputPath = output,
            Target = target,
            Optimization = level,
            Debug = true,
            Emit = emitObject ? EmitKind.Obj : EmitKind.Exe,
        });
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        return result.Output ?? output;
    }

    /// <summary>The gdb commands of the session the tests check: stop in the initializer, in the closure and after it,
    /// and print the arguments, the locals and single variables at each.</summary>
    public static string[] Session =>
    [
        SourcePrinter,
        $"break vars.sox:{InInitializer}", $"break vars.sox:{InClosure}", $"break vars.sox:{AfterCapture}",
        "run", "echo @init\\n", "info args",
        "continue", "echo @closure\\n", "info locals", "p count",
        "continue", "echo @show\\n", "info args", "info locals", "p arr", "p t", "p p", "p inc", "p count", "p n", "p s",
    ];

    /// <summary>The lines gdb printed between the marker <c>@name</c> and the next marker (or the end).</summary>
    public static string Section(string output, string name)
    {
        var start = output.IndexOf("@" + name + "\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"no @{name} in:\n{output}");
        var end = output.IndexOf("\n@", start + 1, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }
}
