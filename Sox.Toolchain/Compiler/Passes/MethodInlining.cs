using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Passes;

/// <summary>
/// Speculative inlining of small methods behind the invoke cache, with the real call as the fallback (issue 15
/// items 4 and 5; docs/ir.md "Passes", <c>inline.methods</c>). Lowering marks the direct call an invoke site makes once
/// its cache found the method closure (<see cref="CallInst.InvokedMethod"/>). For each method of this module with
/// that name and argument count whose body qualifies (<see cref="InlinableMethod"/>), the call's code pointer is
/// compared with the method's symbol; on a match the method's body runs in place, otherwise the call runs as before.
/// <para>
/// <b>Why traces stay exact without inline frames.</b> Inside the inlined body every point where the method could
/// fail or call out — a property-cache miss (the block that would call <c>sox_get_property_cached</c> or
/// <c>sox_set_property_cached</c>), an operand of <c>+ - * / % &lt; &lt;= &gt; &gt;=</c> or unary <c>-</c> that is not a
/// number — jumps to the fallback: the original call of the same closure with the same receiver and arguments,
/// which runs the whole method from its start, fills the caches and raises the exact error with its
/// <c>[line N] in m()</c> frame (language.md §10.3). That is only correct when nothing observable happened before
/// the jump, so a body qualifies only when every such point comes before its first store: a field store through a
/// cache hit on an existing slot cannot fail, and anything after it may not fail either. The inlined body itself
/// neither fails nor calls, so it never appears in a trace; its instructions carry the call's line and column.
/// </para>
/// <para>
/// <b>Why a match is sound.</b> The invoke cache hit (or the runtime lookup) produced the closure the call would run;
/// equal code pointers mean it runs this method's body. The closure itself is passed on as the body's first
/// parameter, so captured variables read the right cells. The prologue's stack-depth check disappears with the call,
/// as for <see cref="Inlining"/>: a body without calls cannot recurse, and the fallback call keeps its check.
/// </para>
/// Bodies are read in <see cref="Prepare"/> before any function is transformed, so functions may then run in parallel.
/// </summary>
internal sealed class MethodInlining : FunctionPass, IModuleAnalysis
{
    /// <summary>The most methods compared at one call (a site seeing more classes keeps its call for the rest).</summary>
    public const int MaxCandidates = 8;

    /// <summary>The largest body (instructions) inlined.</summary>
    public const int MaxInstructions = 64;

    public override string Name => "inline.methods";

    private Dictionary<(string Name, int Arguments), List<InlinableMethod>> _methods = new();

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
    }

    public override void Run(IrFunction function)
    {
        if (_methods.Count == 0) return;
        // Only the blocks that exist now: the inlined bodies' blocks hold no marked call.
        foreach (var block in function.Blocks.ToArray())
        {
            var instructions = block.Instructions;
            for (var i = 0; i < instructions.Count; i++)
            {
                if (instructions[i] is not CallInst { InvokedMethod: { } name, Target: { } code } call) continue;
                if (!_methods.TryGetValue((name, call.Arguments.Count), out var candidates)) continue;
                InlineAt(function, block, i, call, code, candidates);
                break;
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="block"/> at the call: the block ends in the comparisons of the call's code pointer with
    /// each candidate's symbol, a match runs the candidate's body, no match the call (block <c>invoke_call</c>), and
    /// all of them continue in <c>invoke_done</c> with the rest of the block.
    /// </summary>
    private static void InlineAt(IrFunction function, BasicBlock block, int index, CallInst call, VReg code, List<InlinableMethod> candidates)
    {
        var firstNew = function.Blocks.Count;
        var instructions = block.Instructions;
        var rest = instructions.GetRange(index + 1, instructions.Count - index - 1);
        instructions.RemoveRange(index, instructions.Count - index);
        var fallback = function.NewBlock("invoke_call");
        fallback.Instructions.Add(call);
        var done = function.NewBlock("invoke_done");
        fallback.Instructions.Add(new JumpInst(done, call.Line) { Column = call.Column });
        done.Instructions.AddRange(rest);

        var b = new IrBuilder(function) { Line = call.Line, Column = call.Column };
        b.SetBlock(block);
        for (var k = 0; k < candidates.Count; k++)
        {
            var inlined = function.NewBlock("inlined");
            var next = k + 1 < candidates.Count ? function.NewBlock("invoke_compare") : fallback;
            b.CompareBranch(IntCondition.Eq, code, b.SymbolAddress(candidates[k].Symbol), inlined, next);
            candidates[k].Expand(function, call, inlined, fallback, done);
            b.SetBlock(next);
        }

        // Layout: the comparisons and bodies right after the block, then the call, then the rest of the block. The
        // call stays near: registers live into it would otherwise have intervals over everything in between, and
        // the allocator would spill them across every call there.
        var added = function.Blocks.GetRange(firstNew, function.Blocks.Count - firstNew);
        function.Blocks.RemoveRange(firstNew, added.Count);
        added.Remove(fallback);
        added.Remove(done);
        added.Add(fallback);
        added.Add(done);
        function.Blocks.InsertRange(function.Blocks.IndexOf(block) + 1, added);
    }
}
