using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Constant folding. A register is a known constant when its only definition is a <see cref="ConstInst"/> (the IR is
/// not SSA, so single definition is what makes the value unique; a read on a path without the definition would be
/// a lowering bug the verifier's "defined on some path" rule does not exclude, and no lowering emits one).
/// Invariants established: no integer, float, conversion or compare instruction has only constant operands; Sox
/// arithmetic and comparisons on two number constants (§3: IEEE, <c>%</c> is fmod, NaN canonicalised), equality of
/// numbers/nil/booleans, negation of a number, <c>!</c> and truthiness of a constant are folded; branches on
/// constants are jumps. String concatenation is left to the runtime. Runs to a fixed point.
/// </summary>
internal sealed class ConstantFolding : FunctionPass
{
    public override string Name => "fold";

    public override void Run(IrFunction function)
    {
        // Folding replaces an instruction by a constant with the same destination (or a branch by a jump), so the
        // definition counts never change and a register once known constant stays so: one array of known values,
        // grown as folds produce constants, and sweeps until one changes nothing. The fixed point is the same as
        // recomputing the constants before every sweep (each fold depends only on its operands' unique values).
        var registers = function.Registers.Count;
        var constants = t_constants ??= new KnownConstants();
        constants.Reset(registers);
        // Definition counts as RegisterCounts.Definitions, into the per-thread array.
        var defs = constants.Definitions;
        foreach (var p in function.Parameters) defs[p.Id] = 1;
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst.Dest is { } d) defs[d.Id]++;
            }
        }
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst is ConstInst c && defs[c.Dest.Id] == 1) constants.Set(c.Dest, c.Bits);
            }
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var block in function.Blocks)
            {
                var instructions = block.Instructions;
                for (var i = 0; i < instructions.Count; i++)
                {
                    var folded = Fold(instructions[i], constants);
                    if (folded is null) continue;
                    instructions[i] = folded;
                    if (folded is ConstInst c && defs[c.Dest.Id] == 1) constants.Set(c.Dest, c.Bits);
                    changed = true;
                }
            }
        }
        while (changed);
    }

    [ThreadStatic] private static KnownConstants? t_constants;

    /// <summary>The value of each register whose single definition is a constant, by register id, and each register's
    /// definition count. One per thread, reset for each function (fold runs twice on each of a module's thousands of
    /// functions; the arrays only grow).</summary>
    private sealed class KnownConstants
    {
        private long[] _bits = [];
        private bool[] _known = [];
        private int _count;

        /// <summary>How many instructions (and parameters) assign each register.</summary>
        public int[] Definitions { get; private set; } = [];

        /// <summary>Forgets everything, for a function of <paramref name="registerCount"/> registers.</summary>
        public void Reset(int registerCount)
        {
            if (_known.Length < registerCount)
            {
                var size = Math.Max(registerCount, _known.Length * 2);
                _bits = new long[size];
                _known = new bool[size];
                Definitions = new int[size];
            }
            else
            {
                Array.Clear(_known, 0, registerCount);
                Array.Clear(Definitions, 0, registerCount);
            }
            _count = registerCount;
        }

        public void Set(VReg r, long bits)
        {
            _bits[r.Id] = bits;
            _known[r.Id] = true;
        }

        public bool TryGetValue(VReg r, out long bits)
        {
            var known = (uint)r.Id < (uint)_count && _known[r.Id];
            bits = known ? _bits[r.Id] : 0;
            return known;
        }
    }

    private static Instruction? Fold(Instruction inst, KnownConstants k)
    {
        bool Known(VReg r, out long bits) => k.TryGetValue(r, out bits);
        double D(long bits) => BitConverter.Int64BitsToDouble(bits);
        ConstInst Const(VReg dest, long bits) => new(dest, bits, inst.Line);
        ConstInst ConstF(VReg dest, double value) => new(dest, BitConverter.DoubleToInt64Bits(value), inst.Line);

        switch (inst)
        {
            case CopyInst c when Known(c.Source, out var v):
                return Const(c.Dest, v);
            case IntBinaryInst b when Known(b.Left, out var l) && Known(b.Right, out var r):
                return Const(b.Dest, b.Op.Evaluate(l, r));
            case FloatBinaryInst b when Known(b.Left, out var l) && Known(b.Right, out var r):
                return ConstF(b.Dest, b.Op.Evaluate(D(l), D(r)));
            case IntCompareInst c when Known(c.Left, out var l) && Known(c.Right, out var r):
                return Const(c.Dest, c.Condition.Evaluate(l, r) ? 1 : 0);
            case FloatCompareInst c when Known(c.Left, out var l) && Known(c.Right, out var r):
                return Const(c.Dest, c.Condition.Evaluate(D(l), D(r)) ? 1 : 0);
            case ConvertInst c when Known(c.Source, out var v):
                return FoldConvert(c, v);
            case SoxBinaryInst b when Known(b.Left, out var l) && Known(b.Right, out var r):
                return FoldSoxBinary(b, l, r) is { } bits ? Const(b.Dest, bits) : null;
            case SoxUnaryInst { Op: SoxUnaryOp.Negate } u when Known(u.Operand, out var v) && ValueBits.IsNumber(v):
                return Const(u.Dest, ValueBits.Number(-D(v)));
            case SoxUnaryInst { Op: SoxUnaryOp.Not } u when Known(u.Operand, out var v):
                return Const(u.Dest, ValueBits.Bool(ValueBits.IsFalsey(v)));
            case SoxTruthyInst t when Known(t.Value, out var v):
                return Const(t.Dest, ValueBits.IsFalsey(v) ? 0 : 1);
            case BranchInst b when Known(b.Condition, out var v):
                return new JumpInst(v != 0 ? b.IfTrue : b.IfFalse, inst.Line);
            case BranchTruthyInst b when Known(b.Value, out var v):
                return new JumpInst(ValueBits.IsFalsey(v) ? b.IfFalse : b.IfTrue, inst.Line);
            case CompareBranchInst b when Known(b.Left, out var l) && Known(b.Right, out var r):
                return new JumpInst(b.Condition.Evaluate(l, r) ? b.IfTrue : b.IfFalse, inst.Line);
            case FloatCompareBranchInst b when Known(b.Left, out var l) && Known(b.Right, out var r):
                return new JumpInst(b.Condition.Evaluate(D(l), D(r)) ? b.IfTrue : b.IfFalse, inst.Line);
            default:
                return null;
        }
    }

    private static ConstInst FoldConvert(ConvertInst c, long v)
    {
        long bits = c.Kind switch
        {
            ConvertKind.BitsToFloat or ConvertKind.FloatToBits => v,
            ConvertKind.IntToFloat => BitConverter.DoubleToInt64Bits(v),
            ConvertKind.DoubleToSingle => (uint)BitConverter.SingleToInt32Bits((float)BitConverter.Int64BitsToDouble(v)),
            ConvertKind.SingleToDouble => BitConverter.DoubleToInt64Bits(BitConverter.Int32BitsToSingle((int)v)),
            _ => FloatToInt(BitConverter.Int64BitsToDouble(v)),
        };
        return new ConstInst(c.Dest, bits, c.Line);
    }

    /// <summary>
    /// Truncation toward zero. NaN and out-of-range inputs give the targets different results (x86 cvttsd2si:
    /// 0x8000…, AArch64 fcvtzs: saturation), so code must range-check before converting (§9); folding picks
    /// <see cref="long.MinValue"/> for them only to stay deterministic.
    /// </summary>
    private static long FloatToInt(double d) =>
        double.IsNaN(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0 ? long.MinValue : (long)d;

    /// <summary>The folded value bits, or null when the operation needs the runtime (strings, errors).</summary>
    private static long? FoldSoxBinary(SoxBinaryInst b, long l, long r)
    {
        var numbers = ValueBits.IsNumber(l) && ValueBits.IsNumber(r);
        double x = BitConverter.Int64BitsToDouble(l), y = BitConverter.Int64BitsToDouble(r);
        switch (b.Op)
        {
            case SoxBinaryOp.Eq or SoxBinaryOp.Ne:
                bool? equal = numbers ? x == y
                    : IsSimple(l) && IsSimple(r) ? l == r
                    : IsSimple(l) && ValueBits.IsNumber(r) || ValueBits.IsNumber(l) && IsSimple(r) ? false
                    : null;
                return equal is { } e ? ValueBits.Bool(b.Op == SoxBinaryOp.Eq ? e : !e) : null;
        }
        if (!numbers) return null; // "Operands must be numbers." (or string +) at run time
        return b.Op switch
        {
            SoxBinaryOp.Add => ValueBits.Number(x + y),
            SoxBinaryOp.Sub => ValueBits.Number(x - y),
            SoxBinaryOp.Mul => ValueBits.Number(x * y),
            SoxBinaryOp.Div => ValueBits.Number(x / y),
            SoxBinaryOp.Mod => ValueBits.Number(x % y), // C# % on doubles is C fmod (§3)
            SoxBinaryOp.Lt => ValueBits.Bool(x < y),
            SoxBinaryOp.Le => ValueBits.Bool(x <= y),
            SoxBinaryOp.Gt => ValueBits.Bool(x > y),
            _ => ValueBits.Bool(x >= y),
        };
    }

    /// <summary>nil, false, true: compared by identity.</summary>
    private static bool IsSimple(long bits) => bits is ValueBits.Nil or ValueBits.False or ValueBits.True;
}
