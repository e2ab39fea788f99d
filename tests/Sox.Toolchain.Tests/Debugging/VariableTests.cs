using System.Text.RegularExpressions;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.ObjectFiles;
using Sox.Toolchain.Tests.Runtime;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// Sox parameters, locals and captured variables in the debug information (<c>-g</c>), read by gdb through the SDK's
/// pretty printer on linux-x64 (<c>info args</c>, <c>info locals</c>, <c>p x</c>), and by llvm-dwarfdump on x64 and
/// arm64 objects. At <c>-O0</c> every variable shows its value once assigned; at <c>-O2</c> a variable shows its value
/// or <c>&lt;optimized out&gt;</c>, never another value.
/// </summary>
[TestClass]
public sealed class VariableTests
{
    [TestMethod]
    public void GdbShowsEveryVariableAtO0()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = VariablesProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var output = GdbLinuxX64Tests.Gdb(gdb, project.Root, exe, VariablesProgram.Session);
        AssertO0(output);
    }

    [TestMethod]
    public void GdbShowsValuesOrOptimizedOutAtO2()
    {
        DebugProgram.RequireX64Linux();
        var gdb = DebugProgram.RequireTool("gdb");
        using var project = new TempProject();
        var exe = VariablesProgram.Build(project, "linux-x64", OptimizationLevel.O2);
        var output = GdbLinuxX64Tests.Gdb(gdb, project.Root, exe, VariablesProgram.Session);
        AssertO2(output);
    }

    [TestMethod]
    public void LldbShowsTheVariablesThroughItsSummary()
    {
        DebugProgram.RequireX64Linux();
        var lldb = DebugProgram.RequireTool("lldb", "lldb-20", "lldb-19", "lldb-18", "lldb-17", "lldb-16", "lldb-15", "lldb-14");
        using var project = new TempProject();
        var exe = VariablesProgram.Build(project, "linux-x64", OptimizationLevel.O0);
        var printer = Path.Combine(RuntimeBuild.RepoRoot, "Sox.Sdk", "debugger", "sox_lldb.py");
        var output = ExternalTool.Run(lldb, project.Root, "--batch", "--no-lldbinit", "-o", $"command script import {printer}",
            "-o", $"breakpoint set --file vars.sox --line {VariablesProgram.InClosure}",
            "-o", $"breakpoint set --file vars.sox --line {VariablesProgram.AfterCapture}",
            "-o", "run", "-o", "frame variable", "-o", "continue", "-o", "frame variable", "-o", "kill", exe).StandardOutput;

        // LLDB keeps the typedef's name (it would drop a base type's), so its summary applies.
        StringAssert.Contains(output, "(SoxValue) count = 42", output);
        foreach (var expected in new[]
        {
            "(SoxValue) n = 3.5", "(SoxValue) s = \"abc\"", "(SoxValue) arr = [1,2,[3]]", "(SoxValue) t = {\"k\": 1}",
            "(SoxValue) p = Point instance {x: 3.5, y: \"abc\"}", "(SoxValue) inc = <fn>",
        })
        {
            StringAssert.Contains(output, expected, output);
        }
        Assert.AreEqual(2, Regex.Matches(output, @"\(SoxValue\) count = 42").Count, output);
    }

    /// <summary>The -O0 expectations: every parameter and local with its value, printed by the pretty printer.</summary>
    internal static void AssertO0(string output)
    {
        Assert.DoesNotContain("Traceback", output, output);
        Assert.DoesNotContain("optimized out", output, output);
        var init = VariablesProgram.Section(output, "init");
        StringAssert.Contains(init, "this = Point instance {x: 3.5}", output);
        StringAssert.Contains(init, "x = 3.5", output);
        StringAssert.Contains(init, "y = \"abc\"", output);

        // Inside the closure: the captured variable, through the closure's cell, after the closure's assignment.
        var closure = VariablesProgram.Section(output, "closure");
        StringAssert.Contains(closure, "count = 42", output);
        StringAssert.Matches(closure, new Regex(@"\$\d+ = 42"), output);

        // Back in the enclosing function: the same variable through its own cell, and everything else.
        var show = VariablesProgram.Section(output, "show");
        foreach (var expected in new[]
        {
            "n = 3.5", "s = \"abc\"", "arr = [1,2,[3]]", "t = {\"k\": 1}", "p = Point instance {x: 3.5, y: \"abc\"}",
            "count = 42", "inc = <fn>",
        })
        {
            StringAssert.Contains(show, expected, output);
        }
        var printed = Regex.Matches(show, @"^\$\d+ = (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        CollectionAssert.AreEqual(new[] { "[1,2,[3]]", "{\"k\": 1}", "Point instance {x: 3.5, y: \"abc\"}", "<fn>", "42", "3.5", "\"abc\"" }, printed, output);
    }

    /// <summary>The -O2 expectations: each variable is either its right value or optimized out; the values the code
    /// still needs at the stop (the instance, the captured count in the enclosing function) are there. Inside the
    /// closure, at <c>return count</c>, `gvn` forwards the value just stored to the cell, so the closure register the
    /// captured variable is described from is dead there and the variable may be optimized out (never wrong).</summary>
    internal static void AssertO2(string output)
    {
        Assert.DoesNotContain("Traceback", output, output);
        var expected = new Dictionary<string, string>
        {
            ["this"] = "Point instance {x: 3.5}", ["x"] = "3.5", ["y"] = "\"abc\"", ["n"] = "3.5", ["s"] = "\"abc\"",
            ["arr"] = "[1,2,[3]]", ["t"] = "{\"k\": 1}", ["p"] = "Point instance {x: 3.5, y: \"abc\"}", ["count"] = "42", ["inc"] = "<fn>",
        };
        var shown = Regex.Matches(output, @"^(\w+) = (.*)$", RegexOptions.Multiline);
        Assert.IsGreaterThanOrEqualTo(8, shown.Count, output);
        foreach (Match m in shown)
        {
            if (m.Groups[2].Value == "<optimized out>") continue;
            Assert.AreEqual(expected[m.Groups[1].Value], m.Groups[2].Value, $"{m.Value}\n{output}");
        }
        var show = VariablesProgram.Section(output, "show");
        StringAssert.Contains(show, "count = 42", output);
        StringAssert.Contains(show, "p = Point instance {x: 3.5, y: \"abc\"}", output);
        foreach (Match m in Regex.Matches(show, @"^\$\d+ = (.*)$", RegexOptions.Multiline))
        {
            var value = m.Groups[1].Value;
            if (value != "<optimized out>") CollectionAssert.Contains(expected.Values.ToList(), value, output);
        }
    }

    [TestMethod]
    [DataRow("linux-x64", OptimizationLevel.O0)]
    [DataRow("linux-x64", OptimizationLevel.O2)]
    [DataRow("linux-arm64", OptimizationLevel.O0)]
    [DataRow("linux-arm64", OptimizationLevel.O2)]
    public void DwarfdumpVerifiesAndShowsTheVariables(string target, OptimizationLevel level)
    {
        var dwarfdump = DebugProgram.RequireTool("llvm-dwarfdump", "llvm-dwarfdump-19");
        using var project = new TempProject();
        var obj = VariablesProgram.Build(project, target, level, emitObject: true);
        var verify = ExternalTool.Run(dwarfdump, project.Root, "--verify", obj);
        Assert.AreEqual(0, verify.ExitCode, verify.StandardOutput + verify.StandardError);
        StringAssert.Contains(verify.StandardOutput, "No errors.");

        var info = ExternalTool.RunClean(dwarfdump, project.Root, "--debug-info", obj);
        StringAssert.Matches(info, new Regex(@"DW_TAG_base_type\s+DW_AT_name\s+\(""unsigned long""\)\s+DW_AT_byte_size\s+\(0x08\)\s+DW_AT_encoding\s+\(DW_ATE_unsigned\)"), info);
        StringAssert.Matches(info, new Regex(@"DW_TAG_typedef\s+DW_AT_name\s+\(""SoxValue""\)\s+DW_AT_type\s+\(0x[0-9a-f]+ ""unsigned long""\)"), info);
        var frameBase = target == "linux-x64" ? "DW_OP_reg6 RBP" : "DW_OP_reg29 W29";
        StringAssert.Contains(info, $"DW_AT_frame_base\t({frameBase})", info);
        var variables = Regex.Matches(info, @"DW_TAG_(formal_parameter|variable)\s+DW_AT_location\s+\(0x[0-9a-f]+:\s*((?:\s*\[0x[0-9a-f]+, 0x[0-9a-f]+\): [^\n]*\n?)+)\s+DW_AT_name\s+\(""(\w+)""\)")
            .GroupBy(m => m.Groups[3].Value) // count twice: show's own, and the lambda's capture
            .ToDictionary(g => g.Key, g => (Tag: g.First().Groups[1].Value, Ranges: g.First().Groups[2].Value));
        foreach (var name in level == OptimizationLevel.O0 ? new[] { "this", "x", "y", "n", "s", "arr", "t", "p", "count", "inc" } : ["this", "y", "p", "count"])
        {
            Assert.IsTrue(variables.ContainsKey(name), $"{name} has no location list:\n{info}");
        }
        Assert.AreEqual("formal_parameter", variables["this"].Tag);
        Assert.AreEqual("variable", variables["count"].Tag);
        // The captured count: through its cell in the enclosing function (…+8), through the closure in the lambda.
        StringAssert.Matches(info, new Regex(@"DW_OP_b?reg\w* \w+[+]8|DW_OP_fbreg -\d+, DW_OP_deref, DW_OP_plus_uconst 0x8"), info);
        StringAssert.Matches(info, new Regex(@"DW_OP_(breg\w* \w+[+]24|fbreg -\d+, DW_OP_deref, DW_OP_plus_uconst 0x18), DW_OP_deref, DW_OP_plus_uconst 0x8"), info);
    }
}
