namespace Sox.Compiler.CodeGen.Mir;

/// <summary>Properties of an instruction the target-neutral stages need to know.</summary>
[Flags]
public enum InstrFlags
{
    /// <summary>Nothing special.</summary>
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
    /// <summary>An instruction of the target's <paramref name="opcode"/> with <paramref name="operands"/>.</summary>
    public MachineInstr(int opcode, params MachineOperand[] operands)
    {
        Opcode = opcode;
        Operands = operands;
    }

    // The opcode and flags are stored narrow (every target's opcodes fit 16 bits, the flags 8) so that an instruction
    // takes 48 bytes instead of 56: a module's top level has tens of thousands of them.
    private ushort _opcode;
    private byte _flags;

    /// <summary>The target's opcode (its own enum, as int; below 65,536).</summary>
    public int Opcode { get => _opcode; set => _opcode = checked((ushort)value); }

    /// <summary>The explicit operands, in the target's order for the opcode.</summary>
    public MachineOperand[] Operands { get; set; }

    /// <summary>What the target-neutral stages need to know about the instruction.</summary>
    public InstrFlags Flags { get => (InstrFlags)_flags; set => _flags = checked((byte)value); }

    /// <summary>The instruction's index in the function's listing before allocation (all blocks' instructions in layout
    /// order, set by <see cref="RegisterAllocation.VariableAvailability.Compute"/>), or -1: lets the emitter find the
    /// instructions whose code offsets debugging information needs without a dictionary keyed by instruction.</summary>
    internal int ListingIndex { get; set; } = -1;

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

    /// <summary>Source column for debugging line tables (0: unknown).</summary>
    public int Column { get; set; }

    /// <summary>Whether <see cref="InstrFlags.Copy"/> is set.</summary>
    public bool IsCopy => (Flags & InstrFlags.Copy) != 0;

    /// <summary>Whether <see cref="InstrFlags.Call"/> is set.</summary>
    public bool IsCall => (Flags & InstrFlags.Call) != 0;

    /// <summary>Whether <see cref="InstrFlags.Terminator"/> is set.</summary>
    public bool IsTerminator => (Flags & InstrFlags.Terminator) != 0;

    /// <summary>Whether <see cref="InstrFlags.Return"/> is set.</summary>
    public bool IsReturn => (Flags & InstrFlags.Return) != 0;

    /// <inheritdoc />
    public override string ToString() => $"op{Opcode} {string.Join(", ", Operands)}";
}
