using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes.Types;

/// <summary>
/// Known constant values of registers: the value lattice of sparse conditional constant propagation (Wegman and
/// Zadeck) — undefined (no definition evaluated yet, the optimistic top), one constant, or varying — beside the kind
/// sets of <see cref="TypeAnalysis"/>. Registers are not SSA (docs/ir.md), so a register is constant when
/// <b>every</b> definition in the function assigns the same bits; then every read, wherever it is, sees them. This
/// is flow-insensitive, weaker than "every definition reaching this read", and needs no per-block state: one
/// value per register, solved by iterating to a fixed point (each value only falls undefined → constant → varying).
/// <para>Definitions evaluated: <c>const</c>; <c>copy</c> of a constant (so a global's mirror register set once from
/// a literal, and every copy of it the lowering reads the global through, are constant); Sox <c>==</c>/<c>!=</c>,
/// <c>!</c> and truthiness of constants (<see cref="Equality"/>, §2, §3). Anything else — parameters, loads, calls,
/// arithmetic (left to <c>fold</c>) — is varying.</para>
/// </summary>
internal sealed class ConstantValues
{
    private const byte Undefined = 0, Constant = 1, Varying = 2;

    // Per register; the arrays are kept per thread and reused by the next solution on that thread (so a solution is
    // valid until then, as the type analysis that owns it), and only their first _count entries are this one's.
    private readonly byte[] _state;
    private readonly long[] _bits;
    private readonly int _count;

    [ThreadStatic] private static byte[]? t_state;
    [ThreadStatic] private static long[]? t_bits;
    [ThreadStatic] private static List<Instruction>? t_candidates;

    private ConstantValues(int registers)
    {
        _count = registers;
        if (t_state is null || t_state.Length < registers)
        {
            var size = Math.Max(registers, (t_state?.Length ?? 0) * 2);
            t_state = new byte[size];
            t_bits = new long[size];
        }
        else
        {
            Array.Clear(t_state, 0, registers);
            Array.Clear(t_bits!, 0, registers);
        }
        _state = t_state;
        _bits = t_bits!;
    }

    /// <summary>True (and the bits) when every definition of <paramref name="r"/> assigns the same constant.</summary>
    public bool TryGet(VReg r, out long bits)
    {
        var known = (uint)r.Id < (uint)_count && _state[r.Id] == Constant;
        bits = known ? _bits[r.Id] : 0;
        return known;
    }

    /// <summary>Solves the lattice over every block of <paramref name="function"/>.</summary>
    public static ConstantValues Solve(IrFunction function)
    {
        var values = new ConstantValues(function.Registers.Count);
        foreach (var p in function.Parameters) values._state[p.Id] = Varying;
        // Only definitions that can be constant take part in the iteration; every other definition makes its
        // register varying once, up front.
        var candidates = t_candidates ??= [];
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst.Dest is not { } d) continue;
                if (inst is ConstInst or CopyInst or SoxTruthyInst or SoxUnaryInst { Op: SoxUnaryOp.Not }
                    or SoxBinaryInst { Op: SoxBinaryOp.Eq or SoxBinaryOp.Ne }) candidates.Add(inst);
                else values._state[d.Id] = Varying;
            }
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var inst in candidates)
            {
                var d = inst.Dest!.Id;
                if (values._state[d] == Varying) continue;
                var (state, bits) = values.Evaluate(inst);
                if (state == Undefined) continue;
                if (state == Constant && values._state[d] == Undefined)
                {
                    values._state[d] = Constant;
                    values._bits[d] = bits;
                    changed = true;
                }
                else if (state == Varying || values._bits[d] != bits)
                {
                    values._state[d] = Varying;
                    changed = true;
                }
            }
        }
        while (changed);
        candidates.Clear();
        return values;
    }

    /// <summary>What <paramref name="inst"/> assigns given the current values of its operands.</summary>
    private (byte State, long Bits) Evaluate(Instruction inst)
    {
        (byte, long) Of(VReg r) => (_state[r.Id], _bits[r.Id]);
        switch (inst)
        {
            case ConstInst c:
                return (Constant, c.Bits);
            case CopyInst c:
                return Of(c.Source);
            case SoxTruthyInst t:
            {
                var (s, v) = Of(t.Value);
                return s == Constant ? (Constant, ValueBits.IsFalsey(v) ? 0 : 1) : (s, 0);
            }
            case SoxUnaryInst u:
            {
                var (s, v) = Of(u.Operand);
                return s == Constant ? (Constant, ValueBits.Bool(ValueBits.IsFalsey(v))) : (s, 0);
            }
            case SoxBinaryInst b:
            {
                var (ls, l) = Of(b.Left);
                var (rs, r) = Of(b.Right);
                if (ls == Varying || rs == Varying) return (Varying, 0);
                if (ls == Undefined || rs == Undefined) return (Undefined, 0);
                return Equality(l, r) is { } equal ? (Constant, ValueBits.Bool(b.Op == SoxBinaryOp.Eq ? equal : !equal)) : (Varying, 0);
            }
            default:
                return (Varying, 0);
        }
    }

    /// <summary>
    /// Sox <c>==</c> of two constant values (§3), or null when only the runtime can tell (two different objects:
    /// strings compare by contents). Numbers compare as IEEE doubles (NaN is unequal to itself, -0 equals 0); a
    /// number never equals a non-number; nil, true and false equal only themselves; an object equals itself.
    /// </summary>
    public static bool? Equality(long left, long right)
    {
        bool ln = ValueBits.IsNumber(left), rn = ValueBits.IsNumber(right);
        if (ln && rn) return BitConverter.Int64BitsToDouble(left) == BitConverter.Int64BitsToDouble(right);
        if (ln || rn) return false;
        if (IsSimple(left) || IsSimple(right)) return left == right ? true : IsSimple(left) && IsSimple(right) || IsObject(left) || IsObject(right) ? false : null;
        if (IsObject(left) && IsObject(right) && left == right) return true;
        return null;
    }

    private static bool IsSimple(long bits) => bits is ValueBits.Nil or ValueBits.False or ValueBits.True;

    private static bool IsObject(long bits) => (bits & ValueBits.ObjectTag) == ValueBits.ObjectTag;
}
