using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>One transformation of an <see cref="IrModule"/>. <see cref="Name"/> is what <c>--dump-after</c> takes.</summary>
public interface IIrPass
{
    string Name { get; }

    void Run(IrModule module);
}

/// <summary>A pass that transforms each function independently.</summary>
public abstract class FunctionPass : IIrPass
{
    public abstract string Name { get; }

    public void Run(IrModule module)
    {
        foreach (var f in module.Functions) Run(f);
    }

    public abstract void Run(IrFunction function);
}
