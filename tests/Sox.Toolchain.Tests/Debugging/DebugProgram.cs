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

    /// <summary>
    /// A program whose stack mixes Sox and C frames: <c>down</c> recurses 20 times, then <c>outer</c> calls the C
    /// function <c>call_back</c> through <c>extern fn</c>, which calls back the <c>export fn visit</c>, which calls the
    /// runtime (<c>print</c>, line 4) and C's <c>unwind_depth</c>: the number of frames libgcc's unwinder — which reads
    /// only <c>.eh_frame</c>, with no frame-pointer fallback — walks from there until it finds no frame description
    /// (the thread's first frame, or the first frame without call frame information; negated on an unwinding error). It prints 7, then that number + 1.
    /// </summary>
    public const string Frames = """
        extern fn call_back(n: int): int
        extern fn unwind_depth(): int
        export fn visit(n: int): int {
          print n
          return unwind_depth()
        }
        fn outer(k) {
          return call_back(k)
        }
        fn down(n) {
          if (n == 0) { return outer(7) }
          return down(n - 1)
        }
        print down(20)
        """;

    /// <summary>The C half of <see cref="Frames"/>.</summary>
    public const string FramesC = """
        #include <unwind.h>

        int visit(int n); /* the export fn of frames.sox */

        /* Not a tail call (+ 1), so that this frame stays on the stack under visit's. */
        int call_back(int n) { return visit(n) + 1; }

        static _Unwind_Reason_Code count_frame(struct _Unwind_Context* context, void* count)
        {
            (void)context;
            ++*(int*)count;
            return _URC_NO_REASON;
        }

        int unwind_depth(void)
        {
            int count = 0;
            _Unwind_Reason_Code end = _Unwind_Backtrace(count_frame, &count);
            return end == _URC_END_OF_STACK ? count : -count;
        }
        """;

    /// <summary>Writes <see cref="Frames"/> and its C file into <paramref name="project"/> and builds the executable
    /// <c>frames</c> for <paramref name="target"/>, with <c>-g</c> or without; returns its path.</summary>
    public static string BuildFrames(TempProject project, string target, OptimizationLevel level, bool debug = true)
    {
        var main = project.Write("frames.sox", Frames + "\n");
        var c = project.Write("frames.c", FramesC + "\n");
        var output = Path.Combine(project.Root, debug ? "frames" : "frames-nodebug");
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = main,
            OutputPath = output,
            Target = target,
            Optimization = level,
            Debug = debug,
            CSources = [c],
        });
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        return result.Output ?? output;
    }

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
