using System.Text.RegularExpressions;
using Sox.Compiler.ObjectFiles;
using Sox.Toolchain.Tests.Frontend;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// The C names the runtime exports to generated code, read from its public header
/// <c>Sox.Sdk/runtime/sox_runtime.h</c> (the C form of runtime-abi.md) — not from the objects that use them, so a
/// stub built from this list catches a misspelled or undecorated reference at link time: the function declarations
/// (<c>static inline</c> ones excluded: they have no symbol), the <c>extern</c> data, and one
/// <c>sox_builtin_NAME</c> native object per entry of <c>SOX_BUILTINS</c>. <c>sox_program_entry</c> is declared there
/// but defined by the program, so it is left out.
/// </summary>
internal sealed partial record RuntimeHeaderSymbols(IReadOnlySet<string> Functions, IReadOnlySet<string> Data)
{
    public const string ProgramEntry = "sox_program_entry";

    public static string HeaderPath => Path.Combine(Corpus.RepositoryRoot, "Sox.Sdk", "runtime", "sox_runtime.h");

    public static RuntimeHeaderSymbols Load()
    {
        var header = Comment().Replace(File.ReadAllText(HeaderPath), " ");
        var inline = InlineFunction().Matches(header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var functions = FunctionDeclaration().Matches(header).Select(m => m.Groups[1].Value)
            .Where(name => !inline.Contains(name) && name != ProgramEntry).ToHashSet(StringComparer.Ordinal);
        var data = DataDeclaration().Matches(header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var table = header[header.IndexOf("#define SOX_BUILTINS", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        foreach (Match m in BuiltinEntry().Matches(table)) data.Add("sox_builtin_" + m.Groups[1].Value);
        return new RuntimeHeaderSymbols(functions, data);
    }

    public bool Declares(string name) => Functions.Contains(name) || Data.Contains(name);

    /// <summary>
    /// A Mach-O object defining every name (plus <c>main</c>, which the runtime owns): each function a bare return, each
    /// data symbol 8 zero bytes in <c>__DATA,__data</c>. Linked in place of the runtime archive, as the real runtime
    /// is linked into the same image.
    /// </summary>
    public ObjectFile StubObject(ObjectMachine machine)
    {
        byte[] ret = machine == ObjectMachine.Arm64 ? [0xc0, 0x03, 0x5f, 0xd6] : [0xc3, 0x90, 0x90, 0x90];
        var obj = new ObjectFile(machine);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        foreach (var name in Functions.Append("main").Order(StringComparer.Ordinal))
        {
            int at = text.Append(ret);
            obj.DefineSymbol(name, text, at, ret.Length, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        }
        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        data.AlignTo(8);
        foreach (var name in Data.Order(StringComparer.Ordinal))
        {
            int at = data.Append(new byte[8]);
            obj.DefineSymbol(name, data, at, 8, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        }
        return obj;
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"static\s+inline\s+[A-Za-z_]\w*\s*\**\s*(sox_\w+)\s*\(")]
    private static partial Regex InlineFunction();

    // A declaration starts its line: [_Noreturn|extern] [const] TYPE [*…] sox_name(
    [GeneratedRegex(@"^(?:_Noreturn\s+|extern\s+)?(?:const\s+)?[A-Za-z_]\w*\s*\**\s*(sox_\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex FunctionDeclaration();

    [GeneratedRegex(@"^extern\s+[A-Za-z_]\w*\s*\**\s*(sox_\w+)\s*;", RegexOptions.Multiline)]
    private static partial Regex DataDeclaration();

    [GeneratedRegex(@"X\((\w+),")]
    private static partial Regex BuiltinEntry();
}
