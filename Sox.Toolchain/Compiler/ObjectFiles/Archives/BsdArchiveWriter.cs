using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Archives;

/// <summary>
/// Writes the BSD variant of <c>ar</c> as Apple's tools lay it out (ar(5), ranlib(5), <c>&lt;ranlib.h&gt;</c>) and
/// ld64 and lld's Mach-O port read it: <c>!&lt;arch&gt;\n</c>, then a symbol table member <c>__.SYMDEF</c> and the
/// members, in order. Every name is stored after its header (<c>#1/N</c>, ar(5) "extended format"), NUL-padded so
/// that the member's data starts 8-byte aligned; data is padded with <c>\n</c> to 8 bytes (ld64 wants 64-bit
/// objects 8-byte aligned). Headers are deterministic: time 0, owner and group 0, mode 644 (the symbol table 0) —
/// what <c>llvm-ar rcs --format=darwin</c> writes (it is the default there, <c>D</c>), so the two agree byte for byte.
/// </summary>
internal static class BsdArchiveWriter
{
    /// <summary>The archive's magic string (ar(5)).</summary>
    public static ReadOnlySpan<byte> Magic => "!<arch>\n"u8;

    /// <summary>Name of the 32-bit symbol table member (<c>struct ranlib</c>).</summary>
    public const string SymbolTableName = "__.SYMDEF";

    /// <summary>Name of the 64-bit one (<c>struct ranlib_64</c>), needed once a member starts at or beyond 4 GiB.</summary>
    public const string SymbolTable64Name = "__.SYMDEF_64";

    private const int HeaderSize = 60;

    /// <summary>The archive of <paramref name="members"/>, each with the external symbols it defines.
    /// <paramref name="offsetLimit"/> is where 32-bit member offsets end (4 GiB; smaller only in tests, as llvm-ar's
    /// <c>SYM64_THRESHOLD</c>): an archive whose last member header starts there or later gets <c>__.SYMDEF_64</c>.</summary>
    public static byte[] Write(IReadOnlyList<(string Name, byte[] Contents, IReadOnlyList<string> Symbols, bool IsObject)> members, ulong offsetLimit = 1UL << 32)
    {
        // ranlib(5): the table's strings are NUL-terminated names; entries give a name's offset in them and the offset
        // of the defining member's header from the start of the file. An archive holding objects that define nothing
        // still gets a (three NUL) string table, as llvm-ar writes it for tools that want one in any archive.
        var strings = new MemoryStream();
        var symbolOffsets = new List<List<long>>();
        foreach (var member in members)
        {
            var offsets = new List<long>();
            foreach (var symbol in member.Symbols)
            {
                offsets.Add(strings.Length);
                var bytes = Encoding.UTF8.GetBytes(symbol);
                strings.Write(bytes);
                strings.WriteByte(0);
            }
            symbolOffsets.Add(offsets);
        }
        if (strings.Length == 0 && members.Any(m => m.IsObject)) strings.Write([0, 0, 0]);
        int symbolCount = symbolOffsets.Sum(o => o.Count);
        var timestamps = Timestamps(members);

        // Members' sizes do not depend on where they start (their headers' name padding does, but the symbol table
        // member is a multiple of 8 long, so every position is the same modulo 8 whichever table is used).
        var memberBytes = new List<byte[]>();
        for (int i = 0; i < members.Count; i++)
            memberBytes.Add(Member(members[i].Name, members[i].Contents, timestamps[i]));

        bool wide = false;
        long tableSize = SymbolTableMemberSize(symbolCount, strings.Length, wide);
        long lastHeader = Magic.Length + tableSize + memberBytes.Take(Math.Max(0, memberBytes.Count - 1)).Sum(b => (long)b.Length);
        if ((ulong)lastHeader >= offsetLimit)
        {
            wide = true;
            tableSize = SymbolTableMemberSize(symbolCount, strings.Length, wide);
        }

        var output = new MemoryStream();
        output.Write(Magic);
        long position = Magic.Length + tableSize;
        var entries = new MemoryStream();
        for (int i = 0; i < members.Count; i++)
        {
            foreach (var offset in symbolOffsets[i])
            {
                WriteWord(entries, offset, wide);
                WriteWord(entries, position, wide);
            }
            position += memberBytes[i].Length;
        }
        output.Write(SymbolTable(entries.ToArray(), strings.ToArray(), wide));
        foreach (var bytes in memberBytes) output.Write(bytes);
        return output.ToArray();
    }

