using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Passes;

/// <summary>
/// Speculative inlining of small methods at invoke sites behind one shape guard, with the real call as the fallback
/// (issue 15 items 4 and 5; docs/ir.md "Passes", <c>inline.methods</c>). For each method of this module with the
/// site's name and argument count whose body qualifies (<see cref="InlinableMethod"/>), the site gets a
/// <c>SoxInlinedMethodCache</c> (runtime-abi.md "Instances, shapes and inline caches"): a receiver shape id, the
/// method closure for it, and the byte offsets of the fields of <c>this</c> the body touches. Right after the
/// receiver's shape id is loaded, it is compared with each candidate's cache; a match runs that candidate's body
/// in place, its fields read and written at the cached offsets with no further guard; no match goes on to the
/// site's invoke cache as before (<c>FunctionLowerer.Properties.cs</c>), whose calls of a candidate's code first
/// ask <c>sox_inlined_method_fill</c> to fill that candidate's cache for the receiver's shape.
/// <para>
/// <b>Super sites</b> (<c>super.m(x)</c>, lowering's <see cref="SuperProbeGuard"/>): the method called depends on the
/// superclass alone (its id, which the site's super cache compares), not on the receiver's shape — the same code can
/// run under two superclasses when its class declaration ran twice. So each candidate's cache also holds a superclass
/// id (+32): the guard compares the superclass's id with it, then the shape id of <c>this</c> (loaded there) with the
/// cache's for the field offsets, and the site's calls fill it through <c>sox_inlined_super_fill</c> with the id.
/// An equal id is the same class, whose method table is fixed, so the cached closure is the one the call would run.
/// </para>
/// <para>
/// <b>Why one guard is enough.</b> The cache is filled only with the closure the invoke cache or the runtime found
/// for a receiver of that shape, after comparing its code pointer with the candidate's symbol, and only when each
/// field the body names is an inline field of that shape. Ids are never reused and a shape's layout never changes,
/// so an equal id means the same closure and the same offsets. Nothing the inlined body does can change the
/// receiver's shape: it calls nothing, and its stores hit existing fields.
/// </para>
/// <para>
/// <b>Why traces stay exact without inline frames.</b> Inside the inlined body every other point where the method
/// could fail or call out — a property-cache miss on another object (the block that would call
/// <c>sox_get_property_cached</c> or <c>sox_set_property_cached</c>), an operand of <c>+ - * / % &lt; &lt;= &gt; &gt;=</c>
/// or unary <c>-</c> that is not a number — jumps to the fallback: a direct call of the candidate's code with the
/// cached closure, the receiver and the arguments, which runs the whole method from its start, fills the caches and
/// raises the exact error with its <c>[line N] in m()</c> frame (language.md §10.3). That is only correct when
/// nothing observable happened before the jump, so a body qualifies only when every such point comes before its
/// first store. The inlined body itself neither fails nor calls, so it never appears in a trace; its instructions
/// carry the call's line and column. The prologue's stack-depth check disappears with the call, as for
/// <see cref="Inlining"/>: a body without calls cannot recurse, and the fallback call keeps its check.
/// </para>
/// Bodies are read, and the caches laid out, in <see cref="Prepare"/> before any function is transformed, so
/// functions may then run in parallel.
/// </summary>
internal sealed partial class MethodInlining : FunctionPass, IModuleAnalysis
{
    /// <summary>The most methods compared at one call (a site seeing more classes keeps its call for the rest).</summary>
    public const int MaxCandidates = 8;

    /// <summary>The largest body (instructions) inlined.</summary>
    public const int MaxInstructions = 64;

    /// <summary><c>SoxInlinedMethodCache</c> (sox_runtime.h): the method closure's offset.</summary>
    internal const int CacheMethodOffset = 8;

    /// <summary><c>SoxInlinedMethodCache</c>: the superclass id's offset (super sites only).</summary>
    internal const int CacheClassIdOffset = 32;

    /// <summary><c>SoxInlinedMethodCache</c>: the field count's offset.</summary>
    internal const int CacheCountOffset = 40;

    /// <summary><c>SoxInlinedMethodCache</c>: where the field names begin (then as many offsets).</summary>
    internal const int CacheSlotsOffset = 48;

    public override string Name => "inline.methods";

    private Dictionary<(string Name, int Arguments), List<InlinableMethod>> _methods = new();

