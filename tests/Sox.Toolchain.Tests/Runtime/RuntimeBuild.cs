using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>
/// A C toolchain for one target: the runtime's compiler (<see cref="Compiler"/>, with its target flags), the
/// archiver, the test programs' compiler (it must take gcc's ordering flags, see RuntimeBuild.ProgramFlags), the
/// linker driver with the libraries programs need, and the executables' suffix.
/// </summary>
internal sealed record CTarget(
    string Name,
    string[] Compiler,
    string Archiver,
    string[] ProgramCompiler,
    string[] Linker,
    string[] LinkLibraries,
    string ExeSuffix = "")
{
    /// <summary>The tools this target needs on PATH (their first words).</summary>
    public IEnumerable<string> Tools => new[] { Compiler[0], Archiver, ProgramCompiler[0], Linker[0] }.Distinct();
}

/// <summary>
/// Builds the runtime once per target and test run (the C files in parallel) into a static library under the
/// temp folder, cached by a hash of the sources, compiler and flags; then compiles test programs against it.
/// </summary>
internal static class RuntimeBuild
{
    public static readonly CTarget Host = new("host", ["gcc"], "ar", ["gcc"], ["gcc"], ["-lpthread", "-lm"]);

    public static readonly CTarget Arm64 = new("arm64", ["aarch64-linux-gnu-gcc"], "ar", ["aarch64-linux-gnu-gcc"],
        ["aarch64-linux-gnu-gcc"], ["-lpthread", "-lm"]);

    /// <summary>
    /// Windows x64 with the MinGW-w64 C library (x86_64-w64-windows-gnu): the runtime compiled by clang, the test
    /// programs by MinGW gcc (clang has no -fno-toplevel-reorder), linked by clang with lld against the MinGW
    /// sysroot; libgcc (which MinGW's startup code needs) is found by asking MinGW gcc where its own is.
    /// </summary>
    public static CTarget WindowsX64 => WindowsX64Target.Value;

    public const string MinGwGcc = "x86_64-w64-mingw32-gcc";

    private static readonly Lazy<CTarget> WindowsX64Target = new(() =>
    {
        string[] clang = ["clang", "--target=x86_64-w64-windows-gnu"];
        var libgcc = MissingTool(MinGwGcc) is null ? Capture(MinGwGcc, "-print-libgcc-file-name") : "";
        string[] libgccDir = Path.IsPathRooted(libgcc) ? ["-L", Path.GetDirectoryName(libgcc)!] : [];
        return new CTarget("win-x64", clang, "x86_64-w64-mingw32-ar", [MinGwGcc],
            [.. clang, "-fuse-ld=lld", .. libgccDir], [], ".exe");
    });

    /// <summary>The first line a tool prints (a short query such as gcc's -print-libgcc-file-name).</summary>
    private static string Capture(params string[] command)
    {
        var r = ProcessRunner.RunAsync(command, new Dictionary<string, string>(), TimeSpan.FromMinutes(1))
            .GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(r.Stdout).Split('\n')[0].Trim();
    }

    /// <summary>The first tool of the target that is not on PATH, or null.</summary>
    public static string? MissingTool(CTarget target) => target.Tools.Select(MissingTool).FirstOrDefault(t => t != null);

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
    public static string? MissingTool(string tool) => Sox.Compiler.Driver.ProcessRunner.FindOnPath(tool) is null ? tool : null;

    public static Task<string> LibraryAsync(CTarget target) =>
        Libraries.GetOrAdd(target.Name, _ => new Lazy<Task<string>>(() => BuildLibraryAsync(target))).Value;

    private static async Task<string> BuildLibraryAsync(CTarget target)
    {
        var sources = Directory.GetFiles(RuntimeDir, "*.c").Order(StringComparer.Ordinal).ToArray();
        var headers = Directory.GetFiles(RuntimeDir, "*.h").Order(StringComparer.Ordinal);
        var key = Hash(sources.Concat(headers).Select(File.ReadAllText)
            .Append(string.Join(' ', target.Compiler)).Append(string.Join(' ', RuntimeFlags)));
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
                await MustSucceedAsync([.. target.Compiler, .. RuntimeFlags, "-c", sources[i], "-o", objects[i]]);
            });
        await MustSucceedAsync([target.Archiver, "rcs", Path.Combine(work, "libsoxrt.a"), .. objects]);
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
        var exe = Path.Combine(outDir, program + target.ExeSuffix);
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!); // programs in subfolders (number_format/...)
        var obj = Path.Combine(outDir, program + ".o");
        await MustSucceedAsync([
            .. target.ProgramCompiler, .. ProgramFlags, "-I", RuntimeDir, "-I", ProgramDir,
            "-c", Path.Combine(ProgramDir, program + ".c"), "-o", obj,
        ]);
        await MustSucceedAsync([.. target.Linker, obj, lib, .. target.LinkLibraries, "-o", exe]);
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
