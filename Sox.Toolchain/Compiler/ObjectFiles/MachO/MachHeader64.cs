using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct mach_header_64</c>, the 32-byte header at file offset 0 (<c>&lt;mach-o/loader.h&gt;</c>), followed by
/// <see cref="SizeOfCommands"/> bytes of load commands. Sox writes little-endian <c>MH_MAGIC_64</c> files only.
/// </summary>
public readonly record struct MachHeader64
{
    /// <summary><c>sizeof(struct mach_header_64)</c>.</summary>
    public const int Size = 32;
    /// <summary><c>magic</c> of a 64-bit Mach-O file in the host's (here little-endian) byte order.</summary>
    public const uint MH_MAGIC_64 = 0xfeed_facf;
    /// <summary><c>filetype</c> of a relocatable object file.</summary>
    public const uint MH_OBJECT = 0x1;
    /// <summary><c>flags</c> bit: the object's sections can be divided into blocks at symbols ("atoms") that the
    /// static linker may dead-strip or reorder independently.</summary>
    public const uint MH_SUBSECTIONS_VIA_SYMBOLS = 0x2000;

    /// <summary><c>cputype</c>.</summary>
    public MachOCpuType CpuType { get; init; }
    /// <summary><c>cpusubtype</c>.</summary>
    public MachOCpuSubtype CpuSubtype { get; init; }
    /// <summary><c>filetype</c> (<see cref="MH_OBJECT"/>).</summary>
    public uint FileType { get; init; }
    /// <summary><c>ncmds</c>: number of load commands.</summary>
    public uint NumberOfCommands { get; init; }
    /// <summary><c>sizeofcmds</c>: total size of the load commands in bytes.</summary>
    public uint SizeOfCommands { get; init; }
    /// <summary><c>flags</c> (<c>MH_*</c> bits).</summary>
    public uint Flags { get; init; }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, MH_MAGIC_64);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)CpuType);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)CpuSubtype);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], FileType);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], NumberOfCommands);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], SizeOfCommands);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], 0);   // reserved
    }

    /// <summary>Reads a little-endian 64-bit header; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static MachHeader64 Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source) != MH_MAGIC_64)
            throw new InvalidDataException("Not a little-endian 64-bit Mach-O file (MH_MAGIC_64).");
        return new MachHeader64
        {
            CpuType = (MachOCpuType)BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
            CpuSubtype = (MachOCpuSubtype)(BinaryPrimitives.ReadUInt32LittleEndian(source[8..]) & 0x00ff_ffff),  // minus CPU_SUBTYPE_MASK
            FileType = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            NumberOfCommands = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
            SizeOfCommands = BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
        };
    }
}
