using System.Globalization;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>A section as a tool reports it; types without <c>SHT_</c>, flags in readelf's letters.</summary>
internal sealed record SectionRow(int Index, string Name, string Type, string Flags, ulong Align, ulong Size, int Link, int Info, ulong EntrySize);

/// <summary>A symbol as a tool reports it; binding/type without <c>STB_</c>/<c>STT_</c>, section by name or UND/ABS.</summary>
internal sealed record SymbolRow(int Index, string Name, string Binding, string Type, string Section, ulong Value, ulong Size);

/// <summary>A relocation as a tool reports it: the patched section, r_offset, type name, symbol (section symbols by the section's name), addend.</summary>
internal sealed record RelocationRow(string Section, ulong Offset, string Type, string Symbol, long Addend);

/// <summary>The parts of an ELF object the tests compare, parsed from <c>readelf -hSsrW</c> or from
/// <c>ElfObjectDumper</c>'s text, normalised to the same shape so the two can be cross-checked.</summary>
internal sealed partial record ElfReport(string Machine, string FileType, IReadOnlyList<SectionRow> Sections, IReadOnlyList<SymbolRow> Symbols, IReadOnlyList<RelocationRow> Relocations)
{
    public SectionRow Section(string name) => Sections.SingleOrDefault(s => s.Name == name) ?? throw new AssertFailedException($"No section {name}");
    public SymbolRow Symbol(string name) => Symbols.SingleOrDefault(s => s.Name == name && s.Type != "SECTION") ?? throw new AssertFailedException($"No symbol {name}");

    /// <summary>Parses GNU readelf's wide output (<c>readelf -hSsrW</c>).</summary>
    public static ElfReport FromReadElf(string output)
    {
        string machine = "", fileType = "";
        var sections = new List<SectionRow>();
        var symbols = new List<(int Index, string Name, string Bind, string Type, string Ndx, ulong Value, ulong Size)>();
        var relocations = new List<RelocationRow>();
        string? relocatedSection = null;
        foreach (var line in output.Split('\n'))
        {
            Match m;
            if ((m = HeaderField().Match(line)).Success)
            {
                if (m.Groups[1].Value == "Machine") machine = m.Groups[2].Value.Trim();
                else if (m.Groups[1].Value == "Type") fileType = m.Groups[2].Value.Trim();
            }
            else if ((m = ReadElfSection().Match(line)).Success && m.Groups[1].Value != "0")
                sections.Add(new SectionRow(Int(m.Groups[1]), m.Groups[2].Value, m.Groups[3].Value, m.Groups[8].Value, ulong.Parse(m.Groups[11].Value, CultureInfo.InvariantCulture),
                    Hex(m.Groups[6]), Int(m.Groups[9]), Int(m.Groups[10]), Hex(m.Groups[7])));
            else if ((m = ReadElfSymbol().Match(line)).Success)
                symbols.Add((Int(m.Groups[1]), m.Groups[7].Value, m.Groups[5].Value, m.Groups[4].Value, m.Groups[6].Value, Hex(m.Groups[2]), SymbolSize(m.Groups[3].Value)));
            else if ((m = ReadElfRelocationSection().Match(line)).Success)
                relocatedSection = m.Groups[1].Value;
            else if ((m = ReadElfRelocation().Match(line)).Success)
            {
                long addend = (long)Hex(m.Groups[5]);
                relocations.Add(new RelocationRow(relocatedSection ?? "?", Hex(m.Groups[1]), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value == "-" ? -addend : addend));
            }
        }
        string SectionName(string ndx) => ndx is "UND" or "ABS" ? ndx : sections.Single(s => s.Index == int.Parse(ndx, CultureInfo.InvariantCulture)).Name;
        var symbolRows = symbols.Select(s => new SymbolRow(s.Index, s.Type == "SECTION" ? SectionName(s.Ndx) : s.Name, s.Bind, s.Type, SectionName(s.Ndx), s.Value, s.Size)).ToList();
        return new ElfReport(machine, fileType, sections, symbolRows, relocations);
    }

