using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes.Types;

/// <summary>
/// The transfer functions of <see cref="TypeAnalysis"/>: what each instruction assigns (and proves about its
/// operands), and what each conditional edge proves about the value it tests.
/// </summary>
internal sealed class TypeTransfer
{
    /// <summary>The registers every definition of which assigns the same constant (<see cref="ConstantValues"/>).</summary>
    public ConstantValues Constants { get; private set; } = null!;

    private TypeTransfer()
    {
    }

    [ThreadStatic] private static TypeTransfer? t_current;

    /// <summary>
    /// This thread's transfer functions, set up for <paramref name="function"/> (its constants solved): one instance
    /// per thread, reused by the next analysis on the thread, as <see cref="TypeAnalysis"/>'s states are.
    /// </summary>
    public static TypeTransfer For(IrFunction function)
    {
        var transfer = t_current ??= new TypeTransfer();
        transfer.Constants = ConstantValues.Solve(function);
        transfer._registers = function.Registers.Count;
        transfer._copies.Clear();
        return transfer;
    }

    private bool IsConstant(VReg r, long bits) => Constants.TryGet(r, out var known) && known == bits;

    /// <summary>
    /// The copies made earlier in the current block whose source and destination are both unchanged since
    /// (dest, source register ids; the most recent <see cref="MaxCopies"/>). The lowering reads a variable through
    /// a fresh copy, so what an operator proves about its operand copy holds for the variable too.
    /// </summary>
    private readonly CopyList _copies = new();

    private const int MaxCopies = 16;

    /// <summary>
    /// The live copies, oldest first, in two fixed arrays: a list of tuples filtered with a lambda allocated a closure
    /// per instruction, and this runs for every instruction of every block twice per analysis.
    /// </summary>
    private sealed class CopyList
    {
        private readonly int[] _dest = new int[MaxCopies];
        private readonly int[] _source = new int[MaxCopies];

        public int Count { get; private set; }

        public int Dest(int i) => _dest[i];

        public int Source(int i) => _source[i];

        public void Clear() => Count = 0;

        /// <summary>Drops the copies that assign or read register <paramref name="id"/>, keeping the others' order.</summary>
        public void RemoveTouching(int id)
        {
            var kept = 0;
            for (var i = 0; i < Count; i++)
            {
                if (_dest[i] == id || _source[i] == id) continue;
                _dest[kept] = _dest[i];
                _source[kept] = _source[i];
                kept++;
            }
            Count = kept;
        }

        /// <summary>Appends a copy, dropping the oldest when full.</summary>
        public void Add(int dest, int source)
        {
            if (Count == MaxCopies)
            {
                Array.Copy(_dest, 1, _dest, 0, MaxCopies - 1);
                Array.Copy(_source, 1, _source, 0, MaxCopies - 1);
                Count--;
            }
            _dest[Count] = dest;
            _source[Count] = source;
            Count++;
        }
    }

    /// <summary>Forgets the copies of the previous block: call before stepping through a block.</summary>
    public void StartBlock() => _copies.Clear();

    private void Assigned(Instruction inst)
    {
        if (inst.Dest is not { } d) return;
        if (_copies.Count > 0) _copies.RemoveTouching(d.Id);
        if (inst is not CopyInst copy || copy.Source == d) return;
        _copies.Add(d.Id, copy.Source.Id);
    }

    /// <summary>The variable register <paramref name="id"/> is a live copy of (the last such copy), or itself.</summary>
    private int RootOf(int id)
    {
        var root = id;
        for (var i = 0; i < _copies.Count; i++)
        {
            if (_copies.Dest(i) == id) root = _copies.Source(i);
        }
        return root;
    }

    /// <summary>Advances <paramref name="s"/> over one non-terminator instruction.</summary>
    public void Step(Instruction inst, ValueKind[] s)
    {
        Assign(inst, s);
        // A register with a known constant value has that constant's kind, whatever the instruction (a copy of a
        // global's mirror register, say); raw 0/1 flags stay flags.
        if (inst.Dest is { } d && s[d.Id] != ValueKind.Flag && Constants.TryGet(d, out var bits)) s[d.Id] = ValueKinds.OfConstant(bits, d.Type);
        Assigned(inst);
    }

