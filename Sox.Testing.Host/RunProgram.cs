using System.Diagnostics;

namespace Sox.Testing.Host;

/// <summary>
/// <c>dotnet run</c> on a Sox test project: starts the project's program with the arguments that follow it, sharing
/// this process's console, and returns its exit code. Sox.Test.targets passes it, for an <c>Exe</c> only, as
/// <c>--sox-run-program COMMAND ARGS… --sox-run-end</c> (the command can be a runner such as qemu, with the program
/// among its arguments); <c>dotnet run</c> appends the user's arguments after that.
/// </summary>
internal static class RunProgram
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        var at = Array.IndexOf(args, "--" + SoxCommandLineOptions.RunProgram);
        // No program (a Library or SharedLibrary project): the tests run in the console, as `dotnet run` runs any
        // Microsoft.Testing.Platform test application.
        if (at < 0 || at + 1 >= args.Length) return false;
        var end = Array.IndexOf(args, "--" + SoxCommandLineOptions.RunEnd, at);
        var start = new ProcessStartInfo(args[at + 1]) { UseShellExecute = false };
        foreach (var a in args.Skip(at + 2).Where((_, i) => at + 2 + i != end)) start.ArgumentList.Add(a);
        // Ctrl+C reaches the program too (same console); the host waits for it to end rather than dying first.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var process = Process.Start(start)!;
        process.WaitForExit();
        exitCode = process.ExitCode;
        return true;
    }
}
