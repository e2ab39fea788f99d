using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

internal sealed partial class LoopVersioning
{
    /// <summary>What a load reads or a store writes, for deciding which loads no store of the copy can change.</summary>
    /// <remarks>Instances keep their fields inline at <c>+32</c> and beyond (runtime-abi.md "Layouts"), at offsets a
    /// property cache hands out, so a store at an instance plus a cached offset (<see cref="FieldSlot"/>) never writes an
    /// object header (type byte, class, shape pointer at <c>+16</c>), a shape, module data or another allocation.</remarks>
    internal enum MemoryClass
    {
        /// <summary>Module data: <c>addr S</c> plus a constant (caches, global slots).</summary>
        Symbol,

        /// <summary>An object plus a cached field offset (<c>add obj, [cache+k]</c>).</summary>
        FieldSlot,

        /// <summary>Any other address at a constant offset from a known base.</summary>
        Heap,

        /// <summary>A base whose definition is not known: may be anything.</summary>
        Unknown,
    }

    /// <summary>Chooses the copy's blocks and what moves out of it.</summary>
    internal sealed partial class Planner
    {
        private readonly IrFunction _function;
        private readonly FieldNames _names;
        private readonly List<BasicBlock> _order = new();
        private readonly Loops.Loop _loop;
        private readonly Facts _facts;
        private readonly HashSet<BasicBlock> _region = new();
        private readonly int[] _assignedCount; // definitions in the copy, by register (scratch)
        private readonly List<VReg> _assigned = new(); // the registers the copy assigns, in first-assignment order
        private readonly Instruction?[] _regionDefinition; // the copy's last definition of each (scratch)
        private readonly int[] _bodyDefinitions;
        private readonly int[] _bodyUses;
        private readonly Dictionary<BasicBlock, BasicBlock> _folded = new();
        private readonly HashSet<VReg> _movedDest = new();
        private readonly HashSet<Instruction> _moved = new();
        private readonly Dictionary<BasicBlock, BasicBlock> _hoisted = new();
        private readonly List<(string Symbol, long Start, long End)> _symbolStores = new();
        private bool _heapStore, _fieldStore, _unknownStore;
        private Liveness? _liveness;

        private Planner(IrFunction function, Loops.Loop loop, Facts facts, FieldNames names)
        {
            _function = function;
            _loop = loop;
            _facts = facts;
            _names = names;
            var scratch = LoopVersioningScratch.Current;
            _bodyDefinitions = ScratchArrays.Take(ref scratch.BodyDefinitions, function.Registers.Count);
            _bodyUses = ScratchArrays.Take(ref scratch.BodyUses, function.Registers.Count);
            _assignedCount = ScratchArrays.Take(ref scratch.Assigned, function.Registers.Count);
            _regionDefinition = ScratchArrays.Take(ref scratch.RegionDefinition, function.Registers.Count);
        }

        /// <summary>The plan for <paramref name="loop"/>, or null when versioning it would hoist no guard.</summary>
        public static Plan? Make(IrFunction function, Loops.Loop loop, Facts facts, FieldNames names) => new Planner(function, loop, facts, names).Make();

