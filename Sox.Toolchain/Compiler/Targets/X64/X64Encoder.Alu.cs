namespace Sox.Compiler.Targets.X64;

// The ALU group ADD/OR/ADC/SBB/AND/SUB/XOR/CMP, parameterised by X64AluOp (SDM Vol. 2A/2B instruction pages,
// e.g. "ADD—Add": REX.W 01 /r, REX.W 03 /r, REX.W 05 id, REX.W 81 /0 id, REX.W 83 /0 ib).
// Named per-operation wrappers are in X64Encoder.AluNamed.cs.
public sealed partial class X64Encoder
{
    /// <summary><c>op r/m64, r64</c> — REX.W (op*8+1) /r.</summary>
    public void Alu_rm64_r64(X64AluOp op, X64Register dst, X64Register src) =>
        EmitRegReg(0, true, [(byte)(Op(op) * 8 + 1)], Gpr(src), Gpr(dst));

    /// <summary><c>op qword [mem], r64</c> — REX.W (op*8+1) /r.</summary>
    public void Alu_rm64_r64(X64AluOp op, X64Memory dst, X64Register src) =>
        EmitRegMem(0, true, [(byte)(Op(op) * 8 + 1)], Gpr(src), dst, 0);

    /// <summary><c>op r64, qword [mem]</c> — REX.W (op*8+3) /r.</summary>
    public void Alu_r64_rm64(X64AluOp op, X64Register dst, X64Memory src) =>
        EmitRegMem(0, true, [(byte)(Op(op) * 8 + 3)], Gpr(dst), src, 0);

    /// <summary><c>op r/m64, imm8</c> (sign-extended) — REX.W 83 /op ib.</summary>
    public void Alu_rm64_imm8(X64AluOp op, X64Register dst, sbyte imm)
    {
        EmitRegReg(0, true, [0x83], Op(op), Gpr(dst));
        Byte(imm);
    }

    /// <summary><c>op qword [mem], imm8</c> (sign-extended) — REX.W 83 /op ib.</summary>
    public void Alu_rm64_imm8(X64AluOp op, X64Memory dst, sbyte imm)
    {
        EmitRegMem(0, true, [0x83], Op(op), dst, 1);
        Byte(imm);
    }

    /// <summary><c>op r/m64, imm32</c> (sign-extended) — REX.W 81 /op id.</summary>
    public void Alu_rm64_imm32(X64AluOp op, X64Register dst, int imm)
    {
        EmitRegReg(0, true, [0x81], Op(op), Gpr(dst));
        Int32(imm);
    }

    /// <summary><c>op qword [mem], imm32</c> (sign-extended) — REX.W 81 /op id.</summary>
    public void Alu_rm64_imm32(X64AluOp op, X64Memory dst, int imm)
    {
        EmitRegMem(0, true, [0x81], Op(op), dst, 4);
        Int32(imm);
    }

    /// <summary><c>op rax, imm32</c> (sign-extended) — REX.W (op*8+5) id, the one-byte-shorter RAX form.</summary>
    public void Alu_RAX_imm32(X64AluOp op, int imm)
    {
        ThrowIfFinished();
        Byte(0x48);
        Byte(Op(op) * 8 + 5);
        Int32(imm);
    }

    /// <summary>
    /// <c>op r64, imm</c> in the shortest form: imm8 when the value fits in a signed byte, else the RAX form for
    /// RAX, else imm32.
    /// </summary>
    public void Alu_rm64_imm(X64AluOp op, X64Register dst, int imm)
    {
        if (FitsInt8(imm)) Alu_rm64_imm8(op, dst, (sbyte)imm);
        else if (dst == X64Register.Rax) Alu_RAX_imm32(op, imm);
        else Alu_rm64_imm32(op, dst, imm);
    }

    /// <summary><c>op qword [mem], imm</c> in the shortest form (imm8 when the value fits, else imm32).</summary>
    public void Alu_rm64_imm(X64AluOp op, X64Memory dst, int imm)
    {
        if (FitsInt8(imm)) Alu_rm64_imm8(op, dst, (sbyte)imm);
        else Alu_rm64_imm32(op, dst, imm);
    }

    /// <summary><c>op r/m32, r32</c> — (op*8+1) /r; e.g. <c>xor eax, eax</c> zeroes RAX.</summary>
    public void Alu_rm32_r32(X64AluOp op, X64Register dst, X64Register src) =>
        EmitRegReg(0, false, [(byte)(Op(op) * 8 + 1)], Gpr(src), Gpr(dst));

    /// <summary>
    /// <c>op r32, imm</c> in the shortest form: 83 /op ib, (op*8+5) id for EAX, else 81 /op id.
    /// </summary>
    public void Alu_rm32_imm(X64AluOp op, X64Register dst, int imm)
    {
        var d = Gpr(dst);
        if (FitsInt8(imm))
        {
            EmitRegReg(0, false, [0x83], Op(op), d);
            Byte(imm);
        }
        else if (d == 0)
        {
            ThrowIfFinished();
            Byte(Op(op) * 8 + 5);
            Int32(imm);
        }
        else
        {
            EmitRegReg(0, false, [0x81], Op(op), d);
            Int32(imm);
        }
    }

    private static int Op(X64AluOp op) => (int)op <= 7
        ? (int)op
        : throw new ArgumentOutOfRangeException(nameof(op), op, "Not an ALU operation.");
}
