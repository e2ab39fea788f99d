using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

internal sealed partial class NumberFastPaths
{
    /// <summary>
    /// <c>a % b</c> (§3: C <c>fmod</c>, the result has the sign of the dividend) with integer operations when both
    /// operands are numbers holding exact integers in [-2^31, 2^31) and <c>b != 0</c>; anything else (fractions,
    /// NaN, infinities, zero divisors, large values, non-numbers) takes the original operation. With |a| &lt; 2^31
    /// the double quotient <c>a / b</c> never rounds across an integer (a/b differs from an integer by at least
    /// 1/|b| &gt; 2^-31, far above its rounding error), so its truncation is the exact integer quotient and
    /// <c>a - trunc(a/b)*b</c> is fmod's exact result. A zero remainder takes the dividend's sign bit (fmod(-4, 2)
    /// and fmod(-0, 3) are -0). The range is checked on the doubles before any conversion, whose out-of-range
    /// results differ between targets (ir.md).
    /// </summary>
    private static BasicBlock? ExpandModulo(Site site, SoxBinaryInst mod)
    {
        var (b, tail) = site.Split();
        var block = site.Block;
        var cont = site.NewBlockAfter(block, "cont");
        var slow = site.NewBlockAfter(block, "mod.slow");
        var last = block;
        BasicBlock Next(string hint) => last = site.NewBlockAfter(last, hint);

        var operands = new List<VReg>(2);
        foreach (var r in mod.Uses)
        {
            if (!site.IsNumber(r) && !operands.Contains(r)) operands.Add(r);
        }
        if (operands.Count > 0)
        {
            var qnan = b.Const(ValueBits.Qnan);
            foreach (var r in operands)
            {
                var next = Next("isnum");
                b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, r, qnan), qnan, next, slow);
                b.SetBlock(next);
            }
        }

        var low = b.ConstF64(-2147483648.0);
        var high = b.ConstF64(2147483647.0);
        VReg SmallInteger(VReg value)
        {
            var x = b.Convert(ConvertKind.BitsToFloat, value);
            var aboveLow = Next("int");
            b.Emit(new FloatCompareBranchInst(FloatCondition.Ge, x, low, aboveLow, slow, b.Line)); // NaN: slow
            b.SetBlock(aboveLow);
            var inRange = Next("int");
            b.Emit(new FloatCompareBranchInst(FloatCondition.Le, x, high, inRange, slow, b.Line));
            b.SetBlock(inRange);
            var i = b.Convert(ConvertKind.FloatToInt, x);
            var exact = Next("int");
            b.Emit(new FloatCompareBranchInst(FloatCondition.Eq, b.Convert(ConvertKind.IntToFloat, i), x, exact, slow, b.Line));
            b.SetBlock(exact);
            return i;
        }
        var a = SmallInteger(mod.Left);
        var d = SmallInteger(mod.Right);
        var divide = Next("mod.int");
        b.CompareBranch(IntCondition.Ne, d, b.Const(0), divide, slow);
        b.SetBlock(divide);
        var quotient = b.Convert(ConvertKind.FloatToInt, b.Float(FloatOp.FDiv,
            b.Convert(ConvertKind.BitsToFloat, mod.Left), b.Convert(ConvertKind.BitsToFloat, mod.Right)));
        var remainder = b.Int(IntOp.Sub, a, b.Int(IntOp.Mul, quotient, d));
        var zero = Next("mod.zero");
        var nonzero = Next("mod.nonzero");
        b.CompareBranch(IntCondition.Eq, remainder, b.Const(0), zero, nonzero);
        b.SetBlock(zero);
        b.Emit(new IntBinaryInst(IntOp.And, mod.Dest, mod.Left, b.Const(ValueBits.Sign), b.Line));
        b.Jump(cont);
        b.SetBlock(nonzero);
        b.Emit(new ConvertInst(ConvertKind.FloatToBits, mod.Dest, b.Convert(ConvertKind.IntToFloat, remainder), b.Line));
        b.Jump(cont);

        slow.Instructions.Add(mod);
        slow.Instructions.Add(new JumpInst(cont, mod.Line) { Column = mod.Column });
        cont.Instructions.AddRange(tail);
        return cont;
    }
}
