using System.Globalization;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>One section as <c>llvm-readobj --sections</c> prints it (the name resolved through the string table,
/// plus the raw 8-byte field as text).</summary>
internal sealed record CoffSectionRow(int Number, string Name, string RawName, ulong RawDataSize, ulong PointerToRawData,
    ulong PointerToRelocations, ulong RelocationCount, uint Characteristics);

/// <summary>One symbol as <c>llvm-readobj --symbols</c> prints it; <see cref="Definition"/> is its section-definition
/// auxiliary record (Length, RelocationCount, Checksum, Number, Selection) if it has one, <see cref="FileName"/> its
/// <c>.file</c> name.</summary>
internal sealed record CoffSymbolRow(string Name, ulong Value, string Section, string ComplexType, string StorageClass, int AuxCount,
    (ulong Length, ulong RelocationCount, ulong Checksum, ulong Number, ulong Selection)? Definition, string? FileName);

/// <summary>One relocation: section number, offset, type name, target symbol.</summary>
internal sealed record CoffRelocationRow(int Section, ulong Offset, string Type, string Symbol);

/// <summary>What <c>llvm-readobj</c> reads from a COFF object, parsed from its text output.</summary>
internal sealed partial record CoffReport(string Machine, ulong SectionCount, ulong SymbolCount, ulong PointerToSymbolTable,
    ulong StringTableSize, IReadOnlyList<CoffSectionRow> Sections, IReadOnlyList<CoffSymbolRow> Symbols,
    IReadOnlyList<CoffRelocationRow> Relocations, string Directives)
{
    public static readonly string[] ReadObjArguments = ["--file-headers", "--sections", "--symbols", "--relocations", "--coff-directives"];

    public CoffSectionRow Section(string name) => Sections.Single(s => s.Name == name);

    public CoffSymbolRow Symbol(string name) => Symbols.Single(s => s.Name == name);

    /// <summary>Runs llvm-readobj (without warnings) on <paramref name="bytes"/>.</summary>
    public static CoffReport ReadObj(byte[] bytes)
    {
        string tool = ExternalTool.Require("llvm-readobj");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("object.obj"), bytes);
        return Parse(ExternalTool.RunClean(tool, dir.Path, [.. ReadObjArguments, "object.obj"]));
    }

    public static CoffReport Parse(string output)
    {
        var root = MachOReadObjNode.Parse(output);
        var header = root.Child("ImageFileHeader");
        var sections = root.Child("Sections").Children.Where(c => c.Name == "Section").Select(s =>
        {
            var name = NameField().Match(s.Text("Name"));
            return new CoffSectionRow((int)s.Number("Number"), name.Groups[1].Value, RawName(name.Groups[2].Value), s.Number("RawDataSize"),
                s.Number("PointerToRawData"), s.Number("PointerToRelocations"), s.Number("RelocationCount"),
                (uint)Hex(s.Child("Characteristics").Text("")));
        }).ToList();
        var symbols = root.Child("Symbols").Children.Where(c => c.Name == "Symbol").Select(s =>
        {
            var definition = s.Children.FirstOrDefault(c => c.Name == "AuxSectionDef");
            var file = s.Children.FirstOrDefault(c => c.Name == "AuxFileRecord");
            return new CoffSymbolRow(s.Text("Name"), s.Number("Value"), s.Text("Section"), s.Text("ComplexType"), s.Text("StorageClass"),
                (int)s.Number("AuxSymbolCount"),
                definition is null ? null : (definition.Number("Length"), definition.Number("RelocationCount"), definition.Number("Checksum"),
                    definition.Number("Number"), definition.Number("Selection")),
                file?.Text("FileName"));
        }).ToList();
        var relocations = new List<CoffRelocationRow>();
        foreach (var section in root.Child("Relocations").Children)
        {
            int number = int.Parse(SectionBlock().Match(section.Name).Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (var (line, _) in section.Fields)
            {
                var m = RelocationLine().Match(line);
                Assert.IsTrue(m.Success, $"unexpected relocation line: {line}");
                relocations.Add(new CoffRelocationRow(number, Hex(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value));
            }
        }
        var directives = output.Split('\n').FirstOrDefault(l => l.StartsWith("Directive(s):", StringComparison.Ordinal));
        return new CoffReport(header.Text("Machine"), header.Number("SectionCount"), header.Number("SymbolCount"),
            header.Number("PointerToSymbolTable"), header.Number("StringTableSize"), sections, symbols, relocations,
            directives is null ? "" : directives["Directive(s):".Length..].TrimEnd());
    }

    private static ulong Hex(string text) => ulong.Parse(text.Trim()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string RawName(string hexBytes) => new(hexBytes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(b => (char)byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).TakeWhile(c => c != '\0').ToArray());

    [GeneratedRegex(@"^(.*) \(([0-9A-F ]+)\)$")]
    private static partial Regex NameField();
    [GeneratedRegex(@"^Section \((\d+)\)")]
    private static partial Regex SectionBlock();
    [GeneratedRegex(@"^(0x[0-9A-Fa-f]+) (IMAGE_REL_\w+) (.+) \(\d+\)$")]
    private static partial Regex RelocationLine();
}
