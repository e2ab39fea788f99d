using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Linear-scan register allocation (Poletto and Sarkar, "Linear Scan Register Allocation", TOPLAS 1999) over
/// the target's register description, shared by every backend.
/// <list type="bullet">
/// <item>Intervals are taken in order of start; a register is free for an interval when no active interval
/// holds it and no fixed use of it (argument/result registers, implicit operands) overlaps, nor, for a value
/// live across a call (<see cref="LiveInterval.CrossesCall"/>, exact rather than the interval's hull), a call's
/// clobber. Such a value can only get a callee-saved register (or a spill slot); other values prefer
/// caller-saved registers, which cost no save/restore, even when their hull spans a slow path's call. Calls in cold
/// blocks do not count (<see cref="LiveInterval.CrossesColdCall"/>): a value live across only those may take a
/// caller-saved register, saved to its own slot before each such call that clobbers it and reloaded after
/// (<see cref="ColdCallSaves"/>), so the hot path keeps it in a register.</item>
/// <item>When nothing is free, the cheapest of the current interval and the active ones of its class is spilled for
/// its whole life: the lowest loop-weighted use count per position covered (<see cref="SpillFacts"/>), values that can
/// be recomputed counting three quarters, the one that ends last on a tie. A spilled value defined once by an instruction that reads no register (a constant, a
/// symbol's address) is rematerialised: that instruction is repeated before each use and there is no slot. Others get
/// a frame slot (one slot for a value and the copies of it); their operands are loaded into / stored from the
/// target's scratch registers around each instruction, or read in place where the target has a memory form
/// (<see cref="ISpillCode.FoldReload"/>), and a copy with a spilled side becomes a single load or store of the register
/// on its other side.</item>
/// <item>Copies whose two sides end up in the same register are deleted; copy hints steer that.</item>
/// </list>
/// Cost: sorting the intervals, then per interval O(registers) for the free-register search (an owner per
/// physical register, so "held by an active interval" is one array read) and O(log calls) per fixed-range test;
/// the rewrite is one pass over the instructions that allocates only for spill code.
/// </summary>
public sealed class LinearScanAllocator
{
    private readonly MachineFunction _function;
    private readonly TargetDescription _target;
    private readonly ISpillCode _spillCode;

    /// <summary>An allocator for <paramref name="function"/> that spills with the target's <paramref name="spillCode"/>.</summary>
    public LinearScanAllocator(MachineFunction function, ISpillCode spillCode)
    {
        _function = function;
        _target = function.Target;
        _spillCode = spillCode;
    }

    /// <summary>Allocates registers for <paramref name="function"/> in place (see the class summary).</summary>
    public static AllocationResult Allocate(MachineFunction function, ISpillCode spillCode) =>
        new LinearScanAllocator(function, spillCode).Run();

