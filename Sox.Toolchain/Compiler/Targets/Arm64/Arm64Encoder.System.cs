namespace Sox.Compiler.Targets.Arm64;

// Exception generation, hints and barriers (Arm ARM C4.1.65 "Exception generation", "Hints", "Barriers";
// C6.2 NOP, BRK, UDF, DMB).
public sealed partial class Arm64Encoder
{
    /// <summary>The NOP word (HINT #0), also used for alignment padding.</summary>
    private const uint NopWord = 0xD503_201F;

    /// <summary>Fills <paramref name="gap"/> (a multiple of 4 bytes) with NOP words, as alignment padding is.</summary>
    internal static void WriteNops(Span<byte> gap)
    {
        for (var p = 0; p + 4 <= gap.Length; p += 4) System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(gap[p..], NopWord);
    }

    /// <summary><c>nop</c> — NOP (HINT #0).</summary>
    public void Nop() => Emit(NopWord);

    /// <summary><c>brk #imm16</c> — BRK: a breakpoint exception (SIGTRAP on Linux); the immediate is for the debugger.</summary>
    public void Brk(ushort imm16) => Emit(0xD420_0000 | (uint)imm16 << 5);

    /// <summary><c>udf #imm16</c> — UDF: permanently undefined (SIGILL), for unreachable code.</summary>
    public void Udf(ushort imm16) => Emit(imm16);

    /// <summary><c>dmb option</c> — DMB, a data memory barrier.</summary>
    public void Dmb(Arm64Barrier option)
    {
        if ((int)option is < 1 or > 15 || ((int)option & 3) == 0)
            throw new ArgumentOutOfRangeException(nameof(option), option, "Not a DMB option.");
        Emit(0xD503_30BF | (uint)option << 8);
    }
}
