using Sox.Toolchain.Tests.Runtime;

namespace Sox.Toolchain.Tests.Infrastructure;

/// <summary>
/// Runs Windows x64 executables under Wine, the way arm64 programs run under qemu: <see cref="Command"/> is the
/// prefix to put before the .exe and its arguments, <see cref="Environment"/> the variables to run it with.
/// <para>
/// Wine and its server are found as the product finds them (<c>Sox.Compiler.Driver.WineRunner</c>). The Wine prefix lives in the temp folder
/// (<c>sox-wine-&lt;user&gt;</c>) and is kept between test runs: the first start creates it (about 10 s). One
/// persistent wineserver (<c>wineserver -p</c>, ending <see cref="ServerLingerSeconds"/> s after its last client)
/// serves the whole test run, so a program starts in a fraction of a second. WINEDEBUG=-all keeps Wine's own
/// diagnostics out of the programs' stderr.
/// </para>
/// </summary>
internal static class WineRunner
{
    /// <summary>How long the server stays up after the last program has ended.</summary>
    public const int ServerLingerSeconds = 60;

    // Wine is found where `sox run --target win-x64` finds it (Sox.Compiler.Driver.WineRunner: PATH, then the package
    // layouts that leave it off PATH); the tests differ only in their own prefix and environment.
    private static readonly Lazy<string?> WinePath = new(Sox.Compiler.Driver.WineRunner.Locate);

    private static readonly Lazy<string?> ServerPath = new(Sox.Compiler.Driver.WineRunner.LocateServer);

    private static readonly Lazy<Task> Started = new(StartAsync);

    /// <summary>The Wine prefix the programs run in.</summary>
    public static string Prefix { get; } =
        Path.Combine(Path.GetTempPath(), "sox-wine-" + System.Environment.UserName);

    /// <summary>"wine64" or "wineserver" when it cannot be found, else null.</summary>
    public static string? Missing => WinePath.Value is null ? "wine64" : ServerPath.Value is null ? "wineserver" : null;

    /// <summary>What runs an .exe: put the executable and its arguments after it.</summary>
    public static string[] Command => [WinePath.Value ?? throw new InvalidOperationException("wine64 not found")];

    /// <summary>The variables every Wine process gets (the prefix, no Wine diagnostics, no Mono/Gecko set-up, a UTF-8
    /// locale).</summary>
    public static Dictionary<string, string> Environment => new()
    {
        ["WINEPREFIX"] = Prefix,
        ["WINEDEBUG"] = "-all",
        ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
        // Wine converts arguments and environment between Unix bytes and UTF-16 by the locale's charset.
        ["LC_ALL"] = "C.UTF-8",
    };

    /// <summary>The environment plus a program's own variables.</summary>
    public static Dictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string> extra)
    {
        var env = Environment;
        foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    /// <summary>Creates the prefix if needed and starts the persistent server, once per test run.</summary>
    public static Task EnsureStartedAsync() => Started.Value;

    private static async Task StartAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Prefix)!);
        var server = ServerPath.Value!;
        // The first program in a new prefix creates it (about 10 s); then that session's server is let go.
        if (!File.Exists(Path.Combine(Prefix, "system.reg")))
        {
            await MustSucceedAsync(Detached([.. Command, "cmd", "/c", "exit", "0"]), TimeSpan.FromMinutes(3));
            await ProcessRunner.RunAsync(Detached([server, "-w"]), Environment, TimeSpan.FromMinutes(1));
        }
        // -p: the server stays up between programs, so each one does not pay for its start, and ends by itself
        // ServerLingerSeconds after the last one (if a server already runs for the prefix, this changes nothing).
        // The server is a daemon: it too gets /dev/null, or it would hold this process's pipes open.
        await ProcessRunner.RunAsync(Detached([server, "-p" + ServerLingerSeconds]), Environment, TimeSpan.FromMinutes(1));
        // Start the session's background processes (services.exe, …) now, with stdio on /dev/null: started by a
        // test's program they would inherit its pipes and hold its output open until the server ends.
        await MustSucceedAsync(Detached([.. Command, "cmd", "/c", "exit", "0"]), TimeSpan.FromMinutes(3));
    }

    /// <summary>A command run through sh with its stdio on /dev/null (daemons and children cannot hold our pipes).</summary>
    private static string[] Detached(string[] command) =>
        ["/bin/sh", "-c", "exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1", .. command];

    private static async Task MustSucceedAsync(string[] command, TimeSpan timeout)
    {
        var r = await ProcessRunner.RunAsync(command, Environment, timeout);
        if (r.ExitCode != 0)
            Assert.Fail($"wine could not start in {Prefix}: {string.Join(' ', command)} exited with {r.ExitCode}");
    }
}
