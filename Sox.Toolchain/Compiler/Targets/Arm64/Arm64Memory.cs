using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// A load/store address: a base register (X0…X30 or SP) plus an immediate offset, a register offset, or the
/// low 12 bits of a symbol (Arm ARM C1.3.3 "Load/Store addressing modes", C4.1.94 "Loads and Stores"). The size
/// of the access is given by the instruction form; whether an offset is encodable depends on it, so the encoder,
/// not the operand, validates ranges and alignment.
/// </summary>
public readonly record struct Arm64Memory
{
    private Arm64Memory(Arm64AddressingMode mode, Arm64Register @base, long offset, Arm64Register index,
        Arm64Extend extend, bool scaled, string? symbol)
    {
        if (!@base.IsGeneralPurpose() && @base != Arm64Register.SP)
            throw new ArgumentException($"{@base} cannot be a base register (X0…X30 or SP).", nameof(@base));
        Mode = mode;
        Base = @base;
        Offset = offset;
        Index = index;
        Extend = extend;
        Scaled = scaled;
        Symbol = symbol;
    }

    /// <summary>How the address is formed.</summary>
    public Arm64AddressingMode Mode { get; }

    /// <summary>The base register: X0…X30 or SP (register 31 is SP in every load/store base field).</summary>
    public Arm64Register Base { get; }

    /// <summary>The byte offset (immediate modes), or the addend to the symbol (symbol modes).</summary>
    public long Offset { get; }

    /// <summary>The index register of <see cref="Arm64AddressingMode.Register"/>: X0…X30 or XZR.</summary>
    public Arm64Register Index { get; }

    /// <summary>How the index is extended (UXTX = a plain 64-bit index, printed <c>lsl</c>).</summary>
    public Arm64Extend Extend { get; }

    /// <summary>Whether the index is shifted left by log2(access size) (the <c>S</c> bit).</summary>
    public bool Scaled { get; }

    /// <summary>The symbol of <see cref="Arm64AddressingMode.SymbolLow12"/> and <see cref="Arm64AddressingMode.GotLow12"/>.</summary>
    public string? Symbol { get; }

    /// <summary><c>[base, #offset]</c>: scaled 12-bit if aligned and in range, else unscaled 9-bit (see <see cref="Arm64AddressingMode.Offset"/>).</summary>
    public static Arm64Memory At(Arm64Register @base, long offset = 0) =>
        new(Arm64AddressingMode.Offset, @base, offset, default, default, false, null);

    /// <summary><c>[base, #offset]</c> in the unscaled form (LDUR/STUR), −256 ≤ offset ≤ 255.</summary>
    public static Arm64Memory Unscaled(Arm64Register @base, long offset) =>
        new(Arm64AddressingMode.Unscaled, @base, offset, default, default, false, null);

    /// <summary><c>[base, #offset]!</c>.</summary>
    public static Arm64Memory PreIndex(Arm64Register @base, long offset) =>
        new(Arm64AddressingMode.PreIndex, @base, offset, default, default, false, null);

    /// <summary><c>[base], #offset</c>.</summary>
    public static Arm64Memory PostIndex(Arm64Register @base, long offset) =>
        new(Arm64AddressingMode.PostIndex, @base, offset, default, default, false, null);

    /// <summary>
    /// <c>[base, index{, extend #amount}]</c>; <paramref name="scaled"/> shifts the index by log2(access size).
    /// <paramref name="extend"/> must be UXTW, UXTX (<c>lsl</c>), SXTW or SXTX (Arm ARM C6.2 LDR (register):
    /// "option&lt;1&gt; == '0' … UNDEFINED").
    /// </summary>
    public static Arm64Memory Indexed(Arm64Register @base, Arm64Register index, Arm64Extend extend = Arm64Extend.Uxtx, bool scaled = false)
    {
        if (!index.IsGeneralPurpose() && index != Arm64Register.XZR)
            throw new ArgumentException($"{index} cannot be an index register (X0…X30 or XZR).", nameof(index));
        if (((int)extend & 2) == 0)
            throw new ArgumentException($"{extend} is not a load/store index extension (UXTW, UXTX, SXTW, SXTX).", nameof(extend));
        return new(Arm64AddressingMode.Register, @base, 0, index, extend, scaled, null);
    }

    /// <summary><c>[base, :lo12:symbol+addend]</c> (a 64-bit access: <see cref="RelocationKind.Arm64Load64Low12"/>).</summary>
    public static Arm64Memory SymbolLow12(Arm64Register @base, string symbol, long addend = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new(Arm64AddressingMode.SymbolLow12, @base, addend, default, default, false, symbol);
    }

    /// <summary><c>[base, :got_lo12:symbol]</c> (<see cref="RelocationKind.Arm64GotLoad64Low12"/>).</summary>
    public static Arm64Memory GotLow12(Arm64Register @base, string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new(Arm64AddressingMode.GotLow12, @base, 0, default, default, false, symbol);
    }

    /// <inheritdoc />
    public override string ToString() => Mode switch
    {
        Arm64AddressingMode.Offset => $"[{Base.Name64()}, #{Offset}]",
        Arm64AddressingMode.Unscaled => $"[{Base.Name64()}, #{Offset}] (unscaled)",
        Arm64AddressingMode.PreIndex => $"[{Base.Name64()}, #{Offset}]!",
        Arm64AddressingMode.PostIndex => $"[{Base.Name64()}], #{Offset}",
        Arm64AddressingMode.Register => $"[{Base.Name64()}, {Index.Name64()}, {Extend}{(Scaled ? " scaled" : "")}]",
        Arm64AddressingMode.SymbolLow12 => $"[{Base.Name64()}, :lo12:{Symbol}+{Offset}]",
        _ => $"[{Base.Name64()}, :got_lo12:{Symbol}]",
    };
}