    /// <summary>Computes liveness, assigns physical registers, spills what does not fit and rewrites the function.</summary>
    public AllocationResult Run()
    {
        // Coldness first: it weighs uses (SpillFacts) and decides which calls a value may keep a caller-saved register across.
        var workspace = Workspace.Current;
        // The blocks' predecessors, once for coldness, liveness and the loops of the spill weights (the graph does not change).
        Workspace.PredecessorRows(_function.Blocks, ref workspace.PredStart, ref workspace.Predecessors, ref workspace.PredFill, out var predStart, out var predecessors);
        BlockLayout.MarkColdBlocks(_function, predStart, predecessors);
        var liveness = Liveness.Compute(_function, predStart, predecessors);
        var intervals = liveness.IntervalArray;
        var intervalCount = liveness.IntervalCount;
        var facts = SpillFacts.Compute(_function, intervals, intervalCount, _spillCode, predStart, predecessors);
        WeighColdCrossings(liveness, intervals, intervalCount, facts);
        var order = SortByStart(intervals, intervalCount, workspace, out var orderCount);
        if (workspace.RegisterChoice is not RegisterChoice choice || !ReferenceEquals(workspace.RegisterChoiceTarget, _target))
        {
            choice = new RegisterChoice(_target);
            workspace.RegisterChoice = choice;
            workspace.RegisterChoiceTarget = _target;
        }

        // The active intervals in the order they became active (the spill choice breaks ties by that order), and
        // which active interval holds each physical register (at most one: a register is only handed out free,
        // or taken over from the interval spilled for it).
        var active = workspace.Active;
        var activeCount = 0;
        var owner = workspace.Owner;
        Array.Clear(owner);
        var spilled = 0;
        // No active interval ends before this (a lower bound): Expire has nothing to drop at positions up to it.
        var activeMinEnd = int.MaxValue;

        for (var n = 0; n < orderCount; n++)
        {
            var current = order[n];
            if (current.Start > activeMinEnd) activeMinEnd = Expire(active, ref activeCount, owner, current.Start);
            var register = ChooseFree(current, owner, liveness, choice, intervals);
            if (register >= 0)
            {
                current.Register = register;
                owner[register] = current;
                active[activeCount++] = current;
                activeMinEnd = Math.Min(activeMinEnd, current.End);
                continue;
            }

            // Spill the cheapest of the current and the active intervals of its class whose register the current
            // interval could legally take (SpillCost; on a tie the one that ends last, then the current one, then the
            // first in activation order).
            LiveInterval? victim = null;
            var victimCost = SpillCost(current, facts);
            var victimEnd = current.End;
            for (var i = 0; i < activeCount; i++)
            {
                var a = active[i];
                if (a.Class != current.Class) continue;
                var cost = SpillCost(a, facts);
                if (cost > victimCost || (cost == victimCost && a.End <= victimEnd)) continue;
                if (liveness.Conflicts(a.Assigned, current)) continue;
                victim = a;
                victimCost = cost;
                victimEnd = a.End;
            }
            if (victim is not null)
            {
                var r = victim.Register!.Value;
                current.Register = r;
                victim.Register = null;
                // Out of the active list, the others keeping their order; the current interval last.
                var at = Array.IndexOf(active, victim, 0, activeCount);
                Array.Copy(active, at + 1, active, at, activeCount - at - 1);
                active[activeCount - 1] = current;
                owner[r] = current;
                activeMinEnd = Math.Min(activeMinEnd, current.End);
            }
            spilled++;
        }
        // The intervals are the thread's pool (Workspace.TakeIntervals), so these may keep referring to them.
        AssignSpillHomes(intervals, intervalCount, facts);

        var usedPhysical = workspace.UsedPhysical;
        Array.Clear(usedPhysical);
        for (var v = 0; v < intervalCount; v++)
        {
            if (intervals[v].Assigned is var r and >= 0) usedPhysical[r] = true;
        }
        var removed = Rewrite(intervals, facts, usedPhysical, workspace.Output, liveness);
        facts.Release(intervalCount);
        workspace.Output.Clear();
        var used = new List<int>();
        for (var r = 0; r < usedPhysical.Length; r++)
        {
            if (usedPhysical[r] && _target.CalleeSaved.Contains(r)) used.Add(r);
        }
        return new AllocationResult(used, spilled, removed) { Intervals = liveness.Intervals };
    }

    /// <summary>
    /// What spilling <paramref name="interval"/> costs per position it covers (Poletto and Sarkar's "spill heuristic"
    /// refined as in Chaitin's cost/degree): its loop-weighted count of reads and writes (<see cref="SpillFacts.Weights"/>)
    /// over its length, three quarters of it when it is rematerialised instead of reloaded (each use still costs an
    /// instruction, but there is no store, no slot and no memory access). A long value keeps a register only when it is
    /// used often enough to pay for the short ones that register would otherwise hold in turn.
    /// </summary>
    private static float SpillCost(LiveInterval interval, SpillFacts facts)
    {
        var cost = facts.Weights[interval.VirtualIndex] / (interval.End - interval.Start + 1);
        return facts.Rematerialising[interval.VirtualIndex] is null ? cost : cost * 0.75f;
    }

    /// <summary>
    /// Keeps the caller-saved choice (<see cref="LiveInterval.CrossesColdCall"/>) for the values it pays for: a save and
    /// a restore at each cold call crossed, at a cold block's weight (1 each), must cost no more than the value's
    /// weighted reads and writes (<see cref="SpillFacts.Weights"/>). A value of straight-line code that crosses many cold
    /// calls (a module's top level) is treated as crossing a hot call instead: a callee-saved register or a slot, not a
    /// save and restore at every call, which would only grow the code.
    /// </summary>
    private static void WeighColdCrossings(Liveness liveness, LiveInterval[] intervals, int intervalCount, SpillFacts facts)
    {
        var count = liveness.ColdCrossingCount;
        if (count == 0) return;
        var crossings = liveness.ColdCrossings;
        var ws = Workspace.Current;
        var perValue = Workspace.Ints(ref ws.ColdCrossingCounts, intervalCount);
        for (var i = 0; i < count; i++) perValue[(int)(uint)crossings[i]]++;
        var weights = facts.Weights;
        for (var i = 0; i < count; i++)
        {
            var v = (int)(uint)crossings[i];
            if (perValue[v] == 0) continue;
            if (2f * perValue[v] > weights[v]) intervals[v].CrossesCall = true;
            perValue[v] = 0;
        }
    }

