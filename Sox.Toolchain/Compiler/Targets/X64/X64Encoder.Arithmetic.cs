namespace Sox.Compiler.Targets.X64;

// TEST, IMUL, NEG, NOT, IDIV, CQO and the shifts (Intel SDM Vol. 2A–2B instruction pages; the F7 and C1/D1/D3
// groups use ModRM.reg as an opcode extension, SDM Vol. 2D Table A-6, groups 2 and 3).
public sealed partial class X64Encoder
{
    /// <summary><c>test r/m64, r64</c> — REX.W 85 /r.</summary>
    public void Test_rm64_r64(X64Register dst, X64Register src) => EmitRegReg(0, true, [0x85], Gpr(src), Gpr(dst));

    /// <summary><c>test qword [mem], r64</c> — REX.W 85 /r.</summary>
    public void Test_rm64_r64(X64Memory dst, X64Register src) => EmitRegMem(0, true, [0x85], Gpr(src), dst, 0);

    /// <summary><c>test r/m32, r32</c> — 85 /r.</summary>
    public void Test_rm32_r32(X64Register dst, X64Register src) => EmitRegReg(0, false, [0x85], Gpr(src), Gpr(dst));

    /// <summary><c>test r/m8, r8</c> — 84 /r (e.g. <c>test al, al</c> on a C <c>bool</c>); REX for SPL/BPL/SIL/DIL.</summary>
    public void Test_rm8_r8(X64Register dst, X64Register src)
    {
        int d = Gpr(dst), s = Gpr(src);
        EmitRegReg(0, false, [0x84], s, d, ByteRegisterNeedsRex(d) || ByteRegisterNeedsRex(s));
    }

    /// <summary><c>test r/m64, imm32</c> (sign-extended) — REX.W F7 /0 id.</summary>
    public void Test_rm64_imm32(X64Register dst, int imm)
    {
        EmitRegReg(0, true, [0xF7], 0, Gpr(dst));
        Int32(imm);
    }

    /// <summary><c>test qword [mem], imm32</c> (sign-extended) — REX.W F7 /0 id.</summary>
    public void Test_rm64_imm32(X64Memory dst, int imm)
    {
        EmitRegMem(0, true, [0xF7], 0, dst, 4);
        Int32(imm);
    }

    /// <summary><c>test rax, imm32</c> — REX.W A9 id.</summary>
    public void Test_RAX_imm32(int imm)
    {
        ThrowIfFinished();
        Byte(0x48);
        Byte(0xA9);
        Int32(imm);
    }

    /// <summary><c>test r64, imm32</c>, shortest form (the A9 form for RAX). TEST has no imm8 form.</summary>
    public void Test_rm64_imm(X64Register dst, int imm)
    {
        if (dst == X64Register.Rax) Test_RAX_imm32(imm);
        else Test_rm64_imm32(dst, imm);
    }

    /// <summary><c>imul r64, r/m64</c> — REX.W 0F AF /r.</summary>
    public void Imul_r64_rm64(X64Register dst, X64Register src) => EmitRegReg(0, true, [0x0F, 0xAF], Gpr(dst), Gpr(src));

    /// <summary><c>imul r64, qword [mem]</c> — REX.W 0F AF /r.</summary>
    public void Imul_r64_rm64(X64Register dst, X64Memory src) => EmitRegMem(0, true, [0x0F, 0xAF], Gpr(dst), src, 0);

    /// <summary><c>imul r64, r/m64, imm8</c> — REX.W 6B /r ib.</summary>
    public void Imul_r64_rm64_imm8(X64Register dst, X64Register src, sbyte imm)
    {
        EmitRegReg(0, true, [0x6B], Gpr(dst), Gpr(src));
        Byte(imm);
    }

    /// <summary><c>imul r64, qword [mem], imm8</c> — REX.W 6B /r ib.</summary>
    public void Imul_r64_rm64_imm8(X64Register dst, X64Memory src, sbyte imm)
    {
        EmitRegMem(0, true, [0x6B], Gpr(dst), src, 1);
        Byte(imm);
    }

    /// <summary><c>imul r64, r/m64, imm32</c> — REX.W 69 /r id.</summary>
    public void Imul_r64_rm64_imm32(X64Register dst, X64Register src, int imm)
    {
        EmitRegReg(0, true, [0x69], Gpr(dst), Gpr(src));
        Int32(imm);
    }

