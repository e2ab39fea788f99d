namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>Section header <c>sh_type</c> values (System V gABI, "Sections", Figure 4-9).</summary>
public enum ElfSectionType : uint
{
    /// <summary>The inactive entry at index 0.</summary>
    SHT_NULL = 0,
    /// <summary>Bytes whose meaning the program defines (code, data).</summary>
    SHT_PROGBITS = 1,
    /// <summary>The symbol table (<c>.symtab</c>).</summary>
    SHT_SYMTAB = 2,
    /// <summary>A string table (<c>.strtab</c>, <c>.shstrtab</c>).</summary>
    SHT_STRTAB = 3,
    /// <summary>Relocations with explicit addends (<c>Elf64_Rela</c>).</summary>
    SHT_RELA = 4,
    /// <summary>A note section.</summary>
    SHT_NOTE = 7,
    /// <summary>Occupies no file bytes (<c>.bss</c>).</summary>
    SHT_NOBITS = 8,
    /// <summary>x86-64 unwind tables (<c>.eh_frame</c>; x86-64 psABI §4.2.2, Table 4.3 "Section Types"): the type GNU as
    /// and LLVM give <c>.eh_frame</c> on x86-64 (linkers accept <see cref="SHT_PROGBITS"/> too).</summary>
    SHT_X86_64_UNWIND = 0x70000001,
}
