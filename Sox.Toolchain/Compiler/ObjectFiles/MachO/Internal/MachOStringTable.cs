namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>The string table of <c>LC_SYMTAB</c>: NUL-terminated UTF-8 names, offset 0 holding the empty name
/// (<c>n_strx</c> 0 means "no name"), padded with NULs to a multiple of 8 so that what follows stays aligned, as
/// LLVM's assembler writes it. Offsets follow insertion order, so the table is deterministic.</summary>
internal sealed class MachOStringTable
{
    private readonly StringPool _pool = new(prefixLength: 1, emptyAtZero: true);

    public uint Add(string value) => _pool.Add(value);

    public byte[] ToArray() => _pool.ToArray(alignment: 8);

    public static string Read(ReadOnlySpan<byte> table, uint offset) => StringPool.Read(table, offset);
}
