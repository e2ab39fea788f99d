namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>Section header <c>sh_flags</c> bits (System V gABI, "Sections", Figure 4-11).</summary>
[Flags]
public enum ElfSectionFlags : ulong
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>Writable during execution.</summary>
    SHF_WRITE = 0x1,
    /// <summary>Occupies memory during execution.</summary>
    SHF_ALLOC = 0x2,
    /// <summary>Holds executable machine instructions.</summary>
    SHF_EXECINSTR = 0x4,
    /// <summary>May be merged to eliminate duplication.</summary>
    SHF_MERGE = 0x10,
    /// <summary>Holds NUL-terminated strings.</summary>
    SHF_STRINGS = 0x20,
    /// <summary><c>sh_info</c> holds a section header table index (set on <c>SHT_RELA</c> sections).</summary>
    SHF_INFO_LINK = 0x40,
}
