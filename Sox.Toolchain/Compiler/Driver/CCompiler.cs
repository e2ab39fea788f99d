namespace Sox.Compiler.Driver;

/// <summary>
/// The C compiler driver used to compile the runtime (and C sources) and to link: <c>--cc</c>, then the
/// <c>CC</c> environment variable, then the target's candidates on PATH (architecture.md D6).
/// </summary>
public sealed record CCompiler(string Path, IReadOnlyList<string> TargetArguments)
{
    /// <summary>Finds the compiler, or returns null with the list of what was tried.</summary>
    public static CCompiler? Locate(TargetPlatform target, string? explicitCompiler, out string tried) =>
        Locate(target, explicitCompiler, out tried, out _);

    /// <summary>
    /// Finds the compiler, or returns null with the list of what was tried and, in <paramref name="needed"/>, what
    /// the target needs that is missing (SOX5007's "needs …"): the candidates not on PATH, or the sysroot a cross
    /// clang needs (<see cref="TargetPlatform.Sysroot"/>) and why it cannot be used. A candidate that needs the
    /// sysroot is skipped without it: it would only fail later, on the first header or library.
    /// </summary>
    public static CCompiler? Locate(TargetPlatform target, string? explicitCompiler, out string tried, out string needed)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitCompiler)) candidates.Add(explicitCompiler);
        else
        {
            if (Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc) candidates.Add(cc);
            candidates.AddRange(target.CCompilerCandidates);
        }
        tried = string.Join(", ", candidates.Select(c => $"'{c}'"));
        var found = false;
        foreach (var candidate in candidates)
        {
            if (ProcessRunner.FindOnPath(candidate) is not { } path) continue;
            found = true;
            if (NeedsSysroot(target, candidate) && target.Sysroot!.Problem() is not null) continue;
            needed = "";
            return new CCompiler(path, target.CompilerArguments(candidate));
        }
        var tools = string.Join(" or ", candidates.Select(c => $"'{c}'"));
        if (target.Sysroot is { } sysroot && candidates.Any(c => NeedsSysroot(target, c)))
        {
            string[] problems = [sysroot.Problem() ?? "", found ? "" : $"{tools} not found on PATH"];
            needed = $"{sysroot.Description} (set {sysroot.Variable}) and {tools}: {string.Join("; ", problems.Where(p => p != ""))}";
        }
        else
        {
            needed = $"{tools}, not found on PATH";
        }
        return null;
    }

    private static bool NeedsSysroot(TargetPlatform target, string candidate) =>
        target.Sysroot is not null && target.CandidateArguments.ContainsKey(System.IO.Path.GetFileName(candidate));

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
