namespace Sox.Compiler.Targets.Arm64;

// Scalar floating-point (Arm ARM C4.1.98 "Data Processing -- Scalar Floating-Point and Advanced SIMD": "Floating-
// point data-processing (1 source)" 0 0 0 11110 ftype 1 opcode 10000 Rn Rd, "(2 source)" … Rm opcode 10 Rn Rd,
// "Floating-point compare", "Floating-point conditional select", "Floating-point immediate", "Conversion between
// floating-point and integer"; C7.2 FMOV, FADD, …). ftype (bits 23–22) is 00 for single (S), 01 for double (D).
// General registers in the conversions are the zero register when 31.
public sealed partial class Arm64Encoder
{
    private const uint FpOneSource = 0x1E20_4000, FpTwoSource = 0x1E20_0800;

    private static uint Ftype(bool isDouble) => isDouble ? 1u << 22 : 0;

    private void FpOne(uint opcode, bool isDouble, Arm64Register rd, Arm64Register rn) =>
        Emit(FpOneSource | Ftype(isDouble) | opcode << 15 | V(rn, nameof(rn)) << 5 | V(rd, nameof(rd)));

    private void FpTwo(uint opcode, bool isDouble, Arm64Register rd, Arm64Register rn, Arm64Register rm) =>
        Emit(FpTwoSource | Ftype(isDouble) | V(rm, nameof(rm)) << 16 | opcode << 12 | V(rn, nameof(rn)) << 5 | V(rd, nameof(rd)));

    /// <summary>Conversion between FP and integer: <paramref name="opcode"/> holds sf, ftype, rmode and opcode; Rd/Rn are V or general by direction.</summary>
    private void FpInteger(uint opcode, uint rd, uint rn) => Emit(opcode | rn << 5 | rd);

    /// <summary><c>fmov dd, dn</c> — FMOV (register), double.</summary>
    public void Fmov_d(Arm64Register rd, Arm64Register rn) => FpOne(0b000000, true, rd, rn);

    /// <summary><c>fabs dd, dn</c> — FABS, double: absolute value.</summary>
    public void Fabs_d(Arm64Register rd, Arm64Register rn) => FpOne(0b000001, true, rd, rn);

    /// <summary><c>fneg dd, dn</c> — FNEG, double: negate.</summary>
    public void Fneg_d(Arm64Register rd, Arm64Register rn) => FpOne(0b000010, true, rd, rn);

    /// <summary><c>fsqrt dd, dn</c> — FSQRT, double: square root.</summary>
    public void Fsqrt_d(Arm64Register rd, Arm64Register rn) => FpOne(0b000011, true, rd, rn);

    /// <summary><c>frintm dd, dn</c> — FRINTM, double: round toward −∞ (floor).</summary>
    public void Frintm_d(Arm64Register rd, Arm64Register rn) => FpOne(0b001010, true, rd, rn);

    /// <summary><c>frintp dd, dn</c> — FRINTP, double: round toward +∞ (ceil).</summary>
    public void Frintp_d(Arm64Register rd, Arm64Register rn) => FpOne(0b001001, true, rd, rn);

    /// <summary><c>frinta dd, dn</c> — FRINTA, double: round to nearest, ties away from zero (C round).</summary>
    public void Frinta_d(Arm64Register rd, Arm64Register rn) => FpOne(0b001100, true, rd, rn);

    /// <summary><c>frintz dd, dn</c> — FRINTZ, double: round toward zero (trunc).</summary>
    public void Frintz_d(Arm64Register rd, Arm64Register rn) => FpOne(0b001011, true, rd, rn);

    /// <summary><c>fmul dd, dn, dm</c> — FMUL (scalar), double.</summary>
    public void Fmul_d(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0000, true, rd, rn, rm);

    /// <summary><c>fdiv dd, dn, dm</c> — FDIV (scalar), double.</summary>
    public void Fdiv_d(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0001, true, rd, rn, rm);

    /// <summary><c>fadd dd, dn, dm</c> — FADD (scalar), double.</summary>
    public void Fadd_d(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0010, true, rd, rn, rm);

    /// <summary><c>fsub dd, dn, dm</c> — FSUB (scalar), double.</summary>
    public void Fsub_d(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0011, true, rd, rn, rm);

    /// <summary><c>fcmp dn, dm</c> — FCMP, double: sets NZCV (unordered: C and V set).</summary>
    public void Fcmp_d(Arm64Register rn, Arm64Register rm) =>
        Emit(0x1E20_2000 | Ftype(true) | V(rm, nameof(rm)) << 16 | V(rn, nameof(rn)) << 5);