    /// <summary>Parses <c>ElfObjectDumper.Dump</c>'s text.</summary>
    public static ElfReport FromDump(string dump)
    {
        string machine = "", fileType = "";
        var sections = new List<SectionRow>();
        var symbols = new List<SymbolRow>();
        var relocations = new List<RelocationRow>();
        foreach (var line in dump.Split('\n'))
        {
            Match m;
            if ((m = DumpHeader().Match(line)).Success) { machine = m.Groups[1].Value; fileType = m.Groups[2].Value; }
            else if ((m = DumpSection().Match(line)).Success)
                sections.Add(new SectionRow(Int(m.Groups[1]), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value == "-" ? "" : m.Groups[4].Value,
                    ulong.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture), Hex(m.Groups[6]), Int(m.Groups[7]), Int(m.Groups[8]), ulong.Parse(m.Groups[9].Value, CultureInfo.InvariantCulture)));
            else if ((m = DumpSymbol().Match(line)).Success)
                symbols.Add(new SymbolRow(Int(m.Groups[1]), m.Groups[2].Value == "\"\"" ? "" : m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value, Hex(m.Groups[6]), Hex(m.Groups[7])));
            else if ((m = DumpRelocation().Match(line)).Success)
            {
                long addend = (long)Hex(m.Groups[6]);
                relocations.Add(new RelocationRow(m.Groups[1].Value, Hex(m.Groups[2]), m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value == "-" ? -addend : addend));
            }
        }
        return new ElfReport(machine, fileType, sections, symbols, relocations);
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);
    private static ulong Hex(Group g) => ulong.Parse(g.Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    private static ulong SymbolSize(string text) => text.StartsWith("0x", StringComparison.Ordinal)
        ? ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : ulong.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s+(Machine|Type):\s+(.*)$")]
    private static partial Regex HeaderField();
    // [Nr] Name Type Address Off Size ES Flg Lk Inf Al
    [GeneratedRegex(@"^\s*\[\s*(\d+)\]\s+(\S*)\s+([A-Z_0-9]+)\s+([0-9a-f]{16})\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([A-Za-z]*)\s+(\d+)\s+(\d+)\s+(\d+)\s*$")]
    private static partial Regex ReadElfSection();
    // Num: Value Size Type Bind Vis Ndx Name
    [GeneratedRegex(@"^\s*(\d+):\s+([0-9a-f]{16})\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+\s+(\S+)\s?(.*?)\s*$")]
    private static partial Regex ReadElfSymbol();
    [GeneratedRegex(@"^Relocation section '\.rela(\S+)'")]
    private static partial Regex ReadElfRelocationSection();
    // Offset Info Type Symbol's Value Symbol's Name + Addend
    [GeneratedRegex(@"^([0-9a-f]{16})\s+[0-9a-f]{16}\s+(\S+)\s+[0-9a-f]{16}\s+(\S+)\s+([+-])\s+([0-9a-f]+)\s*$")]
    private static partial Regex ReadElfRelocation();

    [GeneratedRegex(@"^elf (\S+) (\S+) ")]
    private static partial Regex DumpHeader();
    [GeneratedRegex(@"^section \[(\d+)\] (\S+) SHT_(\S+) flags=(\S+) align=(\d+) offset=0x[0-9a-f]+ size=0x([0-9a-f]+) link=(\d+) info=(\d+) entsize=(\d+)$")]
    private static partial Regex DumpSection();
    [GeneratedRegex(@"^symbol \[(\d+)\] (\S+) STB_(\S+) STT_(\S+) (\S+) value=0x([0-9a-f]+) size=0x([0-9a-f]+)$")]
    private static partial Regex DumpSymbol();
    [GeneratedRegex(@"^relocation (\S+)\+0x([0-9a-f]+) (\S+) (\S+?)([+-])0x([0-9a-f]+)$")]
    private static partial Regex DumpRelocation();
}
