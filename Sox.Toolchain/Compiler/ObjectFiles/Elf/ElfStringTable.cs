namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// A string table section (<c>SHT_STRTAB</c>; System V gABI, "String Table"): NUL-terminated UTF-8 strings, the
/// first byte NUL so that offset 0 means "no name". Equal strings share one entry; offsets follow insertion
/// order, so the table is deterministic.
/// </summary>
public sealed class ElfStringTable
{
    private readonly StringPool _pool = new(prefixLength: 1, emptyAtZero: true);

    /// <summary>Adds <paramref name="value"/> (unless present) and returns its offset.</summary>
    public uint Add(string value) => _pool.Add(value);

    /// <summary>The table's bytes.</summary>
    public byte[] ToArray() => _pool.ToArray();

    /// <summary>Reads the NUL-terminated string at <paramref name="offset"/> of a string table's bytes.</summary>
    public static string Read(ReadOnlySpan<byte> table, uint offset) => StringPool.Read(table, offset);
}
