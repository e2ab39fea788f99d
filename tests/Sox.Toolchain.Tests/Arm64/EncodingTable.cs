using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

// Expected encodings for the Arm64 encoder, one row per (assembly, hex, relocation, encoder call).
//
// The hex and relocation columns were produced by GNU as (binutils 2.40, aarch64-linux-gnu-as) from the assembly
// column, never by the encoder. To regenerate them after adding or changing rows, run from the repository root:
//
//     python3 tests/Sox.Toolchain.Tests/Arm64/regenerate-encodings.py
//
// which assembles every row (each at the start of its own 4 KiB page, so local labels and ADRP see offset 0 as in
// the encoder), reads bytes and relocations back with `aarch64-linux-gnu-objdump -dr`, and rewrites the two string
// columns of every EncodingTable*.cs file in place. ELF relocation types map to RelocationKind as
// R_AARCH64_CALL26 and R_AARCH64_JUMP26 -> Arm64Call26, ADR_PREL_PG_HI21 -> Arm64AdrPage21, ADD_ABS_LO12_NC ->
// Arm64AddLow12, LDST64_ABS_LO12_NC -> Arm64Load64Low12, ADR_GOT_PAGE -> Arm64GotPage21, LD64_GOT_LO12_NC ->
// Arm64GotLoad64Low12.
internal static partial class EncodingTable
{
    public static IReadOnlyList<EncodingRow> All { get; } =
        [.. Immediates, .. Registers, .. Memory, .. Control, .. FloatingPoint];

    private static EncodingRow Row(string assembly, string hex, Action<Arm64Encoder> emit) => new(assembly, hex, "", emit);

    private static EncodingRow Row(string assembly, string hex, string relocation, Action<Arm64Encoder> emit) =>
        new(assembly, hex, relocation, emit);

    private static Arm64Memory M(Arm64Register @base, long offset = 0) => Arm64Memory.At(@base, offset);
}
