using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>Translates the target-neutral <see cref="RelocationKind"/>s to ELF relocation types per machine and
/// names ELF relocation types for dumps.</summary>
public static class ElfRelocationTypes
{
    /// <summary>The <c>e_machine</c> of <paramref name="machine"/>.</summary>
    public static ElfMachine ToElfMachine(ObjectMachine machine) => machine switch
    {
        ObjectMachine.X64 => ElfMachine.EM_X86_64,
        ObjectMachine.Arm64 => ElfMachine.EM_AARCH64,
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, null),
    };

    /// <summary>
    /// The ELF relocation type for <paramref name="kind"/> on <paramref name="machine"/>. x86-64 calls use
    /// <c>R_X86_64_PLT32</c> (not PC32) so that a call to a preemptible or shared-library function goes through the
    /// PLT, as compilers emit since binutils 2.31; GOT loads use <c>R_X86_64_REX_GOTPCRELX</c> because our
    /// 64-bit <c>mov</c> always carries REX.W (psABI §B.2), letting the linker relax it to <c>lea</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The kind belongs to the other machine.</exception>
    public static uint ToElfType(ObjectMachine machine, RelocationKind kind) => machine switch
    {
        ObjectMachine.X64 => (uint)(kind switch
        {
            RelocationKind.X64Branch32 => ElfX86_64RelocationType.R_X86_64_PLT32,
            RelocationKind.X64PcRelative32 => ElfX86_64RelocationType.R_X86_64_PC32,
            RelocationKind.X64GotLoad32 => ElfX86_64RelocationType.R_X86_64_REX_GOTPCRELX,
            RelocationKind.Absolute64 => ElfX86_64RelocationType.R_X86_64_64,
            RelocationKind.Absolute32 => ElfX86_64RelocationType.R_X86_64_32,
            RelocationKind.PcRelative32Data => ElfX86_64RelocationType.R_X86_64_PC32,
            _ => throw Unsupported(machine, kind),
        }),
        ObjectMachine.Arm64 => (uint)(kind switch
        {
            RelocationKind.Arm64Call26 => ElfAArch64RelocationType.R_AARCH64_CALL26,
            RelocationKind.Arm64AdrPage21 => ElfAArch64RelocationType.R_AARCH64_ADR_PREL_PG_HI21,
            RelocationKind.Arm64AddLow12 => ElfAArch64RelocationType.R_AARCH64_ADD_ABS_LO12_NC,
            RelocationKind.Arm64Load64Low12 => ElfAArch64RelocationType.R_AARCH64_LDST64_ABS_LO12_NC,
            RelocationKind.Arm64GotPage21 => ElfAArch64RelocationType.R_AARCH64_ADR_GOT_PAGE,
            RelocationKind.Arm64GotLoad64Low12 => ElfAArch64RelocationType.R_AARCH64_LD64_GOT_LO12_NC,
            RelocationKind.Absolute64 => ElfAArch64RelocationType.R_AARCH64_ABS64,
            RelocationKind.Absolute32 => ElfAArch64RelocationType.R_AARCH64_ABS32,
            RelocationKind.PcRelative32Data => ElfAArch64RelocationType.R_AARCH64_PREL32,
            _ => throw Unsupported(machine, kind),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, null),
    };

    /// <summary>Whether the relocation addresses the symbol's GOT entry rather than the symbol, so its addend
    /// offsets the GOT entry's address and it must name the symbol itself, never a section symbol.</summary>
    public static bool AddressesGotEntry(RelocationKind kind) =>
        kind is RelocationKind.X64GotLoad32 or RelocationKind.Arm64GotPage21 or RelocationKind.Arm64GotLoad64Low12;

    /// <summary>The spec name of relocation <paramref name="type"/> on <paramref name="machine"/>, or its number.</summary>
    public static string Name(ElfMachine machine, uint type) => machine switch
    {
        ElfMachine.EM_X86_64 when Enum.IsDefined((ElfX86_64RelocationType)type) => ((ElfX86_64RelocationType)type).ToString(),
        ElfMachine.EM_AARCH64 when Enum.IsDefined((ElfAArch64RelocationType)type) => ((ElfAArch64RelocationType)type).ToString(),
        _ => $"<type {type}>",
    };

    private static NotSupportedException Unsupported(ObjectMachine machine, RelocationKind kind) =>
        new($"Relocation kind {kind} does not exist on {machine}.");
}
