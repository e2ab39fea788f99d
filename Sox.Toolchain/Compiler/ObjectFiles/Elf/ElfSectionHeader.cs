using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary><c>Elf64_Shdr</c>, one 64-byte entry of the section header table (System V gABI, "Sections", Figure 4-8).</summary>
public readonly record struct ElfSectionHeader
{
    /// <summary><c>sizeof(Elf64_Shdr)</c>.</summary>
    public const int Size = 64;

    /// <summary><c>sh_name</c>: offset of the name in <c>.shstrtab</c>.</summary>
    public uint Name { get; init; }
    /// <summary><c>sh_type</c>.</summary>
    public ElfSectionType Type { get; init; }
    /// <summary><c>sh_flags</c>.</summary>
    public ElfSectionFlags Flags { get; init; }
    /// <summary><c>sh_addr</c>; 0 in relocatable files.</summary>
    public ulong Address { get; init; }
    /// <summary><c>sh_offset</c>: file offset of the contents (for <c>SHT_NOBITS</c>, where they would be).</summary>
    public ulong Offset { get; init; }
    /// <summary><c>sh_size</c>: size in bytes (in memory for <c>SHT_NOBITS</c>).</summary>
    public ulong SectionSize { get; init; }
    /// <summary><c>sh_link</c>: for <c>SHT_SYMTAB</c> the string table, for <c>SHT_RELA</c> the symbol table.</summary>
    public uint Link { get; init; }
    /// <summary><c>sh_info</c>: for <c>SHT_SYMTAB</c> one past the last local symbol, for <c>SHT_RELA</c> the
    /// section the relocations apply to.</summary>
    public uint Info { get; init; }
    /// <summary><c>sh_addralign</c>: required alignment of the contents, a power of two (0 or 1: none).</summary>
    public ulong AddressAlignment { get; init; }
    /// <summary><c>sh_entsize</c>: size of one entry of a table section, else 0.</summary>
    public ulong EntrySize { get; init; }

    /// <summary>Writes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Name);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)Type);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], (ulong)Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Address);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], SectionSize);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], Link);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[44..], Info);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], AddressAlignment);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[56..], EntrySize);
    }

    /// <summary>Reads one entry from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static ElfSectionHeader Read(ReadOnlySpan<byte> source) => new()
    {
        Name = BinaryPrimitives.ReadUInt32LittleEndian(source),
        Type = (ElfSectionType)BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        Flags = (ElfSectionFlags)BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        Address = BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
        Offset = BinaryPrimitives.ReadUInt64LittleEndian(source[24..]),
        SectionSize = BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
        Link = BinaryPrimitives.ReadUInt32LittleEndian(source[40..]),
        Info = BinaryPrimitives.ReadUInt32LittleEndian(source[44..]),
        AddressAlignment = BinaryPrimitives.ReadUInt64LittleEndian(source[48..]),
        EntrySize = BinaryPrimitives.ReadUInt64LittleEndian(source[56..]),
    };
}
