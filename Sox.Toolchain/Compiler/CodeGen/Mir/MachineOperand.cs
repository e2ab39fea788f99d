namespace Sox.Compiler.CodeGen.Mir;

/// <summary>What a <see cref="MachineOperand"/> is.</summary>
public enum OperandKind : byte
{
    /// <summary>A register (virtual before allocation, physical after).</summary>
    Register,
    /// <summary>A constant in <see cref="MachineOperand.Value"/>.</summary>
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

/// <summary>How an instruction uses a register operand (what liveness and the allocator read).</summary>
public enum OperandAccess : byte
{
    /// <summary>Not a register operand.</summary>
    None,
    /// <summary>Read.</summary>
    Use,
    /// <summary>Written.</summary>
    Def,
    /// <summary>Read and written (x86 two-address destinations).</summary>
    UseDef,
}

/// <summary>One operand of a machine instruction. Register and memory-base operands are what the allocator rewrites.</summary>
public readonly record struct MachineOperand(OperandKind Kind, MReg Register, long Value, OperandAccess Access, string? Symbol = null)
{
    /// <summary>A register the instruction reads.</summary>
    public static MachineOperand Use(MReg r) => new(OperandKind.Register, r, 0, OperandAccess.Use);

    /// <summary>A register the instruction writes.</summary>
    public static MachineOperand Def(MReg r) => new(OperandKind.Register, r, 0, OperandAccess.Def);

    /// <summary>A register the instruction reads and writes.</summary>
    public static MachineOperand UseDef(MReg r) => new(OperandKind.Register, r, 0, OperandAccess.UseDef);

    /// <summary>An immediate.</summary>
    public static MachineOperand Imm(long value) => new(OperandKind.Immediate, default, value, OperandAccess.None);

    /// <summary><c>[base + offset]</c>; the base register is read.</summary>
    public static MachineOperand Mem(MReg baseRegister, int offset) => new(OperandKind.Memory, baseRegister, offset, OperandAccess.Use);

    /// <summary>Bytes <paramref name="offset"/> into frame object <paramref name="slot"/>.</summary>
    public static MachineOperand Frame(int slot, int offset = 0) => new(OperandKind.FrameSlot, default, ((long)slot << 32) | (uint)offset, OperandAccess.None);

    /// <summary>Block <paramref name="blockIndex"/> of the same function, as a branch target.</summary>
    public static MachineOperand Target(int blockIndex) => new(OperandKind.Block, default, blockIndex, OperandAccess.None);

    /// <summary>Symbol <paramref name="symbol"/> plus <paramref name="addend"/>.</summary>
    public static MachineOperand Sym(string symbol, long addend = 0) => new(OperandKind.Symbol, default, addend, OperandAccess.None, symbol);

    /// <summary>The outgoing stack-argument slot <paramref name="offset"/> bytes above SP at the call.</summary>
    public static MachineOperand Outgoing(int offset) => new(OperandKind.OutgoingArgument, default, offset, OperandAccess.None);

    /// <summary>The incoming stack-argument slot <paramref name="offset"/> bytes above the first one.</summary>
    public static MachineOperand Incoming(int offset) => new(OperandKind.IncomingArgument, default, offset, OperandAccess.None);

    /// <summary>Whether <see cref="Register"/> means something (a register operand or a memory base).</summary>
    public bool HasRegister => Kind is OperandKind.Register or OperandKind.Memory;

    /// <summary>The frame object of a <see cref="OperandKind.FrameSlot"/> operand.</summary>
    public int FrameSlotIndex => (int)(Value >> 32);

    /// <summary>The byte offset into the frame object of a <see cref="OperandKind.FrameSlot"/> operand.</summary>
    public int FrameSlotOffset => (int)(uint)Value;

    /// <summary>The block of a <see cref="OperandKind.Block"/> operand.</summary>
    public int BlockIndex => (int)Value;

    /// <summary>The same operand with <paramref name="r"/> as its register (the allocator's rewrite).</summary>
    public MachineOperand WithRegister(MReg r) => this with { Register = r };

    /// <inheritdoc />
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
