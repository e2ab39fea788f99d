namespace Sox.Compiler.Targets.X64;

/// <summary>How an <see cref="X64Memory"/> operand forms its address.</summary>
public enum X64MemoryKind : byte
{
    /// <summary><c>[base + index*scale + disp32]</c>, base and index each optional.</summary>
    BaseIndex,
    /// <summary><c>[rip + symbol + addend]</c>, resolved by the linker through a relocation.</summary>
    RipSymbol,
    /// <summary><c>[rip + label + offset]</c>, resolved by the encoder when it finishes.</summary>
    RipLabel,
}
