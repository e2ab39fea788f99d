namespace Sox.Compiler.Driver;

/// <summary>
/// The C compiler driver used to compile the runtime (and C sources) and to link: <c>--cc</c>, then the
/// <c>CC</c> environment variable, then the target's candidates on PATH (design.md §6).
/// </summary>
public sealed record CCompiler(string Path, IReadOnlyList<string> TargetArguments)
{
    /// <summary>Finds the compiler, or returns null with the list of what was tried.</summary>
    public static CCompiler? Locate(TargetPlatform target, string? explicitCompiler, out string tried)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitCompiler)) candidates.Add(explicitCompiler);
        else
        {
            if (Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc) candidates.Add(cc);
            candidates.AddRange(target.CCompilerCandidates);
        }
        tried = string.Join(", ", candidates.Select(c => $"'{c}'"));
        foreach (var candidate in candidates)
        {
            if (ProcessRunner.FindOnPath(candidate) is { } path) return new CCompiler(path, target.CompilerArguments(candidate));
        }
        return null;
    }

    /// <summary>
    /// A stable identity for caching: the path and its version output. Asked once per compiler binary and process:
    /// running <c>--version</c> costs a process start (about 0.1-0.2 s for clang), which test suites building
    /// hundreds of programs in one process would otherwise pay for every build.
    /// </summary>
    public string Identity() => Identities.GetOrAdd((Path, File.GetLastWriteTimeUtc(Path)), key =>
    {
        var version = ProcessRunner.Run(key.Path, ["--version"]);
        return key.Path + "\n" + version.StandardOutput.Split('\n').FirstOrDefault();
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, DateTime Written), string> Identities = new();
}
