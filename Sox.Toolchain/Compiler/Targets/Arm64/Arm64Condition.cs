namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The sixteen AArch64 condition codes; the value is the 4-bit <c>cond</c> field of B.cond, CSEL, CSINC, FCSEL
/// and CCMP (Arm ARM C1.2.4 "Condition code", Table C1-1). Names are the Arm mnemonics; HS/LO have the aliases
/// CS/CC.
/// </summary>
public enum Arm64Condition : byte
{
    /// <summary>Equal (Z=1).</summary>
    EQ = 0x0,
    /// <summary>Not equal (Z=0).</summary>
    NE = 0x1,
    /// <summary>Unsigned higher or same, carry set (C=1). Alias CS.</summary>
    HS = 0x2,
    /// <summary>Unsigned lower, carry clear (C=0). Alias CC.</summary>
    LO = 0x3,
    /// <summary>Minus, negative (N=1).</summary>
    MI = 0x4,
    /// <summary>Plus, positive or zero (N=0).</summary>
    PL = 0x5,
    /// <summary>Overflow (V=1); after FCMP: unordered.</summary>
    VS = 0x6,
    /// <summary>No overflow (V=0); after FCMP: ordered.</summary>
    VC = 0x7,
    /// <summary>Unsigned higher (C=1 and Z=0).</summary>
    HI = 0x8,
    /// <summary>Unsigned lower or same (C=0 or Z=1).</summary>
    LS = 0x9,
    /// <summary>Signed greater or equal (N=V).</summary>
    GE = 0xA,
    /// <summary>Signed less than (N≠V); after FCMP: less than or unordered.</summary>
    LT = 0xB,
    /// <summary>Signed greater than (Z=0 and N=V).</summary>
    GT = 0xC,
    /// <summary>Signed less or equal (Z=1 or N≠V).</summary>
    LE = 0xD,
    /// <summary>Always.</summary>
    AL = 0xE,
    /// <summary>Always (encodes like AL; Arm ARM C1.2.4: "NV … behaves as AL").</summary>
    NV = 0xF,

    /// <summary>Alias of <see cref="HS"/> (carry set).</summary>
    CS = HS,
    /// <summary>Alias of <see cref="LO"/> (carry clear).</summary>
    CC = LO,
}
