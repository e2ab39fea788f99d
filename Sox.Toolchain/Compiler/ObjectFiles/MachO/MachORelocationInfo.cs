using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct relocation_info</c> (<c>&lt;mach-o/reloc.h&gt;</c>), one 8-byte entry of a section's relocation
/// table: <c>int32_t r_address</c>, then one 32-bit word of bit fields, least significant first —
/// <c>r_symbolnum:24, r_pcrel:1, r_length:2, r_extern:1, r_type:4</c>. Mach-O has no addend field: the addend is
/// the patched field's contents, or (arm64 instructions) a preceding <c>ARM64_RELOC_ADDEND</c> entry whose
/// <c>r_symbolnum</c> holds it. Scattered relocations (<c>R_SCATTERED</c>) do not exist on 64-bit targets.
/// </summary>
/// <param name="Address"><c>r_address</c>: offset of the patched field from the start of the section.</param>
/// <param name="SymbolNumber"><c>r_symbolnum</c>: with <paramref name="Extern"/>, the symbol table index; otherwise
/// a 1-based section number (or, for <c>ARM64_RELOC_ADDEND</c>, the signed 24-bit addend).</param>
/// <param name="PcRelative"><c>r_pcrel</c>: the field holds a PC-relative value.</param>
/// <param name="Length"><c>r_length</c>: log2 of the field's size (2 = 4 bytes, 3 = 8 bytes).</param>
/// <param name="Extern"><c>r_extern</c>: <paramref name="SymbolNumber"/> names a symbol, not a section.</param>
/// <param name="Type"><c>r_type</c> (<see cref="MachOArm64RelocationType"/>, <see cref="MachOX86_64RelocationType"/>).</param>
public readonly record struct MachORelocationInfo(int Address, uint SymbolNumber, bool PcRelative, byte Length, bool Extern, byte Type)
{
    /// <summary><c>sizeof(struct relocation_info)</c>.</summary>
    public const int Size = 8;
    /// <summary>The largest value <c>r_symbolnum</c> (24 bits) holds.</summary>
    public const uint MaxSymbolNumber = 0x00ff_ffff;

    /// <summary>The second word: the packed bit fields.</summary>
    public uint Info => (SymbolNumber & MaxSymbolNumber) | (PcRelative ? 1u << 24 : 0) | ((uint)(Length & 3) << 25)
        | (Extern ? 1u << 27 : 0) | ((uint)(Type & 0xf) << 28);

    /// <summary><c>r_symbolnum</c> read as the sign-extended 24-bit addend of an <c>ARM64_RELOC_ADDEND</c>.</summary>
    public int SymbolNumberAsAddend => (int)(SymbolNumber << 8) >> 8;

    /// <summary>Writes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, Address);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Info);
    }

    /// <summary>Reads one entry from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static MachORelocationInfo Read(ReadOnlySpan<byte> source)
    {
        uint info = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        return new MachORelocationInfo(BinaryPrimitives.ReadInt32LittleEndian(source), info & MaxSymbolNumber,
            ((info >> 24) & 1) != 0, (byte)((info >> 25) & 3), ((info >> 27) & 1) != 0, (byte)(info >> 28));
    }
}
