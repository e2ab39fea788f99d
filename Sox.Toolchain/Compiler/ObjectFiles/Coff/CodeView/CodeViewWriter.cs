using System.Buffers.Binary;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>
/// Little-endian bytes for CodeView records (all CodeView integers are little-endian; strings are UTF-8 and
/// NUL-terminated, LLVM's <c>CodeViewRecordIO</c>), with the places of fields that relocations patch.
/// </summary>
internal sealed class CodeViewWriter
{
    private readonly List<byte> _bytes = [];

    public int Position => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public void U8(byte value) => _bytes.Add(value);

    public void U16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, checked((ushort)value));
        _bytes.AddRange(b);
    }

    public void U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _bytes.AddRange(b);
    }

    public void U32(int value) => U32(checked((uint)value));

    public void String(string value)
    {
        _bytes.AddRange(Encoding.UTF8.GetBytes(value));
        _bytes.Add(0);
    }

    public void Bytes(ReadOnlySpan<byte> value) => _bytes.AddRange(value);

    /// <summary>Overwrites the 16-bit field at <paramref name="at"/> (a record's length, once its end is known).</summary>
    public void PatchU16(int at, int value) => BinaryPrimitives.WriteUInt16LittleEndian(
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes)[at..], checked((ushort)value));

    /// <summary>Overwrites the 32-bit field at <paramref name="at"/>.</summary>
    public void PatchU32(int at, int value) => BinaryPrimitives.WriteUInt32LittleEndian(
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes)[at..], checked((uint)value));

    /// <summary>Pads with <paramref name="fill"/> to a multiple of 4 bytes.</summary>
    public void AlignTo4(byte fill = 0)
    {
        while (_bytes.Count % 4 != 0) _bytes.Add(fill);
    }

    /// <summary>Pads a type record to 4 bytes with <c>LF_PAD</c> bytes: each is 0xF0 plus the number of bytes left to
    /// the boundary, so a reader can skip them (LLVM <c>TypeRecordMapping</c>, cvinfo.h <c>LF_PAD0</c>…).</summary>
    public void AlignTo4WithTypePadding()
    {
        while (_bytes.Count % 4 != 0) _bytes.Add((byte)(0xF0 + (4 - _bytes.Count % 4)));
    }
}
