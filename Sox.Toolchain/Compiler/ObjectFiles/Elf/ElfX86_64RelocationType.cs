namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// x86-64 relocation types for <c>ELF64_R_TYPE(r_info)</c> (System V AMD64 psABI §4.4.1, Table 4.9). In the
/// calculations S is the symbol's value, A the addend, P the place patched, L the PLT entry, G the GOT offset.
/// </summary>
public enum ElfX86_64RelocationType : uint
{
    /// <summary>No relocation.</summary>
    R_X86_64_NONE = 0,
    /// <summary>word64: S + A.</summary>
    R_X86_64_64 = 1,
    /// <summary>word32: S + A - P.</summary>
    R_X86_64_PC32 = 2,
    /// <summary>word32: L + A - P; the linker may resolve to S + A - P for a local function.</summary>
    R_X86_64_PLT32 = 4,
    /// <summary>word32: G + GOT + A - P.</summary>
    R_X86_64_GOTPCREL = 9,
    /// <summary>word32: S + A, zero-extended.</summary>
    R_X86_64_32 = 10,
    /// <summary>word32: S + A, sign-extended.</summary>
    R_X86_64_32S = 11,
    /// <summary>word32: G + GOT + A - P on an instruction without REX prefix that the linker may relax.</summary>
    R_X86_64_GOTPCRELX = 41,
    /// <summary>word32: G + GOT + A - P on a REX-prefixed <c>mov</c>/<c>test</c>/arith that the linker may relax
    /// to <c>lea</c> (psABI §B.2).</summary>
    R_X86_64_REX_GOTPCRELX = 42,
}
