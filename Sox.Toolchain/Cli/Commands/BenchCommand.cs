namespace Sox.Cli.Commands;

/// <summary>
/// <c>sox bench FILE [--filter S]</c>: runs the <c>Benchmark*</c> functions of FILE with growing <c>b.n</c> until each
/// takes at least a second (SOX_BENCHTIME), printing ns/op (§7).
/// </summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "Run the Benchmark* functions of a Sox file and print ns/op.";

    public string Usage => $"""
        Usage: sox bench [options] FILE [--filter S]

        Runs each Benchmark function of FILE (those whose name contains S with --filter), growing
        b.n until a run takes at least one second, and prints the name, n and ns/op.

        Options:
          --filter S      Only benchmarks whose name contains S.
        {BuildSettings.OptionsHelp}
        """;

    public IReadOnlyCollection<string> Flags { get; } = BuildSettings.Flags;

    public IReadOnlyCollection<string> ValuedOptions { get; } = [.. BuildSettings.Valued, "filter"];

    public int Run(CommandLine commandLine, CommandContext context)
    {
        if (commandLine.Operands.Count != 1) return context.UsageError("bench: expected one Sox file", Name);
        var settings = BuildSettings.From(commandLine, context, Name);
        if (settings is null) return ExitCodes.Usage;
        var executable = RunCommand.Build(commandLine.Operands[0], settings, Sox.Compiler.Lowering.EntryMode.Bench, context);
        if (executable is null) return ExitCodes.Failure;
        // The runtime reads the filter from the environment (sox_bench_run gets NULL from generated code).
        var environment = new Dictionary<string, string>();
        if (commandLine.Value("filter") is { } filter) environment["SOX_BENCH_FILTER"] = filter;
        return RunCommand.Execute(executable, [], settings, context, environment);
    }
}
