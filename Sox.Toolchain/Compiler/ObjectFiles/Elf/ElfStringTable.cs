using System.Text;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// A string table section (<c>SHT_STRTAB</c>; System V gABI, "String Table"): NUL-terminated UTF-8 strings, the
/// first byte NUL so that offset 0 means "no name". Equal strings share one entry; offsets follow insertion
/// order, so the table is deterministic.
/// </summary>
public sealed class ElfStringTable
{
    private readonly List<byte> _bytes = [0];
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal) { [""] = 0 };

    /// <summary>Adds <paramref name="value"/> (unless present) and returns its offset.</summary>
    public uint Add(string value)
    {
        if (_offsets.TryGetValue(value, out uint offset)) return offset;
        offset = (uint)_bytes.Count;
        _bytes.AddRange(Encoding.UTF8.GetBytes(value));
        _bytes.Add(0);
        _offsets.Add(value, offset);
        return offset;
    }

    /// <summary>The table's bytes.</summary>
    public byte[] ToArray() => [.. _bytes];

    /// <summary>Reads the NUL-terminated string at <paramref name="offset"/> of a string table's bytes.</summary>
    public static string Read(ReadOnlySpan<byte> table, uint offset)
    {
        if (offset >= table.Length) throw new InvalidDataException($"String offset {offset} lies outside the table ({table.Length} bytes).");
        var rest = table[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException($"String at {offset} is not NUL-terminated.");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}
