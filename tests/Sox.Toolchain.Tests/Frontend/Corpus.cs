namespace Sox.Toolchain.Tests.Frontend;

/// <summary>
/// The front-end corpus under <c>tests/frontend/</c>: <c>valid/*.sox</c> must check clean, <c>invalid/*.sox</c>
/// must produce exactly the diagnostics written in their comments. Only files directly in those folders are
/// entries; modules they import live in subfolders (<c>modules/</c>) and are checked through the imports.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> s_root = new(FindRepositoryRoot);

    /// <summary>The checkout's root: the nearest folder above the test assembly that holds <c>Sox.Build.sln</c>.</summary>
    public static string RepositoryRoot => s_root.Value;

    public static string Directory => Path.Combine(RepositoryRoot, "tests", "frontend");

    /// <summary>Entry files of one corpus folder ("valid" or "invalid") as paths relative to <see cref="Directory"/>.</summary>
    public static IReadOnlyList<string> Entries(string kind) =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, kind), "*.sox", SearchOption.TopDirectoryOnly)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every .sox file of the valid corpus, modules included (seed material for the fuzzer).</summary>
    public static IReadOnlyList<string> AllValidFiles() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "valid"), "*.sox", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string FullPath(string relativePath) => Path.GetFullPath(Path.Combine(Directory, relativePath));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sox.Build.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Sox.Build.sln above {AppContext.BaseDirectory}.");
    }
}
