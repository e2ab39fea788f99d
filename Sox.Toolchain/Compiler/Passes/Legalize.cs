using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Legalisation: replaces every high-level Sox instruction by what backends understand. Invariant established: the
/// module contains no <see cref="SoxBinaryInst"/>, <see cref="SoxUnaryInst"/>, <see cref="SoxTruthyInst"/> or
/// <see cref="BranchTruthyInst"/>.
/// <list type="bullet">
/// <item>arithmetic and ordering → the runtime slow path (<c>sox_add</c>, <c>sox_less</c>, …), which also raises
///   the §10 errors; <c>==</c> → <c>sox_equal</c>; <c>!=</c> → <c>sox_not_equal</c>; <c>-x</c> → <c>sox_negate</c>;</item>
/// <item>truthiness (§2) inline: falsey is <c>(v - nil) ≤ 1</c> unsigned (runtime-abi.md "Values"), so
///   <c>truthy</c> is <c>cmp.ugt (v - nil), 1</c>, <c>!v</c> is <c>false | falsey</c>, and a truthiness branch is
///   a fused compare-branch.</item>
/// </list>
/// </summary>
internal sealed class Legalize : FunctionPass
{
    public override string Name => "legalize";

    public override void Run(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            if (!block.Instructions.Exists(IsHighLevel)) continue;
            var old = block.Instructions.ToArray();
            block.Instructions.Clear();
            var b = new IrBuilder(function);
            b.SetBlock(block);
            foreach (var inst in old)
            {
                b.Line = inst.Line;
                b.Column = inst.Column;
                switch (inst)
                {
                    case SoxBinaryInst s:
                        LowerBinary(b, s.Op, s.Dest, s.Left, s.Right);
                        break;
                    case SoxUnaryInst { Op: SoxUnaryOp.Negate } u:
                        b.Emit(new CallInst(RuntimeFunctions.Negate, CallingConvention.C, [u.Operand], u.Dest, b.Line));
                        break;
                    case SoxUnaryInst u:
                        var falsey = b.Compare(IntCondition.ULe, b.Int(IntOp.Sub, u.Operand, ValueBits.Nil), b.Const(1));
                        b.Emit(new IntBinaryInst(IntOp.Or, u.Dest, falsey, b.Const(ValueBits.False), b.Line));
                        break;
                    case SoxTruthyInst t:
                        b.Emit(new IntCompareInst(IntCondition.UGt, t.Dest, b.Int(IntOp.Sub, t.Value, ValueBits.Nil), b.Const(1), b.Line));
                        break;
                    case BranchTruthyInst br:
                        b.CompareBranch(IntCondition.UGt, b.Int(IntOp.Sub, br.Value, ValueBits.Nil), b.Const(1), br.IfTrue, br.IfFalse);
                        break;
                    default:
                        b.Emit(inst);
                        break;
                }
            }
        }
    }

    private static bool IsHighLevel(Instruction i) => i is SoxBinaryInst or SoxUnaryInst or SoxTruthyInst or BranchTruthyInst;

    /// <summary>The runtime call for a Sox binary operator, assigning <paramref name="dest"/>.</summary>
    internal static void LowerBinary(IrBuilder b, SoxBinaryOp op, VReg dest, VReg left, VReg right)
    {
        b.Emit(new CallInst(RuntimeFunction(op), CallingConvention.C, [left, right], dest, b.Line));
    }

    public static string RuntimeFunction(SoxBinaryOp op) => op switch
    {
        SoxBinaryOp.Add => RuntimeFunctions.Add,
        SoxBinaryOp.Sub => RuntimeFunctions.Subtract,
        SoxBinaryOp.Mul => RuntimeFunctions.Multiply,
        SoxBinaryOp.Div => RuntimeFunctions.Divide,
        SoxBinaryOp.Mod => RuntimeFunctions.Modulo,
        SoxBinaryOp.Lt => RuntimeFunctions.Less,
        SoxBinaryOp.Le => RuntimeFunctions.LessEqual,
        SoxBinaryOp.Gt => RuntimeFunctions.Greater,
        SoxBinaryOp.Ge => RuntimeFunctions.GreaterEqual,
        SoxBinaryOp.Ne => RuntimeFunctions.NotEqual,
        _ => RuntimeFunctions.Equal,
    };

    /// <summary>The first high-level instruction left in the function, or null (the invariant this pass establishes).</summary>
    public static Instruction? FindHighLevel(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            if (block.Instructions.Find(IsHighLevel) is { } found) return found;
        }
        return null;
    }

    /// <summary>The first high-level instruction left in the module, or null (the invariant this pass establishes).</summary>
    public static Instruction? FindHighLevel(IrModule module) =>
        module.Functions.SelectMany(f => f.Blocks).SelectMany(b => b.Instructions)
            .FirstOrDefault(IsHighLevel);
}