        private Plan? Make()
        {
            var header = _loop.Header;
            var fast = AvoidsCalls();
            if (!fast.Contains(header)) return null;
            // The copy: what the header reaches through blocks that avoid calls.
            var order = new List<BasicBlock>();
            var post = new List<BasicBlock>();
            var seen = new HashSet<BasicBlock> { header };
            var stack = new Stack<(BasicBlock Block, int Next)>();
            stack.Push((header, 0));
            var backEdge = false;
            while (stack.Count > 0)
            {
                var (block, next) = stack.Pop();
                var successors = block.Successors;
                if (next < successors.Count)
                {
                    stack.Push((block, next + 1));
                    var s = successors[next];
                    if (s == header) backEdge = true;
                    if (fast.Contains(s) && seen.Add(s)) stack.Push((s, 0));
                    continue;
                }
                post.Add(block);
            }
            if (!backEdge) return null;
            for (var i = post.Count - 1; i >= 0; i--) order.Add(post[i]);
            _region.UnionWith(order);
            _order.AddRange(order);

            var size = 0;
            foreach (var block in order)
            {
                size += block.Instructions.Count;
                foreach (var inst in block.Instructions)
                {
                    if (!CanCopy(inst)) return null;
                    if (inst.Dest is not { } d) continue;
                    if (_assignedCount[d.Id]++ == 0) _assigned.Add(d);
                    _regionDefinition[d.Id] = inst;
                }
            }
            if (size > MaxCopiedInstructions) return null;
            foreach (var block in order)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst is StoreInst store) NoteStore(store);
                }
            }
            foreach (var block in _loop.Body)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst.Dest is { } d) _bodyDefinitions[d.Id]++;
                    var uses = _bodyUses;
                    LoopVersioningScratch.ForEachUse(inst, ref uses, static (u, ref counts) => counts[u.Id]++);
                }
            }

            var idom = RegionDominators(order);
            var loadsSafe = Walk(order, idom);
            // A field load waits for the field stores' addresses to be known invariant; they may come later in order.
            if (_fieldLoadDeferred) loadsSafe = Walk(order, idom);
            if (_hoisted.Count == 0) return null;
            _liveness ??= NewLiveness();
            PromoteFields(loadsSafe);
            FoldNumberTests(order);
            return new Plan(order, _region, _moved, _hoisted, _folded, _assigned, DefinedOutside, _liveness, _aliasChecks.ToList(), _promotions, _promotedAccess);
        }

        /// <summary>One walk of the copy in order: the instructions that move to the chain and the guards hoisted;
        /// returns, for each block, whether a heap load there may run in the chain.</summary>
        private Dictionary<BasicBlock, bool> Walk(List<BasicBlock> order, Dictionary<BasicBlock, BasicBlock> idom)
        {
            _fieldLoadDeferred = false;
            var header = _loop.Header;
            var loadsSafe = new Dictionary<BasicBlock, bool> { [header] = true };
            foreach (var block in order)
            {
                if (block != header)
                {
                    var d = idom[block];
                    loadsSafe[block] = loadsSafe[d] && ProtectsNoPointer(d);
                }
                foreach (var inst in block.Instructions)
                {
                    if (inst.IsTerminator) break;
                    if (!_moved.Contains(inst) && Movable(inst, loadsSafe[block]))
                    {
                        _moved.Add(inst);
                        _movedDest.Add(inst.Dest!);
                    }
                }
                if (block.Terminator is (CompareBranchInst or BranchInst) and var branch && GuardPassingSide(branch) is { } passing
                    && AllInvariant(branch.Uses))
                {
                    _hoisted[block] = passing;
                }
            }
            return loadsSafe;
        }

        /// <summary>The loop's blocks from which the header or an exit can be reached without executing a call.</summary>
        private HashSet<BasicBlock> AvoidsCalls()
        {
            var body = _loop.Body;
            var calls = new HashSet<BasicBlock>();
            foreach (var block in body)
            {
                if (block.Terminator is UnreachableInst || block.Instructions.Exists(i => i is CallInst)) calls.Add(block);
            }
            var avoids = new HashSet<BasicBlock>();
            bool changed;
            do
            {
                changed = false;
                foreach (var block in body)
                {
                    if (avoids.Contains(block) || calls.Contains(block)) continue;
                    var ok = block.Terminator is ReturnInst;
                    foreach (var s in block.Successors)
                    {
                        ok |= !body.Contains(s) || s == _loop.Header || avoids.Contains(s);
                    }
                    if (ok && avoids.Add(block)) changed = true;
                }
            }
            while (changed);
            return avoids;
        }

        /// <summary>Immediate dominators within the copy (Cooper–Harvey–Kennedy over the copy's reverse postorder).</summary>
        private Dictionary<BasicBlock, BasicBlock> RegionDominators(List<BasicBlock> order)
        {
            var number = new Dictionary<BasicBlock, int>();
            for (var i = 0; i < order.Count; i++) number[order[i]] = i;
            var preds = new List<int>[order.Count];
            for (var i = 0; i < order.Count; i++) preds[i] = new List<int>();
            for (var i = 0; i < order.Count; i++)
            {
                foreach (var s in order[i].Successors)
                {
                    if (number.TryGetValue(s, out var j) && !preds[j].Contains(i)) preds[j].Add(i);
                }
            }
            var idom = new int[order.Count];
            Array.Fill(idom, -1);
            idom[0] = 0;
            bool changed;
            do
            {
                changed = false;
                for (var i = 1; i < order.Count; i++)
                {
                    var candidate = -1;
                    foreach (var p in preds[i])
                    {
                        if (idom[p] < 0) continue;
                        if (candidate < 0)
                        {
                            candidate = p;
                            continue;
                        }
                        var a = candidate;
                        var b = p;
                        while (a != b)
                        {
                            while (a > b) a = idom[a];
                            while (b > a) b = idom[b];
                        }
                        candidate = a;
                    }
                    if (candidate != idom[i])
                    {
                        idom[i] = candidate;
                        changed = true;
                    }
                }
            }
            while (changed);
            var result = new Dictionary<BasicBlock, BasicBlock>();
            for (var i = 1; i < order.Count; i++) result[order[i]] = order[idom[i]];
            return result;
        }

        /// <summary>True when the terminator of <paramref name="block"/> (which dominates a load) cannot be what makes
        /// the load's address valid: a jump, a hoisted guard (which the chain tests first), a loop exit, a float compare
        /// or a number tag test.</summary>
        private bool ProtectsNoPointer(BasicBlock block)
        {
            var t = block.Terminator;
            if (t is JumpInst or FloatCompareBranchInst || _hoisted.ContainsKey(block)) return true;
            if (t is null || t.Successors.Any(s => !_loop.Body.Contains(s))) return true;
            return t is CompareBranchInst c && (IsConst(c.Left, ValueBits.Qnan) || IsConst(c.Right, ValueBits.Qnan));
        }

        private bool IsConst(VReg r, long bits) => Definition(r) is ConstInst c && c.Bits == bits;

        /// <summary>For a branch with one successor in the copy and the other a side exit (a block of the loop outside
        /// the copy), the successor in the copy.</summary>
        private BasicBlock? GuardPassingSide(Instruction branch)
        {
            var s = branch.Successors;
            if (s.Count != 2 || s[0] == s[1]) return null;
            bool SideExit(BasicBlock b) => _loop.Body.Contains(b) && !_region.Contains(b);
            if (_region.Contains(s[0]) && SideExit(s[1])) return s[0];
            if (_region.Contains(s[1]) && SideExit(s[0])) return s[1];
            return null;
        }

        /// <summary>A register whose value is the same on every iteration of the copy: assigned outside it (and before
        /// the loop), or by an instruction moved to the chain.</summary>
        private bool Invariant(VReg r) => IsAssigned(r) ? _movedDest.Contains(r) : DefinedOutside(r);

        private bool AllInvariant(IReadOnlyList<VReg> registers)
        {
            for (var i = 0; i < registers.Count; i++)
            {
                if (!Invariant(registers[i])) return false;
            }
            return true;
        }

        /// <summary>A parameter or a register with a definition outside the loop.</summary>
        private bool DefinedOutside(VReg r) => _facts.IsParameter(r) || _facts.DefinitionCounts[r.Id] > _bodyDefinitions[r.Id];

        private bool IsAssigned(VReg r) => _assignedCount[r.Id] > 0;

        private Liveness NewLiveness() => new(_function, _loop.Body, _assigned,
            r => _facts.UseCounts[r.Id] > _bodyUses[r.Id]);

        /// <summary>Number tag tests in the copy of registers it assigns only from <c>f64_to_bits</c> (or copies of such)
        /// and never reads before assigning: recorded as jumps to their number side.</summary>
        private void FoldNumberTests(List<BasicBlock> order)
        {
            var definitions = new Dictionary<VReg, List<Instruction>>();
            foreach (var block in order)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst.Dest is not { } d || _liveness!.LiveIn(_loop.Header, d)) continue;
                    if (!definitions.TryGetValue(d, out var list)) definitions[d] = list = new List<Instruction>();
                    list.Add(inst);
                }
            }
            var proven = new HashSet<VReg>();
            // A promoted field is a number throughout when everything the copy stores there is (the chain then tests
            // the value it loads): its loads are numbers.
            var stored = StoredValues();
            var provenFields = new HashSet<Promotion>();
            bool Proven(Instruction i) => i is ConvertInst { Kind: ConvertKind.FloatToBits } || i is ConstInst k && ValueBits.IsNumber(k.Bits) || i is CopyInst c && proven.Contains(c.Source)
                || i is LoadInst && _promotedAccess.TryGetValue(i, out var p) && provenFields.Contains(p);
            bool changed;
            do
            {
                changed = false;
                foreach (var (r, list) in definitions)
                {
                    if (proven.Contains(r)) continue;
                    if (list.TrueForAll(Proven) && proven.Add(r)) changed = true;
                }
                foreach (var (p, values) in stored)
                {
                    if (!provenFields.Contains(p) && values.TrueForAll(proven.Contains) && provenFields.Add(p)) changed = true;
                }
            }
            while (changed);
            foreach (var p in provenFields) p.Number = p.Accesses.Exists(a => a is LoadInst);
            if (proven.Count == 0) return;
            foreach (var block in order)
            {
                if (_hoisted.ContainsKey(block) || block.Terminator is not CompareBranchInst { Condition: IntCondition.Ne or IntCondition.Eq } test) continue;
                if (!IsConst(test.Right, ValueBits.Qnan) || Definition(test.Left) is not IntBinaryInst { Op: IntOp.And } mask) continue;
                var tested = IsConst(mask.Right, ValueBits.Qnan) ? mask.Left : IsConst(mask.Left, ValueBits.Qnan) ? mask.Right : null;
                if (tested is null || !proven.Contains(tested)) continue;
                var number = test.Condition == IntCondition.Ne ? test.IfTrue : test.IfFalse;
                if (_region.Contains(number)) _folded[block] = number;
            }
        }

        private bool Movable(Instruction inst, bool loadsSafe)
        {
            if (inst.Dest is not { } d || _assignedCount[d.Id] != 1 || _facts.IsDebugRegister(d)) return false;
            switch (inst)
            {
                case ConstInst or SymbolAddressInst or CopyInst or IntBinaryInst or IntCompareInst or FloatBinaryInst
                    or FloatCompareInst or ConvertInst:
                    break;
                case LoadInst load:
                    var (kind, symbol, offset) = Classify(load.Base, load.Offset);
                    if (kind != MemoryClass.Symbol && !loadsSafe) return false;
                    if (!AllInvariant(inst.Uses) || LiveAtHeader(d)) return false;
                    return !Written(kind, symbol, offset, load.Width) || kind == MemoryClass.FieldSlot && FieldLoadUnwritten(load);
                default:
                    return false;
            }
            return AllInvariant(inst.Uses) && !LiveAtHeader(d);
        }

        private bool LiveAtHeader(VReg r)
        {
            _liveness ??= NewLiveness();
            return _liveness.LiveIn(_loop.Header, r);
        }

        private void NoteStore(StoreInst store)
        {
            var (kind, symbol, offset) = Classify(store.Base, store.Offset);
            switch (kind)
            {
                case MemoryClass.Symbol: _symbolStores.Add((symbol!, offset, offset + store.Width)); break;
                case MemoryClass.FieldSlot: _fieldStore = true; break;
                case MemoryClass.Heap: _heapStore = true; break;
                default: _unknownStore = true; break;
            }
        }

        /// <summary>True when a store of the copy may write what a load of this class reads.</summary>
        private bool Written(MemoryClass kind, string? symbol, long offset, int width)
        {
            if (_unknownStore) return true;
            if (kind == MemoryClass.Unknown) return _heapStore || _fieldStore || _symbolStores.Count > 0;
            switch (kind)
            {
                case MemoryClass.Symbol:
                    return _symbolStores.Exists(s => s.Symbol == symbol && s.Start < offset + width && offset < s.End);
                case MemoryClass.FieldSlot:
                    return _fieldStore || _heapStore;
                case MemoryClass.Heap:
                    // Field slots start at +32 of an instance; a header or shape load below that never sees them.
                    return _heapStore || (_fieldStore && offset + width > 32);
                default:
                    return true;
            }
        }

        /// <summary>The address class of <c>[base+offset]</c>, following copies through single definitions (a base
        /// without one known definition — a parameter, a register assigned on several paths — may be anything).</summary>
        private (MemoryClass Kind, string? Symbol, long Offset) Classify(VReg @base, long offset)
        {
            var def = Resolve(@base);
            return def switch
            {
                SymbolAddressInst a => (MemoryClass.Symbol, a.Symbol, a.Addend + offset),
                IntBinaryInst { Op: IntOp.Add } add when IsCachedOffset(add.Left) || IsCachedOffset(add.Right) => (MemoryClass.FieldSlot, null, offset),
                null => (MemoryClass.Unknown, null, offset),
                _ => (MemoryClass.Heap, null, offset),
            };
        }

        private bool IsCachedOffset(VReg r) => Resolve(r) is LoadInst load && Resolve(load.Base) is SymbolAddressInst;

        /// <summary>The one definition of <paramref name="r"/> as the copy sees it (through copies), or null.</summary>
        private Instruction? Resolve(VReg r)
        {
            for (var step = 0; step < 8; step++)
            {
                var def = Definition(r);
                if (def is CopyInst copy)
                {
                    r = copy.Source;
                    continue;
                }
                return def;
            }
            return null;
        }

        private Instruction? Definition(VReg r)
        {
            if (_assignedCount[r.Id] is var n and > 0) return n == 1 ? _regionDefinition[r.Id] : null;
            return _facts.SingleDefinition[r.Id];
        }
    }
}
