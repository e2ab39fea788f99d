namespace Sox.Compiler.CodeGen.Mir;

/// <summary>A basic block of machine instructions; instruction selection records its successors.</summary>
public sealed class MachineBlock
{
    public MachineBlock(int index) => Index = index;

    public int Index { get; }

    public List<MachineInstr> Instructions { get; } = new();

    public List<int> Successors { get; } = new();

    public MachineInstr Add(MachineInstr instr)
    {
        Instructions.Add(instr);
        return instr;
    }

    public override string ToString() => $"b{Index}";
}
