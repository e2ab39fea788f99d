using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary><c>Elf64_Sym</c>, one 24-byte entry of <c>.symtab</c> (System V gABI, "Symbol Table", Figure 4-15).</summary>
public readonly record struct ElfSymbol
{
    /// <summary><c>sizeof(Elf64_Sym)</c>, also the table's <c>sh_entsize</c>.</summary>
    public const int Size = 24;
    /// <summary><c>st_other</c> visibility <c>STV_DEFAULT</c>.</summary>
    public const byte STV_DEFAULT = 0;

    /// <summary><c>st_name</c>: offset of the name in <c>.strtab</c>; 0 for no name.</summary>
    public uint Name { get; init; }
    /// <summary>The binding half of <c>st_info</c> (<c>ELF64_ST_BIND</c>).</summary>
    public ElfSymbolBinding Binding { get; init; }
    /// <summary>The type half of <c>st_info</c> (<c>ELF64_ST_TYPE</c>).</summary>
    public ElfSymbolType Type { get; init; }
    /// <summary><c>st_other</c>: the visibility (<see cref="STV_DEFAULT"/>).</summary>
    public byte Other { get; init; }
    /// <summary><c>st_shndx</c>: the defining section's index, or <c>SHN_UNDEF</c>/<c>SHN_ABS</c>.</summary>
    public ushort SectionIndex { get; init; }
    /// <summary><c>st_value</c>: in relocatable files, the offset inside the defining section.</summary>
    public ulong Value { get; init; }
    /// <summary><c>st_size</c>: size of the object or function, 0 when unknown.</summary>
    public ulong SymbolSize { get; init; }

    /// <summary><c>st_info</c> = <c>ELF64_ST_INFO(bind, type)</c> = (bind &lt;&lt; 4) + (type &amp; 0xf).</summary>
    public byte Info => (byte)(((int)Binding << 4) | ((int)Type & 0xf));

    /// <summary>Writes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Name);
        destination[4] = Info;
        destination[5] = Other;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], SectionIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Value);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], SymbolSize);
    }

    /// <summary>Reads one entry from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static ElfSymbol Read(ReadOnlySpan<byte> source) => new()
    {
        Name = BinaryPrimitives.ReadUInt32LittleEndian(source),
        Binding = (ElfSymbolBinding)(source[4] >> 4),
        Type = (ElfSymbolType)(source[4] & 0xf),
        Other = source[5],
        SectionIndex = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
        Value = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        SymbolSize = BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
    };
}
