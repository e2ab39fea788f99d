using System.Text;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>
/// Properties of the runtime's sources as a whole: they compile without a warning under clang as well as gcc
/// (the library builds of <see cref="RuntimeBuild"/> cover gcc for x86-64 and arm64 and clang for Windows x64),
/// for Linux and for Windows (MinGW-w64, with clang and gcc); every file calls only into
/// its own layer and the layers below, as listed at the top of <c>sox_internal.h</c>; and only the platform layer
/// includes headers beyond C11's.
/// </summary>
[TestClass]
public sealed partial class RuntimeSourceTests
{
    private static string RuntimeDir => Path.Combine(RuntimeBuild.RepoRoot, "Sox.Sdk", "runtime");

    /// <summary>The flags the runtime must be clean under, for every compiler and target.</summary>
    private static readonly string[] WarningFlags =
        ["-std=c11", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O2", "-fno-omit-frame-pointer", "-fPIC"];

    [TestMethod]
    [DataRow("x86_64-linux-gnu")]
    [DataRow("aarch64-linux-gnu")]
    [DataRow("x86_64-w64-windows-gnu")]
    public async Task CompilesWithoutWarningsUnderClang(string target)
    {
        if (RuntimeBuild.MissingTool("clang") is { } missing) Assert.Inconclusive($"needs {missing}");
        if (target.Contains("windows", StringComparison.Ordinal) && RuntimeBuild.MissingTool(RuntimeBuild.MinGwGcc) is { } mingw)
            Assert.Inconclusive($"needs the MinGW-w64 headers ({mingw} not found)");
        await CompilesWithoutWarningsAsync(target, ["clang", "--target=" + target]);
    }

    /// <summary>Windows x64 with MinGW-w64's gcc as well (the Windows platform file and the MS x64 call path).</summary>
    [TestMethod]
    public async Task CompilesWithoutWarningsUnderMinGwGcc()
    {
        if (RuntimeBuild.MissingTool(RuntimeBuild.MinGwGcc) is { } missing) Assert.Inconclusive($"needs {missing}");
        await CompilesWithoutWarningsAsync("mingw-gcc", [RuntimeBuild.MinGwGcc]);
    }

    private static async Task CompilesWithoutWarningsAsync(string target, string[] compiler)
    {
        var sources = Directory.GetFiles(RuntimeDir, "*.c").Order(StringComparer.Ordinal).ToArray();
        var dir = Path.Combine(Path.GetTempPath(), "sox-runtime-warnings-" + Environment.ProcessId + "-" + target);
        Directory.CreateDirectory(dir);
        var failures = new List<string>();
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (source, _) =>
            {
                string[] command =
                [
                    .. compiler, .. WarningFlags, "-c", source,
                    "-o", Path.Combine(dir, Path.GetFileNameWithoutExtension(source) + ".o"),
                ];
                var r = await ProcessRunner.RunAsync(command, new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
                if (r.ExitCode != 0 || r.Stderr.Length > 0)
                    lock (failures) failures.Add(Path.GetFileName(source) + ":\n" + Encoding.UTF8.GetString(r.Stderr));
            });
        Directory.Delete(dir, recursive: true);
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    [TestMethod]
    [DataRow("host", "nm")]
    [DataRow("win-x64", "x86_64-w64-mingw32-nm")]
    public async Task FilesCallOnlyIntoTheirLayerAndBelow(string targetName, string nm)
    {
        if (RuntimeBuild.MissingTool(nm) is { } missing) Assert.Inconclusive($"needs {missing}");
        var target = targetName == "host" ? RuntimeBuild.Host : RuntimeBuild.WindowsX64;
        if (RuntimeBuild.MissingTool(target) is { } tool) Assert.Inconclusive($"needs {tool}");
        var layers = ReadLayers();
        var sources = Directory.GetFiles(RuntimeDir, "*.c").Select(Path.GetFileName).ToArray();
        var unlisted = sources.Where(s => !layers.ContainsKey(s!)).ToArray();
        Assert.AreEqual(0, unlisted.Length, "not in the layer list of sox_internal.h: " + string.Join(", ", unlisted));

        var library = await RuntimeBuild.LibraryAsync(target);
        var r = await ProcessRunner.RunAsync([nm, library], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, r.ExitCode, Encoding.UTF8.GetString(r.Stderr));
        var definedIn = new Dictionary<string, string>(StringComparer.Ordinal);
        var uses = new List<(string File, string Symbol)>();
        string? member = null;
        foreach (var line in Encoding.UTF8.GetString(r.Stdout).Split('\n'))
        {
            if (line.EndsWith(".o:", StringComparison.Ordinal))
            {
                member = line[..^3] + ".c";
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (member is null || parts.Length < 2) continue;
            if (parts.Length == 2 && parts[0] == "U") uses.Add((member, parts[1]));
            else if (parts.Length == 3 && "TDBRC".Contains(parts[1], StringComparison.Ordinal)) definedIn[parts[2]] = member;
        }
        Assert.IsTrue(definedIn.Count > 100, "nm listed too few symbols");
        var upward = uses
            .Where(u => definedIn.TryGetValue(u.Symbol, out var owner) && layers[owner] > layers[u.File])
            .Select(u => $"{u.File} (layer {layers[u.File]}) calls {u.Symbol} of {definedIn[u.Symbol]} (layer {layers[definedIn[u.Symbol]]})")
            .ToArray();
        Assert.AreEqual(0, upward.Length, "calls that go up a layer:\n" + string.Join("\n", upward));
    }

    /// <summary>The headers of C11's library (§7.1.2): all a file outside the platform layer may include.</summary>
    private static readonly HashSet<string> C11Headers =
    [
        "assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h", "inttypes.h", "iso646.h", "limits.h",
        "locale.h", "math.h", "setjmp.h", "signal.h", "stdalign.h", "stdarg.h", "stdatomic.h", "stdbool.h",
        "stddef.h", "stdint.h", "stdio.h", "stdlib.h", "stdnoreturn.h", "string.h", "tgmath.h", "threads.h",
        "time.h", "uchar.h", "wchar.h", "wctype.h",
    ];

    [TestMethod]
    public void OnlyThePlatformLayerIncludesSystemHeaders()
    {
        var layers = ReadLayers();
        var offenders = Directory.GetFiles(RuntimeDir).Where(f => f.EndsWith(".c") || f.EndsWith(".h"))
            .Where(f => !layers.TryGetValue(Path.GetFileName(f), out var layer) || layer > 0)
            .SelectMany(f => SystemInclude().Matches(File.ReadAllText(f))
                .Select(m => m.Groups[1].Value)
                .Where(h => !C11Headers.Contains(h))
                .Select(h => $"{Path.GetFileName(f)} includes <{h}>"))
            .ToArray();
        Assert.AreEqual(0, offenders.Length, "OS headers outside the platform layer:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"^\s*#\s*include\s*<([^>]+)>", RegexOptions.Multiline)]
    private static partial Regex SystemInclude();

    /// <summary>The layer of every file named in the layer list at the top of sox_internal.h (lines
    /// <c> *   N name   files…</c> and their continuation lines).</summary>
    private static Dictionary<string, int> ReadLayers()
    {
        var text = File.ReadAllText(Path.Combine(RuntimeDir, "sox_internal.h"));
        var comment = text[..text.IndexOf("*/", StringComparison.Ordinal)];
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        int? layer = null;
        foreach (var line in comment.Split('\n'))
        {
            if (LayerLine().Match(line) is { Success: true } m) layer = int.Parse(m.Groups[1].Value);
            else if (line.Trim() == "*") layer = null;
            if (layer is null) continue;
            foreach (Match file in FileName().Matches(line))
                Assert.IsTrue(layers.TryAdd(file.Value, layer.Value), $"{file.Value} is listed twice");
        }
        Assert.IsTrue(layers.Count >= 15, "could not read the layer list of sox_internal.h");
        return layers;
    }

    [GeneratedRegex(@"^ \*\s+(\d)\s+[a-z]")]
    private static partial Regex LayerLine();

    [GeneratedRegex(@"sox_[a-z0-9_]+\.c")]
    private static partial Regex FileName();
}
