using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// A method body <see cref="MethodInlining"/> may run in place of its call, read before any pass changed it: an
/// acyclic flow graph of field reads and writes, arithmetic, comparisons, truthiness and returns, whose only calls
/// are in <b>miss blocks</b> (a property cache's lookup, a no-return runtime error), and whose points of failure —
/// miss blocks and the operands of operators that only accept numbers — all come before its first store on every
/// path. An inlined miss block is a jump to the fallback call, and a failing operator gets a number tag test of each
/// operand that jumps to the fallback (the test the type analysis reads, so the operator's own fast path needs none).
/// <para>
/// <b>Fields of <c>this</c></b> (<see cref="Fields"/>, the branches lowering marked <see cref="ThisFieldGuard"/>) have
/// no guard and no miss block once inlined: the site's <c>SoxInlinedMethodCache</c>, checked once against the
/// receiver's shape before the body, holds each one's offset for that shape, so they are not points of failure.
/// </para>
/// </summary>
internal sealed class InlinableMethod
{
    private readonly string _symbol;
    private readonly VReg[] _parameters;
    private readonly List<BasicBlock> _blocks;
    private readonly Dictionary<BasicBlock, Instruction[]> _bodies;
    private readonly HashSet<BasicBlock> _misses;
    private readonly Dictionary<ThisFieldGuard, int> _fieldOf;
    private readonly HashSet<Instruction> _unboxesThis;

    private InlinableMethod(IrFunction function, List<BasicBlock> blocks, Dictionary<BasicBlock, Instruction[]> bodies, HashSet<BasicBlock> misses,
        Dictionary<ThisFieldGuard, int> fieldOf, List<(string Name, string Symbol)> fields)
    {
        // Everything Expand reads is copied here: other functions' passes may change the method's function meanwhile.
        _symbol = function.Symbol;
        _parameters = function.Parameters.ToArray();
        _blocks = blocks;
        _bodies = bodies;
        _misses = misses;
        _fieldOf = fieldOf;
        Fields = fields;
        _unboxesThis = UnboxesOfThis(function, blocks, bodies);
    }

    /// <summary>
    /// The body's <c>and this, 0x0000ffffffffffff</c> (the instance pointer of <c>this</c>, which lowering computes
    /// again for every field access): inlined, each is a copy of the pointer the site already unboxed.
    /// </summary>
    private static HashSet<Instruction> UnboxesOfThis(IrFunction function, List<BasicBlock> blocks, Dictionary<BasicBlock, Instruction[]> bodies)
    {
        var all = blocks.SelectMany(b => bodies[b]).ToList();
        // Registers with a single definition in the body (parameters count as defined once, at entry).
        var definitions = new Dictionary<VReg, int>();
        foreach (var p in function.Parameters) definitions[p] = 1;
        foreach (var inst in all)
        {
            if (inst.Dest is { } d) definitions[d] = definitions.GetValueOrDefault(d) + 1;
        }
        bool Single(VReg r) => definitions.GetValueOrDefault(r) == 1;
        var self = new HashSet<VReg>();
        if (function.Parameters.Count > 1 && Single(function.Parameters[1])) self.Add(function.Parameters[1]);
        var masks = new HashSet<VReg>();
        var unboxes = new HashSet<Instruction>();
        foreach (var inst in all) // blocks in topological order: a copy's source is classified before it
        {
            switch (inst)
            {
                case CopyInst c when self.Contains(c.Source) && Single(c.Dest):
                    self.Add(c.Dest);
                    break;
                case ConstInst { Bits: ValueBits.AddressMask } k when Single(k.Dest):
                    masks.Add(k.Dest);
                    break;
                case IntBinaryInst { Op: IntOp.And } a when self.Contains(a.Left) && masks.Contains(a.Right):
                    unboxes.Add(a);
                    break;
            }
        }
        return unboxes;
    }

    /// <summary>The method's code symbol, which its closures' code pointers hold.</summary>
    public string Symbol => _symbol;

    /// <summary>The fields of <c>this</c> the body reads or writes, each once (name, its static string's symbol): the
    /// names of its <c>SoxInlinedMethodCache</c>, whose offsets the body uses in this order.</summary>
    public IReadOnlyList<(string Name, string Symbol)> Fields { get; }

