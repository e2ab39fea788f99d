using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

internal sealed partial class LoopVersioning
{
    /// <summary>Builds the check chain and the fast copy of <paramref name="loop"/>; returns the copy's header.</summary>
    private static BasicBlock Apply(IrFunction function, Loops.Loop loop, BasicBlock preheader, Plan plan, Facts facts)
    {
        var header = loop.Header;
        var entry = preheader.Terminator!;
        var line = entry.Line;
        var column = entry.Column;
        var renamed = new List<(VReg Original, VReg Copy)>();
        var rename = new Dictionary<VReg, VReg>();
        foreach (var r in plan.Assigned)
        {
            if (facts.IsDebugRegister(r)) continue; // the debugger's location stays the variable's register
            var n = function.NewRegister(r.Type, r.Hint);
            rename[r] = n;
            renamed.Add((r, n));
        }
        VReg R(VReg v) => rename.TryGetValue(v, out var n) ? n : v;

        // Layout: preheader, checks, the copy, its exits, then the original loop's entry (the slow path) and the block
        // its back edges go through. A failed check costs one unit of the budget; while some is left, every iteration
        // of the original loop ends by running the checks again (the caches a guard compares with are usually filled
        // by the loop's own first iteration, and a side exit taken once should not keep the loop slow).
        var budget = function.NewRegister(IrType.I64, "version_budget");
        preheader.Instructions.Insert(preheader.Instructions.Count - 1, new ConstInst(budget, RecheckBudget, line) { Column = column });
        var slowEntry = function.NewBlockAfter(preheader, "versioned_slow");
        var one = function.NewRegister(IrType.I64);
        slowEntry.Instructions.Add(new ConstInst(one, 1, line) { Column = column });
        slowEntry.Instructions.Add(new IntBinaryInst(IntOp.Sub, budget, budget, one, line) { Column = column });
        slowEntry.Instructions.Add(new JumpInst(header, line) { Column = column });
        var recheck = function.NewBlockAfter(slowEntry, "version_recheck");
        var zero = function.NewRegister(IrType.I64);
        var after = preheader;
        BasicBlock NewAfter(string? hint)
        {
            var b = function.NewBlockAfter(after, hint);
            after = b;
            return b;
        }
        var check = NewAfter("version_check");
        preheader.Instructions[^1] = new JumpInst(check, line) { Column = column };
        recheck.Instructions.Add(new ConstInst(zero, 0, line) { Column = column });
        recheck.Instructions.Add(new CompareBranchInst(IntCondition.Gt, budget, zero, check, header, line) { Column = column });
        foreach (var block in plan.Order)
        {
            foreach (var inst in block.Instructions)
            {
                if (!plan.Moved.Contains(inst)) continue;
                var moved = Copy(inst, R, b => b)!;
                moved.Line = line; // it runs before the loop, as licm's hoisted instructions do
                moved.Column = column;
                check.Instructions.Add(moved);
            }
            if (plan.Hoisted.TryGetValue(block, out var passing))
            {
                var next = NewAfter("version_check");
                var test = Copy(block.Terminator!, R, s => s == passing ? next : slowEntry)!;
                test.Line = line;
                test.Column = column;
                check.Instructions.Add(test);
                check = next;
            }
        }
        var carried = CarryFields(function, plan, R, ref check, NewAfter, slowEntry, line, column);
        foreach (var (original, copy) in renamed)
        {
            if (plan.DefinedOutside(original) && plan.Liveness.LiveIn(header, original))
            {
                check.Instructions.Add(new CopyInst(copy, original, line) { Column = column });
            }
        }

        var copies = new Dictionary<BasicBlock, BasicBlock>();
        foreach (var block in function.Blocks.Where(plan.Region.Contains).ToList()) copies[block] = NewAfter(block.Hint);
        check.Instructions.Add(new JumpInst(copies[header], line) { Column = column });
        var exits = new Dictionary<BasicBlock, BasicBlock>();
        BasicBlock To(BasicBlock target)
        {
            if (copies.TryGetValue(target, out var c)) return c;
            if (exits.TryGetValue(target, out var e)) return e;
            e = NewAfter("version_exit");
            var at = target.Instructions[0];
            StoreBack(e, carried, at);
            foreach (var (original, copy) in renamed)
            {
                if (plan.Liveness.LiveIn(target, original)) e.Instructions.Add(new CopyInst(original, copy, at.Line) { Column = at.Column });
            }
            e.Instructions.Add(new JumpInst(target, at.Line) { Column = at.Column });
            exits[target] = e;
            return e;
        }
        foreach (var (block, copyBlock) in copies)
        {
            foreach (var inst in block.Instructions)
            {
                if (plan.Moved.Contains(inst)) continue;
                if (inst is ReturnInst) StoreBack(copyBlock, carried, inst);
                var c = inst.IsTerminator && (plan.Hoisted.TryGetValue(block, out var passing) || plan.Folded.TryGetValue(block, out passing))
                    ? new JumpInst(copies[passing], inst.Line)
                    : plan.PromotedAccess.TryGetValue(inst, out var field) ? Carry(inst, carried[field].Value, R)
                    : Copy(inst, R, To)!;
                c.Line = inst.Line;
                c.Column = inst.Column;
                copyBlock.Instructions.Add(c);
            }
        }
        // The original loop's back edges go through the re-check.
        foreach (var block in loop.Body)
        {
            var t = block.Terminator!;
            if (!t.Successors.Contains(header)) continue;
            var retargeted = Copy(t, r => r, s => s == header ? recheck : s)!;
            retargeted.Line = t.Line;
            retargeted.Column = t.Column;
            block.Instructions[^1] = retargeted;
        }
        return copies[header];
    }