    /// <summary>
    /// Gives each spilled interval its home: its rematerialising definition, or a frame slot, shared with the interval
    /// it is a copy of (<see cref="SpillFacts.CopySources"/>) when that one is in a slot too.
    /// </summary>
    private void AssignSpillHomes(LiveInterval[] intervals, int intervalCount, SpillFacts facts)
    {
        for (var n = 0; n < intervalCount; n++)
        {
            var interval = intervals[n];
            if (interval.IsEmpty || interval.Register is not null || interval.IsRematerialised || interval.SpillSlot is not null) continue;
            var v = interval.VirtualIndex;
            if (facts.Rematerialising[v] is not null)
            {
                interval.IsRematerialised = true;
                continue;
            }
            // The chain of spilled copy sources (each not live before its copy, so the slot holds one value throughout).
            var root = interval;
            for (var steps = 0; steps < 16 && facts.CopySources[root.VirtualIndex] > 0; steps++)
            {
                var source = intervals[facts.CopySources[root.VirtualIndex] - 1];
                if (source.Register is not null || facts.Rematerialising[source.VirtualIndex] is not null || source.IsEmpty) break;
                root = source;
            }
            root.SpillSlot ??= _function.NewFrameObject(8, 8, isSpill: true);
            for (var i = interval; i != root; i = intervals[facts.CopySources[i.VirtualIndex] - 1]) i.SpillSlot = root.SpillSlot;
        }
    }

