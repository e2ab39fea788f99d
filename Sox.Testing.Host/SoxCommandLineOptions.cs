using System.Globalization;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.CommandLine;

namespace Sox.Testing.Host;

/// <summary>
/// The host's own options. The SDK passes <c>--sox-test-program</c>, <c>--sox-test-project</c>,
/// <c>--sox-test-timeout</c>, for an Exe the program between <c>--sox-run-program</c> and <c>--sox-run-end</c>, and
/// for a test program of another target the command that runs it between <c>--sox-test-runner</c> and
/// <c>--sox-test-runner-end</c> (Sox.Test.targets; <see cref="HostArguments"/> removes both parts before the platform
/// parses the rest); users pass <c>--filter</c> (a VSTest-style expression, see
/// <see cref="TestFilter"/>) through <c>dotnet test --filter</c>.
/// </summary>
internal sealed class SoxCommandLineOptions : ICommandLineOptionsProvider
{
    public const string Program = "sox-test-program";
    public const string Project = "sox-test-project";
    public const string Timeout = "sox-test-timeout";
    public const string RunProgram = "sox-run-program";
    public const string RunEnd = "sox-run-end";
    public const string Runner = "sox-test-runner";
    public const string RunnerEnd = "sox-test-runner-end";
    public const string Filter = "filter";

    public string Uid => nameof(SoxCommandLineOptions);

    public string Version => typeof(SoxCommandLineOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public string DisplayName => "Sox tests";

    public string Description => "Runs the #[test] functions of a Sox project's native test program.";

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public IReadOnlyCollection<CommandLineOption> GetCommandLineOptions() =>
    [
        new(Program, "The native test program built by the Sox SDK (set by Sox.Test.targets).", ArgumentArity.ExactlyOne, isHidden: true),
        new(Project, "The project's name and folder: the first level of test paths; relative source paths start there.", ArgumentArity.ExactlyOne, isHidden: true),
        new(Runner, "The command that runs the test program for another RuntimeIdentifier, as a JSON array (set by Sox.Test.targets).", ArgumentArity.ExactlyOne, isHidden: true),
        new(Timeout, "Seconds a single test may run before it is stopped and fails (0: no limit; SoxTestTimeout).", ArgumentArity.ExactlyOne, isHidden: false),
        new(Filter, "Runs the tests matching a VSTest-style expression: FullyQualifiedName|Name|ClassName with =, !=, ~, !~, joined by & and |, in parentheses; a bare value means FullyQualifiedName~value.", ArgumentArity.ExactlyOne, isHidden: false),
    ];

    public Task<ValidationResult> ValidateOptionArgumentsAsync(CommandLineOption commandOption, string[] arguments)
    {
        if (commandOption.Name == Timeout && !(double.TryParse(arguments[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0))
            return ValidationResult.InvalidTask($"--{Timeout} takes a number of seconds (0 or more), not '{arguments[0]}'.");
        if (commandOption.Name == Runner && !IsRunnerCommand(arguments[0]))
            return ValidationResult.InvalidTask($"--{Runner} takes the runner's command as a JSON array of strings, not '{arguments[0]}'.");
        if (commandOption.Name == Filter && !TestFilter.TryParse(arguments[0], out _, out var error))
            return ValidationResult.InvalidTask($"--{Filter}: {error}");
        return ValidationResult.ValidTask;
    }

    private static bool IsRunnerCommand(string argument)
    {
        try
        {
            return HostArguments.TestRunner(argument).Count > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public Task<ValidationResult> ValidateCommandLineOptionsAsync(ICommandLineOptions commandLineOptions) =>
        commandLineOptions.IsOptionSet(Program)
            ? ValidationResult.ValidTask
            : ValidationResult.InvalidTask($"--{Program} is missing: this host is started by `dotnet test` on a Sox project (Sox.Sdk), which names the test program.");
}
