namespace Sox.Compiler.ObjectFiles.Elf.Internal;

/// <summary>One section of the ELF image being built: its name, its header (name and file offsets are filled
/// in by the layout step) and its file contents (empty for <c>SHT_NOBITS</c>).</summary>
internal sealed class ElfSection(string name, ElfSectionHeader header, byte[] contents)
{
    public string Name { get; } = name;
    public ElfSectionHeader Header { get; set; } = header;
    public byte[] Contents { get; set; } = contents;
}
