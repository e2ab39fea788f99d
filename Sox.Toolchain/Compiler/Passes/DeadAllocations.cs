using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Removes instances nobody uses (issue 15): a <c>sox_instance_alloc(k)</c> whose result is read only by
/// <c>sox_instance_finish</c> — what lowering's direct construction leaves of <c>Foo()</c> once <c>inline</c> has
/// inlined an empty <c>init</c> (or the class has none) and <c>dce</c> has dropped the unused result — goes away with
/// those finishes. Neither call can run Sox code or fail: allocation may only collect (which no program can observe,
/// §10.2), and finishing only records how many fields the class's instances get (inline room, a memory layout choice).
/// An instance passed to a call that was not inlined (an <c>init</c> with a body) is used and stays.
/// </summary>
internal sealed class DeadAllocations : FunctionPass
{
    public override string Name => "deadalloc";

    public override void Run(IrFunction function)
    {
        var uses = RegisterCounts.Uses(function);
        var definitions = RegisterCounts.Definitions(function);
        var finishes = new int[function.Registers.Count];
        var allocations = new List<VReg>();
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst is not CallInst { Convention: CallingConvention.C } call) continue;
                if (call.Symbol == RuntimeFunctions.InstanceAlloc && call.Result is { } r) allocations.Add(r);
                else if (call.Symbol == RuntimeFunctions.InstanceFinish && call.Arguments.Count == 1) finishes[call.Arguments[0].Id]++;
            }
        }
        var dead = new HashSet<int>();
        foreach (var r in allocations)
        {
            if (definitions[r.Id] == 1 && uses[r.Id] == finishes[r.Id]) dead.Add(r.Id);
        }
        if (dead.Count == 0) return;
        foreach (var block in function.Blocks)
        {
            block.Instructions.RemoveAll(inst => inst is CallInst { Convention: CallingConvention.C } call
                && ((call.Symbol == RuntimeFunctions.InstanceAlloc && call.Result is { } r && dead.Contains(r.Id))
                    || (call.Symbol == RuntimeFunctions.InstanceFinish && call.Arguments.Count == 1 && dead.Contains(call.Arguments[0].Id))));
        }
    }
}
