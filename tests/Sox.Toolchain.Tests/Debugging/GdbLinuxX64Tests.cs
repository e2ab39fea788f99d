using System.Text.RegularExpressions;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// <c>sox build -g</c> for linux-x64, checked with gdb as a user would use it: a breakpoint at <c>file:line</c> stops
/// there, <c>bt</c> names the Sox functions (<c>add</c>, <c>twice</c>, <c>&lt;script&gt;</c>, the imported module's
/// <c>square</c>) with their file and line, and <c>next</c> stops once per statement. llvm-dwarfdump verifies the
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