    /// <summary>Time stamps: 0, except that members sharing a name are numbered 1, 2, … in order, so that a
    /// debugger finding an object through a Mach-O <c>N_OSO</c> stab (<c>lib.a(name.o)</c> and a time) can tell them
    /// apart, as llvm-ar does in deterministic mode for Darwin archives.</summary>
    private static long[] Timestamps(IReadOnlyList<(string Name, byte[] Contents, IReadOnlyList<string> Symbols, bool IsObject)> members)
    {
        var next = members.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() > 1 ? 1L : 0L, StringComparer.Ordinal);
        var stamps = new long[members.Count];
        for (int i = 0; i < members.Count; i++)
        {
            stamps[i] = next[members[i].Name];
            if (stamps[i] != 0) next[members[i].Name]++;
        }
        return stamps;
    }

    /// <summary>Header, name and data of one member starting at an 8-aligned position.</summary>
    private static byte[] Member(string name, byte[] contents, long timestamp)
    {
        int padding = (int)((8 - contents.Length % 8) % 8);
        var output = new MemoryStream();
        WriteHeader(output, Magic.Length, name, timestamp, "644", contents.Length + padding);
        output.Write(contents);
        for (int i = 0; i < padding; i++) output.WriteByte((byte)'\n');
        return output.ToArray();
    }

    /// <summary>Bytes of the symbol table member, header included: a multiple of 8 (its content is NUL-padded).</summary>
    private static long SymbolTableMemberSize(int symbolCount, long stringsLength, bool wide)
    {
        int word = wide ? 8 : 4;
        long content = word + (long)symbolCount * 2 * word + word + stringsLength;
        content += (8 - content % 8) % 8;
        return HeaderSize + NamePadded(Magic.Length, wide ? SymbolTable64Name : SymbolTableName) + content;
    }

    /// <summary>ranlib(5): the byte count of the <c>ranlib</c> array, the array, the byte count of the strings, the
    /// strings — little-endian words (32-bit, or 64-bit in <c>__.SYMDEF_64</c>), as the Mach-O objects are.</summary>
    private static byte[] SymbolTable(byte[] entries, byte[] strings, bool wide)
    {
        var content = new MemoryStream();
        WriteWord(content, entries.Length, wide);
        content.Write(entries);
        WriteWord(content, strings.Length, wide);
        content.Write(strings);
        while (content.Length % 8 != 0) content.WriteByte(0);
        var output = new MemoryStream();
        WriteHeader(output, Magic.Length, wide ? SymbolTable64Name : SymbolTableName, 0, "0", content.Length);
        content.Position = 0;
        content.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>ar(5) header with the name stored after it (<c>#1/N</c>, N counting the name and its NUL padding, and
    /// included in the size), padded so that what follows starts 8-byte aligned. <paramref name="position"/> is the
    /// header's offset modulo 8.</summary>
    private static void WriteHeader(Stream output, long position, string name, long timestamp, string mode, long dataSize)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        int namePadded = NamePadded(position, name);
        Field(output, "#1/" + namePadded.ToString(CultureInfo.InvariantCulture), 16);
        Field(output, timestamp.ToString(CultureInfo.InvariantCulture), 12);
        Field(output, "0", 6); // uid
        Field(output, "0", 6); // gid
        Field(output, mode, 8); // octal
        Field(output, (namePadded + dataSize).ToString(CultureInfo.InvariantCulture), 10);
        output.Write("`\n"u8);
        output.Write(nameBytes);
        for (int i = nameBytes.Length; i < namePadded; i++) output.WriteByte(0);
    }

    private static int NamePadded(long position, string name)
    {
        int length = Encoding.UTF8.GetByteCount(name);
        long after = position + HeaderSize + length;
        return length + (int)((8 - after % 8) % 8);
    }

    private static void Field(Stream output, string value, int width)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length > width) throw new ArgumentException($"'{value}' does not fit an ar header field of {width} bytes.");
        output.Write(bytes);
        for (int i = bytes.Length; i < width; i++) output.WriteByte((byte)' ');
    }

    private static void WriteWord(Stream output, long value, bool wide)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (wide) BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes, checked((uint)value));
        output.Write(bytes[..(wide ? 8 : 4)]);
    }
}
