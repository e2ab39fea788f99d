using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

// Control transfer and miscellany: CALL, JMP, Jcc, RET, SETcc, UD2, INT3, NOP (Intel SDM Vol. 2A–2B instruction
// pages). Relative branches count from the end of the instruction.
public sealed partial class X64Encoder
{
    /// <summary>
    /// <c>call symbol</c> — E8 cd, with an <see cref="RelocationKind.X64Branch32"/> relocation (addend −4) on the
    /// rel32 field. There is no symbol offset: a PLT32 branch must target the symbol itself (GNU as falls back
    /// to PC32 for <c>call sym+8</c>).
    /// </summary>
    public void Call_rel32(string symbol)
    {
        ThrowIfFinished();
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        Byte(0xE8);
        Buffer.Relocation(RelocationKind.X64Branch32, symbol, -4);
        Int32(0);
    }

    /// <summary><c>call label</c> — E8 cd to a label in this code.</summary>
    public void Call_rel32(Label target)
    {
        ThrowIfFinished();
        Buffer.CheckLabel(target);
        Byte(0xE8);
        LabelField(target, X64BranchForms.Rel32, 4);
    }

    /// <summary><c>call r64</c> — FF /2 (64-bit operand size is the default; no REX.W).</summary>
    public void Call_rm64(X64Register target) => EmitRegReg(0, false, [0xFF], 2, Gpr(target));

    /// <summary>
    /// <c>call qword [mem]</c> — FF /2, e.g. through a closure's code pointer or a GOT entry. Note: for a GOT entry
    /// GNU as emits R_X86_64_GOTPCRELX (no REX), while a <c>mov</c> GOT load gets R_X86_64_REX_GOTPCRELX; both are
    /// recorded as <see cref="RelocationKind.X64GotLoad32"/>, so an ELF writer must tell them apart by the opcode
    /// (or use plain R_X86_64_GOTPCREL, which linkers never rewrite).
    /// </summary>
    public void Call_rm64(X64Memory target) => EmitRegMem(0, false, [0xFF], 2, target, 0);

    /// <summary>
    /// <c>jmp label</c>, relaxed: EB cb when the final displacement fits in a signed byte, else E9 cd
    /// (see the class remarks for the relaxation).
    /// </summary>
    public void Jmp(Label target) => Buffer.Branch(X64BranchForms.Jmp, 0, target);

    /// <summary><c>jmp rel8</c> — EB cb, forced short; <see cref="InstructionEncoder.Finish"/> throws if the target is out of range.</summary>
    public void Jmp_rel8(Label target)
    {
        ThrowIfFinished();
        Buffer.CheckLabel(target);
        Byte(0xEB);
        LabelField(target, X64BranchForms.Rel8, 1);
    }

    /// <summary><c>jmp rel32</c> — E9 cd, forced near.</summary>
    public void Jmp_rel32(Label target)
    {
        ThrowIfFinished();
        Buffer.CheckLabel(target);
        Byte(0xE9);
        LabelField(target, X64BranchForms.Rel32, 4);
    }

    /// <summary><c>jmp symbol</c> (a tail call) — E9 cd with an <see cref="RelocationKind.X64Branch32"/> relocation.</summary>
    public void Jmp_rel32(string symbol)
    {
        ThrowIfFinished();
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        Byte(0xE9);
        Buffer.Relocation(RelocationKind.X64Branch32, symbol, -4);
        Int32(0);
    }

    /// <summary><c>jmp r64</c> — FF /4.</summary>
    public void Jmp_rm64(X64Register target) => EmitRegReg(0, false, [0xFF], 4, Gpr(target));

    /// <summary><c>jmp qword [mem]</c> — FF /4.</summary>
    public void Jmp_rm64(X64Memory target) => EmitRegMem(0, false, [0xFF], 4, target, 0);

    /// <summary><c>jcc label</c>, relaxed: 70+cc cb when the displacement fits in a signed byte, else 0F 80+cc cd.</summary>
    public void Jcc(X64Condition condition, Label target)
    {
        Cc(condition);
        Buffer.Branch(X64BranchForms.Jcc, (uint)condition, target);
    }

    /// <summary><c>jcc rel8</c> — 70+cc cb, forced short; <see cref="InstructionEncoder.Finish"/> throws if the target is out of range.</summary>
    public void Jcc_rel8(X64Condition condition, Label target)
    {
        ThrowIfFinished();
        Buffer.CheckLabel(target);
        Byte(0x70 | Cc(condition));
        LabelField(target, X64BranchForms.Rel8, 1);
    }

    /// <summary><c>jcc rel32</c> — 0F 80+cc cd, forced near.</summary>
    public void Jcc_rel32(X64Condition condition, Label target)
    {
        ThrowIfFinished();
        Buffer.CheckLabel(target);
        Byte(0x0F);
        Byte(0x80 | Cc(condition));
        LabelField(target, X64BranchForms.Rel32, 4);
    }

    /// <summary><c>ret</c> — C3.</summary>
    public void Ret()
    {
        ThrowIfFinished();
        Byte(0xC3);
    }

    /// <summary>
    /// <c>setcc r8</c> — 0F 90+cc /0 (ModRM.reg is ignored and encoded as 0, as assemblers do); a REX prefix for
    /// SPL/BPL/SIL/DIL.
    /// </summary>
    public void Setcc_rm8(X64Condition condition, X64Register dst)
    {
        var d = Gpr(dst);
        EmitRegReg(0, false, [0x0F, (byte)(0x90 | Cc(condition))], 0, d, ByteRegisterNeedsRex(d));
    }

    /// <summary><c>ud2</c>, the guaranteed invalid opcode — 0F 0B.</summary>
    public void Ud2()
    {
        ThrowIfFinished();
        Byte(0x0F);
        Byte(0x0B);
    }

    /// <summary><c>int3</c>, the breakpoint trap — CC.</summary>
    public void Int3()
    {
        ThrowIfFinished();
        Byte(0xCC);
    }

    /// <summary><c>nop</c> — 90.</summary>
    public void Nop()
    {
        ThrowIfFinished();
        Byte(0x90);
    }

    /// <summary>Exactly <paramref name="length"/> bytes of NOPs, using the recommended multi-byte forms.</summary>
    public void Nop(int length)
    {
        ThrowIfFinished();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteNops(Buffer.Reserve(length));
    }

    /// <summary>
    /// Fills <paramref name="span"/> with the recommended multi-byte NOP sequences, at most 9 bytes each
    /// (SDM Vol. 2B, "NOP—No Operation", Table 4-12).
    /// </summary>
    internal static void WriteNops(Span<byte> span)
    {
        while (span.Length > 0)
        {
            var n = Math.Min(span.Length, 9);
            Nops[n].CopyTo(span);
            span = span[n..];
        }
    }

    private static readonly byte[][] Nops =
    [
        [],
        [0x90],
        [0x66, 0x90],
        [0x0F, 0x1F, 0x00],
        [0x0F, 0x1F, 0x40, 0x00],
        [0x0F, 0x1F, 0x44, 0x00, 0x00],
        [0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00],
        [0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00],
        [0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
        [0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    ];
}
