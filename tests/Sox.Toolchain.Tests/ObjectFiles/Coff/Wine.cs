using Sox.Toolchain.Tests.Infrastructure;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// Runs the linked COFF test programs under Wine through the suite's one <see cref="WineRunner"/> (one prefix, one
/// persistent server for the whole test run), with Wine's module-loader errors kept in stderr so that a program that
/// cannot load says why.
/// </summary>
internal static class Wine
{
    /// <summary>The Wine loader, the server started; ends the test as Inconclusive without Wine.</summary>
    public static string Require()
    {
        if (WineRunner.Missing is { } missing) Assert.Inconclusive($"needs {missing} (Debian package wine64)");
        WineRunner.EnsureStartedAsync().GetAwaiter().GetResult();
        return WineRunner.Command[0];
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="directory"/>; stdout has msvcrt's CRLF line ends turned into LF.</summary>
    public static ToolResult Run(string program, string directory)
    {
        var loader = Require();
        var environment = WineRunner.Environment;
        environment["WINEDEBUG"] = "-all,err+module";
        var result = ExternalTool.Run("env", directory, [.. environment.Select(e => $"{e.Key}={e.Value}"), loader, program]);
        return result with { StandardOutput = result.StandardOutput.Replace("\r\n", "\n") };
    }
}
