using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

internal sealed partial class ValueNumbering
{
    /// <summary>One run over one function (the state is per function, so functions may run in parallel).</summary>
    private sealed class Walk
    {
        private readonly IrFunction _function;
        private readonly ValueNumberingGraph _graph;
        private readonly IReadOnlyList<VReg> _registers;

        // Per register (indexed by VReg.Id).
        private readonly bool[] _stable;
        private readonly int[] _vn;
        private readonly int[] _stamp;
        private readonly int[] _generation;

        // Per value number (grown on demand).
        private AddressClass[] _vnClass;
        private long[] _vnBase;   // symbol number / slot id for Symbol / Slot values
        private long[] _vnAddend; // addend of a Symbol value
        private bool[] _vnConst;
        private long[] _vnBits;
        private int _nextVn = 1;

        // Per block (reverse-postorder number).
        private readonly byte[] _effects;
        private readonly bool[] _done;
        // Each block's stores, for the join walk: one flat list, a block's entries contiguous (a block is walked once).
        private readonly int[] _storeStart;
        private readonly int[] _storeCount;
        private StoreFact[] _storeFacts;
        private int _storeTotal;
        // Each dominator-tree node's loads at exit, while its subtree is walked: a slice of one stack-shaped arena
        // (a node's slice is pushed after its dominator's and dropped when its subtree is done), or its dominator's
        // slice when the block changed nothing.
        private readonly int[] _exitStart;
        private readonly int[] _exitCount;
        private readonly int[] _arenaMark;
        private AvailableLoad[] _arena;
        private int _arenaTop;
        private readonly int[] _walkSeen;
        private readonly int[] _work;
        private int _walkCounter;

        private readonly ValueNumberingTable _table;
        private readonly AvailableLoads _loads;
        private readonly ValueNumberingScratch _scratch;
        private Dictionary<string, int>? _symbols;
        private int _current; // stamp of the block being walked: its reverse-postorder number + 1

        // Call epochs: a new number after every call (or instruction of unknown effect) and at a join some path to
        // which from the dominator calls. An F64 value is not reused from another epoch: no target keeps float
        // registers across calls, so `unbox` would park it around the call (two moves and a live range through the
        // call) where recomputing it (`bits_to_f64`, a float op) costs one instruction.
        private int _epoch;
        private int _epochCounter;
        private readonly int[] _exitEpoch;
        private const int Live = -2;     // a node's exit list is still in _loads (its only child is next)
        private int _enteredStart = -1;  // the slice the current block started from (-1: none; Live), and the version then
        private int _enteredCount;
        private int _enteredVersion;

        public Walk(IrFunction function)
        {
            _function = function;
            _graph = ValueNumberingGraph.For(function);
            _registers = function.Registers;
            var registers = _registers.Count;
            var s = _scratch = ValueNumberingScratch.Current;
            _stable = ScratchArrays.Take(ref s.Stable, registers);
            _vn = ScratchArrays.Take(ref s.Vn, registers);
            _stamp = ScratchArrays.Take(ref s.Stamp, registers);
            _generation = ScratchArrays.Take(ref s.Generation, registers);
            // About one value number per register; grown on demand (NewVn initialises each number it hands out).
            var numbers = registers + 16;
            _vnClass = ScratchArrays.TakeDirty(ref s.VnClass, numbers);
            _vnBase = ScratchArrays.TakeDirty(ref s.VnBase, numbers);
            _vnAddend = ScratchArrays.TakeDirty(ref s.VnAddend, numbers);
            _vnConst = ScratchArrays.TakeDirty(ref s.VnConst, numbers);
            _vnBits = ScratchArrays.TakeDirty(ref s.VnBits, numbers);
            var n = _graph.Count;
            _effects = ScratchArrays.Take(ref s.Effects, n);
            _done = ScratchArrays.Take(ref s.Done, n);
            _storeStart = ScratchArrays.Take(ref s.StoreStart, n);
            _storeCount = ScratchArrays.Take(ref s.StoreCount, n);
            _exitStart = ScratchArrays.Take(ref s.ExitStart, n);
            _exitCount = ScratchArrays.Take(ref s.ExitCount, n);
            _arenaMark = ScratchArrays.Take(ref s.ArenaMark, n);
            _walkSeen = ScratchArrays.Take(ref s.WalkSeen, n);
            _work = ScratchArrays.Take(ref s.Work, n);
            _exitEpoch = ScratchArrays.Take(ref s.ExitEpoch, n);
            _arena = ScratchArrays.TakeDirty(ref s.Arena, AvailableLoads.Capacity);
            _storeFacts = ScratchArrays.TakeDirty(ref s.StoreFacts, 16);
            _loads = s.Loads;
            _loads.Clear();
            var instructions = FindStableRegisters();
            _table = s.Table ??= new ValueNumberingTable();
            _table.Reset(instructions);
        }

