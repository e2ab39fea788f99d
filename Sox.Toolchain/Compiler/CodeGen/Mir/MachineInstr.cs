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

    /// <summary>Physical registers read without appearing as operands.</summary>
    public IReadOnlyList<int> ImplicitUses { get; init; } = Array.Empty<int>();

    /// <summary>Physical registers written without appearing as operands.</summary>
    public IReadOnlyList<int> ImplicitDefs { get; init; } = Array.Empty<int>();

    /// <summary>Physical registers whose contents are destroyed (a call's caller-saved set).</summary>
    public IReadOnlyCollection<int> Clobbers { get; init; } = Array.Empty<int>();

    /// <summary>Source line for the line table (0: none).</summary>
    public int Line { get; set; }

    public bool IsCopy => (Flags & InstrFlags.Copy) != 0;

    public bool IsCall => (Flags & InstrFlags.Call) != 0;

    public bool IsTerminator => (Flags & InstrFlags.Terminator) != 0;

    public bool IsReturn => (Flags & InstrFlags.Return) != 0;

    public override string ToString() => $"op{Opcode} {string.Join(", ", Operands)}";
}
