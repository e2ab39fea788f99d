using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// <c>struct build_version_command</c> (<c>LC_BUILD_VERSION</c>, <c>&lt;mach-o/loader.h&gt;</c>), 24 bytes with no
/// <c>build_tool_version</c> entries (<c>ntools</c> = 0): the platform the object is built for and the minimum OS
/// and SDK versions. Linkers warn about (lld) or reject objects for another platform. Versions are encoded
/// <c>xxxx.yy.zz</c> in nibbles: major &lt;&lt; 16 | minor &lt;&lt; 8 | patch.
/// </summary>
public readonly record struct BuildVersionCommand
{
    /// <summary><c>sizeof(struct build_version_command)</c>, also its <c>cmdsize</c> without tools.</summary>
    public const int Size = 24;
    /// <summary><c>platform</c> value for macOS.</summary>
    public const uint PLATFORM_MACOS = 1;

    /// <summary><c>platform</c> (<see cref="PLATFORM_MACOS"/>).</summary>
    public uint Platform { get; init; }
    /// <summary><c>minos</c>, encoded (see <see cref="EncodeVersion"/>).</summary>
    public uint MinimumOS { get; init; }
    /// <summary><c>sdk</c>, encoded; 0 means "n/a".</summary>
    public uint Sdk { get; init; }

    /// <summary>Encodes <paramref name="version"/> as <c>xxxx.yy.zz</c> (a missing build number counts as 0).</summary>
    public static uint EncodeVersion(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        int patch = Math.Max(0, version.Build);
        if (version.Major > 0xffff || version.Minor > 0xff || patch > 0xff)
            throw new ArgumentOutOfRangeException(nameof(version), version, "Mach-O versions are xxxx.yy.zz.");
        return (uint)(version.Major << 16 | version.Minor << 8 | patch);
    }

    /// <summary>Decodes an <c>xxxx.yy.zz</c> version as tools print it (<c>11.0</c>, <c>10.15.4</c>).</summary>
    public static string FormatVersion(uint encoded)
    {
        uint patch = encoded & 0xff;
        string text = $"{encoded >> 16}.{(encoded >> 8) & 0xff}";
        return patch == 0 ? text : $"{text}.{patch}";
    }

    /// <summary>Writes the command into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)MachOLoadCommandType.LC_BUILD_VERSION);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Platform);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], MinimumOS);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], Sdk);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], 0);   // ntools
    }

    /// <summary>Reads the command from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static BuildVersionCommand Read(ReadOnlySpan<byte> source) => new()
    {
        Platform = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        MinimumOS = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
        Sdk = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
    };
}
