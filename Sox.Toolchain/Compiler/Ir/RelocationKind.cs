namespace Sox.Compiler.Ir;

/// <summary>
/// Target-neutral relocation kinds that encoders record and object writers translate into the format's own
/// types (ELF <c>R_X86_64_*</c>/<c>R_AARCH64_*</c>, Mach-O <c>X86_64_RELOC_*</c>/<c>ARM64_RELOC_*</c>).
/// The vocabulary lives here, at its first producer (a <see cref="DataItem"/>'s pointers), so that code
/// generation and the targets use it without referring to the object-file stage that comes after them.
/// </summary>
public enum RelocationKind
{
    /// <summary>x86-64 <c>call rel32</c> to a function (ELF R_X86_64_PLT32, Mach-O X86_64_RELOC_BRANCH).</summary>
    X64Branch32,
    /// <summary>x86-64 RIP-relative disp32 to data (ELF R_X86_64_PC32, Mach-O X86_64_RELOC_SIGNED).</summary>
    X64PcRelative32,
    /// <summary>x86-64 RIP-relative disp32 to a GOT entry (ELF R_X86_64_REX_GOTPCRELX, Mach-O X86_64_RELOC_GOT_LOAD).</summary>
    X64GotLoad32,
    /// <summary>A 64-bit absolute address in data (ELF R_X86_64_64 / R_AARCH64_ABS64, Mach-O *_RELOC_UNSIGNED).</summary>
    Absolute64,
    /// <summary>A 32-bit PC-relative offset in data (ELF R_X86_64_PC32 / R_AARCH64_PREL32).</summary>
    PcRelative32Data,
    /// <summary>AArch64 <c>bl</c>/<c>b</c> imm26 (ELF R_AARCH64_CALL26, Mach-O ARM64_RELOC_BRANCH26).</summary>
    Arm64Call26,
    /// <summary>AArch64 <c>adrp</c> page of a symbol (ELF R_AARCH64_ADR_PREL_PG_HI21, Mach-O ARM64_RELOC_PAGE21).</summary>
    Arm64AdrPage21,
    /// <summary>AArch64 <c>add</c> low 12 bits (ELF R_AARCH64_ADD_ABS_LO12_NC, Mach-O ARM64_RELOC_PAGEOFF12).</summary>
    Arm64AddLow12,
    /// <summary>AArch64 64-bit <c>ldr</c> low 12 bits scaled by 8 (ELF R_AARCH64_LDST64_ABS_LO12_NC, Mach-O ARM64_RELOC_PAGEOFF12).</summary>
    Arm64Load64Low12,
    /// <summary>AArch64 <c>adrp</c> of a GOT entry (ELF R_AARCH64_ADR_GOT_PAGE, Mach-O ARM64_RELOC_GOT_LOAD_PAGE21).</summary>
    Arm64GotPage21,
    /// <summary>AArch64 <c>ldr</c> of a GOT entry (ELF R_AARCH64_LD64_GOT_LO12_NC, Mach-O ARM64_RELOC_GOT_LOAD_PAGEOFF12).</summary>
    Arm64GotLoad64Low12,
    /// <summary>A 32-bit address relative to the image base, an RVA (COFF IMAGE_REL_AMD64_ADDR32NB): the words of
    /// <c>.pdata</c>/<c>.xdata</c> unwind data. COFF only; the ELF and Mach-O writers reject it.</summary>
    ImageRelative32,
    /// <summary>A 32-bit absolute value in data (ELF R_X86_64_32 / R_AARCH64_ABS32): in non-allocated debugging
    /// sections, the offset of a place in another section (DWARF 4 §7.4: 32-bit DWARF section offsets). ELF only.</summary>
    Absolute32,
    /// <summary>The 32-bit offset of the target from the start of the section that holds it (COFF
    /// IMAGE_REL_AMD64_SECREL): CodeView's code offsets, which the linker turns into offsets in the image's section.
    /// COFF only.</summary>
    SectionRelative32,
    /// <summary>The 16-bit number of the section that holds the target (COFF IMAGE_REL_AMD64_SECTION): CodeView's
    /// segment fields, paired with <see cref="SectionRelative32"/>. COFF only; the field is 2 bytes.</summary>
    SectionIndex16,
}
