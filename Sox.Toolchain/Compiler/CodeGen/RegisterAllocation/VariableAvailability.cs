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
    private VariableAvailability(int instructionCount, Dictionary<int, Availability> registers, int[] boundaries)
    {
        InstructionCount = instructionCount;
        Registers = registers;
        Boundaries = boundaries;
    }

    /// <summary>How many instructions the function had before allocation, in layout order: spans index into that
    /// listing, and each instruction's <see cref="MachineInstr.ListingIndex"/> is its position there.</summary>
    public int InstructionCount { get; }

    /// <summary>The availability of each debug variable's virtual register, by virtual index.</summary>
    public IReadOnlyDictionary<int, Availability> Registers { get; }

    /// <summary>The listing positions where some range of some variable starts or ends (the first instruction and the
    /// end of each span, each entry copy), ascending and below <see cref="InstructionCount"/>: the only instructions
    /// whose code offsets <see cref="DebugVariableLocations"/> reads, so the emitter records just these
    /// (<see cref="Emission.FunctionEmitter.InstructionBoundaries"/>). An end equal to <see cref="InstructionCount"/>
    /// is the end of the body, which the emitter records anyway.</summary>
    public int[] Boundaries { get; }

    /// <summary>Instructions <see cref="First"/> to <see cref="End"/> (exclusive) during which the value is in place;
    /// with <see cref="StartOnly"/> only the first address of instruction <see cref="First"/> (then End = First + 1).</summary>
    /// <param name="First">The first instruction's index.</param>
    /// <param name="End">One past the last instruction's index.</param>
    /// <param name="StartOnly">Only the instruction's first address.</param>
    public readonly record struct Span(int First, int End, bool StartOnly);

    /// <summary>A parameter's argument register, which holds the value up to the entry block's copy at <paramref name="Copy"/>.</summary>
    /// <param name="Physical">The argument register (the target's numbering).</param>
    /// <param name="Copy">The index of the copy out of it.</param>
    public sealed record Entry(int Physical, int Copy);

    /// <summary>One register's spans, and its argument register before the entry copy when it is a parameter.</summary>
    /// <param name="Spans">The spans in order.</param>
    /// <param name="EntryRegister">The argument register before the copy, if any.</param>
    /// <remarks>Arrays and classes rather than lists of structs: <c>sox</c> is precompiled (ReadyToRun), which cannot
    /// precompile the framework's generic collections over our value types, so each such instantiation would be
    /// JIT-compiled in every <c>-g</c> process (docs/performance.md, "Debug information").</remarks>
    public sealed record Availability(Span[] Spans, Entry? EntryRegister);

    /// <summary>Computes the availability of every debug variable register of <paramref name="function"/> (before allocation).</summary>
    public static VariableAvailability Compute(MachineFunction function)
    {
        var blocks = function.Blocks;
        var blockFirst = new int[blocks.Count + 1];
        for (var b = 0; b < blocks.Count; b++) blockFirst[b + 1] = blockFirst[b] + blocks[b].Instructions.Count;
        var count = blockFirst[blocks.Count];
        var scratch = Scratch.For(count, blocks.Count);
        var instructions = scratch.Instructions;
        var blockOf = scratch.BlockOf;
        for (var b = 0; b < blocks.Count; b++)
        {
            blocks[b].Instructions.CopyTo(instructions, blockFirst[b]);
            for (var i = blockFirst[b]; i < blockFirst[b + 1]; i++) blockOf[i] = b;
        }
        for (var i = 0; i < count; i++) instructions[i].ListingIndex = i;
        var predecessors = new List<int>[blocks.Count];
        for (var b = 0; b < blocks.Count; b++) predecessors[b] = new List<int>();
        foreach (var block in blocks)
        {
            foreach (var s in block.Successors) predecessors[s].Add(block.Index);
        }

        // The tracked registers, densely numbered, and one pass over the operands that records each one's reads and
        // writes as (register, instruction) events, grouped by register afterwards (a counting sort), rather than a
        // pass over every operand per register.
        var tracked = new Dictionary<int, int>();
        foreach (var variable in function.DebugVariables)
        {
            if (variable.Register is { IsVirtual: true } r) tracked.TryAdd(r.VirtualIndex, tracked.Count);
        }
        var events = 0;
        var ends = 0;
        for (var i = 0; i < count; i++)
        {
            var instr = instructions[i];
            foreach (var op in instr.Operands)
            {
                if (!op.HasRegister || !op.Register.IsVirtual || !tracked.TryGetValue(op.Register.VirtualIndex, out var k)) continue;
                var use = op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef;
                var def = op.Kind == OperandKind.Register && op.Access is OperandAccess.Def or OperandAccess.UseDef;
                if (use || def) scratch.AddEvent(ref events, k, i, use, def);
            }
            // Liveness.KeptAlive is every tracked register when variables are kept live, none otherwise.
            if (function.KeepVariablesLive && Liveness.EndsFunction(instr, blocks[blockOf[i]])) scratch.AddEnd(ref ends, i);
        }
        var (first, order) = scratch.GroupEvents(events, tracked.Count);

        var result = new Dictionary<int, Availability>(tracked.Count);
        var boundary = scratch.Boundary;
        foreach (var (v, k) in tracked)
        {
            scratch.Reset(first[k], first[k + 1], order, ends);
            var availability = ForRegister(scratch, blocks, blockFirst, instructions, predecessors);
            foreach (var span in availability.Spans)
            {
                boundary[span.First] = true;
                if (!span.StartOnly) boundary[span.End] = true;
            }
            if (availability.EntryRegister is { } entry) boundary[entry.Copy] = true;
            result[v] = availability;
        }
        var boundaries = scratch.TakeBoundaries(count);
        Array.Clear(instructions, 0, count);   // no references to this function's instructions kept past it
        return new VariableAvailability(count, result, boundaries);
    }

    /// <summary>
    /// Arrays reused from function to function and register to register on each thread (cleared where set): a module
    /// has thousands of small functions and thousands of variables, and fresh arrays for each were most of what
    /// <c>-g</c> allocated here. Holds one register's reads and writes per instruction, the per-block analysis
    /// state, the spans found, the operand events and the boundary marks.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? t_current;

        public MachineInstr[] Instructions = [];
        public int[] BlockOf = [];
        public bool[] Uses = [], Defs = [], LiveAfter = [], Boundary = [];
        public bool[] Exposed = [], Written = [], Touched = [], LiveIn = [], LiveOut = [], AssignedIn = [], AssignedOut = [];
        public Span[] Spans = new Span[16];
        public int SpanCount;

        /// <summary>The instructions that read or write the current register (or end the function, when variables are
        /// kept live), ascending and distinct: <c>Positions[..PositionCount]</c>.</summary>
        public int[] Positions = new int[64];
        public int PositionCount;
        private int[] _eventRegister = new int[64], _eventInstruction = new int[64], _eventKind = new int[64];
        private int[] _ends = new int[16];
        private int[] _first = [], _order = [];

        /// <summary>This thread's scratch, sized for <paramref name="instructions"/> instructions in <paramref name="blocks"/> blocks.</summary>
        public static Scratch For(int instructions, int blocks)
        {
            var s = t_current ??= new Scratch();
            if (s.Uses.Length < instructions + 1)
            {
                var n = Math.Max(instructions + 1, s.Uses.Length * 2);
                s.Instructions = new MachineInstr[n];
                s.BlockOf = new int[n];
                s.Uses = new bool[n];
                s.Defs = new bool[n];
                s.LiveAfter = new bool[n];
                s.Boundary = new bool[n];
            }
            if (s.Exposed.Length < blocks)
            {
                var n = Math.Max(blocks, s.Exposed.Length * 2);
                s.Exposed = new bool[n];
                s.Written = new bool[n];
                s.Touched = new bool[n];
                s.LiveIn = new bool[n];
                s.LiveOut = new bool[n];
                s.AssignedIn = new bool[n];
                s.AssignedOut = new bool[n];
            }
            return s;
        }

        /// <summary>Records that instruction <paramref name="i"/> reads and/or writes tracked register <paramref name="k"/>
        /// (kind bit 1: read, bit 2: written).</summary>
        public void AddEvent(ref int count, int k, int i, bool use, bool def)
        {
            if (count == _eventRegister.Length)
            {
                _eventRegister = Grow(_eventRegister, count * 2);
                _eventInstruction = Grow(_eventInstruction, count * 2);
                _eventKind = Grow(_eventKind, count * 2);
            }
            _eventRegister[count] = k;
            _eventInstruction[count] = i;
            _eventKind[count] = (use ? 1 : 0) | (def ? 2 : 0);
            count++;
        }

        /// <summary>Groups the events by register, keeping their order: register k's are
        /// <c>order[first[k]..first[k + 1]]</c> (indices of events).</summary>
        public (int[] First, int[] Order) GroupEvents(int count, int registers)
        {
            if (_first.Length < registers + 1) _first = new int[Math.Max(registers + 1, _first.Length * 2)];
            if (_order.Length < count) _order = new int[Math.Max(count, _order.Length * 2)];
            Array.Clear(_first, 0, registers + 1);
            for (var e = 0; e < count; e++) _first[_eventRegister[e] + 1]++;
            for (var k = 0; k < registers; k++) _first[k + 1] += _first[k];
            var fill = new int[registers];
            Array.Copy(_first, fill, registers);
            for (var e = 0; e < count; e++) _order[fill[_eventRegister[e]]++] = e;
            return (_first, _order);
        }

        /// <summary>Records that instruction <paramref name="i"/> ends the function (a return, or the trap after a call
        /// that does not return), where every variable is read when variables are kept live.</summary>
        public void AddEnd(ref int count, int i)
        {
            if (count == _ends.Length) _ends = Grow(_ends, count * 2);
            _ends[count++] = i;
        }

        /// <summary>Sets <see cref="Uses"/>, <see cref="Defs"/> and <see cref="Positions"/> to the events
        /// <c>order[from..to]</c> and a read at each of the first <paramref name="ends"/> function ends, clearing the
        /// previous register's. Events come in instruction order (a stable grouping of one pass over the
        /// instructions), so merging them with the ends gives the positions in order.</summary>
        public void Reset(int from, int to, int[] order, int ends)
        {
            for (var n = 0; n < PositionCount; n++)
            {
                Uses[Positions[n]] = false;
                Defs[Positions[n]] = false;
            }
            PositionCount = 0;
            var end = 0;
            for (var n = from; n < to; n++)
            {
                var e = order[n];
                var i = _eventInstruction[e];
                for (; end < ends && _ends[end] <= i; end++) Use(_ends[end]);
                if ((_eventKind[e] & 1) != 0) Uses[i] = true;
                if ((_eventKind[e] & 2) != 0) Defs[i] = true;
                AddPosition(i);
            }
            for (; end < ends; end++) Use(_ends[end]);
        }

        private void Use(int i)
        {
            Uses[i] = true;
            AddPosition(i);
        }

        private void AddPosition(int i)
        {
            if (PositionCount > 0 && Positions[PositionCount - 1] == i) return;
            if (PositionCount == Positions.Length) Positions = Grow(Positions, PositionCount * 2);
            Positions[PositionCount++] = i;
        }

        /// <summary>The marked boundaries below <paramref name="count"/>, ascending, clearing every mark (up to and
        /// including <paramref name="count"/>, where a span's end may fall).</summary>
        public int[] TakeBoundaries(int count)
        {
            var n = 0;
            for (var i = 0; i < count; i++)
            {
                if (Boundary[i]) n++;
            }
            var result = new int[n];
            n = 0;
            for (var i = 0; i < count; i++)
            {
                if (!Boundary[i]) continue;
                result[n++] = i;
                Boundary[i] = false;
            }
            Boundary[count] = false;
            return result;
        }

    }

    /// <summary>A copy of <paramref name="array"/> with room for <paramref name="length"/> elements (the non-generic
    /// <see cref="Array.Copy(Array, Array, int)"/>: no generic instantiation to JIT-compile).</summary>
    private static int[] Grow(int[] array, int length)
    {
        var grown = new int[length];
        Array.Copy(array, grown, array.Length);
        return grown;
    }

    private static Span[] Grow(Span[] array, int length)
    {
        var grown = new Span[length];
        Array.Copy(array, grown, array.Length);
        return grown;
    }

    private static Availability ForRegister(Scratch scratch, List<MachineBlock> blocks, int[] blockFirst, MachineInstr[] instructions,
        List<int>[] predecessors)
    {
        var count = blocks.Count;
        var uses = scratch.Uses;
        var defs = scratch.Defs;

        // Per block: read before written (upward exposed), written at all, touched at all — from the register's own
        // reads and writes in instruction order, not a pass over every instruction per register.
        var exposed = scratch.Exposed;
        var written = scratch.Written;
        var touched = scratch.Touched;
        Array.Clear(exposed, 0, count);
        Array.Clear(written, 0, count);
        Array.Clear(touched, 0, count);
        for (var n = 0; n < scratch.PositionCount; n++)
        {
            var i = scratch.Positions[n];
            var b = scratch.BlockOf[i];
            touched[b] = true;
            if (uses[i] && !written[b]) exposed[b] = true;
            if (defs[i]) written[b] = true;
        }

        // Backward liveness, then the forward "assigned on every path" analysis, both to a fixed point.
        var liveIn = scratch.LiveIn;
        var liveOut = scratch.LiveOut;
        Array.Clear(liveIn, 0, count);
        Array.Clear(liveOut, 0, count);
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
        var assignedIn = scratch.AssignedIn;
        var assignedOut = scratch.AssignedOut;
        assignedIn[0] = false;
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

        scratch.SpanCount = 0;
        var liveAfter = scratch.LiveAfter;
        for (var b = 0; b < count; b++)
        {
            // Dead at the end and neither read nor written inside: dead throughout, no span here.
            if (!liveOut[b] && !touched[b]) continue;
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
                    if (liveAfter[i] && !defs[i]) Add(scratch, i, startOnly: false);
                    else Add(scratch, i, startOnly: true);
                }
                assigned |= defs[i];
            }
        }
        var spans = new Span[scratch.SpanCount];
        Array.Copy(scratch.Spans, spans, spans.Length);
        return new Availability(spans, EntryRegisterOf(blockFirst, instructions, defs));

        static void Add(Scratch scratch, int i, bool startOnly)
        {
            var n = scratch.SpanCount;
            if (!startOnly && n > 0 && scratch.Spans[n - 1] is { StartOnly: false } last && last.End == i)
            {
                scratch.Spans[n - 1] = last with { End = i + 1 };
                return;
            }
            if (n == scratch.Spans.Length) scratch.Spans = Grow(scratch.Spans, n * 2);
            scratch.Spans[n] = new Span(i, i + 1, startOnly);
            scratch.SpanCount = n + 1;
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
