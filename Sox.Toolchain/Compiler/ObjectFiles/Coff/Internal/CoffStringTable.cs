using System.Buffers.Binary;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>
/// The COFF string table (PE Format, "COFF String Table"): right after the symbol table, a 4-byte little-endian
/// size that counts itself, then NUL-terminated UTF-8 strings. Offsets are from the start of the table, so the first
/// string is at 4. Names longer than 8 bytes — of symbols and of sections — live here; each distinct name once,
/// offsets in insertion order, so the table is deterministic.
/// </summary>
internal sealed class CoffStringTable
{
    /// <summary>Bytes of the size field that starts the table.</summary>
    public const int SizeFieldLength = 4;
    /// <summary>The largest offset a section name can give as <c>/N</c> (seven decimal digits).</summary>
    private const uint MaxDecimalOffset = 9_999_999;

    private readonly StringPool _pool = new(prefixLength: SizeFieldLength, emptyAtZero: false);

    public int Length => _pool.Length;

    public uint Add(string value) => _pool.Add(value);

    /// <summary>The symbol record's name: inline when it fits the 8-byte field, else a string-table reference.</summary>
    public CoffSymbol Name(CoffSymbol symbol, string name) =>
        CoffSymbol.FitsInline(name) ? symbol with { ShortName = name, NameOffset = 0 } : symbol with { ShortName = null, NameOffset = Add(name) };

    /// <summary>
    /// The section header's 8-byte name field for <paramref name="name"/>: the name itself when it fits, else
    /// <c>/N</c> with N the decimal offset of the name in this table, or — for offsets over 9,999,999, which seven
    /// digits cannot hold — <c>//</c> and the offset in six base-64 digits (A–Z, a–z, 0–9, +, /; most significant
    /// first), the extension Microsoft's and LLVM's tools read.
    /// </summary>
    public string SectionName(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= CoffSectionHeader.NameSize) return name;
        uint offset = Add(name);
        return offset <= MaxDecimalOffset ? "/" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : "//" + Base64(offset);
    }

    public byte[] ToArray()
    {
        var bytes = _pool.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        return bytes;
    }

    private static string Base64(long value)
    {
        const string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Span<char> text = stackalloc char[6];
        for (int i = 5; i >= 0; i--, value >>= 6) text[i] = digits[(int)(value & 63)];
        return new string(text);
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> of a written table (size field included).</summary>
    public static string Read(ReadOnlySpan<byte> table, uint offset) => StringPool.Read(table, offset, SizeFieldLength);
}
