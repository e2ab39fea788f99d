using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Inlines, at direct Sox-convention call sites (<c>call.sox sym(…)</c>, which lowering emits for a variable that
/// always holds one known <c>fn</c> with the right argument count, architecture.md D2), functions of this module
/// whose body <b>cannot fail</b>: one block of constants and copies ending in <c>ret</c> — an empty function (returns
/// nil), an empty <c>init</c>, a function returning a constant or one of its parameters (issue 15 item 5).
/// <para>
/// <b>The rule, and why it keeps traces exact.</b> Only bodies that can raise no runtime error are inlined: a body
/// that cannot fail never appears in a trace, so removing its frame changes no trace (language.md §10.3), and the
/// caller's instructions keep their own lines. The only observable difference is the callee's prologue check of
/// <c>sox_stack_limit</c>: a call that no longer exists cannot overflow, and a leaf body cannot recurse. Bodies that
/// can fail are not inlined until the line table has inline frames (runtime-abi.md "Line tables").
/// </para>
/// <para>
/// <b>Reassignment.</b> Lowering emits a direct call only through a variable that is never assigned and has a single
/// <c>fn</c> definition (<c>KnownFunctions</c>), and a global keeps its undefined check in front of the call, so the
/// inlined body is always the body the call would have run. The <c>init</c> of a known class is called directly only
/// behind a run-time check that the class's init closure runs that function (<c>FunctionLowerer.Construct.cs</c>). A function reassigned anywhere in its module is called
/// through the value and never inlined.
/// </para>
/// The pass reads every function's body before any function is transformed (<see cref="Prepare"/>), so functions
/// may then run in parallel.
/// </summary>
internal sealed class Inlining : FunctionPass, IModuleAnalysis
{
    public override string Name => "inline";

    /// <summary>A body that cannot fail: its parameters, its constant and copy instructions, and what it returns.</summary>
    private sealed record Body(IReadOnlyList<VReg> Parameters, IReadOnlyList<Instruction> Instructions, VReg? Result);

    private Dictionary<string, Body> _bodies = new();

    /// <inheritdoc/>
    public void Prepare(IrModule module)
    {
        var bodies = new Dictionary<string, Body>();
        foreach (var function in module.Functions)
        {
            if (function.Convention != CallingConvention.Sox || function.Blocks.Count != 1 || function.HasDefers) continue;
            var instructions = function.Blocks[0].Instructions;
            if (instructions.Count == 0 || instructions[^1] is not ReturnInst ret) continue;
            var simple = true;
            for (var i = 0; i < instructions.Count - 1 && simple; i++)
            {
                simple = instructions[i] is ConstInst or CopyInst;
            }
            if (!simple) continue;
            bodies[function.Symbol] = new Body(function.Parameters.ToArray(), instructions.Take(instructions.Count - 1).ToArray(), ret.Value);
        }
        _bodies = bodies;
    }

    public override void Run(IrFunction function)
    {
        if (_bodies.Count == 0) return;
        foreach (var block in function.Blocks)
        {
            var instructions = block.Instructions;
            for (var i = 0; i < instructions.Count; i++)
            {
                if (instructions[i] is not CallInst { Convention: CallingConvention.Sox, Symbol: { } symbol } call) continue;
                if (!_bodies.TryGetValue(symbol, out var body) || body.Parameters.Count != call.Arguments.Count) continue;
                var expanded = Expand(function, call, body);
                instructions.RemoveAt(i);
                instructions.InsertRange(i, expanded);
                i += expanded.Count - 1;
            }
        }
    }

    /// <summary>The callee's instructions with its registers renamed: parameters to the call's arguments, the rest fresh.</summary>
    private static List<Instruction> Expand(IrFunction caller, CallInst call, Body body)
    {
        var rename = new Dictionary<VReg, VReg>();
        for (var p = 0; p < body.Parameters.Count; p++) rename[body.Parameters[p]] = call.Arguments[p];
        VReg Map(VReg r)
        {
            if (!rename.TryGetValue(r, out var mapped)) rename[r] = mapped = caller.NewRegister(r.Type);
            return mapped;
        }
        var result = new List<Instruction>();
        foreach (var inst in body.Instructions)
        {
            // Every instruction gets the call's line and column: the body cannot fail, and a debugger stepping
            // over the call stays on the caller's statement.
            switch (inst)
            {
                case ConstInst c:
                    result.Add(new ConstInst(Map(c.Dest!), c.Bits, call.Line) { Column = call.Column });
                    break;
                case CopyInst c:
                    var source = Map(c.Source);
                    result.Add(new CopyInst(Map(c.Dest!), source, call.Line) { Column = call.Column });
                    break;
            }
        }
        if (call.Result is { } dest && body.Result is { } value) result.Add(new CopyInst(dest, Map(value), call.Line) { Column = call.Column });
        return result;
    }
}

/// <summary>A pass that must see the whole module, unchanged, before it transforms functions one by one.</summary>
internal interface IModuleAnalysis
{
    /// <summary>Reads what the pass needs from <paramref name="module"/>; runs before any pass of the pipeline.</summary>
    void Prepare(IrModule module);
}
