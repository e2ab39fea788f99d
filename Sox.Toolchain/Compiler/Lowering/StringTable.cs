using System.Buffers.Binary;
using System.Text;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Lowering;

/// <summary>
/// The module's string constants as static string objects (runtime-abi.md "Objects"): header with type STRING and
/// flag SOX_OBJ_STATIC, <c>+8</c> length, <c>+12</c> FNV-1a hash, <c>+16</c> the UTF-8 bytes and a NUL; 8-byte
/// aligned in writable data. Each distinct string is emitted once per object file. Also interns the
/// NUL-terminated C strings descriptors point to.
/// </summary>
public sealed class StringTable(IrModule module, SymbolNames names)
{
    private readonly Dictionary<string, string> _objects = new(StringComparer.Ordinal);

    /// <summary>The symbol of the static string object holding <paramref name="text"/>.</summary>
    public string Intern(string text)
    {
        if (_objects.TryGetValue(text, out var symbol)) return symbol;
        symbol = names.String(_objects.Count);
        _objects.Add(text, symbol);
        module.Data.Add(new DataItem(symbol, Linkage.Local, DataSection.Data, DataKind.StringObject, 8, StringObjectBytes(text)));
        return symbol;
    }

    /// <summary>
    /// The bytes of the static string object for <paramref name="text"/> (layout in the class summary).
    /// </summary>
    private static byte[] StringObjectBytes(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[16 + utf8.Length + 1];
        bytes[ValueBits.HeaderTypeOffset] = ValueBits.TypeString;
        bytes[ValueBits.HeaderFlagsOffset] = ValueBits.StaticObjectFlag;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)utf8.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), Fnv1a(utf8));
        utf8.CopyTo(bytes, 16);
        return bytes;
    }

    /// <summary>FNV-1a, 32-bit (offset basis 2166136261, prime 16777619), as the runtime hashes strings.</summary>
    public static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * 16777619u);
        }
        return hash;
    }

    /// <summary>A read-only NUL-terminated UTF-8 string under the given symbol.</summary>
    public void AddCString(string symbol, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[utf8.Length + 1];
        utf8.CopyTo(bytes, 0);
        module.Data.Add(new DataItem(symbol, Linkage.Local, DataSection.ReadOnly, DataKind.CString, 1, bytes));
    }
}
