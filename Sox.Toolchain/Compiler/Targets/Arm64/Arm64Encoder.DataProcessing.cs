namespace Sox.Compiler.Targets.Arm64;

// Data-processing (2 source): sf 0 0 11010110 Rm opcode Rn Rd; (3 source): sf 00 11011 000 Rm o0 Ra Rn Rd;
// conditional select: sf op S 11010100 Rm cond op2 Rn Rd. Every register field is the zero register when 31
// (Arm ARM C4.1.96, C6.2 LSLV, LSRV, ASRV, UDIV, SDIV, MADD, MSUB, MUL, CSEL, CSINC, CSINV, CSNEG, CSET).
public sealed partial class Arm64Encoder
{
    private const uint Madd = 0x1B00_0000, Msub = 0x1B00_8000;
    private const uint Csel = 0x1A80_0000, Csinc = 0x1A80_0400, Csinv = 0x5A80_0000, Csneg = 0x5A80_0400;

    private void ThreeRegister(uint opcode, bool is64, Arm64Register rd, Arm64Register rn, Arm64Register rm) =>
        Emit(opcode | Sf(is64) | Rz(rm, nameof(rm)) << 16 | Rz(rn, nameof(rn)) << 5 | Rz(rd, nameof(rd)));

    private void MultiplyAdd(uint opcode, bool is64, Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Register ra) =>
        Emit(opcode | Sf(is64) | Rz(rm, nameof(rm)) << 16 | Rz(ra, nameof(ra)) << 10 | Rz(rn, nameof(rn)) << 5 | Rz(rd, nameof(rd)));

