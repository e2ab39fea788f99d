using System.Buffers.Binary;
using Sox.Compiler.CodeGen.Emission;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// The x86-64 branch facts for the shared <see cref="CodeBuffer"/>: JMP and Jcc relax from rel8 (EB cb, 70+cc cb;
/// 2 bytes) to rel32 (E9 cd, 5 bytes; 0F 80+cc cd, 6 bytes), label fields are rel8 or rel32 displacements, and
/// padding is the recommended multi-byte NOPs (Intel SDM Vol. 2A "JMP", "Jcc"; Vol. 2B "NOP"). Relative
/// branches and RIP-relative fields count from the end of the instruction.
/// </summary>
internal sealed class X64BranchForms : IBranchForms
{
    /// <summary>Branch kind: <c>jmp label</c>.</summary>
    public const int Jmp = 0;

    /// <summary>Branch kind: <c>jcc label</c>; the form is the condition's <c>cc</c> nibble.</summary>
    public const int Jcc = 1;

    /// <summary>Label field kind: a signed byte.</summary>
    public const int Rel8 = 1;

    /// <summary>Label field kind: a signed 32-bit displacement.</summary>
    public const int Rel32 = 4;

    /// <summary>The one instance (the forms are constant).</summary>
    public static X64BranchForms Instance { get; } = new();

    private X64BranchForms()
    {
    }

    /// <inheritdoc />
    public int InstructionAlignment => 1;

    /// <inheritdoc />
    public void WritePadding(Span<byte> gap) => X64Encoder.WriteNops(gap);

    /// <inheritdoc />
    public int ShortSize(int kind) => 2;

    /// <inheritdoc />
    public int LongSize(int kind) => kind == Jmp ? 5 : 6;

    /// <inheritdoc />
    public bool FitsShort(int kind, long displacement) => displacement - 2 is >= sbyte.MinValue and <= sbyte.MaxValue;

    /// <inheritdoc />
    public void WriteShort(Span<byte> site, int kind, uint form, long displacement)
    {
        site[0] = kind == Jmp ? (byte)0xEB : (byte)(0x70 | form);   // JMP rel8: EB cb; Jcc rel8: 70+cc cb
        site[1] = (byte)(displacement - 2);
    }

    /// <inheritdoc />
    public bool TryWriteLong(Span<byte> site, int kind, uint form, long displacement)
    {
        var rel = displacement - site.Length;
        if (rel is < int.MinValue or > int.MaxValue) return false;
        if (kind == Jmp)
        {
            site[0] = 0xE9;                                                 // JMP rel32: E9 cd
        }
        else
        {
            site[0] = 0x0F;                                                 // Jcc rel32: 0F 80+cc cd
            site[1] = (byte)(0x80 | form);
        }
        BinaryPrimitives.WriteInt32LittleEndian(site[(site.Length - 4)..], (int)rel);
        return true;
    }

    /// <inheritdoc />
    public bool TryPatchField(Span<byte> field, int kind, long displacement)
    {
        if (kind == Rel8)
        {
            if (displacement is < sbyte.MinValue or > sbyte.MaxValue) return false;
            field[0] = (byte)displacement;
            return true;
        }
        if (displacement is < int.MinValue or > int.MaxValue) return false;
        BinaryPrimitives.WriteInt32LittleEndian(field, (int)displacement);
        return true;
    }
}
