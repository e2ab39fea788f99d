using Sox.Compiler.Ir;
using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// What the disassembler must print for one encoder call (GNU objdump, <c>-M no-aliases</c>, whitespace collapsed,
/// comments dropped), and the relocation it must carry. <c>{pc}</c> in the text stands for the instruction's own
/// address in hex (a branch whose field is left zero for a relocation targets itself), <c>{page}</c> its 4 KiB page
/// (the target of such an ADRP).
/// </summary>
internal sealed record Expected(string Text, RelocationKind? Kind = null, string? Symbol = null, long Addend = 0)
{
    public static implicit operator Expected(string text) => new(text);
}

/// <summary>
/// One encoder method under round trip: <see cref="Signature"/> names it for the coverage check ("Name(Type,…)");
/// <see cref="Emit"/> draws operands, calls the method once and returns what must come back.
/// </summary>
internal sealed record RoundTripForm(string Signature, Func<Arm64Encoder, Operands, Expected> Emit)
{
    public override string ToString() => Signature;
}
