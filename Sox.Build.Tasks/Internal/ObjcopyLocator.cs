using Sox.Compiler.Driver;

namespace Sox.Build.Tasks.Internal;

/// <summary>
/// Finds the <c>objcopy</c> that can rewrite the target's ELF files, as <see cref="RuntimeLibrary.ArchiverFor(string, TargetPlatform, ToolchainFlavor, HostEnvironment)"/>
/// finds an archiver: one named like the C compiler (<c>aarch64-linux-gnu-gcc</c> → <c>aarch64-linux-gnu-objcopy</c>),
/// one named like the target's cross compilers, <c>llvm-objcopy</c> (every ELF machine) beside the compiler and on
/// PATH, and the host's GNU <c>objcopy</c> only when the target is the host's own machine: Debian's binutils
/// <c>objcopy</c> reads no AArch64 ELF on an x64 host ("Unable to recognise the format").
/// </summary>
internal static class ObjcopyLocator
{
    /// <summary>LLVM's spellings: the unversioned name, then Debian's versioned ones, newest first.</summary>
    private static readonly string[] LlvmObjcopy = ["llvm-objcopy", .. Enumerable.Range(14, 7).Reverse().Select(v => $"llvm-objcopy-{v}")];

    /// <summary>The names tried, in order, for a diagnostic and for <see cref="Find"/>.</summary>
    public static IReadOnlyList<string> Candidates(string compiler, TargetPlatform target)
    {
        var names = new List<string>();
        foreach (var driver in target.CCompilerCandidates.Prepend(HostEnvironment.ToolName(compiler)))
        {
            var dash = driver.LastIndexOf('-');
            // A cross prefix is a GNU triple (three or more parts): clang-19 or x86_64-w64-mingw32-gcc's "clang" is none.
            if (dash > 0 && driver[..dash].Count(c => c == '-') >= 2) names.Add(driver[..dash] + "-objcopy");
        }
        names.AddRange(LlvmObjcopy);
        if (target.Runner is null) names.Add("objcopy");
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The first candidate found, in the compiler's folder (a clang off PATH has its LLVM tools beside it)
    /// or on PATH; null when there is none.</summary>
    public static string? Find(string compiler, TargetPlatform target, HostEnvironment host)
    {
        var folder = compiler.Contains('/') || compiler.Contains('\\') ? Path.GetDirectoryName(compiler) : null;
        return Candidates(compiler, target)
            .Select(name => (folder is null ? null : host.FindProgramIn(folder, name)) ?? host.FindProgram(name))
            .FirstOrDefault(path => path is not null);
    }
}
