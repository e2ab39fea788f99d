namespace Sox.Compiler.Targets.Arm64;

// Add/subtract (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd, every register field the zero register
// when 31; add/subtract (extended register): sf op S 01011 001 Rm option imm3 Rn Rd, where Rn is SP, Rd is SP
// for ADD/SUB and the zero register for ADDS/SUBS, Rm the zero register (Arm ARM C4.1.96 "Data Processing --
// Register", C6.2 ADD/ADDS/SUB/SUBS (shifted register), (extended register); aliases CMP, CMN, NEG).
// The extended form is the one to use when SP is an operand: `cmp sp, x1` is `subs xzr, sp, x1, uxtx`.
public sealed partial class Arm64Encoder
{
    private const uint AddShifted = 0x0B00_0000, AddsShifted = 0x2B00_0000, SubShifted = 0x4B00_0000, SubsShifted = 0x6B00_0000;
    private const uint ExtendedBit = 0x0020_0000;

    private void AddSubShifted(uint opcode, bool is64, Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift, int amount)
    {
        if (shift == Arm64Shift.Ror) throw new ArgumentException("ADD/SUB (shifted register) cannot rotate (shift 11 is reserved).", nameof(shift));
        CheckRange(amount, 0, is64 ? 63 : 31, nameof(amount));
        Emit(opcode | Sf(is64) | (uint)shift << 22 | Rz(rm, nameof(rm)) << 16 | (uint)amount << 10
            | Rz(rn, nameof(rn)) << 5 | Rz(rd, nameof(rd)));
    }

    private void AddSubExtended(uint opcode, uint rd, Arm64Register rn, Arm64Register rm, Arm64Extend extend, int amount)
    {
        CheckRange(amount, 0, 4, nameof(amount));
        Emit(opcode | ExtendedBit | Sf(true) | Rz(rm, nameof(rm)) << 16 | (uint)extend << 13 | (uint)amount << 10
            | Rsp(rn, nameof(rn)) << 5 | rd);
    }

    /// <summary><c>add xd, xn, xm{, shift #amount}</c> — ADD (shifted register), 64-bit.</summary>
    public void Add_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(AddShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>add wd, wn, wm{, shift #amount}</c> — ADD (shifted register), 32-bit.</summary>
    public void Add_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(AddShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>adds xd, xn, xm{, shift #amount}</c> — ADDS (shifted register), 64-bit.</summary>
    public void Adds_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(AddsShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>adds wd, wn, wm{, shift #amount}</c> — ADDS (shifted register), 32-bit.</summary>
    public void Adds_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(AddsShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>sub xd, xn, xm{, shift #amount}</c> — SUB (shifted register), 64-bit.</summary>
    public void Sub_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>sub wd, wn, wm{, shift #amount}</c> — SUB (shifted register), 32-bit.</summary>
    public void Sub_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>subs xd, xn, xm{, shift #amount}</c> — SUBS (shifted register), 64-bit.</summary>
    public void Subs_x_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubsShifted, true, rd, rn, rm, shift, amount);

    /// <summary><c>subs wd, wn, wm{, shift #amount}</c> — SUBS (shifted register), 32-bit.</summary>
    public void Subs_w_shifted(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubsShifted, false, rd, rn, rm, shift, amount);

    /// <summary><c>cmp xn, xm{, shift #amount}</c> — alias of <c>subs xzr, xn, xm</c> (for SP use <see cref="Cmp_x_extended"/>).</summary>
    public void Cmp_x_shifted(Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubsShifted, true, Arm64Register.XZR, rn, rm, shift, amount);

    /// <summary><c>cmp wn, wm{, shift #amount}</c> — alias of <c>subs wzr, wn, wm</c>.</summary>
    public void Cmp_w_shifted(Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubsShifted, false, Arm64Register.XZR, rn, rm, shift, amount);

    /// <summary><c>cmn xn, xm{, shift #amount}</c> — alias of <c>adds xzr, xn, xm</c>.</summary>
    public void Cmn_x_shifted(Arm64Register rn, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(AddsShifted, true, Arm64Register.XZR, rn, rm, shift, amount);

    /// <summary><c>neg xd, xm{, shift #amount}</c> — alias of <c>sub xd, xzr, xm</c>.</summary>
    public void Neg_x(Arm64Register rd, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubShifted, true, rd, Arm64Register.XZR, rm, shift, amount);

    /// <summary><c>neg wd, wm{, shift #amount}</c> — alias of <c>sub wd, wzr, wm</c>.</summary>
    public void Neg_w(Arm64Register rd, Arm64Register rm, Arm64Shift shift = Arm64Shift.Lsl, int amount = 0) =>
        AddSubShifted(SubShifted, false, rd, Arm64Register.XZR, rm, shift, amount);

    /// <summary>
    /// <c>add xd|sp, xn|sp, (w|x)m, extend #amount</c> (amount 0–4) — ADD (extended register), 64-bit. UXTX/SXTX
    /// read Xm, the others Wm.
    /// </summary>
    public void Add_x_extended(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Extend extend, int amount = 0) =>
        AddSubExtended(AddShifted, Rsp(rd, nameof(rd)), rn, rm, extend, amount);

    /// <summary><c>adds xd|xzr, xn|sp, (w|x)m, extend #amount</c> — ADDS (extended register), 64-bit.</summary>
    public void Adds_x_extended(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Extend extend, int amount = 0) =>
        AddSubExtended(AddsShifted, Rz(rd, nameof(rd)), rn, rm, extend, amount);

    /// <summary><c>sub xd|sp, xn|sp, (w|x)m, extend #amount</c> — SUB (extended register), 64-bit.</summary>
    public void Sub_x_extended(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Extend extend, int amount = 0) =>
        AddSubExtended(SubShifted, Rsp(rd, nameof(rd)), rn, rm, extend, amount);

    /// <summary><c>subs xd|xzr, xn|sp, (w|x)m, extend #amount</c> — SUBS (extended register), 64-bit.</summary>
    public void Subs_x_extended(Arm64Register rd, Arm64Register rn, Arm64Register rm, Arm64Extend extend, int amount = 0) =>
        AddSubExtended(SubsShifted, Rz(rd, nameof(rd)), rn, rm, extend, amount);

    /// <summary><c>cmp xn|sp, (w|x)m, extend #amount</c> — alias of <c>subs xzr, xn, rm, extend</c>; e.g. <c>cmp sp, x1</c> is UXTX #0.</summary>
    public void Cmp_x_extended(Arm64Register rn, Arm64Register rm, Arm64Extend extend = Arm64Extend.Uxtx, int amount = 0) =>
        AddSubExtended(SubsShifted, 31, rn, rm, extend, amount);

    /// <summary><c>cmn xn|sp, (w|x)m, extend #amount</c> — alias of <c>adds xzr, xn, rm, extend</c>.</summary>
    public void Cmn_x_extended(Arm64Register rn, Arm64Register rm, Arm64Extend extend = Arm64Extend.Uxtx, int amount = 0) =>
        AddSubExtended(AddsShifted, 31, rn, rm, extend, amount);
}
