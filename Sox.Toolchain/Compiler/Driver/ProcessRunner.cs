using System.Diagnostics;

namespace Sox.Compiler.Driver;

/// <summary>Runs an external tool (C compiler, archiver) and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>How a tool run ended.</summary>
    /// <param name="ExitCode">The process's exit code (0 for success).</param>
    /// <param name="StandardOutput">Everything it wrote to standard output.</param>
    /// <param name="StandardError">Everything it wrote to standard error.</param>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>Standard error then standard output, trimmed: the text a failure diagnostic quotes.</summary>
        public string Output => (StandardError + StandardOutput).Trim();
    }

    /// <summary>Runs <paramref name="tool"/> to completion, capturing both output streams.</summary>
    /// <param name="tool">The executable, a path or a name looked up on PATH.</param>
    /// <param name="arguments">Its arguments, passed one by one (no shell quoting).</param>
    /// <param name="workingDirectory">The directory to run in; the current directory when null.</param>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    public static Result Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The full path of an executable on PATH (or the path itself when it names an existing file), as this
    /// machine finds programs: <see cref="HostEnvironment.FindProgram"/> of <see cref="HostEnvironment.Current"/>
    /// (PATHEXT on Windows).</summary>
    public static string? FindOnPath(string name) => HostEnvironment.Current.FindProgram(name);
}
