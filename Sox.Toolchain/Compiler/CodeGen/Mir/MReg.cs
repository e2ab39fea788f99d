namespace Sox.Compiler.CodeGen.Mir;

/// <summary>
/// A register operand of machine IR: a virtual register (index into <see cref="MachineFunction.VirtualRegisters"/>)
/// before allocation, or a physical register (the target's numbering, see <see cref="TargetDescription"/>).
/// </summary>
public readonly record struct MReg
{
    private readonly int _value; // >= 0 virtual index; < 0 physical, stored as ~number

    private MReg(int value) => _value = value;

    public static MReg Virtual(int index) => new(index);

    public static MReg Physical(int number) => new(~number);

    public bool IsVirtual => _value >= 0;

    public bool IsPhysical => _value < 0;

    public int VirtualIndex => _value >= 0 ? _value : throw new InvalidOperationException("not a virtual register");

    public int PhysicalNumber => _value < 0 ? ~_value : throw new InvalidOperationException("not a physical register");

    public override string ToString() => IsVirtual ? $"%v{_value}" : $"%p{~_value}";
}
