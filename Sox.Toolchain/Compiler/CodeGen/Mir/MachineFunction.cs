using System.Text;

namespace Sox.Compiler.CodeGen.Mir;

/// <summary>
/// A function in machine IR: blocks in layout order (block 0 is the entry), virtual registers with their
/// classes, frame objects, and the size of the outgoing stack-argument area the calls in it need.
/// </summary>
public sealed class MachineFunction
{
    public MachineFunction(string symbol, TargetDescription target)
    {
        Symbol = symbol;
        Target = target;
    }

    public string Symbol { get; }

    public TargetDescription Target { get; }

    public List<MachineBlock> Blocks { get; } = new();

    public List<RegisterClass> VirtualRegisters { get; } = new();

    public List<FrameObject> FrameObjects { get; } = new();

    /// <summary>Bytes of outgoing stack arguments needed by the largest call (kept at the bottom of the frame).</summary>
    public int OutgoingArgumentBytes { get; set; }

    public MachineBlock NewBlock()
    {
        var block = new MachineBlock(Blocks.Count);
        Blocks.Add(block);
        return block;
    }

    public MReg NewVirtual(RegisterClass cls)
    {
        VirtualRegisters.Add(cls);
        return MReg.Virtual(VirtualRegisters.Count - 1);
    }

    public int NewFrameObject(int size, int alignment, bool isSpill)
    {
        FrameObjects.Add(new FrameObject(size, alignment, isSpill));
        return FrameObjects.Count - 1;
    }

    public RegisterClass ClassOf(MReg r) => r.IsVirtual ? VirtualRegisters[r.VirtualIndex] : TargetDescription.ClassOf(r.PhysicalNumber);

    /// <summary>A readable listing; <paramref name="opcodeName"/> names the target's opcodes.</summary>
    public string Print(Func<int, string> opcodeName)
    {
        var sb = new StringBuilder();
        sb.Append("function ").Append(Symbol).Append('\n');
        foreach (var block in Blocks)
        {
            sb.Append(block).Append(":  ; succ ").Append(string.Join(" ", block.Successors.Select(s => "b" + s))).Append('\n');
            foreach (var instr in block.Instructions)
            {
                sb.Append("    ").Append(opcodeName(instr.Opcode));
                if (instr.Operands.Length > 0) sb.Append(' ').Append(string.Join(", ", instr.Operands.Select(o => Show(o))));
                sb.Append('\n');
            }
        }
        return sb.ToString();

        string Show(MachineOperand o) => o.Kind == OperandKind.Register && o.Register.IsPhysical
            ? Target.RegisterName(o.Register.PhysicalNumber)
            : o.Kind == OperandKind.Memory && o.Register.IsPhysical
                ? $"[{Target.RegisterName(o.Register.PhysicalNumber)}{o.Value:+#;-#;+0}]"
                : o.ToString();
    }
}
