using Sox.LanguageServer;

namespace Sox.Cli.Commands;

/// <summary>
/// <c>sox lsp</c>: the language server (docs/editors.md "The language server"), speaking LSP over standard input and
/// output. <c>--stdio</c> is accepted because clients such as vscode-languageclient pass it; it is the only transport.
/// </summary>
public sealed class LspCommand : ICommand
{
    public string Name => "lsp";

    public string Summary => "Run the language server (LSP over standard input and output) for editors.";

    public string Usage => """
        Usage: sox lsp [--stdio] [--transcript FILE]

        Runs the Sox language server: the Language Server Protocol over standard input and output,
        driven by the compiler's own front end, so an editor shows exactly the build's diagnostics.
        Editors start it themselves (docs/editors.md); it ends when the editor sends 'exit'.

        Options:
          --stdio              Accepted for clients that pass it (standard I/O is the only transport).
          --transcript FILE    Record every message, both ways, as JSON lines in FILE.
          -h, --help           Show this help.

        Exit codes: 0 after 'shutdown' and 'exit', 1 when the client left without 'shutdown'.
        """;

    public IReadOnlyCollection<string> Flags { get; } = ["stdio"];

    public IReadOnlyCollection<string> ValuedOptions { get; } = ["transcript"];

    public int Run(CommandLine commandLine, CommandContext context)
    {
        if (commandLine.Operands.Count > 0) return context.UsageError($"lsp: unexpected argument '{commandLine.Operands[0]}'", Name);
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        return LanguageServerHost.Run(input, output, context.Error, commandLine.Value("transcript"));
    }
}
