using System.Security.Cryptography;
using System.Text;
using Sox.Compiler.ObjectFiles.Archives;

namespace Sox.Compiler.Driver;

/// <summary>
/// Compiles the C runtime (architecture.md D4) once per target, compiler and configuration into a static archive,
/// cached by a hash of all of those and of the sources, so that later builds only link.
/// </summary>
public static class RuntimeLibrary
{
    /// <summary>
    /// Flags every runtime object is compiled with: frame pointers for traces (runtime-abi.md), PIC for shared
    /// libraries. The one list: <c>sox build</c> compiles the cached archive with it and the SDK's runtime.rsp gets it
    /// from <c>SoxResolveToolchain</c>. The warnings are the ones the runtime tests build with
    /// (RuntimeSourceTests: gcc and clang, x64 and arm64, every -O level); the tests add <c>-Werror</c>, the product
    /// does not, so a user's newer C compiler with a new warning still builds.
    /// </summary>
    public static readonly string[] CompileFlags = ["-std=c11", "-pedantic", "-O2", "-g0", "-fno-omit-frame-pointer", "-fPIC", "-Wall", "-Wextra"];

    /// <summary>
    /// <see cref="CompileFlags"/> for a toolchain: MSVC-style without <c>-fPIC</c>, which clang rejects for
    /// <c>x86_64-pc-windows-msvc</c> ("unsupported option '-fPIC' for target") — PE code is position-independent
    /// by relocation there, every DLL can be rebased.
    /// </summary>
    public static IReadOnlyList<string> CompileFlagsFor(ToolchainFlavor flavor) =>
        flavor == ToolchainFlavor.Msvc ? [.. CompileFlags.Where(f => f != "-fPIC")] : CompileFlags;

    /// <summary>The system libraries the runtime needs, linked after everything else (<see cref="LinkCommand"/>).</summary>
    public static readonly string[] LinkLibraries = ["m", "pthread"];

    /// <summary>
    /// <see cref="LinkLibraries"/> for a target and toolchain. MSVC-style there is no <c>m.lib</c> or
    /// <c>pthread.lib</c> (the maths are in the UCRT, threads are Win32's): the runtime's own imports are kernel32
    /// and shell32 (<c>CommandLineToArgvW</c>, sox_platform_win32.c), which the MinGW drivers link by default and
    /// clang's MSVC driver does not. MinGW-style keeps the GNU list (mingw-w64 has both libraries).
    /// </summary>
    public static IReadOnlyList<string> LinkLibrariesFor(TargetPlatform target, ToolchainFlavor flavor) =>
        target.IsWindows && flavor == ToolchainFlavor.Msvc ? ["kernel32", "shell32"] : LinkLibraries;

    /// <summary>The runtime source holding C <c>main</c> (without extension), which a shared library leaves out.</summary>
    public const string EntrySource = "sox_entry";

    /// <summary>Whether <paramref name="path"/> is the object of <see cref="EntrySource"/>.</summary>
    public static bool IsEntryObject(string path) => Path.GetFileNameWithoutExtension(HostEnvironment.ToolName(path)) == EntrySource;

