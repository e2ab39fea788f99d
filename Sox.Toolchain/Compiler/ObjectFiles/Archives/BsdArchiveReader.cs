using System.Globalization;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Archives;

/// <summary>
/// Reads the members of a BSD-variant archive (ar(5)) — what <see cref="BsdArchiveWriter"/>, Apple's <c>ar</c> and
/// <c>llvm-ar --format=darwin</c> write — so that one (the osx runtime archive) can be flattened into another. The
/// symbol table members (<c>__.SYMDEF</c>, <c>__.SYMDEF SORTED</c>, <c>__.SYMDEF_64</c>) are skipped: the writer
/// makes its own.
/// </summary>
internal static class BsdArchiveReader
{
    private const int HeaderSize = 60;

    /// <summary>Whether <paramref name="contents"/> is an archive whose first member has a BSD name (<c>#1/N</c>, or
    /// a short name without GNU's trailing <c>/</c>).</summary>
    public static bool IsBsdArchive(byte[] contents)
    {
        if (contents.Length < BsdArchiveWriter.Magic.Length + HeaderSize || !contents.AsSpan().StartsWith(BsdArchiveWriter.Magic)) return false;
        var name = Encoding.ASCII.GetString(contents, BsdArchiveWriter.Magic.Length, 16).TrimEnd(' ');
        return name.StartsWith("#1/", StringComparison.Ordinal) || (name.Length > 0 && !name.EndsWith('/'));
    }

    /// <summary>The members (name, data) in order; data of a <c>#1/N</c> member excludes its stored name. Throws
    /// <see cref="InvalidDataException"/> on a malformed header.</summary>
    public static List<(string Name, byte[] Contents)> Members(byte[] contents)
    {
        var members = new List<(string, byte[])>();
        int at = BsdArchiveWriter.Magic.Length;
        while (at + HeaderSize <= contents.Length)
        {
            if (contents[at + 58] != (byte)'`' || contents[at + 59] != (byte)'\n') throw new InvalidDataException($"bad ar member header at offset {at}");
            var nameField = Encoding.ASCII.GetString(contents, at, 16).TrimEnd(' ');
            if (!long.TryParse(Encoding.ASCII.GetString(contents, at + 48, 10).Trim(' '), NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                || size < 0 || at + HeaderSize + size > contents.Length)
                throw new InvalidDataException($"bad ar member size at offset {at}");
            int data = at + HeaderSize;
            int length = (int)size;
            string name = nameField;
            if (nameField.StartsWith("#1/", StringComparison.Ordinal))
            {
                if (!int.TryParse(nameField.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int nameLength) || nameLength > size)
                    throw new InvalidDataException($"bad ar member name at offset {at}");
                name = Encoding.UTF8.GetString(contents, data, nameLength).TrimEnd('\0');
                data += nameLength;
                length -= nameLength;
            }
            if (!name.StartsWith(BsdArchiveWriter.SymbolTableName, StringComparison.Ordinal))
                members.Add((name, contents.AsSpan(data, length).ToArray()));
            at += HeaderSize + (int)size;
            at += at % 2; // ar(5): members start at even offsets
        }
        return members;
    }
}