    private void ConditionalSelect(uint opcode, bool is64, Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        Emit(opcode | Sf(is64) | Rz(rm, nameof(rm)) << 16 | Cond(condition) << 12 | Rz(rn, nameof(rn)) << 5 | Rz(rd, nameof(rd)));

    /// <summary><c>lslv xd, xn, xm</c> — LSLV, 64-bit: shift left by xm mod 64.</summary>
    public void Lslv_x(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC02000, true, rd, rn, rm);

    /// <summary><c>lslv wd, wn, wm</c> — LSLV, 32-bit: shift left by xm mod 32.</summary>
    public void Lslv_w(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC02000, false, rd, rn, rm);

    /// <summary><c>lsrv xd, xn, xm</c> — LSRV, 64-bit: logical shift right by xm mod 64.</summary>
    public void Lsrv_x(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC02400, true, rd, rn, rm);

    /// <summary><c>lsrv wd, wn, wm</c> — LSRV, 32-bit: logical shift right by xm mod 32.</summary>
    public void Lsrv_w(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC02400, false, rd, rn, rm);

    /// <summary><c>asrv xd, xn, xm</c> — ASRV, 64-bit: arithmetic shift right by xm mod 64.</summary>
    public void Asrv_x(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC02800, true, rd, rn, rm);

    /// <summary><c>asrv wd, wn, wm</c> — ASRV, 32-bit: arithmetic shift right by xm mod 32.</summary>
    public void Asrv_w(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC02800, false, rd, rn, rm);

    /// <summary><c>udiv xd, xn, xm</c> — UDIV, 64-bit: unsigned divide (x/0 = 0).</summary>
    public void Udiv_x(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC00800, true, rd, rn, rm);

    /// <summary><c>udiv wd, wn, wm</c> — UDIV, 32-bit: unsigned divide (x/0 = 0).</summary>
    public void Udiv_w(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC00800, false, rd, rn, rm);

    /// <summary><c>sdiv xd, xn, xm</c> — SDIV, 64-bit: signed divide, rounding toward zero (x/0 = 0, MIN/-1 = MIN).</summary>
    public void Sdiv_x(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC00C00, true, rd, rn, rm);

    /// <summary><c>sdiv wd, wn, wm</c> — SDIV, 32-bit: signed divide, rounding toward zero (x/0 = 0, MIN/-1 = MIN).</summary>
    public void Sdiv_w(Arm64Register rd, Arm64Register rn, Arm64Register rm) => ThreeRegister(0x1AC00C00, false, rd, rn, rm);

    /// <summary><c>madd xd, xn, xm, xa</c> — MADD, 64-bit: rd = ra + rn × rm.</summary>
    public void Madd_x(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Register ra) => MultiplyAdd(Madd, true, rd, rn, rm, ra);

    /// <summary><c>msub xd, xn, xm, xa</c> — MSUB, 64-bit: rd = ra − rn × rm (the remainder step after a divide).</summary>
    public void Msub_x(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Register ra) => MultiplyAdd(Msub, true, rd, rn, rm, ra);

    /// <summary><c>mul xd, xn, xm</c> — alias of <c>madd xd, xn, xm, xzr</c>.</summary>
    public void Mul_x(Arm64Register rd, Arm64Register rn, Arm64Register rm) => MultiplyAdd(Madd, true, rd, rn, rm, Arm64Register.XZR);

    /// <summary><c>madd wd, wn, wm, wa</c> — MADD, 32-bit: rd = ra + rn × rm.</summary>
    public void Madd_w(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Register ra) => MultiplyAdd(Madd, false, rd, rn, rm, ra);

    /// <summary><c>msub wd, wn, wm, wa</c> — MSUB, 32-bit: rd = ra − rn × rm (the remainder step after a divide).</summary>
    public void Msub_w(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Register ra) => MultiplyAdd(Msub, false, rd, rn, rm, ra);

    /// <summary><c>mul wd, wn, wm</c> — alias of <c>madd wd, wn, wm, wzr</c>.</summary>
    public void Mul_w(Arm64Register rd, Arm64Register rn, Arm64Register rm) => MultiplyAdd(Madd, false, rd, rn, rm, Arm64Register.XZR);

    /// <summary><c>csel xd, xn, xm, cond</c> — CSEL, 64-bit: rd = cond ? rn : rm.</summary>
    public void Csel_x(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csel, true, rd, rn, rm, condition);

    /// <summary><c>csel wd, wn, wm, cond</c> — CSEL, 32-bit: rd = cond ? rn : rm.</summary>
    public void Csel_w(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csel, false, rd, rn, rm, condition);

    /// <summary><c>csinc xd, xn, xm, cond</c> — CSINC, 64-bit: rd = cond ? rn : rm + 1.</summary>
    public void Csinc_x(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csinc, true, rd, rn, rm, condition);

    /// <summary><c>csinc wd, wn, wm, cond</c> — CSINC, 32-bit: rd = cond ? rn : rm + 1.</summary>
    public void Csinc_w(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csinc, false, rd, rn, rm, condition);

    /// <summary><c>csinv xd, xn, xm, cond</c> — CSINV, 64-bit: rd = cond ? rn : ~rm.</summary>
    public void Csinv_x(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csinv, true, rd, rn, rm, condition);

    /// <summary><c>csinv wd, wn, wm, cond</c> — CSINV, 32-bit: rd = cond ? rn : ~rm.</summary>
    public void Csinv_w(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csinv, false, rd, rn, rm, condition);

    /// <summary><c>csneg xd, xn, xm, cond</c> — CSNEG, 64-bit: rd = cond ? rn : −rm.</summary>
    public void Csneg_x(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csneg, true, rd, rn, rm, condition);

    /// <summary><c>csneg wd, wn, wm, cond</c> — CSNEG, 32-bit: rd = cond ? rn : −rm.</summary>
    public void Csneg_w(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        ConditionalSelect(Csneg, false, rd, rn, rm, condition);

    /// <summary>
    /// <c>cset xd, cond</c> — alias of <c>csinc xd, xzr, xzr, invert(cond)</c>: 1 if the condition holds, else 0.
    /// AL and NV are rejected (they have no inverse, Arm ARM C6.2 CSET).
    /// </summary>
    public void Cset_x(Arm64Register rd, Arm64Condition condition) =>
        ConditionalSelect(Csinc, true, rd, Arm64Register.XZR, Arm64Register.XZR, condition.Invert());

    /// <summary><c>cset wd, cond</c> — alias of <c>csinc wd, wzr, wzr, invert(cond)</c>.</summary>
    public void Cset_w(Arm64Register rd, Arm64Condition condition) =>
        ConditionalSelect(Csinc, false, rd, Arm64Register.XZR, Arm64Register.XZR, condition.Invert());
}
