namespace Sox.Compiler.Targets.X64;

// Data movement. Opcodes from the Intel SDM Vol. 2 instruction pages: MOV (2B §4.3 "MOV—Move"), MOVZX, MOVSXD
// ("MOVSX/MOVSXD"), LEA, PUSH, POP, CMOVcc. "/r" = ModRM.reg holds a register, "/0" = ModRM.reg holds 0.
public sealed partial class X64Encoder
{
    /// <summary><c>mov r/m64, r64</c> — REX.W 89 /r.</summary>
    public void Mov_rm64_r64(X64Register dst, X64Register src) => EmitRegReg(0, true, [0x89], Gpr(src), Gpr(dst));

    /// <summary><c>mov qword [mem], r64</c> — REX.W 89 /r.</summary>
    public void Mov_rm64_r64(X64Memory dst, X64Register src) => EmitRegMem(0, true, [0x89], Gpr(src), dst, 0);

    /// <summary><c>mov r64, qword [mem]</c> — REX.W 8B /r. With <see cref="X64Memory.GotEntry"/> this is the GOT load.</summary>
    public void Mov_r64_rm64(X64Register dst, X64Memory src) => EmitRegMem(0, true, [0x8B], Gpr(dst), src, 0);

    /// <summary><c>mov r/m32, r32</c> — 89 /r (writing a 32-bit register zeroes bits 63:32).</summary>
    public void Mov_rm32_r32(X64Register dst, X64Register src) => EmitRegReg(0, false, [0x89], Gpr(src), Gpr(dst));

    /// <summary><c>mov dword [mem], r32</c> — 89 /r.</summary>
    public void Mov_rm32_r32(X64Memory dst, X64Register src) => EmitRegMem(0, false, [0x89], Gpr(src), dst, 0);

    /// <summary><c>mov r32, dword [mem]</c> — 8B /r (zero-extends into the 64-bit register).</summary>
    public void Mov_r32_rm32(X64Register dst, X64Memory src) => EmitRegMem(0, false, [0x8B], Gpr(dst), src, 0);

    /// <summary><c>mov byte [mem], r8</c> — 88 /r; REX for SPL/BPL/SIL/DIL.</summary>
    public void Mov_rm8_r8(X64Memory dst, X64Register src)
    {
        var s = Gpr(src);
        EmitRegMem(0, false, [0x88], s, dst, 0, ByteRegisterNeedsRex(s));
    }

    /// <summary><c>mov byte [mem], imm8</c> — C6 /0 ib.</summary>
    public void Mov_rm8_imm8(X64Memory dst, byte imm)
    {
        EmitRegMem(0, false, [0xC6], 0, dst, 1);
        Byte(imm);
    }

    /// <summary><c>mov dword [mem], imm32</c> — C7 /0 id.</summary>
    public void Mov_rm32_imm32(X64Memory dst, int imm)
    {
        EmitRegMem(0, false, [0xC7], 0, dst, 4);
        Int32(imm);
    }

    /// <summary><c>mov r/m64, imm32</c> (sign-extended) — REX.W C7 /0 id.</summary>
    public void Mov_rm64_imm32(X64Register dst, int imm)
    {
        EmitRegReg(0, true, [0xC7], 0, Gpr(dst));
        Int32(imm);
    }

    /// <summary><c>mov qword [mem], imm32</c> (sign-extended) — REX.W C7 /0 id.</summary>
    public void Mov_rm64_imm32(X64Memory dst, int imm)
    {
        EmitRegMem(0, true, [0xC7], 0, dst, 4);
        Int32(imm);
    }

    /// <summary><c>mov r32, imm32</c> (zero-extends into the 64-bit register) — B8+rd id.</summary>
    public void Mov_r32_imm32(X64Register dst, uint imm)
    {
        ThrowIfFinished();
        var d = Gpr(dst);
        Rex(false, 0, 0, d, false);
        Byte(0xB8 | (d & 7));
        Int32((int)imm);
    }

    /// <summary><c>mov r64, imm64</c> ("movabs") — REX.W B8+rd io, always 10 bytes.</summary>
    public void Mov_r64_imm64(X64Register dst, long imm)
    {
        ThrowIfFinished();
        var d = Gpr(dst);
        Rex(true, 0, 0, d, false);
        Byte(0xB8 | (d & 7));
        Int64(imm);
    }

