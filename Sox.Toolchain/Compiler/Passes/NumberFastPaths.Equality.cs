using Sox.Compiler.Ir;
using Sox.Compiler.Passes.Types;

namespace Sox.Compiler.Passes;

internal sealed partial class NumberFastPaths
{
    /// <summary>Object type of a C pointer box (<c>SOX_OBJ_POINTER</c>), which compares by the address it holds.</summary>
    private const int TypePointer = 10;

    /// <summary>
    /// <c>==</c>/<c>!=</c> for operands not both proven numbers (§3, runtime <c>sox_values_equal</c>): equal bits →
    /// equal unless a NaN number; both numbers → the float comparison (NaN ≠ NaN, 0 = -0); otherwise different bits
    /// are unequal unless both are objects of a kind compared by content (strings, C pointers); two strings of equal
    /// length and hash and two C pointers go to the runtime. Tests the operand kinds rule out are not emitted. Feeding the truthiness branch right after it, the
    /// comparison branches directly; otherwise it assigns <c>true</c>/<c>false</c>. Returns the block holding the
    /// instructions after it (null when fused).
    /// </summary>
    private static BasicBlock? ExpandEquality(Site site, SoxBinaryInst eq)
    {
        var (b, tail) = site.Split();
        var block = site.Block;
        var isEq = eq.Op == SoxBinaryOp.Eq;
        var fused = site.FeedsBranch(tail);
        var (lk, rk) = site.Kinds;

        // Layout: the tests (chained after the block), then yes, no, slow, cont.
        BasicBlock? cont = fused ? null : site.NewBlockAfter(block, "cont");
        var slow = site.NewBlockAfter(block, "eq.slow");
        BasicBlock yes, no;
        if (fused)
        {
            var branch = (BranchTruthyInst)tail[0];
            (yes, no) = isEq ? (branch.IfTrue, branch.IfFalse) : (branch.IfFalse, branch.IfTrue);
        }
        else
        {
            no = site.NewBlockAfter(block, isEq ? "eq.false" : "ne.true");
            yes = site.NewBlockAfter(block, isEq ? "eq.true" : "ne.false");
        }
        var last = block;
        BasicBlock Next(string hint) => last = site.NewBlockAfter(last, hint);

        var bothMayBeNumbers = ValueKinds.MayBeNumber(lk) && ValueKinds.MayBeNumber(rk);
        var qnan = bothMayBeNumbers ? b.Const(ValueBits.Qnan) : null;
        var same = Next("same");
        var diff = Next("diff");
        b.CompareBranch(IntCondition.Eq, eq.Left, eq.Right, same, diff);

        // Same bits: equal, unless they are a NaN number (a NaN double is the only double unequal to itself).
        b.SetBlock(same);
        if (bothMayBeNumbers)
        {
            var sameNumber = ValueKinds.IsNumber(lk) ? b.Block : Next("same.num");
            if (sameNumber != b.Block)
            {
                b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, eq.Left, qnan!), qnan!, sameNumber, yes);
                b.SetBlock(sameNumber);
            }
            var x = b.Convert(ConvertKind.BitsToFloat, eq.Left);
            b.Emit(new FloatCompareBranchInst(FloatCondition.Eq, x, x, yes, no, b.Line));
        }
        else
        {
            b.Jump(yes);
        }

        // Different bits: two numbers compare as doubles (0 == -0); a number and anything else are unequal.
        b.SetBlock(diff);
        var bothMayBeObjects = ValueKinds.MayBeObject(lk) && ValueKinds.MayBeObject(rk);
        if (bothMayBeNumbers)
        {
            var leftTagged = bothMayBeObjects ? Next("tagged") : no;
            var leftNumber = Next("lnum");
            if (ValueKinds.IsNumber(lk)) b.Jump(leftNumber);
            else b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, eq.Left, qnan!), qnan!, leftNumber, leftTagged);
            b.SetBlock(leftNumber);
            var bothNumbers = ValueKinds.IsNumber(rk) ? b.Block : Next("numbers");
            if (bothNumbers != b.Block)
            {
                b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, eq.Right, qnan!), qnan!, bothNumbers, no);
                b.SetBlock(bothNumbers);
            }
            b.Emit(new FloatCompareBranchInst(FloatCondition.Eq, b.Convert(ConvertKind.BitsToFloat, eq.Left),
                b.Convert(ConvertKind.BitsToFloat, eq.Right), yes, no, b.Line));
            if (bothMayBeObjects) b.SetBlock(leftTagged);
        }

        // Neither is a number and the bits differ: only two strings or two C pointers can still be equal.
        if (bothMayBeObjects)
        {
            var tag = b.Const(ValueBits.ObjectTag);
            var leftObject = Next("lobj");
            b.CompareBranch(IntCondition.Eq, b.Int(IntOp.And, eq.Left, tag), tag, leftObject, no);
            b.SetBlock(leftObject);
            var objects = Next("objects");
            b.CompareBranch(IntCondition.Eq, b.Int(IntOp.And, eq.Right, tag), tag, objects, no);
            b.SetBlock(objects);
            var left = b.UnboxObject(eq.Left);
            var type = b.Load(left, ValueBits.HeaderTypeOffset, 1);
            var stringType = b.Const(ValueBits.TypeString);
            var leftString = Next("lstr");
            var strings = Next("strs");
            var notString = Next("nonstr");
            b.CompareBranch(IntCondition.Eq, type, stringType, leftString, notString);
            // A string equals only a string (sox_values_equal); two strings whose lengths or hashes differ are
            // unequal without reading a byte: one 64-bit word holds both (runtime-abi.md "Objects": +8 length,
            // +12 FNV-1a hash, set before the string is first seen and never changed).
            b.SetBlock(leftString);
            var right = b.UnboxObject(eq.Right);
            b.CompareBranch(IntCondition.Eq, b.Load(right, ValueBits.HeaderTypeOffset, 1), stringType, strings, no);
            b.SetBlock(strings);
            b.CompareBranch(IntCondition.Eq, b.Load(left, ValueBits.StringLengthOffset, 8),
                b.Load(right, ValueBits.StringLengthOffset, 8), slow, no);
            b.SetBlock(notString);
            b.CompareBranch(IntCondition.Eq, type, b.Const(TypePointer), slow, no);
        }
        else if (!bothMayBeNumbers)
        {
            b.Jump(no);
        }

        // The runtime decides strings and pointers (and raises nothing: == never fails).
        slow.Instructions.Add(eq);
        if (fused)
        {
            slow.Instructions.AddRange(tail);
            return null;
        }
        slow.Instructions.Add(new JumpInst(cont!, eq.Line) { Column = eq.Column });
        b.SetBlock(yes);
        b.Emit(new ConstInst(eq.Dest, ValueBits.Bool(isEq), b.Line));
        b.Jump(cont!);
        b.SetBlock(no);
        b.Emit(new ConstInst(eq.Dest, ValueBits.Bool(!isEq), b.Line));
        b.Jump(cont!);
        cont!.Instructions.AddRange(tail);
        return cont;
    }
}
