using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// <c>Elf64_Ehdr</c>, the 64-byte header at file offset 0 (System V gABI, "ELF Header", Figure 4-3). Sox writes
/// little-endian ELFCLASS64 files only.
/// </summary>
public readonly record struct ElfHeader
{
    /// <summary><c>sizeof(Elf64_Ehdr)</c>.</summary>
    public const int Size = 64;
    /// <summary><c>e_ident[EI_CLASS]</c> for 64-bit objects.</summary>
    public const byte ELFCLASS64 = 2;
    /// <summary><c>e_ident[EI_DATA]</c> for two's complement little-endian.</summary>
    public const byte ELFDATA2LSB = 1;
    /// <summary><c>e_ident[EI_VERSION]</c> and <c>e_version</c>.</summary>
    public const byte EV_CURRENT = 1;
    /// <summary><c>e_ident[EI_OSABI]</c>: System V, no extensions.</summary>
    public const byte ELFOSABI_NONE = 0;
    /// <summary><c>e_type</c> of a relocatable file.</summary>
    public const ushort ET_REL = 1;

    /// <summary><c>e_type</c>.</summary>
    public ushort Type { get; init; }
    /// <summary><c>e_machine</c>.</summary>
    public ElfMachine Machine { get; init; }
    /// <summary><c>e_entry</c>; 0 in relocatable files.</summary>
    public ulong Entry { get; init; }
    /// <summary><c>e_phoff</c>; 0 when there is no program header table.</summary>
    public ulong ProgramHeaderOffset { get; init; }
    /// <summary><c>e_shoff</c>: file offset of the section header table.</summary>
    public ulong SectionHeaderOffset { get; init; }
    /// <summary><c>e_flags</c>: processor-specific; 0 for x86-64 and AArch64.</summary>
    public uint Flags { get; init; }
    /// <summary><c>e_phentsize</c>.</summary>
    public ushort ProgramHeaderEntrySize { get; init; }
    /// <summary><c>e_phnum</c>.</summary>
    public ushort ProgramHeaderCount { get; init; }
    /// <summary><c>e_shnum</c>: number of section headers, including the null one.</summary>
    public ushort SectionHeaderCount { get; init; }
    /// <summary><c>e_shstrndx</c>: index of the section-name string table.</summary>
    public ushort SectionNameTableIndex { get; init; }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        d[0] = 0x7f; d[1] = (byte)'E'; d[2] = (byte)'L'; d[3] = (byte)'F';  // ELFMAG
        d[4] = ELFCLASS64;
        d[5] = ELFDATA2LSB;
        d[6] = EV_CURRENT;
        d[7] = ELFOSABI_NONE;                                             // EI_ABIVERSION and EI_PAD stay 0
        BinaryPrimitives.WriteUInt16LittleEndian(d[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(d[18..], (ushort)Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(d[20..], EV_CURRENT);      // e_version
        BinaryPrimitives.WriteUInt64LittleEndian(d[24..], Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(d[32..], ProgramHeaderOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(d[40..], SectionHeaderOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d[48..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(d[52..], Size);            // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(d[54..], ProgramHeaderEntrySize);
        BinaryPrimitives.WriteUInt16LittleEndian(d[56..], ProgramHeaderCount);
        BinaryPrimitives.WriteUInt16LittleEndian(d[58..], ElfSectionHeader.Size); // e_shentsize
        BinaryPrimitives.WriteUInt16LittleEndian(d[60..], SectionHeaderCount);
        BinaryPrimitives.WriteUInt16LittleEndian(d[62..], SectionNameTableIndex);
    }

    /// <summary>Reads a little-endian ELFCLASS64 header; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static ElfHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || source[0] != 0x7f || source[1] != 'E' || source[2] != 'L' || source[3] != 'F')
            throw new InvalidDataException("Not an ELF file.");
        if (source[4] != ELFCLASS64 || source[5] != ELFDATA2LSB)
            throw new InvalidDataException("Not a little-endian ELF64 file.");
        return new ElfHeader
        {
            Type = BinaryPrimitives.ReadUInt16LittleEndian(source[16..]),
            Machine = (ElfMachine)BinaryPrimitives.ReadUInt16LittleEndian(source[18..]),
            Entry = BinaryPrimitives.ReadUInt64LittleEndian(source[24..]),
            ProgramHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
            SectionHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(source[40..]),
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(source[48..]),
            ProgramHeaderEntrySize = BinaryPrimitives.ReadUInt16LittleEndian(source[54..]),
            ProgramHeaderCount = BinaryPrimitives.ReadUInt16LittleEndian(source[56..]),
            SectionHeaderCount = BinaryPrimitives.ReadUInt16LittleEndian(source[60..]),
            SectionNameTableIndex = BinaryPrimitives.ReadUInt16LittleEndian(source[62..]),
        };
    }
}
