namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>enum reloc_type_arm64</c> (<c>&lt;mach-o/arm64/reloc.h&gt;</c>), the <c>r_type</c> of arm64 relocations.
/// Addends: <c>UNSIGNED</c>/<c>SUBTRACTOR</c> keep theirs in the patched data; instruction relocations keep none in
/// the instruction and take a non-zero one from a preceding <see cref="ARM64_RELOC_ADDEND"/>.
/// </summary>
public enum MachOArm64RelocationType : byte
{
    /// <summary>Pointer-sized or 32-bit absolute address in data (r_length 3 or 2), addend in the data.</summary>
    ARM64_RELOC_UNSIGNED = 0,
    /// <summary>Must be followed by <see cref="ARM64_RELOC_UNSIGNED"/>: the field becomes UNSIGNED's target minus
    /// this one's symbol plus the field's contents (a difference of two addresses).</summary>
    ARM64_RELOC_SUBTRACTOR = 1,
    /// <summary><c>b</c>/<c>bl</c> with a 26-bit word displacement (pcrel, r_length 2).</summary>
    ARM64_RELOC_BRANCH26 = 2,
    /// <summary><c>adrp</c>: the 4 KiB page of the target, PC-relative (pcrel, r_length 2).</summary>
    ARM64_RELOC_PAGE21 = 3,
    /// <summary><c>add</c>/<c>ldr</c>/<c>str</c> immediate: the target's offset in its page, scaled by the access
    /// size the linker reads from the instruction (r_length 2, not pcrel).</summary>
    ARM64_RELOC_PAGEOFF12 = 4,
    /// <summary><c>adrp</c> of the target's GOT entry (pcrel, r_length 2).</summary>
    ARM64_RELOC_GOT_LOAD_PAGE21 = 5,
    /// <summary>64-bit <c>ldr</c> of the target's GOT entry, offset in its page (r_length 2, not pcrel).</summary>
    ARM64_RELOC_GOT_LOAD_PAGEOFF12 = 6,
    /// <summary>32-bit PC-relative or 64-bit pointer to a GOT entry in data.</summary>
    ARM64_RELOC_POINTER_TO_GOT = 7,
    /// <summary><c>adrp</c> of a thread-local variable's descriptor.</summary>
    ARM64_RELOC_TLVP_LOAD_PAGE21 = 8,
    /// <summary>Offset of a thread-local variable's descriptor in its page.</summary>
    ARM64_RELOC_TLVP_LOAD_PAGEOFF12 = 9,
    /// <summary>Must be followed by a PAGE21, PAGEOFF12 or BRANCH26: r_symbolnum holds that relocation's signed
    /// 24-bit addend (r_extern 0, r_length 2, not pcrel).</summary>
    ARM64_RELOC_ADDEND = 10,
    /// <summary>arm64e pointer-authenticated pointer.</summary>
    ARM64_RELOC_AUTHENTICATED_POINTER = 11,
}
