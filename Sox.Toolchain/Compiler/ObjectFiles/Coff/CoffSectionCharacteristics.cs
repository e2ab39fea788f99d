namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// The <c>Characteristics</c> flags of <see cref="CoffSectionHeader"/> (PE Format, "Section Flags"). The
/// <c>IMAGE_SCN_ALIGN_*</c> values are not flags but a 4-bit field (bits 20–23) holding log2(alignment) + 1, valid
/// only in object files; <see cref="CoffSectionAlignment.Alignment"/> and <see cref="CoffSectionAlignment.AlignmentOf"/> convert.
/// </summary>
[Flags]
public enum CoffSectionCharacteristics : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>The section contains executable code.</summary>
    IMAGE_SCN_CNT_CODE = 0x0000_0020,
    /// <summary>The section contains initialized data.</summary>
    IMAGE_SCN_CNT_INITIALIZED_DATA = 0x0000_0040,
    /// <summary>The section contains uninitialized data (no raw data in the file).</summary>
    IMAGE_SCN_CNT_UNINITIALIZED_DATA = 0x0000_0080,
    /// <summary>The section contains comments or other information, such as <c>.drectve</c>'s linker options. Object files only.</summary>
    IMAGE_SCN_LNK_INFO = 0x0000_0200,
    /// <summary>The section will not become part of the image. Object files only.</summary>
    IMAGE_SCN_LNK_REMOVE = 0x0000_0800,
    /// <summary>The section contains COMDAT data. Object files only.</summary>
    IMAGE_SCN_LNK_COMDAT = 0x0000_1000,
    /// <summary>Align data on a 1-byte boundary. Object files only.</summary>
    IMAGE_SCN_ALIGN_1BYTES = 0x0010_0000,
    /// <summary>Align data on a 2-byte boundary.</summary>
    IMAGE_SCN_ALIGN_2BYTES = 0x0020_0000,
    /// <summary>Align data on a 4-byte boundary.</summary>
    IMAGE_SCN_ALIGN_4BYTES = 0x0030_0000,
    /// <summary>Align data on an 8-byte boundary.</summary>
    IMAGE_SCN_ALIGN_8BYTES = 0x0040_0000,
    /// <summary>Align data on a 16-byte boundary.</summary>
    IMAGE_SCN_ALIGN_16BYTES = 0x0050_0000,
    /// <summary>Align data on a 32-byte boundary.</summary>
    IMAGE_SCN_ALIGN_32BYTES = 0x0060_0000,
    /// <summary>Align data on a 64-byte boundary.</summary>
    IMAGE_SCN_ALIGN_64BYTES = 0x0070_0000,
    /// <summary>Align data on a 128-byte boundary.</summary>
    IMAGE_SCN_ALIGN_128BYTES = 0x0080_0000,
    /// <summary>Align data on a 256-byte boundary.</summary>
    IMAGE_SCN_ALIGN_256BYTES = 0x0090_0000,
    /// <summary>Align data on a 512-byte boundary.</summary>
    IMAGE_SCN_ALIGN_512BYTES = 0x00a0_0000,
    /// <summary>Align data on a 1024-byte boundary.</summary>
    IMAGE_SCN_ALIGN_1024BYTES = 0x00b0_0000,
    /// <summary>Align data on a 2048-byte boundary.</summary>
    IMAGE_SCN_ALIGN_2048BYTES = 0x00c0_0000,
    /// <summary>Align data on a 4096-byte boundary.</summary>
    IMAGE_SCN_ALIGN_4096BYTES = 0x00d0_0000,
    /// <summary>Align data on an 8192-byte boundary.</summary>
    IMAGE_SCN_ALIGN_8192BYTES = 0x00e0_0000,
    /// <summary>Mask of the alignment field.</summary>
    IMAGE_SCN_ALIGN_MASK = 0x00f0_0000,
    /// <summary>The section contains extended relocations: <c>NumberOfRelocations</c> is 0xFFFF and the first
    /// relocation record's <c>VirtualAddress</c> holds the real count (that record included).</summary>
    IMAGE_SCN_LNK_NRELOC_OVFL = 0x0100_0000,
    /// <summary>The section can be discarded as needed (debugging information).</summary>
    IMAGE_SCN_MEM_DISCARDABLE = 0x0200_0000,
    /// <summary>The section can be executed as code.</summary>
    IMAGE_SCN_MEM_EXECUTE = 0x2000_0000,
    /// <summary>The section can be read.</summary>
    IMAGE_SCN_MEM_READ = 0x4000_0000,
    /// <summary>The section can be written to.</summary>
    IMAGE_SCN_MEM_WRITE = 0x8000_0000,
}

/// <summary>Conversions between byte alignments and the <c>IMAGE_SCN_ALIGN_*</c> field.</summary>
public static class CoffSectionAlignment
{
    /// <summary>The largest alignment the field expresses (<c>IMAGE_SCN_ALIGN_8192BYTES</c>).</summary>
    public const int Maximum = 8192;

    /// <summary>The <c>IMAGE_SCN_ALIGN_*</c> value for <paramref name="alignment"/> bytes (a power of two up to 8192).</summary>
    /// <exception cref="NotSupportedException">The alignment exceeds 8192 bytes.</exception>
    public static CoffSectionCharacteristics Alignment(int alignment)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a power of two.");
        if (alignment > Maximum) throw new NotSupportedException($"COFF sections align to at most {Maximum} bytes, not {alignment}.");
        return (CoffSectionCharacteristics)((uint)(System.Numerics.BitOperations.Log2((uint)alignment) + 1) << 20);
    }

    /// <summary>The byte alignment <paramref name="characteristics"/> state, or 0 when its alignment field is empty.</summary>
    public static int AlignmentOf(CoffSectionCharacteristics characteristics)
    {
        uint field = ((uint)characteristics >> 20) & 0xf;
        return field == 0 ? 0 : 1 << (int)(field - 1);
    }
}