    /// <summary>True for the instructions <see cref="Copy"/> copies (without making a copy).</summary>
    private static bool CanCopy(Instruction inst) => inst is ConstInst or CopyInst or IntBinaryInst or IntCompareInst or FloatBinaryInst
        or FloatCompareInst or ConvertInst or LoadInst or StoreInst or SymbolAddressInst or StackSlotAddressInst or JumpInst or BranchInst
        or CompareBranchInst or FloatCompareBranchInst or ReturnInst;

    /// <summary>A copy of <paramref name="inst"/> with its registers mapped by <paramref name="r"/> and its successors by
    /// <paramref name="to"/> (line and column left to the caller); null for an instruction this pass does not copy.</summary>
    internal static Instruction? Copy(Instruction inst, Func<VReg, VReg> r, Func<BasicBlock, BasicBlock> to) => inst switch
    {
        ConstInst c => new ConstInst(r(c.Dest!), c.Bits, 0),
        CopyInst c => new CopyInst(r(c.Dest!), r(c.Source), 0),
        IntBinaryInst c => new IntBinaryInst(c.Op, r(c.Dest!), r(c.Left), r(c.Right), 0),
        IntCompareInst c => new IntCompareInst(c.Condition, r(c.Dest!), r(c.Left), r(c.Right), 0),
        FloatBinaryInst c => new FloatBinaryInst(c.Op, r(c.Dest!), r(c.Left), r(c.Right), 0),
        FloatCompareInst c => new FloatCompareInst(c.Condition, r(c.Dest!), r(c.Left), r(c.Right), 0),
        ConvertInst c => new ConvertInst(c.Kind, r(c.Dest!), r(c.Source), 0),
        LoadInst c => new LoadInst(r(c.Dest!), r(c.Base), c.Offset, c.Width, 0),
        StoreInst c => new StoreInst(r(c.Base), c.Offset, r(c.Value), c.Width, 0),
        SymbolAddressInst c => new SymbolAddressInst(r(c.Dest!), c.Symbol, c.Addend, 0),
        StackSlotAddressInst c => new StackSlotAddressInst(r(c.Dest!), c.Slot, 0),
        JumpInst c => new JumpInst(to(c.Target), 0),
        BranchInst c => new BranchInst(r(c.Condition), to(c.IfTrue), to(c.IfFalse), 0),
        CompareBranchInst c => new CompareBranchInst(c.Condition, r(c.Left), r(c.Right), to(c.IfTrue), to(c.IfFalse), 0),
        FloatCompareBranchInst c => new FloatCompareBranchInst(c.Condition, r(c.Left), r(c.Right), to(c.IfTrue), to(c.IfFalse), 0),
        ReturnInst c => new ReturnInst(c.Value is { } v ? r(v) : null, 0),
        _ => null, // calls, high-level instructions: never in a copy (it holds no call; legalize ran)
    };

