using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// -O2 number fast paths (design.md §1: numbers stay unboxed in registers). For <c>+ - * /</c>, <c>&lt; &lt;= &gt; &gt;=</c>,
/// <c>== !=</c> and unary <c>-</c>, the operation becomes: a NaN-box tag test of each operand not already known to
/// be a number (<c>(v &amp; QNAN) != QNAN</c>), the double operation inline, and the original high-level
/// instruction only on the slow path (legalisation then makes it the runtime call, which also raises the errors).
/// A comparison whose only use is the truthiness branch right after it becomes a fused float compare-branch.
/// Invariant established: every remaining <see cref="SoxBinaryInst"/> of those operators, and every negation, sits
/// on a slow path (is dominated by a failed tag test). Number results stay NaN-boxing-safe: values are never
/// signalling NaNs (NaNs from C are canonicalised, runtime-abi.md), and quiet-NaN arithmetic results have bit 50
/// clear, so they never collide with the tag space.
/// </summary>
public sealed class NumberFastPaths : FunctionPass
{
    public override string Name => "fastpath";

    public override void Run(IrFunction function)
    {
        var defs = Reachability.DefinitionCounts(function);
        var uses = Reachability.UseCounts(function);
        var numberConstants = function.Blocks.SelectMany(b => b.Instructions).OfType<ConstInst>()
            .Where(c => defs[c.Dest] == 1 && ValueBits.IsNumber(c.Bits)).Select(c => c.Dest).ToHashSet();
        var work = new Queue<BasicBlock>(function.Blocks);
        while (work.Count > 0)
        {
            var block = work.Dequeue();
            for (var i = 0; i < block.Instructions.Count; i++)
            {
                var inst = block.Instructions[i];
                if (!Applies(inst)) continue;
                var rest = Expand(function, block, i, inst, numberConstants, defs, uses);
                if (rest is not null) work.Enqueue(rest);
                break;
            }
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
    private static BasicBlock? Expand(IrFunction f, BasicBlock block, int index, Instruction inst,
        HashSet<VReg> numbers, Dictionary<VReg, int> defs, Dictionary<VReg, int> uses)
    {
        var tail = block.Instructions.Skip(index + 1).ToList();
        block.Instructions.RemoveRange(index, block.Instructions.Count - index);
        var b = new IrBuilder(f) { Line = inst.Line };
        b.SetBlock(block);
        var operands = inst.Uses.Distinct().Where(r => !numbers.Contains(r)).ToList();
        var fused = inst is SoxBinaryInst sb && IsComparison(sb.Op) && tail.Count == 1 && tail[0] is BranchTruthyInst br
            && br.Value == sb.Dest && defs[sb.Dest] == 1 && uses.GetValueOrDefault(sb.Dest) == 1;

        var slow = f.NewBlockAfter(block, "slow");
        var fast = f.NewBlockAfter(block, "fast");
        var cont = fused ? null : f.NewBlockAfter(slow, "cont");
        if (operands.Count > 0)
        {
            var qnan = b.Const(ValueBits.Qnan);
            for (var k = 0; k < operands.Count; k++)
            {
                var next = k == operands.Count - 1 ? fast : f.NewBlockAfter(b.Block, "isnum");
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
