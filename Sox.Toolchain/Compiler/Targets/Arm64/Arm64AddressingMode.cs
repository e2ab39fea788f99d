namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// How an <see cref="Arm64Memory"/> operand forms its address (Arm ARM C1.3.3 "Load/Store addressing modes").
/// The values start at 1 so that <c>default(Arm64Memory)</c> is recognisably no address.
/// </summary>
public enum Arm64AddressingMode : byte
{
    /// <summary>
    /// <c>[xn, #imm]</c>: the encoder takes the unsigned scaled 12-bit form when the offset is a non-negative
    /// multiple of the access size that fits, otherwise the unscaled 9-bit form (LDUR/STUR) when −256 ≤ imm ≤ 255,
    /// otherwise it throws. LDP/STP use their signed scaled 7-bit offset.
    /// </summary>
    Offset = 1,
    /// <summary><c>[xn, #imm]</c> forced to the unscaled 9-bit form (LDUR/STUR), −256…255.</summary>
    Unscaled,
    /// <summary><c>[xn, #imm]!</c>: base updated before the access (9-bit signed; LDP/STP 7-bit scaled).</summary>
    PreIndex,
    /// <summary><c>[xn], #imm</c>: base updated after the access (9-bit signed; LDP/STP 7-bit scaled).</summary>
    PostIndex,
    /// <summary><c>[xn, xm{, extend {#amount}}]</c>: register offset.</summary>
    Register,
    /// <summary><c>[xn, :lo12:symbol]</c>: the low 12 bits of a symbol's address (after <c>adrp</c>).</summary>
    SymbolLow12,
    /// <summary><c>[xn, :got_lo12:symbol]</c>: the low 12 bits of a GOT entry's address (after an <c>adrp</c> of <c>:got:</c>).</summary>
    GotLow12,
}