    /// <summary>Backward liveness of a set of registers (the ones a copy may rename) at the entry of each block of a
    /// loop, computed before the function changes: a register is live at a block when some path from it reads the
    /// register before assigning it. Outside the loop a register counts as live wherever it is read somewhere outside
    /// (an over-approximation: at worst a copy back too many), so the cost is the loop's blocks × its registers.</summary>
    internal sealed class Liveness
    {
        private readonly int[] _index;
        private readonly int _registers;
        private readonly Loops.LoopBody _body;
        private readonly int[] _position;
        private readonly ulong[] _live;
        private readonly ulong[] _outside;
        private readonly int _words;

        public Liveness(IrFunction function, Loops.LoopBody body, IEnumerable<VReg> registers, Func<VReg, bool> readOutside)
        {
            // Flat rows in this thread's scratch (LoopVersioningScratch: valid until the next plan on the thread).
            var scratch = LoopVersioningScratch.Current;
            _registers = function.Registers.Count;
            _index = ScratchArrays.TakeDirty(ref scratch.Index, _registers);
            Array.Fill(_index, -1, 0, _registers);
            var count = 0;
            foreach (var r in registers) _index[r.Id] = count++;
            _words = Math.Max(1, (count + 63) >> 6);
            var words = _words;
            _body = body;
            var blocks = scratch.Blocks;
            blocks.Clear();
            var ids = 0;
            foreach (var b in body)
            {
                blocks.Add(b);
                ids = Math.Max(ids, b.Id + 1);
            }
            _position = ScratchArrays.TakeDirty(ref scratch.Position, ids);
            for (var b = 0; b < blocks.Count; b++) _position[blocks[b].Id] = b;
            _outside = ScratchArrays.Take(ref scratch.Outside, words);
            foreach (var r in registers)
            {
                if (readOutside(r)) Set(_outside, 0, _index[r.Id]);
            }
            var size = blocks.Count * words;
            var gen = ScratchArrays.Take(ref scratch.Gen, size);
            var kill = ScratchArrays.Take(ref scratch.Kill, size);
            _live = ScratchArrays.Take(ref scratch.Live, size);
            var live = _live;
            var index = _index;
            for (var b = 0; b < blocks.Count; b++)
            {
                var row = b * words;
                var instructions = blocks[b].Instructions;
                for (var i = instructions.Count - 1; i >= 0; i--)
                {
                    var inst = instructions[i];
                    if (inst.Dest is { } d && index[d.Id] is var k and >= 0)
                    {
                        Set(kill, row, k);
                        gen[row + (k >> 6)] &= ~(1UL << (k & 63));
                    }
                    var state = (index, gen, row);
                    LoopVersioningScratch.ForEachUse(inst, ref state, static (u, ref s) =>
                    {
                        if (s.index[u.Id] is var j and >= 0) Set(s.gen, s.row, j);
                    });
                }
                Array.Copy(gen, row, live, row, words);
            }
            var next = ScratchArrays.TakeDirty(ref scratch.Scratch, words);
            bool changed;
            do
            {
                changed = false;
                for (var b = blocks.Count - 1; b >= 0; b--)
                {
                    var row = b * words;
                    Array.Clear(next, 0, words);
                    foreach (var s in blocks[b].Successors)
                    {
                        var from = body.Contains(s) ? live : _outside;
                        var at = body.Contains(s) ? _position[s.Id] * words : 0;
                        for (var w = 0; w < words; w++) next[w] |= from[at + w];
                    }
                    for (var w = 0; w < words; w++)
                    {
                        var v = (next[w] & ~kill[row + w]) | gen[row + w];
                        if (v != live[row + w])
                        {
                            live[row + w] = v;
                            changed = true;
                        }
                    }
                }
            }
            while (changed);
        }

        private static void Set(ulong[] rows, int row, int k) => rows[row + (k >> 6)] |= 1UL << (k & 63);

        /// <summary>True when <paramref name="r"/> (one of the registers given) may be live at the entry of
        /// <paramref name="block"/>.</summary>
        public bool LiveIn(BasicBlock block, VReg r)
        {
            if ((uint)r.Id >= (uint)_registers || _index[r.Id] is not (var k and >= 0)) return false;
            var (rows, row) = _body.Contains(block) ? (_live, _position[block.Id] * _words) : (_outside, 0);
            return (rows[row + (k >> 6)] & (1UL << (k & 63))) != 0;
        }
    }
}
