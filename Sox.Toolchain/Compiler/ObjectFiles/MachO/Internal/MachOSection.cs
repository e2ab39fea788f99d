namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>One section of the Mach-O image being built: its header (file offsets are filled in by the layout
/// step), its contents with the implicit addends already stored, and its relocation entries in file order.</summary>
internal sealed class MachOSection(Section64 header, byte[] contents, List<MachORelocationInfo> relocations)
{
    public Section64 Header { get; set; } = header;
    public byte[] Contents { get; } = contents;
    public List<MachORelocationInfo> Relocations { get; } = relocations;
    public bool IsZeroFill => Header.Type == MachOSectionType.S_ZEROFILL;
}
