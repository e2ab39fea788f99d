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

    /// <summary>
    /// True for a call that never runs Sox code and never writes a globals array
    /// (<see cref="RuntimeFunctions.EffectOf(CallInst)"/> at least <see cref="RuntimeEffect.NoSoxCode"/>: operators,
    /// printing, property and index access, allocation, iteration, class building, the caches' method lookups).
    /// </summary>
    internal static bool CannotRunSoxCode(CallInst call) => RuntimeFunctions.CannotRunSoxCode(call);

    public override void Run(IrFunction function)
    {
        var slots = new Slots(function);
        var blocks = function.Blocks;

        // One bit per slot some 64-bit load reads, in the order of the first such load.
        foreach (var block in blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst is LoadInst { Dest.Type: IrType.I64 } load) slots.AddLoaded(load);
            }
        }
        if (slots.Count == 0) return;
        var loops = Loops.Find(function);
        HoistIntoPreheaders(loops, function, slots);
        // Back edges (latch → header): a reload at a latch would run every iteration and only move the header's load.
        // Loops sharing a header are one loop, so a header has at most one.
        var positions = FlowGraph.Positions(function);
        var loopOfHeader = new Loops.Loop?[blocks.Count];
        foreach (var loop in loops)
        {
            var h = FlowGraph.PositionOf(positions, loop.Header);
            if (h >= 0) loopOfHeader[h] = loop;
        }
        bool IsBackEdge(int from, int to) => loopOfHeader[to] is { } loop && loop.Body.Contains(blocks[from]) && Successor(blocks[from], blocks[to]);

        var preds = FlowGraph.Predecessors(function, positions);
        var words = (slots.Count + 63) >> 6;
        var flow = new SlotFlow(function, slots, positions, words);

        // Visit in reverse postorder so that, outside loops, one sweep settles every block.
        var sweep = FlowGraph.ReversePostorder(function, positions);
        flow.Solve(preds, sweep);

        // Reloads where a call's kill would otherwise reach a join (issue 15): a slow path that may run Sox code (the
        // runtime call of a construction whose guard failed, a closure call on a cache miss) joins a path that did not
        // call, so the join knew nothing and the next read loaded the slot again on the hot path too. A load at the end
        // of each such predecessor (it ends in a jump to the join, so the load runs on that edge only, after the
        // call) makes the slot known from every side; the load reads memory, which write-through keeps current. Only
        // for slots read at or after the join before anything kills them, and only where some other predecessor
        // already knows the slot (else the load would only move). Rounds repeat while one reload enables another.
        var anticipated = flow.Anticipated();
        List<long>? reloads = null;
        ulong[]? added = null;
        for (var round = 0; round < MaxReloadRounds; round++)
        {
            reloads?.Clear();
            if (added is not null) Array.Clear(added);
            for (var j = 0; j < blocks.Count; j++)
            {
                if (preds.Count(j) < 2) continue;
                var jPreds = preds.Of(j);
                for (var bit = 0; bit < slots.Count; bit++)
                {
                    if (SlotFlow.Get(flow.Entry, j, words, bit) || !SlotFlow.Get(anticipated, j, words, bit)) continue;
                    var someKnow = false;
                    var allFixable = true;
                    foreach (var p in jPreds)
                    {
                        if (SlotFlow.Get(flow.Exit, p, words, bit)) someKnow = true;
                        else if (blocks[p].Terminator is not JumpInst || IsBackEdge(p, j)) allFixable = false;
                    }
                    if (!someKnow || !allFixable) continue;
                    foreach (var p in jPreds)
                    {
                        if (SlotFlow.Get(flow.Exit, p, words, bit)) continue;
                        // Each (block, slot) once, in the order first found.
                        added ??= new ulong[blocks.Count * words];
                        if (SlotFlow.Get(added, p, words, bit)) continue;
                        added[p * words + (bit >> 6)] |= 1UL << (bit & 63);
                        (reloads ??= new List<long>()).Add((long)p << 32 | (uint)bit);
                    }
                }
            }
            if (reloads is null || reloads.Count == 0) break;
            foreach (var reload in reloads)
            {
                var b = (int)(reload >> 32);
                var (symbol, offset) = slots.SlotOf((int)(uint)reload);
                var instructions = blocks[b].Instructions;
                var jump = instructions[^1];
                var address = function.NewRegister(IrType.I64);
                var value = function.NewRegister(IrType.I64);
                var addr = new SymbolAddressInst(address, symbol, offset, jump.Line) { Column = jump.Column };
                slots.Defined(addr);
                instructions.Insert(instructions.Count - 1, addr);
                instructions.Insert(instructions.Count - 1, new LoadInst(value, address, 0, 8, jump.Line) { Column = jump.Column });
                flow.Changed(b);
            }
            flow.Solve(preds, sweep);
        }

        // Only slots with at least one load that becomes a copy get a mirror register.
        var forwarded = new bool[slots.Count];
        var known = new ulong[words];
        for (var i = 0; i < blocks.Count; i++)
        {
            flow.Entry.AsSpan(i * words, words).CopyTo(known);
            var accesses = flow.AccessesOf(i);
            for (var n = 0; n < accesses.Length; n++)
            {
                var access = accesses[n];
                if (access >= 0 && (access & 1) == 0 && SlotFlow.Get(known, 0, words, access >> 1)) forwarded[access >> 1] = true;
                SlotFlow.Step(access, known);
            }
        }
        var mirrors = new VReg?[slots.Count];
        var anyMirror = false;
        for (var bit = 0; bit < slots.Count; bit++)
        {
            if (!forwarded[bit]) continue;
            mirrors[bit] = function.NewRegister(IrType.I64, "g");
            anyMirror = true;
        }
        if (!anyMirror) return;

        // The mirror is set after a load or store only where some path reads the slot before anything kills it or
        // stores it again: elsewhere no forwarded load can see that value, and the copy would be a move on every run
        // (a slot read after each of many method calls, say, that one reload at a join made worth a mirror).
        anticipated = flow.Anticipated();
        var rewritten = new List<Instruction>();
        var ant = new ulong[words];
        var needed = new List<bool>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var old = blocks[i].Instructions;
            var accesses = flow.AccessesOf(i);
            // Per instruction: whether it loads or stores a slot that is anticipated right after it (so the mirror
            // must take the value there).
            flow.AnticipatedAtExit(i, anticipated, ant);
            needed.Clear();
            for (var n = 0; n < accesses.Length; n++) needed.Add(false);
            var touches = false;
            for (var n = accesses.Length - 1; n >= 0; n--)
            {
                var access = accesses[n];
                if (access >= 0)
                {
                    needed[n] = SlotFlow.Get(ant, 0, words, access >> 1);
                    touches |= mirrors[access >> 1] is not null;
                }
                SlotFlow.AnticipationStep(access, ant);
            }
            if (!touches) continue;

            flow.Entry.AsSpan(i * words, words).CopyTo(known);
            rewritten.Clear();
            for (var n = 0; n < old.Count; n++)
            {
                var inst = old[n];
                var access = accesses[n];
                var replacement = inst;
                Instruction? after = null;
                if (access >= 0 && mirrors[access >> 1] is { } g)
                {
                    var bit = access >> 1;
                    if (inst is LoadInst load)
                    {
                        if (SlotFlow.Get(known, 0, words, bit)) replacement = new CopyInst(load.Dest, g, load.Line) { Column = load.Column };
                        else if (needed[n]) after = new CopyInst(g, load.Dest, load.Line) { Column = load.Column };
                    }
                    else if (inst is StoreInst store && needed[n])
                    {
                        after = new CopyInst(g, store.Value, store.Line) { Column = store.Column };
                    }
                }
                SlotFlow.Step(access, known);
                rewritten.Add(replacement);
                if (after is not null && !replacement.IsTerminator) rewritten.Add(after);
            }
            old.Clear();
            old.AddRange(rewritten);
        }
    }

    private static bool Successor(BasicBlock from, BasicBlock to)
    {
        var successors = from.Successors;
        for (var k = 0; k < successors.Count; k++)
        {
            if (successors[k] == to) return true;
        }
        return false;
    }

    /// <summary>
    /// Adds, at the end of each loop's preheader, a load of every global the loop loads, when every call in the loop
    /// that may run Sox code is in a block ending in a jump (where Run's reloads can restore the value after it; a
    /// call elsewhere would make the early value useless at the first read after it anyway).
    /// </summary>
    private static void HoistIntoPreheaders(List<Loops.Loop> loops, IrFunction function, Slots slots)
    {
        var seen = new int[slots.Count];
        var read = new List<int>();
        var hoisted = new List<SymbolAddressInst>();
        for (var l = 0; l < loops.Count; l++)
        {
            var loop = loops[l];
            if (loop.Preheader is not { } preheader) continue;
            read.Clear();
            var ok = true;
            foreach (var block in loop.Body)
            {
                var jumps = block.Terminator is JumpInst;
                foreach (var inst in block.Instructions)
                {
                    // A call that may run Sox code kills the hoisted value; the reloads of Run put it back at the end of
                    // the call's block when that block ends in a jump, so only other calls make hoisting useless.
                    if (inst is CallInst call && !CannotRunSoxCode(call) && !call.NoReturn && !jumps) ok = false;
                    if (inst is LoadInst load && slots.BitOf(load.Base, load.Offset, load.Width) is var bit and >= 0 && seen[bit] != l + 1)
                    {
                        seen[bit] = l + 1;
                        read.Add(bit);
                    }
                }
            }
            if (!ok || read.Count == 0) continue;
            var line = preheader.Instructions[^1].Line;
            var position = preheader.Instructions.Count - 1;
            foreach (var bit in read)
            {
                var (symbol, offset) = slots.SlotOf(bit);
                var address = function.NewRegister(IrType.I64);
                var value = function.NewRegister(IrType.I64);
                var addr = new SymbolAddressInst(address, symbol, offset, line);
                hoisted.Add(addr);
                preheader.Instructions.Insert(position++, addr);
                preheader.Instructions.Insert(position++, new LoadInst(value, address, 0, 8, line));
            }
        }
        // Only now are the new addresses globals addresses: the loops after the one that added them look at the loads
        // that were there before hoisting.
        foreach (var addr in hoisted) slots.Defined(addr);
    }

    /// <summary>Rounds of reload placement; each round needs the previous one's reloads to find its joins.</summary>
    private const int MaxReloadRounds = 4;

    /// <summary>
    /// The promoted slots of one function: which registers address a globals array (a single <c>symbol_address</c>
    /// of a <see cref="GlobalsPrefix"/> symbol), and a bit per slot (symbol, byte offset) in the order they were
    /// added. Arrays by register id and a small hash table of our own: a dictionary keyed by a struct of ours would be
    /// JIT-compiled at start-up (ReadyToRun cannot precompile the framework's generic code over our value types).
    /// </summary>
    private sealed class Slots
    {
        private string?[] _baseSymbol;
        private long[] _baseAddend;
        private readonly List<string> _symbols = new();
        private readonly List<long> _offsets = new();
        private int[] _table = new int[64];

        public Slots(IrFunction function)
        {
            var count = function.Registers.Count;
            _baseSymbol = new string?[count];
            _baseAddend = new long[count];
            // Registers assigned exactly once, by a globals address: seen[r] counts assignments up to two.
            var assignments = new byte[count];
            foreach (var block in function.Blocks)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst.Dest is not { } d || assignments[d.Id] == 2) continue;
                    if (++assignments[d.Id] == 2)
                    {
                        _baseSymbol[d.Id] = null;
                        continue;
                    }
                    if (inst is SymbolAddressInst a && a.Symbol.StartsWith(GlobalsPrefix, StringComparison.Ordinal))
                    {
                        _baseSymbol[d.Id] = a.Symbol;
                        _baseAddend[d.Id] = a.Addend;
                    }
                }
            }
        }

        /// <summary>How many slots have a bit.</summary>
        public int Count => _offsets.Count;

        /// <summary>The slot of <paramref name="bit"/>: the globals symbol and the byte offset from it.</summary>
        public (string Symbol, long Offset) SlotOf(int bit) => (_symbols[bit], _offsets[bit]);

        /// <summary>Records <paramref name="address"/>, a new single assignment of a new register, as a globals address.</summary>
        public void Defined(SymbolAddressInst address)
        {
            var id = address.Dest.Id;
            if (id >= _baseSymbol.Length)
            {
                var size = Math.Max(id + 1, _baseSymbol.Length * 2);
                Array.Resize(ref _baseSymbol, size);
                Array.Resize(ref _baseAddend, size);
            }
            _baseSymbol[id] = address.Symbol;
            _baseAddend[id] = address.Addend;
        }

        /// <summary>True when <paramref name="address"/> is a globals array address.</summary>
        public bool IsGlobals(VReg address) => address.Id < _baseSymbol.Length && _baseSymbol[address.Id] is not null;

        /// <summary>Gives the slot <paramref name="load"/> reads a bit, when it reads one.</summary>
        public void AddLoaded(LoadInst load)
        {
            if (load.Width != 8 || !IsGlobals(load.Base)) return;
            var symbol = _baseSymbol[load.Base.Id]!;
            var offset = _baseAddend[load.Base.Id] + load.Offset;
            if (Find(symbol, offset, out var at) >= 0) return;
            _table[at] = _offsets.Count + 1;
            _symbols.Add(symbol);
            _offsets.Add(offset);
            if (_offsets.Count * 2 > _table.Length) Rehash();
        }

        /// <summary>The bit of the slot an access of <paramref name="width"/> bytes at [<paramref name="address"/> +
        /// <paramref name="offset"/>] names, or −1.</summary>
        public int BitOf(VReg address, int offset, int width)
        {
            if (width != 8 || !IsGlobals(address)) return -1;
            return Find(_baseSymbol[address.Id]!, _baseAddend[address.Id] + offset, out _);
        }

        private static int Hash(string symbol, long offset) => (int)(((ulong)offset * 0x9E3779B97F4A7C15UL) >> 40) ^ symbol.Length;

        private int Find(string symbol, long offset, out int at)
        {
            var mask = _table.Length - 1;
            for (at = Hash(symbol, offset) & mask; _table[at] != 0; at = (at + 1) & mask)
            {
                var bit = _table[at] - 1;
                if (_offsets[bit] == offset && string.Equals(_symbols[bit], symbol, StringComparison.Ordinal)) return bit;
            }
            return -1;
        }

        private void Rehash()
        {
            _table = new int[_table.Length * 2];
            for (var bit = 0; bit < _offsets.Count; bit++)
            {
                Find(_symbols[bit], _offsets[bit], out var at);
                _table[at] = bit + 1;
            }
        }
    }

    /// <summary>
    /// The two dataflows over the slots, on flat bit matrices (one row of <c>words</c> per block position): the known
    /// sets (forward, must) and the anticipated sets (backward, may). What each instruction does to the slots is
    /// classified once (<see cref="Access"/>) and each block summarised as "what it adds" and "whether it clears",
    /// so a sweep costs a few word operations per block instead of a walk over its instructions.
    /// </summary>
    private sealed class SlotFlow
    {
        private readonly List<BasicBlock> _blocks;
        private readonly Slots _slots;
        private readonly int[] _positions;
        private readonly int _words;
        private readonly int[][] _access;
        // Forward: after the block, known = gen, or entry | gen when nothing in it kills.
        private readonly ulong[] _gen;
        private readonly bool[] _kills;
        // Backward: before the block, anticipated = antGen | (at exit & ~antThrough), antThrough all ones on a kill.
        private readonly ulong[] _antGen;
        private readonly ulong[] _antKill;
        private readonly ulong _lastMask;

        public SlotFlow(IrFunction function, Slots slots, int[] positions, int words)
        {
            _blocks = function.Blocks;
            _slots = slots;
            _positions = positions;
            _words = words;
            var n = _blocks.Count;
            _access = new int[n][];
            _gen = new ulong[n * words];
            _kills = new bool[n];
            _antGen = new ulong[n * words];
            _antKill = new ulong[n * words];
            Entry = new ulong[n * words];
            Exit = new ulong[n * words];
            _lastMask = (slots.Count & 63) == 0 ? ~0UL : (1UL << (slots.Count & 63)) - 1;
            for (var i = 0; i < n; i++) Changed(i);
        }

        /// <summary>Known slots at each block's entry (after <see cref="Solve"/>).</summary>
        public ulong[] Entry { get; }

        /// <summary>Known slots at each block's exit (after <see cref="Solve"/>).</summary>
        public ulong[] Exit { get; }

        /// <summary>Per instruction of the block at <paramref name="block"/>, what it does to the slots (<see cref="Access"/>).</summary>
        public int[] AccessesOf(int block) => _access[block];

        public static bool Get(ulong[] rows, int row, int words, int bit) => (rows[row * words + (bit >> 6)] & (1UL << (bit & 63))) != 0;

        /// <summary>Reclassifies the block at <paramref name="b"/> after instructions were added to it.</summary>
        public void Changed(int b)
        {
            var instructions = _blocks[b].Instructions;
            var access = new int[instructions.Count];
            for (var n = 0; n < access.Length; n++) access[n] = Access(instructions[n]);
            _access[b] = access;
            var gen = _gen.AsSpan(b * _words, _words);
            gen.Clear();
            var kills = false;
            foreach (var a in access)
            {
                if (a == Kill)
                {
                    gen.Clear();
                    kills = true;
                }
                else if (a >= 0) gen[a >> 7] |= 1UL << ((a >> 1) & 63);
            }
            _kills[b] = kills;
            var antGen = _antGen.AsSpan(b * _words, _words);
            var antKill = _antKill.AsSpan(b * _words, _words);
            antGen.Clear();
            antKill.Clear();
            for (var n = access.Length - 1; n >= 0; n--)
            {
                var a = access[n];
                if (a == Kill)
                {
                    antGen.Clear();
                    antKill.Fill(~0UL);
                    continue;
                }
                if (a < 0) continue;
                var mask = 1UL << ((a >> 1) & 63);
                antKill[a >> 7] |= mask;
                if ((a & 1) == 0) antGen[a >> 7] |= mask;
                else antGen[a >> 7] &= ~mask;
            }
        }

        private const int None = -1, Kill = -2;

        /// <summary>
        /// What an instruction does to the promoted slots, for both dataflows: <c>2·bit</c> for a 64-bit load of the
        /// slot <c>bit</c>, <c>2·bit + 1</c> for a 64-bit store to it, <see cref="Kill"/> when every slot may change
        /// (a call that may run Sox code, or a narrower store into the array: nothing lowering emits; be safe), and
        /// <see cref="None"/> otherwise.
        /// </summary>
        private int Access(Instruction inst)
        {
            switch (inst)
            {
                case LoadInst load:
                    var read = _slots.BitOf(load.Base, load.Offset, load.Width);
                    return read >= 0 ? read << 1 : None;
                case StoreInst store:
                    var written = _slots.BitOf(store.Base, store.Offset, store.Width);
                    if (written >= 0) return written << 1 | 1;
                    return _slots.IsGlobals(store.Base) ? Kill : None;
                case CallInst call when !CannotRunSoxCode(call):
                    return Kill;
                default:
                    return None;
            }
        }

        /// <summary>Known slots after an instruction from those before it.</summary>
        public static void Step(int access, ulong[] known)
        {
            if (access == Kill) Array.Clear(known);
            else if (access >= 0) known[access >> 7] |= 1UL << ((access >> 1) & 63);
        }

        /// <summary>Anticipation before an instruction from anticipation after it.</summary>
        public static void AnticipationStep(int access, ulong[] ant)
        {
            if (access == Kill) Array.Clear(ant);
            else if (access >= 0 && (access & 1) == 0) ant[access >> 7] |= 1UL << ((access >> 1) & 63);
            else if (access >= 0) ant[access >> 7] &= ~(1UL << ((access >> 1) & 63));
        }

        private void Transfer(int b)
        {
            var exit = Exit.AsSpan(b * _words, _words);
            var gen = _gen.AsSpan(b * _words, _words);
            if (_kills[b]) gen.CopyTo(exit);
            else
            {
                var entry = Entry.AsSpan(b * _words, _words);
                for (var w = 0; w < _words; w++) exit[w] = entry[w] | gen[w];
            }
        }

        /// <summary>
        /// The known sets at each block's entry and exit: a forward must-dataflow, optimistic (every slot known at every
        /// block but the entry) and iterated in <paramref name="sweep"/> order until nothing changes.
        /// </summary>
        public void Solve(BlockPredecessors preds, List<int> sweep)
        {
            var n = _blocks.Count;
            for (var i = 0; i < n; i++)
            {
                var row = Entry.AsSpan(i * _words, _words);
                if (i == 0) row.Clear();
                else
                {
                    row.Fill(~0UL);
                    row[^1] = _lastMask;
                }
                Transfer(i);
            }
            var meet = new ulong[_words];
            bool changed;
            do
            {
                changed = false;
                foreach (var i in sweep)
                {
                    if (i == 0) continue;
                    var p = preds.Of(i);
                    if (p.Length == 0) meet.AsSpan().Clear();
                    else
                    {
                        Exit.AsSpan(p[0] * _words, _words).CopyTo(meet);
                        for (var k = 1; k < p.Length; k++)
                        {
                            var other = Exit.AsSpan(p[k] * _words, _words);
                            for (var w = 0; w < _words; w++) meet[w] &= other[w];
                        }
                    }
                    var entry = Entry.AsSpan(i * _words, _words);
                    if (entry.SequenceEqual(meet)) continue;
                    meet.CopyTo(entry);
                    Transfer(i);
                    changed = true;
                }
            }
            while (changed);
        }

        /// <summary>
        /// Per block, the slots some path from its entry loads before anything kills them (a call that may run Sox code,
        /// any store into the array) or stores them: a backward may-dataflow, where a reload at a join can pay off.
        /// </summary>
        public ulong[] Anticipated()
        {
            var n = _blocks.Count;
            var result = new ulong[n * _words];
            var ant = new ulong[_words];
            bool changed;
            do
            {
                changed = false;
                for (var i = n - 1; i >= 0; i--)
                {
                    AnticipatedAtExit(i, result, ant);
                    var gen = _antGen.AsSpan(i * _words, _words);
                    var kill = _antKill.AsSpan(i * _words, _words);
                    for (var w = 0; w < _words; w++) ant[w] = gen[w] | (ant[w] & ~kill[w]);
                    var row = result.AsSpan(i * _words, _words);
                    if (row.SequenceEqual(ant)) continue;
                    ant.CopyTo(row);
                    changed = true;
                }
            }
            while (changed);
            return result;
        }

        /// <summary>The union of <paramref name="anticipated"/> over the listed successors of the block at <paramref name="b"/>.</summary>
        public void AnticipatedAtExit(int b, ulong[] anticipated, ulong[] ant)
        {
            Array.Clear(ant);
            var successors = _blocks[b].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var s = FlowGraph.PositionOf(_positions, successors[k]);
                if (s < 0) continue;
                var row = anticipated.AsSpan(s * _words, _words);
                for (var w = 0; w < _words; w++) ant[w] |= row[w];
            }
        }
    }
}
