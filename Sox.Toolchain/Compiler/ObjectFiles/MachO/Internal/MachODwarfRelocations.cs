using System.Buffers.Binary;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>
/// Relocations in <c>__DWARF</c> sections, written as clang writes them for a Mach-O object
/// (<c>clang --target=arm64-apple-macos11 -g -c</c>, read with <c>llvm-readobj -r</c>):
/// <list type="bullet">
/// <item>an address (<see cref="RelocationKind.Absolute64"/>: <c>DW_AT_low_pc</c>, <c>DW_LNE_set_address</c>, an
/// aranges entry) is a section-based (<c>r_extern</c> = 0) <c>*_RELOC_UNSIGNED</c>, r_length 3, naming the target's
/// section by its 1-based number, the field holding the target's address in the object (section address + offset +
/// addend) — the linker and dsymutil move it with the section;</item>
/// <item>an offset into another debugging section (<see cref="RelocationKind.Absolute32"/>: <c>DW_AT_stmt_list</c>,
/// abbreviation and string offsets, DWARF 4 §7.4) gets no entry at all: the field holds the offset. Mach-O has no
/// section-relative relocation and needs none, because ld64 never concatenates objects' DWARF — dsymutil reads
/// each object's sections as they are (through the executable's debug map) and links them itself.</item>
/// </list>
/// </summary>
internal static class MachODwarfRelocations
{
    public static MachORelocationInfo? Translate(ObjectFile file, SymbolRelocation relocation, byte[] contents,
        Func<ObjectSection, int> sectionNumber, Func<ObjectSection, ulong> sectionAddress)
    {
        var target = file.FindSymbol(relocation.Symbol) is { Section: { } section } symbol ? (Section: section, symbol.Offset)
            : throw new NotSupportedException($"A DWARF relocation names {relocation.Symbol}, which the object does not define.");
        switch (relocation.Kind)
        {
            case RelocationKind.Absolute64:
                BinaryPrimitives.WriteUInt64LittleEndian(contents.AsSpan(relocation.Offset),
                    sectionAddress(target.Section) + (ulong)(target.Offset + relocation.Addend));
                // ARM64_RELOC_UNSIGNED and X86_64_RELOC_UNSIGNED are both 0.
                return new MachORelocationInfo(relocation.Offset, (uint)sectionNumber(target.Section), false, 3, false,
                    (byte)MachOX86_64RelocationType.X86_64_RELOC_UNSIGNED);
            case RelocationKind.Absolute32 when MachOSectionMapping.IsDwarf(target.Section):
                BinaryPrimitives.WriteUInt32LittleEndian(contents.AsSpan(relocation.Offset), checked((uint)(target.Offset + relocation.Addend)));
                return null;
            default:
                throw new NotSupportedException($"Relocation kind {relocation.Kind} against {relocation.Symbol} in a DWARF section has no Mach-O form.");
        }
    }
}
