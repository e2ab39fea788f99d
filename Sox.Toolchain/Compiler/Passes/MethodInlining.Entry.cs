using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Passes;

/// <summary>
/// One guard of <c>this</c>'s shape per call of a method that is not run in place (issue 15 item 4: "<c>this.field</c>
/// reads and writes inside methods through the receiver's shape with a single guard"). A small acyclic method whose
/// body reads or writes at least two fields of <c>this</c> gets a <c>SoxInlinedMethodCache</c> of its own (runtime-abi.md
/// "Instances, shapes and inline caches", <c>sox_method_entry_fill</c>) and a second copy of its body: on entry the
/// shape id of <c>this</c> is compared with the cache's; a match runs the copy, in which every field of <c>this</c> is
/// read and written at the cache's offset with no guard of its own; anything else runs the body as lowered (after
/// asking the runtime to fill an empty cache).
/// <para>
/// <b>Why one compare at entry is enough, even across calls.</b> The offsets are those of the fields in the shape the
/// cache names, and <c>this</c> is one object for the whole call (it cannot be assigned, §5.3). A field of an instance
/// never moves or goes away: adding a field gives the instance a new shape but keeps every existing field in its
/// slot (<c>sox_instance_add_field</c>), and only inline slots are cached. So a call that adds fields to <c>this</c>
/// leaves the cached offsets right.
/// </para>
/// <para>
/// <b>Why traces and debugging stay exact.</b> The copy is the same function: every instruction keeps its line,
/// column, and the registers of debug variables (the rest are renamed in the copy), every call and
/// every point of failure is still there with its own slow path; only the shape compares of fields of <c>this</c>,
/// which cannot fail, are gone. Both copies write the variables' registers, so the copy is limited to acyclic bodies
/// (<c>licm</c> moves only single-definition registers).
/// </para>
/// </summary>
internal sealed partial class MethodInlining
{
    /// <summary>The largest body (instructions, as lowered) that gets a second copy.</summary>
    public const int MaxVersionedInstructions = 400;

    /// <summary>For each versioned method (by symbol), its cache's offset and the fields it names.</summary>
    private Dictionary<string, (int Offset, List<string> Fields)> _entryCaches = new();

    /// <summary>The guards lowering put on accesses to fields of <c>this</c> in <paramref name="function"/>, in its
    /// shape (the hit block begins with the offset load), with the block each ends.</summary>
    private static List<(BasicBlock Block, CompareBranchInst Branch, ThisFieldGuard Guard)> ThisFieldGuards(IrFunction function)
    {
        var guards = new List<(BasicBlock, CompareBranchInst, ThisFieldGuard)>();
        foreach (var block in function.Blocks)
        {
            if (block.Instructions is not [.., CompareBranchInst { Guard: ThisFieldGuard guard } branch]) continue;
            if (branch.IfTrue.Instructions is [LoadInst first, ..] && first == guard.OffsetLoad) guards.Add((block, branch, guard));
        }
        return guards;
    }

    /// <summary>The fields (name, static string symbol) of a method worth a second copy, else null.</summary>
    private static List<(string Name, string Symbol)>? VersionedFields(IrFunction function)
    {
        if (function.Source is not { Kind: FunctionKind.Method } || function.Convention != CallingConvention.Sox) return null;
        if (function.Parameters.Count < 2 || function.Blocks.Count == 0 || function.HasDefers) return null;
        if (function.Blocks.Sum(b => b.Instructions.Count) > MaxVersionedInstructions) return null;
        var guards = ThisFieldGuards(function);
        if (guards.Count < 2 || InlinableMethod.TopologicalOrder(function.Entry) is null) return null;
        var fields = new List<(string, string)>();
        foreach (var (_, _, guard) in guards)
        {
            if (!fields.Exists(f => f.Item1 == guard.Name)) fields.Add((guard.Name, guard.NameSymbol));
        }
        return fields;
    }