    /// <summary>The body of <paramref name="function"/> if it qualifies, else null.</summary>
    public static InlinableMethod? From(IrFunction function)
    {
        if (function.Convention != CallingConvention.Sox || function.HasDefers || function.Blocks.Count == 0) return null;
        var order = TopologicalOrder(function.Entry);
        if (order is null) return null;
        var bodies = new Dictionary<BasicBlock, Instruction[]>();
        var misses = new HashSet<BasicBlock>();
        foreach (var block in order) bodies[block] = block.Instructions.ToArray();
        var (fieldOf, fields, unreachable) = ThisFields(order, bodies);
        var size = 0;
        foreach (var block in order)
        {
            var instructions = bodies[block];
            if (unreachable.Contains(block))
            {
                misses.Add(block);
                continue;
            }
            if (instructions.Any(i => i is CallInst))
            {
                if (!instructions.All(IsMissInstruction)) return null;
                misses.Add(block);
                continue;
            }
            if (!instructions.All(IsInlinable)) return null;
            size += instructions.Length;
        }
        if (size > MethodInlining.MaxInstructions) return null;
        if (!order.Any(b => !misses.Contains(b) && bodies[b][^1] is ReturnInst)) return null;
        return FailsOnlyBeforeStores(order, bodies, misses, unreachable) ? new InlinableMethod(function, order, bodies, misses, fieldOf, fields) : null;
    }

    /// <summary>
    /// The body's guarded accesses to fields of <c>this</c>: each guard's field number, the distinct fields, and the
    /// miss blocks only those guards reach (unreachable once inlined). A guard counts only in the shape lowering
    /// gives it: its hit block begins with its offset load.
    /// </summary>
    private static (Dictionary<ThisFieldGuard, int>, List<(string, string)>, HashSet<BasicBlock>) ThisFields(List<BasicBlock> order, Dictionary<BasicBlock, Instruction[]> bodies)
    {
        var fieldOf = new Dictionary<ThisFieldGuard, int>();
        var fields = new List<(string, string)>();
        var candidates = new HashSet<BasicBlock>();
        foreach (var block in order)
        {
            if (bodies[block] is not [.., CompareBranchInst { Guard: ThisFieldGuard guard } branch]) continue;
            if (!bodies.TryGetValue(branch.IfTrue, out var hit) || hit.Length == 0 || hit[0] != guard.OffsetLoad) continue;
            var index = fields.FindIndex(f => f.Item1 == guard.Name);
            if (index < 0)
            {
                index = fields.Count;
                fields.Add((guard.Name, guard.NameSymbol));
            }
            fieldOf[guard] = index;
            candidates.Add(branch.IfFalse);
        }
        // A miss block is dead only when nothing but those guards goes there.
        foreach (var block in order)
        {
            if (bodies[block] is not [.., Instruction last]) continue;
            if (last is CompareBranchInst { Guard: ThisFieldGuard g } && fieldOf.ContainsKey(g)) continue;
            foreach (var s in last.Successors) candidates.Remove(s);
        }
        return (fieldOf, fields, candidates);
    }

    /// <summary>The blocks reachable from <paramref name="entry"/>, each after all its predecessors (so the entry first);
    /// null when there is a cycle.</summary>
    internal static List<BasicBlock>? TopologicalOrder(BasicBlock entry)
    {
        var postorder = new List<BasicBlock>();
        var state = new Dictionary<BasicBlock, bool>(); // false: on the DFS stack; true: finished
        bool Visit(BasicBlock b)
        {
            if (state.TryGetValue(b, out var finished)) return finished;
            state[b] = false;
            foreach (var s in b.Successors)
            {
                if (!Visit(s)) return false;
            }
            state[b] = true;
            postorder.Add(b);
            return true;
        }
        if (!Visit(entry)) return null;
        postorder.Reverse();
        return postorder;
    }

    /// <summary>What a miss block may hold: the lookup's or the error's call and the values it needs.</summary>
    private static bool IsMissInstruction(Instruction inst) => inst switch
    {
        CallInst { Convention: CallingConvention.C } c => c.NoReturn || c.Symbol is RuntimeFunctions.GetPropertyCached or RuntimeFunctions.SetPropertyCached,
        CallInst => false,
        _ => IsInlinable(inst) || inst is UnreachableInst,
    };

