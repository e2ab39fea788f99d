using Sox.Compiler.Driver;

namespace Sox.Cli.Commands;

/// <summary><c>sox build FILE [C sources…] -o OUT</c>: compiles a program (and its imports) to a native executable.</summary>
public sealed class BuildCommand : ICommand
{
    public string Name => "build";

    public string Summary => "Compile a Sox program to a native executable (or object, assembly listing, IR).";

    public string Usage => $"""
        Usage: sox build [options] FILE [C-SOURCE|OBJECT...] -o OUT

        Compiles FILE and every module it imports with the Sox code generator, compiles any C
        sources with the C compiler, and links them and any objects (.o) or archives (.a) with
        the Sox runtime.

        Options:
          -o OUT          The output path ('-' writes ir/asm to stdout).
          --emit KIND     exe (default), shared (a shared library of the export fns), obj (one relocatable
                          object), asm (allocated machine code listing), ir.
          --dump-after P  Print the IR after pass P to stderr (passes: {string.Join(", ", Sox.Compiler.Passes.PassPipeline.PassNames)}).
        {BuildSettings.OptionsHelp}
        Exit codes: 0 success, 1 errors, 2 usage error.
        """;

    public IReadOnlyCollection<string> Flags { get; } = BuildSettings.Flags;

    public IReadOnlyCollection<string> ValuedOptions { get; } = [.. BuildSettings.Valued, "o", "emit", "dump-after"];

    public int Run(CommandLine commandLine, CommandContext context)
    {
        static bool IsC(string o) => o.EndsWith(".c", StringComparison.OrdinalIgnoreCase) || NativeCompiler.IsCompiledInput(o);
        var sources = commandLine.Operands.Where(o => !IsC(o)).ToList();
        var cSources = commandLine.Operands.Where(IsC).ToList();
        if (sources.Count != 1) return context.UsageError("build: expected exactly one Sox source file", Name);
        var output = commandLine.Value("o");
        if (output is null) return context.UsageError("build: missing -o OUT", Name);
        EmitKind emit;
        switch (commandLine.Value("emit") ?? "exe")
        {
            case "exe": emit = EmitKind.Exe; break;
            case "shared": emit = EmitKind.Shared; break;
            case "obj": emit = EmitKind.Obj; break;
            case "asm": emit = EmitKind.Asm; break;
            case "ir": emit = EmitKind.Ir; break;
            default: return context.UsageError($"build: unknown --emit kind '{commandLine.Value("emit")}'", Name);
        }
        var dumpAfter = commandLine.Value("dump-after");
        if (dumpAfter is not null && !Sox.Compiler.Passes.PassPipeline.PassNames.Contains(dumpAfter))
            return context.UsageError($"build: unknown pass '{dumpAfter}'", Name);
        var settings = BuildSettings.From(commandLine, context, Name);
        if (settings is null) return ExitCodes.Usage;

        var result = NativeCompiler.Build(settings.Options(sources[0], output, cSources) with { Emit = emit, DumpAfter = dumpAfter });
        return settings.Report(result, context) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
