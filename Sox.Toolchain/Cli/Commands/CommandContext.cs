namespace Sox.Cli.Commands;

/// <summary>Where a command writes: results to <see cref="Out"/>, diagnostics and usage errors to <see cref="Error"/>.</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error)
{
    /// <summary>Where a command reads standard input (<c>sox fmt -</c>); the console's unless a test gives another.</summary>
    public TextReader In { get; init; } = Console.In;

    /// <summary>Reports a command-line mistake the way every command does, and returns <see cref="ExitCodes.Usage"/>.</summary>
    public int UsageError(string message, string? commandName = null)
    {
        Error.WriteLine($"sox: {message}");
        Error.WriteLine(commandName is null ? "Run 'sox --help' for usage." : $"Run 'sox {commandName} --help' for usage.");
        return ExitCodes.Usage;
    }
}
