using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// -O2 number fast paths (architecture.md D1: numbers stay unboxed in registers). For <c>+ - * /</c>, <c>&lt; &lt;= &gt; &gt;=</c>,
/// <c>== !=</c> and unary <c>-</c>, the operation becomes: a NaN-box tag test of each operand not already known to
/// be a number (<c>(v &amp; QNAN) != QNAN</c>), the double operation inline, and the original high-level
/// instruction only on the slow path (legalisation then makes it the runtime call, which also raises the errors).
/// A comparison whose only use is the truthiness branch right after it becomes a fused float compare-branch.
/// Invariant established: every remaining <see cref="SoxBinaryInst"/> of those operators, and every negation, sits
/// on a slow path (is dominated by a failed tag test). Number results stay NaN-boxing-safe: values are never
/// signalling NaNs (NaNs from C are canonicalised, runtime-abi.md), and quiet-NaN arithmetic results have bit 50
/// clear, so they never collide with the tag space.
/// </summary>
internal sealed class NumberFastPaths : FunctionPass
{
    public override string Name => "fastpath";

    public override void Run(IrFunction function)
    {
        var defs = RegisterCounts.Definitions(function);
        var uses = RegisterCounts.Uses(function);
        var numbers = new bool[function.Registers.Count];
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst is ConstInst c && defs[c.Dest.Id] == 1 && ValueBits.IsNumber(c.Bits)) numbers[c.Dest.Id] = true;
            }
        }

        // New blocks go right after the block they split off (fast paths fall through). Inserting into the block
        // list is linear in its length, so the layout is kept as a linked list of block ids while expanding and the
        // list is rebuilt once at the end; new blocks are created with NewBlock (appended) for their ids.
        var layout = new Layout(function);
        var work = new Queue<BasicBlock>(function.Blocks);
        while (work.Count > 0)
        {
            var block = work.Dequeue();
            for (var i = 0; i < block.Instructions.Count; i++)
            {
                var inst = block.Instructions[i];
                if (!Applies(inst)) continue;
                var rest = Expand(function, layout, block, i, inst, numbers, defs, uses);
                if (rest is not null) work.Enqueue(rest);
                break;
            }
        }
        layout.Apply(function);
    }

    /// <summary>The block order as "next block" links by block id.</summary>
    private sealed class Layout
    {
        private readonly List<BasicBlock?> _next = new();
        private readonly BasicBlock? _first;
        private bool _changed;

        public Layout(IrFunction function)
        {
            var blocks = function.Blocks;
            _first = blocks.Count > 0 ? blocks[0] : null;
            for (var i = 0; i + 1 < blocks.Count; i++) SetNext(blocks[i], blocks[i + 1]);
        }

        /// <summary>A new block of <paramref name="function"/> placed right after <paramref name="after"/>.</summary>
        public BasicBlock NewBlockAfter(IrFunction function, BasicBlock after, string hint)
        {
            var block = function.NewBlock(hint);
            SetNext(block, Next(after));
            SetNext(after, block);
            _changed = true;
            return block;
        }

        public void Apply(IrFunction function)
        {
            if (!_changed) return;
            var blocks = function.Blocks;
            var count = blocks.Count;
            blocks.Clear();
            for (var b = _first; b is not null; b = Next(b)) blocks.Add(b);
            if (blocks.Count != count) throw new InvalidOperationException("fast-path layout lost a block");
        }

        private BasicBlock? Next(BasicBlock block) => block.Id < _next.Count ? _next[block.Id] : null;

        private void SetNext(BasicBlock block, BasicBlock? next)
        {
            while (_next.Count <= block.Id) _next.Add(null);
            _next[block.Id] = next;
        }
    }

    private static bool Applies(Instruction inst) => inst switch
    {
        SoxBinaryInst b => b.Op != SoxBinaryOp.Mod,
        SoxUnaryInst u => u.Op == SoxUnaryOp.Negate,
        _ => false,
    };

    /// <summary>
    /// Splits <paramref name="block"/> at instruction <paramref name="index"/> into tag tests, a fast and a slow block,
    /// and returns the block holding the instructions after it (null when the branch was fused and none remain).
    /// </summary>
    private static BasicBlock? Expand(IrFunction f, Layout layout, BasicBlock block, int index, Instruction inst,
        bool[] numbers, int[] defs, int[] uses)
    {
        var tail = block.Instructions.GetRange(index + 1, block.Instructions.Count - index - 1);
        block.Instructions.RemoveRange(index, block.Instructions.Count - index);
        var b = new IrBuilder(f) { Line = inst.Line, Column = inst.Column };
        b.SetBlock(block);
        // The operands not known to be numbers, each once, in operand order.
        var instUses = inst.Uses;
        var operands = new List<VReg>(instUses.Count);
        foreach (var r in instUses)
        {
            if (!numbers[r.Id] && !operands.Contains(r)) operands.Add(r);
        }
        var fused = inst is SoxBinaryInst sb && IsComparison(sb.Op) && tail.Count == 1 && tail[0] is BranchTruthyInst br
            && br.Value == sb.Dest && defs[sb.Dest.Id] == 1 && uses[sb.Dest.Id] == 1;

        var slow = layout.NewBlockAfter(f, block, "slow");
        var fast = layout.NewBlockAfter(f, block, "fast");
        var cont = fused ? null : layout.NewBlockAfter(f, slow, "cont");
        if (operands.Count > 0)
        {
            var qnan = b.Const(ValueBits.Qnan);
            for (var k = 0; k < operands.Count; k++)
            {
                var next = k == operands.Count - 1 ? fast : layout.NewBlockAfter(f, b.Block, "isnum");
                b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, operands[k], qnan), qnan, next, slow);
                b.SetBlock(next);
            }
        }
        else
        {
            b.Jump(fast);
            b.SetBlock(fast);
        }

        // Fast path: the double operation on the unboxed operands.
        switch (inst)
        {
            case SoxUnaryInst u:
                b.Emit(new IntBinaryInst(IntOp.Xor, u.Dest, u.Operand, b.Const(ValueBits.Sign), b.Line));
                break;
            case SoxBinaryInst s when fused:
                var branch = (BranchTruthyInst)tail[0];
                b.Emit(new FloatCompareBranchInst(Condition(s.Op), b.Convert(ConvertKind.BitsToFloat, s.Left),
                    b.Convert(ConvertKind.BitsToFloat, s.Right), branch.IfTrue, branch.IfFalse, b.Line));
                break;
            case SoxBinaryInst s when IsComparison(s.Op):
                var flag = b.FloatCompare(Condition(s.Op), b.Convert(ConvertKind.BitsToFloat, s.Left), b.Convert(ConvertKind.BitsToFloat, s.Right));
                b.Emit(new IntBinaryInst(IntOp.Or, s.Dest, flag, b.Const(ValueBits.False), b.Line));
                break;
            case SoxBinaryInst s:
                var result = b.Float(Arithmetic(s.Op), b.Convert(ConvertKind.BitsToFloat, s.Left), b.Convert(ConvertKind.BitsToFloat, s.Right));
                b.Emit(new ConvertInst(ConvertKind.FloatToBits, s.Dest, result, b.Line));
                break;
        }

        // Slow path: the original instruction (the runtime call after legalisation), then what followed it.
        if (cont is not null) b.Jump(cont);
        slow.Instructions.Add(inst);
        if (cont is null)
        {
            slow.Instructions.AddRange(tail);
            return null;
        }
        slow.Instructions.Add(new JumpInst(cont, inst.Line));
        cont.Instructions.AddRange(tail);
        return cont;
    }

    private static bool IsComparison(SoxBinaryOp op) => op is SoxBinaryOp.Eq or SoxBinaryOp.Ne or SoxBinaryOp.Lt
        or SoxBinaryOp.Le or SoxBinaryOp.Gt or SoxBinaryOp.Ge;

    private static FloatCondition Condition(SoxBinaryOp op) => op switch
    {
        SoxBinaryOp.Eq => FloatCondition.Eq,
        SoxBinaryOp.Ne => FloatCondition.Ne,
        SoxBinaryOp.Lt => FloatCondition.Lt,
        SoxBinaryOp.Le => FloatCondition.Le,
        SoxBinaryOp.Gt => FloatCondition.Gt,
        _ => FloatCondition.Ge,
    };

    private static FloatOp Arithmetic(SoxBinaryOp op) => op switch
    {
        SoxBinaryOp.Add => FloatOp.FAdd,
        SoxBinaryOp.Sub => FloatOp.FSub,
        SoxBinaryOp.Mul => FloatOp.FMul,
        _ => FloatOp.FDiv,
    };
}
