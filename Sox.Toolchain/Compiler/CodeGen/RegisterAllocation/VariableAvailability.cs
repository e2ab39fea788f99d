using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Where each register of a function's <see cref="MachineFunction.DebugVariables"/> holds its variable's value, as
/// spans of machine instructions, computed on the machine function before allocation rewrites it. The allocator
/// gives a virtual register one physical register or one spill slot for its whole interval, which nothing else uses
/// meanwhile (<see cref="LiveInterval"/>); so the value is there wherever the register is both <b>live</b> (a later
/// read still needs it, or, with <see cref="MachineFunction.KeepVariablesLive"/>, the function's exit: a return or
/// the trap after a call that does not return, so that a runtime error's caller frame shows them) and <b>assigned on every
/// path</b> from the entry (a forward must-analysis). Elsewhere — before the first assignment, after the last read at
/// <c>-O2</c>, in a block that a path reaches without the assignment — a debugger must say "optimized out" rather
/// than show what the register happens to hold. Per instruction:
/// <list type="bullet">
/// <item>live and assigned before it, still live after it and not written by it: the whole instruction's code
/// (<see cref="Span.StartOnly"/> false), including a call's return address, where an outer frame is inspected;</item>
/// <item>live and assigned before it but dead or rewritten after it: only the instruction's first address, before
/// any of its code ran (<see cref="Span.StartOnly"/> true);</item>
/// <item>a return (the epilogue restores callee-saved registers and the frame pointer): never.</item>
/// </list>
/// A parameter copied from its argument register at the top of the entry block is also found in that argument
/// register from the end of the prologue up to the copy (<see cref="Entry"/>): a breakpoint on a function stops
/// before the copy runs.
/// </summary>
public sealed class VariableAvailability
{
    private VariableAvailability(MachineInstr[] instructions, Dictionary<int, Availability> registers)
    {
        Instructions = instructions;
        Registers = registers;
    }

    /// <summary>The function's instructions in layout order before allocation; spans index into it.</summary>
    public IReadOnlyList<MachineInstr> Instructions { get; }

    /// <summary>The availability of each debug variable's virtual register, by virtual index.</summary>
    public IReadOnlyDictionary<int, Availability> Registers { get; }

    /// <summary>Instructions <see cref="First"/> to <see cref="End"/> (exclusive) during which the value is in place;
    /// with <see cref="StartOnly"/> only the first address of instruction <see cref="First"/> (then End = First + 1).</summary>
    /// <param name="First">The first instruction's index.</param>
    /// <param name="End">One past the last instruction's index.</param>
    /// <param name="StartOnly">Only the instruction's first address.</param>
    public readonly record struct Span(int First, int End, bool StartOnly);

    /// <summary>A parameter's argument register, which holds the value up to the entry block's copy at <paramref name="Copy"/>.</summary>
    /// <param name="Physical">The argument register (the target's numbering).</param>
    /// <param name="Copy">The index of the copy out of it.</param>
    public readonly record struct Entry(int Physical, int Copy);

    /// <summary>One register's spans, and its argument register before the entry copy when it is a parameter.</summary>
    /// <param name="Spans">The spans in order.</param>
    /// <param name="EntryRegister">The argument register before the copy, if any.</param>
    public sealed record Availability(IReadOnlyList<Span> Spans, Entry? EntryRegister);

    /// <summary>Computes the availability of every debug variable register of <paramref name="function"/> (before allocation).</summary>
    public static VariableAvailability Compute(MachineFunction function)
    {
        var blocks = function.Blocks;
        var blockFirst = new int[blocks.Count + 1];
        for (var b = 0; b < blocks.Count; b++) blockFirst[b + 1] = blockFirst[b] + blocks[b].Instructions.Count;
        var instructions = blocks.SelectMany(b => b.Instructions).ToArray();
        var predecessors = blocks.Select(_ => new List<int>()).ToArray();
        foreach (var block in blocks)
        {
            foreach (var s in block.Successors) predecessors[s].Add(block.Index);
        }
        var keptAlive = new HashSet<int>(Liveness.KeptAlive(function));
        var result = new Dictionary<int, Availability>();
        foreach (var variable in function.DebugVariables)
        {
            if (variable.Register is not { IsVirtual: true } r || result.ContainsKey(r.VirtualIndex)) continue;
            var v = r.VirtualIndex;
            result[v] = ForRegister(v, keptAlive.Contains(v), blocks, blockFirst, instructions, predecessors);
        }
        return new VariableAvailability(instructions, result);
    }

