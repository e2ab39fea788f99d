using System.Text;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>
/// Runs every C program under <c>tests/runtime/</c> against the Sox C runtime (<c>Sox.Sdk/runtime/</c>): each
/// program plays the compiler's part (docs/runtime-abi.md) and carries its expected stdout (<c>.out</c>), stderr
/// (<c>.err</c>, empty when absent) and exit code (<c>// exit: N</c>, default 0). Header tags: <c>// env: K=V</c>,
/// <c>// args: a b</c>, <c>// stdout: regex</c> / <c>// stderr: regex</c> (each expected line is a regular
/// expression), <c>// skip-arm64: reason</c>. Programs run natively and, when the cross tools exist, as arm64
/// binaries under qemu.
/// </summary>
[TestClass]
public sealed class RuntimeProgramTests
{
    private static readonly TimeSpan NativeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QemuTimeout = TimeSpan.FromSeconds(120);

    public static IEnumerable<object[]> Programs =>
        Directory.GetFiles(Path.Combine(RuntimeBuild.RepoRoot, "tests", "runtime"), "*.c")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name! });

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public async Task RunsNatively(string program)
    {
        var target = RuntimeBuild.Host;
        var exe = await RuntimeBuild.CompileProgramAsync(target, program);
        await RunAndCompareAsync(program, exe, runner: null, NativeTimeout);
    }

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public async Task RunsOnArm64UnderQemu(string program)
    {
        var spec = ProgramSpec.Load(program);
        if (spec.SkipArm64 is { } reason) Assert.Inconclusive($"skipped on arm64: {reason}");
        var missing = RuntimeBuild.MissingTool("aarch64-linux-gnu-gcc") ?? RuntimeBuild.MissingTool("qemu-aarch64");
        if (missing != null) Assert.Inconclusive($"needs aarch64-linux-gnu-gcc and qemu-aarch64 ({missing} not found)");
        var exe = await RuntimeBuild.CompileProgramAsync(RuntimeBuild.Arm64, program);
        await RunAndCompareAsync(program, exe, ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"], QemuTimeout);
    }

    private static async Task RunAndCompareAsync(string program, string exe, string[]? runner, TimeSpan timeout)
    {
        var spec = ProgramSpec.Load(program);
        var command = runner is null ? [exe, .. spec.Args] : runner.Concat([exe]).Concat(spec.Args).ToArray();
        var result = await ProcessRunner.RunAsync(command, spec.Environment, timeout);
        var stdout = Encoding.Latin1.GetString(result.Stdout);
        var stderr = Encoding.Latin1.GetString(result.Stderr);
        Assert.AreEqual(spec.ExitCode, result.ExitCode, $"exit code of {program}; stderr:\n{Tail(stderr)}");
        Compare("stdout", spec.ExpectedStdout, stdout, spec.StdoutIsRegex);
        Compare("stderr", spec.ExpectedStderr, stderr, spec.StderrIsRegex);
    }

    private static void Compare(string what, string expected, string actual, bool regex)
    {
        if (!regex)
        {
            Assert.AreEqual(expected, actual, $"{what} differs");
            return;
        }
        var patterns = SplitLines(expected);
        var lines = SplitLines(actual);
        Assert.AreEqual(patterns.Length, lines.Length, $"{what} line count differs; got:\n{Tail(actual)}");
        for (var i = 0; i < patterns.Length; i++)
            Assert.IsTrue(Regex.IsMatch(lines[i], "^(?:" + patterns[i] + ")$"),
                $"{what} line {i + 1} '{lines[i]}' does not match /{patterns[i]}/");
    }

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}

/// <summary>A test program's expectations, read from its header comments and its .out/.err files.</summary>
internal sealed record ProgramSpec(
    int ExitCode,
    string[] Args,
    Dictionary<string, string> Environment,
    string ExpectedStdout,
    string ExpectedStderr,
    bool StdoutIsRegex,
    bool StderrIsRegex,
    string? SkipArm64)
{
    public static ProgramSpec Load(string program)
    {
        var dir = Path.Combine(RuntimeBuild.RepoRoot, "tests", "runtime");
        var header = File.ReadLines(Path.Combine(dir, program + ".c")).TakeWhile(l => l.StartsWith("//")).ToList();
        string? Tag(string name) => header.Select(l => l[2..].Trim())
            .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
        var env = new Dictionary<string, string>();
        foreach (var pair in (Tag("env") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        string Read(string ext) =>
            File.Exists(Path.Combine(dir, program + ext))
                ? Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, program + ext)))
                : "";
        return new ProgramSpec(
            int.Parse(Tag("exit") ?? "0"),
            (Tag("args") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            env,
            Read(".out"),
            Read(".err"),
            Tag("stdout") == "regex",
            Tag("stderr") == "regex",
            Tag("skip-arm64"));
    }
}
