using System.Buffers.Binary;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// <c>IMAGE_SYMBOL</c>, one 18-byte record of the COFF symbol table (PE Format, "COFF Symbol Table"). Its
/// <see cref="NumberOfAuxSymbols"/> auxiliary records (<see cref="CoffAuxSectionDefinition"/>, file name chunks)
/// follow it and count as symbol-table entries: relocation symbol indexes and <c>NumberOfSymbols</c> count them.
/// <para>The 8-byte name field holds a name of up to 8 UTF-8 bytes (NUL-padded, no NUL needed at exactly 8); a longer
/// name lives in the string table and the field holds four zero bytes then the name's offset there
/// (<see cref="NameOffset"/>, with <see cref="ShortName"/> null).</para>
/// </summary>
public readonly record struct CoffSymbol
{
    /// <summary><c>sizeof(IMAGE_SYMBOL)</c>, also the size of every auxiliary record.</summary>
    public const int Size = 18;
    /// <summary>Bytes in the name field.</summary>
    public const int NameSize = 8;
    /// <summary><c>SectionNumber</c> of an external reference (or a common symbol, with a non-zero value).</summary>
    public const short IMAGE_SYM_UNDEFINED = 0;
    /// <summary><c>SectionNumber</c> of an absolute symbol (its value is not an address).</summary>
    public const short IMAGE_SYM_ABSOLUTE = -1;
    /// <summary><c>SectionNumber</c> of a debugging symbol such as <c>.file</c>.</summary>
    public const short IMAGE_SYM_DEBUG = -2;
    /// <summary><c>Type</c>: no type information.</summary>
    public const ushort IMAGE_SYM_TYPE_NULL = 0;
    /// <summary><c>Type</c> of a function: derived type <c>IMAGE_SYM_DTYPE_FUNCTION</c> (2) in bits 4–5, base type
    /// null — the only type Microsoft tools set (PE Format, "Type Representation": 0x20).</summary>
    public const ushort IMAGE_SYM_TYPE_FUNCTION = 0x20;

    /// <summary>The name stored in the name field, or null when it is in the string table at <see cref="NameOffset"/>.</summary>
    public string? ShortName { get; init; }
    /// <summary>The string-table offset of the name when <see cref="ShortName"/> is null.</summary>
    public uint NameOffset { get; init; }
    /// <summary><c>Value</c>: for a symbol in a section, its offset there; 0 for undefined and section symbols.</summary>
    public uint Value { get; init; }
    /// <summary><c>SectionNumber</c>: 1-based section index, or <see cref="IMAGE_SYM_UNDEFINED"/>,
    /// <see cref="IMAGE_SYM_ABSOLUTE"/>, <see cref="IMAGE_SYM_DEBUG"/>.</summary>
    public short SectionNumber { get; init; }
    /// <summary><c>Type</c>: <see cref="IMAGE_SYM_TYPE_FUNCTION"/> or <see cref="IMAGE_SYM_TYPE_NULL"/>.</summary>
    public ushort Type { get; init; }
    /// <summary><c>StorageClass</c>.</summary>
    public CoffStorageClass StorageClass { get; init; }
    /// <summary><c>NumberOfAuxSymbols</c>: auxiliary records following this one.</summary>
    public byte NumberOfAuxSymbols { get; init; }

    /// <summary>Whether <paramref name="name"/> fits the name field (at most 8 UTF-8 bytes).</summary>
    public static bool FitsInline(string name) => Encoding.UTF8.GetByteCount(name) <= NameSize;

    /// <summary>Writes the record into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var name = destination[..NameSize];
        name.Clear();
        if (ShortName is null) BinaryPrimitives.WriteUInt32LittleEndian(name[4..], NameOffset);
        else if (!FitsInline(ShortName)) throw new InvalidOperationException($"Symbol name \"{ShortName}\" is longer than {NameSize} bytes.");
        else Encoding.UTF8.GetBytes(ShortName, name);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Value);
        BinaryPrimitives.WriteInt16LittleEndian(destination[12..], SectionNumber);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], Type);
        destination[16] = (byte)StorageClass;
        destination[17] = NumberOfAuxSymbols;
    }

    /// <summary>Reads a record from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static CoffSymbol Read(ReadOnlySpan<byte> source)
    {
        var name = source[..NameSize];
        bool inTable = BinaryPrimitives.ReadUInt32LittleEndian(name) == 0;
        int end = name.IndexOf((byte)0);
        return new CoffSymbol
        {
            ShortName = inTable ? null : Encoding.UTF8.GetString(end < 0 ? name : name[..end]),
            NameOffset = inTable ? BinaryPrimitives.ReadUInt32LittleEndian(name[4..]) : 0,
            Value = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            SectionNumber = BinaryPrimitives.ReadInt16LittleEndian(source[12..]),
            Type = BinaryPrimitives.ReadUInt16LittleEndian(source[14..]),
            StorageClass = (CoffStorageClass)source[16],
            NumberOfAuxSymbols = source[17],
        };
    }
}
