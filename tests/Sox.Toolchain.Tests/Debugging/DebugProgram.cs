using System.Runtime.InteropServices;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// The program the debugger tests build with <c>-g</c>: functions calling functions in <c>main.sox</c> and a function of
/// the imported module <c>mathlib.sox</c>, each statement on a line of its own (the line numbers below are the tests'
/// expectations), a class with an initializer and a lambda. It prints 41 and 2.
/// </summary>
internal static class DebugProgram
{
    public const string Main = """
        import m "mathlib"
        fn add(a, b) {
          var s = a + b
          return s
        }
        fn twice(x) {
          var y = add(x, x)
          return y
        }
        var r = twice(20)
        print r + m.square(1)
        class Point {
          init(x) {
            this.x = x
          }
        }
        var f = fn (v) { return v + Point(v).x }
        print f(1)
        """;

    public const string MathLib = """
        // module
        fn square(x) {
          var y = x * x
          return y
        }
        return { square: square }
        """;

    /// <summary>Writes the sources into <paramref name="project"/> and builds them for <paramref name="target"/> with
    /// <c>-g</c> (or without), as an executable or, with <paramref name="emitObject"/>, one object; returns its path.</summary>
    public static string Build(TempProject project, string target, OptimizationLevel level, bool debug = true, bool emitObject = false)
    {
        var main = project.Write("main.sox", Main + "\n");
        project.Write("mathlib.sox", MathLib + "\n");
        var output = Path.Combine(project.Root, emitObject ? "app.o" : "app");
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = main,
            OutputPath = output,
            Target = target,
            Optimization = level,
            Debug = debug,
            Emit = emitObject ? EmitKind.Obj : EmitKind.Exe,
        });
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        return result.Output ?? output;
    }

    /// <summary>The path of the first of <paramref name="names"/> on PATH; ends the test as Inconclusive naming them
    /// when none is there.</summary>
    public static string RequireTool(params string[] names) =>
        names.Select(ExternalTool.Find).FirstOrDefault(p => p is not null) ?? AssertInconclusive(string.Join(" or ", names));

    /// <summary>Ends the test as Inconclusive unless it runs on an x86-64 Linux host (gdb debugs linux-x64 natively).</summary>
    public static void RequireX64Linux()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64) Assert.Inconclusive("needs an x86-64 Linux host");
    }

    private static string AssertInconclusive(string tool)
    {
        Assert.Inconclusive($"needs {tool}");
        return "";
    }
}