    /// <summary>Drops the active intervals that end before <paramref name="position"/>, keeping the others' order;
    /// returns the smallest end of those kept (<see cref="int.MaxValue"/> when none is).</summary>
    private static int Expire(LiveInterval[] active, ref int count, LiveInterval?[] owner, int position)
    {
        var kept = 0;
        var minEnd = int.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var a = active[i];
            if (a.End < position)
            {
                owner[a.Assigned] = null;
                continue;
            }
            minEnd = Math.Min(minEnd, a.End);
            active[kept++] = a;
        }
        count = kept;
        return minEnd;
    }

    /// <summary>The non-empty intervals ordered by start, then by register number (the first <paramref name="count"/> of the result).</summary>
    private static LiveInterval[] SortByStart(LiveInterval[] intervals, int intervalCount, Workspace workspace, out int count)
    {
        if (workspace.SortKeys.Length < intervalCount) workspace.SortKeys = new long[Math.Max(intervalCount, 2 * workspace.SortKeys.Length)];
        var keys = workspace.SortKeys;
        count = 0;
        for (var v = 0; v < intervalCount; v++)
        {
            var i = intervals[v];
            if (!i.IsEmpty) keys[count++] = (long)i.Start << 32 | (uint)i.VirtualIndex;
        }
        Array.Sort(keys, 0, count);
        if (workspace.Order.Length < count) workspace.Order = new LiveInterval[Math.Max(count, 2 * workspace.Order.Length)];
        var order = workspace.Order;
        for (var k = 0; k < count; k++) order[k] = intervals[(int)(uint)keys[k]];
        return order;
    }

    /// <summary>Per register class, the allocatable registers in the order to try them, and which registers are allocatable.</summary>
    private sealed class RegisterChoice
    {
        public RegisterChoice(TargetDescription target)
        {
            General = Build(target, RegisterClass.General, out var gAcross, out var gMask);
            GeneralAcrossCalls = gAcross;
            GeneralAllocatable = gMask;
            Float = Build(target, RegisterClass.Float, out var fAcross, out var fMask);
            FloatAcrossCalls = fAcross;
            FloatAllocatable = fMask;
        }

        private int[] General { get; }
        private int[] GeneralAcrossCalls { get; }
        private bool[] GeneralAllocatable { get; }
        private int[] Float { get; }
        private int[] FloatAcrossCalls { get; }
        private bool[] FloatAllocatable { get; }

        /// <summary>Registers not preserved across calls first when the value crosses no call, callee-saved ones first when it does.</summary>
        public int[] Preferred(RegisterClass cls, bool crossesCall) => cls == RegisterClass.General
            ? crossesCall ? GeneralAcrossCalls : General
            : crossesCall ? FloatAcrossCalls : Float;

        public bool IsAllocatable(RegisterClass cls, int register) =>
            (uint)register < Liveness.PhysicalCount && (cls == RegisterClass.General ? GeneralAllocatable : FloatAllocatable)[register];

        private static int[] Build(TargetDescription target, RegisterClass cls, out int[] acrossCalls, out bool[] mask)
        {
            var candidates = target.Allocatable(cls);
            var notAcross = new List<int>();
            var across = new List<int>();
            mask = new bool[Liveness.PhysicalCount];
            foreach (var r in candidates)
            {
                mask[r] = true;
                (target.CalleeSaved.Contains(r) ? across : notAcross).Add(r);
            }
            acrossCalls = [.. across, .. notAcross];
            return [.. notAcross, .. across];
        }
    }

    /// <summary>A free register for <paramref name="current"/> (its hint when that is free), or −1.</summary>
    private static int ChooseFree(LiveInterval current, LiveInterval?[] owner, Liveness liveness, RegisterChoice choice, LiveInterval[] intervals)
    {
        var crossesCall = current.CrossesCall;
        var h = current.HintOrNone;
        if (h < 0 && current.VirtualHintOrNone is var hv and >= 0) h = intervals[hv].Assigned;
        if (h >= 0 && choice.IsAllocatable(current.Class, h) && IsFree(h)) return h;
        foreach (var r in choice.Preferred(current.Class, crossesCall))
        {
            if (IsFree(r)) return r;
        }
        return -1;

        bool IsFree(int r) => owner[r] is null && !liveness.Conflicts(r, current);
    }

    /// <summary>
    /// Replaces virtual registers by their assignments, inserts spill code, drops identity copies. Marks in
    /// <paramref name="usedPhysical"/> every physical register the remaining instructions write.
    /// </summary>
    private int Rewrite(LiveInterval[] intervals, SpillFacts facts, bool[] usedPhysical, List<MachineInstr> output, Liveness liveness)
    {
        var removed = 0;
        var spill = new SpillRewrite(this, intervals, facts);
        var saves = new ColdCallSaves(this, intervals, liveness);
        var blockIndex = 0;
        foreach (var block in _function.Blocks)
        {
            var instructions = block.Instructions;
            var span = CollectionsMarshal.AsSpan(instructions);
            // The block's instructions are rewritten in place; only once one is removed or code is inserted (spill code,
            // saves) does the block's new list start in output, with the instructions before that one copied first.
            var changed = false;
            var firstIndex = blockIndex;
            blockIndex += span.Length;
            for (var n = 0; n < span.Length; n++)
            {
                var instr = span[n];
                var saved = false;
                if (saves.At(firstIndex + n))
                {
                    if (!changed) changed = StartOutput(output, span, n);
                    saved = saves.Before(firstIndex + n, instr, output);
                }
                var operands = instr.Operands;
                // The definition of a rematerialised value: recomputed at each use instead.
                if (operands.Length > 0 && operands[0] is { Kind: OperandKind.Register, Access: OperandAccess.Def } first
                    && first.Register.IsVirtual && intervals[first.Register.VirtualIndex].IsRematerialised)
                {
                    if (!changed) changed = StartOutput(output, span, n);
                    removed++;
                    continue;
                }
                if (instr.IsCopy && spill.IsFoldedCopy(instr))
                {
                    if (!changed) changed = StartOutput(output, span, n);
                    if (spill.FoldCopy(instr, output, usedPhysical, ref removed)) continue;
                }
                var hasSpilled = false;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref var op = ref operands[k];
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    if (intervals[op.Register.VirtualIndex].Assigned is var r and >= 0) op = op.WithRegister(MReg.Physical(r));
                    else hasSpilled = true;
                }

                // Spilled registers: one read in place where the target can (a memory operand), the others loaded
                // before and stored after (rare: only their instructions get here).
                var spillCode = 0;
                if (hasSpilled)
                {
                    if (!changed) changed = StartOutput(output, span, n);
                    instr = spill.FoldReload(instr);
                    operands = instr.Operands;
                    spillCode = spill.Prepare(instr, output, usedPhysical);
                }
                if (spillCode == 0 && instr.IsCopy && operands[0].Register == operands[1].Register)
                {
                    if (!changed) changed = StartOutput(output, span, n);
                    removed++;
                    continue;
                }
                MarkDefs(instr, usedPhysical);
                if (changed) output.Add(instr);
                if (spillCode != 0)
                {
                    foreach (var store in spill.Stores)
                    {
                        MarkDefs(store, usedPhysical);
                        output.Add(store);
                    }
                }
                if (saved) saves.After(output, usedPhysical);
            }
            if (!changed) continue;
            instructions.Clear();
            instructions.AddRange(output);
            output.Clear();
        }
        return removed;
    }

    /// <summary>Starts a block's rewritten list in <paramref name="output"/> with its first <paramref name="count"/>
    /// instructions (already rewritten in place); returns true.</summary>
    private static bool StartOutput(List<MachineInstr> output, Span<MachineInstr> instructions, int count)
    {
        output.Clear();
        output.AddRange((ReadOnlySpan<MachineInstr>)instructions[..count]);
        return true;
    }

    private static void MarkDefs(MachineInstr instr, bool[] usedPhysical)
    {
        foreach (ref readonly var o in instr.Operands.AsSpan())
        {
            if (o.Kind == OperandKind.Register && o.Access is OperandAccess.Def or OperandAccess.UseDef && o.Register.IsPhysical)
                usedPhysical[o.Register.PhysicalNumber] = true;
        }
        // Most instructions hand out the shared empty array: no interface call for them.
        var defs = instr.ImplicitDefs;
        if (ReferenceEquals(defs, Array.Empty<int>())) return;
        for (var k = 0; k < defs.Count; k++) usedPhysical[defs[k]] = true;
    }

    /// <summary>
    /// The saves and restores around calls in cold blocks of the values that cross only such calls and got a register the
    /// call clobbers (<see cref="LiveInterval.CrossesColdCall"/>): a store to a save slot before the call, a load back
    /// after it, so the hot path keeps the value in a caller-saved register and pays nothing. Walks
    /// <see cref="Liveness.ColdCrossings"/> in step with the rewrite (both in instruction order).
    /// </summary>
    private sealed class ColdCallSaves(LinearScanAllocator allocator, LiveInterval[] intervals, Liveness liveness)
    {
        private readonly long[] _crossings = liveness.ColdCrossings;
        private readonly int _count = liveness.ColdCrossingCount;
        private readonly List<MachineInstr> _restores = ClearedList(Workspace.Current.Restores);
        // Save slots, shared by all calls: a slot holds a value only from its save to its restore around one call, so a
        // function needs as many as the most values saved at one call (a smaller frame for the conservative stack scan
        // to read, docs/runtime-abi.md).
        private readonly List<int> _slots = ClearedList(Workspace.Current.SaveSlots);
        private int _next;

        /// <summary>Whether the instruction at <paramref name="index"/> is a cold call with registers live across it
        /// (<see cref="Before"/> may save some).</summary>
        public bool At(int index) => _next < _count && (int)(_crossings[_next] >> 32) == index;

        /// <summary>Emits the saves before the instruction at <paramref name="index"/> when it is a cold call that needs
        /// any, keeping the matching restores for <see cref="After"/>; returns whether it emitted any.</summary>
        public bool Before(int index, MachineInstr instr, List<MachineInstr> output)
        {
            if (_next >= _count || (int)(_crossings[_next] >> 32) != index) return false;
            _restores.Clear();
            var clobbers = instr.Clobbers;
            for (; _next < _count && (int)(_crossings[_next] >> 32) == index; _next++)
            {
                var interval = intervals[(int)(uint)_crossings[_next]];
                if (interval.CrossesCall || interval.Register is not { } r || !Clobbers(clobbers, r)) continue;
                if (_slots.Count == _restores.Count) _slots.Add(allocator._function.NewFrameObject(8, 8, isSpill: true));
                var slot = _slots[_restores.Count];
                output.Add(WithLine(allocator._spillCode.Store(slot, r), instr.Line));
                _restores.Add(WithLine(allocator._spillCode.Load(r, slot), instr.Line));
            }
            return _restores.Count > 0;
        }

        /// <summary>Emits the restores of the last <see cref="Before"/> that saved anything.</summary>
        public void After(List<MachineInstr> output, bool[] usedPhysical)
        {
            foreach (var restore in _restores)
            {
                MarkDefs(restore, usedPhysical);
                output.Add(restore);
            }
        }

        private static bool Clobbers(IReadOnlyCollection<int> clobbers, int register)
        {
            if (clobbers is IReadOnlySet<int> set) return set.Contains(register);
            foreach (var c in clobbers)
            {
                if (c == register) return true;
            }
            return false;
        }
    }

    /// <summary>The spill code of one instruction that reads or writes spilled registers.</summary>
    private sealed class SpillRewrite(LinearScanAllocator allocator, LiveInterval[] intervals, SpillFacts facts)
    {
        // Spilled register → scratch register for the instruction being rewritten (a few entries: linear lookup).
        private readonly List<(int Virtual, int Scratch)> _scratchOf = Workspace.Current.ScratchOf;
        private readonly List<MachineInstr> _after = Workspace.Current.SpillStores;

        /// <summary>The stores to emit after the instruction <see cref="Prepare"/> was given.</summary>
        public List<MachineInstr> Stores => _after;

        /// <summary>
        /// Adds the loads for <paramref name="instr"/> to <paramref name="output"/>, collects its stores in
        /// <see cref="Stores"/> and puts the scratch registers into its operands; returns how many loads and stores.
        /// </summary>
        public int Prepare(MachineInstr instr, List<MachineInstr> output, bool[] usedPhysical)
        {
            var loads = 0;
            _scratchOf.Clear();
            _after.Clear();
            var operands = instr.Operands;
            var spillCode = allocator._spillCode;
            var target = allocator._target;

            // Spilled registers the instruction reads get distinct scratch registers, loaded before it.
            // Ones it only writes may reuse those (every read happens before the write) but are distinct
            // among themselves; each written one is stored after the instruction.
            int readersGeneral = 0, readersFloat = 0, writersGeneral = 0, writersFloat = 0;
            for (var pass = 0; pass < 2; pass++)
            {
                var wantReads = pass == 0;
                foreach (var op in operands)
                {
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    var interval = intervals[op.Register.VirtualIndex];
                    if (interval.Register is not null || ScratchOf(interval.VirtualIndex) >= 0) continue;
                    var reads = false;
                    var writes = false;
                    foreach (var o in operands)
                    {
                        if (!o.HasRegister || o.Register != op.Register) continue;
                        if (o.Kind == OperandKind.Memory || o.Access is OperandAccess.Use or OperandAccess.UseDef) reads = true;
                        if (o.Kind == OperandKind.Register && o.Access is OperandAccess.Def or OperandAccess.UseDef) writes = true;
                    }
                    if (reads != wantReads) continue;
                    var remat = interval.IsRematerialised ? facts.Rematerialising[interval.VirtualIndex] : null;
                    if (writes && remat is not null) throw new InvalidOperationException($"{op.Register} is rematerialised but written");
                    var general = interval.Class == RegisterClass.General;
                    ref var counter = ref reads
                        ? ref (general ? ref readersGeneral : ref readersFloat)
                        : ref (general ? ref writersGeneral : ref writersFloat);
                    var pool = target.Scratch(interval.Class);
                    if (counter >= pool.Count) throw new InvalidOperationException($"instruction needs more than {pool.Count} scratch registers");
                    var scratch = pool[counter++];
                    _scratchOf.Add((interval.VirtualIndex, scratch));
                    if (reads)
                    {
                        Add(output, WithLine(remat is null ? spillCode.Load(scratch, SlotOf(interval)) : Recompute(remat, scratch), instr.Line), usedPhysical);
                        loads++;
                    }
                    if (writes) _after.Add(WithLine(spillCode.Store(SlotOf(interval), scratch), instr.Line));
                }
            }
            for (var k = 0; k < operands.Length; k++)
            {
                var op = operands[k];
                if (!op.HasRegister || !op.Register.IsVirtual) continue;
                operands[k] = op.WithRegister(MReg.Physical(ScratchOf(op.Register.VirtualIndex)));
            }
            return loads + _after.Count;
        }

        /// <summary>Whether a side of the copy <paramref name="instr"/> is spilled (<see cref="FoldCopy"/> has work to do).</summary>
        public bool IsFoldedCopy(MachineInstr instr)
        {
            var dst = instr.Operands[0].Register;
            var src = instr.Operands[1].Register;
            return (dst.IsVirtual && intervals[dst.VirtualIndex].Assigned < 0) || (src.IsVirtual && intervals[src.VirtualIndex].Assigned < 0);
        }

        /// <summary>
        /// A copy with a spilled side becomes one load into its destination register, one recomputation there, or one
        /// store of its source register, instead of going through a scratch register; a copy between two values
        /// sharing a slot disappears. Returns false (nothing added) for the copies the general path handles.
        /// </summary>
        public bool FoldCopy(MachineInstr instr, List<MachineInstr> output, bool[] usedPhysical, ref int removed)
        {
            var dst = instr.Operands[0].Register;
            var src = instr.Operands[1].Register;
            var dstInterval = dst.IsVirtual ? intervals[dst.VirtualIndex] : null;
            var srcInterval = src.IsVirtual ? intervals[src.VirtualIndex] : null;
            var dstRegister = dstInterval is null ? dst.PhysicalNumber : dstInterval.Register ?? -1;
            var srcRegister = srcInterval is null ? src.PhysicalNumber : srcInterval.Register ?? -1;
            if (dstRegister >= 0 && srcRegister >= 0) return false;
            MachineInstr replacement;
            if (dstRegister >= 0)
            {
                replacement = srcInterval!.IsRematerialised && facts.Rematerialising[srcInterval.VirtualIndex] is { } definition
                    ? Recompute(definition, dstRegister)
                    : allocator._spillCode.Load(dstRegister, SlotOf(srcInterval));
            }
            else if (dstInterval!.SpillSlot is not { } slot) return false;
            else if (srcRegister >= 0) replacement = allocator._spillCode.Store(slot, srcRegister);
            else if (srcInterval!.SpillSlot == slot)
            {
                removed++;
                return true;
            }
            else return false;
            replacement.Line = instr.Line;
            replacement.Column = instr.Column;
            replacement.ListingIndex = instr.ListingIndex;
            Add(output, replacement, usedPhysical);
            return true;
        }

        /// <summary>
        /// <paramref name="instr"/> with one of its spilled, only-read operands (in a slot, named once) replaced by the
        /// slot where the target has such a form (<see cref="ISpillCode.FoldReload"/>), or <paramref name="instr"/>.
        /// </summary>
        public MachineInstr FoldReload(MachineInstr instr)
        {
            var operands = instr.Operands;
            for (var k = 0; k < operands.Length; k++)
            {
                var op = operands[k];
                if (op.Kind != OperandKind.Register || op.Access != OperandAccess.Use || !op.Register.IsVirtual) continue;
                var interval = intervals[op.Register.VirtualIndex];
                if (interval.IsRematerialised || interval.SpillSlot is not { } slot) continue;
                var once = true;
                for (var j = 0; j < operands.Length && once; j++) once = j == k || !operands[j].HasRegister || operands[j].Register != op.Register;
                if (!once || allocator._spillCode.FoldReload(instr, k, slot) is not { } folded) continue;
                folded.Flags = instr.Flags;
                folded.Line = instr.Line;
                folded.Column = instr.Column;
                folded.ListingIndex = instr.ListingIndex;
                return folded;
            }
            return instr;
        }

        private static int SlotOf(LiveInterval interval) =>
            interval.SpillSlot ?? throw new InvalidOperationException($"{MReg.Virtual(interval.VirtualIndex)} was neither allocated nor spilled");

        /// <summary><paramref name="definition"/> again, writing <paramref name="physical"/>.</summary>
        private static MachineInstr Recompute(MachineInstr definition, int physical)
        {
            var operands = (MachineOperand[])definition.Operands.Clone();
            operands[0] = operands[0].WithRegister(MReg.Physical(physical));
            return new MachineInstr(definition.Opcode, operands) { Flags = definition.Flags };
        }

        private int ScratchOf(int virtualIndex)
        {
            foreach (var (v, s) in _scratchOf)
            {
                if (v == virtualIndex) return s;
            }
            return -1;
        }

        private static void Add(List<MachineInstr> output, MachineInstr instr, bool[] usedPhysical)
        {
            MarkDefs(instr, usedPhysical);
            output.Add(instr);
        }
    }

    private static List<T> ClearedList<T>(List<T> list)
    {
        list.Clear();
        return list;
    }

    private static MachineInstr WithLine(MachineInstr instr, int line)
    {
        instr.Line = line;
        return instr;
    }
}
