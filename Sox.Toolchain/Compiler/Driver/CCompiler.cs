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
    /// A stable identity for caching: the path and its version output. Running <c>--version</c> costs a process
    /// start (about 0.1 s for clang, a fifth of building a small program), so it is asked only when the compiler
    /// binary itself changed: the answer is kept per process and, when <paramref name="cacheDirectory"/> is given,
    /// in a file there keyed on the binary's identity on disk (the path, and the size and modification time of
    /// the file it resolves to, so replacing the compiler or re-pointing a symlink asks again).
    /// </summary>
    public string Identity(string? cacheDirectory = null)
    {
        var binary = ResolvedBinary(Path);
        var stamp = binary is null ? "" : $"{binary.FullName} {binary.Length} {binary.LastWriteTimeUtc.Ticks}";
        return Identities.GetOrAdd((Path, stamp), key =>
        {
            var file = cacheDirectory is null || binary is null ? null : IdentityFile(cacheDirectory, key.Path);
            if (file is not null && ReadCachedIdentity(file, key.Stamp) is { } cached) return cached;
            var version = ProcessRunner.Run(key.Path, ["--version"]);
            var identity = key.Path + "\n" + version.StandardOutput.Split('\n').FirstOrDefault();
            if (file is not null && version.ExitCode == 0) WriteCachedIdentity(file, key.Stamp, identity);
            return identity;
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, string Stamp), string> Identities = new();

    /// <summary>Forgets the identities this process has asked for (tests: as a new <c>sox</c> process would start).</summary>
    internal static void ForgetIdentities() => Identities.Clear();

    /// <summary>The file <paramref name="path"/> runs (symlinks followed), or null when it cannot be found.</summary>
    private static FileInfo? ResolvedBinary(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return null;
            return info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true } target ? target : info;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string IdentityFile(string cacheDirectory, string path)
    {
        var name = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..16];
        return System.IO.Path.Combine(cacheDirectory, "cc-identity", name.ToLowerInvariant() + ".txt");
    }

    /// <summary>The identity stored for <paramref name="stamp"/>, or null (missing, stale or unreadable: ask again).</summary>
    private static string? ReadCachedIdentity(string file, string stamp)
    {
        try
        {
            var text = File.ReadAllText(file);
            var newline = text.IndexOf('\n');
            return newline > 0 && text[..newline] == stamp ? text[(newline + 1)..] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a concurrent reader sees the old file or the new one.</summary>
    private static void WriteCachedIdentity(string file, string stamp, string identity)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            var temporary = file + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8];
            File.WriteAllText(temporary, stamp + "\n" + identity);
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a lost optimisation: the next build asks the compiler again.
        }
    }
}
