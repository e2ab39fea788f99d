using System.Diagnostics;
using System.Text;
using Sox.Cli;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>
/// The <c>sox</c> process's no-GC region during a build (<see cref="CollectorRegion"/>): sized from the source, used only
/// by the executable (not by in-process callers such as these tests), and harmless when the build outgrows it.
/// </summary>
[TestClass]
public sealed class CollectorRegionTests
{
    [TestMethod]
    public void BudgetGrowsWithTheSourceUpToTheCapAndAQuarterOfTheMemory()
    {
        var available = 64L << 30;
        Assert.AreEqual(CollectorRegion.FixedBytes, CollectorRegion.Budget(0, available));
        Assert.AreEqual(CollectorRegion.FixedBytes + 225_000 * CollectorRegion.BytesPerSourceCharacter, CollectorRegion.Budget(225_000, available));
        Assert.AreEqual(CollectorRegion.MaximumBytes, CollectorRegion.Budget(10_000_000, available));
        Assert.AreEqual(CollectorRegion.MaximumBytes, CollectorRegion.Budget(long.MaxValue, available));
        Assert.AreEqual(100L << 20, CollectorRegion.Budget(225_000, 400L << 20));
    }

    [TestMethod]
    public void InProcessBuildsStartNoRegion()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program(20));
        var run = CliRun.Of("build", source, "--emit", "obj", "-o", Path.Combine(project.Root, "app.o"), "--timings");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.DoesNotMatch(run.Error, new System.Text.RegularExpressions.Regex("no-GC region"));
    }

    [TestMethod]
    public void TheToolBuildsInARegionAndABuildThatOutgrowsItStillWritesTheSameObject()
    {
        using var project = new TempProject();
        var source = project.Write("app.sox", Program(300));
        var reference = Path.Combine(project.Root, "reference.o");
        var inProcess = CliRun.Of("build", source, "--emit", "obj", "-o", reference);
        Assert.AreEqual(0, inProcess.ExitCode, inProcess.Error);

        var fitting = Path.Combine(project.Root, "fitting.o");
        var (code, stderr) = Sox(null, "build", source, "--emit", "obj", "-o", fitting, "--timings");
        Assert.AreEqual(0, code, stderr);
        var gc = stderr.Split('\n').Single(l => l.StartsWith("gc ", StringComparison.Ordinal));
        StringAssert.Contains(gc, "no-GC region of");
        Assert.IsFalse(gc.Contains("exhausted"), gc);
        CollectionAssert.AreEqual(File.ReadAllBytes(reference), File.ReadAllBytes(fitting));

        // A 1 MB budget runs out early in this build: the runtime collects, ends the region, and the build goes on.
        var outgrown = Path.Combine(project.Root, "outgrown.o");
        (code, stderr) = Sox("1", "build", source, "--emit", "obj", "-o", outgrown, "--timings");
        Assert.AreEqual(0, code, stderr);
        gc = stderr.Split('\n').Single(l => l.StartsWith("gc ", StringComparison.Ordinal));
        StringAssert.Contains(gc, "no-GC region of 1 MB, exhausted");
        CollectionAssert.AreEqual(File.ReadAllBytes(reference), File.ReadAllBytes(outgrown));

        // 0: no region at all.
        (code, stderr) = Sox("0", "build", source, "--emit", "obj", "-o", outgrown, "--timings");
        Assert.AreEqual(0, code, stderr);
        StringAssert.DoesNotMatch(stderr, new System.Text.RegularExpressions.Regex("no-GC region"));
    }

    /// <summary>A program of <paramref name="functions"/> small functions and calls of each.</summary>
    private static string Program(int functions)
    {
        var text = new StringBuilder();
        for (var i = 0; i < functions; i++)
        {
            text.Append($$"""
                fn f{{i}}(a, b) {
                  var total = 0
                  for var k = 0; k < a; k = k + 1 {
                    if k % 2 == 0 { total = total + k * b } else { total = total - {{i}} }
                  }
                  return total + len(str(a))
                }
                print f{{i}}({{i % 7}}, {{i}})

                """);
        }
        return text.ToString();
    }

    /// <summary>Runs the <c>sox</c> executable (its dll beside the tests) with <see cref="CollectorRegion.BudgetVariable"/> set to <paramref name="budgetMegabytes"/> unless null.</summary>
    private static (int Code, string Stderr) Sox(string? budgetMegabytes, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sox.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove(CollectorRegion.BudgetVariable);
        if (budgetMegabytes is not null) start.Environment[CollectorRegion.BudgetVariable] = budgetMegabytes;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }
}
