using System.Text;
using System.Text.RegularExpressions;
using Sox.Toolchain.Tests.Infrastructure;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>
/// Runs every C program under <c>tests/runtime/</c> against the Sox C runtime (<c>Sox.Sdk/runtime/</c>): each
/// program plays the compiler's part (docs/runtime-abi.md) and carries its expected stdout (<c>.out</c>), stderr
/// (<c>.err</c>, empty when absent) and exit code (<c>// exit: N</c>, default 0). Header tags: <c>// env: K=V</c>,
/// <c>// args: a b</c>, <c>// stdout: regex</c> / <c>// stderr: regex</c> (each expected line is a regular
/// expression), <c>// skip-arm64: reason</c>, <c>// skip-windows: reason</c>. Every program runs on each
/// <see cref="RunTarget"/>: natively, as an arm64 binary under qemu and as a Windows x64 (MinGW) binary under Wine,
/// the last two when their tools exist; all compare with the same expected files (Windows output with CRLF
/// normalised to LF, though the runtime writes LF there too).
/// </summary>
[TestClass]
public sealed class RuntimeProgramTests
{
    public static IEnumerable<object[]> Programs =>
        Directory.GetFiles(Path.Combine(RuntimeBuild.RepoRoot, "tests", "runtime"), "*.c")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name! });

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public Task RunsNatively(string program) => RunAndCompareAsync(RunTarget.Native, program);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public Task RunsOnArm64UnderQemu(string program) => RunAndCompareAsync(RunTarget.Arm64, program);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public Task RunsOnWindowsUnderWine(string program) => RunAndCompareAsync(RunTarget.Windows, program);

    /// <summary>runtime-abi.md "Windows": print writes "\n", not "\r\n" — the output is Linux's byte for byte.</summary>
    [TestMethod]
    public async Task PrintWritesBareLineFeedsOnWindows()
    {
        var result = await RunAsync(RunTarget.Windows, "print_values");
        Assert.IsFalse(result.Stdout.Contains((byte)'\r'), "stdout has a carriage return");
        Assert.IsTrue(result.Stdout.Contains((byte)'\n'));
    }

    internal static async Task<ProcessResult> RunAsync(RunTarget target, string program)
    {
        var spec = ProgramSpec.Load(program);
        if (spec.Skip(target.Name) is { } reason) Assert.Inconclusive($"skipped on {target.Name}: {reason}");
        if (target.Missing() is { } missing) Assert.Inconclusive($"{target.Name} needs {missing}, which was not found");
        var exe = await RuntimeBuild.CompileProgramAsync(target.Build(), program);
        var prefix = await target.PrefixAsync();
        var command = prefix.Append(exe).Concat(spec.Args).ToArray();
        return await ProcessRunner.RunAsync(command, target.Environment(spec.Environment), target.Timeout);
    }

    private static async Task RunAndCompareAsync(RunTarget target, string program)
    {
        var spec = ProgramSpec.Load(program);
        var result = await RunAsync(target, program);
        var stdout = Encoding.Latin1.GetString(result.Stdout);
        var stderr = Encoding.Latin1.GetString(result.Stderr);
        if (target.NormalisesLineEndings)
        {
            stdout = stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
            stderr = stderr.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
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

/// <summary>
/// Where the runtime's test programs run: the C target they are built for, the emulator in front of them (none,
/// qemu, Wine), the environment it needs, and the tag (<c>// skip-NAME: reason</c>) a program uses to opt out.
/// </summary>
internal sealed record RunTarget(
    string Name,
    Func<CTarget> Build,
    Func<string?> Missing,
    Func<Task<string[]>> PrefixAsync,
    Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> Environment,
    TimeSpan Timeout,
    bool NormalisesLineEndings = false)
{
    public static readonly RunTarget Native = new("native", () => RuntimeBuild.Host, () => null,
        () => Task.FromResult(Array.Empty<string>()), env => new(env), TimeSpan.FromSeconds(60));

    public static readonly RunTarget Arm64 = new("arm64", () => RuntimeBuild.Arm64,
        () => RuntimeBuild.MissingTool(RuntimeBuild.Arm64) ?? RuntimeBuild.MissingTool("qemu-aarch64"),
        () => Task.FromResult<string[]>(["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]), env => new(env),
        TimeSpan.FromSeconds(120));

    /// <summary>Windows x64 (MinGW-w64, clang + lld) under Wine; see <see cref="WineRunner"/>.</summary>
    public static readonly RunTarget Windows = new("windows", () => RuntimeBuild.WindowsX64,
        () => RuntimeBuild.MissingTool(RuntimeBuild.MinGwGcc) ?? RuntimeBuild.MissingTool("clang")
            ?? RuntimeBuild.MissingTool("ld.lld") ?? RuntimeBuild.MissingTool(RuntimeBuild.WindowsX64)
            ?? WineRunner.Missing,
        async () =>
        {
            await WineRunner.EnsureStartedAsync();
            return WineRunner.Command;
        },
        WineRunner.EnvironmentWith, TimeSpan.FromSeconds(60), NormalisesLineEndings: true);
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
    IReadOnlyList<string> Header)
{
    /// <summary>The reason given by <c>// skip-TARGET: reason</c>, or null.</summary>
    public string? Skip(string target) => Tag(Header, "skip-" + target);

    private static string? Tag(IReadOnlyList<string> header, string name) => header.Select(l => l[2..].Trim())
        .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
        .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();

    public static ProgramSpec Load(string program)
    {
        var dir = Path.Combine(RuntimeBuild.RepoRoot, "tests", "runtime");
        var header = File.ReadLines(Path.Combine(dir, program + ".c")).TakeWhile(l => l.StartsWith("//")).ToList();
        var env = new Dictionary<string, string>();
        foreach (var pair in (Tag(header, "env") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        string Read(string ext) =>
            File.Exists(Path.Combine(dir, program + ext))
                ? Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, program + ext)))
                : "";
        return new ProgramSpec(
            int.Parse(Tag(header, "exit") ?? "0"),
            (Tag(header, "args") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            env,
            Read(".out"),
            Read(".err"),
            Tag(header, "stdout") == "regex",
            Tag(header, "stderr") == "regex",
            header);
    }
}
