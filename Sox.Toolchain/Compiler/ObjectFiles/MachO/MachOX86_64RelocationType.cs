namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>enum reloc_type_x86_64</c> (<c>&lt;mach-o/x86_64/reloc.h&gt;</c>), the <c>r_type</c> of x86-64 relocations.
/// Every addend lives in the patched field. PC-relative types measure from the end of the 4-byte field
/// (<c>r_address + 4</c>); the <c>SIGNED_1/2/4</c> variants say that 1, 2 or 4 bytes of immediate follow the
/// field, i.e. that the field holds -1, -2 or -4 beyond the symbol's own addend.
/// </summary>
public enum MachOX86_64RelocationType : byte
{
    /// <summary>Absolute address (r_length 3 for pointers), not pcrel.</summary>
    X86_64_RELOC_UNSIGNED = 0,
    /// <summary>RIP-relative 32-bit displacement to data (pcrel, r_length 2).</summary>
    X86_64_RELOC_SIGNED = 1,
    /// <summary><c>call</c>/<c>jmp</c> rel32 (pcrel, r_length 2); the linker may route it through a stub.</summary>
    X86_64_RELOC_BRANCH = 2,
    /// <summary><c>movq sym@GOTPCREL(%rip), %reg</c>: RIP-relative load of a GOT entry, which the linker may relax
    /// to <c>leaq</c> (pcrel, r_length 2).</summary>
    X86_64_RELOC_GOT_LOAD = 3,
    /// <summary>Other RIP-relative GOT references (pcrel, r_length 2).</summary>
    X86_64_RELOC_GOT = 4,
    /// <summary>Must be followed by <see cref="X86_64_RELOC_UNSIGNED"/>: the field becomes UNSIGNED's target minus
    /// this one's symbol plus the field's contents.</summary>
    X86_64_RELOC_SUBTRACTOR = 5,
    /// <summary><see cref="X86_64_RELOC_SIGNED"/> with 1 byte of immediate after the field.</summary>
    X86_64_RELOC_SIGNED_1 = 6,
    /// <summary><see cref="X86_64_RELOC_SIGNED"/> with 2 bytes of immediate after the field.</summary>
    X86_64_RELOC_SIGNED_2 = 7,
    /// <summary><see cref="X86_64_RELOC_SIGNED"/> with 4 bytes of immediate after the field.</summary>
    X86_64_RELOC_SIGNED_4 = 8,
    /// <summary>Thread-local variable descriptor load.</summary>
    X86_64_RELOC_TLV = 9,
}
