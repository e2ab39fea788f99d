namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// x64 relocation types (PE Format, "Type Indicators", x64 Processors). The addend is the patched field's contents.
/// With S the target's address, P the address of the field's first byte and F the field's contents, the linker
/// stores: ADDR64 S + F (8 bytes, plus a base relocation in the image); ADDR32NB S − ImageBase + F (an RVA);
/// REL32 S + F − (P + 4) — "from the byte following the relocation"; REL32_k S + F − (P + 4 + k), for an
/// instruction with k bytes (1–5) of immediate after the 4-byte field.
/// </summary>
public enum CoffAmd64RelocationType : ushort
{
    /// <summary>The relocation is ignored.</summary>
    IMAGE_REL_AMD64_ABSOLUTE = 0x0000,
    /// <summary>The 64-bit VA of the relocation target.</summary>
    IMAGE_REL_AMD64_ADDR64 = 0x0001,
    /// <summary>The 32-bit VA of the relocation target.</summary>
    IMAGE_REL_AMD64_ADDR32 = 0x0002,
    /// <summary>The 32-bit address without an image base (RVA).</summary>
    IMAGE_REL_AMD64_ADDR32NB = 0x0003,
    /// <summary>The 32-bit relative address from the byte following the relocation.</summary>
    IMAGE_REL_AMD64_REL32 = 0x0004,
    /// <summary>The 32-bit address relative to byte distance 1 from the relocation.</summary>
    IMAGE_REL_AMD64_REL32_1 = 0x0005,
    /// <summary>The 32-bit address relative to byte distance 2 from the relocation.</summary>
    IMAGE_REL_AMD64_REL32_2 = 0x0006,
    /// <summary>The 32-bit address relative to byte distance 3 from the relocation.</summary>
    IMAGE_REL_AMD64_REL32_3 = 0x0007,
    /// <summary>The 32-bit address relative to byte distance 4 from the relocation.</summary>
    IMAGE_REL_AMD64_REL32_4 = 0x0008,
    /// <summary>The 32-bit address relative to byte distance 5 from the relocation.</summary>
    IMAGE_REL_AMD64_REL32_5 = 0x0009,
    /// <summary>The 16-bit section index of the section that contains the target (debugging information).</summary>
    IMAGE_REL_AMD64_SECTION = 0x000a,
    /// <summary>The 32-bit offset of the target from the beginning of its section (debugging information).</summary>
    IMAGE_REL_AMD64_SECREL = 0x000b,
    /// <summary>A 7-bit unsigned offset from the base of the section that contains the target.</summary>
    IMAGE_REL_AMD64_SECREL7 = 0x000c,
    /// <summary>CLR tokens.</summary>
    IMAGE_REL_AMD64_TOKEN = 0x000d,
    /// <summary>A 32-bit signed span-dependent value emitted into the object.</summary>
    IMAGE_REL_AMD64_SREL32 = 0x000e,
    /// <summary>A pair that must immediately follow every span-dependent value.</summary>
    IMAGE_REL_AMD64_PAIR = 0x000f,
    /// <summary>A 32-bit signed span-dependent value that is applied at link time.</summary>
    IMAGE_REL_AMD64_SSPAN32 = 0x0010,
}
