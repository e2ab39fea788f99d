namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>The Mach-O model of one object before layout: sections in header order (their <c>n_sect</c> is the
/// list index + 1) with addresses assigned, the symbol table grouped as <c>LC_DYSYMTAB</c> describes, and the
/// string table.</summary>
internal sealed class MachOImage(MachOCpuType cpuType, MachOCpuSubtype cpuSubtype, List<MachOSection> sections,
    List<Nlist64> symbols, byte[] strings, DysymtabCommand symbolRanges)
{
    public MachOCpuType CpuType { get; } = cpuType;
    public MachOCpuSubtype CpuSubtype { get; } = cpuSubtype;
    public List<MachOSection> Sections { get; } = sections;
    public List<Nlist64> Symbols { get; } = symbols;
    public byte[] Strings { get; } = strings;
    public DysymtabCommand SymbolRanges { get; } = symbolRanges;
}