    /// <summary>
    /// Gives <paramref name="function"/> its entry guard and second copy: a new entry block compares the shape id of
    /// <c>this</c> with the cache's and goes to the copy of the old entry on a match; else, when the cache is empty,
    /// it calls <c>sox_method_entry_fill</c> first, then runs the old entry.
    /// </summary>
    private void VersionOnThis(IrFunction function, int offset, List<string> fields)
    {
        var guards = ThisFieldGuards(function);
        if (guards.Count == 0) return;
        var original = function.Blocks.ToList();
        var copies = new Dictionary<BasicBlock, BasicBlock>();
        foreach (var block in original) copies[block] = function.NewBlock(block.Hint);
        BasicBlock To(BasicBlock b) => copies[b];
        var guarded = guards.ToDictionary(g => g.Branch, g => g.Guard);
        // The copy's temporaries are its own (so passes that want one definition or one use, such as the fused float
        // compare of fastpath, gvn and dce, see them as before); registers that hold a debug variable, and the
        // parameters, keep their names in both copies, so a debugger finds each variable where it did.
        var kept = function.DebugVariables.Select(v => v.Register).Concat(function.Parameters).ToHashSet();
        var renamed = new Dictionary<VReg, VReg>();
        VReg R(VReg v)
        {
            if (kept.Contains(v)) return v;
            if (!renamed.TryGetValue(v, out var mapped)) renamed[v] = mapped = function.NewRegister(v.Type, v.Hint);
            return mapped;
        }
        var offsetLoads = guards.ToDictionary(g => (Instruction)g.Guard.OffsetLoad!, g => fields.IndexOf(g.Guard.Name));
        foreach (var block in original)
        {
            var copy = copies[block].Instructions;
            foreach (var inst in block.Instructions)
            {
                if (inst is CompareBranchInst branch && guarded.ContainsKey(branch))
                {
                    copy.Add(new JumpInst(To(branch.IfTrue), branch.Line) { Column = branch.Column });
                }
                else if (offsetLoads.TryGetValue(inst, out var index) && index >= 0)
                {
                    var load = (LoadInst)inst;
                    var cache = function.NewRegister(IrType.I64, null);
                    copy.Add(new SymbolAddressInst(cache, _cacheSymbol, offset, load.Line) { Column = load.Column });
                    copy.Add(new LoadInst(R(load.Dest), cache, CacheOffsetOf(fields.Count, index), 8, load.Line) { Column = load.Column });
                }
                else
                {
                    var clone = CopyOf(inst, R, To);
                    clone.Column = inst.Column;
                    copy.Add(clone);
                }
            }
        }

        var entry = function.Entry;
        var check = function.NewBlock("this_shape");
        var fill = function.NewBlock("this_fill");
        var b = new IrBuilder(function) { Line = entry.Instructions[0].Line, Column = entry.Instructions[0].Column };
        b.SetBlock(check);
        var self = function.Parameters[1]; // `this`: methods are reached only through instances
        var shapeId = b.Load(b.Load(b.UnboxObject(self), ValueBits.InstanceShapeOffset), ValueBits.ShapeIdOffset);
        var address = b.SymbolAddress(_cacheSymbol, offset);
        var cached = b.Load(address, 0);
        var slow = function.NewBlock("this_other_shape");
        b.CompareBranch(IntCondition.Eq, shapeId, cached, copies[entry], slow);
        b.SetBlock(slow);
        b.CompareBranch(IntCondition.Eq, cached, b.Const(0), fill, entry);
        b.SetBlock(fill);
        b.CallC(RuntimeFunctions.MethodEntryFill, [self, address], hasResult: false);
        b.Jump(entry);

        // The check becomes the entry; the copy follows the original, so each keeps its own block order.
        function.Blocks.Remove(check);
        function.Blocks.Insert(0, check);
    }

    /// <summary><paramref name="inst"/> with its registers renamed by <paramref name="r"/> and its successors by
    /// <paramref name="to"/>.</summary>
    private static Instruction CopyOf(Instruction inst, Func<VReg, VReg> r, Func<BasicBlock, BasicBlock> to) => inst switch
    {
        ConstInst c => new ConstInst(r(c.Dest), c.Bits, c.Line),
        CopyInst c => new CopyInst(r(c.Dest), r(c.Source), c.Line),
        IntBinaryInst c => new IntBinaryInst(c.Op, r(c.Dest), r(c.Left), r(c.Right), c.Line),
        IntCompareInst c => new IntCompareInst(c.Condition, r(c.Dest), r(c.Left), r(c.Right), c.Line),
        FloatBinaryInst c => new FloatBinaryInst(c.Op, r(c.Dest), r(c.Left), r(c.Right), c.Line),
        FloatCompareInst c => new FloatCompareInst(c.Condition, r(c.Dest), r(c.Left), r(c.Right), c.Line),
        ConvertInst c => new ConvertInst(c.Kind, r(c.Dest), r(c.Source), c.Line),
        LoadInst c => new LoadInst(r(c.Dest), r(c.Base), c.Offset, c.Width, c.Line),
        StoreInst c => new StoreInst(r(c.Base), c.Offset, r(c.Value), c.Width, c.Line),
        SymbolAddressInst c => new SymbolAddressInst(r(c.Dest), c.Symbol, c.Addend, c.Line),
        StackSlotAddressInst c => new StackSlotAddressInst(r(c.Dest), c.Slot, c.Line),
        SoxBinaryInst c => new SoxBinaryInst(c.Op, r(c.Dest), r(c.Left), r(c.Right), c.Line),
        SoxUnaryInst c => new SoxUnaryInst(c.Op, r(c.Dest), r(c.Operand), c.Line),
        SoxTruthyInst c => new SoxTruthyInst(r(c.Dest), r(c.Value), c.Line),
        CallInst { Symbol: { } symbol } c => new CallInst(symbol, c.Convention, c.Arguments.Select(r).ToArray(), c.Result is { } v ? r(v) : null, c.Line, c.NoReturn)
        {
            FixedArgumentCount = c.FixedArgumentCount, ArgumentWidths = c.ArgumentWidths, InvokedMethod = c.InvokedMethod,
        },
        CallInst c => new CallInst(r(c.Target!), c.Convention, c.Arguments.Select(r).ToArray(), c.Result is { } v ? r(v) : null, c.Line)
        {
            FixedArgumentCount = c.FixedArgumentCount, ArgumentWidths = c.ArgumentWidths, InvokedMethod = c.InvokedMethod,
        },
        JumpInst c => new JumpInst(to(c.Target), c.Line),
        BranchInst c => new BranchInst(r(c.Condition), to(c.IfTrue), to(c.IfFalse), c.Line),
        CompareBranchInst c => new CompareBranchInst(c.Condition, r(c.Left), r(c.Right), to(c.IfTrue), to(c.IfFalse), c.Line),
        FloatCompareBranchInst c => new FloatCompareBranchInst(c.Condition, r(c.Left), r(c.Right), to(c.IfTrue), to(c.IfFalse), c.Line),
        BranchTruthyInst c => new BranchTruthyInst(r(c.Value), to(c.IfTrue), to(c.IfFalse), c.Line),
        ReturnInst c => new ReturnInst(c.Value is { } v ? r(v) : null, c.Line),
        UnreachableInst c => new UnreachableInst(c.Line),
        _ => throw new InvalidOperationException($"cannot copy {inst}"),
    };
}
