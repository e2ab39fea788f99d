using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// <c>IMAGE_FILE_HEADER</c>, the 20-byte COFF file header that starts an object file (PE Format, "COFF File Header
/// (Object and Image)"). An object has no optional header (<c>SizeOfOptionalHeader</c> 0), and the writer leaves
/// <c>TimeDateStamp</c> and <c>Characteristics</c> 0 so that output depends only on input.
/// </summary>
public readonly record struct CoffFileHeader
{
    /// <summary><c>sizeof(IMAGE_FILE_HEADER)</c>.</summary>
    public const int Size = 20;

    /// <summary><c>Machine</c>: the target CPU.</summary>
    public CoffMachine Machine { get; init; }
    /// <summary><c>NumberOfSections</c>: entries in the section table.</summary>
    public ushort NumberOfSections { get; init; }
    /// <summary><c>TimeDateStamp</c>: seconds since 1970 when the file was created; 0 (unknown) here.</summary>
    public uint TimeDateStamp { get; init; }
    /// <summary><c>PointerToSymbolTable</c>: file offset of the COFF symbol table.</summary>
    public uint PointerToSymbolTable { get; init; }
    /// <summary><c>NumberOfSymbols</c>: entries in the symbol table, auxiliary records included. The string table
    /// starts right after them.</summary>
    public uint NumberOfSymbols { get; init; }
    /// <summary><c>SizeOfOptionalHeader</c>: 0 for an object file.</summary>
    public ushort SizeOfOptionalHeader { get; init; }
    /// <summary><c>Characteristics</c> (<c>IMAGE_FILE_*</c>); 0 for an object file.</summary>
    public ushort Characteristics { get; init; }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)Machine);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], NumberOfSections);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], TimeDateStamp);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], PointerToSymbolTable);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], NumberOfSymbols);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[16..], SizeOfOptionalHeader);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[18..], Characteristics);
    }

    /// <summary>Reads a header from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static CoffFileHeader Read(ReadOnlySpan<byte> source) => new()
    {
        Machine = (CoffMachine)BinaryPrimitives.ReadUInt16LittleEndian(source),
        NumberOfSections = BinaryPrimitives.ReadUInt16LittleEndian(source[2..]),
        TimeDateStamp = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        PointerToSymbolTable = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        NumberOfSymbols = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
        SizeOfOptionalHeader = BinaryPrimitives.ReadUInt16LittleEndian(source[16..]),
        Characteristics = BinaryPrimitives.ReadUInt16LittleEndian(source[18..]),
    };
}
