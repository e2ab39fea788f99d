using System.Text;

namespace Sox.Compiler.CodeGen.Mir;

/// <summary>
/// A function in machine IR: blocks in layout order (block 0 is the entry), virtual registers with their
/// classes, frame objects, and the size of the outgoing stack-argument area the calls in it need.
/// </summary>
public sealed class MachineFunction
{
    /// <summary>An empty function <paramref name="symbol"/> for <paramref name="target"/>.</summary>
    public MachineFunction(string symbol, TargetDescription target)
    {
        Symbol = symbol;
        Target = target;
    }

    /// <summary>The function's symbol.</summary>
    public string Symbol { get; }

    /// <summary>The target it is compiled for.</summary>
    public TargetDescription Target { get; }

    /// <summary>The blocks in layout order; block 0 is the entry.</summary>
    public List<MachineBlock> Blocks { get; } = new();

    /// <summary>
    /// The order the blocks are emitted in, by index (<see cref="BlockLayout"/>), or null for their index order. Set
    /// after register allocation, which works in index order.
    /// </summary>
    public int[]? Layout { get; set; }

    /// <summary>The class of each virtual register, by index.</summary>
    public RegisterClassList VirtualRegisters { get; } = new();

    /// <summary>The frame objects (spill slots and IR stack slots), by index.</summary>
    public List<FrameObject> FrameObjects { get; } = new();

    /// <summary>Bytes of outgoing stack arguments needed by the largest call (kept at the bottom of the frame).</summary>
    public int OutgoingArgumentBytes { get; set; }

    /// <summary>The Sox variables debugging information describes, with their virtual registers.</summary>
    public List<MachineDebugVariable> DebugVariables { get; } = new();

    /// <summary>
    /// When set, liveness treats every exit (a return, or the trap after a call that does not return) as a use of each <see cref="DebugVariables"/> register, so a variable
    /// keeps its register or slot until the function returns and a debugger can show it anywhere after its
    /// assignment (<c>-O0</c>; set or not independently of <c>-g</c>, so that <c>-g</c> never changes the code).
    /// </summary>
    public bool KeepVariablesLive { get; set; }

    /// <summary>Appends an empty block.</summary>
    public MachineBlock NewBlock()
    {
        var block = new MachineBlock(Blocks.Count);
        Blocks.Add(block);
        return block;
    }

    /// <summary>Appends an empty block with room for <paramref name="capacity"/> instructions.</summary>
    public MachineBlock NewBlock(int capacity)
    {
        var block = new MachineBlock(Blocks.Count, capacity);
        Blocks.Add(block);
        return block;
    }

    /// <summary>A new virtual register of class <paramref name="cls"/>.</summary>
    public MReg NewVirtual(RegisterClass cls)
    {
        VirtualRegisters.Add(cls);
        return MReg.Virtual(VirtualRegisters.Count - 1);
    }

    /// <summary>A new frame object; returns its index.</summary>
    public int NewFrameObject(int size, int alignment, bool isSpill)
    {
        FrameObjects.Add(new FrameObject(size, alignment, isSpill));
        return FrameObjects.Count - 1;
    }

    /// <summary>The register class of <paramref name="r"/>, virtual or physical.</summary>
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
