using System.Text;

namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// NUL-terminated UTF-8 strings, each distinct string once, offsets in insertion order so that a table is
/// deterministic. The string tables of ELF (System V gABI, "String Table"), Mach-O (<c>LC_SYMTAB</c>) and COFF (PE
/// Format, "COFF String Table") are this pool; they differ only in the bytes before the first string (ELF and Mach-O:
/// one NUL, the empty name at offset 0; COFF: the 4-byte size field) and in how the table ends, which their own
/// classes add.
/// </summary>
internal sealed class StringPool
{
    private readonly List<byte> _bytes;
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);

    /// <param name="prefixLength">Bytes (zeros) before the first string.</param>
    /// <param name="emptyAtZero">Whether the empty string is offset 0 (the leading NUL), as in ELF and Mach-O.</param>
    public StringPool(int prefixLength, bool emptyAtZero)
    {
        _bytes = new List<byte>(new byte[prefixLength]);
        if (emptyAtZero) _offsets.Add("", 0);
    }

    /// <summary>The bytes so far, prefix included.</summary>
    public int Length => _bytes.Count;

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

    /// <summary>The bytes, padded with NULs to a multiple of <paramref name="alignment"/>.</summary>
    public byte[] ToArray(int alignment = 1)
    {
        var bytes = new byte[(_bytes.Count + alignment - 1) / alignment * alignment];
        _bytes.CopyTo(bytes);
        return bytes;
    }

    /// <summary>
    /// The NUL-terminated string at <paramref name="offset"/> of a written table; offsets below
    /// <paramref name="firstOffset"/> (a size field) are invalid.
    /// </summary>
    public static string Read(ReadOnlySpan<byte> table, uint offset, uint firstOffset = 0)
    {
        if (offset < firstOffset || offset >= table.Length)
            throw new InvalidDataException($"String offset {offset} lies outside the string table ({table.Length} bytes).");
        var rest = table[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException($"String at {offset} is not NUL-terminated.");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}