    /// <summary>Each transformed site's caches: the data item's symbol and each candidate's cache offset in it.</summary>
    private Dictionary<MethodSiteGuard, int[]> _caches = new();

    private string _cacheSymbol = "";

    /// <summary>The byte offset in a <c>SoxInlinedMethodCache</c> of the cached offset of field
    /// <paramref name="index"/> of <paramref name="count"/>.</summary>
    internal static int CacheOffsetOf(int count, int index) => CacheSlotsOffset + 8 * (count + index);

    /// <inheritdoc/>
    public void Prepare(IrModule module)
    {
        var methods = new Dictionary<(string, int), List<InlinableMethod>>();
        foreach (var function in module.Functions)
        {
            if (function.Source is not { Kind: FunctionKind.Method } || function.TraceName is not { } name) continue;
            if (InlinableMethod.From(function) is not { } body) continue;
            var key = (name, function.Parameters.Count);
            if (!methods.TryGetValue(key, out var list)) methods[key] = list = new List<InlinableMethod>();
            if (list.Count < MaxCandidates) list.Add(body);
        }
        _methods = methods;
        _caches = new Dictionary<MethodSiteGuard, int[]>();
        _entryCaches = new Dictionary<string, (int, List<string>)>();
        _cacheSymbol = $"sox_inlined_{module.Name}";

        // Lay out one cache per (site, candidate), in function and block order so the object is deterministic, then
        // one per method that gets a second copy of its body for one shape of `this` (MethodInlining.Entry.cs).
        var layout = new List<(int Offset, IReadOnlyList<(string Name, string Symbol)> Fields)>();
        var size = 0;
        foreach (var function in module.Functions)
        {
            if (methods.Count == 0) break;
            foreach (var block in function.Blocks)
            {
                if (block.Instructions is not [.., CompareBranchInst { Guard: MethodSiteGuard site }]) continue;
                if (Candidates(site) is not { } candidates) continue;
                var offsets = new int[candidates.Count];
                for (var k = 0; k < candidates.Count; k++)
                {
                    offsets[k] = size;
                    layout.Add((size, candidates[k].Fields));
                    size += CacheSlotsOffset + 16 * candidates[k].Fields.Count;
                }
                _caches[site] = offsets;
            }
        }
        foreach (var function in module.Functions)
        {
            if (VersionedFields(function) is not { } fields) continue;
            _entryCaches[function.Symbol] = (size, fields.Select(f => f.Name).ToList());
            layout.Add((size, fields));
            size += CacheSlotsOffset + 16 * fields.Count;
        }
        if (size == 0) return;
        var bytes = new byte[size];
        var data = new DataItem(_cacheSymbol, Linkage.Local, DataSection.Data, DataKind.Other, 8, bytes);
        foreach (var (offset, fields) in layout)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(offset + CacheCountOffset), (long)fields.Count);
            for (var i = 0; i < fields.Count; i++) data.AddPointer(offset + CacheSlotsOffset + 8 * i, fields[i].Symbol);
        }
        module.Data.Add(data);
    }

    /// <summary>The methods a site may call that can run in place, or null.</summary>
    private List<InlinableMethod>? Candidates(MethodSiteGuard site) =>
        site.Calls is [{ InvokedMethod: { } name } call, ..] && _methods.TryGetValue((name, call.Arguments.Count), out var candidates) ? candidates : null;

    public override void Run(IrFunction function)
    {
        InlineAtSites(function);
        // After the sites, so the copy has the bodies run in place too.
        if (_entryCaches.TryGetValue(function.Symbol, out var entry)) VersionOnThis(function, entry.Offset, entry.Fields);
    }

    private void InlineAtSites(IrFunction function)
    {
        if (_caches.Count == 0) return;
        // Most functions have no invoke site: find that out before copying the block list or indexing the calls.
        var sites = false;
        foreach (var block in function.Blocks)
        {
            if (block.Instructions is [.., CompareBranchInst { Guard: MethodSiteGuard }])
            {
                sites = true;
                break;
            }
        }
        if (!sites) return;
        // Only the blocks that exist now: the new blocks hold no site. A marked call ends its block but for the jump
        // to the site's join, so splitting one site's call blocks moves no other site's call.
        var blocks = function.Blocks.ToArray();
        var marked = new Dictionary<CallInst, BasicBlock>();
        foreach (var block in blocks)
        {
            if (block.Instructions is [.., CallInst { InvokedMethod: not null } call, JumpInst]) marked[call] = block;
        }
        foreach (var block in blocks)
        {
            if (block.Instructions is not [.., CompareBranchInst { Guard: MethodSiteGuard site } probe]) continue;
            if (!_caches.TryGetValue(site, out var offsets) || Candidates(site) is not { } candidates) continue;
            // Lowering's shape: each marked call followed by the jump to the site's join; else leave the site.
            if (!site.Calls.All(marked.ContainsKey)) continue;
            var joins = site.Calls.Select(c => ((JumpInst)marked[c].Instructions[^1]).Target).Distinct().ToList();
            if (joins.Count != 1) continue;

            // At a super site the class id (the probe's left operand) is computed before the probe, so it is there at both calls.
            var superclassId = site is SuperProbeGuard ? probe.Left : null;
            foreach (var call in site.Calls) FillBeforeCall(function, marked[call], candidates, offsets, superclassId);
            GuardAndInline(function, block, probe, site.Calls[0], joins[0], candidates, offsets, superclassId);
        }
    }

    /// <summary>
    /// Ends <paramref name="block"/> before its probe of the invoke cache in the comparisons of the receiver's shape
    /// id with each candidate's cache: a match runs the candidate's body (block <c>inlined</c>), whose fallback calls
    /// the candidate's code directly with the cached closure; no match goes on to the probe (block <c>invoke_probe</c>).
    /// At a super site (<paramref name="superclassId"/> set) the probe compares the superclass's id, not a shape id:
    /// each candidate's cache is compared with that id first (the method the site calls depends only on the
    /// superclass), then with the shape id of <c>this</c>, loaded there (the offsets of its fields).
    /// </summary>
    private void GuardAndInline(IrFunction function, BasicBlock block, CompareBranchInst probe, CallInst marked, BasicBlock join,
        List<InlinableMethod> candidates, int[] offsets, VReg? superclassId)
    {
        var firstNew = function.Blocks.Count;
        block.Instructions.RemoveAt(block.Instructions.Count - 1);
        // Cold: reached only for a receiver none of the inlined bodies' caches knows (InstructionSelector.IsCold).
        var probeBlock = function.NewBlock("invoke_probe");
        probeBlock.IsCold = true;
        // Lowering loads entry 0's id just before the probe, for the probe alone: it moves off the inlined path.
        if (block.Instructions is [.., LoadInst entry] && entry.Dest == probe.Right)
        {
            block.Instructions.RemoveAt(block.Instructions.Count - 1);
            probeBlock.Instructions.Add(entry);
        }
        probeBlock.Instructions.Add(probe);
        var receiver = marked.Arguments[1];
        var arguments = marked.Arguments.Skip(2).ToArray();
        var instance = superclassId is null ? UnboxedReceiver(block, probe.Left) : null;

        var b = new IrBuilder(function) { Line = marked.Line, Column = marked.Column };
        b.SetBlock(block);
        for (var k = 0; k < candidates.Count; k++)
        {
            var cache = b.SymbolAddress(_cacheSymbol, offsets[k]);
            var inlined = function.NewBlock("inlined");
            var next = k + 1 < candidates.Count ? function.NewBlock("inlined_guard") : probeBlock;
            if (superclassId is null)
            {
                b.CompareBranch(IntCondition.Eq, probe.Left, b.Load(cache, 0), inlined, next);
            }
            else
            {
                // `this` is always an instance. A matching class id with another shape has no other candidate to try:
                // only the candidate whose code that superclass's method has is ever filled with its id.
                var shape = function.NewBlock("inlined_shape");
                b.CompareBranch(IntCondition.Eq, superclassId, b.Load(cache, CacheClassIdOffset), shape, next);
                b.SetBlock(shape);
                instance = b.UnboxObject(receiver);
                var shapeId = b.Load(b.Load(instance, ValueBits.InstanceShapeOffset), ValueBits.ShapeIdOffset);
                b.CompareBranch(IntCondition.Eq, shapeId, b.Load(cache, 0), inlined, probeBlock);
            }

            // The fallback loads the closure itself, so the body's copy is dead (and dropped) unless the body reads it.
            var fallback = function.NewBlock("inlined_call");
            fallback.IsCold = true;
            b.SetBlock(fallback);
            var closure = b.Load(cache, CacheMethodOffset);
            var call = b.Emit(new CallInst(candidates[k].Symbol, CallingConvention.Sox, [closure, receiver, .. arguments], marked.Result, marked.Line));
            b.Jump(join);
            b.SetBlock(inlined);
            var inBody = new CallInst(candidates[k].Symbol, CallingConvention.Sox, [b.Load(cache, CacheMethodOffset), receiver, .. arguments], marked.Result, marked.Line) { Column = marked.Column };
            candidates[k].Expand(function, inBody, inlined, fallback, join, cache, instance);
            b.SetBlock(next);
        }

        // Layout: the guards, bodies and their calls right after the block, then the invoke cache's probes. A
        // fallback call stays near its body: registers live into it would otherwise have intervals over everything
        // in between, and the allocator would spill them across every call there.
        var added = function.Blocks.GetRange(firstNew, function.Blocks.Count - firstNew);
        function.Blocks.RemoveRange(firstNew, added.Count);
        added.Remove(probeBlock);
        added.Add(probeBlock);
        function.Blocks.InsertRange(function.Blocks.IndexOf(block) + 1, added);
    }

    /// <summary>The instance pointer whose shape's id lowering loaded into <paramref name="id"/> in
    /// <paramref name="block"/> (<c>id = [[instance+16]+0]</c>), when both loads are there and each defines the only
    /// assignment of its register in the block; else null.</summary>
    private static VReg? UnboxedReceiver(BasicBlock block, VReg id)
    {
        var instructions = block.Instructions;
        LoadInst? Definition(VReg r)
        {
            var defs = instructions.Where(i => i.Dest == r).ToList();
            return defs is [LoadInst load] ? load : null;
        }
        if (Definition(id) is not { Offset: ValueBits.ShapeIdOffset, Width: 8 } idLoad) return null;
        if (Definition(idLoad.Base) is not { Offset: ValueBits.InstanceShapeOffset, Width: 8 } shapeLoad) return null;
        var instance = shapeLoad.Base;
        // The pointer must hold the same value where the body runs: not assigned after the shape load.
        var after = instructions.IndexOf(shapeLoad);
        return instructions.Skip(after + 1).Any(i => i.Dest == instance) ? null : instance;
    }

    /// <summary>
    /// Splits <paramref name="block"/> before its marked call: the call's code pointer is compared
    /// with each candidate's symbol, and a match first asks <c>sox_inlined_method_fill</c> to fill that candidate's
    /// cache for the receiver's shape (at a super site <c>sox_inlined_super_fill</c>, with the superclass's id in
    /// <paramref name="superclassId"/>); then the call (block <c>invoke_call</c>) runs as before.
    /// </summary>
    private void FillBeforeCall(IrFunction function, BasicBlock block, List<InlinableMethod> candidates, int[] offsets, VReg? superclassId)
    {
        var firstNew = function.Blocks.Count;
        var index = block.Instructions.Count - 2;
        var call = (CallInst)block.Instructions[index];
        var callBlock = function.NewBlock("invoke_call");
        callBlock.Instructions.AddRange(block.Instructions.GetRange(index, block.Instructions.Count - index));
        block.Instructions.RemoveRange(index, block.Instructions.Count - index);

        var b = new IrBuilder(function) { Line = call.Line, Column = call.Column };
        b.SetBlock(block);
        for (var k = 0; k < candidates.Count; k++)
        {
            var fill = function.NewBlock("invoke_fill");
            var next = k + 1 < candidates.Count ? function.NewBlock("invoke_compare") : callBlock;
            b.CompareBranch(IntCondition.Eq, call.Target!, b.SymbolAddress(candidates[k].Symbol), fill, next);
            b.SetBlock(fill);
            var cache = b.SymbolAddress(_cacheSymbol, offsets[k]);
            if (superclassId is null) b.CallC(RuntimeFunctions.InlinedMethodFill, [call.Arguments[1], call.Arguments[0], cache], hasResult: false);
            else b.CallC(RuntimeFunctions.InlinedSuperFill, [call.Arguments[1], superclassId, call.Arguments[0], cache], hasResult: false);
            b.Jump(callBlock);
            b.SetBlock(next);
        }

        var added = function.Blocks.GetRange(firstNew, function.Blocks.Count - firstNew);
        function.Blocks.RemoveRange(firstNew, added.Count);
        added.Remove(callBlock);
        added.Add(callBlock);
        function.Blocks.InsertRange(function.Blocks.IndexOf(block) + 1, added);
    }
}
