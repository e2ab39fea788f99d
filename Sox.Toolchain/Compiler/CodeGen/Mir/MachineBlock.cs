namespace Sox.Compiler.CodeGen.Mir;

/// <summary>A basic block of machine instructions; instruction selection records its successors.</summary>
public sealed class MachineBlock
{
    /// <summary>Block <paramref name="index"/>, empty.</summary>
    public MachineBlock(int index) : this(index, 0)
    {
    }

    /// <summary>Block <paramref name="index"/>, empty, with room for <paramref name="capacity"/> instructions.</summary>
    public MachineBlock(int index, int capacity)
    {
        Index = index;
        Instructions = new List<MachineInstr>(capacity);
    }

    /// <summary>The block's position in <see cref="MachineFunction.Blocks"/>.</summary>
    public int Index { get; }

    /// <summary>Its instructions in order; the terminators come last.</summary>
    public List<MachineInstr> Instructions { get; }

    /// <summary>The indices of the blocks control may pass to.</summary>
    public List<int> Successors { get; } = new();

    /// <summary>
    /// Whether the block is rarely run (a runtime slow path or an error path, as instruction selection sees it), so
    /// <see cref="BlockLayout"/> puts it after the function's other blocks.
    /// </summary>
    public bool IsCold { get; set; }

    /// <summary>Appends <paramref name="instr"/> and returns it.</summary>
    public MachineInstr Add(MachineInstr instr)
    {
        Instructions.Add(instr);
        return instr;
    }

    /// <inheritdoc />
    public override string ToString() => $"b{Index}";
}
