using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen.Emission;

/// <summary>The output of <see cref="CodeBuffer.Finish"/>: final bytes, relocations and label offsets.</summary>
public sealed class MachineCode
{
    private readonly int[] _labelOffsets;

    internal MachineCode(byte[] code, IReadOnlyList<SymbolRelocation> relocations, int[] labelOffsets)
    {
        Code = code;
        Relocations = relocations;
        _labelOffsets = labelOffsets;
    }

    /// <summary>The machine code; relocated fields hold zero (the addend lives in the relocation, ELF RELA style).</summary>
    public byte[] Code { get; }

    /// <summary>The relocations, in order of emission, with offsets into <see cref="Code"/>.</summary>
    public IReadOnlyList<SymbolRelocation> Relocations { get; }

    /// <summary>The offset of a bound label in <see cref="Code"/>.</summary>
    /// <exception cref="InvalidOperationException">The label was never bound.</exception>
    public int LabelOffset(Label label)
    {
        if ((uint)label.Id >= (uint)_labelOffsets.Length) throw new ArgumentException($"Unknown label {label}.", nameof(label));
        var offset = _labelOffsets[label.Id];
        return offset >= 0 ? offset : throw new InvalidOperationException($"Label {label} was never bound.");
    }
}