    /// <summary>Instructions that neither call nor touch the frame (stack slots belong to the callee's frame).</summary>
    private static bool IsInlinable(Instruction inst) => inst is ConstInst or CopyInst or IntBinaryInst or IntCompareInst
        or FloatBinaryInst or FloatCompareInst or ConvertInst or LoadInst or StoreInst or SymbolAddressInst
        or SoxBinaryInst or SoxUnaryInst or SoxTruthyInst
        or JumpInst or BranchInst or CompareBranchInst or FloatCompareBranchInst or BranchTruthyInst or ReturnInst;

    /// <summary>True for an operator that raises an error unless its operands are numbers (§3; <c>+</c> also adds strings,
    /// which the fallback does).</summary>
    internal static bool NeedsNumbers(Instruction inst) =>
        inst is SoxBinaryInst { Op: not (SoxBinaryOp.Eq or SoxBinaryOp.Ne) } or SoxUnaryInst { Op: SoxUnaryOp.Negate };

    /// <summary>True when no path reaches a point of failure (a miss block, an operator needing numbers) after a store.</summary>
    private static bool FailsOnlyBeforeStores(List<BasicBlock> order, Dictionary<BasicBlock, Instruction[]> bodies, HashSet<BasicBlock> misses, HashSet<BasicBlock> unreachable)
    {
        var storedBefore = new HashSet<BasicBlock>();
        foreach (var block in order)
        {
            if (unreachable.Contains(block)) continue;
            var stored = storedBefore.Contains(block);
            if (misses.Contains(block))
            {
                if (stored) return false;
                continue;
            }
            foreach (var inst in bodies[block])
            {
                if (NeedsNumbers(inst) && stored) return false;
                if (inst is StoreInst) stored = true;
            }
            if (stored)
            {
                foreach (var s in block.Successors) storedBefore.Add(s);
            }
        }
        return true;
    }

    /// <summary>
    /// Writes the body into <paramref name="caller"/> starting at the empty block <paramref name="entry"/>: registers
    /// renamed (parameters copied from the call's arguments, so a body assigning a parameter cannot change the
    /// caller's register), miss blocks and failed number tests going to <paramref name="fallback"/>, each return
    /// copying its value to the call's result and going to <paramref name="done"/>. Every instruction gets the call's
    /// line and column: nothing in the body can fail, and a debugger stepping over the call stays on its statement.
    /// A field of <c>this</c> is read or written at the offset in <paramref name="cache"/> (the address of the site's
    /// <c>SoxInlinedMethodCache</c> for this method, whose shape the caller has checked), without a guard; the
    /// pointer of <c>this</c> is <paramref name="instance"/>, the receiver the site unboxed, when there is one.
    /// </summary>
    public void Expand(IrFunction caller, CallInst call, BasicBlock entry, BasicBlock fallback, BasicBlock done, VReg cache, VReg? instance)
    {
        var offsets = new Dictionary<LoadInst, int>();
        foreach (var (guard, index) in _fieldOf) offsets[guard.OffsetLoad!] = MethodInlining.CacheOffsetOf(Fields.Count, index);
        var rename = new Dictionary<VReg, VReg>();
        VReg Map(VReg r)
        {
            if (!rename.TryGetValue(r, out var mapped)) rename[r] = mapped = caller.NewRegister(r.Type, r.Hint);
            return mapped;
        }
        var blocks = new Dictionary<BasicBlock, BasicBlock>();
        foreach (var block in _blocks)
        {
            blocks[block] = _misses.Contains(block) ? fallback : block == _blocks[0] ? entry : caller.NewBlock("inlined");
        }
        BasicBlock To(BasicBlock b) => blocks[b];

        var b = new IrBuilder(caller) { Line = call.Line, Column = call.Column };
        b.SetBlock(entry);
        for (var p = 0; p < _parameters.Length; p++) b.Copy(Map(_parameters[p]), call.Arguments[p]);
        foreach (var block in _blocks)
        {
            if (_misses.Contains(block)) continue;
            if (block != _blocks[0]) b.SetBlock(blocks[block]);
            foreach (var inst in _bodies[block])
            {
                if (NeedsNumbers(inst))
                {
                    foreach (var operand in inst.Uses.Distinct()) GuardNumber(b, Map(operand), fallback);
                }
                switch (inst)
                {
                    case CompareBranchInst { Guard: ThisFieldGuard guard } branch when _fieldOf.ContainsKey(guard):
                        b.Jump(To(branch.IfTrue));
                        break;
                    case IntBinaryInst unbox when instance is not null && _unboxesThis.Contains(unbox):
                        b.Copy(Map(unbox.Dest), instance);
                        break;
                    case LoadInst load when offsets.TryGetValue(load, out var offset):
                        b.Emit(new LoadInst(Map(load.Dest), cache, offset, 8, call.Line));
                        break;
                    case ReturnInst ret:
                        if (call.Result is { } result) b.Copy(result, ret.Value is { } v ? Map(v) : b.Const(ValueBits.Nil));
                        b.Jump(done);
                        break;
                    default:
                        var clone = Clone(inst, Map, To);
                        clone.Line = call.Line;
                        b.Emit(clone);
                        break;
                }
            }
        }
    }

