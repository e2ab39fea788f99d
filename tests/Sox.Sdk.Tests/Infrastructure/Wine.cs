using System.Diagnostics;

namespace Sox.Sdk.Tests.Infrastructure;

/// <summary>
/// Runs what the SDK built for win-x64 under Wine, with Wine found where the product finds it
/// (<c>Sox.Compiler.Driver.WineRunner</c>, which <c>dotnet run -r win-x64</c> uses too). The tests have their own
/// prefix (<c>sox-wine-sdk-&lt;user&gt;</c> in the temp folder, apart from the toolchain tests' so that two test
/// projects never create one prefix at once) and one persistent <c>wineserver</c> for the run.
/// </summary>
public static class Wine
{
    private static readonly Lazy<bool> Started = new(Start);

    /// <summary>The prefix the programs run in.</summary>
    public static string Prefix { get; } = Path.Combine(Path.GetTempPath(), "sox-wine-sdk-" + System.Environment.UserName);

    /// <summary>What every Wine process of the tests runs with: the prefix, no Wine diagnostics, no Mono/Gecko set-up.</summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["WINEPREFIX"] = Prefix,
        ["WINEDEBUG"] = "-all",
        ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
        ["LC_ALL"] = "C.UTF-8",
    };

    /// <summary>The Wine loader, after making sure the prefix exists and its server stays up; Inconclusive without
    /// Wine or the MinGW-w64 toolchain (naming what to install).</summary>
    public static string Require()
    {
        foreach (var tool in new[] { "x86_64-w64-mingw32-gcc" })
        {
            if (!TestProject.OnPath(tool)) Assert.Inconclusive($"needs {tool}: install the Debian package mingw-w64 (build/install-test-tools does).");
        }
        if (Sox.Compiler.Driver.WineRunner.Locate() is null || Sox.Compiler.Driver.WineRunner.LocateServer() is null)
            Assert.Inconclusive("needs wine64 and wineserver: install the Debian package wine64 (build/install-test-tools does).");
        Assert.IsTrue(Started.Value, "Wine's prefix could not be created");
        return Sox.Compiler.Driver.WineRunner.Locate()!;
    }

    /// <summary>Runs a Windows program under Wine in <paramref name="workingDirectory"/>.</summary>
    public static CommandResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory) =>
        TestProject.Run(Require(), [program, .. arguments], workingDirectory, Environment);

    /// <summary>
    /// Creates the prefix when new (about 10 s), then starts a server that outlives each program by a minute, and
    /// boots the session's background processes (services.exe, …) with their standard streams on /dev/null:
    /// started by a test's program they would inherit its pipes and hold its output open until the server ends.
    /// </summary>
    private static bool Start()
    {
        var loader = Sox.Compiler.Driver.WineRunner.Locate()!;
        var server = Sox.Compiler.Driver.WineRunner.LocateServer()!;
        if (!File.Exists(Path.Combine(Prefix, "system.reg")))
        {
            Detached(loader, "wineboot.exe", TimeSpan.FromMinutes(3));
            Detached(server, "-w", TimeSpan.FromMinutes(1));
        }
        Detached(server, "-p60", TimeSpan.FromMinutes(1));
        Detached(loader, "wineboot.exe", TimeSpan.FromMinutes(3));
        return File.Exists(Path.Combine(Prefix, "system.reg"));
    }

    private static void Detached(string program, string argument, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$1\" </dev/null >/dev/null 2>&1");
        start.ArgumentList.Add(program);
        start.ArgumentList.Add(argument);
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (!process.WaitForExit(timeout)) process.Kill(entireProcessTree: true);
    }
}
