using System.Buffers.Binary;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>
/// Turns one model relocation into Mach-O <c>relocation_info</c> entries (in file order) and stores its implicit
/// addend in the section's contents. All entries are extern (<c>r_extern</c> = 1, naming a symbol-table entry,
/// local or not) as LLVM's assembler writes them for named symbols: ld64 and lld accept extern relocations against
/// defined and undefined symbols alike, whereas section-based (non-extern) ones cannot express an addend that
/// leaves the target's atom under <c>MH_SUBSECTIONS_VIA_SYMBOLS</c>.
/// </summary>
internal sealed class MachORelocationTranslator(ObjectMachine machine, byte[] contents, Func<string, uint> symbolIndex)
{
    /// <summary>The largest magnitude an <c>ARM64_RELOC_ADDEND</c>'s signed 24-bit <c>r_symbolnum</c> holds.</summary>
    private const int MaxArm64Addend = 0x7f_ffff;

    /// <summary>Entries for <paramref name="relocation"/>; <paramref name="anchor"/> is the symbol index and
    /// section offset of the symbol that starts the atom holding the relocation (used as the subtrahend of
    /// PC-relative data).</summary>
    public IEnumerable<MachORelocationInfo> Translate(SymbolRelocation relocation, (uint Index, int Offset) anchor)
    {
        uint symbol = symbolIndex(relocation.Symbol);
        int at = relocation.Offset;
        long addend = relocation.Addend;
        return machine switch
        {
            ObjectMachine.Arm64 => relocation.Kind switch
            {
                RelocationKind.Arm64Call26 => Arm64Instruction(MachOArm64RelocationType.ARM64_RELOC_BRANCH26, pcRelative: true),
                RelocationKind.Arm64AdrPage21 => Arm64Instruction(MachOArm64RelocationType.ARM64_RELOC_PAGE21, pcRelative: true),
                RelocationKind.Arm64AddLow12 or RelocationKind.Arm64Load64Low12 => Arm64Instruction(MachOArm64RelocationType.ARM64_RELOC_PAGEOFF12, pcRelative: false),
                RelocationKind.Arm64GotPage21 => GotEntry((byte)MachOArm64RelocationType.ARM64_RELOC_GOT_LOAD_PAGE21, pcRelative: true, 0),
                RelocationKind.Arm64GotLoad64Low12 => GotEntry((byte)MachOArm64RelocationType.ARM64_RELOC_GOT_LOAD_PAGEOFF12, pcRelative: false, 0),
                RelocationKind.Absolute64 => Pointer((byte)MachOArm64RelocationType.ARM64_RELOC_UNSIGNED),
                RelocationKind.PcRelative32Data => Difference((byte)MachOArm64RelocationType.ARM64_RELOC_SUBTRACTOR, (byte)MachOArm64RelocationType.ARM64_RELOC_UNSIGNED),
                _ => throw Unsupported(relocation.Kind),
            },
            ObjectMachine.X64 => relocation.Kind switch
            {
                RelocationKind.X64Branch32 => X64PcRelative((byte)MachOX86_64RelocationType.X86_64_RELOC_BRANCH),
                RelocationKind.X64PcRelative32 => X64PcRelative((byte)SignedType(addend + 4)),
                RelocationKind.X64GotLoad32 => GotEntry((byte)MachOX86_64RelocationType.X86_64_RELOC_GOT_LOAD, pcRelative: true, -4),
                RelocationKind.Absolute64 => Pointer((byte)MachOX86_64RelocationType.X86_64_RELOC_UNSIGNED),
                RelocationKind.PcRelative32Data => Difference((byte)MachOX86_64RelocationType.X86_64_RELOC_SUBTRACTOR, (byte)MachOX86_64RelocationType.X86_64_RELOC_UNSIGNED),
                _ => throw Unsupported(relocation.Kind),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, null),
        };

        // arm64 instruction fields keep no addend: a non-zero one travels in a preceding ARM64_RELOC_ADDEND.
        MachORelocationInfo[] Arm64Instruction(MachOArm64RelocationType type, bool pcRelative)
        {
            var entry = new MachORelocationInfo(at, symbol, pcRelative, 2, true, (byte)type);
            if (addend == 0) return [entry];
            if (addend is < -MaxArm64Addend - 1 or > MaxArm64Addend)
                throw new NotSupportedException($"Addend {addend} of {relocation.Kind} against {relocation.Symbol} does not fit ARM64_RELOC_ADDEND's 24 bits.");
            return [new MachORelocationInfo(at, (uint)addend & MachORelocationInfo.MaxSymbolNumber, false, 2, false, (byte)MachOArm64RelocationType.ARM64_RELOC_ADDEND), entry];
        }

        // A GOT entry holds the symbol's address; Mach-O has no way to offset the entry (ld64 rejects ADDEND before
        // GOT_LOAD_*), so only the model's plain GOT load (arm64 addend 0, x86-64 the usual -4) is expressible.
        MachORelocationInfo[] GotEntry(byte type, bool pcRelative, long plainAddend)
        {
            if (addend != plainAddend)
                throw new NotSupportedException($"Mach-O GOT relocations carry no addend; {relocation.Kind} against {relocation.Symbol} has {addend}.");
            return [new MachORelocationInfo(at, symbol, pcRelative, 2, true, type)];
        }

        // x86-64 PC-relative fields are measured from the field's end (r_address + 4): the model's addend (which
        // counts from the field's start and so includes the -4, psABI style) is stored as addend + 4.
        MachORelocationInfo[] X64PcRelative(byte type)
        {
            Store32(addend + 4);
            return [new MachORelocationInfo(at, symbol, true, 2, true, type)];
        }

        MachORelocationInfo[] Pointer(byte type)
        {
            BinaryPrimitives.WriteInt64LittleEndian(contents.AsSpan(at), addend);
            return [new MachORelocationInfo(at, symbol, false, 3, true, type)];
        }

        // S + A - P as a difference of two symbols: SUBTRACTOR names the atom's own symbol (at P - (at - anchor)),
        // UNSIGNED names S, and the field holds A - (at - anchor).
        MachORelocationInfo[] Difference(byte subtractor, byte unsigned)
        {
            Store32(addend - (at - anchor.Offset));
            return [new MachORelocationInfo(at, anchor.Index, false, 2, true, subtractor), new MachORelocationInfo(at, symbol, false, 2, true, unsigned)];
        }

        void Store32(long value)
        {
            if (value is < int.MinValue or > int.MaxValue)
                throw new NotSupportedException($"Addend {addend} of {relocation.Kind} against {relocation.Symbol} does not fit the 32-bit field.");
            BinaryPrimitives.WriteInt32LittleEndian(contents.AsSpan(at), (int)value);
        }
    }

