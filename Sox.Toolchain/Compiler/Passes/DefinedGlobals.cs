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

    private readonly record struct Slot(string Symbol, long Addend, int Offset);

    public override void Run(IrFunction function)
    {
        var definitions = SingleDefinitions(function);
        Slot? SlotOf(VReg address, int offset) =>
            definitions.TryGetValue(address, out var def) && def is SymbolAddressInst a ? new Slot(a.Symbol, a.Addend, offset) : null;
        Slot? CheckedSlot(BasicBlock block)
        {
            if (block.Terminator is not CompareBranchInst { Condition: IntCondition.Eq } branch) return null;
            if (!definitions.TryGetValue(branch.Right, out var right) || right is not ConstInst { Bits: ValueBits.Undefined }) return null;
            return definitions.TryGetValue(branch.Left, out var left) && left is LoadInst load ? SlotOf(load.Base, load.Offset) : null;
        }

        // Only slots that some check tests matter; give each a bit.
        var index = new Dictionary<Slot, int>();
        foreach (var block in function.Blocks)
        {
            if (CheckedSlot(block) is { } slot && !index.ContainsKey(slot)) index[slot] = index.Count;
        }
        if (index.Count == 0) return;

        var blocks = function.Blocks;
        var order = new Dictionary<BasicBlock, int>();
        for (var i = 0; i < blocks.Count; i++) order[blocks[i]] = i;
        var stores = new BitSet[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            stores[i] = new BitSet(index.Count);
            foreach (var inst in blocks[i].Instructions)
            {
                if (inst is StoreInst store && SlotOf(store.Base, store.Offset) is { } slot && index.TryGetValue(slot, out var bit)) stores[i].Set(bit);
            }
        }

        // known[i]: slots defined on entry to block i. Start from "everything" (except the entry) and intersect down.
        var known = new BitSet[blocks.Count];
        for (var i = 0; i < blocks.Count; i++) known[i] = i == 0 ? new BitSet(index.Count) : BitSet.All(index.Count);
        var preds = FlowGraph.Predecessors(function, order);
        bool changed;
        do
        {
            changed = false;
            for (var i = 1; i < blocks.Count; i++)
            {
                var meet = BitSet.All(index.Count);
                if (preds[i].Count == 0) meet = new BitSet(index.Count);
                foreach (var p in preds[i]) meet.IntersectWith(OutOnEdge(p, blocks[i]));
                if (!meet.SetEquals(known[i]))
                {
                    known[i] = meet;
                    changed = true;
                }
            }
        }
        while (changed);

        BitSet OutOnEdge(int from, BasicBlock to)
        {
            var result = known[from].Copy();
            result.UnionWith(stores[from]);
            if (CheckedSlot(blocks[from]) is { } slot && blocks[from].Terminator is CompareBranchInst branch && branch.IfFalse == to && branch.IfTrue != to)
                result.Set(index[slot]);
            return result;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            if (CheckedSlot(blocks[i]) is not { } slot) continue;
            var branch = (CompareBranchInst)blocks[i].Terminator!;
            // What matters is the slot when the checked value was loaded: known on entry, or stored earlier in
            // this block. A load in another block, or after a store here, is left alone (lowering emits neither).
            var load = definitions[branch.Left];
            var position = blocks[i].Instructions.IndexOf(load);
            if (position < 0) continue;
            var defined = known[i].Get(index[slot]);
            for (var k = 0; k < position && !defined; k++)
            {
                if (blocks[i].Instructions[k] is StoreInst store && SlotOf(store.Base, store.Offset) == slot) defined = true;
            }
            if (!defined) continue;
            blocks[i].Instructions[^1] = new JumpInst(branch.IfFalse, branch.Line);
        }
    }

    /// <summary>Registers assigned exactly once in the function, with their instruction (temporaries of lowering are).</summary>
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


}
