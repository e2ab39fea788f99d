using System.Reflection;
using Sox.Cli.Commands;

namespace Sox.Cli;

/// <summary>
/// The <c>sox</c> command line: global options (<c>--version</c>, <c>--help</c>) and dispatch to one
/// <see cref="ICommand"/> per subcommand. <see cref="Run"/> is the whole program, callable in-process.
/// </summary>
public static class SoxCli
{
    /// <summary>Every command, in the order <c>sox --help</c> lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } = [new CheckCommand(), new BuildCommand(), new RunCommand(), new TestCommand(), new BenchCommand(), new FmtCommand(), new LspCommand()];

    /// <summary>The tool's version as <c>sox --version</c> prints it (from the assembly, set by Directory.Build.props).</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(SoxCli).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            // The SDK appends "+<commit>" to the informational version; the user-facing version stops before it.
            if (!string.IsNullOrEmpty(informational)) return informational.Split('+')[0];
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        var context = new CommandContext(stdout, stderr) { In = stdin ?? Console.In };
        if (args.Length == 0) return context.UsageError("no command given");

        switch (args[0])
        {
            case "--version":
            case "version":
                stdout.WriteLine($"sox {Version}");
                return ExitCodes.Success;
            case "--help":
            case "-h":
            case "-?":
            case "help":
                return Help(args.Skip(1).FirstOrDefault(), context);
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            return args[0].StartsWith('-')
                ? context.UsageError($"unknown option '{args[0]}'")
                : context.UsageError($"unknown command '{args[0]}'");
        }

        var commandLine = CommandLine.Parse(args[1..], [.. command.Flags, "help"], command.ValuedOptions, out var error, command.StopsAtFirstOperand);
        if (commandLine is null) return context.UsageError($"{command.Name}: {error}", command.Name);
        if (commandLine.Has("help"))
        {
            stdout.WriteLine(command.Usage);
            return ExitCodes.Success;
        }
        return command.Run(commandLine, context);
    }

    private static int Help(string? commandName, CommandContext context)
    {
        if (commandName is not null)
        {
            var command = Commands.FirstOrDefault(c => c.Name == commandName);
            if (command is null) return context.UsageError($"unknown command '{commandName}'");
            context.Out.WriteLine(command.Usage);
            return ExitCodes.Success;
        }
        var width = Commands.Max(c => c.Name.Length) + 2;
        context.Out.WriteLine($"sox {Version} - the Sox toolchain");
        context.Out.WriteLine();
        context.Out.WriteLine("Usage: sox <command> [options] [arguments]");
        context.Out.WriteLine();
        context.Out.WriteLine("Commands:");
        foreach (var command in Commands) context.Out.WriteLine($"  {command.Name.PadRight(width)}{command.Summary}");
        context.Out.WriteLine();
        context.Out.WriteLine("Options:");
        context.Out.WriteLine("  --version   Print the version and exit.");
        context.Out.WriteLine("  -h, --help  Show this help; 'sox help <command>' or 'sox <command> --help' for a command.");
        context.Out.WriteLine();
        context.Out.WriteLine("Exit codes: 0 success, 1 errors in the input, 2 usage error.");
        foreach (var command in Commands)
        {
            context.Out.WriteLine();
            context.Out.WriteLine(command.Usage);
        }
        return ExitCodes.Success;
    }
}
