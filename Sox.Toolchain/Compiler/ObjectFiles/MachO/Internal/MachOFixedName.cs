using System.Text;

namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>The <c>char segname[16]</c>/<c>char sectname[16]</c> fields of <c>&lt;mach-o/loader.h&gt;</c>: ASCII,
/// NUL-padded, and not NUL-terminated when the name has all 16 characters.</summary>
internal static class MachOFixedName
{
    public const int Length = 16;

    public static void Write(Span<byte> destination, string name)
    {
        var field = destination[..Length];
        field.Clear();
        if (name.Length > Length || !Ascii.IsValid(name))
            throw new ArgumentException($"Mach-O segment and section names are at most {Length} ASCII characters: \"{name}\".", nameof(name));
        Encoding.ASCII.GetBytes(name, field);
    }

    public static string Read(ReadOnlySpan<byte> source)
    {
        var field = source[..Length];
        int end = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }
}
