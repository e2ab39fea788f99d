using System.Security.Cryptography;
using System.Text;
using Sox.Compiler.CodeGen;
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

    /// <summary>The system libraries the runtime needs, linked after everything else (<see cref="LinkCommand"/>).</summary>
    public static readonly string[] LinkLibraries = ["m", "pthread"];

    /// <summary>The runtime source holding C <c>main</c> (without extension), which a shared library leaves out.</summary>
    public const string EntrySource = "sox_entry";

    /// <summary>Whether <paramref name="path"/> is the object of <see cref="EntrySource"/>.</summary>
    public static bool IsEntryObject(string path) => Path.GetFileNameWithoutExtension(path) == EntrySource;

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
        hash.AppendData(Encoding.UTF8.GetBytes(cc.Identity() + "\n" + target.RuntimeIdentifier + "\n" + string.Join(" ", CompileFlags.Concat(cc.TargetArguments)) + "\n" + ArchiverKey(target)));
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
                args.AddRange(CompileFlags);
                args.AddRange(["-I", sourceDirectory, "-o", objects[i], sources[i]]);
                var result = ProcessRunner.Run(cc.Path, args);
                if (result.ExitCode != 0) failures.Add(result.Output);
            });
            if (!failures.IsEmpty) throw new ToolFailedException(cc.Path, string.Join("\n", failures));
            if (target.Description.ObjectFormat != ObjectFormat.MachO)
            {
                // ELF and COFF members: our own GNU-variant writer (LibObjectFile's ar model), so no external ar.
                StaticArchiveWriter.Write(Path.Combine(staging, "libsoxrt.a"), objects, StaticArchiveWriter.FormatFor(target.Description.ObjectFormat));
            }
            else
            {
                // Mach-O: Apple's linkers want the BSD variant, which StaticArchiveWriter does not write yet.
                var ar = ArchiverFor(cc, target);
                var arResult = ProcessRunner.Run(ar, new[] { "rcs", Path.Combine(staging, "libsoxrt.a") }.Concat(objects));
                if (arResult.ExitCode != 0) throw new ToolFailedException(ar, arResult.Output);
            }
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
    public static string? ArchiverFor(string compiler, TargetPlatform target)
    {
        var name = Path.GetFileName(compiler);
        var dash = name.LastIndexOf('-');
        if (dash > 0 && ProcessRunner.FindOnPath(name[..dash] + "-ar") is { } prefixed) return prefixed;
        return target.Archivers.Select(ProcessRunner.FindOnPath).FirstOrDefault(path => path is not null);
    }

    /// <summary>Who writes the archive, in the cache key: archives an external <c>ar</c> made before are not reused.</summary>
    private static string ArchiverKey(TargetPlatform target) => target.Description.ObjectFormat == ObjectFormat.MachO ? "ar" : "sox-ar-gnu";

    private static string ArchiverFor(CCompiler cc, TargetPlatform target) => ArchiverFor(cc.Path, target) ?? target.Archivers[0];
}

/// <summary>An external tool exited with an error; the driver turns it into a SOX5xxx diagnostic.</summary>
public sealed class ToolFailedException(string tool, string output) : Exception($"{tool}: {output}")
{
    /// <summary>The tool that failed (the C compiler or archiver path).</summary>
    public string Tool { get; } = tool;

    /// <summary>What the tool reported (its error output first), quoted in the diagnostic.</summary>
    public string Output { get; } = output;
}
