using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Keeps global variables in registers where nothing else can change them (issue 15 item 2: loops over globals at
/// the top level). Lowering reads a global as <c>load [sox_globals_M + 8·slot]</c> every time and writes it with a
/// store. This pass gives each such slot one register <c>g</c> that mirrors the slot: after a store of <c>v</c>,
/// <c>g = copy v</c>; after a load into <c>x</c>, <c>g = copy x</c>; and a load where <c>g</c> is known to hold the
/// slot's value becomes <c>x = copy g</c>. A loop whose globals are all known on entry then runs without any load of
/// them; with the loads gone, the loop-carried value is a register that later passes (and the register allocator)
/// see across the back edge.
/// <para>
/// <b>Write-through.</b> Every store stays where it is, so memory always holds the current value: a runtime error's
/// trace, the test runner's recovery after an error inside a test (sox_test.c), the garbage collector's roots and
/// a debugger all see exactly what they saw before. Only reads move.
/// </para>
/// <para>
/// <b>What can change a slot.</b> The globals array of module M is private to M (language.md §6) and is addressed
/// only through <c>addr sox_globals_M</c> (lowering never computes a pointer into it), so the only writers are
/// the stores of M's functions, visible here when they are in this function, and any code a call can run. So the
/// known set is a forward must-dataflow (like <see cref="DefinedGlobals"/>): empty at the entry; a load or store
/// of a slot makes it known; a call makes nothing known unless it is a runtime function that cannot run Sox code
/// (<see cref="CannotRunSoxCode"/>: printing, properties, indexing, allocation, operators — none calls back); a
/// block's entry knows what every predecessor's exit knows. High-level Sox operators (<c>sox.add</c> …) never run
/// Sox code (§3 has no operator overloading), and a no-return error call ends the path.
/// </para>
/// <para>
/// <b>Loops (LICM of loads).</b> For a natural loop with a single preheader (the only predecessor from outside,
/// which jumps only to the header) whose calls that may run Sox code all sit in blocks ending in a jump, a load
/// of every global the loop reads is added at the end of the preheader. Loading a slot early is always safe (the array is always mapped; a slot
/// still <c>undefined</c> is only reported by the undefined check, which stays where the program read it), and the
/// dataflow then finds the slot known throughout the loop.
/// </para>
/// <para>
/// <b>Reloads after calls on slow paths.</b> Where a join is reached both from a path that knows a slot and from
/// paths whose block ends in a jump to it but lost the slot to a call (the runtime call of a construction whose
/// guard failed, a loop's latch after a call), a load at the end of those blocks makes the join know the slot, when
/// the slot is read after the join before any kill. The value loaded is memory's, current by write-through.
/// </para>
/// </summary>
internal sealed class GlobalPromotion : FunctionPass
{
    /// <summary>The prefix of the per-module globals array symbol (SymbolNames.Globals in lowering).</summary>
    internal const string GlobalsPrefix = "sox_globals_";

    public override string Name => "promote";

    private readonly record struct Slot(string Symbol, long Offset);

    /// <summary>
    /// Runtime entry points that never run Sox code and never write a globals array: operators, printing, property
    /// and index access (Sox has no getters or setters), allocation, iteration, class building and the invoke caches'
    /// method lookup (sox_cache.c: it only probes caches and method tables, never calls). Everything else
    /// — <c>sox_call</c>, the invokes, <c>sox_defer_run</c>, module initialisers, Sox-convention calls, C functions
    /// of <c>extern fn</c> (which may call back through an export) — may.
    /// </summary>
    internal static bool CannotRunSoxCode(CallInst call) => call.Convention == CallingConvention.C && call.Symbol switch
    {
        RuntimeFunctions.Add or RuntimeFunctions.Subtract or RuntimeFunctions.Multiply or RuntimeFunctions.Divide
            or RuntimeFunctions.Modulo or RuntimeFunctions.Less or RuntimeFunctions.LessEqual or RuntimeFunctions.Greater
            or RuntimeFunctions.GreaterEqual or RuntimeFunctions.Negate or RuntimeFunctions.Equal or RuntimeFunctions.NotEqual
            or RuntimeFunctions.Print or RuntimeFunctions.GetPropertyCached or RuntimeFunctions.SetPropertyCached
            or RuntimeFunctions.GetProperty or RuntimeFunctions.SetProperty or RuntimeFunctions.GetIndex
            or RuntimeFunctions.SetIndex or RuntimeFunctions.Slice or RuntimeFunctions.CellNew or RuntimeFunctions.ClosureNew
            or RuntimeFunctions.ArrayNew or RuntimeFunctions.TableNew or RuntimeFunctions.TableSet
            or RuntimeFunctions.ForeachCount or RuntimeFunctions.ForeachKey or RuntimeFunctions.ForeachValue
            or RuntimeFunctions.DeferPush or RuntimeFunctions.GetSuper or RuntimeFunctions.ClassNew
            or RuntimeFunctions.ClassReserveFields or RuntimeFunctions.ClassAddMethod
            or RuntimeFunctions.InstanceAlloc or RuntimeFunctions.InstanceFinish or RuntimeFunctions.InvokeLookup
            or RuntimeFunctions.SuperLookup => true,
        _ => false,
    };

    public override void Run(IrFunction function)
    {
        var definitions = SingleDefinitions(function);
        Slot? SlotOf(VReg address, int offset, int width) =>
            width == 8 && definitions.TryGetValue(address, out var def) && def is SymbolAddressInst a && a.Symbol.StartsWith(GlobalsPrefix, StringComparison.Ordinal)
                ? new Slot(a.Symbol, a.Addend + offset)
                : null;

        var index = new Dictionary<Slot, int>();
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst is LoadInst { Dest.Type: IrType.I64 } load && SlotOf(load.Base, load.Offset, load.Width) is { } slot && !index.ContainsKey(slot)) index[slot] = index.Count;
            }
        }
        if (index.Count == 0) return;
        var loops = Loops.Find(function);
        if (HoistIntoPreheaders(loops, function, index.Keys, SlotOf)) definitions = SingleDefinitions(function);
        // Back edges (latch → header): a reload at a latch would run every iteration and only move the header's load.
        var backEdges = new HashSet<(BasicBlock From, BasicBlock To)>();
        foreach (var loop in loops)
        {
            foreach (var block in loop.Body)
            {
                if (block.Successors.Contains(loop.Header)) backEdges.Add((block, loop.Header));
            }
        }

        var blocks = function.Blocks;
        var order = new Dictionary<BasicBlock, int>();
        for (var i = 0; i < blocks.Count; i++) order[blocks[i]] = i;
        var preds = FlowGraph.Predecessors(function, order);

        // Per block: the known set at exit as a function of the known set at entry (killed by a call, then gen).
        BitSet Transfer(int b, BitSet entry)
        {
            var known = entry.Copy();
            foreach (var inst in blocks[b].Instructions) Step(inst, known);
            return known;
        }
        void Step(Instruction inst, BitSet known)
        {
            switch (Access(inst, SlotOf, index, definitions, out var bit))
            {
                case SlotAccess.Read or SlotAccess.Write: known.Set(bit); break;
                case SlotAccess.Kill: known.Clear(); break;
            }
        }

        // Visit in reverse postorder so that, outside loops, one sweep settles every block.
        var sweep = ReversePostorder(function, order);
        var (entryKnown, exitKnown) = Solve(blocks.Count, index.Count, preds, sweep, Transfer);

        // Reloads where a call's kill would otherwise reach a join (issue 15): a slow path that may run Sox code (the
        // runtime call of a construction whose guard failed, a closure call on a cache miss) joins a path that did not
        // call, so the join knew nothing and the next read loaded the slot again on the hot path too. A load at the end
        // of each such predecessor (it ends in a jump to the join, so the load runs on that edge only, after the
        // call) makes the slot known from every side; the load reads memory, which write-through keeps current. Only
        // for slots read at or after the join before anything kills them, and only where some other predecessor
        // already knows the slot (else the load would only move). Rounds repeat while one reload enables another.
        var anticipated = Anticipated(blocks, index.Count, SlotOf, index, definitions);
        for (var round = 0; round < MaxReloadRounds; round++)
        {
            var reloads = new List<(int Block, Slot Slot)>();
            var slotsByBit = new Slot[index.Count];
            foreach (var (slot, bit) in index) slotsByBit[bit] = slot;
            for (var j = 0; j < blocks.Count; j++)
            {
                if (preds[j].Count < 2) continue;
                for (var bit = 0; bit < index.Count; bit++)
                {
                    if (entryKnown[j].Get(bit) || !anticipated[j].Get(bit)) continue;
                    var someKnow = false;
                    var allFixable = true;
                    foreach (var p in preds[j])
                    {
                        if (exitKnown[p].Get(bit)) someKnow = true;
                        else if (blocks[p].Terminator is not JumpInst || backEdges.Contains((blocks[p], blocks[j]))) allFixable = false;
                    }
                    if (!someKnow || !allFixable) continue;
                    foreach (var p in preds[j])
                    {
                        if (!exitKnown[p].Get(bit)) reloads.Add((p, slotsByBit[bit]));
                    }
                }
            }
            if (reloads.Count == 0) break;
            foreach (var (b, slot) in reloads.Distinct())
            {
                var instructions = blocks[b].Instructions;
                var jump = instructions[^1];
                var address = function.NewRegister(IrType.I64);
                var value = function.NewRegister(IrType.I64);
                var addr = new SymbolAddressInst(address, slot.Symbol, slot.Offset, jump.Line) { Column = jump.Column };
                definitions[address] = addr;
                instructions.Insert(instructions.Count - 1, addr);
                instructions.Insert(instructions.Count - 1, new LoadInst(value, address, 0, 8, jump.Line) { Column = jump.Column });
            }
            (entryKnown, exitKnown) = Solve(blocks.Count, index.Count, preds, sweep, Transfer);
        }

        // Only slots with at least one load that becomes a copy get a mirror register.
        var forwarded = new BitSet(index.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var known = entryKnown[i].Copy();
            foreach (var inst in blocks[i].Instructions)
            {
                if (inst is LoadInst load && SlotOf(load.Base, load.Offset, load.Width) is { } s && index.TryGetValue(s, out var bit) && known.Get(bit)) forwarded.Set(bit);
                Step(inst, known);
            }
        }
        var mirrors = new VReg?[index.Count];
        foreach (var (slot, bit) in index)
        {
            if (forwarded.Get(bit)) mirrors[bit] = function.NewRegister(IrType.I64, "g");
        }
        if (mirrors.All(m => m is null)) return;

        // The mirror is set after a load or store only where some path reads the slot before anything kills it or
        // stores it again: elsewhere no forwarded load can see that value, and the copy would be a move on every run
        // (a slot read after each of many method calls, say, that one reload at a join made worth a mirror).
        anticipated = Anticipated(blocks, index.Count, SlotOf, index, definitions);
        for (var i = 0; i < blocks.Count; i++)
        {
            var known = entryKnown[i].Copy();
            var old = blocks[i].Instructions;
            var needed = MirrorNeeded(blocks[i], index.Count, SlotOf, index, definitions, anticipated, order);
            var rewritten = new List<Instruction>(old.Count + 4);
            for (var n = 0; n < old.Count; n++)
            {
                var inst = old[n];
                var replacement = inst;
                Instruction? after = null;
                if (inst is LoadInst load && SlotOf(load.Base, load.Offset, load.Width) is { } ls && index.TryGetValue(ls, out var lbit) && mirrors[lbit] is { } lg)
                {
                    if (known.Get(lbit)) replacement = new CopyInst(load.Dest, lg, load.Line) { Column = load.Column };
                    else if (needed[n]) after = new CopyInst(lg, load.Dest, load.Line) { Column = load.Column };
                }
                else if (inst is StoreInst store && SlotOf(store.Base, store.Offset, store.Width) is { } ss && index.TryGetValue(ss, out var sbit) && mirrors[sbit] is { } sg && needed[n])
                {
                    after = new CopyInst(sg, store.Value, store.Line) { Column = store.Column };
                }
                Step(inst, known);
                if (replacement.IsTerminator)
                {
                    rewritten.Add(replacement);
                    continue;
                }
                rewritten.Add(replacement);
                if (after is not null) rewritten.Add(after);
            }
            old.Clear();
            old.AddRange(rewritten);
        }
    }

    /// <summary>
    /// Adds, at the end of each loop's preheader, a load of every global the loop loads, when every call in the loop
    /// that may run Sox code is in a block ending in a jump (where Run's reloads can restore the value after it; a
    /// call elsewhere would make the early value useless at the first read after it anyway).
    /// </summary>
    private static bool HoistIntoPreheaders(List<Loops.Loop> loops, IrFunction function, IEnumerable<Slot> slots, Func<VReg, int, int, Slot?> slotOf)
    {
        var hoisted = false;
        var all = slots.ToHashSet();
        foreach (var loop in loops)
        {
            if (loop.Preheader is not { } preheader) continue;
            var read = new List<Slot>();
            var seen = new HashSet<Slot>();
            var ok = true;
            foreach (var block in loop.Body)
            {
                foreach (var inst in block.Instructions)
                {
                    // A call that may run Sox code kills the hoisted value; the reloads of Run put it back at the end of
                    // the call's block when that block ends in a jump, so only other calls make hoisting useless.
                    if (inst is CallInst call && !CannotRunSoxCode(call) && !call.NoReturn && block.Terminator is not JumpInst) ok = false;
                    if (inst is LoadInst load && slotOf(load.Base, load.Offset, load.Width) is { } s && all.Contains(s) && seen.Add(s)) read.Add(s);
                }
            }
            if (!ok || read.Count == 0) continue;
            var line = preheader.Instructions[^1].Line;
            var position = preheader.Instructions.Count - 1;
            foreach (var slot in read)
            {
                var address = function.NewRegister(IrType.I64);
                var value = function.NewRegister(IrType.I64);
                preheader.Instructions.Insert(position++, new SymbolAddressInst(address, slot.Symbol, slot.Offset, line));
                preheader.Instructions.Insert(position++, new LoadInst(value, address, 0, 8, line));
                hoisted = true;
            }
        }
        return hoisted;
    }

    /// <summary>Rounds of reload placement; each round needs the previous one's reloads to find its joins.</summary>
    private const int MaxReloadRounds = 4;

    /// <summary>
    /// The known sets at each block's entry and exit: a forward must-dataflow, optimistic (every slot known at every
    /// block but the entry) and iterated in <paramref name="sweep"/> order until nothing changes.
    /// </summary>
    private static (BitSet[] Entry, BitSet[] Exit) Solve(int blockCount, int slotCount, List<int>[] preds, List<int> sweep, Func<int, BitSet, BitSet> transfer)
    {
        var entryKnown = new BitSet[blockCount];
        var exitKnown = new BitSet[blockCount];
        for (var i = 0; i < blockCount; i++)
        {
            entryKnown[i] = i == 0 ? new BitSet(slotCount) : BitSet.All(slotCount);
            exitKnown[i] = transfer(i, entryKnown[i]);
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var i in sweep)
            {
                if (i == 0) continue;
                BitSet meet;
                if (preds[i].Count == 0) meet = new BitSet(slotCount);
                else
                {
                    meet = exitKnown[preds[i][0]].Copy();
                    for (var k = 1; k < preds[i].Count; k++) meet.IntersectWith(exitKnown[preds[i][k]]);
                }
                if (meet.SetEquals(entryKnown[i])) continue;
                entryKnown[i] = meet;
                exitKnown[i] = transfer(i, meet);
                changed = true;
            }
        }
        while (changed);
        return (entryKnown, exitKnown);
    }

    /// <summary>
    /// Per block, the slots some path from its entry loads before anything kills them (a call that may run Sox code,
    /// any store into the array) or stores them: a backward may-dataflow, where a reload at a join can pay off.
    /// </summary>
    private static BitSet[] Anticipated(List<BasicBlock> blocks, int slotCount, Func<VReg, int, int, Slot?> slotOf, Dictionary<Slot, int> index, Dictionary<VReg, Instruction> definitions)
    {
        var order = new Dictionary<BasicBlock, int>();
        for (var i = 0; i < blocks.Count; i++) order[blocks[i]] = i;
        var result = new BitSet[blocks.Count];
        for (var i = 0; i < blocks.Count; i++) result[i] = new BitSet(slotCount);
        bool changed;
        do
        {
            changed = false;
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                var ant = AnticipatedAtExit(blocks[i], slotCount, result, order);
                var instructions = blocks[i].Instructions;
                for (var n = instructions.Count - 1; n >= 0; n--) AnticipationStep(Access(instructions[n], slotOf, index, definitions, out var bit), bit, ant);
                if (ant.SetEquals(result[i])) continue;
                result[i] = ant;
                changed = true;
            }
        }
        while (changed);
        return result;
    }

    private static BitSet AnticipatedAtExit(BasicBlock block, int slotCount, BitSet[] anticipated, Dictionary<BasicBlock, int> order)
    {
        var ant = new BitSet(slotCount);
        foreach (var s in block.Successors)
        {
            if (order.TryGetValue(s, out var k)) ant.UnionWith(anticipated[k]);
        }
        return ant;
    }

    /// <summary>What an instruction does to the promoted slots, for both dataflows (known forward, anticipated backward).</summary>
    private enum SlotAccess
    {
        None,
        /// <summary>A 64-bit load of the slot <c>bit</c>.</summary>
        Read,
        /// <summary>A 64-bit store to the slot <c>bit</c>.</summary>
        Write,
        /// <summary>Every slot may change: a call that may run Sox code, or a narrower store into the array (nothing
        /// lowering emits; be safe).</summary>
        Kill,
    }

    private static SlotAccess Access(Instruction inst, Func<VReg, int, int, Slot?> slotOf, Dictionary<Slot, int> index, Dictionary<VReg, Instruction> definitions, out int bit)
    {
        bit = -1;
        switch (inst)
        {
            case LoadInst load when slotOf(load.Base, load.Offset, load.Width) is { } s && index.TryGetValue(s, out bit):
                return SlotAccess.Read;
            case StoreInst store when slotOf(store.Base, store.Offset, store.Width) is { } s && index.TryGetValue(s, out bit):
                return SlotAccess.Write;
            case StoreInst store when definitions.TryGetValue(store.Base, out var def) && def is SymbolAddressInst a && a.Symbol.StartsWith(GlobalsPrefix, StringComparison.Ordinal):
                return SlotAccess.Kill;
            case CallInst call when !CannotRunSoxCode(call):
                return SlotAccess.Kill;
            default:
                return SlotAccess.None;
        }
    }

    /// <summary>Anticipation before an instruction from anticipation after it.</summary>
    private static void AnticipationStep(SlotAccess access, int bit, BitSet ant)
    {
        switch (access)
        {
            case SlotAccess.Read: ant.Set(bit); break;
            case SlotAccess.Write: ant.Remove(bit); break;
            case SlotAccess.Kill: ant.Clear(); break;
        }
    }

    /// <summary>
    /// Per instruction of <paramref name="block"/>: whether it loads or stores a slot that is anticipated right after
    /// it (so the mirror must take the value there).
    /// </summary>
    private static bool[] MirrorNeeded(BasicBlock block, int slotCount, Func<VReg, int, int, Slot?> slotOf, Dictionary<Slot, int> index, Dictionary<VReg, Instruction> definitions, BitSet[] anticipated, Dictionary<BasicBlock, int> order)
    {
        var instructions = block.Instructions;
        var needed = new bool[instructions.Count];
        var ant = AnticipatedAtExit(block, slotCount, anticipated, order);
        for (var n = instructions.Count - 1; n >= 0; n--)
        {
            var access = Access(instructions[n], slotOf, index, definitions, out var bit);
            if (access is SlotAccess.Read or SlotAccess.Write) needed[n] = ant.Get(bit);
            AnticipationStep(access, bit, ant);
        }
        return needed;
    }

    /// <summary>Registers assigned exactly once in the function, with their instruction.</summary>
    private static Dictionary<VReg, Instruction> SingleDefinitions(IrFunction function)
    {
        var result = new Dictionary<VReg, Instruction>();
        var many = new HashSet<VReg>();
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst.Dest is not { } dest || many.Contains(dest)) continue;
                if (!result.TryAdd(dest, inst))
                {
                    result.Remove(dest);
                    many.Add(dest);
                }
            }
        }
        return result;
    }

    private static List<int> ReversePostorder(IrFunction function, Dictionary<BasicBlock, int> order)
    {
        var result = new List<int>();
        var seen = new bool[function.Blocks.Count];
        var stack = new Stack<(int Block, int Next)>();
        seen[0] = true;
        stack.Push((0, 0));
        while (stack.Count > 0)
        {
            var (block, next) = stack.Pop();
            var successors = function.Blocks[block].Successors;
            if (next < successors.Count)
            {
                stack.Push((block, next + 1));
                if (order.TryGetValue(successors[next], out var s) && !seen[s])
                {
                    seen[s] = true;
                    stack.Push((s, 0));
                }
                continue;
            }
            result.Add(block);
        }
        result.Reverse();
        return result;
    }


}
