using System.Diagnostics;
using System.Text;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// issue 13: <c>dotnet watch</c> sees the <c>.sox</c> files (the SDK's <c>Watch</c> items) and, on an edit, rebuilds
/// and restarts the program (a native program has no Hot Reload: dotnet watch says so and restarts it).
/// </summary>
[TestClass]
public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>The sources and the project's C headers are Watch items and inputs of Visual Studio's up-to-date check.</summary>
    [TestMethod]
    public void SoxFilesCSourcesAndHeaders_AreWatchItems_AndUpToDateCheckInputs()
    {
        var project = TestProject.Create("watch-items", "app", "<Project Sdk=\"Sox.Sdk\" />",
            ("main.sox", "print 1\n"), ("native/helper.c", "int helper(void) { return 1; }\n"), ("native/helper.h", "int helper(void);\n"));
        foreach (var item in new[] { "Watch", "UpToDateCheckInput" })
        {
            var json = project.DotNet("msbuild", project.ProjectFile, "-getItem:" + item).ShouldSucceed().Output;
            foreach (var file in new[] { "main.sox", "helper.c", "helper.h" })
                StringAssert.Contains(json, file, $"{item} lists {file}:\n{json}");
        }
    }

    [TestMethod]
    public void Watch_RebuildsAndRerunsTheProgram_WhenASoxFileChanges()
    {
        var project = TestProject.Create("watch", "app", "<Project Sdk=\"Sox.Sdk\" />", ("main.sox", "print \"first version\"\n"));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project.Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "watch", "run", "--non-interactive" }) start.ArgumentList.Add(a);
        start.Environment["NUGET_PACKAGES"] = TestEnvironment.PackageCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // dotnet watch's documented switch for file systems whose change events are unreliable (containers, busy
        // CI machines): it polls instead of trusting inotify, so an edit cannot go unseen.
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "1";
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "DOTNET_HOST_PATH" }) start.Environment.Remove(name);

        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitFor("first version\n");
            // Once the program has ended dotnet watch waits for an edit; an edit made before it watches would be missed.
            WaitFor("Waiting for a file to change");
            project.Write("main.sox", "print \"second version\"\n");
            WaitFor("second version\n");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        void WaitFor(string text)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Patience)
            {
                lock (output)
                {
                    if (output.ToString().Contains(text, StringComparison.Ordinal)) return;
                }
                Thread.Sleep(200);
            }
            lock (output) Assert.Fail($"dotnet watch did not print '{text.TrimEnd()}' within {Patience}:\n{output}");
        }
    }
}
