using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>The output of <see cref="Arm64Encoder.Finish"/>: final bytes, relocations and label offsets.</summary>
public sealed class Arm64MachineCode
{
    private readonly int[] _labelOffsets;

    internal Arm64MachineCode(byte[] code, IReadOnlyList<SymbolRelocation> relocations, int[] labelOffsets)
    {
        Code = code;
        Relocations = relocations;
        _labelOffsets = labelOffsets;
    }

    /// <summary>The machine code, little-endian words; relocated fields hold zero (the addend lives in the relocation, ELF RELA style).</summary>
    public byte[] Code { get; }

    /// <summary>The relocations, in order of emission, with offsets into <see cref="Code"/> (always the instruction's offset).</summary>
    public IReadOnlyList<SymbolRelocation> Relocations { get; }

    /// <summary>The offset of a bound label in <see cref="Code"/>.</summary>
    /// <exception cref="InvalidOperationException">The label was never bound.</exception>
    public int LabelOffset(Arm64Label label)
    {
        if ((uint)label.Id >= (uint)_labelOffsets.Length) throw new ArgumentException($"Unknown label {label}.", nameof(label));
        var offset = _labelOffsets[label.Id];
        return offset >= 0 ? offset : throw new InvalidOperationException($"Label {label} was never bound.");
    }
}