    /// <summary>
    /// Loads a 64-bit constant with the shortest form: <c>mov r32, imm32</c> for 0…2³²−1 (5–6 bytes), else
    /// <c>mov r/m64, imm32</c> sign-extended for −2³¹…−1 (7 bytes), else <c>movabs</c> (10 bytes). Flags are
    /// untouched (unlike the <c>xor r32, r32</c> idiom for zero, which callers may use explicitly).
    /// </summary>
    public void Mov_r64_imm(X64Register dst, long imm)
    {
        if (imm is >= 0 and <= uint.MaxValue) Mov_r32_imm32(dst, (uint)imm);
        else if (imm is >= int.MinValue and <= int.MaxValue) Mov_rm64_imm32(dst, (int)imm);
        else Mov_r64_imm64(dst, imm);
    }

    /// <summary><c>movzx r32, r8</c> — 0F B6 /r; REX for SPL/BPL/SIL/DIL sources.</summary>
    public void Movzx_r32_rm8(X64Register dst, X64Register src)
    {
        var s = Gpr(src);
        EmitRegReg(0, false, [0x0F, 0xB6], Gpr(dst), s, ByteRegisterNeedsRex(s));
    }

    /// <summary><c>movzx r32, byte [mem]</c> — 0F B6 /r.</summary>
    public void Movzx_r32_rm8(X64Register dst, X64Memory src) => EmitRegMem(0, false, [0x0F, 0xB6], Gpr(dst), src, 0);

    /// <summary><c>movzx r32, r16</c> — 0F B7 /r.</summary>
    public void Movzx_r32_rm16(X64Register dst, X64Register src) => EmitRegReg(0, false, [0x0F, 0xB7], Gpr(dst), Gpr(src));

    /// <summary><c>movzx r32, word [mem]</c> — 0F B7 /r.</summary>
    public void Movzx_r32_rm16(X64Register dst, X64Memory src) => EmitRegMem(0, false, [0x0F, 0xB7], Gpr(dst), src, 0);

    /// <summary><c>movsxd r64, r32</c> — REX.W 63 /r.</summary>
    public void Movsxd_r64_rm32(X64Register dst, X64Register src) => EmitRegReg(0, true, [0x63], Gpr(dst), Gpr(src));

    /// <summary><c>movsxd r64, dword [mem]</c> — REX.W 63 /r.</summary>
    public void Movsxd_r64_rm32(X64Register dst, X64Memory src) => EmitRegMem(0, true, [0x63], Gpr(dst), src, 0);

    /// <summary><c>lea r64, [mem]</c> — REX.W 8D /r; with a RIP-relative symbol, the PC-relative address of the symbol.</summary>
    public void Lea_r64_m(X64Register dst, X64Memory src) => EmitRegMem(0, true, [0x8D], Gpr(dst), src, 0);

    /// <summary><c>push r64</c> — 50+rd (REX.B for R8–R15; 64-bit operand size is the default).</summary>
    public void Push_r64(X64Register register)
    {
        ThrowIfFinished();
        var r = Gpr(register);
        Rex(false, 0, 0, r, false);
        Byte(0x50 | (r & 7));
    }

    /// <summary><c>pop r64</c> — 58+rd.</summary>
    public void Pop_r64(X64Register register)
    {
        ThrowIfFinished();
        var r = Gpr(register);
        Rex(false, 0, 0, r, false);
        Byte(0x58 | (r & 7));
    }

    /// <summary><c>cmovcc r64, r/m64</c> — REX.W 0F 40+cc /r.</summary>
    public void Cmovcc_r64_rm64(X64Condition condition, X64Register dst, X64Register src) =>
        EmitRegReg(0, true, [0x0F, (byte)(0x40 | Cc(condition))], Gpr(dst), Gpr(src));

    /// <summary><c>cmovcc r64, qword [mem]</c> — REX.W 0F 40+cc /r.</summary>
    public void Cmovcc_r64_rm64(X64Condition condition, X64Register dst, X64Memory src) =>
        EmitRegMem(0, true, [0x0F, (byte)(0x40 | Cc(condition))], Gpr(dst), src, 0);

    private static int Cc(X64Condition condition) => (int)condition <= 15
        ? (int)condition
        : throw new ArgumentOutOfRangeException(nameof(condition), condition, "Not a condition code.");
}
