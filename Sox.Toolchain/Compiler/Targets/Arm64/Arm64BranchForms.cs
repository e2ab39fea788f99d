using System.Buffers.Binary;
using Sox.Compiler.CodeGen.Emission;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The AArch64 branch facts for the shared <see cref="CodeBuffer"/> (Arm ARM C4.1.65 "Branches, Exception
/// Generating and System instructions"). B.cond, CBZ and CBNZ reach ±1 MiB (imm19 × 4), TBZ/TBNZ ±32 KiB
/// (imm14 × 4); each starts as its own 4-byte instruction, and one whose target is out of range becomes the
/// inverted branch skipping over an unconditional B (imm26, ±128 MiB): <c>b.ne far</c> → <c>b.eq +8; b far</c>,
/// <c>cbz x0, far</c> → <c>cbnz x0, +8; b far</c>. Offsets count from the instruction's own address, in words;
/// label fields are B/BL's imm26, LDR (literal)'s imm19 and ADR's 21-bit byte offset; padding is NOP words.
/// </summary>
internal sealed class Arm64BranchForms : IBranchForms
{
    /// <summary>Branch kind: B.cond, CBZ, CBNZ (imm19 at bits 23–5); the form is the word with a zero offset.</summary>
    public const int Imm19Branch = 0;

    /// <summary>Branch kind: TBZ, TBNZ (imm14 at bits 18–5); the form is the word with a zero offset.</summary>
    public const int Imm14Branch = 1;

    /// <summary>Label field kind: B, BL imm26 at bits 25–0, ×4.</summary>
    public const int Imm26 = 0;

    /// <summary>Label field kind: LDR (literal) imm19 at bits 23–5, ×4.</summary>
    public const int Imm19 = 1;

    /// <summary>Label field kind: ADR immhi (bits 23–5) : immlo (bits 30–29), ×1.</summary>
    public const int Adr21 = 2;

    /// <summary>The NOP word (HINT #0), also used for alignment padding (Arm ARM C6.2 NOP).</summary>
    public const uint NopWord = 0xD503_201F;

    /// <summary>The one instance (the forms are constant).</summary>
    public static Arm64BranchForms Instance { get; } = new();

    private Arm64BranchForms()
    {
    }

    /// <inheritdoc />
    public int InstructionAlignment => 4;

    /// <inheritdoc />
    public void WritePadding(Span<byte> gap)
    {
        for (var p = 0; p + 4 <= gap.Length; p += 4) BinaryPrimitives.WriteUInt32LittleEndian(gap[p..], NopWord);
    }

    /// <inheritdoc />
    public int ShortSize(int kind) => 4;

    /// <inheritdoc />
    public int LongSize(int kind) => 8;

    /// <inheritdoc />
    public bool FitsShort(int kind, long displacement) => Fits(displacement, Bits(kind));

    /// <inheritdoc />
    public void WriteShort(Span<byte> site, int kind, uint form, long displacement) =>
        BinaryPrimitives.WriteUInt32LittleEndian(site, form | BranchField(displacement, Bits(kind)));

    /// <inheritdoc />
    public bool TryWriteLong(Span<byte> site, int kind, uint form, long displacement)
    {
        if (!Fits(displacement - 4, 26)) return false;
        BinaryPrimitives.WriteUInt32LittleEndian(site, Invert(form) | BranchField(8, Bits(kind)));
        BinaryPrimitives.WriteUInt32LittleEndian(site[4..], 0x1400_0000u | (uint)((displacement - 4) >> 2) & 0x03FF_FFFF);
        return true;
    }

    /// <inheritdoc />
    public bool TryPatchField(Span<byte> field, int kind, long displacement)
    {
        uint bits;
        switch (kind)
        {
            case Imm26 when Fits(displacement, 26): bits = (uint)(displacement >> 2) & 0x03FF_FFFF; break;
            case Imm19 when Fits(displacement, 19): bits = BranchField(displacement, 19); break;
            case Adr21 when displacement is >= -(1 << 20) and < 1 << 20:
                bits = ((uint)displacement & 3) << 29 | ((uint)(displacement >> 2) & 0x7FFFF) << 5;
                break;
            default: return false;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(field, BinaryPrimitives.ReadUInt32LittleEndian(field) | bits);
        return true;
    }

    private static int Bits(int kind) => kind == Imm19Branch ? 19 : 14;

    /// <summary>Whether a byte displacement fits a signed <paramref name="bits"/>-bit word offset (always a multiple of 4 here).</summary>
    private static bool Fits(long displacement, int bits) =>
        displacement >= -(1L << (bits + 1)) && displacement < 1L << (bits + 1);

    /// <summary>The imm19 (bits 23–5) or imm14 (bits 18–5) field for a byte displacement.</summary>
    private static uint BranchField(long displacement, int bits) => ((uint)(displacement >> 2) & ((1u << bits) - 1)) << 5;

    /// <summary>
    /// The branch with the opposite condition: B.cond flips cond&lt;0&gt; (Arm ARM C1.2.4), CBZ↔CBNZ and TBZ↔TBNZ
    /// flip the op bit 24 (C4.1.65 "Compare and branch (immediate)", "Test and branch (immediate)").
    /// </summary>
    private static uint Invert(uint word) => (word & 0xFF00_0010) == 0x5400_0000 ? word ^ 1 : word ^ (1u << 24);
}