    /// <summary>
    /// The x86-64 RIP-relative data type for a field holding <paramref name="stored"/>: <c>X86_64_RELOC_SIGNED_1/2/4</c>
    /// when it holds -1/-2/-4 (the model's -5/-6/-8: an instruction with 1, 2 or 4 immediate bytes after the
    /// displacement, such as <c>movl $5, sym(%rip)</c>), else <c>X86_64_RELOC_SIGNED</c> — LLVM's choice. The result
    /// is the same for every variant (the linker adds the variant's bias to both the stored addend and the PC); the
    /// variant lets ld64 see the symbol's own addend (0 here) when it decides which atom the field refers to.
    /// </summary>
    private static MachOX86_64RelocationType SignedType(long stored) => stored switch
    {
        -1 => MachOX86_64RelocationType.X86_64_RELOC_SIGNED_1,
        -2 => MachOX86_64RelocationType.X86_64_RELOC_SIGNED_2,
        -4 => MachOX86_64RelocationType.X86_64_RELOC_SIGNED_4,
        _ => MachOX86_64RelocationType.X86_64_RELOC_SIGNED,
    };

    private NotSupportedException Unsupported(RelocationKind kind) => new($"Relocation kind {kind} does not exist on {machine}.");

    /// <summary>Whether <paramref name="kind"/> becomes a SUBTRACTOR/UNSIGNED pair and so needs an anchor symbol.</summary>
    public static bool NeedsAnchor(RelocationKind kind) => kind == RelocationKind.PcRelative32Data;
}
