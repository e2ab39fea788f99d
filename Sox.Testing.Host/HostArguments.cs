using System.Text.Json;

namespace Sox.Testing.Host;

/// <summary>Adjusts the arguments `dotnet test` passes before the platform parses them.</summary>
internal static class HostArguments
{
    public static string[] Normalize(string[] args) =>
        NameTrxReport(DropProjectPath(EncodeTestRunner(DropSegment(args, SoxCommandLineOptions.RunProgram, SoxCommandLineOptions.RunEnd))));

    /// <summary>
    /// The command that runs the test program when this machine cannot run it by itself — a runner and its arguments,
    /// the program last (<c>qemu-aarch64 -L /usr/aarch64-linux-gnu …/app_tests</c>, <c>wine64 …/app_tests.exe</c>) —
    /// comes from Sox.Test.targets between <c>--sox-test-runner</c> and <c>--sox-test-runner-end</c>: the command
    /// <c>dotnet run -r</c> uses for the program (SoxResolveRunCommand). Its arguments look like options to the
    /// platform's parser, so they become one argument of the option, a JSON array (<see cref="TestRunner"/> reads it);
    /// the platform hands that form on unchanged to the test host process it starts itself (for a TRX report).
    /// </summary>
    private static string[] EncodeTestRunner(string[] args)
    {
        var at = Array.IndexOf(args, "--" + SoxCommandLineOptions.Runner);
        if (at < 0) return args;
        var end = Array.IndexOf(args, "--" + SoxCommandLineOptions.RunnerEnd, at);
        if (end < 0) return args; // already one argument
        return [.. args[..at], "--" + SoxCommandLineOptions.Runner, JsonSerializer.Serialize(args[(at + 1)..end]), .. args[(end + 1)..]];
    }

    /// <summary>The runner command of <c>--sox-test-runner</c> (<see cref="EncodeTestRunner"/>); empty when the program
    /// runs by itself.</summary>
    public static IReadOnlyList<string> TestRunner(string encoded) =>
        JsonSerializer.Deserialize<string[]>(encoded) is { Length: > 0 } command ? command : [];

    /// <summary>The program <c>dotnet run</c> would start (<see cref="RunProgram"/>): not the platform's business.</summary>
    private static string[] DropSegment(string[] args, string start, string end)
    {
        var at = Array.IndexOf(args, "--" + start);
        if (at < 0) return args;
        var stop = Array.IndexOf(args, "--" + end, at);
        return stop < 0 ? args[..at] : [.. args[..at], .. args[(stop + 1)..]];
    }

    /// <summary>
    /// <c>dotnet test app.soxproj</c>: .NET SDKs up to 10.0.4xx do not take a project path as a positional argument
    /// in the Microsoft.Testing.Platform mode (they expect <c>--project</c>, and later SDKs accept any <c>*proj</c>
    /// path: dotnet/sdk src/Cli/dotnet/Commands/Test/MTP/MSBuildUtility.cs, GetPositionalArguments); they find the
    /// project in the current folder and pass the path on to the test application, whose parser would reject it.
    /// The path of this very project is dropped.
    /// </summary>
    private static string[] DropProjectPath(string[] args)
    {
        var index = Array.IndexOf(args, "--" + SoxCommandLineOptions.Project);
        if (index < 0 || index + 1 >= args.Length) return args;
        var project = Path.GetFullPath(args[index + 1]);
        var directory = Environment.GetEnvironmentVariable("DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY") is { Length: > 0 } d ? d : Directory.GetCurrentDirectory();
        return args.Where((a, i) => i == index + 1 || !IsPath(a, directory, project)).ToArray();
    }

    private static bool IsPath(string argument, string directory, string project)
    {
        if (argument.StartsWith('-') || !argument.EndsWith("proj", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            return string.Equals(Path.GetFullPath(argument, directory), project, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The TRX extension names its report after the test application's assembly and framework
    /// (<c>Sox.Testing.Host_net10.0_x64.trx</c>): every Sox test project would write the same file into the shared
    /// results folder of one <c>dotnet test</c> run. Unless the user named it (<c>--report-trx-filename</c>), the
    /// report takes the project's name instead (<c>app.trx</c>).
    /// </summary>
    private static string[] NameTrxReport(string[] args)
    {
        if (!args.Contains("--report-trx", StringComparer.Ordinal) || args.Contains("--report-trx-filename", StringComparer.Ordinal)) return args;
        var project = Array.IndexOf(args, "--" + SoxCommandLineOptions.Project);
        if (project < 0 || project + 1 >= args.Length) return args;
        return [.. args, "--report-trx-filename", Path.GetFileNameWithoutExtension(args[project + 1]) + ".trx"];
    }
}
