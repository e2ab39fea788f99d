namespace Sox.Compiler.Targets.Arm64;

// Add/subtract (immediate): sf op S 100010 sh imm12 Rn Rd (Arm ARM C4.1.92 "Data Processing -- Immediate",
// C6.2 ADD/ADDS/SUB/SUBS (immediate) and the aliases CMP, CMN, MOV (to/from SP)). Rn is always SP-capable;
// Rd is SP for ADD/SUB and the zero register for ADDS/SUBS (the flag-setting forms).
public sealed partial class Arm64Encoder
{
    private const uint AddImmediate = 0x1100_0000, AddsImmediate = 0x3100_0000, SubImmediate = 0x5100_0000, SubsImmediate = 0x7100_0000;

    private void AddSubImmediate(uint opcode, bool is64, uint rd, Arm64Register rn, int imm12, bool shift12)
    {
        CheckRange(imm12, 0, 4095, nameof(imm12));
        Emit(opcode | Sf(is64) | (shift12 ? 1u << 22 : 0) | (uint)imm12 << 10 | Rsp(rn, nameof(rn)) << 5 | rd);
    }

    /// <summary><c>add xd|sp, xn|sp, #imm12{, lsl #12}</c> — ADD (immediate), 64-bit.</summary>
    public void Add_x_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(AddImmediate, true, Rsp(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>add wd|wsp, wn|wsp, #imm12{, lsl #12}</c> — ADD (immediate), 32-bit.</summary>
    public void Add_w_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(AddImmediate, false, Rsp(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>adds xd|xzr, xn|sp, #imm12{, lsl #12}</c> — ADDS (immediate), 64-bit.</summary>
    public void Adds_x_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(AddsImmediate, true, Rz(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>adds wd|wzr, wn|wsp, #imm12{, lsl #12}</c> — ADDS (immediate), 32-bit.</summary>
    public void Adds_w_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(AddsImmediate, false, Rz(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>sub xd|sp, xn|sp, #imm12{, lsl #12}</c> — SUB (immediate), 64-bit.</summary>
    public void Sub_x_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(SubImmediate, true, Rsp(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>sub wd|wsp, wn|wsp, #imm12{, lsl #12}</c> — SUB (immediate), 32-bit.</summary>
    public void Sub_w_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(SubImmediate, false, Rsp(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>subs xd|xzr, xn|sp, #imm12{, lsl #12}</c> — SUBS (immediate), 64-bit.</summary>
    public void Subs_x_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(SubsImmediate, true, Rz(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>subs wd|wzr, wn|wsp, #imm12{, lsl #12}</c> — SUBS (immediate), 32-bit.</summary>
    public void Subs_w_imm(Arm64Register rd, Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(SubsImmediate, false, Rz(rd, nameof(rd)), rn, imm12, shift12);

    /// <summary><c>cmp xn|sp, #imm12{, lsl #12}</c> — alias of <c>subs xzr, xn, #imm</c>.</summary>
    public void Cmp_x_imm(Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(SubsImmediate, true, 31, rn, imm12, shift12);

    /// <summary><c>cmp wn|wsp, #imm12{, lsl #12}</c> — alias of <c>subs wzr, wn, #imm</c>.</summary>
    public void Cmp_w_imm(Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(SubsImmediate, false, 31, rn, imm12, shift12);

    /// <summary><c>cmn xn|sp, #imm12{, lsl #12}</c> — alias of <c>adds xzr, xn, #imm</c>.</summary>
    public void Cmn_x_imm(Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(AddsImmediate, true, 31, rn, imm12, shift12);

    /// <summary><c>cmn wn|wsp, #imm12{, lsl #12}</c> — alias of <c>adds wzr, wn, #imm</c>.</summary>
    public void Cmn_w_imm(Arm64Register rn, int imm12, bool shift12 = false) =>
        AddSubImmediate(AddsImmediate, false, 31, rn, imm12, shift12);

    /// <summary>
    /// <c>mov xd|sp, xn|sp</c> with SP on at least one side — MOV (to/from SP), alias of <c>add xd, xn, #0</c>.
    /// (A register-to-register move without SP is <see cref="Mov_x"/>, the ORR alias, because in ORR register 31
    /// is XZR.)
    /// </summary>
    public void Mov_x_sp(Arm64Register rd, Arm64Register rn)
    {
        if (rd != Arm64Register.SP && rn != Arm64Register.SP)
            throw new ArgumentException("MOV (to/from SP) needs SP as one operand; use Mov_x for general registers.", nameof(rd));
        Add_x_imm(rd, rn, 0);
    }
}
