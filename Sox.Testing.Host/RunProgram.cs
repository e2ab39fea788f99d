using System.Diagnostics;

namespace Sox.Testing.Host;

/// <summary>
/// <c>dotnet run</c> on a Sox test project: starts the project's program (<c>--sox-run-program</c>) with the
/// arguments that follow the host's own options, sharing this process's console, and returns its exit code.
/// <c>Sox.Test.targets</c> passes <c>--sox-run-program</c> only for an <c>Exe</c> project.
/// </summary>
internal static class RunProgram
{
    private static readonly HashSet<string> HostOptions = new(StringComparer.Ordinal)
    {
        "--" + SoxCommandLineOptions.Program, "--" + SoxCommandLineOptions.Project, "--" + SoxCommandLineOptions.Timeout, "--" + SoxCommandLineOptions.RunProgram,
    };

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        string? program = null;
        var i = 0;
        for (; i + 1 < args.Length && HostOptions.Contains(args[i]); i += 2)
        {
            if (args[i] == "--" + SoxCommandLineOptions.RunProgram) program = args[i + 1];
        }
        // No program (a Library or SharedLibrary project): the tests run in the console, as `dotnet run` runs any
        // Microsoft.Testing.Platform test application.
        if (program is null) return false;
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var a in args.Skip(i)) start.ArgumentList.Add(a);
        // Ctrl+C reaches the program too (same console); the host waits for it to end rather than dying first.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var process = Process.Start(start)!;
        process.WaitForExit();
        exitCode = process.ExitCode;
        return true;
    }
}
