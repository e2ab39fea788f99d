using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>One transformation of an <see cref="IrModule"/>. <see cref="Name"/> is what <c>--dump-after</c> takes.</summary>
public interface IIrPass
{
    /// <summary>The short name of the pass (<c>fold</c>, <c>dce</c>, …): <c>--dump-after</c> values and verifier messages.</summary>
    string Name { get; }

    /// <summary>Transforms <paramref name="module"/> in place, establishing the invariants the pass documents.</summary>
    void Run(IrModule module);
}

/// <summary>A pass that transforms each function independently.</summary>
public abstract class FunctionPass : IIrPass
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>Runs <see cref="Run(IrFunction)"/> on each function of <paramref name="module"/>, in order.</summary>
    public void Run(IrModule module)
    {
        foreach (var f in module.Functions) Run(f);
    }

    /// <summary>Transforms one function in place; touches no other function and no module state (so functions may run in parallel).</summary>
    public abstract void Run(IrFunction function);
}
