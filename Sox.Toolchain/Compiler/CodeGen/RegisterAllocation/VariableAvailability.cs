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
        var instructions = new MachineInstr[blockFirst[blocks.Count]];
        for (var b = 0; b < blocks.Count; b++) blocks[b].Instructions.CopyTo(instructions, blockFirst[b]);
        for (var i = 0; i < instructions.Length; i++) instructions[i].ListingIndex = i;
        var predecessors = new List<int>[blocks.Count];
        for (var b = 0; b < blocks.Count; b++) predecessors[b] = new List<int>();
        foreach (var block in blocks)
        {
            foreach (var s in block.Successors) predecessors[s].Add(block.Index);
        }

        // The tracked registers, densely numbered, and one pass over the operands that records each one's reads and
        // writes as instruction indices (rather than a pass over every operand per register).
        var tracked = new Dictionary<int, int>();
        foreach (var variable in function.DebugVariables)
        {
            if (variable.Register is { IsVirtual: true } r) tracked.TryAdd(r.VirtualIndex, tracked.Count);
        }
        var uses = new List<int>[tracked.Count];
        var defs = new List<int>[tracked.Count];
        for (var k = 0; k < tracked.Count; k++)
        {
            uses[k] = new List<int>();
            defs[k] = new List<int>();
        }
        var endsFunction = new List<int>();
        for (int b = 0, i = 0; i < instructions.Length; i++)
        {
            while (i >= blockFirst[b + 1]) b++;
            var instr = instructions[i];
            foreach (var op in instr.Operands)
            {
                if (!op.HasRegister || !op.Register.IsVirtual || !tracked.TryGetValue(op.Register.VirtualIndex, out var k)) continue;
                if (op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef) Mark(uses[k], i);
                if (op.Kind == OperandKind.Register && op.Access is OperandAccess.Def or OperandAccess.UseDef) Mark(defs[k], i);
            }
            if (function.KeepVariablesLive && Liveness.EndsFunction(instr, blocks[b])) endsFunction.Add(i);
        }

        var keptAlive = new HashSet<int>(Liveness.KeptAlive(function));
        var workspace = new Workspace(instructions.Length);
        var result = new Dictionary<int, Availability>(tracked.Count);
        foreach (var (v, k) in tracked)
        {
            workspace.Reset(uses[k], defs[k], keptAlive.Contains(v) ? endsFunction : null);
            result[v] = ForRegister(workspace, blocks, blockFirst, instructions, predecessors);
        }
        return new VariableAvailability(instructions, result);

        static void Mark(List<int> list, int i)
        {
            if (list.Count == 0 || list[^1] != i) list.Add(i);
        }
    }

    /// <summary>One register's reads and writes per instruction, reused from register to register (cleared where set).</summary>
    private sealed class Workspace(int length)
    {
        public readonly bool[] Uses = new bool[length];
        public readonly bool[] Defs = new bool[length];
        public readonly bool[] LiveAfter = new bool[length];
        private readonly List<int> _set = new();

        public void Reset(List<int> uses, List<int> defs, List<int>? endsFunction)
        {
            foreach (var i in _set)
            {
                Uses[i] = false;
                Defs[i] = false;
            }
            _set.Clear();
            foreach (var i in uses) Set(Uses, i);
            foreach (var i in defs) Set(Defs, i);
            if (endsFunction is not null)
            {
                foreach (var i in endsFunction) Set(Uses, i);
            }
        }

        private void Set(bool[] flags, int i)
        {
            flags[i] = true;
            _set.Add(i);
        }
    }

    private static Availability ForRegister(Workspace workspace, List<MachineBlock> blocks, int[] blockFirst, MachineInstr[] instructions,
        List<int>[] predecessors)
    {
        var count = blocks.Count;
        var uses = workspace.Uses;
        var defs = workspace.Defs;

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
        var liveAfter = workspace.LiveAfter;
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
        return new Availability(spans, EntryRegisterOf(blockFirst, instructions, defs));

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
    private static Entry? EntryRegisterOf(int[] blockFirst, MachineInstr[] instructions, bool[] defs)
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
