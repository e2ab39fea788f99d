using System.Diagnostics;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>
/// <c>sox build</c>, <c>run</c>, <c>test</c> and <c>bench</c> through the real pipeline: programs are compiled,
/// linked with the runtime by the system C compiler, and run.
/// </summary>
[TestClass]
public sealed class NativeCommandsTests
{
    private const string Program = """
        fn greet(who) { return "hello, " + who }
        fn main(argc, argv) {
          print greet(argv[1])
          print argc
          return argc + 1
        }
        """;

    [TestMethod]
    public void BuildWritesAnExecutableThatRuns()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var exe = Path.Combine(project.Root, "app");
        var build = CliRun.Of("build", source, "-o", exe, "-O0");
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var (code, stdout) = Execute(exe, "world");
        Assert.AreEqual("hello, world\n2\n", stdout);
        Assert.AreEqual(3, code);
    }

    [TestMethod]
    public void BuildCompilesCSourcesAndLinksObjectsAsGiven()
    {
        var platform = Sox.Compiler.Driver.TargetPlatform.Find(Sox.Compiler.Driver.TargetPlatform.Host)!;
        if (Sox.Compiler.Driver.CCompiler.Locate(platform, null, out var tried) is not { } cc) { Assert.Inconclusive($"needs a C compiler ({tried})"); return; }
        using var project = new TempProject();
        var source = project.Write("app.sox", """
            extern fn from_source(x: int): int
            extern fn from_object(x: int): int
            print from_source(2) + from_object(3)
            """);
        var helper = project.Write("helper.c", "long from_source(long x) { return x * 10; }\n");
        var other = project.Write("other.c", "long from_object(long x) { return x * 100; }\n");
        var obj = Path.Combine(project.Root, "other.o");
        var compile = Sox.Compiler.Driver.ProcessRunner.Run(cc.Path, [.. cc.TargetArguments, "-c", "-fPIC", "-o", obj, other]);
        Assert.AreEqual(0, compile.ExitCode, compile.Output);
        var exe = Path.Combine(project.Root, "app");
        var build = CliRun.Of("build", source, helper, obj, "-o", exe);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var (code, stdout) = Execute(exe);
        Assert.AreEqual("320\n", stdout);
        Assert.AreEqual(0, code);
    }

    [TestMethod]
    public void RunPassesArgumentsOutputAndTheExitCodeThrough()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var run = CliRun.Of("run", source, "sox", "--not-an-option-of-sox");
        Assert.AreEqual(4, run.ExitCode, run.Error);
        Assert.AreEqual("hello, sox\n3\n", run.Out);
    }

    [TestMethod]
    public void RunReportsCompileErrorsCanonicallyAndFails()
    {
        using var project = new TempProject();
        var source = project.Write("bad.sox", "var x = (1 +\n");
        var run = CliRun.Of("run", source);
        Assert.AreEqual(1, run.ExitCode);
        StringAssert.Matches(run.Error, new System.Text.RegularExpressions.Regex(@"bad\.sox\(2,1\): error SOX2001: "));
    }

    [TestMethod]
    public void RunPrintsEachWarningOnceWhetherBuiltOrCached()
    {
        using var project = new TempProject();
        var source = project.Write("warn.sox", "print \"w\" + sysGetenv(\"SOX_WARN_TEST_" + Guid.NewGuid().ToString("N") + "\")\nprint neverDefinedName\n");
        const string warning = "warning SOX3014: 'neverDefinedName' is never defined.";
        foreach (var attempt in new[] { "fresh build", "cached program" })
        {
            var run = CliRun.Of("run", source);
            Assert.AreEqual(70, run.ExitCode, run.Error);
            Assert.AreEqual(1, run.ErrorLines.Count(l => l.EndsWith(warning, StringComparison.Ordinal)), $"{attempt}: {run.Error}");
        }
    }

    [TestMethod]
    public void RuntimeErrorsExitWith70AndATrace()
    {
        using var project = new TempProject();
        var source = project.Write("err.sox", "fn f(x) {\n  return x + nil\n}\nprint 1\nf(2)\n");
        var run = CliRun.Of("run", source);
        Assert.AreEqual(70, run.ExitCode);
        Assert.AreEqual("1\n", run.Out);
        Assert.AreEqual("Operands must be two numbers or two strings.\n[line 2] in f()\n[line 5] in script\n", run.Error);
    }

    [TestMethod]
    [DataRow("ir", "sox_program_entry")]
    [DataRow("asm", "function sox_program_entry")]
    public void EmitWritesReadableListings(string kind, string expected)
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var output = Path.Combine(project.Root, "app." + kind);
        var build = CliRun.Of("build", source, "-o", output, "--emit", kind);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        StringAssert.Contains(File.ReadAllText(output), expected);
    }

    [TestMethod]
    public void EmitObjWritesOneRelocatableElfObject()
    {
        using var project = new TempProject();
        project.Write("lib/util.sox", "return {twice: fn (x) { return 2 * x }}\n");
        var source = project.Write("app.sox", "import \"lib/util\"\nprint util.twice(21)\n");
        var output = Path.Combine(project.Root, "app.o");
        var build = CliRun.Of("build", source, "-o", output, "--emit", "obj");
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var bytes = File.ReadAllBytes(output);
        CollectionAssert.AreEqual(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, bytes[..4]);
        Assert.AreEqual(1, BitConverter.ToUInt16(bytes, 16), "ET_REL");
    }

    [TestMethod]
    public void TimingsListEveryPhase()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var build = CliRun.Of("build", source, "-o", Path.Combine(project.Root, "app"), "--timings");
        Assert.AreEqual(0, build.ExitCode, build.Error);
        foreach (var phase in new[] { "front end", "IR lowering", "passes", "backend", "object writing", "runtime compile", "link", "total", "gc", "jit" })
            StringAssert.Contains(build.Error, phase);
    }

    [TestMethod]
    public void TimingsListEachPassAndBackendStepAndTotalOnlyThePhases()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var build = CliRun.Of("build", source, "-O2", "--emit", "obj", "-o", Path.Combine(project.Root, "app.o"), "--timings");
        Assert.AreEqual(0, build.ExitCode, build.Error);
        // Not ErrorLines, which trims the indentation that marks a step.
        var rows = build.Error.Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Match(l.TrimEnd('\r'), @"^(\s*\S.*?)\s+([\d.]+) ms(?:\s+([\d.]+) MB)?$"))
            .Where(m => m.Success && !m.Groups[1].Value.StartsWith("jit", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups[1].Value, m => (Ms: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Mb: m.Groups[3].Success));
        foreach (var step in new[] { "  fold", "  globals", "  fastpath", "  legalize", "  selection", "  allocation", "  encoding", "  object model", "  object file bytes" })
            Assert.IsTrue(rows.ContainsKey(step), $"no row for '{step}':\n{build.Error}");
        foreach (var phase in new[] { "front end", "IR lowering", "passes", "backend", "object writing" })
            Assert.IsTrue(rows.TryGetValue(phase, out var row) && row.Mb, $"no allocation for '{phase}':\n{build.Error}");
        // The total is the phases' sum (each printed to 0.1 ms), without the indented steps inside them.
        var phases = rows.Where(r => !r.Key.StartsWith(' ') && r.Key != "total").Sum(r => r.Value.Ms);
        Assert.AreEqual(phases, rows["total"].Ms, 0.1 * rows.Count, build.Error);
    }

    [TestMethod]
    public void AMissingCCompilerIsOneClearError()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program);
        var build = CliRun.Of("build", source, "-o", Path.Combine(project.Root, "app"), "--cc", "no-such-cc-for-sox");
        Assert.AreEqual(1, build.ExitCode);
        Assert.AreEqual(1, build.ErrorLines.Length, build.Error);
        StringAssert.StartsWith(build.ErrorLines[0], "sox: error SOX5003: No C compiler found (tried 'no-such-cc-for-sox')");
    }

    [TestMethod]
    public void TestRunsEveryTestFileOfADirectoryAsOneProgram()
    {
        using var project = new TempProject();
        project.Write("math_test.sox", """
            fn add(a, b) { return a + b }
            #[test]
            fn TestAdd(t) {
              if (add(1, 2) != 3) t.Error("1+2 should be 3")
            }
            #[test]
            fn TestFails(t) {
              t.Error("first problem")
              assert(add(2, 2) == 5, "2+2 is not 5")
              t.Error("not reached")
            }
            """);
        project.Write("strings_test.sox", "#[test]\nfn TestUpper(t) {\n  if (stringUpper(\"a\") != \"A\") t.Fatal(\"upper\")\n}\n");
        project.Write("helper.sox", "#[test]\nfn NotATestFile(t) { t.Fatal(\"must not run\") }\n");
        var run = CliRun.Of("test", project.Root);
        Assert.AreEqual(1, run.ExitCode, run.Error);
        var output = run.Out + run.Error;
        StringAssert.Contains(output, "--- FAIL: TestFails");
        StringAssert.Contains(output, "math_test.sox:8: first problem");
        StringAssert.Contains(output, "math_test.sox:9: Assertion failed: 2+2 is not 5");
        Assert.IsFalse(output.Contains("not reached"), output);
        Assert.IsFalse(output.Contains("NotATestFile"), output);
        StringAssert.EndsWith(run.Out, "2 passed, 1 failed\n");
    }

    [TestMethod]
    public void TestExitsZeroWhenEverythingPasses()
    {
        using var project = new TempProject();
        var file = project.Write("ok_test.sox", "#[test]\nfn TestOk(t) { assert(1 < 2, \"order\") }\n");
        var run = CliRun.Of("test", file);
        Assert.AreEqual(0, run.ExitCode, run.Out + run.Error);
        StringAssert.EndsWith(run.Out, "1 passed, 0 failed\n");
    }

    [TestMethod]
    public void BenchRunsTheFilteredBenchmarksAndReportsNanosecondsPerOperation()
    {
        using var project = new TempProject();
        var file = project.Write("b.sox", """
            fn BenchmarkLen(b) { for var i = 0; i < b.n; i = i + 1 { len("abc") } }
            fn BenchmarkConcat(b) { var s = "" for var i = 0; i < b.n; i = i + 1 { s = "x" + str(i) } }
            """);
        Environment.SetEnvironmentVariable("SOX_BENCHTIME", "0.02");
        var run = CliRun.Of("bench", file, "--filter", "Len");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Matches(run.Out, new System.Text.RegularExpressions.Regex(@"^BenchmarkLen\s+\d+\s+[\d.]+ ns/op\n$"));
    }

    private static (int Code, string Stdout) Execute(string exe, params string[] args)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout);
    }
}