    private void Assign(Instruction inst, ValueKind[] s)
    {
        ValueKind K(VReg r) => TypeAnalysis.Of(s, r);
        switch (inst)
        {
            case ConstInst c:
                s[c.Dest.Id] = ValueKinds.OfConstant(c.Bits, c.Dest.Type);
                return;
            case CopyInst c:
                s[c.Dest.Id] = K(c.Source);
                return;
            case ConvertInst c:
                s[c.Dest.Id] = c.Kind switch
                {
                    // Reinterpreting a number's bits gives a double that boxes back to the same number; a double
                    // computed from numbers boxes to a number (quiet-NaN results never reach the tag space, ir.md).
                    ConvertKind.BitsToFloat => ValueKinds.IsNumber(K(c.Source)) ? ValueKind.Number : ValueKind.Other,
                    ConvertKind.FloatToBits => K(c.Source) == ValueKind.Number ? ValueKind.Number : ValueKind.Any,
                    ConvertKind.IntToFloat => ValueKind.Number,
                    ConvertKind.FloatToInt => ValueKind.Any,
                    _ => ValueKind.Other,
                };
                return;
            case FloatBinaryInst f:
                s[f.Dest.Id] = K(f.Left) == ValueKind.Number && K(f.Right) == ValueKind.Number ? ValueKind.Number : ValueKind.Other;
                return;
            case IntCompareInst or FloatCompareInst or SoxTruthyInst:
                s[inst.Dest!.Id] = ValueKind.Flag;
                return;
            case IntBinaryInst b:
                s[b.Dest.Id] = IntBinary(b, K(b.Left), K(b.Right));
                return;
            case SoxBinaryInst b:
                SoxBinary(b, s);
                return;
            case SoxUnaryInst u:
                if (u.Op == SoxUnaryOp.Negate) RefineToNumber(s, u.Operand);
                s[u.Dest.Id] = u.Op == SoxUnaryOp.Negate ? ValueKind.Number : ValueKind.Bool;
                return;
            default:
                if (inst.Dest is { } d) s[d.Id] = d.Type == IrType.F64 ? ValueKind.Other : ValueKind.Any;
                return;
        }
    }

    private ValueKind IntBinary(IntBinaryInst b, ValueKind left, ValueKind right)
    {
        (VReg other, ValueKind otherKind)? WithConstant(long bits) =>
            IsConstant(b.Right, bits) ? (b.Left, left) : IsConstant(b.Left, bits) ? (b.Right, right) : null;

        switch (b.Op)
        {
            // -x on the fast path flips the sign bit of a number, which stays a number.
            case IntOp.Xor when WithConstant(ValueBits.Sign) is { } x && ValueKinds.IsNumber(x.otherKind):
                return ValueKind.Number;
            // false | flag is how comparisons make booleans.
            case IntOp.Or when WithConstant(ValueBits.False) is { } x && x.otherKind == ValueKind.Flag:
                return ValueKind.Bool;
            // pointer | SIGN|QNAN boxes an object.
            case IntOp.Or when WithConstant(ValueBits.ObjectTag) is not null:
                return ValueKind.Object;
            default:
                return ValueKind.Any;
        }
    }

    /// <summary>
    /// §3: <c>- * / %</c> and the orderings fail unless both operands are numbers, so when they return both are;
    /// <c>+</c> gives a number for two numbers and otherwise a string (or fails); comparisons give booleans.
    /// </summary>
    private void SoxBinary(SoxBinaryInst b, ValueKind[] s)
    {
        var left = TypeAnalysis.Of(s, b.Left);
        var right = TypeAnalysis.Of(s, b.Right);
        ValueKind result;
        switch (b.Op)
        {
            case SoxBinaryOp.Add:
                result = ValueKinds.IsNumber(left) && ValueKinds.IsNumber(right) ? ValueKind.Number
                    : (left & ValueKind.NumberBits) == 0 || (right & ValueKind.NumberBits) == 0 ? ValueKind.Object
                    : ValueKind.Number | ValueKind.Object;
                break;
            case SoxBinaryOp.Eq or SoxBinaryOp.Ne:
                result = ValueKind.Bool;
                break;
            default:
                RefineToNumber(s, b.Left);
                RefineToNumber(s, b.Right);
                result = b.Op is SoxBinaryOp.Sub or SoxBinaryOp.Mul or SoxBinaryOp.Div or SoxBinaryOp.Mod
                    ? ValueKind.Number : ValueKind.Bool;
                break;
        }
        s[b.Dest.Id] = result;
    }

    /// <summary>Narrows <paramref name="r"/> to a number, and with it the variable it is a live copy of and that variable's other live copies.</summary>
    private void RefineToNumber(ValueKind[] s, VReg r)
    {
        var root = RootOf(r.Id);
        Narrow(s, root);
        for (var i = 0; i < _copies.Count; i++)
        {
            if (_copies.Source(i) == root) Narrow(s, _copies.Dest(i));
        }
    }

