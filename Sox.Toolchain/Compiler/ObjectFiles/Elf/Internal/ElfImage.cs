namespace Sox.Compiler.ObjectFiles.Elf.Internal;

/// <summary>The ELF model of one object before layout: the machine and all sections in header-table order,
/// index 0 being the null section.</summary>
internal sealed class ElfImage(ElfMachine machine, List<ElfSection> sections, int sectionNameTableIndex)
{
    public ElfMachine Machine { get; } = machine;
    public List<ElfSection> Sections { get; } = sections;
    public int SectionNameTableIndex { get; } = sectionNameTableIndex;
}