    /// <summary><c>imul r64, qword [mem], imm32</c> — REX.W 69 /r id.</summary>
    public void Imul_r64_rm64_imm32(X64Register dst, X64Memory src, int imm)
    {
        EmitRegMem(0, true, [0x69], Gpr(dst), src, 4);
        Int32(imm);
    }

    /// <summary><c>imul r64, r/m64, imm</c>, shortest form (imm8 when the value fits).</summary>
    public void Imul_r64_rm64_imm(X64Register dst, X64Register src, int imm)
    {
        if (FitsInt8(imm)) Imul_r64_rm64_imm8(dst, src, (sbyte)imm);
        else Imul_r64_rm64_imm32(dst, src, imm);
    }

    /// <summary><c>neg r/m64</c> — REX.W F7 /3.</summary>
    public void Neg_rm64(X64Register dst) => EmitRegReg(0, true, [0xF7], 3, Gpr(dst));

    /// <summary><c>neg qword [mem]</c> — REX.W F7 /3.</summary>
    public void Neg_rm64(X64Memory dst) => EmitRegMem(0, true, [0xF7], 3, dst, 0);

    /// <summary><c>not r/m64</c> — REX.W F7 /2.</summary>
    public void Not_rm64(X64Register dst) => EmitRegReg(0, true, [0xF7], 2, Gpr(dst));

    /// <summary><c>not qword [mem]</c> — REX.W F7 /2.</summary>
    public void Not_rm64(X64Memory dst) => EmitRegMem(0, true, [0xF7], 2, dst, 0);

    /// <summary><c>idiv r/m64</c>: RDX:RAX / src → quotient RAX, remainder RDX — REX.W F7 /7.</summary>
    public void Idiv_rm64(X64Register src) => EmitRegReg(0, true, [0xF7], 7, Gpr(src));

    /// <summary><c>idiv qword [mem]</c> — REX.W F7 /7.</summary>
    public void Idiv_rm64(X64Memory src) => EmitRegMem(0, true, [0xF7], 7, src, 0);

    /// <summary><c>cqo</c>: sign-extend RAX into RDX:RAX before <c>idiv</c> — REX.W 99.</summary>
    public void Cqo()
    {
        ThrowIfFinished();
        Byte(0x48);
        Byte(0x99);
    }

    /// <summary><c>shl r/m64, imm8</c> — REX.W C1 /4 ib; a count of 1 uses the shorter REX.W D1 /4.</summary>
    public void Shl_rm64_imm8(X64Register dst, byte count) => ShiftImm(4, dst, count);

    /// <summary><c>shr r/m64, imm8</c> (logical) — REX.W C1 /5 ib; a count of 1 uses REX.W D1 /5.</summary>
    public void Shr_rm64_imm8(X64Register dst, byte count) => ShiftImm(5, dst, count);

    /// <summary><c>sar r/m64, imm8</c> (arithmetic) — REX.W C1 /7 ib; a count of 1 uses REX.W D1 /7.</summary>
    public void Sar_rm64_imm8(X64Register dst, byte count) => ShiftImm(7, dst, count);

    /// <summary><c>shl r/m64, cl</c> — REX.W D3 /4.</summary>
    public void Shl_rm64_CL(X64Register dst) => EmitRegReg(0, true, [0xD3], 4, Gpr(dst));

    /// <summary><c>shr r/m64, cl</c> — REX.W D3 /5.</summary>
    public void Shr_rm64_CL(X64Register dst) => EmitRegReg(0, true, [0xD3], 5, Gpr(dst));

    /// <summary><c>sar r/m64, cl</c> — REX.W D3 /7.</summary>
    public void Sar_rm64_CL(X64Register dst) => EmitRegReg(0, true, [0xD3], 7, Gpr(dst));

    private void ShiftImm(int extension, X64Register dst, byte count)
    {
        if (count == 1)
        {
            EmitRegReg(0, true, [0xD1], extension, Gpr(dst));
            return;
        }
        EmitRegReg(0, true, [0xC1], extension, Gpr(dst));
        Byte(count);
    }
}
