namespace Sox.Compiler.Driver;

/// <summary>Everything a link puts together, in link order; <see cref="LinkCommand.For"/> turns it into a command.</summary>
public sealed record LinkInputs
{
    /// <summary>The file to produce.</summary>
    public required string OutputPath { get; init; }

    /// <summary>What to produce: executable, shared library or static archive.</summary>
    public LinkOutputKind Kind { get; init; } = LinkOutputKind.Executable;

    /// <summary>The program's module objects, in module dependency order.</summary>
    public IReadOnlyList<string> ProgramObjects { get; init; } = [];

    /// <summary>The objects (or archives) of the program's own C code (§9), after the modules'.</summary>
    public IReadOnlyList<string> NativeObjects { get; init; } = [];

    /// <summary>The runtime: its archive (<c>sox build</c>) or its objects (the SDK). The object of
    /// <see cref="RuntimeLibrary.EntrySource"/>, the C <c>main</c>, is left out of a shared library.</summary>
    public IReadOnlyList<string> Runtime { get; init; } = [];

    /// <summary>The user's libraries, then the <c>extern "lib"</c> ones; the runtime's own follow them.</summary>
    public IReadOnlyList<LinkLibrary> Libraries { get; init; } = [];

    /// <summary>
    /// A shared library's <c>export fn</c> names (§9): the only symbols it exports. The runtime's and the modules'
    /// other globals are needed by the library alone, and exporting them would let a host's (or another library's)
    /// symbols of the same name interpose on them. Ignored for executables, static libraries and Windows DLLs (which
    /// export what their objects' <c>.drectve</c> sections name).
    /// </summary>
    public IReadOnlyList<string> ExportedSymbols { get; init; } = [];

    /// <summary>
    /// Where the linker reads <see cref="ExportedSymbols"/> from (a version script, or ld64's exported symbols list:
    /// <see cref="LinkCommand.ExportList"/>); the caller writes it before linking. Null: the shared library exports
    /// every global symbol, as the linker does by default.
    /// </summary>
    public string? ExportListPath { get; init; }

    /// <summary>Whether the objects carry debugging information (<c>-g</c>) that the link must keep: for Windows targets
    /// the linker then writes a PDB beside the output (<see cref="LinkCommand.ProgramDatabasePath"/>); ELF and Mach-O
    /// links keep DWARF without being asked.</summary>
    public bool DebugInformation { get; init; }

    /// <summary>Extra linker arguments, last (<c>SoxLinkerArgs</c>: <c>-L</c> folders, <c>-Wl,…</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
