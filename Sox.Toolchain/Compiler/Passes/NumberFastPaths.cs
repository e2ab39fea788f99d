using Sox.Compiler.Ir;
using Sox.Compiler.Passes.Types;

namespace Sox.Compiler.Passes;

/// <summary>
/// -O2 number fast paths (architecture.md D1: numbers stay unboxed in registers). For <c>+ - * /</c>, <c>&lt; &lt;= &gt; &gt;=</c>,
/// <c>== !=</c> on numbers and unary <c>-</c>, the operation becomes: a NaN-box tag test of each operand the type
/// analysis (<see cref="TypeAnalysis"/>) does not prove a number (<c>(v &amp; QNAN) != QNAN</c>), the double
/// operation inline, and the original high-level instruction only on the slow path (legalisation then makes it
/// the runtime call, which also raises the errors); with every operand proven, just the double operation. A
/// comparison whose only use is the truthiness branch right after it becomes a fused float compare-branch.
/// <c>==</c>/<c>!=</c> on operands not both proven numbers are inline for every pair of kinds
/// (NumberFastPaths.Equality.cs), <c>%</c> uses integer operations on small integers (NumberFastPaths.Modulo.cs).
/// Invariant established: every remaining <see cref="SoxBinaryInst"/> and every negation sits on a slow path.
/// Number results stay NaN-boxing-safe: values are never signalling NaNs (NaNs from C are canonicalised,
/// runtime-abi.md), and quiet-NaN arithmetic results have bit 50 clear, so they never collide with the tag space.
/// </summary>
internal sealed partial class NumberFastPaths : FunctionPass
{
    public override string Name => "fastpath";

