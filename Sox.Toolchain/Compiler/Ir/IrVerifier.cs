namespace Sox.Compiler.Ir;

/// <summary>
/// Checks the structural invariants every pass must preserve and every backend relies on:
/// <list type="bullet">
/// <item>the function has an entry block without predecessors; parameters and result match its convention;</item>
/// <item>every block ends in exactly one terminator, and branch targets are blocks of the same function;</item>
/// <item>registers and stack slots belong to the function, and every operand has the type its instruction needs;</item>
/// <item>in every reachable block, each register read is defined on some path from the entry (the IR is not SSA,
///   so "some path" is the strongest property that holds for merged results);</item>
/// <item>calls name exactly one target; Sox-convention calls pass a closure and I64 values; no-return calls have no result.</item>
/// </list>
/// Runs after every pass in tests and debug builds (<see cref="Passes.PassPipeline"/>).
/// </summary>
public static partial class IrVerifier
{
    /// <summary>All problems found in the module, each prefixed with the function and block.</summary>
    public static IReadOnlyList<string> Verify(IrModule module)
    {
        var errors = new List<string>();
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in module.Functions)
        {
            if (!symbols.Add(f.Symbol)) errors.Add($"{f.Symbol}: duplicate symbol");
            errors.AddRange(Verify(f));
        }
        foreach (var d in module.Data)
        {
            if (!symbols.Add(d.Symbol)) errors.Add($"{d.Symbol}: duplicate symbol");
            if (d.Alignment <= 0 || (d.Alignment & (d.Alignment - 1)) != 0) errors.Add($"{d.Symbol}: alignment {d.Alignment} is not a power of two");
            foreach (var r in d.Relocations)
            {
                if (r.Offset < 0 || r.Offset + 8 > d.Bytes.Length) errors.Add($"{d.Symbol}: relocation at {r.Offset} outside the item");
            }
        }
        return errors;
    }

    /// <summary>Throws when the module is malformed: a compiler bug, reported with the pass that caused it.</summary>
    public static void VerifyOrThrow(IrModule module, string after)
    {
        var errors = Verify(module);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"IR verification failed after {after}:\n  " + string.Join("\n  ", errors));
        }
    }

    /// <summary>The violations in one function, as readable messages; empty when it is well formed.</summary>
    public static IReadOnlyList<string> Verify(IrFunction function)
    {
        var context = new Checker(function);
        context.Run();
        return context.Errors;
    }
}
