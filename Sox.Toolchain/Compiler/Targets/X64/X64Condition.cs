namespace Sox.Compiler.Targets.X64;

/// <summary>
/// The sixteen x86 condition codes; the value is the <c>cc</c> nibble added to the Jcc (70+cc, 0F 80+cc),
/// SETcc (0F 90+cc) and CMOVcc (0F 40+cc) opcodes (Intel SDM Vol. 1 Appendix B, Table B-1 "EFLAGS Condition
/// Codes"). Names are Intel's primary mnemonics; the common synonyms are provided as aliases.
/// </summary>
public enum X64Condition : byte
{
    /// <summary>Overflow (OF=1).</summary>
    O = 0x0,
    /// <summary>No overflow (OF=0).</summary>
    NO = 0x1,
    /// <summary>Below, unsigned &lt; (CF=1). Alias C, NAE.</summary>
    B = 0x2,
    /// <summary>Above or equal, unsigned &gt;= (CF=0). Alias NC, NB.</summary>
    AE = 0x3,
    /// <summary>Equal (ZF=1). Alias Z.</summary>
    E = 0x4,
    /// <summary>Not equal (ZF=0). Alias NZ.</summary>
    NE = 0x5,
    /// <summary>Below or equal, unsigned &lt;= (CF=1 or ZF=1). Alias NA.</summary>
    BE = 0x6,
    /// <summary>Above, unsigned &gt; (CF=0 and ZF=0). Alias NBE.</summary>
    A = 0x7,
    /// <summary>Sign (SF=1).</summary>
    S = 0x8,
    /// <summary>No sign (SF=0).</summary>
    NS = 0x9,
    /// <summary>Parity even (PF=1); after UCOMISD: unordered. Alias PE.</summary>
    P = 0xA,
    /// <summary>Parity odd (PF=0); after UCOMISD: ordered. Alias PO.</summary>
    NP = 0xB,
    /// <summary>Less, signed &lt; (SF≠OF). Alias NGE.</summary>
    L = 0xC,
    /// <summary>Greater or equal, signed &gt;= (SF=OF). Alias NL.</summary>
    GE = 0xD,
    /// <summary>Less or equal, signed &lt;= (ZF=1 or SF≠OF). Alias NG.</summary>
    LE = 0xE,
    /// <summary>Greater, signed &gt; (ZF=0 and SF=OF). Alias NLE.</summary>
    G = 0xF,

    /// <summary>Alias of <see cref="B"/> (carry).</summary>
    C = B,
    /// <summary>Alias of <see cref="AE"/> (no carry).</summary>
    NC = AE,
    /// <summary>Alias of <see cref="E"/> (zero).</summary>
    Z = E,
    /// <summary>Alias of <see cref="NE"/> (not zero).</summary>
    NZ = NE,
}