    public override void Run(IrFunction function)
    {
        // Most functions (invoke thunks, accessors, functions without arithmetic) have no operation to expand: they
        // are left as they are without the counts and the type analysis, which would find nothing to use.
        if (!HasSite(function)) return;
        var defs = RegisterCounts.Definitions(function);
        var uses = RegisterCounts.Uses(function);
        var kinds = OperandKinds(function);

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
                var site = new Site(function, layout, block, i, inst, defs, uses,
                    kinds.TryGetValue(inst, out var k) ? ((ValueKind)(k >> 8), (ValueKind)(k & 0xFF)) : (ValueKind.Any, ValueKind.Any));
                var rest = inst switch
                {
                    SoxBinaryInst { Op: SoxBinaryOp.Eq or SoxBinaryOp.Ne } eq when !site.BothNumbers => ExpandEquality(site, eq),
                    SoxBinaryInst { Op: SoxBinaryOp.Mod } mod => ExpandModulo(site, mod),
                    _ => Expand(site),
                };
                if (rest is not null) work.Enqueue(rest);
                break;
            }
        }
        layout.Apply(function);
    }

    /// <summary>
    /// The kinds (<see cref="TypeAnalysis"/>) of the operands of each operation this pass expands, at that operation
    /// (a unary operation's second kind is unused). Registers whose single definition is a number constant are
    /// numbers even when the function is too large to analyse. Each pair is packed as <c>left &lt;&lt; 8 | right</c>: a
    /// dictionary whose values are a tuple of our enum would be JIT-compiled at start-up (ReadyToRun cannot precompile
    /// the framework's generic code over our value types); one of <see cref="int"/> is precompiled.
    /// </summary>
    private static Dictionary<Instruction, int> OperandKinds(IrFunction function)
    {
        var kinds = new Dictionary<Instruction, int>();
        static int Pack(ValueKind left, ValueKind right) => (int)left << 8 | (int)right;
        // The kinds are recorded as the analysis walks each block; its last walk of a block has the final states
        // (TypeAnalysis.Run), so no second walk over the solved analysis is needed.
        var analysis = TypeAnalysis.Run(function, (inst, state) =>
        {
            if (Applies(inst)) kinds[inst] = Pack(TypeAnalysis.Of(state, inst.Uses[0]), TypeAnalysis.Of(state, inst.Uses[^1]));
        });
        if (analysis is null)
        {
            var defs = RegisterCounts.Definitions(function);
            var numbers = new bool[function.Registers.Count];
            foreach (var inst in function.Blocks.SelectMany(b => b.Instructions))
            {
                if (inst is ConstInst c && defs[c.Dest.Id] == 1 && ValueBits.IsNumber(c.Bits)) numbers[c.Dest.Id] = true;
            }
            ValueKind Known(VReg r) => numbers[r.Id] ? ValueKind.Number : ValueKind.Any;
            foreach (var inst in function.Blocks.SelectMany(b => b.Instructions))
            {
                if (Applies(inst)) kinds[inst] = Pack(Known(inst.Uses[0]), Known(inst.Uses[^1]));
            }
            return kinds;
        }
        return kinds;
    }

    /// <summary>One operation being expanded: where it is and what is known about its operands.</summary>
    private sealed record Site(IrFunction Function, Layout Layout, BasicBlock Block, int Index, Instruction Inst,
        int[] Defs, int[] Uses, (ValueKind Left, ValueKind Right) Kinds)
    {
        /// <summary>True when <paramref name="r"/> (an operand) is proven to be a number here.</summary>
        public bool IsNumber(VReg r) =>
            Inst.Uses[0] == r && ValueKinds.IsNumber(Kinds.Left) || Inst.Uses[^1] == r && ValueKinds.IsNumber(Kinds.Right);

        /// <summary>True when every operand is proven to be a number.</summary>
        public bool BothNumbers => ValueKinds.IsNumber(Kinds.Left) && ValueKinds.IsNumber(Kinds.Right);

        /// <summary>
        /// True when the operation is a comparison whose result is read only by the truthiness branch right after
        /// it, so the comparison can branch directly.
        /// </summary>
        public bool FeedsBranch(IReadOnlyList<Instruction> tail) =>
            Inst is SoxBinaryInst sb && IsComparison(sb.Op) && tail.Count == 1 && tail[0] is BranchTruthyInst br
            && br.Value == sb.Dest && Defs[sb.Dest.Id] == 1 && Uses[sb.Dest.Id] == 1;

        /// <summary>Cuts the operation and what follows it out of the block, leaving a builder at its end.</summary>
        public (IrBuilder Builder, List<Instruction> Tail) Split()
        {
            var tail = Block.Instructions.GetRange(Index + 1, Block.Instructions.Count - Index - 1);
            Block.Instructions.RemoveRange(Index, Block.Instructions.Count - Index);
            var b = new IrBuilder(Function) { Line = Inst.Line, Column = Inst.Column };
            b.SetBlock(Block);
            return (b, tail);
        }

        /// <summary>A new block placed right after <paramref name="after"/>.</summary>
        public BasicBlock NewBlockAfter(BasicBlock after, string hint) => Layout.NewBlockAfter(Function, after, hint);
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

    private static bool HasSite(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (Applies(inst)) return true;
            }
        }
        return false;
    }

    private static bool Applies(Instruction inst) => inst switch
    {
        SoxBinaryInst => true,
        SoxUnaryInst u => u.Op == SoxUnaryOp.Negate,
        _ => false,
    };

    /// <summary>
    /// Splits the site's block at the operation into tag tests, a fast and a slow block, and returns the block
    /// holding the instructions after it (null when the branch was fused and none remain).
    /// </summary>
    private static BasicBlock? Expand(Site site)
    {
        var inst = site.Inst;
        var (b, tail) = site.Split();
        var block = site.Block;
        // The operands not known to be numbers, each once, in operand order.
        var instUses = inst.Uses;
        var operands = new List<VReg>(instUses.Count);
        foreach (var r in instUses)
        {
            if (!site.IsNumber(r) && !operands.Contains(r)) operands.Add(r);
        }
        var fused = site.FeedsBranch(tail);

        if (operands.Count == 0)
        {
            // Every operand proven a number: the double operation in place, no slow path (it could never run).
            EmitNumberOperation(b, inst, fused ? (BranchTruthyInst)tail[0] : null);
            if (fused) return null;
            block.Instructions.AddRange(tail);
            return block;
        }

        var slow = site.NewBlockAfter(block, "slow");
        var fast = site.NewBlockAfter(block, "fast");
        var cont = fused ? null : site.NewBlockAfter(slow, "cont");
        var qnan = b.Const(ValueBits.Qnan);
        for (var k = 0; k < operands.Count; k++)
        {
            var next = k == operands.Count - 1 ? fast : site.NewBlockAfter(b.Block, "isnum");
            b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, operands[k], qnan), qnan, next, slow);
            b.SetBlock(next);
        }
        EmitNumberOperation(b, inst, fused ? (BranchTruthyInst)tail[0] : null);

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

    /// <summary>
    /// The double operation of <paramref name="inst"/> on its unboxed operands, at the builder's position; with
    /// <paramref name="branch"/> (the truthiness branch the comparison feeds) a fused float compare-branch.
    /// </summary>
    private static void EmitNumberOperation(IrBuilder b, Instruction inst, BranchTruthyInst? branch)
    {
        switch (inst)
        {
            case SoxUnaryInst u:
                b.Emit(new IntBinaryInst(IntOp.Xor, u.Dest, u.Operand, b.Const(ValueBits.Sign), b.Line));
                break;
            case SoxBinaryInst s when branch is not null:
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
