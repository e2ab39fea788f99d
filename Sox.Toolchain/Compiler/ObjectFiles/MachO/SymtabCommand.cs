using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary><c>struct symtab_command</c> (<c>LC_SYMTAB</c>, <c>&lt;mach-o/loader.h&gt;</c>), 24 bytes: where the
/// <see cref="Nlist64"/> array and the string table lie in the file.</summary>
public readonly record struct SymtabCommand
{
    /// <summary><c>sizeof(struct symtab_command)</c>, also its <c>cmdsize</c>.</summary>
    public const int Size = 24;

    /// <summary><c>symoff</c>: file offset of the symbol table.</summary>
    public uint SymbolOffset { get; init; }
    /// <summary><c>nsyms</c>: number of <c>nlist_64</c> entries.</summary>
    public uint SymbolCount { get; init; }
    /// <summary><c>stroff</c>: file offset of the string table.</summary>
    public uint StringOffset { get; init; }
    /// <summary><c>strsize</c>: size of the string table in bytes.</summary>
    public uint StringSize { get; init; }

    /// <summary>Writes the command into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)MachOLoadCommandType.LC_SYMTAB);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], SymbolOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], SymbolCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], StringOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], StringSize);
    }

    /// <summary>Reads the command from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static SymtabCommand Read(ReadOnlySpan<byte> source) => new()
    {
        SymbolOffset = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        SymbolCount = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
        StringOffset = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
        StringSize = BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
    };
}
