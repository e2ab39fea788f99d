using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct nlist_64</c> (<c>&lt;mach-o/nlist.h&gt;</c>), one 16-byte symbol table entry. Mach-O symbols carry
/// no size and no function/object type: only where they are (<c>n_type &amp; N_TYPE</c>, <c>n_sect</c>,
/// <c>n_value</c>) and whether they are external (<c>N_EXT</c>).
/// </summary>
public readonly record struct Nlist64
{
    /// <summary><c>sizeof(struct nlist_64)</c>.</summary>
    public const int Size = 16;
    /// <summary><c>n_type</c> bit: external (global) symbol.</summary>
    public const byte N_EXT = 0x01;
    /// <summary><c>n_type &amp; N_TYPE</c>: undefined, <c>n_sect</c> = <see cref="NO_SECT"/>.</summary>
    public const byte N_UNDF = 0x00;
    /// <summary><c>n_type &amp; N_TYPE</c>: absolute, <c>n_sect</c> = <see cref="NO_SECT"/>.</summary>
    public const byte N_ABS = 0x02;
    /// <summary><c>n_type &amp; N_TYPE</c>: defined in section number <c>n_sect</c>.</summary>
    public const byte N_SECT = 0x0e;
    /// <summary>Mask of the type bits of <c>n_type</c>.</summary>
    public const byte N_TYPE = 0x0e;
    /// <summary><c>n_type</c> bit: private external (visibility hidden, made local by the static linker).</summary>
    public const byte N_PEXT = 0x10;
    /// <summary>Mask of <c>n_type</c> marking a symbolic debugging (stab) entry.</summary>
    public const byte N_STAB = 0xe0;
    /// <summary><c>n_sect</c> of a symbol in no section.</summary>
    public const byte NO_SECT = 0;
    /// <summary>The largest section number <c>n_sect</c> can hold.</summary>
    public const int MAX_SECT = 255;

    /// <summary><c>n_strx</c>: offset of the name in the string table.</summary>
    public uint StringIndex { get; init; }
    /// <summary><c>n_type</c>.</summary>
    public byte Type { get; init; }
    /// <summary><c>n_sect</c>: 1-based section number, or <see cref="NO_SECT"/>.</summary>
    public byte Section { get; init; }
    /// <summary><c>n_desc</c> (reference type and <c>N_WEAK_*</c>/<c>N_NO_DEAD_STRIP</c> bits); 0 here.</summary>
    public ushort Description { get; init; }
    /// <summary><c>n_value</c>: the symbol's address (in objects, the section's <c>addr</c> + offset).</summary>
    public ulong Value { get; init; }

    /// <summary>Whether <c>N_EXT</c> is set.</summary>
    public bool IsExternal => (Type & N_EXT) != 0;

    /// <summary>Writes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, StringIndex);
        destination[4] = Type;
        destination[5] = Section;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], Description);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Value);
    }

    /// <summary>Reads one entry from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static Nlist64 Read(ReadOnlySpan<byte> source) => new()
    {
        StringIndex = BinaryPrimitives.ReadUInt32LittleEndian(source),
        Type = source[4],
        Section = source[5],
        Description = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
        Value = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
    };
}
