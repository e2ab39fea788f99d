using System.Buffers.Binary;
using Sox.Compiler.Ir;
using static Sox.Compiler.ObjectFiles.Coff.CoffAmd64RelocationType;

namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>
/// Turns one model relocation into an <c>IMAGE_RELOCATION</c> and stores its implicit addend in the section's
/// contents (COFF has no addend field: the linker adds to what the field holds — PE Format, "COFF Relocations").
/// <para>The model's x86-64 PC-relative kinds use the System V convention, S + A − P with P the first byte of the
/// 4-byte field, so an encoder's plain reference carries A = −4 and one followed by k immediate bytes A = −4 − k.
/// <c>IMAGE_REL_AMD64_REL32</c> measures from the byte after the field, S + F − (P + 4), so the field gets
/// F = A + 4: 0 for a plain reference. When A + 4 is −1 … −5 (k = 1 … 5 bytes of immediate after the field, e.g.
/// <c>mov dword [rip+x], imm32</c>) the type becomes <c>IMAGE_REL_AMD64_REL32_k</c>, S + F − (P + 4 + k), with
/// F = 0 — what MSVC writes; the linked result is the same either way.</para>
/// </summary>
internal static class CoffRelocationTranslator
{
    /// <summary>The COFF type for <paramref name="relocation"/> and the value its field must hold.</summary>
    /// <exception cref="NotSupportedException">The kind has no AMD64 COFF form, or the stored addend does not fit the field.</exception>
    public static (CoffAmd64RelocationType Type, long Field) Translate(SymbolRelocation relocation) => relocation.Kind switch
    {
        RelocationKind.X64Branch32 or RelocationKind.X64PcRelative32 or RelocationKind.PcRelative32Data
            or RelocationKind.X64GotLoad32 => PcRelative(relocation),
        RelocationKind.Absolute64 => (IMAGE_REL_AMD64_ADDR64, relocation.Addend),
        RelocationKind.ImageRelative32 => (IMAGE_REL_AMD64_ADDR32NB, Fit32(relocation, relocation.Addend)),
        RelocationKind.SectionRelative32 => (IMAGE_REL_AMD64_SECREL, Fit32(relocation, relocation.Addend)),
        RelocationKind.SectionIndex16 => (IMAGE_REL_AMD64_SECTION, relocation.Addend is >= 0 and <= ushort.MaxValue ? relocation.Addend
            : throw new NotSupportedException($"Addend {relocation.Addend} of {relocation.Kind} against {relocation.Symbol} does not fit a 16-bit field.")),
        _ => throw new NotSupportedException($"Relocation kind {relocation.Kind} does not exist on AMD64 COFF."),
    };

    /// <summary>Translates <paramref name="relocation"/> and writes its addend into <paramref name="contents"/>.</summary>
    public static CoffRelocation Apply(SymbolRelocation relocation, uint symbolIndex, byte[] contents)
    {
        var (type, field) = Translate(relocation);
        var at = contents.AsSpan(relocation.Offset);
        if (type == IMAGE_REL_AMD64_ADDR64) BinaryPrimitives.WriteInt64LittleEndian(at, field);
        else if (type == IMAGE_REL_AMD64_SECTION) BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)field);
        else BinaryPrimitives.WriteInt32LittleEndian(at, (int)field);
        return new CoffRelocation((uint)relocation.Offset, symbolIndex, (ushort)type);
    }

    private static (CoffAmd64RelocationType, long) PcRelative(SymbolRelocation relocation)
    {
        long stored = relocation.Addend + 4;
        if (stored is >= -5 and <= -1) return (IMAGE_REL_AMD64_REL32 + (ushort)-stored, 0);
        return (IMAGE_REL_AMD64_REL32, Fit32(relocation, stored));
    }

    private static long Fit32(SymbolRelocation relocation, long value) =>
        value is >= int.MinValue and <= int.MaxValue ? value
            : throw new NotSupportedException($"Addend {relocation.Addend} of {relocation.Kind} against {relocation.Symbol} does not fit a 32-bit field.");
}
