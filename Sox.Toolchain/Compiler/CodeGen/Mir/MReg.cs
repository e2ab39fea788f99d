namespace Sox.Compiler.CodeGen.Mir;

/// <summary>
/// A register operand of machine IR: a virtual register (index into <see cref="MachineFunction.VirtualRegisters"/>)
/// before allocation, or a physical register (the target's numbering, see <see cref="TargetDescription"/>).
/// </summary>
public readonly record struct MReg
{
    private readonly int _value; // >= 0 virtual index; < 0 physical, stored as ~number

    private MReg(int value) => _value = value;

    /// <summary>Virtual register <paramref name="index"/>.</summary>
    public static MReg Virtual(int index) => new(index);

    /// <summary>Physical register <paramref name="number"/> (the target's numbering).</summary>
    public static MReg Physical(int number) => new(~number);

    /// <summary>Whether this is a virtual register.</summary>
    public bool IsVirtual => _value >= 0;

    /// <summary>Whether this is a physical register.</summary>
    public bool IsPhysical => _value < 0;

    /// <summary>The index of a virtual register.</summary>
    public int VirtualIndex => _value >= 0 ? _value : throw new InvalidOperationException("not a virtual register");

    /// <summary>The number of a physical register.</summary>
    public int PhysicalNumber => _value < 0 ? ~_value : throw new InvalidOperationException("not a physical register");

    /// <inheritdoc />
    public override string ToString() => IsVirtual ? $"%v{_value}" : $"%p{~_value}";
}
