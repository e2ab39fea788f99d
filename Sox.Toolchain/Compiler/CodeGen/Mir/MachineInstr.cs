namespace Sox.Compiler.CodeGen.Mir;

/// <summary>Properties of an instruction the target-neutral stages need to know.</summary>
[Flags]
public enum InstrFlags
{
    None = 0,
    /// <summary>A register-to-register copy (operand 0 Def, operand 1 Use): a coalescing hint, removed when both sides get the same register.</summary>
    Copy = 1,
    /// <summary>A call: <see cref="MachineInstr.Clobbers"/> lists what it overwrites.</summary>
    Call = 2,
    /// <summary>Ends a block (jump, branch, return).</summary>
    Terminator = 4,
    /// <summary>A return: the emitter puts the epilogue before it.</summary>
    Return = 8,
}

/// <summary>
/// A machine instruction: a target opcode (the target's own enum, stored as int) with operands. Besides its
/// explicit operands an instruction may read and write physical registers implicitly (argument registers of a
/// call, RAX/RDX of <c>idiv</c>) and clobber others (a call's caller-saved set).
/// </summary>
public sealed class MachineInstr
{
    public MachineInstr(int opcode, params MachineOperand[] operands)
    {
        Opcode = opcode;
        Operands = operands;
    }

    public int Opcode { get; set; }

    public MachineOperand[] Operands { get; set; }

    public InstrFlags Flags { get; set; }

    // Implicit operands and clobbers are rare (calls, returns, shifts by CL, divisions): they live in a side object so
    // that the common instruction stays small (a function's top level has tens of thousands of instructions).
    private sealed class Implicit
    {
        public IReadOnlyList<int> Uses = Array.Empty<int>();
        public IReadOnlyList<int> Defs = Array.Empty<int>();
        public IReadOnlyCollection<int> Clobbers = Array.Empty<int>();
    }

    private Implicit? _implicit;

    private Implicit ImplicitOperands => _implicit ??= new Implicit();

    /// <summary>Physical registers read without appearing as operands.</summary>
    public IReadOnlyList<int> ImplicitUses { get => _implicit?.Uses ?? Array.Empty<int>(); init => ImplicitOperands.Uses = value; }

    /// <summary>Physical registers written without appearing as operands.</summary>
    public IReadOnlyList<int> ImplicitDefs { get => _implicit?.Defs ?? Array.Empty<int>(); init => ImplicitOperands.Defs = value; }

    /// <summary>Physical registers whose contents are destroyed (a call's caller-saved set).</summary>
    public IReadOnlyCollection<int> Clobbers { get => _implicit?.Clobbers ?? Array.Empty<int>(); init => ImplicitOperands.Clobbers = value; }

    /// <summary>Source line for the line table (0: none).</summary>
    public int Line { get; set; }

    public bool IsCopy => (Flags & InstrFlags.Copy) != 0;

    public bool IsCall => (Flags & InstrFlags.Call) != 0;

    public bool IsTerminator => (Flags & InstrFlags.Terminator) != 0;

    public bool IsReturn => (Flags & InstrFlags.Return) != 0;

    public override string ToString() => $"op{Opcode} {string.Join(", ", Operands)}";
}
