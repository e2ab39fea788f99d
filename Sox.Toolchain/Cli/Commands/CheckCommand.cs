using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;

namespace Sox.Cli.Commands;

/// <summary>
/// <c>sox check FILE…</c>: lexes, parses and resolves each file and everything it imports, printing every
/// diagnostic in MSBuild's canonical form to stderr. Nothing is written to disk.
/// </summary>
public sealed class CheckCommand : ICommand
{
    public string Name => "check";

    public string Summary => "Check Sox files and their imports for errors without compiling them.";

    public string Usage => """
        Usage: sox check [options] FILE...

        Lexes, parses and resolves each FILE and every module it imports, and prints each
        diagnostic to stderr as 'path(line,col): error SOXnnnn: message'.

        Options:
          --warnaserror   Treat warnings as errors.
          -h, --help      Show this help.

        Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage error.
        """;

    public IReadOnlyCollection<string> Flags { get; } = ["warnaserror"];

    public IReadOnlyCollection<string> ValuedOptions { get; } = [];

    public int Run(CommandLine commandLine, CommandContext context)
    {
        if (commandLine.Operands.Count == 0) return context.UsageError("check: no input files", Name);

        var warningsAsErrors = commandLine.Has("warnaserror");
        // Files that import the same module would repeat its diagnostics; each is printed once.
        var printed = new HashSet<string>(StringComparer.Ordinal);
        var failed = false;
        foreach (var file in commandLine.Operands)
        {
            var result = FrontEnd.Check(file);
            foreach (var diagnostic in result.Diagnostics)
            {
                var line = diagnostic.ToString();
                if (printed.Add(line)) context.Error.WriteLine(line);
                if (diagnostic.IsError || (warningsAsErrors && diagnostic.Severity == DiagnosticSeverity.Warning)) failed = true;
            }
        }
        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }
}
