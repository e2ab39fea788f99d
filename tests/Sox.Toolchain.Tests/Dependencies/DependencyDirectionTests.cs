using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Dependencies;

/// <summary>
/// docs/architecture.md: "Nothing later in the pipeline is referenced by anything earlier." Each stage is a namespace
/// of Sox.Compiler; a type may use types of its own stage and of earlier ones only. Read from the compiled assembly's
/// metadata (<see cref="TypeDependencies"/>), so every kind of use counts: signatures, generic arguments, attributes,
/// base types and the method bodies' calls and field accesses.
/// </summary>
[TestClass]
public sealed class DependencyDirectionTests
{
    /// <summary>The pipeline's stages, earliest first (the second part of each <c>Sox.Compiler.*</c> namespace).</summary>
    private static readonly string[] Stages =
        ["Text", "Diagnostics", "Syntax", "Semantics", "Ir", "Lowering", "Passes", "CodeGen", "Targets", "ObjectFiles", "Driver"];

    private const string Root = "Sox.Compiler.";

    private static readonly Lazy<IReadOnlySet<(string From, string To)>> Edges =
        new(() => TypeDependencies.Read(typeof(NativeCompiler).Assembly.Location));

    /// <summary>The stage of a Sox.Compiler type, or null for one outside Sox.Compiler (the BCL, compiler-generated types).</summary>
    private static string? StageOf(string type)
    {
        if (!type.StartsWith(Root, StringComparison.Ordinal)) return null;
        var rest = type[Root.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? "" : rest[..dot];
    }

    [TestMethod]
    public void EveryNamespaceIsAStageOfThePipeline()
    {
        var unplaced = Edges.Value.SelectMany(e => new[] { e.From, e.To })
            .Where(t => StageOf(t) is { } stage && !Stages.Contains(stage))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.AreEqual(0, unplaced.Count,
            "types outside the stages (add their namespace to Stages, in pipeline order, and to architecture.md):\n" + string.Join("\n", unplaced));
    }

    [TestMethod]
    public void NoStageReferencesALaterStage()
    {
        var violations = Edges.Value
            .Select(e => (e.From, e.To, FromStage: StageOf(e.From), ToStage: StageOf(e.To)))
            .Where(e => e.FromStage is { } from && e.ToStage is { } to && Array.IndexOf(Stages, to) > Array.IndexOf(Stages, from))
            .Select(e => $"{e.FromStage} -> {e.ToStage}: {e.From} -> {e.To}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.AreEqual(0, violations.Count, $"{violations.Count} references point against the pipeline:\n" + string.Join("\n", violations));
    }

    /// <summary>The reader itself: it must see uses of each kind, or the rule above would pass for want of edges.</summary>
    [TestMethod]
    [DataRow("Sox.Compiler.Lowering.ModuleLowerer", "Sox.Compiler.Ir.IrModule", "a return type")]
    [DataRow("Sox.Compiler.Semantics.SemanticModel", "Sox.Compiler.Syntax.Ast.ForeachStmt", "a generic argument of a field's type")]
    [DataRow("Sox.Compiler.Driver.ModuleCompiler", "Sox.Compiler.Passes.PassPipeline", "a static call in a method body (in a lambda)")]
    [DataRow("Sox.Compiler.Driver.ModuleCompiler", "Sox.Compiler.Lowering.LoweringOptions", "a constructor call")]
    [DataRow("Sox.Compiler.Semantics.Resolver", "Sox.Compiler.Syntax.Ast.VariableExpr", "a type test in a method body")]
    public void TheReaderSeesUsesOfEveryKind(string from, string to, string kind)
    {
        Assert.IsTrue(Edges.Value.Contains((from, to)), $"{from} -> {to} ({kind}) was not found");
    }
}