        /// <summary>Counts definitions, marks stable registers (one definition dominating every read) and notes each
        /// block's memory effects; returns how many pure computations the table may hold.</summary>
        private int FindStableRegisters()
        {
            var registers = _registers.Count;
            var defs = ScratchArrays.Take(ref _scratch.Defs, registers);
            var defBlock = ScratchArrays.Take(ref _scratch.DefBlock, registers);
            var defIndex = ScratchArrays.Take(ref _scratch.DefIndex, registers);
            foreach (var p in _function.Parameters)
            {
                defs[p.Id]++;
                defBlock[p.Id] = 0;
                defIndex[p.Id] = -1;
            }
            var blocks = _graph.Blocks;
            var reached = _graph.Count;
            var total = 0;
            // Definitions in unreachable blocks count too (they make a register unstable), though such blocks are
            // never walked.
            foreach (var block in _function.Blocks)
            {
                var number = _graph.NumberOfId[block.Id];
                var list = block.Instructions;
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i].Dest is not { } d) continue;
                    if (list[i].IsPure && list[i] is not CopyInst and not LoadInst || list[i] is CallInst c && RuntimeFunctions.IsPure(c)) total++;
                    defs[d.Id]++;
                    defBlock[d.Id] = number;
                    defIndex[d.Id] = i;
                }
            }
            for (var r = 0; r < registers; r++) _stable[r] = defs[r] == 1 && defBlock[r] >= 0;
            for (var b = 0; b < reached; b++)
            {
                var list = blocks[b].Instructions;
                byte effect = EffectNone;
                for (var i = 0; i < list.Count; i++)
                {
                    var inst = list[i];
                    if (inst is CallInst call)
                    {
                        // Not through Uses, which builds a new list for a call with a target.
                        if (call.Target is { } target) CheckRead(target.Id, b, i, defBlock, defIndex);
                        var args = call.Arguments;
                        for (var k = 0; k < args.Count; k++) CheckRead(args[k].Id, b, i, defBlock, defIndex);
                    }
                    else
                    {
                        var uses = inst.Uses;
                        for (var k = 0; k < uses.Count; k++) CheckRead(uses[k].Id, b, i, defBlock, defIndex);
                    }
                    if (inst is StoreInst) effect |= EffectStores;
                    else if (inst is CallInst c && RuntimeFunctions.WritesNoMemory(c)) effect |= EffectCalls;
                    else if (!inst.IsPure && !inst.IsTerminator) effect |= EffectAll;
                }
                _effects[b] = effect;
            }
            return total;
        }

        /// <summary>A read of register <paramref name="u"/> at instruction <paramref name="i"/> of block
        /// <paramref name="b"/> that its definition does not dominate makes it unstable.</summary>
        private void CheckRead(int u, int b, int i, int[] defBlock, int[] defIndex)
        {
            if (!_stable[u]) return;
            var db = defBlock[u];
            if (db == b ? defIndex[u] >= i : !_graph.Dominates(db, b)) _stable[u] = false;
        }

        public void Run()
        {
            RunInner();
            _graph.Release();
            // Hand grown arrays back for the next function.
            var s = _scratch;
            (s.VnClass, s.VnBase, s.VnAddend, s.VnConst, s.VnBits) = (_vnClass, _vnBase, _vnAddend, _vnConst, _vnBits);
            (s.Arena, s.StoreFacts) = (_arena, _storeFacts);
        }

        private void RunInner()
        {
            var n = _graph.Count;
            var marks = ScratchArrays.TakeDirty(ref _scratch.Marks, n);
            // Each node is pushed once and popped twice (enter, ~leave): at most 2n entries.
            var stack = ScratchArrays.TakeDirty(ref _scratch.Stack, 2 * n);
            var top = 0;
            stack[top++] = 0;
            // Parameters: one value each on entry; a Sox function's first parameter is its closure (an allocation start).
            _current = 1;
            for (var i = 0; i < _function.Parameters.Count; i++)
            {
                var p = _function.Parameters[i];
                var cls = i == 0 && _function.Convention == CallingConvention.Sox ? AddressClass.Start : AddressClass.Other;
                SetVn(p, NewVn(cls));
            }
            while (top > 0)
            {
                var node = stack[--top];
                if (node < 0)
                {
                    _table.Restore(marks[~node]);
                    _arenaTop = _arenaMark[~node];
                    continue;
                }
                marks[node] = _table.Mark;
                EnterLoads(node);
                _current = node + 1;
                Block(node);
                _done[node] = true;
                _exitEpoch[node] = _epoch;
                var children = _graph.Children(node);
                // A block that left the loads it entered with as they were shares its dominator's list.
                _arenaMark[node] = _arenaTop;
                if (children.Length == 1)
                {
                    // The only child is walked next, nothing in between: it starts from the list as it is.
                    _exitStart[node] = Live;
                }
                else if (children.Length > 1)
                {
                    if (_loads.Version == _enteredVersion && _enteredStart >= 0)
                    {
                        _exitStart[node] = _enteredStart;
                        _exitCount[node] = _enteredCount;
                    }
                    else
                    {
                        var count = _loads.Count;
                        if (_arenaTop + count > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaTop + count));
                        _loads.CopyTo(_arena.AsSpan(_arenaTop, count));
                        _exitStart[node] = _arenaTop;
                        _exitCount[node] = count;
                        _arenaTop += count;
                    }
                }
                stack[top++] = ~node;
                for (var c = children.Length - 1; c >= 0; c--) stack[top++] = children[c];
            }
        }

        /// <summary>The loads known on entry to block <paramref name="b"/>: its immediate dominator's at exit, less
        /// what any block between them may write.</summary>
        private void EnterLoads(int b)
        {
            _enteredStart = -1;
            if (b == 0)
            {
                _loads.Clear();
                _epoch = 0;
                return;
            }
            var idom = _graph.Idom[b];
            _enteredStart = _exitStart[idom];
            _enteredCount = _exitCount[idom];
            if (_enteredStart != Live) _loads.Load(_arena.AsSpan(_enteredStart, _enteredCount));
            _enteredVersion = _loads.Version;
            _epoch = _exitEpoch[idom];
            var preds = _graph.Predecessors(b);
            if (preds.Length == 1 && preds[0] == idom) return;
            // Backward from the join's predecessors to the dominator: every block on a path in between.
            var stamp = ++_walkCounter;
            var top = 0;
            foreach (var p in preds)
            {
                if (p != idom && _walkSeen[p] != stamp)
                {
                    _walkSeen[p] = stamp;
                    _work[top++] = p;
                }
            }
            var budget = JoinWalkBudget;
            var called = false;
            while (top > 0)
            {
                var x = _work[--top];
                if (--budget < 0 || x == 0 || (_effects[x] & EffectAll) != 0)
                {
                    _loads.Clear();
                    _epoch = ++_epochCounter;
                    return;
                }
                called |= (_effects[x] & EffectCalls) != 0;
                if ((_effects[x] & EffectStores) != 0 && !_done[x]) _loads.Clear();
                if (_loads.Count > 0)
                {
                    var end = _storeStart[x] + _storeCount[x];
                    for (var k = _storeStart[x]; k < end; k++)
                    {
                        ref var s = ref _storeFacts[k];
                        _loads.Kill(s.Class, s.Base, s.Offset, s.Width);
                    }
                }
                foreach (var p in _graph.Predecessors(x))
                {
                    if (p != idom && _walkSeen[p] != stamp)
                    {
                        _walkSeen[p] = stamp;
                        _work[top++] = p;
                    }
                }
            }
            if (called) _epoch = ++_epochCounter;
        }

        private void Block(int b)
        {
            var list = _graph.Blocks[b].Instructions;
            _storeStart[b] = _storeTotal;
            for (var i = 0; i < list.Count; i++)
            {
                var inst = list[i];
                switch (inst)
                {
                    case ConstInst c:
                    {
                        var vn = Content(KindConst + (int)c.Dest.Type, c.Bits, 0, AddressClass.Other);
                        _vnConst[vn] = true;
                        _vnBits[vn] = c.Bits;
                        SetVn(c.Dest, vn);
                        break;
                    }
                    case SymbolAddressInst a:
                    {
                        _symbols ??= new Dictionary<string, int>(StringComparer.Ordinal);
                        if (!_symbols.TryGetValue(a.Symbol, out var sym)) _symbols[a.Symbol] = sym = _symbols.Count;
                        var vn = Content(KindAddr, sym, a.Addend, AddressClass.Symbol);
                        _vnBase[vn] = sym;
                        _vnAddend[vn] = a.Addend;
                        SetVn(a.Dest, vn);
                        break;
                    }
                    case StackSlotAddressInst s:
                    {
                        var vn = Content(KindSlot, s.Slot.Id, 0, AddressClass.Slot);
                        _vnBase[vn] = s.Slot.Id;
                        _vnAddend[vn] = 0;
                        SetVn(s.Dest, vn);
                        break;
                    }
                    case CopyInst c:
                        SetVn(c.Dest, GetVn(c.Source));
                        break;
                    case IntBinaryInst op:
                    {
                        long l = GetVn(op.Left), r = GetVn(op.Right);
                        if (op.Op is IntOp.Add or IntOp.Mul or IntOp.And or IntOp.Or or IntOp.Xor && l > r) (l, r) = (r, l);
                        Pure(list, i, KindInt + (int)op.Op, l, r, IntResultClass(op.Op, (int)l, (int)r));
                        break;
                    }
                    case FloatBinaryInst op:
                        Pure(list, i, KindFloat + (int)op.Op, GetVn(op.Left), GetVn(op.Right), AddressClass.Other);
                        break;
                    case IntCompareInst op:
                    {
                        long l = GetVn(op.Left), r = GetVn(op.Right);
                        if (op.Condition is IntCondition.Eq or IntCondition.Ne && l > r) (l, r) = (r, l);
                        Pure(list, i, KindIntCompare + (int)op.Condition, l, r, AddressClass.Other);
                        break;
                    }
                    case FloatCompareInst op:
                        Pure(list, i, KindFloatCompare + (int)op.Condition, GetVn(op.Left), GetVn(op.Right), AddressClass.Other);
                        break;
                    case ConvertInst op:
                    {
                        var s = GetVn(op.Source);
                        Pure(list, i, KindConvert + (int)op.Kind, s, 0, Derived(s));
                        break;
                    }
                    case LoadInst load:
                        Load(list, i, load);
                        break;
                    case StoreInst store:
                        Store(b, store);
                        break;
                    case CallInst call when RuntimeFunctions.WritesNoMemory(call):
                        // Loads stay valid across it; a pure one (sox_equal: symmetric, §3) may be an earlier one's copy.
                        if (RuntimeFunctions.IsPure(call) && call.Result is { } && call.Arguments.Count == 2)
                        {
                            long l = GetVn(call.Arguments[0]), r = GetVn(call.Arguments[1]);
                            if (l > r) (l, r) = (r, l);
                            Pure(list, i, KindPureCall + (call.Symbol == RuntimeFunctions.Equal ? 0 : 1), l, r, AddressClass.Other);
                            if (list[i] is CopyInst) break;
                        }
                        else if (inst.Dest is { } result) SetVn(result, NewVn(AddressClass.Other));
                        _epoch = ++_epochCounter;
                        break;
                    default:
                        // Calls, high-level Sox operators, anything else: a fresh value; unless pure, memory is unknown.
                        if (!inst.IsPure && !inst.IsTerminator)
                        {
                            _loads.Clear();
                            _epoch = ++_epochCounter;
                        }
                        if (inst.Dest is { } d) SetVn(d, NewVn(AddressClass.Other));
                        break;
                }
            }
        }

        /// <summary>The class of an integer operation's result: an unboxed object pointer is an allocation start;
        /// arithmetic on a symbol or slot address is untracked; anything else is a heap address at most.</summary>
        private AddressClass IntResultClass(IntOp op, int l, int r)
        {
            if (op == IntOp.And && (IsConst(l, ValueBits.AddressMask) || IsConst(r, ValueBits.AddressMask))) return AddressClass.Start;
            var a = Derived(l);
            return a == AddressClass.Unknown ? a : Derived(r);
        }

        private AddressClass Derived(int vn) =>
            _vnClass[vn] is AddressClass.Symbol or AddressClass.Slot or AddressClass.Unknown ? AddressClass.Unknown : AddressClass.Other;

        private bool IsConst(int vn, long bits) => _vnConst[vn] && _vnBits[vn] == bits;

        /// <summary>Numbers a constant, address or slot address by its content (never replaced).</summary>
        private int Content(int kind, long a, long b, AddressClass cls)
        {
            var slot = _table.Find(kind, a, b);
            ref var e = ref _table.At(slot);
            if (e.Kind != 0) return e.Vn;
            var vn = NewVn(cls);
            if (!_table.Crowded) _table.Set(slot, new ValueNumberingTable.Entry { Kind = kind, A = a, B = b, Vn = vn, Holder = -1 });
            return vn;
        }

        /// <summary>A pure computation: a copy of the register holding its value when one is known, else a new value.</summary>
        private void Pure(List<Instruction> list, int index, int kind, long a, long b, AddressClass cls)
        {
            var inst = list[index];
            var dest = inst.Dest!;
            var slot = _table.Find(kind, a, b);
            ref var e = ref _table.At(slot);
            if (e.Kind != 0)
            {
                var vn = e.Vn;
                var usable = Holds(e.Holder, e.Generation, e.Stamp) && (dest.Type != IrType.F64 || e.Epoch == _epoch);
                if (usable && e.Holder != dest.Id)
                {
                    list[index] = new CopyInst(dest, _registers[e.Holder], inst.Line) { Column = inst.Column };
                    SetVn(dest, vn);
                    return;
                }
                SetVn(dest, vn);
                if (!usable || !Holds(e.Holder, e.Generation, e.Stamp))
                {
                    _table.Set(slot, new ValueNumberingTable.Entry { Kind = kind, A = a, B = b, Vn = vn, Holder = dest.Id, Generation = _generation[dest.Id], Stamp = _current, Epoch = _epoch });
                }
                return;
            }
            var fresh = NewVn(cls);
            SetVn(dest, fresh);
            if (!_table.Crowded)
            {
                _table.Set(slot, new ValueNumberingTable.Entry { Kind = kind, A = a, B = b, Vn = fresh, Holder = dest.Id, Generation = _generation[dest.Id], Stamp = _current, Epoch = _epoch });
            }
        }

        /// <summary>Where a load or store at <paramref name="baseReg"/>+<paramref name="offset"/> points.</summary>
        private (AddressClass Class, long Base, long Offset) Address(VReg baseReg, int offset)
        {
            var vn = GetVn(baseReg);
            var cls = _vnClass[vn];
            return cls is AddressClass.Symbol or AddressClass.Slot
                ? (cls, _vnBase[vn], _vnAddend[vn] + offset)
                : (cls, vn, offset);
        }

        private void Load(List<Instruction> list, int index, LoadInst load)
        {
            var dest = load.Dest;
            var (cls, b, off) = Address(load.Base, load.Offset);
            if (cls == AddressClass.Unknown)
            {
                SetVn(dest, NewVn(AddressClass.Other));
                return;
            }
            for (var k = 0; k < _loads.Count; k++)
            {
                ref var e = ref _loads[k];
                if (e.Class != cls || e.Base != b || e.Offset != off || e.Width != load.Width || e.Type != dest.Type) continue;
                if (e.Holder != dest.Id && Holds(e.Holder, e.Generation, e.Stamp))
                {
                    list[index] = new CopyInst(dest, _registers[e.Holder], load.Line) { Column = load.Column };
                    SetVn(dest, e.Vn);
                    return;
                }
                SetVn(dest, e.Vn);
                _loads.Touch();
                e.Holder = dest.Id;
                e.Generation = _generation[dest.Id];
                e.Stamp = _current;
                return;
            }
            // An allocation start holds pointers to other allocation starts at +16 and from +24 on (AddressClass.Start).
            var resultClass = cls == AddressClass.Start && load.Width == 8 && (off == 16 || off >= 24) ? AddressClass.Start : AddressClass.Other;
            var vn = NewVn(resultClass);
            SetVn(dest, vn);
            _loads.Add(new AvailableLoad
            {
                Class = cls, Base = b, Offset = off, Width = load.Width, Type = dest.Type,
                Vn = vn, Holder = dest.Id, Generation = _generation[dest.Id], Stamp = _current,
            });
        }

        private void Store(int block, StoreInst store)
        {
            var (cls, b, off) = Address(store.Base, store.Offset);
            _loads.Kill(cls, b, off, store.Width);
            if (_storeTotal == _storeFacts.Length) Array.Resize(ref _storeFacts, _storeTotal * 2);
            _storeFacts[_storeTotal++] = new StoreFact { Class = cls, Base = b, Offset = off, Width = store.Width };
            _storeCount[block]++;
            // Store-to-load forwarding: a later 64-bit load of the same address reads the stored register's bits.
            if (cls == AddressClass.Unknown || store.Width != 8) return;
            var value = store.Value;
            _loads.Add(new AvailableLoad
            {
                Class = cls, Base = b, Offset = off, Width = 8, Type = value.Type,
                Vn = GetVn(value), Holder = value.Id, Generation = _generation[value.Id], Stamp = _current,
            });
        }

        /// <summary>True when register <paramref name="holder"/> still holds the value it took (stable registers
        /// always; others only in the same block visit and before their next definition).</summary>
        private bool Holds(int holder, int generation, int stamp) =>
            holder >= 0 && (_stable[holder] || (stamp == _current && _generation[holder] == generation));

        private int GetVn(VReg r)
        {
            var id = r.Id;
            if (_stable[id])
            {
                if (_vn[id] == 0) _vn[id] = NewVn(AddressClass.Other);
                return _vn[id];
            }
            if (_stamp[id] != _current)
            {
                _stamp[id] = _current;
                _vn[id] = NewVn(AddressClass.Other);
                _generation[id]++;
            }
            return _vn[id];
        }

        private void SetVn(VReg r, int vn)
        {
            var id = r.Id;
            _vn[id] = vn;
            if (_stable[id]) return;
            _stamp[id] = _current;
            _generation[id]++;
        }

        private int NewVn(AddressClass cls)
        {
            var vn = _nextVn++;
            if (vn >= _vnClass.Length)
            {
                var size = _vnClass.Length * 2;
                Array.Resize(ref _vnClass, size);
                Array.Resize(ref _vnBase, size);
                Array.Resize(ref _vnAddend, size);
                Array.Resize(ref _vnConst, size);
                Array.Resize(ref _vnBits, size);
            }
            _vnClass[vn] = cls;
            _vnConst[vn] = false;
            return vn;
        }
    }

    /// <summary>One store of a walked block: its address and width.</summary>
    internal struct StoreFact
    {
        public AddressClass Class;
        public long Base;
        public long Offset;
        public int Width;
    }
}
