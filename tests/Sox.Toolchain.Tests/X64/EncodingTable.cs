using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

// Expected encodings for the X64 encoder, one row per (assembly, hex, relocation, encoder call).
//
// The hex and relocation columns were produced by GNU as (binutils 2.40) from the assembly column, never by the
// encoder. To regenerate them after adding or changing rows, run from the repository root:
//
//     python3 tests/Sox.Toolchain.Tests/X64/regenerate-encodings.py
//
// which assembles every row's text with `as` (.intel_syntax noprefix), reads bytes and relocations back with
// `objdump -dr`, and rewrites the two string columns of every EncodingTable*.cs file in place. ELF relocation
// types map to RelocationKind as R_X86_64_PLT32 -> X64Branch32, R_X86_64_PC32 -> X64PcRelative32,
// R_X86_64_REX_GOTPCRELX / R_X86_64_GOTPCRELX -> X64GotLoad32.
internal static partial class EncodingTable
{
    public static IReadOnlyList<EncodingRow> All { get; } =
        [.. Moves, .. MemoryOperands, .. Alu, .. Arithmetic, .. Control, .. Conditions, .. Sse];

    private static EncodingRow Row(string assembly, string hex, Action<X64Encoder> emit) => new(assembly, hex, "", emit);

    private static EncodingRow Row(string assembly, string hex, string relocation, Action<X64Encoder> emit) =>
        new(assembly, hex, relocation, emit);

    private static X64Memory M(X64Register @base, int displacement = 0) => X64Memory.At(@base, displacement);

    private static X64Memory M(X64Register @base, X64Register index, int scale, int displacement = 0) =>
        X64Memory.At(@base, index, scale, displacement);

    private static X64Memory Ix(X64Register index, int scale, int displacement) => X64Memory.Indexed(index, scale, displacement);

    private static X64Memory Rip(string symbol, long addend = 0) => X64Memory.RipRelative(symbol, addend);

    private static X64Memory Got(string symbol) => X64Memory.GotEntry(symbol);
}