    private static Availability ForRegister(int v, bool keptAlive, List<MachineBlock> blocks, int[] blockFirst, MachineInstr[] instructions,
        List<int>[] predecessors)
    {
        var count = blocks.Count;
        var uses = new bool[instructions.Length];
        var defs = new bool[instructions.Length];
        for (int b = 0, i = 0; i < instructions.Length; i++)
        {
            while (i >= blockFirst[b + 1]) b++;
            var instr = instructions[i];
            foreach (var op in instr.Operands)
            {
                if (!op.HasRegister || op.Register != MReg.Virtual(v)) continue;
                if (op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef) uses[i] = true;
                if (op.Kind == OperandKind.Register && op.Access is OperandAccess.Def or OperandAccess.UseDef) defs[i] = true;
            }
            if (keptAlive && Liveness.EndsFunction(instr, blocks[b])) uses[i] = true;
        }

        // Per block: read before written (upward exposed), written at all.
        var exposed = new bool[count];
        var written = new bool[count];
        for (var b = 0; b < count; b++)
        {
            for (var i = blockFirst[b]; i < blockFirst[b + 1]; i++)
            {
                if (uses[i] && !written[b]) exposed[b] = true;
                if (defs[i]) written[b] = true;
            }
        }

        // Backward liveness, then the forward "assigned on every path" analysis, both to a fixed point.
        var liveIn = new bool[count];
        var liveOut = new bool[count];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var b = count - 1; b >= 0; b--)
            {
                var o = false;
                foreach (var s in blocks[b].Successors) o |= liveIn[s];
                var i = exposed[b] || (o && !written[b]);
                if (o == liveOut[b] && i == liveIn[b]) continue;
                liveOut[b] = o;
                liveIn[b] = i;
                changed = true;
            }
        }
        var assignedIn = new bool[count];
        var assignedOut = new bool[count];
        for (var b = 1; b < count; b++) assignedIn[b] = predecessors[b].Count > 0;
        for (var b = 0; b < count; b++) assignedOut[b] = assignedIn[b] || written[b];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var b = 1; b < count; b++)
            {
                var i = predecessors[b].Count > 0;
                foreach (var p in predecessors[b]) i &= assignedOut[p];
                var o = i || written[b];
                if (i == assignedIn[b] && o == assignedOut[b]) continue;
                assignedIn[b] = i;
                assignedOut[b] = o;
                changed = true;
            }
        }

        var spans = new List<Span>();
        var liveAfter = new bool[instructions.Length];
        for (var b = 0; b < count; b++)
        {
            var live = liveOut[b];
            for (var i = blockFirst[b + 1] - 1; i >= blockFirst[b]; i--)
            {
                liveAfter[i] = live;
                live = uses[i] || (live && !defs[i]);
            }
            var assigned = assignedIn[b];
            for (var i = blockFirst[b]; i < blockFirst[b + 1]; i++)
            {
                var liveBefore = uses[i] || (liveAfter[i] && !defs[i]);
                if (assigned && liveBefore && !instructions[i].IsReturn)
                {
                    if (liveAfter[i] && !defs[i]) Add(i, startOnly: false);
                    else Add(i, startOnly: true);
                }
                assigned |= defs[i];
            }
        }
        return new Availability(spans, EntryRegisterOf(v, blockFirst, instructions, defs));

        void Add(int i, bool startOnly)
        {
            if (!startOnly && spans.Count > 0 && spans[^1] is { StartOnly: false } last && last.End == i)
            {
                spans[^1] = last with { End = i + 1 };
                return;
            }
            spans.Add(new Span(i, i + 1, startOnly));
        }
    }

    /// <summary>The argument register a parameter is copied from by the entry block's leading run of copies out of
    /// physical registers (instruction selection's parameter moves), when the register's first write is one.</summary>
    private static Entry? EntryRegisterOf(int v, int[] blockFirst, MachineInstr[] instructions, bool[] defs)
    {
        for (var i = blockFirst[0]; i < blockFirst[1]; i++)
        {
            var instr = instructions[i];
            if (!instr.IsCopy || !instr.Operands[1].Register.IsPhysical) return null;
            if (defs[i]) return new Entry(instr.Operands[1].Register.PhysicalNumber, i);
        }
        return null;
    }
}
