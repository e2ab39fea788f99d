using System.Buffers.Binary;
using Sox.Compiler.ObjectFiles.MachO.Internal;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct section_64</c> (<c>&lt;mach-o/loader.h&gt;</c>), one 80-byte header after its
/// <see cref="SegmentCommand64"/>. In an <c>MH_OBJECT</c> every section has an address in one address space
/// starting at 0, as an assembler lays them out; symbol values (<c>n_value</c>) are such addresses.
/// </summary>
public readonly record struct Section64
{
    /// <summary><c>sizeof(struct section_64)</c>.</summary>
    public const int Size = 80;

    /// <summary><c>sectname[16]</c>, for example <c>__text</c>.</summary>
    public string SectionName { get; init; }
    /// <summary><c>segname[16]</c>: the segment the linker puts the section in, for example <c>__TEXT</c>.</summary>
    public string SegmentName { get; init; }
    /// <summary><c>addr</c>: the section's address.</summary>
    public ulong Address { get; init; }
    /// <summary><c>size</c>: the section's size in bytes.</summary>
    public ulong SectionSize { get; init; }
    /// <summary><c>offset</c>: file offset of the contents; 0 for <c>S_ZEROFILL</c>.</summary>
    public uint Offset { get; init; }
    /// <summary><c>align</c>: the alignment as a power of two (log2 of the byte alignment).</summary>
    public uint AlignLog2 { get; init; }
    /// <summary><c>reloff</c>: file offset of the section's <see cref="MachORelocationInfo"/> entries; 0 without any.</summary>
    public uint RelocationOffset { get; init; }
    /// <summary><c>nreloc</c>: number of relocation entries (pairs count twice).</summary>
    public uint RelocationCount { get; init; }
    /// <summary>The type byte of <c>flags</c>.</summary>
    public MachOSectionType Type { get; init; }
    /// <summary>The attribute bits of <c>flags</c>.</summary>
    public MachOSectionAttributes Attributes { get; init; }
    /// <summary><c>reserved1</c> (indirect symbol index for stub/pointer sections); 0 here.</summary>
    public uint Reserved1 { get; init; }
    /// <summary><c>reserved2</c> (stub size for stub sections); 0 here.</summary>
    public uint Reserved2 { get; init; }

    /// <summary><c>flags</c> = type | attributes.</summary>
    public uint Flags => (uint)Type | (uint)Attributes;

    /// <summary>The <c>segname,sectname</c> pair as tools print it.</summary>
    public string QualifiedName => $"{SegmentName},{SectionName}";

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        MachOFixedName.Write(destination, SectionName ?? "");
        MachOFixedName.Write(destination[16..], SegmentName ?? "");
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], Address);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], SectionSize);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[48..], Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[52..], AlignLog2);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[56..], RelocationOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[60..], RelocationCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[64..], Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[68..], Reserved1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[72..], Reserved2);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[76..], 0);   // reserved3
    }

    /// <summary>Reads a header from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static Section64 Read(ReadOnlySpan<byte> source)
    {
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(source[64..]);
        return new Section64
        {
            SectionName = MachOFixedName.Read(source),
            SegmentName = MachOFixedName.Read(source[16..]),
            Address = BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
            SectionSize = BinaryPrimitives.ReadUInt64LittleEndian(source[40..]),
            Offset = BinaryPrimitives.ReadUInt32LittleEndian(source[48..]),
            AlignLog2 = BinaryPrimitives.ReadUInt32LittleEndian(source[52..]),
            RelocationOffset = BinaryPrimitives.ReadUInt32LittleEndian(source[56..]),
            RelocationCount = BinaryPrimitives.ReadUInt32LittleEndian(source[60..]),
            Type = (MachOSectionType)(flags & 0xff),
            Attributes = (MachOSectionAttributes)(flags & 0xffff_ff00),
            Reserved1 = BinaryPrimitives.ReadUInt32LittleEndian(source[68..]),
            Reserved2 = BinaryPrimitives.ReadUInt32LittleEndian(source[72..]),
        };
    }
}
