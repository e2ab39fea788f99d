using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.ClassifyNames"/>: what each name denotes, for semantic highlighting.</summary>
[TestClass]
public sealed class ClassifyNamesTests
{
    [TestMethod]
    public void EachNameGetsItsKind()
    {
        using var workspace = Programs.Create();
        var names = LanguageService.ClassifyNames(workspace.Graph("main.sox"), workspace.PathOf("main.sox"));
        SoxSymbolKind KindAt(string mark) => names.Single(n => n.Range.Start == workspace[mark]).Kind;
        Assert.AreEqual(SoxSymbolKind.Parameter, KindAt("aUse"));
        Assert.AreEqual(SoxSymbolKind.Function, KindAt("addUse"));
        Assert.AreEqual(SoxSymbolKind.Upvalue, KindAt("nUpvalue"));
        Assert.AreEqual(SoxSymbolKind.Local, KindAt("nDecl"));
        Assert.AreEqual(SoxSymbolKind.Builtin, KindAt("lenUse"));
        Assert.AreEqual(SoxSymbolKind.Class, KindAt("squareUse"));
        Assert.AreEqual(SoxSymbolKind.Method, KindAt("areaCall"));
        Assert.AreEqual(SoxSymbolKind.Field, KindAt("nameUse"));
        Assert.AreEqual(SoxSymbolKind.Module, KindAt("geoUse"));
        Assert.AreEqual(SoxSymbolKind.Function, KindAt("areaExport"));
        Assert.AreEqual(SoxSymbolKind.Global, KindAt("counterUse"));
        Assert.AreEqual(SoxSymbolKind.This, KindAt("thisKw"));
        Assert.IsTrue(names.Single(n => n.Range.Start == workspace["addDecl"]).IsDeclaration);
        Assert.IsFalse(names.Single(n => n.Range.Start == workspace["addUse"]).IsDeclaration);
        Assert.IsTrue(names.Zip(names.Skip(1)).All(p => p.First.Range.Start.Line < p.Second.Range.Start.Line
            || (p.First.Range.Start.Line == p.Second.Range.Start.Line && p.First.Range.Start.Character < p.Second.Range.Start.Character)), "in source order");
    }
}
