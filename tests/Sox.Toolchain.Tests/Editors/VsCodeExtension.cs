using System.Diagnostics;
using System.Text.Json;
using Sox.Toolchain.Tests.Conformance;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Editors;

/// <summary>
/// The VS Code extension in <c>editors/vscode</c>: where it is, its grammar as JSON, and its npm packages installed
/// once per test run — and only when <c>node_modules</c> is missing or older than <c>package-lock.json</c>, so a
/// machine that ran the tests before pays nothing for <c>npm ci</c> (docs/editors.md, "Building the extension").
/// </summary>
internal static class VsCodeExtension
{
    public static string RepositoryRoot { get; } = ConformanceProgram.RepositoryRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "editors", "vscode");

    public static string GrammarPath { get; } = Path.Combine(Folder, "syntaxes", "sox.tmLanguage.json");

    /// <summary>The grammar's <c>repository</c>: its named rules.</summary>
    public static JsonElement GrammarRepository()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(GrammarPath));
        return document.RootElement.GetProperty("repository").Clone();
    }

    /// <summary>The repository's version (Directory.Build.props SoxVersion), which the .vsix carries.</summary>
    public static string SoxVersion()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props"));
        var match = System.Text.RegularExpressions.Regex.Match(props, "<SoxVersion>([^<]+)</SoxVersion>");
        Assert.IsTrue(match.Success, "no SoxVersion in Directory.Build.props");
        return match.Groups[1].Value;
    }

    /// <summary>npm's path; the test is Inconclusive naming npm when Node.js is not installed.</summary>
    public static string RequireNpm()
    {
        if (ExternalTool.Find("node") is null) Assert.Inconclusive("needs node and npm (Node.js 20 or later)");
        return ExternalTool.Require("npm");
    }

    private static readonly Lazy<(ToolResult Run, string Folder)> s_package = new(PackageOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// <c>build/vscode-extension --out DIR</c>, once per test run: it compiles the client (vsce runs the prepublish
    /// <c>tsc</c>) and writes the .vsix into DIR, a temporary folder the packaging test deletes. The npm tests wait
    /// for it and then run on that compiled client, so no two compiles rewrite <c>out/</c> at once.
    /// </summary>
    public static (ToolResult Run, string Folder) Package()
    {
        EnsurePackages();
        return s_package.Value;
    }

    private static (ToolResult, string) PackageOnce()
    {
        var bash = ExternalTool.Require("bash");
        var folder = Path.Combine(Path.GetTempPath(), "sox-vscode-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var script = Path.Combine(RepositoryRoot, "build", "vscode-extension");
        return (RunLong(bash, RepositoryRoot, script, "--out", folder), folder);
    }

    private static readonly Lazy<ToolResult?> s_install = new(InstallIfStale, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Runs <c>npm ci</c> when the installed packages are missing or older than the lock file (npm writes
    /// <c>node_modules/.package-lock.json</c> on every install), once per test run however many tests ask.
    /// </summary>
    public static void EnsurePackages()
    {
        RequireNpm();
        if (s_install.Value is { } result)
            Assert.AreEqual(0, result.ExitCode, $"npm ci failed:\n{result.StandardError}{result.StandardOutput}");
    }

    private static ToolResult? InstallIfStale()
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(Folder, "package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile)) return null;
        return RunLong(ExternalTool.Find("npm")!, Folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
    }

    /// <summary>
    /// A cold <c>npm ci</c> downloads some 280 packages, and the packaging runs tsc and vsce: on a busy 2-core machine
    /// either can take longer than <see cref="ExternalTool.Run"/>'s three minutes, so they get ten.
    /// </summary>
    private static ToolResult RunLong(string tool, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish within 10 minutes.");
        }
        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
