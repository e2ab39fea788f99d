namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// Runs Windows x64 programs under Wine, in a prefix of its own under the temp directory (created on first use, which
/// takes Wine about ten seconds, then reused). <see cref="Start"/> starts one persistent <c>wineserver -p</c> for the
/// prefix so that consecutive runs don't each start a server; <see cref="Stop"/> ends it (<c>wineserver -k</c>,
/// which touches only this prefix's server).
/// </summary>
internal static class Wine
{
    private static readonly object Gate = new();
    private static bool _started;

    public static string Prefix => Path.Combine(Path.GetTempPath(), $"sox-coff-wine-{Environment.UserName}");

    /// <summary>Debian's wine64 loader is not on PATH; the <c>wine</c> wrapper is.</summary>
    public static string? FindLoader() => FirstExisting("/usr/lib/wine/wine64", ExternalTool.Find("wine64"), ExternalTool.Find("wine"));

    public static string? FindServer() => FirstExisting("/usr/lib/wine/wineserver64", ExternalTool.Find("wineserver64"), ExternalTool.Find("wineserver"));

    /// <summary>The loader; ends the test as Inconclusive without Wine.</summary>
    public static string Require()
    {
        var loader = FindLoader();
        if (loader is null || FindServer() is null) Assert.Inconclusive("needs wine64 (wine64 and wineserver)");
        Start();
        return loader;
    }

    /// <summary>Starts the persistent server and makes sure the prefix exists (once per test run).</summary>
    public static void Start()
    {
        lock (Gate)
        {
            if (_started || FindLoader() is not { } loader || FindServer() is not { } server) return;
            Directory.CreateDirectory(Prefix);
            // Detached from our pipes: the server and the services wineboot starts (services.exe, winedevice.exe, …)
            // live as long as the persistent server and would otherwise hold the pipes open, so reading a run's
            // output would never end. Later runs find the services up and start nothing that outlives them.
            Detached(server, "-p");
            Detached(loader, "wineboot");   // creates or updates the prefix
            _started = true;
        }
    }

    public static void Stop()
    {
        lock (Gate)
        {
            if (!_started || FindServer() is not { } server) return;
            ExternalTool.Run("env", Prefix, [.. WineEnvironment(), server, "-k"]);
            _started = false;
        }
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="directory"/>; stdout has msvcrt's CRLF line ends turned into LF.</summary>
    public static ToolResult Run(string program, string directory)
    {
        var result = ExternalTool.Run("env", directory, [.. WineEnvironment(), Require(), program]);
        return result with { StandardOutput = result.StandardOutput.Replace("\r\n", "\n") };
    }

    private static void Detached(string tool, string argument) =>
        ExternalTool.Run("sh", Prefix, ["-c", "exec env \"$@\" </dev/null >/dev/null 2>&1", "sh", .. WineEnvironment(), tool, argument]);

    private static string[] WineEnvironment() => [$"WINEPREFIX={Prefix}", "WINEDEBUG=-all,err+module", "WINEDLLOVERRIDES=mscoree,mshtml="];

    private static string? FirstExisting(params string?[] paths) => paths.FirstOrDefault(p => p is not null && File.Exists(p));
}
