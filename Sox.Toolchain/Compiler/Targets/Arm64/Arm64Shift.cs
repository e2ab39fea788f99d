namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The shift applied to the second register of a shifted-register instruction; the value is the 2-bit
/// <c>shift</c> field (Arm ARM C4.1.96 "Data Processing -- Register", <c>DecodeShift</c>). ROR is only valid for
/// the logical group (AND, ORR, EOR, ANDS, BIC, ORN), not for ADD/SUB.
/// </summary>
public enum Arm64Shift : byte
{
    /// <summary>Logical shift left.</summary>
    Lsl = 0,
    /// <summary>Logical shift right.</summary>
    Lsr = 1,
    /// <summary>Arithmetic shift right.</summary>
    Asr = 2,
    /// <summary>Rotate right (logical instructions only).</summary>
    Ror = 3,
}
