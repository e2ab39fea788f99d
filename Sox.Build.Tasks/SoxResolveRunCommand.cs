using Microsoft.Build.Framework;
using Sox.Compiler.Driver;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// What <c>dotnet run</c> starts for a program of <c>RuntimeIdentifier</c>: the program itself when this machine runs
/// it, else the runner <c>sox run</c> uses for that target (<see cref="TargetPlatform.RunCommand"/>: win-x64 under
/// Wine on Linux, linux-arm64 under <c>qemu-aarch64</c> on x64), so <c>dotnet run -r …</c> and <c>sox run --target …</c>
/// cannot differ. A runner that is not installed is SOX5007 naming what to install; a target no runner brings to this
/// machine (macOS programs on Linux) is SOX5012 — never the operating system's "Exec format error".
/// </summary>
public sealed class SoxResolveRunCommand : Task
{
    [Required]
    public string RuntimeIdentifier { get; set; } = "";

    /// <summary>The built program (<c>$(TargetPath)</c>).</summary>
    [Required]
    public string Program { get; set; } = "";

    /// <summary>For <c>RunCommand</c>: the program, or the runner's path.</summary>
    [Output]
    public string Command { get; private set; } = "";

    /// <summary>For <c>RunArguments</c> (before the project's own): the runner's arguments and the program, quoted for a
    /// command line; empty when the program runs by itself.</summary>
    [Output]
    public string Arguments { get; private set; } = "";

    public override bool Execute()
    {
        if (TargetPlatform.Find(RuntimeIdentifier) is not { } target)
        {
            Command = Program;
            return true;
        }
        if (target.RunRequirement is { } requirement)
        {
            Log.LogError(null, "SOX5012", null, null, 0, 0, 0, 0,
                "Programs for {0} cannot run on this machine: they need {1}. Copy {2} to such a machine and run it there.",
                RuntimeIdentifier, requirement, Program);
            return false;
        }
        if (target.MissingRunner() is { } missing)
        {
            Log.LogError(null, "SOX5007", null, null, 0, 0, 0, 0,
                "Running a {0} program on this machine needs '{1}' ({2}). {3}", RuntimeIdentifier, missing, target.RunnerSearch,
                target.ToolInstallHint ?? "");
            return false;
        }
        var command = target.RunCommand(Program);
        Command = command[0];
        Arguments = string.Join(" ", command.Skip(1).Select(QuoteForCommandLine));
        return true;
    }

    /// <summary>
    /// One argument of a command line as .NET splits <c>ProcessStartInfo.Arguments</c> (the rules of Windows'
    /// <c>CommandLineToArgvW</c>, which .NET follows on every OS): quoted when it holds a space or a quote, inner quotes
    /// and the backslashes before them escaped.
    /// </summary>
    public static string QuoteForCommandLine(string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => c is ' ' or '\t' or '"')) return argument;
        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
            backslashes = 0;
        }
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
