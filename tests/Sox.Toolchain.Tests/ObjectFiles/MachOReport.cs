using System.Globalization;
using System.Text.RegularExpressions;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary><c>mach_header_64</c> fields as numbers.</summary>
internal sealed record MachOHeaderRow(uint CpuType, uint CpuSubtype, uint FileType, uint CommandCount, uint CommandsSize, uint Flags);

/// <summary>The unnamed <c>LC_SEGMENT_64</c> of an object.</summary>
internal sealed record MachOSegmentRow(string Name, ulong VmAddress, ulong VmSize, ulong FileOffset, ulong FileSize, string MaxProt, string InitProt, uint SectionCount);

/// <summary>A <c>section_64</c>: 1-based number, names, addr, size, file offset, log2 alignment, nreloc, type and attribute bits.</summary>
internal sealed record MachOSectionRow(int Number, string Segment, string Name, ulong Address, ulong Size, uint Offset, uint AlignLog2, uint RelocationCount, uint Type, uint Attributes)
{
    public string QualifiedName => $"{Segment},{Name}";
}

/// <summary>An <c>nlist_64</c>: index, name, N_EXT, <c>n_type &amp; N_TYPE</c>, n_sect, n_value.</summary>
internal sealed record MachOSymbolRow(int Index, string Name, bool External, uint TypeBits, int Section, ulong Value);

/// <summary>A <c>relocation_info</c>: the section's number, r_address, type name, r_pcrel, r_length, r_extern and
/// the target — the symbol's name when extern, else <c>#</c> and the raw r_symbolnum (section number or, for
/// ARM64_RELOC_ADDEND, the 24-bit addend).</summary>
internal sealed record MachORelocationRow(int Section, ulong Address, string Type, bool PcRelative, int Length, bool Extern, string Target);

