using Sox.Compiler.Driver;
using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.Dependencies;

/// <summary>
/// docs/architecture.md: Sox.LanguageServices comes after the compiler's last stage (Driver) and uses the compiler
/// only: no protocol or JSON package, no CLI. The language server depends on it, never the other way round.
/// </summary>
[TestClass]
public sealed class LanguageServicesDependencyTests
{
    [TestMethod]
    public void ReferencesTheCompilerAndTheFrameworkOnly()
    {
        var services = typeof(LanguageService).Assembly;
        var references = services.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        CollectionAssert.Contains(references, typeof(FrontEnd).Assembly.GetName().Name);
        var others = references.Where(n => n != "Sox.Compiler" && !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard").ToList();
        Assert.AreEqual(0, others.Count, "unexpected references: " + string.Join(", ", others));
    }

    [TestMethod]
    public void TheCompilerDoesNotReferenceIt() =>
        Assert.IsFalse(typeof(FrontEnd).Assembly.GetReferencedAssemblies().Any(a => a.Name == "Sox.LanguageServices"));
}
