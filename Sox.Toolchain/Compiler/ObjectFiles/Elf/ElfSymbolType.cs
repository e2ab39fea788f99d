namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>Symbol type, the low nibble of <c>st_info</c> (System V gABI, "Symbol Table", Figure 4-18).</summary>
public enum ElfSymbolType : byte
{
    /// <summary>Type not specified.</summary>
    STT_NOTYPE = 0,
    /// <summary>A data object.</summary>
    STT_OBJECT = 1,
    /// <summary>A function or other executable code.</summary>
    STT_FUNC = 2,
    /// <summary>A section, for relocations against it; binding <c>STB_LOCAL</c>.</summary>
    STT_SECTION = 3,
    /// <summary>The source file's name; <c>STB_LOCAL</c>, <c>st_shndx</c> = <c>SHN_ABS</c>, before other locals.</summary>
    STT_FILE = 4,
}
