using System.Buffers.Binary;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// <c>IMAGE_SECTION_HEADER</c>, one 40-byte entry of the section table (PE Format, "Section Table (Section
/// Headers)"). In an object file <c>VirtualSize</c> and <c>VirtualAddress</c> are 0; section numbers used by symbols
/// are 1-based indexes into this table. <see cref="Name"/> is the 8-byte field as text: a name of up to 8 UTF-8 bytes
/// itself, otherwise <c>/N</c> (N the decimal string-table offset) or <c>//B</c> (six base-64 digits, for offsets
/// over 9,999,999).
/// </summary>
public readonly record struct CoffSectionHeader
{
    /// <summary><c>sizeof(IMAGE_SECTION_HEADER)</c>.</summary>
    public const int Size = 40;
    /// <summary>Bytes in the <c>Name</c> field.</summary>
    public const int NameSize = 8;

    /// <summary><c>Name[8]</c>: the section name, or the <c>/N</c> reference to it in the string table.</summary>
    public string Name { get; init; }
    /// <summary><c>VirtualSize</c>: 0 in object files.</summary>
    public uint VirtualSize { get; init; }
    /// <summary><c>VirtualAddress</c>: 0 in object files (relocation offsets are then plain section offsets).</summary>
    public uint VirtualAddress { get; init; }
    /// <summary><c>SizeOfRawData</c>: the section's size; for uninitialized data the size to reserve.</summary>
    public uint SizeOfRawData { get; init; }
    /// <summary><c>PointerToRawData</c>: file offset of the contents; 0 for uninitialized data or an empty section.</summary>
    public uint PointerToRawData { get; init; }
    /// <summary><c>PointerToRelocations</c>: file offset of the section's <see cref="CoffRelocation"/> records; 0 without any.</summary>
    public uint PointerToRelocations { get; init; }
    /// <summary><c>PointerToLinenumbers</c>: 0 (COFF line numbers are deprecated).</summary>
    public uint PointerToLinenumbers { get; init; }
    /// <summary><c>NumberOfRelocations</c>: the count, or 0xFFFF with <c>IMAGE_SCN_LNK_NRELOC_OVFL</c>.</summary>
    public ushort NumberOfRelocations { get; init; }
    /// <summary><c>NumberOfLinenumbers</c>: 0.</summary>
    public ushort NumberOfLinenumbers { get; init; }
    /// <summary><c>Characteristics</c>: contents, memory permissions, alignment and link flags.</summary>
    public CoffSectionCharacteristics Characteristics { get; init; }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var name = destination[..NameSize];
        name.Clear();
        if (Encoding.UTF8.GetByteCount(Name ?? "") > NameSize) throw new InvalidOperationException($"Section name field \"{Name}\" is longer than {NameSize} bytes.");
        Encoding.UTF8.GetBytes(Name ?? "", name);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], VirtualSize);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], VirtualAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], SizeOfRawData);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], PointerToRawData);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], PointerToRelocations);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], PointerToLinenumbers);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], NumberOfRelocations);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], NumberOfLinenumbers);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], (uint)Characteristics);
    }

    /// <summary>Reads a header from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static CoffSectionHeader Read(ReadOnlySpan<byte> source)
    {
        var name = source[..NameSize];
        int end = name.IndexOf((byte)0);
        return new CoffSectionHeader
        {
            Name = Encoding.UTF8.GetString(end < 0 ? name : name[..end]),
            VirtualSize = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            VirtualAddress = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            SizeOfRawData = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
            PointerToRawData = BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
            PointerToRelocations = BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
            PointerToLinenumbers = BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
            NumberOfRelocations = BinaryPrimitives.ReadUInt16LittleEndian(source[32..]),
            NumberOfLinenumbers = BinaryPrimitives.ReadUInt16LittleEndian(source[34..]),
            Characteristics = (CoffSectionCharacteristics)BinaryPrimitives.ReadUInt32LittleEndian(source[36..]),
        };
    }
}
