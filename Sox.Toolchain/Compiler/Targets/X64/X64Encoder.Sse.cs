namespace Sox.Compiler.Targets.X64;

// SSE/SSE2 (and SSE4.1 ROUNDSD) scalar double/float forms (Intel SDM Vol. 2 instruction pages). The mandatory
// prefix (66/F2/F3) precedes REX, which precedes the 0F escape (SDM Vol. 2A §2.2.1, "REX Prefixes").
public sealed partial class X64Encoder
{
    /// <summary><c>movq xmm, r64</c> — 66 REX.W 0F 6E /r.</summary>
    public void Movq_xmm_rm64(X64Register dst, X64Register src) => EmitRegReg(0x66, true, [0x0F, 0x6E], Xmm(dst), Gpr(src));

    /// <summary><c>movq r64, xmm</c> — 66 REX.W 0F 7E /r (the XMM register is in ModRM.reg).</summary>
    public void Movq_rm64_xmm(X64Register dst, X64Register src) => EmitRegReg(0x66, true, [0x0F, 0x7E], Xmm(src), Gpr(dst));

    /// <summary><c>movd xmm, r32</c> — 66 0F 6E /r.</summary>
    public void Movd_xmm_rm32(X64Register dst, X64Register src) => EmitRegReg(0x66, false, [0x0F, 0x6E], Xmm(dst), Gpr(src));

    /// <summary><c>movd r32, xmm</c> — 66 0F 7E /r.</summary>
    public void Movd_rm32_xmm(X64Register dst, X64Register src) => EmitRegReg(0x66, false, [0x0F, 0x7E], Xmm(src), Gpr(dst));