    /// <summary>Where the runtime sources are: SOX_RUNTIME_DIR, next to the tool, or in the source tree above it.</summary>
    public static string? LocateSources(out string lookedIn)
    {
        var places = new List<string>();
        if (Environment.GetEnvironmentVariable("SOX_RUNTIME_DIR") is { Length: > 0 } env) places.Add(env);
        places.Add(Path.Combine(AppContext.BaseDirectory, "runtime"));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            places.Add(Path.Combine(dir.FullName, "Sox.Sdk", "runtime"));
        }
        lookedIn = string.Join(", ", places.Take(3)) + ", and Sox.Sdk/runtime in the folders above";
        return places.FirstOrDefault(p => File.Exists(Path.Combine(p, "sox_runtime.h")));
    }

    /// <summary>Returns the path of the archive, building it if the cache has none for these inputs.</summary>
    public static string Ensure(CCompiler cc, TargetPlatform target, string sourceDirectory, string cacheDirectory, out bool built)
    {
        var sources = Directory.GetFiles(sourceDirectory, "*.c").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var headers = Directory.GetFiles(sourceDirectory, "*.h").OrderBy(f => f, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(cc.Identity(cacheDirectory) + "\n" + target.RuntimeIdentifier + "\n" + string.Join(" ", CompileFlagsFor(cc.Flavor).Concat(cc.TargetArguments)) + "\n" + ArchiverKey(target)));
        foreach (var file in sources.Concat(headers))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
        }
        var key = Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
        var directory = Path.Combine(cacheDirectory, "runtime", $"{target.RuntimeIdentifier}-{key}");
        var archive = Path.Combine(directory, "libsoxrt.a");
        built = false;
        if (File.Exists(archive)) return archive;

        // Parallel builds in one process (tests, the SDK's node) wait for the first instead of compiling it again.
        var gate = Gates.GetOrAdd(directory, _ => new object());
        lock (gate)
        {
            if (File.Exists(archive)) return archive;
            built = true;
            return Build(cc, target, sourceDirectory, sources, directory, archive);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);

    private static string Build(CCompiler cc, TargetPlatform target, string sourceDirectory, string[] sources, string directory, string archive)
    {
        // Build in a private folder and rename into place, so concurrent builds never see half an archive.
        var staging = directory + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var objects = new string[sources.Length];
            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            Parallel.For(0, sources.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                objects[i] = Path.Combine(staging, Path.GetFileNameWithoutExtension(sources[i]) + ".o");
                var args = new List<string>(cc.TargetArguments) { "-c" };
                args.AddRange(CompileFlagsFor(cc.Flavor));
                args.AddRange(["-I", sourceDirectory, "-o", objects[i], sources[i]]);
                var result = ProcessRunner.Run(cc.Path, args);
                if (result.ExitCode != 0) failures.Add(result.Output);
            });
            if (!failures.IsEmpty) throw new ToolFailedException(cc.Path, string.Join("\n", failures));
            // Our own writer, so no external ar: the GNU variant for ELF and COFF (lld-link and the GNU linkers read it
            // alike, as they read llvm-lib's .lib, which is the same ar format), the BSD variant for Mach-O (ld64).
            StaticArchiveWriter.Write(Path.Combine(staging, "libsoxrt.a"), objects, StaticArchiveWriter.FormatFor(target.Description.ObjectFormat));
            try
            {
                Directory.Move(staging, directory);
            }
            catch (IOException) when (File.Exists(archive))
            {
                // Another process finished first; its archive is identical.
            }
            return archive;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary><c>ar</c> next to a cross compiler (<c>aarch64-linux-gnu-gcc</c> → <c>aarch64-linux-gnu-ar</c>), else the first
    /// of the target's <see cref="TargetPlatform.Archivers"/> on PATH (<c>ar</c>, <c>llvm-ar</c>; macOS off a Mac: <c>llvm-ar</c>).</summary>
    public static string? ArchiverFor(string compiler, TargetPlatform target) =>
        ArchiverFor(compiler, target, ToolchainFlavor.Gnu, HostEnvironment.Current);

    /// <summary>
    /// The archiver for a compiler: <c>ar</c> named like a cross compiler (<c>x86_64-w64-mingw32-gcc</c> →
    /// <c>x86_64-w64-mingw32-ar</c>); else the first of the archivers — the target's, or for Windows the flavour's
    /// (<see cref="WindowsToolchain.Archivers"/>: MSVC-style <c>llvm-lib</c>) — in the compiler's own folder, then on
    /// PATH. The compiler's folder comes first because a clang found off PATH (Visual Studio's, the LLVM installer's)
    /// has its llvm-lib and llvm-ar beside it and nowhere else.
    /// </summary>
    public static string? ArchiverFor(string compiler, TargetPlatform target, ToolchainFlavor flavor, HostEnvironment host)
    {
        var name = HostEnvironment.ToolName(compiler);
        var dash = name.LastIndexOf('-');
        if (dash > 0 && host.FindProgram(name[..dash] + "-ar") is { } prefixed) return prefixed;
        var archivers = target.IsWindows ? WindowsToolchain.Archivers(flavor) : target.Archivers;
        var folder = compiler.Contains('/') || compiler.Contains('\\') ? Path.GetDirectoryName(compiler) : null;
        return archivers.Select(a => (folder is null ? null : host.FindProgramIn(folder, a)) ?? host.FindProgram(a)).FirstOrDefault(path => path is not null);
    }

    /// <summary>Who writes the archive and in which variant, in the cache key: archives an external <c>ar</c> (or an
    /// older writer) made before are not reused.</summary>
    private static string ArchiverKey(TargetPlatform target) =>
        StaticArchiveWriter.FormatFor(target.Description.ObjectFormat) == ArchiveFormat.Bsd ? "sox-ar-bsd" : "sox-ar-gnu";
}

/// <summary>An external tool exited with an error; the driver turns it into a SOX5xxx diagnostic.</summary>
public sealed class ToolFailedException(string tool, string output) : Exception($"{tool}: {output}")
{
    /// <summary>The tool that failed (the C compiler or archiver path).</summary>
    public string Tool { get; } = tool;

    /// <summary>What the tool reported (its error output first), quoted in the diagnostic.</summary>
    public string Output { get; } = output;
}
