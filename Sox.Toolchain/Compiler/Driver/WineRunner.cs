using System.Diagnostics;

namespace Sox.Compiler.Driver;

/// <summary>
/// Runs win-x64 programs on a Linux host under Wine, decided in this one place: where the <c>wine64</c> loader is,
/// the environment it runs with, and the persistent <c>wineserver</c> that spares every program Wine's start-up.
/// <list type="bullet">
/// <item>The loader: <c>wine64</c> on PATH, else the locations Debian and the WineHQ packages install it to without
/// putting it on PATH (<c>/usr/lib/wine/wine64</c>, …), else <c>wine</c> on PATH (the wrapper that picks it).</item>
/// <item><c>WINEDEBUG=-all</c>: Wine's own diagnostics would mix with the program's stderr.</item>
/// <item><see cref="EnsureServer"/> starts <c>wineserver -p600</c> once per process (it stays up ten minutes after
/// the last program) and boots the prefix with <c>wineboot</c>, both with their standard streams on <c>/dev/null</c>,
/// so a program starts in about 0.03 s instead of 0.5 s or more. The boot matters for more than speed: the first
/// program of a prefix session starts Wine's system processes (services.exe, winedevice.exe, …), which inherit
/// its standard streams and live as long as the server, so a caller reading that program's output to the end
/// would wait for the server to exit.</item>
/// </list>
/// </summary>
public static class WineRunner
{
    /// <summary>The name SOX5007 reports when no loader is found.</summary>
    public const string Name = "wine64";

    /// <summary>What to install when Wine or the MinGW toolchain is missing.</summary>
    public const string InstallHint = "Install the Debian packages wine64 (to run programs) and mingw-w64 (to compile and link them), or name a compiler with --cc.";

    /// <summary>Where Wine's 64-bit loader is installed without being on PATH.</summary>
    public static readonly string[] KnownLocations =
        ["/usr/lib/wine/wine64", "/usr/lib/x86_64-linux-gnu/wine/wine64", "/opt/wine-stable/bin/wine64", "/opt/wine-devel/bin/wine64", "/opt/wine-staging/bin/wine64"];

    /// <summary>Where <see cref="Locate"/> looks, as SOX5007 says it.</summary>
    public static string Search => "not found (looked for wine64 and wine on PATH and in " + string.Join(", ", KnownLocations) + ")";

    /// <summary>The environment every program runs with under Wine.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["WINEDEBUG"] = "-all" };

    private static readonly Lazy<string?> Loader = new(FindLoader);
    private static readonly Lazy<bool> Server = new(StartServer);

    /// <summary>The loader's path, or null when Wine is not installed.</summary>
    public static string? Locate() => Loader.Value;

    /// <summary>The <c>wineserver</c> beside the loader, else on PATH; null when there is none.</summary>
    public static string? LocateServer() => Locate() is not { } loader ? null
        : new[] { Path.Combine(Path.GetDirectoryName(loader)!, "wineserver") }.FirstOrDefault(File.Exists)
          ?? ProcessRunner.FindOnPath("wineserver");

    private static string? FindLoader() =>
        ProcessRunner.FindOnPath("wine64")
        ?? KnownLocations.FirstOrDefault(File.Exists)
        ?? ProcessRunner.FindOnPath("wine");

    /// <summary>Starts a persistent <c>wineserver</c> for the current prefix once per process; harmless when one runs.</summary>
    public static void EnsureServer() => _ = Server.Value;

    private static bool StartServer()
    {
        if (Locate() is not { } loader || LocateServer() is not { } server) return false;
        try
        {
            // Through sh, so the daemon holds /dev/null rather than our output pipes (a reader of ours would never see EOF).
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$0\" -p600 </dev/null >/dev/null 2>&1");
            start.ArgumentList.Add(server);
            foreach (var (name, value) in Environment) start.Environment[name] = value;
            using (var process = Process.Start(start)) process?.WaitForExit(10_000);
            var boot = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            boot.ArgumentList.Add("-c");
            boot.ArgumentList.Add("exec \"$0\" wineboot.exe </dev/null >/dev/null 2>&1");
            boot.ArgumentList.Add(loader);
            foreach (var (name, value) in Environment) boot.Environment[name] = value;
            using (var process = Process.Start(boot)) process?.WaitForExit(120_000);
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return false;
        }
    }
}