    /// <summary><c>movsd xmm, xmm</c> (merges the low 64 bits) — F2 0F 10 /r.</summary>
    public void Movsd_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x10], dst, src);

    /// <summary><c>movsd xmm, qword [mem]</c> (zeroes the upper half) — F2 0F 10 /r.</summary>
    public void Movsd_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x10], dst, src);

    /// <summary><c>movsd qword [mem], xmm</c> — F2 0F 11 /r.</summary>
    public void Movsd_xmmm64_xmm(X64Memory dst, X64Register src) => SseRM(0xF2, [0x0F, 0x11], src, dst);

    /// <summary><c>movss xmm, xmm</c> — F3 0F 10 /r.</summary>
    public void Movss_xmm_xmmm32(X64Register dst, X64Register src) => SseRR(0xF3, [0x0F, 0x10], dst, src);

    /// <summary><c>movss xmm, dword [mem]</c> — F3 0F 10 /r.</summary>
    public void Movss_xmm_xmmm32(X64Register dst, X64Memory src) => SseRM(0xF3, [0x0F, 0x10], dst, src);

    /// <summary><c>movss dword [mem], xmm</c> — F3 0F 11 /r.</summary>
    public void Movss_xmmm32_xmm(X64Memory dst, X64Register src) => SseRM(0xF3, [0x0F, 0x11], src, dst);

    /// <summary><c>movapd xmm, xmm</c>, a full register copy without a merge dependency — 66 0F 28 /r.</summary>
    public void Movapd_xmm_xmmm128(X64Register dst, X64Register src) => SseRR(0x66, [0x0F, 0x28], dst, src);

    /// <summary><c>addsd xmm, xmm</c> — F2 0F 58 /r.</summary>
    public void Addsd_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x58], dst, src);

    /// <summary><c>addsd xmm, qword [mem]</c> — F2 0F 58 /r.</summary>
    public void Addsd_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x58], dst, src);

    /// <summary><c>subsd xmm, xmm</c> — F2 0F 5C /r.</summary>
    public void Subsd_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x5C], dst, src);

    /// <summary><c>subsd xmm, qword [mem]</c> — F2 0F 5C /r.</summary>
    public void Subsd_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x5C], dst, src);

    /// <summary><c>mulsd xmm, xmm</c> — F2 0F 59 /r.</summary>
    public void Mulsd_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x59], dst, src);

    /// <summary><c>mulsd xmm, qword [mem]</c> — F2 0F 59 /r.</summary>
    public void Mulsd_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x59], dst, src);

    /// <summary><c>divsd xmm, xmm</c> — F2 0F 5E /r.</summary>
    public void Divsd_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x5E], dst, src);

    /// <summary><c>divsd xmm, qword [mem]</c> — F2 0F 5E /r.</summary>
    public void Divsd_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x5E], dst, src);

    /// <summary><c>sqrtsd xmm, xmm</c> — F2 0F 51 /r.</summary>
    public void Sqrtsd_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x51], dst, src);

    /// <summary><c>sqrtsd xmm, qword [mem]</c> — F2 0F 51 /r.</summary>
    public void Sqrtsd_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x51], dst, src);

    /// <summary><c>ucomisd xmm, xmm</c> (quiet compare; unordered sets ZF, PF and CF) — 66 0F 2E /r.</summary>
    public void Ucomisd_xmm_xmmm64(X64Register left, X64Register right) => SseRR(0x66, [0x0F, 0x2E], left, right);

    /// <summary><c>ucomisd xmm, qword [mem]</c> — 66 0F 2E /r.</summary>
    public void Ucomisd_xmm_xmmm64(X64Register left, X64Memory right) => SseRM(0x66, [0x0F, 0x2E], left, right);

    /// <summary><c>comisd xmm, xmm</c> (signalling compare) — 66 0F 2F /r.</summary>
    public void Comisd_xmm_xmmm64(X64Register left, X64Register right) => SseRR(0x66, [0x0F, 0x2F], left, right);

    /// <summary><c>comisd xmm, qword [mem]</c> — 66 0F 2F /r.</summary>
    public void Comisd_xmm_xmmm64(X64Register left, X64Memory right) => SseRM(0x66, [0x0F, 0x2F], left, right);

    /// <summary><c>cvtsi2sd xmm, r64</c> — F2 REX.W 0F 2A /r.</summary>
    public void Cvtsi2sd_xmm_rm64(X64Register dst, X64Register src) => EmitRegReg(0xF2, true, [0x0F, 0x2A], Xmm(dst), Gpr(src));

    /// <summary><c>cvtsi2sd xmm, qword [mem]</c> — F2 REX.W 0F 2A /r.</summary>
    public void Cvtsi2sd_xmm_rm64(X64Register dst, X64Memory src) => EmitRegMem(0xF2, true, [0x0F, 0x2A], Xmm(dst), src, 0);

    /// <summary><c>cvttsd2si r64, xmm</c> (truncating; 2⁶³ "integer indefinite" on overflow/NaN) — F2 REX.W 0F 2C /r.</summary>
    public void Cvttsd2si_r64_xmmm64(X64Register dst, X64Register src) => EmitRegReg(0xF2, true, [0x0F, 0x2C], Gpr(dst), Xmm(src));

    /// <summary><c>cvttsd2si r64, qword [mem]</c> — F2 REX.W 0F 2C /r.</summary>
    public void Cvttsd2si_r64_xmmm64(X64Register dst, X64Memory src) => EmitRegMem(0xF2, true, [0x0F, 0x2C], Gpr(dst), src, 0);

    /// <summary><c>xorpd xmm, xmm</c> — 66 0F 57 /r.</summary>
    public void Xorpd_xmm_xmmm128(X64Register dst, X64Register src) => SseRR(0x66, [0x0F, 0x57], dst, src);

    /// <summary><c>xorpd xmm, xmmword [mem]</c> (16-byte aligned) — 66 0F 57 /r.</summary>
    public void Xorpd_xmm_xmmm128(X64Register dst, X64Memory src) => SseRM(0x66, [0x0F, 0x57], dst, src);

    /// <summary><c>andpd xmm, xmm</c> — 66 0F 54 /r.</summary>
    public void Andpd_xmm_xmmm128(X64Register dst, X64Register src) => SseRR(0x66, [0x0F, 0x54], dst, src);

    /// <summary><c>andpd xmm, xmmword [mem]</c> (16-byte aligned) — 66 0F 54 /r.</summary>
    public void Andpd_xmm_xmmm128(X64Register dst, X64Memory src) => SseRM(0x66, [0x0F, 0x54], dst, src);

    /// <summary>
    /// <c>roundsd xmm, xmm, imm8</c> (SSE4.1; imm8 bits 1:0 = mode 0 nearest, 1 floor, 2 ceil, 3 truncate; bit 3
    /// suppresses precision exceptions) — 66 0F 3A 0B /r ib.
    /// </summary>
    public void Roundsd_xmm_xmmm64_imm8(X64Register dst, X64Register src, byte mode)
    {
        SseRR(0x66, [0x0F, 0x3A, 0x0B], dst, src);
        Byte(mode);
    }

    /// <summary><c>roundsd xmm, qword [mem], imm8</c> — 66 0F 3A 0B /r ib.</summary>
    public void Roundsd_xmm_xmmm64_imm8(X64Register dst, X64Memory src, byte mode)
    {
        EmitRegMem(0x66, false, [0x0F, 0x3A, 0x0B], Xmm(dst), src, 1);
        Byte(mode);
    }

    /// <summary><c>cvtss2sd xmm, xmm</c> — F3 0F 5A /r.</summary>
    public void Cvtss2sd_xmm_xmmm32(X64Register dst, X64Register src) => SseRR(0xF3, [0x0F, 0x5A], dst, src);

    /// <summary><c>cvtss2sd xmm, dword [mem]</c> — F3 0F 5A /r.</summary>
    public void Cvtss2sd_xmm_xmmm32(X64Register dst, X64Memory src) => SseRM(0xF3, [0x0F, 0x5A], dst, src);

    /// <summary><c>cvtsd2ss xmm, xmm</c> — F2 0F 5A /r.</summary>
    public void Cvtsd2ss_xmm_xmmm64(X64Register dst, X64Register src) => SseRR(0xF2, [0x0F, 0x5A], dst, src);

    /// <summary><c>cvtsd2ss xmm, qword [mem]</c> — F2 0F 5A /r.</summary>
    public void Cvtsd2ss_xmm_xmmm64(X64Register dst, X64Memory src) => SseRM(0xF2, [0x0F, 0x5A], dst, src);

    /// <summary><c>movaps m128, xmm</c> — NP 0F 29 /r: all 128 bits to a 16-byte aligned address (Windows x64 saves of XMM6–XMM15).</summary>
    public void Movaps_m128_xmm(X64Memory dst, X64Register src) => SseRM(0, [0x0F, 0x29], src, dst);

    /// <summary><c>movaps xmm, m128</c> — NP 0F 28 /r: all 128 bits from a 16-byte aligned address.</summary>
    public void Movaps_xmm_m128(X64Register dst, X64Memory src) => SseRM(0, [0x0F, 0x28], dst, src);

    private void SseRR(byte prefix, ReadOnlySpan<byte> opcode, X64Register reg, X64Register rm) =>
        EmitRegReg(prefix, false, opcode, Xmm(reg), Xmm(rm));

    private void SseRM(byte prefix, ReadOnlySpan<byte> opcode, X64Register reg, X64Memory rm) =>
        EmitRegMem(prefix, false, opcode, Xmm(reg), rm, 0);
}
