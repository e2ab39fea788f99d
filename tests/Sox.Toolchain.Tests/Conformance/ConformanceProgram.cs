using System.Text;

namespace Sox.Toolchain.Tests.Conformance;

/// <summary>
/// One program of <c>tests/conformance</c> with the expectations its header states (tests/conformance/README.md):
/// <c>// exit: N</c>, <c>// stderr: …</c> lines, <c>// stderr-first: …</c>, <c>// args: …</c>, <c>// stdin: …</c>,
/// <c>// skip: TARGET reason</c>; the expected stdout is the bytes of the <c>.out</c> file next to it.
/// </summary>
internal sealed record ConformanceProgram(
    string Path,
    string Name,
    byte[] ExpectedStdout,
    int ExpectedExit,
    IReadOnlyList<string>? ExpectedStderr,
    string? ExpectedStderrFirst,
    IReadOnlyList<string> Arguments,
    string? Stdin,
    IReadOnlyDictionary<string, string> Skips)
{
    public static string Root => System.IO.Path.Combine(RepositoryRoot(), "tests", "conformance");

    public static IEnumerable<string> All() => Directory.Exists(Root)
        ? Directory.GetFiles(Root, "*.sox", SearchOption.AllDirectories)
            .Where(IsProgram)
            .Select(p => System.IO.Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
        : [];

    private static bool IsProgram(string path)
    {
        var relative = System.IO.Path.GetRelativePath(Root, path).Replace('\\', '/');
        if (relative.Split('/').Contains("modules")) return false;
        using var reader = new StreamReader(path);
        return reader.ReadLine()?.StartsWith("// module", StringComparison.Ordinal) != true;
    }

    public static ConformanceProgram Load(string relative)
    {
        var path = System.IO.Path.Combine(Root, relative);
        var stderr = new List<string>();
        string? stderrFirst = null;
        var exit = 0;
        var args = new List<string>();
        StringBuilder? stdin = null;
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
                case "exit": exit = int.Parse(value.Trim(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "stderr": stderr.Add(value); break;
                case "stderr-first": stderrFirst = value; break;
                case "args": args.AddRange(SplitArguments(value)); break;
                case "stdin": (stdin ??= new StringBuilder()).Append(value).Append('\n'); break;
                case "skip":
                    var parts = value.Trim().Split(' ', 2);
                    skips[parts[0]] = parts.Length > 1 ? parts[1] : "";
                    break;
            }
        }
        var outPath = System.IO.Path.ChangeExtension(path, ".out");
        return new ConformanceProgram(path, relative, File.ReadAllBytes(outPath), exit, stderr.Count > 0 ? stderr : null, stderrFirst,
            args, stdin?.ToString(), skips);
    }

    /// <summary>Splits on spaces; double quotes group words.</summary>
    private static IEnumerable<string> SplitArguments(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in text)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (any) yield return current.ToString();
                current.Clear();
                any = false;
                continue;
            }
            current.Append(c);
            any = true;
        }
        if (any) yield return current.ToString();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sox.Build.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root (Sox.Build.sln) not found");
    }
}
