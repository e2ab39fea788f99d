using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Drops "Undefined variable" checks of globals that are already known to be defined (issue: global reads without
/// an undefined check once known defined). Lowering reads a global as <c>load [globals + 8·slot]</c> followed by
/// <c>if value == undefined → error</c> (§10.2, late binding). A slot never goes back to <c>undefined</c>: only a
/// declaration or an assignment stores into it, and no Sox value is the undefined bit pattern. So on every path
/// after a store to the slot, or after a check of it that passed, the check cannot fail.
/// <para>
/// A forward must-dataflow over the blocks (DWARF-free, textbook "available expressions"): a slot is known at the
/// entry of a block when it is known at the end of every predecessor edge; a store makes it known from there on; a
/// check makes it known only on its passing edge. A check whose slot is known where it runs becomes a jump to its
/// passing block; dead-code elimination then removes the error block and the unused constant. The top-level
/// script benefits most: a global declared before a loop is read in the loop without any check. Inside functions
/// the first read still checks (the function may run before the declaration), later ones on the same path do not.
/// </para>
/// Slots are recognised structurally, as (symbol, addend, offset) of a load or store whose base is a
/// <see cref="SymbolAddressInst"/>, and checks as a <see cref="CompareBranchInst"/> testing such a load for equality
/// with the constant <see cref="ValueBits.Undefined"/>: nothing else in the IR compares memory with that constant.
/// </summary>
internal sealed class DefinedGlobals : FunctionPass
{
    public override string Name => "globals";

    /// <summary>
    /// The slots some check tests, each with its bit. Keyed by symbol, then a short chain of (addend, offset): a
    /// dictionary keyed by a struct of ours would be JIT-compiled at start-up (ReadyToRun cannot precompile the
    /// framework's generic code over our value types), and it is used for every load and store.
    /// </summary>
    private sealed class SlotIndex
    {
        private sealed class Entry(long addend, int offset, int bit, Entry? next)
        {
            public readonly long Addend = addend;
            public readonly int Offset = offset;
            public readonly int Bit = bit;
            public readonly Entry? Next = next;
        }

        private readonly Dictionary<string, Entry> _bySymbol = new();

        public int Count { get; private set; }

        /// <summary>The bit of a slot, or -1 when no check tests it.</summary>
        public int Find(string symbol, long addend, int offset)
        {
            for (var e = _bySymbol.GetValueOrDefault(symbol); e is not null; e = e.Next)
            {
                if (e.Addend == addend && e.Offset == offset) return e.Bit;
            }
            return -1;
        }

        /// <summary>The bit of a slot, given the next free one if it has none yet.</summary>
        public int Add(string symbol, long addend, int offset)
        {
            var bit = Find(symbol, addend, offset);
            if (bit >= 0) return bit;
            _bySymbol[symbol] = new Entry(addend, offset, Count, _bySymbol.GetValueOrDefault(symbol));
            return Count++;
        }
    }

    public override void Run(IrFunction function)
    {
        var definitions = SingleDefinitions(function);
        Instruction? Definition(VReg r) => definitions[r.Id];

        // The slot a load or store at [address + offset] names, as (symbol, addend), or null.
        SymbolAddressInst? SlotBase(VReg address) => Definition(address) as SymbolAddressInst;

        // The load a block's terminator checks against undefined, or null.
        LoadInst? CheckedLoad(BasicBlock block)
        {
            if (block.Terminator is not CompareBranchInst { Condition: IntCondition.Eq } branch) return null;
            if (Definition(branch.Right) is not ConstInst { Bits: ValueBits.Undefined }) return null;
            return Definition(branch.Left) is LoadInst load && SlotBase(load.Base) is not null ? load : null;
        }

        // Only slots that some check tests matter; give each a bit.
        var blocks = function.Blocks;
        var index = new SlotIndex();
        var checkedBit = new int[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            checkedBit[i] = -1;
            if (CheckedLoad(blocks[i]) is { } load && SlotBase(load.Base) is { } a) checkedBit[i] = index.Add(a.Symbol, a.Addend, load.Offset);
        }
        if (index.Count == 0) return;

        int BitOf(VReg address, int offset) => SlotBase(address) is { } a ? index.Find(a.Symbol, a.Addend, offset) : -1;

        // Flat bit matrices, one row of `words` per block: no allocation per block or per iteration.
        var words = (index.Count + 63) / 64;
        var stores = new ulong[blocks.Count * words];
        for (var i = 0; i < blocks.Count; i++)
        {
            foreach (var inst in blocks[i].Instructions)
            {
                if (inst is StoreInst store && BitOf(store.Base, store.Offset) is var bit and >= 0) stores[i * words + (bit >> 6)] |= 1UL << (bit & 63);
            }
        }

        // The check's passing edge: only when the branch's false arm is not also its true arm.
        var passing = new BasicBlock?[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            if (checkedBit[i] >= 0 && blocks[i].Terminator is CompareBranchInst branch && branch.IfTrue != branch.IfFalse) passing[i] = branch.IfFalse;
        }

        // known[i]: slots defined on entry to block i. Start from "everything" (except the entry) and intersect down;
        // the greatest fixed point does not depend on the order of the sweeps.
        var known = new ulong[blocks.Count * words];
        var lastMask = (index.Count & 63) == 0 ? ~0UL : (1UL << (index.Count & 63)) - 1;
        for (var i = 1; i < blocks.Count; i++)
        {
            known.AsSpan(i * words, words).Fill(~0UL);
            known[i * words + words - 1] = lastMask;
        }
        var positions = FlowGraph.Positions(function);
        var preds = FlowGraph.Predecessors(function, positions);
        // Reverse postorder first (one sweep settles everything outside loops), then the unreachable blocks: any
        // order reaches the same greatest fixed point, this one in few sweeps.
        var sweep = FlowGraph.SweepOrder(function, positions);
        var meet = new ulong[words];
        bool changed;
        do
        {
            changed = false;
            foreach (var i in sweep)
            {
                // A block nothing jumps to never runs (the entry is block 0), so everything holds there: it keeps its
                // initial "all known". Treating it as "nothing known" (as this pass once did) made every join it
                // reaches know nothing, e.g. the unused direct-call block MethodInlining leaves behind each inlined
                // site, which cost lox/properties an undefined check of the receiver global at every call site.
                if (i == 0 || preds.Count(i) == 0) continue;
                meet.AsSpan().Fill(~0UL);
                meet[words - 1] = lastMask;
                foreach (var p in preds.Of(i))
                {
                    // Out of p on the edge to block i: known on entry, plus p's stores, plus p's check when this is its passing edge.
                    var passBit = passing[p] == blocks[i] ? checkedBit[p] : -1;
                    for (var w = 0; w < words; w++)
                    {
                        var outWord = known[p * words + w] | stores[p * words + w];
                        if (passBit >> 6 == w) outWord |= 1UL << (passBit & 63);
                        meet[w] &= outWord;
                    }
                }
                var row = known.AsSpan(i * words, words);
                if (!row.SequenceEqual(meet))
                {
                    meet.CopyTo(row);
                    changed = true;
                }
            }
        }
        while (changed);

        for (var i = 0; i < blocks.Count; i++)
        {
            var bit = checkedBit[i];
            if (bit < 0) continue;
            var branch = (CompareBranchInst)blocks[i].Terminator!;
            // What matters is the slot when the checked value was loaded: known on entry, or stored earlier in
            // this block. A load in another block, or after a store here, is left alone (lowering emits neither).
            var load = definitions[branch.Left.Id]!;
            var position = blocks[i].Instructions.IndexOf(load);
            if (position < 0) continue;
            var defined = (known[i * words + (bit >> 6)] & (1UL << (bit & 63))) != 0;
            for (var k = 0; k < position && !defined; k++)
            {
                if (blocks[i].Instructions[k] is StoreInst store && BitOf(store.Base, store.Offset) == bit) defined = true;
            }
            if (!defined) continue;
            blocks[i].Instructions[^1] = new JumpInst(branch.IfFalse, branch.Line);
        }
    }

    /// <summary>Registers assigned exactly once in the function (by an instruction; temporaries of lowering are), with
    /// their instruction, indexed by register id; null for any other register.</summary>
    private static Instruction?[] SingleDefinitions(IrFunction function)
    {
        var result = new Instruction?[function.Registers.Count];
        var many = new bool[function.Registers.Count];
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst.Dest is not { } dest || many[dest.Id]) continue;
                if (result[dest.Id] is null) result[dest.Id] = inst;
                else
                {
                    result[dest.Id] = null;
                    many[dest.Id] = true;
                }
            }
        }
        return result;
    }
}
