using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// <c>Elf64_Rela</c>, one 24-byte entry of a <c>.rela.&lt;section&gt;</c> table (System V gABI, "Relocation",
/// Figure 4-21): patch the field at <see cref="Offset"/> of the target section with the calculation
/// <see cref="Type"/> names (psABI tables) on symbol <see cref="SymbolIndex"/> and <see cref="Addend"/>.
/// </summary>
/// <param name="Offset"><c>r_offset</c>: byte offset of the patched field inside the target section.</param>
/// <param name="Type"><c>ELF64_R_TYPE(r_info)</c>, the low 32 bits (<see cref="ElfX86_64RelocationType"/>,
/// <see cref="ElfAArch64RelocationType"/>).</param>
/// <param name="SymbolIndex"><c>ELF64_R_SYM(r_info)</c>, the high 32 bits: index into <c>.symtab</c>.</param>
/// <param name="Addend"><c>r_addend</c>.</param>
public readonly record struct ElfRelocation(ulong Offset, uint Type, uint SymbolIndex, long Addend)
{
    /// <summary><c>sizeof(Elf64_Rela)</c>, also the table's <c>sh_entsize</c>.</summary>
    public const int Size = 24;

    /// <summary><c>r_info</c> = <c>ELF64_R_INFO(sym, type)</c> = (sym &lt;&lt; 32) + type.</summary>
    public ulong Info => ((ulong)SymbolIndex << 32) | Type;

    /// <summary>Writes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Info);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Addend);
    }

    /// <summary>Reads one entry from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static ElfRelocation Read(ReadOnlySpan<byte> source)
    {
        ulong info = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]);
        return new ElfRelocation(BinaryPrimitives.ReadUInt64LittleEndian(source), (uint)info, (uint)(info >> 32),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]));
    }
}
