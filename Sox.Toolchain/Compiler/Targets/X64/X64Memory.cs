using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// A memory operand: either <c>[base + index*scale + disp32]</c> (Intel SDM Vol. 2A §2.1.5, Tables 2-2 and 2-3)
/// or a RIP-relative reference to a symbol or a label (SDM Vol. 2A §2.2.1.6, "RIP-Relative Addressing").
/// The size of the access is given by the instruction form, not by the operand.
/// </summary>
/// <remarks>
/// For a RIP-relative symbol, <see cref="Addend"/> is the offset from the symbol the operand designates
/// (usually 0). The encoder subtracts the distance from the displacement field to the end of the instruction
/// (4, plus the size of any immediate that follows) when it writes the <see cref="SymbolRelocation"/>, because
/// the CPU adds the address of the next instruction (System V AMD64 ABI §4.4.1: <c>S + A - P</c>).
/// </remarks>
public readonly record struct X64Memory
{
    private X64Memory(X64MemoryKind kind, X64Register? @base, X64Register? index, byte scale, int displacement,
        string? symbol, RelocationKind relocation, long addend, Label label)
    {
        Kind = kind;
        Base = @base;
        Index = index;
        Scale = scale;
        Displacement = displacement;
        Symbol = symbol;
        Relocation = relocation;
        Addend = addend;
        Label = label;
    }

    /// <summary>How the address is formed.</summary>
    public X64MemoryKind Kind { get; }

    /// <summary>The base register, if any (<see cref="X64MemoryKind.BaseIndex"/> only).</summary>
    public X64Register? Base { get; }

    /// <summary>The index register, if any; never RSP (SDM Table 2-3: index field 100b means "none").</summary>
    public X64Register? Index { get; }

    /// <summary>The index scale: 1, 2, 4 or 8 (1 when there is no index).</summary>
    public byte Scale { get; }

    /// <summary>The signed 32-bit displacement (for <see cref="X64MemoryKind.RipLabel"/>: the offset from the label).</summary>
    public int Displacement { get; }

    /// <summary>The symbol of a <see cref="X64MemoryKind.RipSymbol"/> operand.</summary>
    public string? Symbol { get; }

    /// <summary>The relocation kind of a <see cref="X64MemoryKind.RipSymbol"/> operand.</summary>
    public RelocationKind Relocation { get; }

    /// <summary>The offset from <see cref="Symbol"/> that the operand designates.</summary>
    public long Addend { get; }

    /// <summary>The label of a <see cref="X64MemoryKind.RipLabel"/> operand.</summary>
    public Label Label { get; }

    /// <summary><c>[base + disp]</c>.</summary>
    public static X64Memory At(X64Register @base, int displacement = 0)
    {
        RequireGpr(@base, nameof(@base));
        return new(X64MemoryKind.BaseIndex, @base, null, 1, displacement, null, default, 0, default);
    }

    /// <summary><c>[base + index*scale + disp]</c>; <paramref name="index"/> may not be RSP.</summary>
    public static X64Memory At(X64Register @base, X64Register index, int scale, int displacement = 0)
    {
        RequireGpr(@base, nameof(@base));
        RequireIndex(index, scale);
        return new(X64MemoryKind.BaseIndex, @base, index, (byte)scale, displacement, null, default, 0, default);
    }

    /// <summary>
    /// <c>[index*scale + disp32]</c> with no base: encoded with SIB base 101b and mod 00, which always carries a
    /// 32-bit displacement (SDM Vol. 2A Table 2-3, note 1).
    /// </summary>
    public static X64Memory Indexed(X64Register index, int scale, int displacement = 0)
    {
        RequireIndex(index, scale);
        return new(X64MemoryKind.BaseIndex, null, index, (byte)scale, displacement, null, default, 0, default);
    }

    /// <summary><c>[rip + symbol + addend]</c> to data or code: relocation <see cref="RelocationKind.X64PcRelative32"/>.</summary>
    public static X64Memory RipRelative(string symbol, long addend = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new(X64MemoryKind.RipSymbol, null, null, 1, 0, symbol, RelocationKind.X64PcRelative32, addend, default);
    }

    /// <summary>
    /// <c>[rip + symbol@GOTPCREL]</c>, the GOT slot holding the symbol's address: relocation
    /// <see cref="RelocationKind.X64GotLoad32"/>. Use it with <c>mov r64, [mem]</c> (or <c>call</c>/<c>jmp [mem]</c>),
    /// the forms the linker knows how to relax (System V AMD64 ABI §B.2, R_X86_64_REX_GOTPCRELX).
    /// </summary>
    public static X64Memory GotEntry(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new(X64MemoryKind.RipSymbol, null, null, 1, 0, symbol, RelocationKind.X64GotLoad32, 0, default);
    }

    /// <summary><c>[rip + label + offset]</c>, e.g. a constant placed in the same code.</summary>
    public static X64Memory RipRelative(Label label, int offset = 0) =>
        new(X64MemoryKind.RipLabel, null, null, 1, offset, null, default, 0, label);

    /// <inheritdoc />
    public override string ToString()
    {
        switch (Kind)
        {
            case X64MemoryKind.RipSymbol:
                var suffix = Relocation == RelocationKind.X64GotLoad32 ? "@GOTPCREL" : "";
                return Addend == 0 ? $"[rip + {Symbol}{suffix}]" : $"[rip + {Symbol}{suffix} {Sign(Addend)}]";
            case X64MemoryKind.RipLabel:
                return Displacement == 0 ? $"[rip + {Label}]" : $"[rip + {Label} {Sign(Displacement)}]";
        }
        var parts = new List<string>();
        if (Base is { } b) parts.Add(b.Name());
        if (Index is { } i) parts.Add(Scale == 1 ? i.Name() : $"{i.Name()}*{Scale}");
        var text = string.Join(" + ", parts);
        if (Displacement != 0 || parts.Count == 0)
            text = parts.Count == 0 ? Displacement.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{text} {Sign(Displacement)}";
        return $"[{text}]";
    }

    private static string Sign(long value) =>
        value < 0 ? $"- {(ulong)-value}" : $"+ {value}";

    private static void RequireGpr(X64Register register, string name)
    {
        if (!register.IsGeneralPurpose())
            throw new ArgumentException($"{register} cannot address memory.", name);
    }

    private static void RequireIndex(X64Register index, int scale)
    {
        RequireGpr(index, nameof(index));
        if (index == X64Register.Rsp)
            throw new ArgumentException("RSP cannot be an index register (SIB index 100b means no index).", nameof(index));
        if (scale is not (1 or 2 or 4 or 8))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be 1, 2, 4 or 8.");
    }
}
