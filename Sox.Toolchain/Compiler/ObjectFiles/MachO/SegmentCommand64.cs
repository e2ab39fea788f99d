using System.Buffers.Binary;
using Sox.Compiler.ObjectFiles.MachO.Internal;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct segment_command_64</c> (<c>LC_SEGMENT_64</c>, <c>&lt;mach-o/loader.h&gt;</c>), 72 bytes, directly
/// followed by <see cref="SectionCount"/> <see cref="Section64"/> headers (<c>cmdsize</c> counts them). An
/// <c>MH_OBJECT</c> holds one segment with an empty name that covers every section, as assemblers write it; the
/// sections' own <c>segname</c> says where the linker puts them.
/// </summary>
public readonly record struct SegmentCommand64
{
    /// <summary><c>sizeof(struct segment_command_64)</c>, without the section headers.</summary>
    public const int Size = 72;

    /// <summary><c>segname[16]</c>; empty in objects.</summary>
    public string Name { get; init; }
    /// <summary><c>vmaddr</c>: the address of the segment's first byte (0 in objects).</summary>
    public ulong VmAddress { get; init; }
    /// <summary><c>vmsize</c>: the segment's size in memory, zero-fill sections included.</summary>
    public ulong VmSize { get; init; }
    /// <summary><c>fileoff</c>: the file offset of the segment's bytes.</summary>
    public ulong FileOffset { get; init; }
    /// <summary><c>filesize</c>: bytes the segment occupies in the file (zero-fill sections excluded).</summary>
    public ulong FileSize { get; init; }
    /// <summary><c>maxprot</c>.</summary>
    public MachOVmProtection MaximumProtection { get; init; }
    /// <summary><c>initprot</c>.</summary>
    public MachOVmProtection InitialProtection { get; init; }
    /// <summary><c>nsects</c>: number of <see cref="Section64"/> headers after the command.</summary>
    public uint SectionCount { get; init; }
    /// <summary><c>flags</c> (<c>SG_*</c>); 0 in objects.</summary>
    public uint Flags { get; init; }

    /// <summary><c>cmdsize</c>: this command plus its section headers.</summary>
    public uint CommandSize => (uint)(Size + SectionCount * Section64.Size);

    /// <summary>Writes the command (without its sections) into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)MachOLoadCommandType.LC_SEGMENT_64);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], CommandSize);
        MachOFixedName.Write(destination[8..], Name ?? "");
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], VmAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], VmSize);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], FileOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], FileSize);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[56..], (uint)MaximumProtection);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[60..], (uint)InitialProtection);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[64..], SectionCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[68..], Flags);
    }

    /// <summary>Reads the command from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static SegmentCommand64 Read(ReadOnlySpan<byte> source) => new()
    {
        Name = MachOFixedName.Read(source[8..]),
        VmAddress = BinaryPrimitives.ReadUInt64LittleEndian(source[24..]),
        VmSize = BinaryPrimitives.ReadUInt64LittleEndian(source[32..]),
        FileOffset = BinaryPrimitives.ReadUInt64LittleEndian(source[40..]),
        FileSize = BinaryPrimitives.ReadUInt64LittleEndian(source[48..]),
        MaximumProtection = (MachOVmProtection)BinaryPrimitives.ReadUInt32LittleEndian(source[56..]),
        InitialProtection = (MachOVmProtection)BinaryPrimitives.ReadUInt32LittleEndian(source[60..]),
        SectionCount = BinaryPrimitives.ReadUInt32LittleEndian(source[64..]),
        Flags = BinaryPrimitives.ReadUInt32LittleEndian(source[68..]),
    };
}
