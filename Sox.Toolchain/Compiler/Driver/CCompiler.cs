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

    /// <summary>A stable identity for caching: the path and its version output.</summary>
    public string Identity()
    {
        var version = ProcessRunner.Run(Path, ["--version"]);
        return Path + "\n" + version.StandardOutput.Split('\n').FirstOrDefault();
    }
}
