using System.Buffers.Binary;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Just enough of an A64 decoder for the label tests, written from the Arm ARM's encoding diagrams (C4.1.65):
/// which branch a word is and where it goes. Offsets are in bytes from the branch's own address.
/// </summary>
internal static class A64Decode
{
    public static uint Word(byte[] code, int at) => BinaryPrimitives.ReadUInt32LittleEndian(code.AsSpan(at));

    private static long SignExtend(uint value, int bits) => (long)((ulong)value << (64 - bits)) >> (64 - bits);

    /// <summary>B / BL: 0 00101 imm26 / 1 00101 imm26.</summary>
    public static bool IsB(uint word) => (word & 0xFC00_0000) == 0x1400_0000;

    public static bool IsBl(uint word) => (word & 0xFC00_0000) == 0x9400_0000;

    public static long Imm26(uint word) => SignExtend(word & 0x03FF_FFFF, 26) * 4;

    /// <summary>B.cond: 0101010 0 imm19 0 cond.</summary>
    public static bool IsBCond(uint word) => (word & 0xFF00_0010) == 0x5400_0000;

    public static int Cond(uint word) => (int)(word & 15);

    /// <summary>CBZ/CBNZ: sf 011010 op imm19 Rt.</summary>
    public static bool IsCb(uint word) => (word & 0x7E00_0000) == 0x3400_0000;

    /// <summary>TBZ/TBNZ: b5 011011 op b40 imm14 Rt.</summary>
    public static bool IsTb(uint word) => (word & 0x7E00_0000) == 0x3600_0000;

    /// <summary>The op bit (bit 24) of CBZ/CBNZ and TBZ/TBNZ: 1 for the "not zero" forms.</summary>
    public static int Op(uint word) => (int)(word >> 24) & 1;

    public static long Imm19(uint word) => SignExtend((word >> 5) & 0x7FFFF, 19) * 4;

    public static long Imm14(uint word) => SignExtend((word >> 5) & 0x3FFF, 14) * 4;

    /// <summary>ADR: 0 immlo 10000 immhi Rd.</summary>
    public static long Adr(uint word) => SignExtend(((word >> 5) & 0x7FFFF) << 2 | (word >> 29) & 3, 21);
}
