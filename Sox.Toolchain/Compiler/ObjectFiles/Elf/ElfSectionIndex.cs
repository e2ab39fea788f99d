namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>Special section indices for <c>st_shndx</c> (System V gABI, "Sections", Figure 4-7).</summary>
public static class ElfSectionIndex
{
    /// <summary>Undefined: the symbol is defined in another object.</summary>
    public const ushort SHN_UNDEF = 0;
    /// <summary>The first reserved index; section indices at or above it do not fit <c>st_shndx</c>/<c>e_shnum</c>.</summary>
    public const ushort SHN_LORESERVE = 0xff00;
    /// <summary>Absolute value, unaffected by relocation (used by <c>STT_FILE</c>).</summary>
    public const ushort SHN_ABS = 0xfff1;
}
