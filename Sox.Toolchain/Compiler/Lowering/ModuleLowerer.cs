using Sox.Compiler.Diagnostics;
using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// AST → IR for one module (one object file). Produces: the initialiser <c>sox_mod_&lt;M&gt;_init</c> (the top level),
/// one Sox-convention function per <c>fn</c>, method, lambda and defer body with its invoke thunk and descriptor,
/// the static string objects, the global slot array (every slot <c>undefined</c>, plus the hidden module-value
/// slot), for the entry module <c>sox_program_entry</c>, and the wrappers of <c>extern fn</c> and C entries of
/// <c>export fn</c> declarations (§9).
/// </summary>
public static class ModuleLowerer
{
    /// <summary>
    /// Lowers one resolved module to IR; unsupported constructs are reported to <paramref name="diagnostics"/>.
    /// </summary>
    /// <param name="source">The module, parsed and resolved without errors.</param>
    /// <param name="options">Whether it is the entry module and what the program entry runs.</param>
    /// <param name="diagnostics">Receives lowering errors.</param>
    /// <returns>The module's IR, before the pass pipeline.</returns>
    public static IrModule Lower(SourceModule source, LoweringOptions options, DiagnosticBag diagnostics)
    {
        var m = new ModuleContext(source, diagnostics, options);
        m.Module.Functions.Add(FunctionLowerer.LowerScript(m, source.Unit));
        m.Module.Data.Add(GlobalSlots(m));
        if (options.Mode == EntryMode.Test && ProgramEntry.CountTests(source) > 0) m.Module.Functions.Add(ProgramEntry.LowerTestCollector(m));
        if (options.IsEntry) m.Module.Functions.Add(ProgramEntry.Lower(m, options.Mode));
        if (m.PropertyCacheBytes > 0)
            m.Module.Data.Add(new DataItem(m.Names.PropertyCaches, Linkage.Local, DataSection.Data, DataKind.Other, 8,
                new byte[m.PropertyCacheBytes]));
        return m.Module;
    }

    /// <summary>Lowers a nested function once (with its thunk and descriptor); returns its symbols.</summary>
    internal static LoweredFunction LowerChild(ModuleContext m, FunctionDecl decl)
    {
        var lowered = m.FunctionFor(m.Model.Function(decl) ?? throw new InvalidOperationException("function was not resolved"));
        if (lowered.IsLowered) return lowered;
        lowered.IsLowered = true;
        m.Module.Functions.Add(FunctionLowerer.LowerFunction(m, decl, lowered));
        FunctionDescriptors.Emit(m, lowered, decl);
        return lowered;
    }

    private static DataItem GlobalSlots(ModuleContext m)
    {
        var bytes = new byte[8 * m.GlobalSlotCount];
        for (var i = 0; i < m.GlobalSlotCount; i++) BitConverter.TryWriteBytes(bytes.AsSpan(8 * i), ValueBits.Undefined);
        return new DataItem(m.Names.Globals, Linkage.Local, DataSection.Data, DataKind.GlobalSlots, 8, bytes);
    }
}
