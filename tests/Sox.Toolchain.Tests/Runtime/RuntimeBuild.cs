using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>A C toolchain for one target: the compiler driver and a name for cache folders.</summary>
internal sealed record CTarget(string Name, string Compiler);

/// <summary>
/// Builds the runtime once per target and test run (the C files in parallel) into a static library under the
/// temp folder, cached by a hash of the sources, compiler and flags; then compiles test programs against it.
/// </summary>
internal static class RuntimeBuild
{
    public static readonly CTarget Host = new("host", "gcc");
    public static readonly CTarget Arm64 = new("arm64", "aarch64-linux-gnu-gcc");

    /// <summary>The runtime's required flags (docs/runtime-abi.md: frame pointers everywhere).</summary>
    private static readonly string[] RuntimeFlags =
        ["-std=c11", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O2", "-fno-omit-frame-pointer"];

    /// <summary>
    /// Test programs stand in for generated code: functions stay in source order and in one piece (so the
    /// support header can size them for line tables) and never tail-call (every Sox frame stays on the chain).
    /// </summary>
    private static readonly string[] ProgramFlags =
    [
        "-std=c11", "-O2", "-fno-omit-frame-pointer", "-fno-toplevel-reorder", "-fno-reorder-blocks-and-partition",
        "-fno-optimize-sibling-calls", "-Wall", "-Wno-unused-function",
    ];

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Libraries = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Programs = new();

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string RuntimeDir => Path.Combine(RepoRoot, "Sox.Sdk", "runtime");
    private static string ProgramDir => Path.Combine(RepoRoot, "tests", "runtime");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sox.Build.sln"))) return dir.FullName;
        throw new InvalidOperationException("Sox.Build.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The tool's name when it is not on PATH, else null.</summary>
    public static string? MissingTool(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool))) ? null : tool;
    }

    public static Task<string> LibraryAsync(CTarget target) =>
        Libraries.GetOrAdd(target.Name, _ => new Lazy<Task<string>>(() => BuildLibraryAsync(target))).Value;

    private static async Task<string> BuildLibraryAsync(CTarget target)
    {
        var sources = Directory.GetFiles(RuntimeDir, "*.c").Order(StringComparer.Ordinal).ToArray();
        var headers = Directory.GetFiles(RuntimeDir, "*.h").Order(StringComparer.Ordinal);
        var key = Hash(sources.Concat(headers).Select(File.ReadAllText)
            .Append(target.Compiler).Append(string.Join(' ', RuntimeFlags)));
        var dir = Path.Combine(Path.GetTempPath(), "sox-runtime-tests", target.Name + "-" + key);
        var lib = Path.Combine(dir, "libsoxrt.a");
        if (File.Exists(lib)) return lib;
        var work = dir + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(work);
        var objects = new string[sources.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, _) =>
            {
                objects[i] = Path.Combine(work, Path.GetFileNameWithoutExtension(sources[i]) + ".o");
                await MustSucceedAsync([target.Compiler, .. RuntimeFlags, "-c", sources[i], "-o", objects[i]]);
            });
        await MustSucceedAsync(["ar", "rcs", Path.Combine(work, "libsoxrt.a"), .. objects]);
        try
        {
            Directory.Move(work, dir);
        }
        catch (IOException) when (File.Exists(lib))
        {
            Directory.Delete(work, recursive: true); // another test process finished first
        }
        return lib;
    }

    public static Task<string> CompileProgramAsync(CTarget target, string program) =>
        Programs.GetOrAdd(target.Name + "/" + program,
            _ => new Lazy<Task<string>>(() => CompileProgramCoreAsync(target, program))).Value;

    private static async Task<string> CompileProgramCoreAsync(CTarget target, string program)
    {
        var lib = await LibraryAsync(target);
        var outDir = Path.Combine(Path.GetTempPath(), "sox-runtime-tests", "programs-" + Environment.ProcessId,
            target.Name);
        Directory.CreateDirectory(outDir);
        var exe = Path.Combine(outDir, program);
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!); // programs in subfolders (number_format/...)
        await MustSucceedAsync([
            target.Compiler, .. ProgramFlags, "-I", RuntimeDir, "-I", ProgramDir,
            Path.Combine(ProgramDir, program + ".c"), lib, "-lpthread", "-lm", "-o", exe,
        ]);
        return exe;
    }

    private static async Task MustSucceedAsync(string[] command)
    {
        var r = await ProcessRunner.RunAsync(command, new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        if (r.ExitCode != 0)
            Assert.Fail($"{string.Join(' ', command)} failed ({r.ExitCode}):\n{Encoding.UTF8.GetString(r.Stderr)}");
    }

    private static string Hash(IEnumerable<string> parts)
    {
        var text = string.Join("\0", parts);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}
