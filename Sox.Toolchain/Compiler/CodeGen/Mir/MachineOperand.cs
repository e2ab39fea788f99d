namespace Sox.Compiler.CodeGen.Mir;

public enum OperandKind : byte
{
    Register,
    Immediate,
    /// <summary>Memory at <c>[Base + Offset]</c>.</summary>
    Memory,
    /// <summary>Memory in a frame object (spill slot or IR stack slot) at <c>Offset</c> bytes into it; resolved by the frame layout.</summary>
    FrameSlot,
    /// <summary>A block of the same function (branch target).</summary>
    Block,
    /// <summary>A symbol plus addend (call target, RIP-relative / adrp data address).</summary>
    Symbol,
    /// <summary>An outgoing stack-argument slot: byte offset from SP at the call.</summary>
    OutgoingArgument,
    /// <summary>An incoming stack-argument slot: byte offset from the first incoming stack argument.</summary>
    IncomingArgument,
}

public enum OperandAccess : byte
{
    None,
    Use,
    Def,
    /// <summary>Read and written (x86 two-address destinations).</summary>
    UseDef,
}

/// <summary>One operand of a machine instruction. Register and memory-base operands are what the allocator rewrites.</summary>
public readonly record struct MachineOperand(OperandKind Kind, MReg Register, long Value, OperandAccess Access, string? Symbol = null)
{
    public static MachineOperand Use(MReg r) => new(OperandKind.Register, r, 0, OperandAccess.Use);

    public static MachineOperand Def(MReg r) => new(OperandKind.Register, r, 0, OperandAccess.Def);

    public static MachineOperand UseDef(MReg r) => new(OperandKind.Register, r, 0, OperandAccess.UseDef);

    public static MachineOperand Imm(long value) => new(OperandKind.Immediate, default, value, OperandAccess.None);

    /// <summary><c>[base + offset]</c>; the base register is read.</summary>
    public static MachineOperand Mem(MReg baseRegister, int offset) => new(OperandKind.Memory, baseRegister, offset, OperandAccess.Use);

    public static MachineOperand Frame(int slot, int offset = 0) => new(OperandKind.FrameSlot, default, ((long)slot << 32) | (uint)offset, OperandAccess.None);

    public static MachineOperand Target(int blockIndex) => new(OperandKind.Block, default, blockIndex, OperandAccess.None);

    public static MachineOperand Sym(string symbol, long addend = 0) => new(OperandKind.Symbol, default, addend, OperandAccess.None, symbol);

    public static MachineOperand Outgoing(int offset) => new(OperandKind.OutgoingArgument, default, offset, OperandAccess.None);

    public static MachineOperand Incoming(int offset) => new(OperandKind.IncomingArgument, default, offset, OperandAccess.None);

    public bool HasRegister => Kind is OperandKind.Register or OperandKind.Memory;

    public int FrameSlotIndex => (int)(Value >> 32);

    public int FrameSlotOffset => (int)(uint)Value;

    public int BlockIndex => (int)Value;

    public MachineOperand WithRegister(MReg r) => this with { Register = r };

    public override string ToString() => Kind switch
    {
        OperandKind.Register => Register.ToString(),
        OperandKind.Immediate => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OperandKind.Memory => $"[{Register}{Value:+#;-#;+0}]",
        OperandKind.FrameSlot => $"[slot{FrameSlotIndex}{FrameSlotOffset:+#;-#;+0}]",
        OperandKind.Block => $"b{Value}",
        OperandKind.Symbol => Value == 0 ? Symbol! : $"{Symbol}{Value:+#;-#}",
        OperandKind.OutgoingArgument => $"[out+{Value}]",
        OperandKind.IncomingArgument => $"[in+{Value}]",
        _ => "?",
    };
}
