using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Infrastructure;

namespace Sox.Toolchain.Tests.Conformance;

/// <summary>
/// Runs every program of <c>tests/conformance</c> (architecture.md D7): compiled by the real pipeline for each target
/// whose tools exist (linux-x64 natively, linux-arm64 under <c>qemu-aarch64</c> on an x64 host, win-x64 under Wine), at -O0 and -O2, and at -O2 again with <c>SOX_GC_STRESS=1</c> (a collection at every
/// allocation); stdout bytes, stderr lines and the exit code must match the program's expectations.
/// </summary>
[TestClass]
public sealed class ConformanceTests
{
    private static readonly ConcurrentDictionary<(string, string, OptimizationLevel), Lazy<(string? Exe, string Diagnostics)>> Builds = new();
    private static readonly string WorkDirectory = Path.Combine(Path.GetTempPath(), "sox-conformance-" + Environment.ProcessId);

    public static IEnumerable<object[]> Programs() => ConformanceProgram.All().Select(p => new object[] { p });

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O0(string program) => Check("linux-x64", program, OptimizationLevel.O0, gcStress: false);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O2(string program) => Check("linux-x64", program, OptimizationLevel.O2, gcStress: false);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O2_GcStress(string program) => Check("linux-x64", program, OptimizationLevel.O2, gcStress: true);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O0(string program) => Check("linux-arm64", program, OptimizationLevel.O0, gcStress: false);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O2(string program) => Check("linux-arm64", program, OptimizationLevel.O2, gcStress: false);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O2_GcStress(string program) => Check("linux-arm64", program, OptimizationLevel.O2, gcStress: true);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O0(string program) => Check("win-x64", program, OptimizationLevel.O0, gcStress: false);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O2(string program) => Check("win-x64", program, OptimizationLevel.O2, gcStress: false);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O2_GcStress(string program) => Check("win-x64", program, OptimizationLevel.O2, gcStress: true);

    [TestMethod]
    public void TheSuiteHasAtLeast150Programs() => Assert.IsGreaterThanOrEqualTo(150, ConformanceProgram.All().Count());

    private static void Check(string target, string relative, OptimizationLevel level, bool gcStress)
    {
        var program = ConformanceProgram.Load(relative);
        if (program.Skips.TryGetValue(target, out var reason)) Assert.Inconclusive($"skipped on {target}: {reason}");
        if (gcStress && program.Skips.TryGetValue("gc-stress", out var stressReason)) Assert.Inconclusive($"skipped under SOX_GC_STRESS: {stressReason}");
        if (gcStress && program.Skips.TryGetValue(target + "+gc-stress", out var targetStressReason))
            Assert.Inconclusive($"skipped on {target} under SOX_GC_STRESS: {targetStressReason}");
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for {target} ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner} to run {target} programs");

        var (exe, diagnostics) = Builds.GetOrAdd((target, relative, level), _ => new Lazy<(string?, string)>(() => Build(target, program, level))).Value;
        Assert.IsNotNull(exe, $"{relative} did not build:\n{diagnostics}");

        var (exit, stdout, stderr) = WineLostRun.Retry(platform, program.Name, () => Run(platform, exe, program, gcStress));
        var context = $"{relative} ({target} {level}{(gcStress ? " gc-stress" : "")})";
        ProgramOutput.AssertMatches(context, program.ExpectedStdout, program.ExpectedStderr, program.ExpectedStderrFirst,
            program.ExpectedExit, exit, stdout, stderr);
    }

    private static (string?, string) Build(string target, ConformanceProgram program, OptimizationLevel level)
    {
        var directory = Path.Combine(WorkDirectory, target, level.ToString(), Path.GetDirectoryName(program.Name) ?? "");
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, Path.GetFileNameWithoutExtension(program.Name));
        var result = NativeCompiler.Build(new BuildOptions { EntryPath = program.Path, OutputPath = output, Target = target, Optimization = level });
        // The driver names the file it wrote (win-x64 adds .exe).
        return (result.Success ? result.Output : null, string.Join("\n", result.Diagnostics));
    }

    /// <summary>
    /// Runs the program natively or under the target's runner (qemu), which gets a longer time limit: emulation is
    /// about 5x slower. The native limit leaves room for gc_torture under SOX_GC_STRESS on a loaded 2-core machine
    /// (2–3 minutes measured there).
    /// </summary>
    private static (int Exit, byte[] Stdout, string Stderr) Run(TargetPlatform platform, string exe, ConformanceProgram program, bool gcStress)
    {
        platform.PrepareRunner?.Invoke();
        var command = platform.RunCommand(exe);
        var limit = TimeSpan.FromMinutes(platform.Runner is null ? 4 : 6);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(program.Path)!,
        };
        foreach (var a in command.Skip(1).Concat(program.Arguments)) start.ArgumentList.Add(a);
        foreach (var (name, value) in platform.RunnerEnvironment) start.Environment[name] = value;
        start.Environment.Remove("SOX_GC_STRESS");
        if (gcStress) start.Environment["SOX_GC_STRESS"] = "1";
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(program.Stdin ?? "");
        process.StandardInput.Close();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program.Name} did not finish within {limit.TotalMinutes} minutes");
        }
        process.WaitForExit();
        copy.Wait();
        // Windows programs may write CRLF (the runtime writes LF; C code in text mode does not): compare with LF.
        if (platform.ExecutableExtension == ".exe")
            return (process.ExitCode, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stdout.ToArray()).Replace("\r\n", "\n")), stderr.Result.Replace("\r\n", "\n"));
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
