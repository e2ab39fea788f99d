namespace Sox.Compiler.Targets.Arm64;

// Logical (immediate): sf opc 100100 N immr imms Rn Rd (Arm ARM C4.1.92, C6.2 AND/ORR/EOR/ANDS (immediate), TST
// (immediate)). The value is a bitmask immediate (Arm64Immediates.TryEncodeBitmask); Rn is the zero register
// when 31, Rd is SP for AND/ORR/EOR and the zero register for ANDS.
public sealed partial class Arm64Encoder
{
    private const uint AndImmediate = 0x1200_0000, OrrImmediate = 0x3200_0000, EorImmediate = 0x5200_0000, AndsImmediate = 0x7200_0000;

    private void LogicalImmediate(uint opcode, bool is64, uint rd, Arm64Register rn, ulong value, string name)
    {
        if (!Arm64Immediates.TryEncodeBitmask(value, is64 ? 64 : 32, out var field))
            throw new ArgumentOutOfRangeException(name, value,
                $"0x{value:x} is not a {(is64 ? 64 : 32)}-bit bitmask immediate (a rotated run of ones replicated in 2…64-bit elements; 0 and all ones are never encodable).");
        Emit(opcode | Sf(is64) | (uint)field << 10 | Rz(rn, nameof(rn)) << 5 | rd);
    }

    /// <summary><c>and xd|sp, xn|xzr, #bitmask</c> — AND (immediate), 64-bit.</summary>
    public void And_x_imm(Arm64Register rd, Arm64Register rn, ulong value) =>
        LogicalImmediate(AndImmediate, true, Rsp(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>and wd|wsp, wn|wzr, #bitmask</c> — AND (immediate), 32-bit.</summary>
    public void And_w_imm(Arm64Register rd, Arm64Register rn, uint value) =>
        LogicalImmediate(AndImmediate, false, Rsp(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>orr xd|sp, xn|xzr, #bitmask</c> — ORR (immediate), 64-bit.</summary>
    public void Orr_x_imm(Arm64Register rd, Arm64Register rn, ulong value) =>
        LogicalImmediate(OrrImmediate, true, Rsp(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>orr wd|wsp, wn|wzr, #bitmask</c> — ORR (immediate), 32-bit.</summary>
    public void Orr_w_imm(Arm64Register rd, Arm64Register rn, uint value) =>
        LogicalImmediate(OrrImmediate, false, Rsp(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>eor xd|sp, xn|xzr, #bitmask</c> — EOR (immediate), 64-bit.</summary>
    public void Eor_x_imm(Arm64Register rd, Arm64Register rn, ulong value) =>
        LogicalImmediate(EorImmediate, true, Rsp(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>eor wd|wsp, wn|wzr, #bitmask</c> — EOR (immediate), 32-bit.</summary>
    public void Eor_w_imm(Arm64Register rd, Arm64Register rn, uint value) =>
        LogicalImmediate(EorImmediate, false, Rsp(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>ands xd|xzr, xn|xzr, #bitmask</c> — ANDS (immediate), 64-bit.</summary>
    public void Ands_x_imm(Arm64Register rd, Arm64Register rn, ulong value) =>
        LogicalImmediate(AndsImmediate, true, Rz(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>ands wd|wzr, wn|wzr, #bitmask</c> — ANDS (immediate), 32-bit.</summary>
    public void Ands_w_imm(Arm64Register rd, Arm64Register rn, uint value) =>
        LogicalImmediate(AndsImmediate, false, Rz(rd, nameof(rd)), rn, value, nameof(value));

    /// <summary><c>tst xn|xzr, #bitmask</c> — alias of <c>ands xzr, xn, #bitmask</c>.</summary>
    public void Tst_x_imm(Arm64Register rn, ulong value) => LogicalImmediate(AndsImmediate, true, 31, rn, value, nameof(value));

    /// <summary><c>tst wn|wzr, #bitmask</c> — alias of <c>ands wzr, wn, #bitmask</c>.</summary>
    public void Tst_w_imm(Arm64Register rn, uint value) => LogicalImmediate(AndsImmediate, false, 31, rn, value, nameof(value));
}
