using Sox.Compiler.Diagnostics;
using Sox.Compiler.Ir;
using Sox.Compiler.Lowering;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>Parses, resolves and lowers Sox source text for IR tests.</summary>
internal static class IrTestHelpers
{
    /// <summary>One self-contained module named <c>main</c>; fails the test on any front-end error.</summary>
    public static SourceModule Module(string text, string mangledName = "main")
    {
        var diagnostics = new DiagnosticBag();
        var source = new SourceText("main.sox", text);
        var unit = Parser.Parse(source, diagnostics);
        var resolved = Resolver.Resolve(unit, diagnostics);
        var errors = diagnostics.Items.Where(d => d.IsError).ToList();
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        return new SourceModule("/virtual/main.sox", "main.sox", unit, [], mangledName, resolved.Model);
    }

    /// <summary>Lowers without passes and verifies the result.</summary>
    public static IrModule Lower(string text, LoweringOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        var module = ModuleLowerer.Lower(Module(text), options ?? new LoweringOptions(IsEntry: true), diagnostics);
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics.Items));
        AssertVerifies(module);
        return module;
    }

    public static void AssertVerifies(IrModule module)
    {
        var errors = IrVerifier.Verify(module);
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors) + "\n" + IrPrinter.Print(module));
    }

    /// <summary>The function lowered from the Sox function with this display name.</summary>
    public static IrFunction Function(IrModule module, string name) =>
        module.Functions.Single(f => f.InLineTable && f.TraceName == name);

    public static IrFunction Init(IrModule module) => module.Functions.Single(f => f.Symbol == SymbolNames.Init(module.Name));

    public static IEnumerable<Instruction> Instructions(IrFunction f) => f.Blocks.SelectMany(b => b.Instructions);

    public static IEnumerable<CallInst> CallsTo(IrFunction f, string symbol) =>
        Instructions(f).OfType<CallInst>().Where(c => c.Symbol == symbol);
}

internal static class IrShape
{
    /// <summary>True when the block can reach itself (it is inside a loop).</summary>
    public static bool InCycle(BasicBlock block)
    {
        var seen = new HashSet<BasicBlock>();
        var work = new Stack<BasicBlock>(block.Successors);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (b == block) return true;
            if (seen.Add(b)) foreach (var s in b.Successors) work.Push(s);
        }
        return false;
    }

    public static BasicBlock BlockOf(IrFunction f, Instruction inst) => f.Blocks.Single(b => b.Instructions.Contains(inst));

    public static IEnumerable<BasicBlock> Predecessors(IrFunction f, BasicBlock block) => f.Blocks.Where(b => b.Successors.Contains(block));
}