/// <summary>The parts of a Mach-O object the tests compare, parsed from <c>llvm-readobj</c>'s expanded output or
/// from <see cref="MachOObjectDumper"/>'s text, normalised to the same shape so the two can be cross-checked.</summary>
internal sealed partial record MachOReport(MachOHeaderRow Header, MachOSegmentRow Segment, IReadOnlyList<MachOSectionRow> Sections,
    IReadOnlyList<MachOSymbolRow> Symbols, IReadOnlyList<MachORelocationRow> Relocations, string BuildVersion, (uint Local, uint LocalCount, uint ExtDef, uint ExtDefCount, uint Undef, uint UndefCount) Dysymtab)
{
    /// <summary>The arguments that make <c>llvm-readobj</c> print everything <see cref="FromReadObj"/> reads.</summary>
    public static readonly string[] ReadObjArguments =
        ["--file-headers", "--macho-segment", "--sections", "--symbols", "--relocations", "--expand-relocs", "--macho-dysymtab", "--macho-version-min"];

    public MachOSectionRow Section(string qualifiedName) =>
        Sections.SingleOrDefault(s => s.QualifiedName == qualifiedName) ?? throw new AssertFailedException($"No section {qualifiedName}");

    /// <summary>Parses <c>llvm-readobj</c> with <see cref="ReadObjArguments"/>.</summary>
    public static MachOReport FromReadObj(string output)
    {
        var root = MachOReadObjNode.Parse(output);
        var h = root.Child("MachHeader");
        var header = new MachOHeaderRow((uint)h.Number("CpuType"), (uint)h.Number("CpuSubType"), (uint)h.Number("FileType"),
            (uint)h.Number("NumOfLoadCommands"), (uint)h.Number("SizeOfLoadCommands"), (uint)h.Child("Flags").Number(""));
        var s = root.Child("Segment");
        var segment = new MachOSegmentRow(s.Text("Name"), s.Number("vmaddr"), s.Number("vmsize"), s.Number("fileoff"), s.Number("filesize"),
            s.Text("maxprot"), s.Text("initprot"), (uint)s.Number("nsects"));
        var sections = root.Child("Sections").Children.Select(n => new MachOSectionRow((int)n.Number("Index") + 1, n.Text("Segment").Split(' ')[0],
            n.Text("Name").Split(' ')[0], n.Number("Address"), n.Number("Size"), (uint)n.Number("Offset"), (uint)n.Number("Alignment"),
            (uint)n.Number("RelocationCount"), (uint)n.Number("Type"), (uint)n.Child("Attributes").Number("") << 8)).ToList();
        var symbols = root.Child("Symbols").Children.Select((n, i) => new MachOSymbolRow(i, n.Text("Name").Split(' ')[0], n.Has("Extern"),
            (uint)n.Number("Type"), (int)n.Number("Section"), n.Number("Value"))).ToList();
        var withRelocations = sections.Where(x => x.RelocationCount > 0).ToList();
        var relocations = root.Child("Relocations").Children.SelectMany((block, i) => block.Children.Select(r => new MachORelocationRow(
            withRelocations[i].Number, r.Number("Offset"), r.Text("Type").Split(' ')[0], r.Number("PCRel") != 0, (int)r.Number("Length"),
            r.Has("Symbol"), r.Has("Symbol") ? r.Text("Symbol").Split(' ')[0] : "#" + r.Number("Section")))).ToList();
        var v = root.Child("MinVersion");
        string build = $"{v.Text("Cmd")} {v.Text("Platform")} {v.Text("Version")} sdk {v.Text("SDK")}";
        var d = root.Child("Dysymtab");
        return new MachOReport(header, segment, sections, symbols, relocations, build,
            ((uint)d.Number("ilocalsym"), (uint)d.Number("nlocalsym"), (uint)d.Number("iextdefsym"), (uint)d.Number("nextdefsym"), (uint)d.Number("iundefsym"), (uint)d.Number("nundefsym")));
    }

    /// <summary>Parses <see cref="MachOObjectDumper.Dump"/>'s text.</summary>
    public static MachOReport FromDump(string dump)
    {
        MachOHeaderRow? header = null;
        MachOSegmentRow? segment = null;
        var sections = new List<MachOSectionRow>();
        var symbols = new List<MachOSymbolRow>();
        var relocations = new List<MachORelocationRow>();
        string build = "";
        var dysymtab = default((uint, uint, uint, uint, uint, uint));
        foreach (var line in dump.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Match m;
            var fields = Fields(line);
            if ((m = DumpHeader().Match(line)).Success)
                header = new MachOHeaderRow((uint)Enum.Parse<MachOCpuType>(m.Groups[1].Value), (uint)Enum.Parse<MachOCpuSubtype>(m.Groups[2].Value),
                    m.Groups[3].Value == "MH_OBJECT" ? MachHeader64.MH_OBJECT : 0, uint.Parse(fields["ncmds"], CultureInfo.InvariantCulture),
                    uint.Parse(fields["sizeofcmds"], CultureInfo.InvariantCulture), fields["flags"] == "MH_SUBSECTIONS_VIA_SYMBOLS" ? MachHeader64.MH_SUBSECTIONS_VIA_SYMBOLS : 0);
            else if (line.StartsWith("LC_SEGMENT_64 ", StringComparison.Ordinal))
                segment = new MachOSegmentRow(fields["segname"].Trim('"'), Number(fields["vmaddr"]), Number(fields["vmsize"]), Number(fields["fileoff"]),
                    Number(fields["filesize"]), fields["maxprot"], fields["initprot"], (uint)Number(fields["nsects"]));
            else if ((m = DumpSection().Match(line)).Success)
                sections.Add(new MachOSectionRow(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value,
                    Number(fields["addr"]), Number(fields["size"]), (uint)Number(fields["offset"]), uint.Parse(fields["align"][2..], CultureInfo.InvariantCulture),
                    (uint)Number(fields["nreloc"]), (uint)Enum.Parse<MachOSectionType>(m.Groups[4].Value),
                    m.Groups[5].Value == "-" ? 0 : (uint)Enum.Parse<MachOSectionAttributes>(m.Groups[5].Value.Replace('|', ','))));
            else if (line.StartsWith("LC_BUILD_VERSION ", StringComparison.Ordinal))
                build = $"LC_BUILD_VERSION {(fields["platform"] == "PLATFORM_MACOS" ? "macos" : fields["platform"])} {fields["minos"]} sdk {(fields["sdk"] == "0.0" ? "n/a" : fields["sdk"])}";
            else if (line.StartsWith("LC_DYSYMTAB ", StringComparison.Ordinal))
                dysymtab = ((uint)Number(fields["ilocalsym"]), (uint)Number(fields["nlocalsym"]), (uint)Number(fields["iextdefsym"]),
                    (uint)Number(fields["nextdefsym"]), (uint)Number(fields["iundefsym"]), (uint)Number(fields["nundefsym"]));
            else if ((m = DumpSymbol().Match(line)).Success)
            {
                string type = m.Groups[3].Value;
                int section = m.Groups[4].Value == "NO_SECT" ? 0 : sections.Single(x => x.QualifiedName == m.Groups[4].Value).Number;
                symbols.Add(new MachOSymbolRow(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, type.EndsWith("|N_EXT", StringComparison.Ordinal),
                    type.StartsWith("N_SECT", StringComparison.Ordinal) ? Nlist64.N_SECT : type.StartsWith("N_ABS", StringComparison.Ordinal) ? Nlist64.N_ABS : Nlist64.N_UNDF,
                    section, Number(fields["value"])));
            }
            else if ((m = DumpRelocation().Match(line)).Success)
            {
                bool isExtern = fields["extern"] == "1";
                string target = m.Groups[4].Value.StartsWith("addend=", StringComparison.Ordinal)
                    ? "#" + (int.Parse(m.Groups[4].Value["addend=".Length..], CultureInfo.InvariantCulture) & MachORelocationInfo.MaxSymbolNumber)
                    : isExtern ? m.Groups[4].Value : "#" + sections.Single(x => x.QualifiedName == m.Groups[4].Value).Number;
                relocations.Add(new MachORelocationRow(sections.Single(x => x.QualifiedName == m.Groups[1].Value).Number, Number("0x" + m.Groups[2].Value),
                    m.Groups[3].Value, fields["pcrel"] == "1", int.Parse(fields["length"], CultureInfo.InvariantCulture), isExtern, target));
            }
        }
        return new MachOReport(header ?? throw new AssertFailedException("No header line"), segment ?? throw new AssertFailedException("No LC_SEGMENT_64 line"),
            sections, symbols, relocations, build, dysymtab);
    }

    private static Dictionary<string, string> Fields(string line) =>
        line.Split(' ').Select(w => w.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);

    internal static ulong Number(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : ulong.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^mach-o (\S+) (\S+) (\S+) ")]
    private static partial Regex DumpHeader();
    [GeneratedRegex(@"^section \[(\d+)\] ([^,\s]+),(\S+) (\S+) (\S+) ")]
    private static partial Regex DumpSection();
    [GeneratedRegex(@"^symbol \[(\d+)\] (\S+) (\S+) (\S+) ")]
    private static partial Regex DumpSymbol();
    [GeneratedRegex(@"^relocation (\S+)\+0x([0-9a-f]+) (\S+) pcrel=\d length=\d extern=\d (\S+)")]
    private static partial Regex DumpRelocation();
}
