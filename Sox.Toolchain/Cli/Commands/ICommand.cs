namespace Sox.Cli.Commands;

/// <summary>One <c>sox</c> subcommand. Adding a command means adding a class and listing it in <see cref="SoxCli"/>.</summary>
public interface ICommand
{
    /// <summary>The word after <c>sox</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list of <c>sox --help</c>.</summary>
    string Summary { get; }

    /// <summary>The full usage text of <c>sox NAME --help</c>.</summary>
    string Usage { get; }

    /// <summary>Options without a value (names without dashes); <c>help</c> is added for every command.</summary>
    IReadOnlyCollection<string> Flags { get; }

    /// <summary>Options that take a value.</summary>
    IReadOnlyCollection<string> ValuedOptions { get; }

    /// <summary>True when the first operand ends the options (the rest are the program's arguments, as for <c>sox run</c>).</summary>
    bool StopsAtFirstOperand => false;

    /// <summary>Runs the command; returns an <see cref="ExitCodes"/> value.</summary>
    int Run(CommandLine commandLine, CommandContext context);
}