    /// <summary>Continues in a new block when <paramref name="value"/> is a number (<c>(v &amp; QNAN) != QNAN</c>,
    /// the test the type analysis recognises), else goes to <paramref name="fallback"/>.</summary>
    private static void GuardNumber(IrBuilder b, VReg value, BasicBlock fallback)
    {
        var number = b.NewBlock("inlined");
        var qnan = b.Const(ValueBits.Qnan);
        b.CompareBranch(IntCondition.Ne, b.Int(IntOp.And, value, qnan), qnan, number, fallback);
        b.SetBlock(number);
    }

    /// <summary><paramref name="inst"/> with its registers and blocks renamed.</summary>
    private static Instruction Clone(Instruction inst, Func<VReg, VReg> r, Func<BasicBlock, BasicBlock> to) => inst switch
    {
        ConstInst c => new ConstInst(r(c.Dest), c.Bits, 0),
        CopyInst c => new CopyInst(r(c.Dest), r(c.Source), 0),
        IntBinaryInst c => new IntBinaryInst(c.Op, r(c.Dest), r(c.Left), r(c.Right), 0),
        IntCompareInst c => new IntCompareInst(c.Condition, r(c.Dest), r(c.Left), r(c.Right), 0),
        FloatBinaryInst c => new FloatBinaryInst(c.Op, r(c.Dest), r(c.Left), r(c.Right), 0),
        FloatCompareInst c => new FloatCompareInst(c.Condition, r(c.Dest), r(c.Left), r(c.Right), 0),
        ConvertInst c => new ConvertInst(c.Kind, r(c.Dest), r(c.Source), 0),
        LoadInst c => new LoadInst(r(c.Dest), r(c.Base), c.Offset, c.Width, 0),
        StoreInst c => new StoreInst(r(c.Base), c.Offset, r(c.Value), c.Width, 0),
        SymbolAddressInst c => new SymbolAddressInst(r(c.Dest), c.Symbol, c.Addend, 0),
        SoxBinaryInst c => new SoxBinaryInst(c.Op, r(c.Dest), r(c.Left), r(c.Right), 0),
        SoxUnaryInst c => new SoxUnaryInst(c.Op, r(c.Dest), r(c.Operand), 0),
        SoxTruthyInst c => new SoxTruthyInst(r(c.Dest), r(c.Value), 0),
        JumpInst c => new JumpInst(to(c.Target), 0),
        BranchInst c => new BranchInst(r(c.Condition), to(c.IfTrue), to(c.IfFalse), 0),
        CompareBranchInst c => new CompareBranchInst(c.Condition, r(c.Left), r(c.Right), to(c.IfTrue), to(c.IfFalse), 0),
        FloatCompareBranchInst c => new FloatCompareBranchInst(c.Condition, r(c.Left), r(c.Right), to(c.IfTrue), to(c.IfFalse), 0),
        BranchTruthyInst c => new BranchTruthyInst(r(c.Value), to(c.IfTrue), to(c.IfFalse), 0),
        _ => throw new InvalidOperationException($"not inlinable: {inst}"),
    };
}
