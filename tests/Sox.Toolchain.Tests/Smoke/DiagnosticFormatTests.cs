using Sox.Compiler.Diagnostics;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Smoke;

[TestClass]
public sealed class DiagnosticFormatTests
{
    [TestMethod]
    public void DiagnosticPrintsInMSBuildCanonicalForm()
    {
        var source = new SourceText("dir/a.sox", "var x = 1\nvar y = @\n");
        var bag = new DiagnosticBag();
        bag.Report(DiagnosticCodes.UnexpectedCharacter, source, new TextSpan(18, 1), "@");
        Assert.AreEqual("dir/a.sox(2,9): error SOX1001: Unexpected character '@'.", bag.Items[0].ToString());
        Assert.IsTrue(bag.HasErrors);
    }

    [TestMethod]
    public void EveryDescriptorHasAUniqueCodeInItsStageRange()
    {
        var codes = DiagnosticCodes.All.Select(d => d.Code).ToList();
        Assert.AreEqual(codes.Count, codes.Distinct().Count());
        foreach (var code in codes) StringAssert.Matches(code, new System.Text.RegularExpressions.Regex(@"^SOX[1-5]\d{3}$"));
    }
}
