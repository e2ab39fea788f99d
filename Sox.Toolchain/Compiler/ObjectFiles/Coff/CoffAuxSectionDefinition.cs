using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// Auxiliary Format 5, the section definition (PE Format, "Auxiliary Format 5: Section Definitions"): the 18-byte
/// record after a section's own <c>IMAGE_SYM_CLASS_STATIC</c> symbol. <see cref="CheckSum"/> matters to linkers only
/// for COMDAT sections; the writer fills it for every section with contents as Microsoft's and LLVM's tools do
/// (<see cref="Internal.CoffChecksum"/>).
/// </summary>
public readonly record struct CoffAuxSectionDefinition
{
    /// <summary><c>Length</c>: the section's size (its <c>SizeOfRawData</c>).</summary>
    public uint Length { get; init; }
    /// <summary><c>NumberOfRelocations</c>: as in the section header.</summary>
    public ushort NumberOfRelocations { get; init; }
    /// <summary><c>NumberOfLinenumbers</c>: 0.</summary>
    public ushort NumberOfLinenumbers { get; init; }
    /// <summary><c>CheckSum</c>: CRC-32 of the contents (0 for uninitialized data).</summary>
    public uint CheckSum { get; init; }
    /// <summary><c>Number</c>: the associated section of an <c>IMAGE_COMDAT_SELECT_ASSOCIATIVE</c> COMDAT; 0 otherwise.</summary>
    public ushort Number { get; init; }
    /// <summary><c>Selection</c>: the COMDAT selection number; 0 for a section that is not COMDAT.</summary>
    public byte Selection { get; init; }

    /// <summary>Writes the record into the first <see cref="CoffSymbol.Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[..CoffSymbol.Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], NumberOfRelocations);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], NumberOfLinenumbers);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], CheckSum);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[12..], Number);
        destination[14] = Selection;
    }

    /// <summary>Reads a record from the first <see cref="CoffSymbol.Size"/> bytes of <paramref name="source"/>.</summary>
    public static CoffAuxSectionDefinition Read(ReadOnlySpan<byte> source) => new()
    {
        Length = BinaryPrimitives.ReadUInt32LittleEndian(source),
        NumberOfRelocations = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]),
        NumberOfLinenumbers = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
        CheckSum = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        Number = BinaryPrimitives.ReadUInt16LittleEndian(source[12..]),
        Selection = source[14],
    };
}