    /// <summary><c>fcmp dn, #0.0</c> — FCMP with zero (opc 01000).</summary>
    public void Fcmp_d_zero(Arm64Register rn) => Emit(0x1E20_2008 | Ftype(true) | V(rn, nameof(rn)) << 5);

    /// <summary><c>fcsel dd, dn, dm, cond</c> — FCSEL, double: rd = cond ? rn : rm.</summary>
    public void Fcsel_d(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        Emit(0x1E20_0C00 | Ftype(true) | V(rm, nameof(rm)) << 16 | Cond(condition) << 12 | V(rn, nameof(rn)) << 5 | V(rd, nameof(rd)));

    /// <summary><c>fmov sd, sn</c> — FMOV (register), single.</summary>
    public void Fmov_s(Arm64Register rd, Arm64Register rn) => FpOne(0b000000, false, rd, rn);

    /// <summary><c>fabs sd, sn</c> — FABS, single: absolute value.</summary>
    public void Fabs_s(Arm64Register rd, Arm64Register rn) => FpOne(0b000001, false, rd, rn);

    /// <summary><c>fneg sd, sn</c> — FNEG, single: negate.</summary>
    public void Fneg_s(Arm64Register rd, Arm64Register rn) => FpOne(0b000010, false, rd, rn);

    /// <summary><c>fsqrt sd, sn</c> — FSQRT, single: square root.</summary>
    public void Fsqrt_s(Arm64Register rd, Arm64Register rn) => FpOne(0b000011, false, rd, rn);

    /// <summary><c>frintm sd, sn</c> — FRINTM, single: round toward −∞ (floor).</summary>
    public void Frintm_s(Arm64Register rd, Arm64Register rn) => FpOne(0b001010, false, rd, rn);

    /// <summary><c>frintp sd, sn</c> — FRINTP, single: round toward +∞ (ceil).</summary>
    public void Frintp_s(Arm64Register rd, Arm64Register rn) => FpOne(0b001001, false, rd, rn);

    /// <summary><c>frinta sd, sn</c> — FRINTA, single: round to nearest, ties away from zero (C round).</summary>
    public void Frinta_s(Arm64Register rd, Arm64Register rn) => FpOne(0b001100, false, rd, rn);

    /// <summary><c>frintz sd, sn</c> — FRINTZ, single: round toward zero (trunc).</summary>
    public void Frintz_s(Arm64Register rd, Arm64Register rn) => FpOne(0b001011, false, rd, rn);

    /// <summary><c>fmul sd, sn, sm</c> — FMUL (scalar), single.</summary>
    public void Fmul_s(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0000, false, rd, rn, rm);

    /// <summary><c>fdiv sd, sn, sm</c> — FDIV (scalar), single.</summary>
    public void Fdiv_s(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0001, false, rd, rn, rm);

    /// <summary><c>fadd sd, sn, sm</c> — FADD (scalar), single.</summary>
    public void Fadd_s(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0010, false, rd, rn, rm);

    /// <summary><c>fsub sd, sn, sm</c> — FSUB (scalar), single.</summary>
    public void Fsub_s(Arm64Register rd, Arm64Register rn, Arm64Register rm) => FpTwo(0b0011, false, rd, rn, rm);

    /// <summary><c>fcmp sn, sm</c> — FCMP, single: sets NZCV (unordered: C and V set).</summary>
    public void Fcmp_s(Arm64Register rn, Arm64Register rm) =>
        Emit(0x1E20_2000 | Ftype(false) | V(rm, nameof(rm)) << 16 | V(rn, nameof(rn)) << 5);

    /// <summary><c>fcmp sn, #0.0</c> — FCMP with zero (opc 01000).</summary>
    public void Fcmp_s_zero(Arm64Register rn) => Emit(0x1E20_2008 | Ftype(false) | V(rn, nameof(rn)) << 5);

    /// <summary><c>fcsel sd, sn, sm, cond</c> — FCSEL, single: rd = cond ? rn : rm.</summary>
    public void Fcsel_s(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Condition condition) =>
        Emit(0x1E20_0C00 | Ftype(false) | V(rm, nameof(rm)) << 16 | Cond(condition) << 12 | V(rn, nameof(rn)) << 5 | V(rd, nameof(rd)));

    /// <summary>
    /// <c>fmov dd, #imm</c> — FMOV (scalar, immediate), double: ±(16…31)/16 × 2^(−3…4), i.e. 0.125 … 31.0 with 4
    /// fraction bits (<see cref="Arm64Immediates.TryEncodeFloat"/>); other values (0.0 among them) are rejected.
    /// </summary>
    public void Fmov_d_imm(Arm64Register rd, double value)
    {
        if (!Arm64Immediates.TryEncodeFloat(value, out var imm8))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Not an 8-bit FP immediate (±n/16 × 2^e, 16 ≤ n ≤ 31, −3 ≤ e ≤ 4).");
        Emit(0x1E60_1000 | (uint)imm8 << 13 | V(rd, nameof(rd)));
    }

    /// <summary><c>fmov sd, #imm</c> — FMOV (scalar, immediate), single; the same set of values as <see cref="Fmov_d_imm"/>.</summary>
    public void Fmov_s_imm(Arm64Register rd, float value)
    {
        if (!Arm64Immediates.TryEncodeFloat(value, out var imm8))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Not an 8-bit FP immediate (±n/16 × 2^e, 16 ≤ n ≤ 31, −3 ≤ e ≤ 4).");
        Emit(0x1E20_1000 | (uint)imm8 << 13 | V(rd, nameof(rd)));
    }

    /// <summary><c>fmov dd, xn|xzr</c> — FMOV (general), 64-bit integer bits to double (a NaN-boxed value to an FP register).</summary>
    public void Fmov_d_x(Arm64Register rd, Arm64Register rn) => FpInteger(0x9E67_0000, V(rd, nameof(rd)), Rz(rn, nameof(rn)));

    /// <summary><c>fmov xd, dn</c> — FMOV (general), double bits to a 64-bit integer register.</summary>
    public void Fmov_x_d(Arm64Register rd, Arm64Register rn) => FpInteger(0x9E66_0000, Rz(rd, nameof(rd)), V(rn, nameof(rn)));

    /// <summary><c>fmov sd, wn|wzr</c> — FMOV (general), 32-bit integer bits to single.</summary>
    public void Fmov_s_w(Arm64Register rd, Arm64Register rn) => FpInteger(0x1E27_0000, V(rd, nameof(rd)), Rz(rn, nameof(rn)));

    /// <summary><c>fmov wd, sn</c> — FMOV (general), single bits to a 32-bit integer register.</summary>
    public void Fmov_w_s(Arm64Register rd, Arm64Register rn) => FpInteger(0x1E26_0000, Rz(rd, nameof(rd)), V(rn, nameof(rn)));

    /// <summary><c>scvtf dd, xn</c> — SCVTF (scalar, integer): signed 64-bit integer to double (rounding per FPCR).</summary>
    public void Scvtf_d_x(Arm64Register rd, Arm64Register rn) => FpInteger(0x9E62_0000, V(rd, nameof(rd)), Rz(rn, nameof(rn)));

    /// <summary><c>scvtf dd, wn</c> — SCVTF: signed 32-bit integer to double (exact).</summary>
    public void Scvtf_d_w(Arm64Register rd, Arm64Register rn) => FpInteger(0x1E62_0000, V(rd, nameof(rd)), Rz(rn, nameof(rn)));

    /// <summary><c>fcvtzs xd, dn</c> — FCVTZS (scalar, integer): double to signed 64-bit, toward zero, saturating (NaN → 0).</summary>
    public void Fcvtzs_x_d(Arm64Register rd, Arm64Register rn) => FpInteger(0x9E78_0000, Rz(rd, nameof(rd)), V(rn, nameof(rn)));

    /// <summary><c>fcvtzs wd, dn</c> — FCVTZS: double to signed 32-bit, toward zero, saturating.</summary>
    public void Fcvtzs_w_d(Arm64Register rd, Arm64Register rn) => FpInteger(0x1E78_0000, Rz(rd, nameof(rd)), V(rn, nameof(rn)));

    /// <summary><c>fcvt dd, sn</c> — FCVT: single to double (exact).</summary>
    public void Fcvt_d_s(Arm64Register rd, Arm64Register rn) => FpOne(0b000101, false, rd, rn);

    /// <summary><c>fcvt sd, dn</c> — FCVT: double to single (rounding per FPCR).</summary>
    public void Fcvt_s_d(Arm64Register rd, Arm64Register rn) => FpOne(0b000100, true, rd, rn);
}
