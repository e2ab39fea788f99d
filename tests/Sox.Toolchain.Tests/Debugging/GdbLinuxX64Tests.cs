using System.Text.RegularExpressions;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// <c>sox build -g</c> for linux-x64, checked with gdb as a user would use it: a breakpoint at <c>file:line</c> stops
/// there, <c>bt</c> names the Sox functions (<c>add</c>, <c>twice</c>, <c>&lt;script&gt;</c>, the imported module's
/// <c>square</c>) with their file and line, and <c>next</c> stops once per statement; <c>bt</c> from inside a runtime
/// function called by a callback from C shows every frame; <c>stepi</c> through a prologue and an epilogue keeps the
/// backtrace whole (call frame information); <c>step</c>/<c>next</c>/<c>finish</c> walk the expected lines. llvm-dwarfdump verifies the
/// DWARF of the object and of the linked executable. Missing tools make the tests Inconclusive, naming the tool.
/// </summary>
[TestClass]
public sealed class GdbLinuxX64Tests
{
    [TestMethod]
    public void BreakpointAtALineStopsThereAndBacktraceShowsSoxFunctions()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var output = Gdb(gdb, project.Root, exe, "break main.sox:3", "run", "bt");

        StringAssert.Contains(output, "Breakpoint 1 at", output);
        StringAssert.Matches(output, new Regex(@"hit Breakpoint 1, add \(.*\) at \S*main\.sox:3"), output);
        var frames = Frames(output);
        Assert.IsGreaterThanOrEqualTo(3, frames.Count, output);
        Assert.AreEqual(("add", "main.sox", 3), frames[0], output);
        Assert.AreEqual(("twice", "main.sox", 7), frames[1], output);
        Assert.AreEqual(("<script>", "main.sox", 10), frames[2], output);
    }

    [TestMethod]
    public void BreakpointInAnImportedModuleShowsBothFiles()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var output = Gdb(gdb, project.Root, exe, "break mathlib.sox:3", "run", "bt");

        var frames = Frames(output);
        Assert.IsGreaterThanOrEqualTo(2, frames.Count, output);
        Assert.AreEqual(("square", "mathlib.sox", 3), frames[0], output);
        Assert.AreEqual(("<script>", "main.sox", 11), frames[1], output);
    }

    [TestMethod]
    public void NextStopsOncePerStatement()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var output = Gdb(gdb, project.Root, exe, "break main.sox:3", "run", "next", "next", "next");

        // gdb prints "LINE\tsource" at each stop: 3 (breakpoint), 4, then back in twice past the call (8: the rest of
        // line 7 is not a statement start, so it is not a stop), then the script's next statement (11).
        var lines = Regex.Matches(output, @"^(\d+)\t", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        CollectionAssert.AreEqual(new[] { 3, 4, 8, 11 }, lines, output);
    }

    [TestMethod]
    public void DwarfdumpVerifiesTheObjectAndTheExecutable()
    {
        DebugProgram.RequireX64Linux();
        var dwarfdump = DebugProgram.RequireTool("llvm-dwarfdump", "llvm-dwarfdump-19");
        using var project = new TempProject();
        var obj = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O2, emitObject: true);
        var exe = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O2);
        foreach (var file in new[] { obj, exe })
        {
            var verify = ExternalTool.Run(dwarfdump, project.Root, "--verify", file);
            Assert.AreEqual(0, verify.ExitCode, verify.StandardOutput + verify.StandardError);
            StringAssert.Contains(verify.StandardOutput, "No errors.");
        }

        // One compile unit per module (imported modules are their own files), each with its functions.
        var info = ExternalTool.RunClean(dwarfdump, project.Root, "--debug-info", exe);
        Assert.AreEqual(2, Regex.Matches(info, "DW_TAG_compile_unit").Count, info);
        StringAssert.Matches(info, new Regex(@"DW_AT_name\s+\(""\S*main\.sox""\)"));
        StringAssert.Matches(info, new Regex(@"DW_AT_name\s+\(""\S*mathlib\.sox""\)"));
        StringAssert.Contains(info, "DW_AT_language\t(DW_LANG_C99)");
        foreach (var name in new[] { "add", "twice", "square", "<script>", "Point.init", "<fn at line 17>" })
            StringAssert.Contains(info, $"DW_AT_name\t(\"{name}\")", name);

        // Every function's rows: is_stmt, one prologue_end, file:line of the source.
        var lines = ExternalTool.RunClean(dwarfdump, project.Root, "--debug-line", obj);
        Assert.IsGreaterThanOrEqualTo(4, Regex.Matches(lines, "prologue_end").Count, lines);
        StringAssert.Contains(lines, "name: \"mathlib.sox\"");

        // Rows carry the 1-based column of the code's first token: the '+' of "  var s = a + b" (line 3, column 11,
        // where an arithmetic error is reported), the 's' of "  return s" (4:10). For "var r = twice(20)" the first
        // code is the read of `twice` (10:9) or, where -O2 'promote' made that read a register copy that emits no
        // code, the argument (10:15): either way a column inside the call "twice(20)".
        var rows = Regex.Matches(lines, @"^0x[0-9a-f]+\s+(\d+)\s+(\d+)\s", RegexOptions.Multiline).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToHashSet();
        foreach (var row in new[] { ("3", "11"), ("4", "10") }) Assert.Contains(row, rows, $"{row}\n{lines}");
        // With block layout, rematerialised call arguments and promoted globals together, the first code emitted for
        // line 10 can be the statement's own (column 1); a row for the line must exist either way.
        Assert.IsTrue(rows.Any(r => r.Item1 == "10" && int.Parse(r.Item2, System.Globalization.CultureInfo.InvariantCulture) is 1 or (>= 9 and <= 17)), lines);
    }

    [TestMethod]
    public void BacktraceFromARuntimeCallInsideACallbackFromC()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = DebugProgram.BuildFrames(project, "linux-x64", OptimizationLevel.O0);
        var output = Gdb(gdb, project.Root, exe, "break sox_print", "run", "bt", "thread apply 1 bt");
        AssertRuntimeCallBacktrace(output);
    }

    [TestMethod]
    public void StepiThroughPrologueAndEpilogueKeepsTheBacktrace()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var output = Gdb(gdb, project.Root, exe, [.. StepiThroughAdd()]);
        AssertStepiBacktraces(output);
    }

    [TestMethod]
    public void StepNextAndFinishWalkTheSource()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var output = Gdb(gdb, project.Root, exe, [.. StepNextFinish]);
        CollectionAssert.AreEqual(StepNextFinishLines, StopLines(output), output);
    }

    /// <summary>Into twice (7) and add (3), over a line (4), out to twice at the call's return address, still in line 7
    /// (the result is then copied into <c>y</c>, which -O0 keeps in a register of its own until twice returns, so the
    /// call is not the line's last instruction), then over the rest of line 7 to the next statement (8).</summary>
    internal static readonly string[] StepNextFinish = ["break main.sox:10", "run", "step", "step", "next", "finish", "next"];

    /// <summary>The lines gdb stops at for <see cref="StepNextFinish"/>.</summary>
    internal static readonly int[] StepNextFinishLines = [10, 7, 3, 4, 7, 8];

    /// <summary>gdb commands that stop at add's first instruction and step one instruction at a time through its
    /// prologue, its body's runtime call and its epilogue out to twice, with a backtrace at each stop.</summary>
    internal static IEnumerable<string> StepiThroughAdd(string run = "run")
    {
        yield return "break *add";
        yield return "break main.sox:4";
        yield return run;
        yield return "bt 4";
        for (var i = 0; i < 8; i++)
        {
            yield return "stepi";
            yield return "bt 4";
        }
        yield return "continue";
        for (var i = 0; i < 8; i++)
        {
            yield return "stepi";
            yield return "bt 4";
        }
    }

    /// <summary>Every backtrace of <see cref="StepiThroughAdd"/> is whole: in add, its callers twice and
    /// <c>&lt;script&gt;</c>; in a runtime function add called, add then twice; back in twice, <c>&lt;script&gt;</c>.</summary>
    internal static void AssertStepiBacktraces(string output)
    {
        var traces = Backtraces(output);
        Assert.IsGreaterThanOrEqualTo(17, traces.Count, output);
        Assert.IsTrue(traces.Any(t => t[0] == "twice"), "never got back to twice\n" + output);
        foreach (var trace in traces)
        {
            var context = string.Join(" < ", trace) + "\n" + output;
            switch (trace[0])
            {
                case "add": CollectionAssert.AreEqual(new[] { "add", "twice", "<script>" }, trace.Take(3).ToList(), context); break;
                case "twice": CollectionAssert.AreEqual(new[] { "twice", "<script>" }, trace.Take(2).ToList(), context); break;
                case "<script>": break;
                default: CollectionAssert.AreEqual(new[] { "add", "twice" }, trace.Skip(1).Take(2).ToList(), context); break;
            }
        }
        StringAssert.DoesNotMatch(output, new Regex(@"Backtrace stopped|^#\d+ .*\?\? \(", RegexOptions.Multiline), output);
    }

    /// <summary>A backtrace from <c>sox_print</c> called by the export <c>visit</c>, called by C's <c>call_back</c>,
    /// called through <c>extern fn</c> by <c>outer</c>, under 21 frames of <c>down</c>: every Sox frame with its
    /// line, down to <c>&lt;script&gt;</c>, the runtime's entry and the start of the program's thread; and, on the
    /// process's first thread (<c>thread apply 1 bt</c>), C <c>main</c> waiting for it.</summary>
    internal static void AssertRuntimeCallBacktrace(string output)
    {
        var trace = Backtraces(output).FirstOrDefault() ?? [];
        var context = string.Join(" < ", trace) + "\n" + output;
        Assert.AreEqual("sox_print", trace.FirstOrDefault(), context);
        // visit twice: its Sox body, then the C entry that converts the arguments; the C caller; Sox's wrapper of
        // the extern fn; outer; down 21 times.
        string[] expected = ["sox_print", "visit", "visit", "call_back", "sox_extern_frames_0_call_back_fn", "outer", .. Enumerable.Repeat("down", 21), "<script>", "sox_program_entry"];
        CollectionAssert.AreEqual(expected, trace.Take(expected.Length).ToList(), context);
        StringAssert.Matches(output, new Regex(@"in visit \(.*\) at \S*frames\.sox:4$", RegexOptions.Multiline), output);
        StringAssert.Matches(output, new Regex(@"in outer \(.*\) at \S*frames\.sox:8$", RegexOptions.Multiline), output);
        StringAssert.Matches(output, new Regex(@"in down \(.*\) at \S*frames\.sox:11$", RegexOptions.Multiline), output);
        StringAssert.Matches(output, new Regex(@"in <script> \(\) at \S*frames\.sox:14$", RegexOptions.Multiline), output);
        // The program runs on a thread of its own (a large stack); C main waits for it on the first thread.
        var mainThread = Backtraces(output).Skip(1).FirstOrDefault(t => t.Contains("main")) ?? [];
        Assert.IsTrue(mainThread.IndexOf("sox_platform_run_on_big_stack") is >= 0 and var at && mainThread.IndexOf("main") == at + 1, "main thread: " + string.Join(" < ", mainThread) + "\n" + output);
        // (Past the runtime's thread entry, libc's frames may be "??" where its symbols are stripped, as in the
        // arm64 sysroot; the walk still goes on.)
        StringAssert.DoesNotMatch(output, new Regex("Backtrace stopped"), output);
    }

    /// <summary>The lines gdb reports stopping at ("LINE\tsource"), in order.</summary>
    internal static List<int> StopLines(string output) =>
        Regex.Matches(output, @"^(?:0x[0-9a-f]+\s+)?(\d+)\t", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Each backtrace in gdb's output (a run of lines from <c>#0</c>) as its function names.</summary>
    internal static List<List<string>> Backtraces(string output)
    {
        var traces = new List<List<string>>();
        foreach (Match m in Regex.Matches(output, @"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+) \(", RegexOptions.Multiline))
        {
            if (m.Groups[1].Value == "0") traces.Add([]);
            if (traces.Count > 0) traces[^1].Add(m.Groups[2].Value);
        }
        return traces;
    }

    /// <summary>Runs gdb in batch mode on <paramref name="exe"/> with <paramref name="commands"/>; returns stdout.</summary>
    internal static string Gdb(string gdb, string directory, string exe, params string[] commands)
    {
        var arguments = new List<string> { "-batch", "-nx", "-iex", "set debuginfod enabled off" };
        foreach (var command in commands) arguments.AddRange(["-ex", command]);
        arguments.Add(exe);
        return ExternalTool.Run(gdb, directory, [.. arguments]).StandardOutput;
    }

    /// <summary>The frames of the first backtrace in gdb's output that have a source position, as (function, file
    /// name, line); gdb lists each frame's arguments between the parentheses.</summary>
    internal static List<(string Function, string File, int Line)> Frames(string output) =>
        Regex.Matches(output, @"^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(.*\) at (\S+):(\d+)$", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, Path.GetFileName(m.Groups[2].Value), int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
