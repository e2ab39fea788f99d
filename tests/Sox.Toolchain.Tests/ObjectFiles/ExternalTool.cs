using System.Diagnostics;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>Finds and runs the system tools the object-file tests check against (readelf, linkers, qemu).</summary>
internal static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The full path of <paramref name="name"/>; ends the test as Inconclusive when it is missing.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        if (path is null) Assert.Inconclusive($"needs {name}");
        return path;
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static ToolResult Run(string tool, string workingDirectory, params string[] arguments) =>
        RunWith(tool, workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary><see cref="Run"/> with extra <paramref name="environment"/> variables.</summary>
    public static ToolResult RunWith(string tool, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a tool that must succeed without writing to stderr (no warnings); returns its stdout.</summary>
    public static string RunClean(string tool, string workingDirectory, params string[] arguments)
    {
        var result = Run(tool, workingDirectory, arguments);
        Assert.AreEqual(0, result.ExitCode, $"{Path.GetFileName(tool)} {string.Join(' ', arguments)} failed:\n{result.StandardError}{result.StandardOutput}");
        Assert.AreEqual("", result.StandardError, $"{Path.GetFileName(tool)} {string.Join(' ', arguments)} warned");
        return result.StandardOutput;
    }
}

/// <summary>What a finished tool reported.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
