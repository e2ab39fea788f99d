using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Conformance;
using Sox.Toolchain.Tests.Infrastructure;

namespace Sox.Toolchain.Tests.Interop;

/// <summary>
/// The calling-convention suite (tests/interop, docs/calling-conventions.md): every program, with its C sources,
/// is compiled by the real pipeline for linux-x64 (run natively), linux-arm64 (run under qemu) and win-x64 (under Wine), at -O0 and -O2;
/// stdout bytes, stderr lines and the exit code must match the program's expectations. Each C source is compiled
/// once per target and its object linked into every program that uses it.
/// </summary>
[TestClass]
public sealed class InteropTests
{
    private static readonly ConcurrentDictionary<(string Target, string Source), Lazy<(string? Object, string Diagnostics)>> CObjects = new();
    private static readonly string WorkDirectory = Path.Combine(Path.GetTempPath(), "sox-interop-" + Environment.ProcessId);

    public static IEnumerable<object[]> Programs() => InteropProgram.All().Select(p => new object[] { p });

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O0(string program) => Check("linux-x64", program, OptimizationLevel.O0);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O2(string program) => Check("linux-x64", program, OptimizationLevel.O2);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O0(string program) => Check("linux-arm64", program, OptimizationLevel.O0);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O2(string program) => Check("linux-arm64", program, OptimizationLevel.O2);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O0(string program) => Check("win-x64", program, OptimizationLevel.O0);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O2(string program) => Check("win-x64", program, OptimizationLevel.O2);

    /// <summary>The areas the suite must keep covering (issue 6 item 6), each by at least one program.</summary>
    [TestMethod]
    public void TheSuiteCoversEveryArea()
    {
        var all = InteropProgram.All().ToHashSet(StringComparer.Ordinal);
        foreach (var program in new[]
                 {
                     "args_integer.sox", "args_double.sox", "args_mixed.sox", "returns.sox", "variadic.sox", "callbacks.sox",
                     "alignment.sox", "canary.sox", "interleaving.sox", "errors/variadic_array.sox", "errors/export_result_range.sox",
                 })
        {
            Assert.Contains(program, all, $"tests/interop/{program} is missing");
        }
        Assert.IsGreaterThanOrEqualTo(10, all.Count(p => p.StartsWith("errors/", StringComparison.Ordinal)));
    }

    private static void Check(string target, string relative, OptimizationLevel level)
    {
        var program = InteropProgram.Load(relative);
        if (program.Skips.TryGetValue(target, out var reason)) Assert.Inconclusive($"skipped on {target}: {reason}");
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        var cc = CCompiler.Locate(platform, null, out var tried);
        if (cc is null) Assert.Inconclusive($"needs a C compiler for {target} ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner} to run {target} programs");

        var objects = program.CSources.Select(source =>
        {
            var (obj, diagnostics) = CObjects.GetOrAdd((target, source), key => new Lazy<(string?, string)>(() => CompileC(cc, key.Target, key.Source))).Value;
            Assert.IsNotNull(obj, $"{Path.GetFileName(source)} did not compile for {target}:\n{diagnostics}");
            return obj;
        }).ToList();

        var exe = Build(target, program, level, objects);
        var (exit, stdout, stderr) = WineLostRun.Retry(platform, program.Name, () => Run(platform, exe, program));
        var context = $"{relative} ({target} {level})";
        ProgramOutput.AssertMatches(context, program.ExpectedStdout, program.ExpectedStderr, program.ExpectedStderrFirst,
            program.ExpectedExit, exit, stdout, stderr);
    }

    /// <summary>Compiles one C source for <paramref name="target"/> as <c>sox build</c> would, once per test run.</summary>
    private static (string?, string) CompileC(CCompiler cc, string target, string source)
    {
        var runtime = RuntimeLibrary.LocateSources(out var lookedIn);
        if (runtime is null) return (null, $"runtime sources not found ({lookedIn})");
        var directory = Path.Combine(WorkDirectory, target, "c");
        Directory.CreateDirectory(directory);
        var relative = Path.GetRelativePath(InteropProgram.Root, source).Replace('\\', '/');
        var obj = Path.Combine(directory, relative.Replace('/', '_') + ".o");
        var result = NativeCompiler.CompileCSource(cc, runtime, source, obj);
        return result.ExitCode == 0 ? (obj, "") : (null, result.Output);
    }

    private static string Build(string target, InteropProgram program, OptimizationLevel level, IReadOnlyList<string> objects)
    {
        var directory = Path.Combine(WorkDirectory, target, level.ToString(), Path.GetDirectoryName(program.Name) ?? "");
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, Path.GetFileNameWithoutExtension(program.Name));
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = program.Path, OutputPath = output, Target = target, Optimization = level, CSources = objects,
        });
        Assert.IsTrue(result.Success, $"{program.Name} did not build for {target} {level}:\n{string.Join("\n", result.Diagnostics)}");
        return result.Output!;
    }

    private static (int Exit, byte[] Stdout, string Stderr) Run(TargetPlatform platform, string exe, InteropProgram program)
    {
        platform.PrepareRunner?.Invoke();
        var command = platform.RunCommand(exe);
        var limit = TimeSpan.FromMinutes(2);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(program.Path)!,
        };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        foreach (var (name, value) in platform.RunnerEnvironment) start.Environment[name] = value;
        start.Environment.Remove("SOX_GC_STRESS");
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program.Name} did not finish within {limit.TotalMinutes} minutes");
        }
        process.WaitForExit();
        copy.Wait();
        // C stdio in text mode writes CRLF on Windows (the runtime writes LF): compare with LF.
        if (platform.ExecutableExtension == ".exe")
            return (process.ExitCode, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stdout.ToArray()).Replace("\r\n", "\n")), stderr.Result.Replace("\r\n", "\n"));
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
