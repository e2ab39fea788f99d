using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// The round-trip forms, one per public instruction method of <see cref="Arm64Encoder"/> (except the few checked
/// in <see cref="Arm64LabelTests"/> and <see cref="Arm64MoveImmediateTests"/>), grouped like the encoder's files.
/// Expected texts follow the Arm ARM's definition of each alias (what it expands to) and GNU objdump's spelling.
/// </summary>
internal static partial class RoundTripForms
{
    public static IReadOnlyList<RoundTripForm> All { get; } =
        [.. AddSubImmediate, .. LogicalImmediate, .. MoveWide, .. Bitfield, .. AddSubRegister, .. LogicalRegister,
         .. DataProcessing, .. LoadStore, .. LoadStorePair, .. Branches, .. PcRelative, .. FloatingPoint, .. SystemForms];

    private const string R = "Arm64Register";

    private static RoundTripForm Form(string signature, Func<Arm64Encoder, Operands, Expected> emit) => new(signature, emit);
}
