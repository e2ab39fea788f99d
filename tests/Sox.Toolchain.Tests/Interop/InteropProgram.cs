using System.Globalization;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.Interop;

/// <summary>
/// One program of <c>tests/interop</c> (tests/interop/README.md): a Sox file that calls C, the C sources linked
/// with it (<c>name.c</c> next to it by convention, plus the files its <c>// c-sources:</c> directives name) and
/// the expectations of its header, with the keys and meanings of the conformance programs
/// (<c>// exit: N</c>, <c>// stderr: …</c>, <c>// stderr-first: …</c>, <c>// skip: TARGET reason</c>). The expected
/// stdout is the bytes of the <c>.out</c> file next to it.
/// </summary>
internal sealed record InteropProgram(
    string Path,
    string Name,
    IReadOnlyList<string> CSources,
    byte[] ExpectedStdout,
    int ExpectedExit,
    IReadOnlyList<string>? ExpectedStderr,
    string? ExpectedStderrFirst,
    IReadOnlyDictionary<string, string> Skips)
{
    public static string Root => System.IO.Path.Combine(ConformanceProgram.RepositoryRoot(), "tests", "interop");

    /// <summary>
    /// Every program run as an executable, as a path relative to <see cref="Root"/> with forward slashes; or, with
    /// <paramref name="libraries"/>, every program in a folder named <c>library</c>, which is linked into a shared
    /// library and run by its C host (<see cref="InteropLibraryTests"/>).
    /// </summary>
    public static IEnumerable<string> All(bool libraries = false) => Directory.Exists(Root)
        ? Directory.GetFiles(Root, "*.sox", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Where(p => p.Split('/').Contains("library") == libraries)
            .OrderBy(p => p, StringComparer.Ordinal)
        : [];

    public static InteropProgram Load(string relative)
    {
        var path = System.IO.Path.Combine(Root, relative);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var cSources = new List<string>();
        var sameName = System.IO.Path.ChangeExtension(path, ".c");
        if (File.Exists(sameName)) cSources.Add(sameName);
        var stderr = new List<string>();
        string? stderrFirst = null;
        var exit = 0;
        var skips = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("//", StringComparison.Ordinal)) break;
            var body = line[2..].TrimStart();
            var colon = body.IndexOf(':');
            if (colon <= 0) continue;
            var key = body[..colon];
            var value = body[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (key)
            {
                case "exit": exit = int.Parse(value.Trim(), CultureInfo.InvariantCulture); break;
                case "stderr": stderr.Add(value); break;
                case "stderr-first": stderrFirst = value; break;
                case "c-sources":
                    cSources.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, f))));
                    break;
                case "skip":
                    var parts = value.Trim().Split(' ', 2);
                    skips[parts[0]] = parts.Length > 1 ? parts[1] : "";
                    break;
            }
        }
        foreach (var c in cSources)
        {
            if (!File.Exists(c)) throw new FileNotFoundException($"{relative}: C source {c} does not exist", c);
        }
        var outPath = System.IO.Path.ChangeExtension(path, ".out");
        return new InteropProgram(path, relative, cSources, File.ReadAllBytes(outPath), exit, stderr.Count > 0 ? stderr : null, stderrFirst, skips);
    }
}
