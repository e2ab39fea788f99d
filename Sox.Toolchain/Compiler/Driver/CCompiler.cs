namespace Sox.Compiler.Driver;

/// <summary>
/// The C compiler driver used to compile the runtime (and C sources) and to link: <c>--cc</c>, then the
/// <c>CC</c> environment variable, then the target's candidates on PATH (architecture.md D6); for win-x64 on a
/// Windows host, also Visual Studio's and the LLVM installer's clang (<see cref="WindowsToolchain"/>).
/// </summary>
/// <param name="Path">The driver's full path.</param>
/// <param name="TargetArguments">What the driver needs on every compile and link for the target.</param>
public sealed record CCompiler(string Path, IReadOnlyList<string> TargetArguments)
{
    /// <summary>The conventions it links by; MSVC-style only for win-x64 with clang for <c>x86_64-pc-windows-msvc</c>.</summary>
    public ToolchainFlavor Flavor { get; init; } = ToolchainFlavors.FromTargetArguments(TargetArguments);

    /// <summary>Finds the compiler, or returns null with the list of what was tried.</summary>
    public static CCompiler? Locate(TargetPlatform target, string? explicitCompiler, out string tried) =>
        Locate(target, explicitCompiler, out tried, out _);

    /// <summary>Finds the compiler on this machine with the Windows toolchain chosen by the search
    /// (<see cref="Locate(TargetPlatform, string?, ToolchainFlavor?, HostEnvironment, out string, out string)"/>).</summary>
    public static CCompiler? Locate(TargetPlatform target, string? explicitCompiler, out string tried, out string needed) =>
        Locate(target, explicitCompiler, null, HostEnvironment.Current, out tried, out needed);

    /// <summary>
    /// Finds the compiler, or returns null with the list of what was tried and, in <paramref name="needed"/>, what
    /// the target needs that is missing (SOX5007's "needs …"): the candidates not on PATH, or the sysroot a cross
    /// clang needs (<see cref="TargetPlatform.Sysroot"/>) and why it cannot be used. A candidate that needs the
    /// sysroot is skipped without it: it would only fail later, on the first header or library. For win-x64,
    /// <paramref name="windowsFlavor"/> is the toolchain the user chose (null: the search chooses; see
    /// <see cref="WindowsToolchain"/>), and on a Windows host the search is <see cref="WindowsToolchain.SearchOnWindows"/>.
    /// </summary>
    public static CCompiler? Locate(TargetPlatform target, string? explicitCompiler, ToolchainFlavor? windowsFlavor, HostEnvironment host, out string tried, out string needed)
    {
        if (target.IsWindows && host.IsWindows) return LocateOnWindows(explicitCompiler, windowsFlavor, host, out tried, out needed);
        var candidates = new List<string>();
        var cc = string.IsNullOrWhiteSpace(explicitCompiler) ? host.Variable("CC") : null;
        if (!string.IsNullOrWhiteSpace(explicitCompiler)) candidates.Add(explicitCompiler);
        else if (!string.IsNullOrEmpty(cc))
        {
            // CC names the compiler the user wants and is the only candidate: one that is not there is their mistake
            // to hear about, not a reason to build silently with another (as make would fail on it too).
            candidates.Add(cc);
        }
        else candidates.AddRange(target.IsWindows ? WindowsToolchain.PathCandidates(windowsFlavor ?? host.DefaultWindowsFlavor, host) : target.CCompilerCandidates);
        tried = string.Join(", ", candidates.Select(c => $"'{c}'"));
        var found = false;
        foreach (var candidate in candidates)
        {
            if (host.FindProgram(candidate) is not { } path) continue;
            found = true;
            if (NeedsSysroot(target, candidate) && target.Sysroot!.Problem() is not null) continue;
            needed = "";
            if (!target.IsWindows) return new CCompiler(path, target.CompilerArguments(candidate));
            var flavor = windowsFlavor ?? WindowsToolchain.InferFlavor(candidate, host);
            return new CCompiler(path, WindowsToolchain.CompilerArguments(candidate, flavor)) { Flavor = flavor };
        }
        if (!string.IsNullOrEmpty(cc) && !found)
        {
            tried = $"'{cc}' (named by the CC environment variable, which must name a compiler program: a path or a name on PATH)";
            needed = $"'{cc}' (the CC environment variable), not found";
            return null;
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

    /// <summary>win-x64 on a Windows host: the first place of <see cref="WindowsToolchain.SearchOnWindows"/> that has a
    /// compiler; else every place, for the error.</summary>
    private static CCompiler? LocateOnWindows(string? explicitCompiler, ToolchainFlavor? windowsFlavor, HostEnvironment host, out string tried, out string needed)
    {
        var places = new List<string>();
        foreach (var place in WindowsToolchain.SearchOnWindows(explicitCompiler, windowsFlavor, host))
        {
            places.Add(place.Description);
            if (place.Compiler is not { } path) continue;
            tried = string.Join(", ", places);
            needed = "";
            return new CCompiler(path, WindowsToolchain.CompilerArguments(path, place.Flavor)) { Flavor = place.Flavor };
        }
        tried = string.Join(", ", places);
        needed = "a C compiler (looked for " + tried + ")";
        return null;
    }

    private static bool NeedsSysroot(TargetPlatform target, string candidate) =>
        target.Sysroot is not null && target.CandidateArguments.ContainsKey(HostEnvironment.ToolName(candidate));

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