    private static void Narrow(ValueKind[] s, int r)
    {
        var known = s[r] == ValueKind.None ? ValueKind.Any : s[r];
        var refined = known & ValueKind.Number;
        if (refined != ValueKind.None) s[r] = refined; // none: the operation always fails; keep what was known
    }

    /// <summary>
    /// The state on the edge from <paramref name="block"/> to successor <paramref name="index"/> of
    /// <paramref name="term"/> (<paramref name="s"/> itself when the edge proves nothing new), or null when the
    /// test on the edge cannot pass. A narrowed state is a scratch array, valid until the next call.
    /// </summary>
    public ValueKind[]? Edge(BasicBlock block, Terminator term, int index, ValueKind[] s)
    {
        switch (term)
        {
            case BranchInst b when Constants.TryGet(b.Condition, out var flag):
                return (flag != 0) == (index == 0) ? s : null;
            case CompareBranchInst c when Constants.TryGet(c.Left, out var l) && Constants.TryGet(c.Right, out var r):
                return c.Condition.Evaluate(l, r) == (index == 0) ? s : null;
            case BranchTruthyInst t:
                return Refine(s, t.Value, index == 0 ? ~(ValueKind.Nil | ValueKind.False) : ValueKind.Nil | ValueKind.False);
            case CompareBranchInst { Condition: IntCondition.Ne or IntCondition.Eq } c
                when term.Successors[0] != term.Successors[1] && TaggedOperand(block, c) is { } v:
                // (v & QNAN) != QNAN holds on the true edge of br.ne (the false edge of br.eq): v is a number, which
                // is what those bits mean whatever the register held (runtime-abi.md "Values").
                var numberEdge = c.Condition == IntCondition.Ne ? 0 : 1;
                return Refine(s, v, index == numberEdge ? ValueKind.Number | ValueKind.Flag : ValueKind.TaggedBits);
            default:
                return s;
        }
    }

    /// <summary>
    /// <paramref name="s"/> with <paramref name="r"/> (and the variable it is a live copy of, and that variable's
    /// other live copies) narrowed to <paramref name="allowed"/>; null when nothing is left (the edge is never taken).
    /// </summary>
    private ValueKind[]? Refine(ValueKind[] s, VReg r, ValueKind allowed)
    {
        var before = TypeAnalysis.Of(s, r);
        var after = before & allowed;
        if (after == ValueKind.None) return null;
        if (after == before) return s;
        // The edge's state lives until the caller has merged it into the target: one scratch array serves every edge
        // (and every analysis on this thread; only the function's registers are copied, the arrays may be longer).
        if (_edgeState is null || _edgeState.Length < _registers) _edgeState = new ValueKind[Math.Max(_registers, s.Length)];
        var copy = _edgeState;
        Array.Copy(s, copy, _registers);
        var root = RootOf(r.Id);
        NarrowTo(copy, r.Id, allowed);
        NarrowTo(copy, root, allowed);
        for (var i = 0; i < _copies.Count; i++)
        {
            if (_copies.Source(i) == root) NarrowTo(copy, _copies.Dest(i), allowed);
        }
        return copy;
    }

    private ValueKind[]? _edgeState;

    /// <summary>The analysed function's register count: the part of a state that is its own.</summary>
    private int _registers;

    private static void NarrowTo(ValueKind[] state, int id, ValueKind allowed)
    {
        var narrowed = (state[id] == ValueKind.None ? ValueKind.Any : state[id]) & allowed;
        if (narrowed != ValueKind.None) state[id] = narrowed;
    }

    /// <summary>
    /// <c>v</c> when <paramref name="c"/> compares <c>t</c> with QNAN and the block computes <c>t = v &amp; QNAN</c>
    /// (either operand order) with no later assignment of <c>t</c> or <c>v</c>: the number tag test.
    /// </summary>
    private VReg? TaggedOperand(BasicBlock block, CompareBranchInst c)
    {
        VReg t;
        if (IsConstant(c.Right, ValueBits.Qnan)) t = c.Left;
        else if (IsConstant(c.Left, ValueBits.Qnan)) t = c.Right;
        else return null;
        var instructions = block.Instructions;
        for (var i = instructions.Count - 2; i >= 0; i--)
        {
            var inst = instructions[i];
            if (inst.Dest != t) continue;
            if (inst is not IntBinaryInst { Op: IntOp.And } and) return null;
            var v = IsConstant(and.Right, ValueBits.Qnan) ? and.Left : IsConstant(and.Left, ValueBits.Qnan) ? and.Right : null;
            if (v is null) return null;
            for (var j = i + 1; j < instructions.Count - 1; j++)
            {
                if (instructions[j].Dest == v) return null;
            }
            return v;
        }
        return null;
    }
}
