using System.Buffers.Binary;

namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// A growable little-endian byte buffer with the encodings debugging sections use (DWARF 4 §7.6: unsigned and signed
/// LEB128), for the sections written directly (<c>.eh_frame</c>, <c>.debug_loc</c>). One array for a whole section
/// instead of a list per entry: <c>-g</c> writes an entry per function and per variable.
/// </summary>
internal sealed class DebugByteWriter
{
    private byte[] _bytes;

    /// <summary>An empty buffer with room for <paramref name="capacity"/> bytes.</summary>
    public DebugByteWriter(int capacity = 256) => _bytes = new byte[Math.Max(16, capacity)];

    /// <summary>The number of bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>Appends a byte.</summary>
    public void Byte(byte value) => Reserve(1)[0] = value;

    /// <summary>Appends a 32-bit value.</summary>
    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    /// <summary>Appends a 64-bit value.</summary>
    public void UInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Overwrites the 16-bit value at <paramref name="offset"/>.</summary>
    public void PatchUInt16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan(offset, 2), value);

    /// <summary>Overwrites the 32-bit value at <paramref name="offset"/>.</summary>
    public void PatchUInt32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(offset, 4), value);

    /// <summary>Appends an unsigned LEB128 value (§7.6).</summary>
    public void Uleb(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
    }

    /// <summary>Appends a signed LEB128 value (§7.6).</summary>
    public void Sleb(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                Byte(b);
                return;
            }
            Byte((byte)(b | 0x80));
        }
    }

    /// <summary>Appends <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length + count > _bytes.Length)
        {
            var grown = new byte[Math.Max(_bytes.Length * 2, Length + count)];
            Buffer.BlockCopy(_bytes, 0, grown, 0, Length);
            _bytes = grown;
        }
        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>The bytes written.</summary>
    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();
}
