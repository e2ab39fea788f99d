using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Differential testing of the two backends: programs from <see cref="SoxProgramGenerator"/> (fixed seeds) are
/// compiled for linux-x64 at -O2 and for linux-arm64 at -O0 and -O2, run (arm64 under qemu), and must print the
/// same bytes and exit alike. The generated programs never fail, so a non-zero exit is a bug too.
/// </summary>
[TestClass]
public sealed class Arm64DifferentialTests
{
    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 6).Select(s => new object[] { 7919 * s });

    [TestMethod]
    public void TheGeneratorIsDeterministicAndVaried()
    {
        Assert.AreEqual(SoxProgramGenerator.Generate(11), SoxProgramGenerator.Generate(11));
        Assert.AreNotEqual(SoxProgramGenerator.Generate(11), SoxProgramGenerator.Generate(12));
        var all = string.Concat(Seeds().Select(s => SoxProgramGenerator.Generate((int)s[0])));
        foreach (var feature in new[] { "for var", "while (", "push(fs, fn", "add0(", "counter()", "stringUpper", "] + a0[", " % ", " / ", "if " })
            StringAssert.Contains(all, feature, $"the seeds exercise {feature}");
    }

    [TestMethod]
    [DynamicData(nameof(Seeds))]
    public void X64AndArm64PrintTheSame(int seed)
    {
        foreach (var rid in new[] { "linux-x64", "linux-arm64" })
        {
            var platform = TargetPlatform.Find(rid)!;
            if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for {rid} ({tried})");
            if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner} to run {rid} programs");
        }
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, $"generated{seed}.sox");
        File.WriteAllText(source, SoxProgramGenerator.Generate(seed));

        var reference = BuildAndRun(source, "linux-x64", OptimizationLevel.O2);
        Assert.AreEqual(0, reference.Exit, $"x64 run of seed {seed} failed:\n{reference.Stderr}\n{File.ReadAllText(source)}");
        Assert.IsGreaterThan(10, reference.Stdout.Split('\n').Length, "the program prints its state");
        foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
        {
            var arm = BuildAndRun(source, "linux-arm64", level);
            Assert.AreEqual(reference.Stdout, arm.Stdout, $"stdout of seed {seed} on linux-arm64 {level}\n{arm.Stderr}\n{File.ReadAllText(source)}");
            Assert.AreEqual(reference.Exit, arm.Exit, $"exit code of seed {seed} on linux-arm64 {level}\n{arm.Stderr}");
        }
    }

    private static (int Exit, string Stdout, string Stderr) BuildAndRun(string source, string rid, OptimizationLevel level)
    {
        var output = Path.Combine(Path.GetDirectoryName(source)!, $"{Path.GetFileNameWithoutExtension(source)}-{rid}-{level}");
        var result = NativeCompiler.Build(new BuildOptions { EntryPath = source, OutputPath = output, Target = rid, Optimization = level });
        Assert.IsTrue(result.Success, $"{rid} {level} build failed:\n{string.Join("\n", result.Diagnostics)}\n{File.ReadAllText(source)}");
        var command = TargetPlatform.Find(rid)!.RunCommand(output);
        var run = ExternalTool.Run(command[0], Path.GetDirectoryName(source)!, command.Skip(1).ToArray());
        return (run.ExitCode, run.StandardOutput, run.StandardError);
    }
}
