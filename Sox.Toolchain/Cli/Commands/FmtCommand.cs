using Sox.Compiler.Syntax.Formatting;
using Sox.Compiler.Text;

namespace Sox.Cli.Commands;

/// <summary>
/// <c>sox fmt [--check] [PATH…|-]</c>: rewrites Sox files in the one canonical layout of <see cref="SourceFormatter"/>
/// (as <c>gofmt</c> does: no options). A folder means every <c>.sox</c> file under it; <c>-</c> (or nothing, with input
/// redirected) formats standard input to standard output. <c>--check</c> changes nothing and exits 1 when some file
/// would change, listing them — for CI.
/// </summary>
public sealed class FmtCommand : ICommand
{
    public string Name => "fmt";

    public string Summary => "Format Sox files in the canonical layout (--check: only report).";

    public string Usage => """
        Usage: sox fmt [options] [PATH...]

        Rewrites each Sox file in the canonical layout: two-space indentation, one space between
        tokens except where the style says none, no semicolons a line break makes redundant, comments
        kept. Lines are never joined or split, so line numbers (and [line N] in runtime errors) stay.
        A folder formats every .sox file under it (skipping bin/, obj/ and dot-folders); '-' reads
        standard input and writes the result to standard output. A file with syntax errors is left
        unchanged and its errors are printed.

        Options:
          --check      Change nothing; list the files that are not formatted and exit 1 if any.
          -h, --help   Show this help.

        Exit codes: 0 done (or, with --check, everything formatted), 1 a file has errors or (with
        --check) would change, 2 usage error.
        """;

    public IReadOnlyCollection<string> Flags { get; } = ["check"];

    public IReadOnlyCollection<string> ValuedOptions { get; } = [];

    public int Run(CommandLine commandLine, CommandContext context)
    {
        var check = commandLine.Has("check");
        if (commandLine.Operands.Count == 0 || commandLine.Operands is ["-"])
            return FormatStandardInput(check, context);

        var files = new List<string>();
        foreach (var operand in commandLine.Operands)
        {
            if (Directory.Exists(operand)) files.AddRange(SoxFilesUnder(operand));
            else if (File.Exists(operand)) files.Add(operand);
            else
            {
                context.Error.WriteLine($"sox fmt: '{operand}' is neither a file nor a folder");
                return ExitCodes.Failure;
            }
        }

        var failed = false;
        foreach (var file in files)
        {
            var original = File.ReadAllText(file);
            var result = SourceFormatter.Format(new SourceText(file, original));
            if (result.Text is null)
            {
                foreach (var d in result.Diagnostics.Where(d => d.IsError)) context.Error.WriteLine(d);
                failed = true;
                continue;
            }
            if (result.Text == original) continue;
            if (check)
            {
                context.Out.WriteLine(file);
                failed = true;
            }
            else File.WriteAllText(file, result.Text);
        }
        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static int FormatStandardInput(bool check, CommandContext context)
    {
        var original = context.In.ReadToEnd();
        var result = SourceFormatter.Format(new SourceText("<stdin>", original));
        if (result.Text is null)
        {
            foreach (var d in result.Diagnostics.Where(d => d.IsError)) context.Error.WriteLine(d);
            return ExitCodes.Failure;
        }
        if (check) return result.Text == original ? ExitCodes.Success : ExitCodes.Failure;
        context.Out.Write(result.Text);
        return ExitCodes.Success;
    }

    /// <summary>The <c>.sox</c> files under <paramref name="folder"/>, in a stable order, outside build outputs and
    /// hidden folders (as the SDK's default items exclude them).</summary>
    private static IEnumerable<string> SoxFilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*.sox", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar)
                .SkipLast(1).Any(part => part is "bin" or "obj" || part.StartsWith('.')))
            .Order(StringComparer.Ordinal);
}
