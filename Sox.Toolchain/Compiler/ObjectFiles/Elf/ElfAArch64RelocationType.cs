namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// AArch64 relocation types for <c>ELF64_R_TYPE(r_info)</c> (ELF for the Arm 64-bit Architecture (AAELF64),
/// §5.7 "Relocation"). S is the symbol's value, A the addend, P the place, Page(x) = x &amp; ~0xfff,
/// GDAT(S+A) the GOT entry.
/// </summary>
public enum ElfAArch64RelocationType : uint
{
    /// <summary>No relocation.</summary>
    R_AARCH64_NONE = 0,
    /// <summary>Data, 64 bits: S + A (§5.7.5 Table "Static data relocations").</summary>
    R_AARCH64_ABS64 = 257,
    /// <summary>Data, 32 bits: S + A.</summary>
    R_AARCH64_ABS32 = 258,
    /// <summary>Data, 64 bits: S + A - P.</summary>
    R_AARCH64_PREL64 = 260,
    /// <summary>Data, 32 bits: S + A - P, checked for signed overflow.</summary>
    R_AARCH64_PREL32 = 261,
    /// <summary><c>adrp</c>: Page(S + A) - Page(P), imm 21 bits (§5.7.6 "Static AArch64 relocations").</summary>
    R_AARCH64_ADR_PREL_PG_HI21 = 275,
    /// <summary><c>add</c> immediate: (S + A) &amp; 0xfff, no overflow check.</summary>
    R_AARCH64_ADD_ABS_LO12_NC = 277,
    /// <summary><c>b</c> imm26: S + A - P (may go through a veneer).</summary>
    R_AARCH64_JUMP26 = 282,
    /// <summary><c>bl</c> imm26: S + A - P (may go through a veneer or PLT).</summary>
    R_AARCH64_CALL26 = 283,
    /// <summary>64-bit <c>ldr</c>/<c>str</c> offset: ((S + A) &amp; 0xfff) &gt;&gt; 3, no overflow check.</summary>
    R_AARCH64_LDST64_ABS_LO12_NC = 286,
    /// <summary><c>adrp</c> of the GOT entry: Page(GDAT(S + A)) - Page(P).</summary>
    R_AARCH64_ADR_GOT_PAGE = 311,
    /// <summary>64-bit <c>ldr</c> of the GOT entry: (GDAT(S + A) &amp; 0xfff) &gt;&gt; 3.</summary>
    R_AARCH64_LD64_GOT_LO12_NC = 312,
}
