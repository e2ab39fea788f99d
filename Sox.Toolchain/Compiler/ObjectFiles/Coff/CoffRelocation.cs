using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// <c>IMAGE_RELOCATION</c>, one 10-byte record of a section's relocation table (PE Format, "COFF Relocations (Object
/// Only)"). COFF relocations carry no addend field: the addend is what the patched field holds, which the linker adds
/// to (see <see cref="CoffAmd64RelocationType"/>).
/// </summary>
/// <param name="VirtualAddress">Offset of the patched field from the start of the section (the section's
/// <c>VirtualAddress</c> is 0 in objects).</param>
/// <param name="SymbolTableIndex">Zero-based index of the target in the symbol table (auxiliary records count).</param>
/// <param name="Type">The relocation type, for AMD64 a <see cref="CoffAmd64RelocationType"/>.</param>
public readonly record struct CoffRelocation(uint VirtualAddress, uint SymbolTableIndex, ushort Type)
{
    /// <summary><c>sizeof(IMAGE_RELOCATION)</c>.</summary>
    public const int Size = 10;

    /// <summary>Writes the record into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, VirtualAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], SymbolTableIndex);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], Type);
    }

    /// <summary>Reads a record from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static CoffRelocation Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(source), BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[8..]));
}
