using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct dysymtab_command</c> (<c>LC_DYSYMTAB</c>, <c>&lt;mach-o/loader.h&gt;</c>), 80 bytes. The symbol table
/// is grouped: local symbols, then externally defined symbols, then undefined symbols (each external group sorted
/// by name); this command gives the three ranges. The table-of-contents, module, reference, indirect-symbol and
/// external/local relocation fields belong to dynamic images and stay 0 in objects.
/// </summary>
public readonly record struct DysymtabCommand
{
    /// <summary><c>sizeof(struct dysymtab_command)</c>, also its <c>cmdsize</c>.</summary>
    public const int Size = 80;

    /// <summary><c>ilocalsym</c>: index of the first local symbol.</summary>
    public uint LocalSymbolIndex { get; init; }
    /// <summary><c>nlocalsym</c>: number of local symbols.</summary>
    public uint LocalSymbolCount { get; init; }
    /// <summary><c>iextdefsym</c>: index of the first externally defined symbol.</summary>
    public uint ExternalDefinedSymbolIndex { get; init; }
    /// <summary><c>nextdefsym</c>: number of externally defined symbols.</summary>
    public uint ExternalDefinedSymbolCount { get; init; }
    /// <summary><c>iundefsym</c>: index of the first undefined symbol.</summary>
    public uint UndefinedSymbolIndex { get; init; }
    /// <summary><c>nundefsym</c>: number of undefined symbols.</summary>
    public uint UndefinedSymbolCount { get; init; }

    /// <summary>Writes the command into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();   // tocoff … nlocrel: 0
        BinaryPrimitives.WriteUInt32LittleEndian(d, (uint)MachOLoadCommandType.LC_DYSYMTAB);
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], Size);
        BinaryPrimitives.WriteUInt32LittleEndian(d[8..], LocalSymbolIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(d[12..], LocalSymbolCount);
        BinaryPrimitives.WriteUInt32LittleEndian(d[16..], ExternalDefinedSymbolIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(d[20..], ExternalDefinedSymbolCount);
        BinaryPrimitives.WriteUInt32LittleEndian(d[24..], UndefinedSymbolIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(d[28..], UndefinedSymbolCount);
    }

    /// <summary>Reads the symbol ranges from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static DysymtabCommand Read(ReadOnlySpan<byte> source) => new()
    {
        LocalSymbolIndex = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        LocalSymbolCount = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
        ExternalDefinedSymbolIndex = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
        ExternalDefinedSymbolCount = BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
        UndefinedSymbolIndex = BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
        UndefinedSymbolCount = BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
    };
}
