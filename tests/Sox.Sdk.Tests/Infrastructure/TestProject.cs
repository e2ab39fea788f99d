using System.Diagnostics;
using System.Text;

namespace Sox.Sdk.Tests.Infrastructure;

/// <summary>A project folder of one test, and the <c>dotnet</c> commands run in it.</summary>
public sealed class TestProject
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private TestProject(string directory, string projectFile)
    {
        Directory = directory;
        ProjectFile = projectFile;
    }

    public string Directory { get; }

    /// <summary>The project (or solution) file, relative to <see cref="Directory"/>.</summary>
    public string ProjectFile { get; }

    public string ProjectPath => Path.Combine(Directory, ProjectFile);

    /// <summary>A new Sox project with the given files (path relative to the project folder → content).</summary>
    public static TestProject Create(string testName, string projectName, string projectXml, params (string Path, string Text)[] files)
    {
        RequireCCompiler();
        var directory = TestEnvironment.NewFolder(testName);
        File.WriteAllText(Path.Combine(directory, projectName + ".soxproj"), projectXml);
        foreach (var (path, text) in files) Write(directory, path, text);
        return new TestProject(directory, projectName + ".soxproj");
    }

    /// <summary>A copy of a sample under test-projects/ (its nuget.config and global.json are the test run's).</summary>
    public static TestProject FromSample(string testName, string sample, string projectFile)
    {
        RequireCCompiler();
        var source = Path.Combine(TestEnvironment.RepositoryRoot, "test-projects", sample);
        var directory = TestEnvironment.NewFolder(testName);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj")) continue;
            var target = Path.Combine(directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return new TestProject(directory, projectFile);
    }

    public static void Write(string directory, string path, string text)
    {
        var full = Path.Combine(directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Write(string path, string text) => Write(Directory, path, text);

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary><c>dotnet build</c> at normal verbosity (the log the incremental tests read).</summary>
    public CommandResult Build(params string[] arguments) => DotNet(["build", ProjectFile, "-v:n", .. arguments]);

    public CommandResult DotNet(params string[] arguments) => Run("dotnet", arguments, Directory);

    /// <summary><c>dotnet build</c> with environment variables set (a null value removes the variable).</summary>
    public CommandResult BuildWith(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Run("dotnet", ["build", ProjectFile, "-v:n", .. arguments], Directory, environment);

    /// <summary>Runs a program with the test run's isolated NuGet cache and no MSBuild node reuse.</summary>
    public static CommandResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NUGET_PACKAGES"] = TestEnvironment.PackageCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Each test's MSBuild nodes end with its command: nothing outlives the test run.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        // The test host's own MSBuild/SDK variables must not steer the child builds.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "DOTNET_HOST_PATH" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} timed out after {Timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (gate) return new CommandResult($"{program} {string.Join(' ', arguments)}", process.ExitCode, output.ToString());
    }

    /// <summary>The SDK needs a C compiler driver; without one these tests cannot say anything.</summary>
    public static void RequireCCompiler()
    {
        if (new[] { "clang", "gcc", "cc" }.Any(OnPath)) return;
        Assert.Inconclusive("No C compiler (clang, gcc or cc) on PATH: install gcc or clang to run the SDK's end-to-end tests.");
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
