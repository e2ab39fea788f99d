namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>One section of the COFF image being built: its header (file offsets and relocation count are filled in
/// by the layout step), its contents with the implicit addends already stored (empty for uninitialized data), its
/// relocation records in file order, and the section-definition record of its symbol.</summary>
internal sealed class CoffSection(string name, CoffSectionHeader header, byte[] contents, List<CoffRelocation> relocations)
{
    /// <summary>The full section name (the header holds <c>/N</c> for a long one).</summary>
    public string Name { get; } = name;
    public CoffSectionHeader Header { get; set; } = header;
    public byte[] Contents { get; } = contents;
    public List<CoffRelocation> Relocations { get; } = relocations;
    public bool IsUninitialized => (Header.Characteristics & CoffSectionCharacteristics.IMAGE_SCN_CNT_UNINITIALIZED_DATA) != 0;

    /// <summary>Whether the relocation count needs <c>IMAGE_SCN_LNK_NRELOC_OVFL</c> (0xFFFF or more entries).</summary>
    public bool RelocationsOverflow => Relocations.Count >= ushort.MaxValue;
}
