namespace Sox.Compiler.Targets.Arm64;

// Logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd, every register field the zero register when 31
// (Arm ARM C4.1.96, C6.2 AND/BIC/ORR/ORN/EOR/ANDS (shifted register); aliases MOV (register), MVN, TST). ROR is
// allowed here, unlike in ADD/SUB.
public sealed partial class Arm64Encoder
{
    private const uint AndShifted = 0x0A000000;
    private const uint BicShifted = 0x0A200000;
    private const uint OrrShifted = 0x2A000000;
    private const uint OrnShifted = 0x2A200000;
    private const uint EorShifted = 0x4A000000;
    private const uint AndsShifted = 0x6A000000;

    private void LogicalShifted(uint opcode, bool is64, Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift, int amount)
    {
        CheckRange(amount, 0, is64 ? 63 : 31, nameof(amount));
        Emit(opcode | Sf(is64) | (uint)shift << 22 | Rz(rm, nameof(rm)) << 16 | (uint)amount << 10
            | Rz(rn, nameof(rn)) << 5 | Rz(rd, nameof(rd)));
    }

    /// <summary><c>and xd, xn, xm{, shift #amount}</c> — AND (shifted register), 64-bit.</summary>
    public void And_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(AndShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>and wd, wn, wm{, shift #amount}</c> — AND (shifted register), 32-bit.</summary>
    public void And_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(AndShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>bic xd, xn, xm{, shift #amount}</c> — BIC (shifted register), 64-bit.</summary>
    public void Bic_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(BicShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>bic wd, wn, wm{, shift #amount}</c> — BIC (shifted register), 32-bit.</summary>
    public void Bic_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(BicShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>orr xd, xn, xm{, shift #amount}</c> — ORR (shifted register), 64-bit.</summary>
    public void Orr_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(OrrShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>orr wd, wn, wm{, shift #amount}</c> — ORR (shifted register), 32-bit.</summary>
    public void Orr_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(OrrShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>orn xd, xn, xm{, shift #amount}</c> — ORN (shifted register), 64-bit.</summary>
    public void Orn_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(OrnShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>orn wd, wn, wm{, shift #amount}</c> — ORN (shifted register), 32-bit.</summary>
    public void Orn_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(OrnShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>eor xd, xn, xm{, shift #amount}</c> — EOR (shifted register), 64-bit.</summary>
    public void Eor_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(EorShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>eor wd, wn, wm{, shift #amount}</c> — EOR (shifted register), 32-bit.</summary>
    public void Eor_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(EorShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>ands xd, xn, xm{, shift #amount}</c> — ANDS (shifted register), 64-bit.</summary>
    public void Ands_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(AndsShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>ands wd, wn, wm{, shift #amount}</c> — ANDS (shifted register), 32-bit.</summary>
    public void Ands_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(AndsShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>tst xn, xm{, shift #amount}</c> — alias of <c>ands xzr, xn, xm</c>.</summary>
    public void Tst_x_shifted(Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(AndsShifted, true, Arm64Register.XZR, rn, rm, shift, amount);

    /// <summary><c>tst wn, wm{, shift #amount}</c> — alias of <c>ands wzr, wn, wm</c>.</summary>
    public void Tst_w_shifted(Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(AndsShifted, false, Arm64Register.XZR, rn, rm, shift, amount);

    /// <summary>
    /// <c>mov xd, xm</c> — MOV (register), alias of <c>orr xd, xzr, xm</c>. Register 31 is XZR on both sides; to
    /// copy to or from SP use <see cref="Mov_x_sp"/>.
    /// </summary>
    public void Mov_x(Arm64Register rd, Arm64Register rm) => LogicalShifted(OrrShifted, true, rd, Arm64Register.XZR, rm, Arm64Shift.Lsl, 0);

    /// <summary><c>mov wd, wm</c> — alias of <c>orr wd, wzr, wm</c> (zeroes the upper 32 bits of xd).</summary>
    public void Mov_w(Arm64Register rd, Arm64Register rm) => LogicalShifted(OrrShifted, false, rd, Arm64Register.XZR, rm, Arm64Shift.Lsl, 0);

    /// <summary><c>mvn xd, xm{, shift #amount}</c> — alias of <c>orn xd, xzr, xm</c>.</summary>
    public void Mvn_x(Arm64Register rd, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(OrnShifted, true, rd, Arm64Register.XZR, rm, shift, amount);

    /// <summary><c>mvn wd, wm{, shift #amount}</c> — alias of <c>orn wd, wzr, wm</c>.</summary>
    public void Mvn_w(Arm64Register rd, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        LogicalShifted(OrnShifted, false, rd, Arm64Register.XZR, rm, shift, amount);
}
