using System.Text;

namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>The string table of <c>LC_SYMTAB</c>: NUL-terminated UTF-8 names, offset 0 holding the empty name
/// (<c>n_strx</c> 0 means "no name"), padded with NULs to a multiple of 8 so that what follows stays aligned, as
/// LLVM's assembler writes it. Offsets follow insertion order, so the table is deterministic.</summary>
internal sealed class MachOStringTable
{
    private readonly List<byte> _bytes = [0];
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal) { [""] = 0 };

    public uint Add(string value)
    {
        if (_offsets.TryGetValue(value, out uint offset)) return offset;
        offset = (uint)_bytes.Count;
        _bytes.AddRange(Encoding.UTF8.GetBytes(value));
        _bytes.Add(0);
        _offsets.Add(value, offset);
        return offset;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[(_bytes.Count + 7) / 8 * 8];
        _bytes.CopyTo(bytes);
        return bytes;
    }

    public static string Read(ReadOnlySpan<byte> table, uint offset)
    {
        if (offset >= table.Length) throw new InvalidDataException($"String offset {offset} lies outside the string table ({table.Length} bytes).");
        var rest = table[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException($"String at {offset} is not NUL-terminated.");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}
